// The reduced-precision softmax demo: float16 emulation and where overflow must appear.
#include <gtest/gtest.h>

#include <cmath>

#include "losslab/precision.hpp"
#include "losslab/softmax.hpp"

namespace losslab {
namespace {

TEST(Half, RoundsLikeIeeeBinary16) {
    EXPECT_EQ(roundToHalf(1.0), 1.0);
    EXPECT_EQ(roundToHalf(65504.0), 65504.0);
    EXPECT_EQ(roundToHalf(65519.0), 65504.0);
    EXPECT_TRUE(std::isinf(roundToHalf(65520.0)));
    EXPECT_EQ(roundToHalf(1.0 + 1.0 / 2048), 1.0);                       // tie to even
    EXPECT_EQ(roundToHalf(1.0 + 3.0 / 2048), 1.0 + 2.0 / 1024);          // tie to even, up
    EXPECT_EQ(roundToHalf(std::ldexp(1.0, -24)), std::ldexp(1.0, -24));  // smallest subnormal
    EXPECT_EQ(roundToHalf(std::ldexp(1.0, -26)), 0.0);
    EXPECT_EQ(roundToHalf(-3.14159), -3.140625);
}

TEST(PrecisionSoftmax, NaiveHalfOverflowsAbove11) {
    EXPECT_NEAR(naiveOverflowThreshold(Precision::Half), 11.09, 0.01);
    const Vec ok = (Vec(3) << 11.0, 2.0, -1.0).finished();
    const Vec bad = (Vec(3) << 11.2, 2.0, -1.0).finished();
    const PrecisionSoftmax a = softmaxInPrecision(ok, 1.0, Precision::Half, false);
    EXPECT_FALSE(a.overflowed);
    EXPECT_TRUE(a.probs.allFinite());
    const PrecisionSoftmax b = softmaxInPrecision(bad, 1.0, Precision::Half, false);
    EXPECT_TRUE(b.overflowed);
    EXPECT_TRUE(b.hasNaN);  // inf / inf
    EXPECT_EQ(b.firstBadIndex, 0);
    // The max-shift fixes it.
    const PrecisionSoftmax c = softmaxInPrecision(bad, 1.0, Precision::Half, true);
    EXPECT_FALSE(c.overflowed);
    EXPECT_NEAR(c.probs[0], 1.0, 1e-3);
}

TEST(PrecisionSoftmax, SingleAndDoubleThresholds) {
    EXPECT_NEAR(naiveOverflowThreshold(Precision::Single), 88.72, 0.01);
    EXPECT_NEAR(naiveOverflowThreshold(Precision::Double), 709.78, 0.01);
    const Vec s = (Vec(2) << 100.0, 0.0).finished();
    EXPECT_TRUE(softmaxInPrecision(s, 1.0, Precision::Single, false).overflowed);
    EXPECT_FALSE(softmaxInPrecision(s, 1.0, Precision::Double, false).overflowed);
    const Vec huge = (Vec(2) << 1000.0, 0.0).finished();
    EXPECT_TRUE(softmaxInPrecision(huge, 1.0, Precision::Double, false).overflowed);
    const PrecisionSoftmax shifted = softmaxInPrecision(huge, 1.0, Precision::Double, true);
    EXPECT_FALSE(shifted.overflowed);
    EXPECT_EQ(shifted.probs[0], 1.0);
}

TEST(PrecisionSoftmax, UnderflowWhenAllVeryNegative) {
    const Vec s = (Vec(2) << -800.0, -801.0).finished();
    const PrecisionSoftmax naive = softmaxInPrecision(s, 1.0, Precision::Double, false);
    EXPECT_TRUE(naive.underflowed);
    EXPECT_TRUE(naive.hasNaN);  // 0 / 0
    const PrecisionSoftmax shifted = softmaxInPrecision(s, 1.0, Precision::Double, true);
    EXPECT_NEAR(shifted.probs[0], 1 / (1 + std::exp(-1.0)), 1e-15);
}

TEST(PrecisionSoftmax, DoubleShiftedMatchesSoftmax) {
    const Vec s = (Vec(3) << 3.2, 5.1, -1.7).finished();
    const PrecisionSoftmax d = softmaxInPrecision(s, 1.3, Precision::Double, true);
    const Vec p = softmax(s, 1.3);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(d.probs[i], p[i], 1e-15);
    const PrecisionSoftmax h = softmaxInPrecision(s, 1.3, Precision::Half, true);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(h.probs[i], p[i], 2e-3);
}

}  // namespace
}  // namespace losslab
