#pragma once
// Softmax, log-sum-exp and friends with temperature (docs/math.md).
// Everything here is stable for |s| up to 1e300 in double precision.
#include <string>

#include "losslab/types.hpp"

namespace losslab {

enum class LogBase { E, Two, Ten };

// ln(b): divide natural-log quantities by this to express them in base b.
double lnOfBase(LogBase base);
const char* logBaseKey(LogBase base);  // "e", "2", "10"
bool parseLogBase(const std::string& text, LogBase* out);

// LSE(s/T) = m + log Σ exp(s_i/T − m), m = max s/T, computed as (s_i − s_max)/T so
// that neither s/T nor the differences overflow.
double logSumExp(const Vec& s, double temperature = 1.0);
Vec softmax(const Vec& s, double temperature = 1.0);

// Lecture 000's bounds of LSE(z), z = s/T, K = size of s: max z ≤ LSE(z) ≤ max z + log K. The
// lower bound is approached when one z_i dominates (LSE is a "soft max"), the upper one is
// reached when all z_i are equal. The gradient of LSE is softmax(z); for K = 2 that is
// ∂LSE/∂z1 = σ(z1 − z0), the sigmoid (lecture 004).
struct LogSumExpBounds {
    double lower = 0.0;  // max z
    double upper = 0.0;  // max z + log K
};
LogSumExpBounds logSumExpBounds(const Vec& s, double temperature = 1.0);
Vec logSoftmax(const Vec& s, double temperature = 1.0);

// Scalar helpers, stable for any finite x.
double sigmoid(double x);
double softplus(double x);    // log(1 + e^x)
double logSigmoid(double x);  // log σ(x) = −softplus(−x)
// Binary cross-entropy of one logit x against a target t ∈ [0, 1], in nats:
// −[t log σ(x) + (1 − t) log σ(−x)] = t·softplus(−x) + (1 − t)·softplus(x). With K = 2,
// softmax(s)_1 = σ(s1 − s0), so cross-entropy with true class y is this at x = s1 − s0,
// t = y (lectures 000 and 004); ova_logistic sums it over the classes.
double binaryCrossEntropyWithLogit(double x, double target);

// H(p) = −Σ p_i log_b p_i with 0·log 0 = 0.
double entropy(const Vec& p, LogBase base = LogBase::E);
// m(s, y) = s_y − max_{j≠y} s_j (lecture 000).
double margin(const Vec& s, int y);
// Index of the largest entry, lowest index on ties.
int argmax(const Vec& s);
// Strongest rival of class y: argmax_{j≠y} s_j, lowest index on ties.
int strongestRival(const Vec& s, int y);

}  // namespace losslab
