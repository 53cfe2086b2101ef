#include "losslab/precision.hpp"

#include <cmath>
#include <limits>

namespace losslab {

const char* precisionName(Precision precision) {
    switch (precision) {
        case Precision::Half:
            return "float16";
        case Precision::Single:
            return "float32";
        case Precision::Double:
            break;
    }
    return "float64";
}

double largestFinite(Precision precision) {
    switch (precision) {
        case Precision::Half:
            return 65504.0;
        case Precision::Single:
            return static_cast<double>(std::numeric_limits<float>::max());
        case Precision::Double:
            break;
    }
    return std::numeric_limits<double>::max();
}

double naiveOverflowThreshold(Precision precision) {
    return std::log(largestFinite(precision));
}

double roundToHalf(double x) {
    if (!std::isfinite(x) || x == 0.0) return x;
    const double a = std::abs(x);
    // 65520 is halfway between 65504 and 65536 (which does not exist): ties go to even,
    // i.e. up, i.e. overflow.
    if (a >= 65520.0) return std::copysign(std::numeric_limits<double>::infinity(), x);
    // Normal numbers have 10 fraction bits; below 2^-14 the spacing stays 2^-24 (subnormals).
    const int exponent = std::max(static_cast<int>(std::floor(std::log2(a))), -14);
    const double spacing = std::ldexp(1.0, exponent - 10);
    // nearbyint uses the current rounding mode, round-to-nearest-even by default.
    return std::copysign(std::nearbyint(a / spacing) * spacing, x);
}

double roundTo(Precision precision, double x) {
    switch (precision) {
        case Precision::Half:
            return roundToHalf(x);
        case Precision::Single:
            return static_cast<double>(static_cast<float>(x));
        case Precision::Double:
            break;
    }
    return x;
}

PrecisionSoftmax softmaxInPrecision(const Vec& s, double temperature, Precision precision,
                                    bool shifted) {
    // Each arithmetic result is rounded to the target format. For float32 this equals
    // native float arithmetic: double carries more than twice float's bits, so rounding
    // the exact double result once is the correctly rounded float result.
    auto r = [precision](double x) { return roundTo(precision, x); };
    const Eigen::Index k = s.size();
    PrecisionSoftmax out;
    out.probs.resize(k);
    Vec z(k);
    const double t = r(temperature);
    for (Eigen::Index i = 0; i < k; ++i)
        z[i] = r(r(s[i]) / t);
    const double shift = shifted ? z.maxCoeff() : 0.0;
    Vec e(k);
    double sum = 0.0;
    for (Eigen::Index i = 0; i < k; ++i) {
        e[i] = r(std::exp(r(z[i] - shift)));
        if (std::isinf(e[i])) out.overflowed = true;
        sum = r(sum + e[i]);
    }
    if (std::isinf(sum)) out.overflowed = true;
    if (sum == 0.0) out.underflowed = true;
    for (Eigen::Index i = 0; i < k; ++i) {
        out.probs[i] = r(e[i] / sum);
        if (std::isnan(out.probs[i])) out.hasNaN = true;
        if (!std::isfinite(out.probs[i]) && out.firstBadIndex < 0) {
            out.firstBadIndex = static_cast<int>(i);
        }
    }
    return out;
}

}  // namespace losslab
