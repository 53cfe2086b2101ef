#pragma once
// The numerical tricks every loss kernel shares (private to core): exp that underflows to an
// exact 0, log1p of a vector, log-sum-exp of shifted logits without losing tiny losses, and
// the softplus pieces of the logistic losses. One copy of each, so a fix reaches every loss.
//
// exp and log go through Eigen, whose vectorized versions libm does not offer without
// -ffast-math; the surrounding loops are plain so that GCC vectorizes their compares and
// selects (which Eigen 3.4 evaluates one scalar at a time).
#include <Eigen/Core>

namespace losslab::numerics {

using ArrayMap = Eigen::Map<Eigen::ArrayXd>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXd>;

// Eigen's vectorized exp clamps its argument near −709 and so returns ~1e-308 where the true
// value is 0 (exp(−1e300)). Harmless in a sum, but the focal gradient multiplies p by log p,
// and 1e-308 · (−4e300) is not 0. Below this bound the result is set to 0 (exp(−708) is
// already below the smallest normal double, so nothing measurable is lost).
inline constexpr double kExpUnderflow = -708.0;

// exp of `count` values, vectorized, and exactly 0 below kExpUnderflow. out may be x.
inline void flushedExp(const double* x, Eigen::Index count, double* out) {
    ArrayMap(out, count) = ConstArrayMap(x, count).exp();
    for (Eigen::Index i = 0; i < count; ++i)
        out[i] = x[i] < kExpUnderflow ? 0.0 : out[i];
}

// log(1 + x) for x ≥ 0: one vectorized log of u = 1 + x, then log(u)·x/(u − 1) corrects the
// rounding of u (Goldberg's trick), and is x itself when u rounds to 1. out must not be x.
inline void log1pOfNonNegative(const double* x, Eigen::Index count, double* out) {
    ArrayMap(out, count) = (ConstArrayMap(x, count) + 1.0).log();
    for (Eigen::Index i = 0; i < count; ++i) {
        const double excess = (1.0 + x[i]) - 1.0;
        const double safe = excess == 0.0 ? 1.0 : excess;
        out[i] = excess == 0.0 ? x[i] : out[i] * x[i] / safe;
    }
}

// The log-sum-exp of rows whose logits are already shifted so that each row's maximum is
// exactly 0 (z = (s − max s)/T): e = exp(z) per class, column-major with `stride` between
// classes. The max entries' exps are set to exactly 1; a row's Σ exp is 1 + others with
//   others = Σ of the entries below the max + (number of max entries − 1),
// summed apart so that a loss of 1e-48 is not lost in 1 + 1e-48 − 1. Writes others,
// logSum = log(1 + others) = LSE(z) and invDen = 1/(1 + others) for `rows` rows.
// `ties` is scratch of `rows` entries.
inline void shiftedLogSumExp(const double* z, double* e, Eigen::Index stride, Eigen::Index classes,
                             Eigen::Index rows, double* others, double* ties, double* logSum,
                             double* invDen) {
    for (Eigen::Index r = 0; r < rows; ++r) {
        others[r] = 0.0;
        ties[r] = -1.0;  // the max itself is not one of the "others"
    }
    for (Eigen::Index i = 0; i < classes; ++i) {
        const double* zi = z + i * stride;
        double* ei = e + i * stride;
        for (Eigen::Index r = 0; r < rows; ++r) {
            ei[r] = zi[r] == 0.0 ? 1.0 : ei[r];
            others[r] += zi[r] < 0.0 ? ei[r] : 0.0;
            ties[r] += zi[r] == 0.0 ? 1.0 : 0.0;
        }
    }
    for (Eigen::Index r = 0; r < rows; ++r)
        others[r] += ties[r];
    log1pOfNonNegative(others, rows, logSum);
    for (Eigen::Index r = 0; r < rows; ++r)
        invDen[r] = 1.0 / (1.0 + others[r]);
}

// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|) and σ(x) = 1/(1 + e^−x), from
// e = e^−|x| and tail = log1p(e) computed once for both signs.
inline double softplusFromTail(double x, double tail) {
    return (x < 0.0 ? 0.0 : x) + tail;
}
inline double sigmoidFromExpNegAbs(double x, double expNegAbs) {
    return x >= 0 ? 1.0 / (1.0 + expNegAbs) : expNegAbs / (1.0 + expNegAbs);
}

// A running sum with its rounding error carried along (Kahan), in the order of the calls: the
// mean of N equal losses is that loss to the last digit or two, as a pairwise sum would give,
// and the result does not depend on where the terms are stored.
class CompensatedSum {
  public:
    void add(double term) {
        const double corrected = term - lost_;
        const double next = sum_ + corrected;
        lost_ = (next - sum_) - corrected;
        sum_ = next;
    }
    long double value() const {
        return static_cast<long double>(sum_) - static_cast<long double>(lost_);
    }

  private:
    double sum_ = 0.0;
    double lost_ = 0.0;
};

}  // namespace losslab::numerics
