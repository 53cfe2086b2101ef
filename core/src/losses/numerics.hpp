#pragma once
// The numerical tricks every loss kernel shares (private to core): exp that underflows to an
// exact 0, log1p of a vector, log-sum-exp of shifted logits without losing tiny losses, and
// the softplus pieces of the logistic losses. One copy of each, so a fix reaches every loss.
//
// exp and log: libm offers no vectorized versions without -ffast-math, so they come from
// glibc's libmvec (its AVX-512 or AVX2 exp is about twice as fast here as Eigen's, within
// ~2 ulp instead of ~1) when the build targets those units and links libmvec (core/CMakeLists.txt
// defines LOSSLAB_HAVE_MVEC), else from Eigen. The surrounding loops are plain so that GCC
// vectorizes their compares and selects (which Eigen 3.4 evaluates one scalar at a time).
#include <Eigen/Core>

#if defined(LOSSLAB_HAVE_MVEC) && (defined(__AVX512F__) || defined(__AVX2__))
#include <immintrin.h>
#endif

namespace losslab::numerics {

using ArrayMap = Eigen::Map<Eigen::ArrayXd>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXd>;

// Eigen's vectorized exp clamps its argument near −709 and so returns ~1e-308 where the true
// value is 0 (exp(−1e300)). Harmless in a sum, but the focal gradient multiplies p by log p,
// and 1e-308 · (−4e300) is not 0. Below this bound the result is set to 0 (exp(−708) is
// already below the smallest normal double, so nothing measurable is lost), with libmvec's
// exp too, so that every build flushes the same values.
inline constexpr double kExpUnderflow = -708.0;

#if defined(LOSSLAB_HAVE_MVEC) && defined(__AVX512F__)
// libmvec's exp and log of 8 doubles (the x86-64 vector function ABI's names, AVX-512).
extern "C" __m512d _ZGVeN8v_exp(__m512d);
extern "C" __m512d _ZGVeN8v_log(__m512d);

// The few operations on a vector of doubles that the fused kernels need, with the width of
// libmvec's exp. loadFirst/storeFirst touch only the first n < kCount lanes (the other lanes
// read as 0), so a block's last rows go through the same exp as the others: a row's result
// does not depend on where in a block it falls.
struct DoubleLanes {
    using V = __m512d;
    using Mask = __mmask8;
    static constexpr int kCount = 8;
    static Mask first(Eigen::Index n) { return static_cast<Mask>((1u << n) - 1u); }
    static V load(const double* p) { return _mm512_loadu_pd(p); }
    static V loadFirst(const double* p, Eigen::Index n) {
        return _mm512_maskz_loadu_pd(first(n), p);
    }
    static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
    static void storeFirst(double* p, V v, Eigen::Index n) {
        _mm512_mask_storeu_pd(p, first(n), v);
    }
    static V all(double x) { return _mm512_set1_pd(x); }
    static V add(V a, V b) { return _mm512_add_pd(a, b); }
    static V sub(V a, V b) { return _mm512_sub_pd(a, b); }
    static V mul(V a, V b) { return _mm512_mul_pd(a, b); }
    static V div(V a, V b) { return _mm512_div_pd(a, b); }
    static Mask less(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
    static Mask equal(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
    static V select(Mask m, V ifTrue, V ifFalse) {
        return _mm512_mask_blend_pd(m, ifFalse, ifTrue);
    }
    static V exp(V x) { return _ZGVeN8v_exp(x); }
    static V log(V x) { return _ZGVeN8v_log(x); }
};
#define LOSSLAB_DOUBLE_LANES 1
#elif defined(LOSSLAB_HAVE_MVEC) && defined(__AVX2__)
// libmvec's exp and log of 4 doubles (AVX2).
extern "C" __m256d _ZGVdN4v_exp(__m256d);
extern "C" __m256d _ZGVdN4v_log(__m256d);

// As above, 4 lanes wide; masks are vectors of all-ones or all-zeros lanes.
struct DoubleLanes {
    using V = __m256d;
    using Mask = __m256d;
    static constexpr int kCount = 4;
    static __m256i first(Eigen::Index n) {
        return _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3));
    }
    static V load(const double* p) { return _mm256_loadu_pd(p); }
    static V loadFirst(const double* p, Eigen::Index n) { return _mm256_maskload_pd(p, first(n)); }
    static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
    static void storeFirst(double* p, V v, Eigen::Index n) { _mm256_maskstore_pd(p, first(n), v); }
    static V all(double x) { return _mm256_set1_pd(x); }
    static V add(V a, V b) { return _mm256_add_pd(a, b); }
    static V sub(V a, V b) { return _mm256_sub_pd(a, b); }
    static V mul(V a, V b) { return _mm256_mul_pd(a, b); }
    static V div(V a, V b) { return _mm256_div_pd(a, b); }
    static Mask less(V a, V b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
    static Mask equal(V a, V b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
    static V select(Mask m, V ifTrue, V ifFalse) { return _mm256_blendv_pd(ifFalse, ifTrue, m); }
    static V exp(V x) { return _ZGVdN4v_exp(x); }
    static V log(V x) { return _ZGVdN4v_log(x); }
};
#define LOSSLAB_DOUBLE_LANES 1
#endif

#ifdef LOSSLAB_DOUBLE_LANES
// out[i] = f(x[i]) for `count` values, f taking and returning a vector; the last values go
// through f too (masked lanes). out may be x.
template <typename F>
inline void mapLanes(const double* x, Eigen::Index count, double* out, F f) {
    using L = DoubleLanes;
    Eigen::Index i = 0;
    for (; i + L::kCount <= count; i += L::kCount)
        L::store(out + i, f(L::load(x + i)));
    if (i < count) L::storeFirst(out + i, f(L::loadFirst(x + i, count - i)), count - i);
}

// exp of one vector, exactly 0 below kExpUnderflow.
inline DoubleLanes::V flushedExpLanes(DoubleLanes::V x) {
    using L = DoubleLanes;
    return L::select(L::less(x, L::all(kExpUnderflow)), L::all(0.0), L::exp(x));
}
#endif

// exp of `count` values, vectorized, and exactly 0 below kExpUnderflow. out may be x.
inline void flushedExp(const double* x, Eigen::Index count, double* out) {
#ifdef LOSSLAB_DOUBLE_LANES
    mapLanes(x, count, out, flushedExpLanes);
#else
    ArrayMap(out, count) = ConstArrayMap(x, count).exp();
    for (Eigen::Index i = 0; i < count; ++i)
        out[i] = x[i] < kExpUnderflow ? 0.0 : out[i];
#endif
}

// log(1 + x) for x ≥ 0: one vectorized log of u = 1 + x, then log(u)·x/(u − 1) corrects the
// rounding of u (Goldberg's trick), and is x itself when u rounds to 1. out must not be x.
inline void log1pOfNonNegative(const double* x, Eigen::Index count, double* out) {
#ifdef LOSSLAB_DOUBLE_LANES
    using L = DoubleLanes;
    mapLanes(x, count, out, [](L::V v) {
        const L::V u = L::add(L::all(1.0), v);
        const L::V excess = L::sub(u, L::all(1.0));
        const L::Mask rounded = L::equal(excess, L::all(0.0));
        const L::V safe = L::select(rounded, L::all(1.0), excess);
        return L::select(rounded, v, L::div(L::mul(L::log(u), v), safe));
    });
#else
    ArrayMap(out, count) = (ConstArrayMap(x, count) + 1.0).log();
    for (Eigen::Index i = 0; i < count; ++i) {
        const double excess = (1.0 + x[i]) - 1.0;
        const double safe = excess == 0.0 ? 1.0 : excess;
        out[i] = excess == 0.0 ? x[i] : out[i] * x[i] / safe;
    }
#endif
}

// The log-sum-exp of rows whose logits are already shifted so that each row's maximum is
// exactly 0 (z = (s − max s)/T), from e = exp(z) per class: the max entries' exps are set to
// exactly 1 and a row's Σ exp is 1 + others with
//   others = Σ of the entries below the max + (number of max entries − 1),
// summed apart so that a loss of 1e-48 is not lost in 1 + 1e-48 − 1. The kernels gather, per
// row, `others` (the entries below the max) and `ties` (−1 + the number of entries at the max)
// in their pass over the classes; this adds them and writes others, logSum = log(1 + others)
// = LSE(z) and invDen = 1/(1 + others) for `rows` rows.
inline void finishShiftedLogSumExp(Eigen::Index rows, double* others, const double* ties,
                                   double* logSum, double* invDen) {
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
