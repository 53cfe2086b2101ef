#pragma once
// Softmax in reduced precision, for the teaching demo of overflow (docs/math.md, issue 2):
// the naive formula exp(z_i)/Σexp(z_j) against the max-shifted one, in emulated
// float16, float32 and float64.
#include <string>

#include "losslab/types.hpp"

namespace losslab {

enum class Precision { Half, Single, Double };
const char* precisionName(Precision precision);  // "float16", "float32", "float64"
double largestFinite(Precision precision);       // 65504, 3.4e38, 1.8e308
// Logit above which the naive exp(z) overflows: ln(largest finite).
double naiveOverflowThreshold(Precision precision);

// Rounds a double to the nearest IEEE binary16 value (ties to even), ±inf on overflow.
double roundToHalf(double x);
double roundTo(Precision precision, double x);

struct PrecisionSoftmax {
    Vec probs;                 // the computed probabilities (may hold inf or NaN)
    bool overflowed = false;   // some intermediate exp or sum became inf
    bool hasNaN = false;       // some probability is NaN (inf / inf)
    bool underflowed = false;  // every exp underflowed to 0 (0 / 0)
    int firstBadIndex = -1;    // first class whose probability is not finite, or -1
};

// Every operation is rounded to `precision` as real hardware would.
PrecisionSoftmax softmaxInPrecision(const Vec& s, double temperature, Precision precision,
                                    bool shifted);

}  // namespace losslab
