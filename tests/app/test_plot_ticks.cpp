// plot/ arithmetic: nice ticks that do not overlap, and transforms that round-trip.
#include <gtest/gtest.h>

#include <cmath>

#include "plot/ticks.hpp"

namespace losslab::plot {
namespace {

bool isNice(double step) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
    const double mantissa = step / magnitude;
    return std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
           std::abs(mantissa - 5) < 1e-9 || std::abs(mantissa - 10) < 1e-9;
}

TEST(Ticks, NiceStepsCoverTheRange) {
    struct Case {
        double lo, hi;
        int maxTicks;
    };
    for (const Case& c : {Case{0, 1, 6}, Case{-6, 6, 7}, Case{-1.7, 5.1, 8}, Case{0.001, 0.0034, 5},
                          Case{-1e6, 3e6, 9}, Case{0.05, 20, 5}, Case{3.14, 3.15, 4}}) {
        const std::vector<double> ticks = niceTicks(c.lo, c.hi, c.maxTicks);
        ASSERT_GE(ticks.size(), 2u) << c.lo << " " << c.hi;
        EXPECT_LE(static_cast<int>(ticks.size()), c.maxTicks);
        const double step = ticks[1] - ticks[0];
        EXPECT_TRUE(isNice(step)) << step;
        for (size_t i = 0; i < ticks.size(); ++i) {
            EXPECT_GE(ticks[i], c.lo - step * 1e-9);
            EXPECT_LE(ticks[i], c.hi + step * 1e-9);
            if (i > 0) {
                EXPECT_NEAR(ticks[i] - ticks[i - 1], step, step * 1e-9);
            }
            // Ticks sit on multiples of the step.
            EXPECT_NEAR(ticks[i] / step, std::round(ticks[i] / step), 1e-6);
        }
        // No room for another tick at either end.
        EXPECT_GT(ticks.front() - step, c.lo - step * 1e-9 - step);
        EXPECT_LT(ticks.front() - step, c.lo);
        EXPECT_GT(ticks.back() + step, c.hi);
    }
}

TEST(Ticks, ASmallerStepIsUsedWhenTheRangeLeavesRoomForIt) {
    // [−1.03, 1.03] with room for 3 ticks: −1, 0, 1 (a step of 2 would leave 0 alone).
    EXPECT_EQ(niceTicks(-1.03, 1.03, 3), (std::vector<double>{-1.0, 0.0, 1.0}));
    EXPECT_EQ(tickStep(-1.03, 1.03, 3), 1.0);
    // The same span elsewhere: a step of 1 gives 1 and 2, and 0.5 would give 4 ticks.
    EXPECT_EQ(niceTicks(0.5, 2.56, 3), (std::vector<double>{1.0, 2.0}));
    // Labels sized for the tick count never touch: over any range, ticks are at least
    // span / (maxTicks − ½) apart, and ticksThatFit leaves 1.6 label widths per tick.
    for (int fit = 2; fit <= 9; ++fit) {
        for (double lo = -3.0; lo < 0.0; lo += 0.01) {
            const std::vector<double> ticks = niceTicks(lo, lo + 2.06, fit);
            EXPECT_LE(static_cast<int>(ticks.size()), fit) << fit << " " << lo;
            EXPECT_FALSE(ticks.empty()) << fit << " " << lo;
            if (ticks.size() < 2) continue;
            EXPECT_GE((ticks[1] - ticks[0]) * (fit - 0.5), 2.06 - 1e-9) << fit << " " << lo;
        }
    }
    // Never more than asked for: [0, 2] holds 0, 1, 2 — too many for 2, so the step is 2.
    EXPECT_EQ(niceTicks(0.0, 2.0, 2), (std::vector<double>{0.0, 2.0}));
}

TEST(Ticks, ZeroIsExactlyZero) {
    for (double v : niceTicks(-0.3, 0.3, 7)) {
        if (std::abs(v) < 1e-12) {
            EXPECT_EQ(v, 0.0);
            EXPECT_FALSE(std::signbit(v));
        }
    }
    EXPECT_EQ(formatTick(0.0, 0.1), "0.0");
}

TEST(Ticks, EmptyOrBrokenRangesGiveNoTicks) {
    EXPECT_TRUE(niceTicks(1, 1, 5).empty());
    EXPECT_TRUE(niceTicks(2, 1, 5).empty());
    EXPECT_TRUE(niceTicks(0, NAN, 5).empty());
    EXPECT_TRUE(niceTicks(0, INFINITY, 5).empty());
}

TEST(Ticks, LabelsDoNotOverlap) {
    // 300 px of axis with 40 px labels: at most 300 / (40 · 1.6) + 1 = 5 ticks.
    EXPECT_EQ(ticksThatFit(300, 40), 5);
    const int fit = ticksThatFit(300, 40);
    const std::vector<double> ticks = niceTicks(0, 17, fit);
    const double pixelsPerTick = 300.0 / 17.0 * (ticks[1] - ticks[0]);
    EXPECT_GE(pixelsPerTick, 40.0);
}

TEST(Ticks, FormatUsesTheStepsDecimals) {
    EXPECT_EQ(formatTick(0.25, 0.05), "0.25");
    EXPECT_EQ(formatTick(2.0, 1.0), "2");
    EXPECT_EQ(formatTick(-1.5, 0.5), "-1.5");
    EXPECT_EQ(formatTick(2e6, 1e6), "2e+06");
}

TEST(ClipSegment, KeepsTheDirectionOfFarEnds) {
    const Range box{0.0, 1.0};
    // From inside to a million boxes away: cut where it leaves, on the same line.
    double x0 = 0.5, y0 = 0.5, x1 = 1e6, y1 = 2e6;
    ASSERT_TRUE(clipSegment(x0, y0, x1, y1, box, box));
    EXPECT_DOUBLE_EQ(x0, 0.5);
    EXPECT_DOUBLE_EQ(y0, 0.5);
    EXPECT_NEAR(y1, 1.0, 1e-12);  // leaves through the top first
    EXPECT_NEAR((y1 - 0.5) / (x1 - 0.5), (2e6 - 0.5) / (1e6 - 0.5), 1e-9);
    // Crossing the whole box: both ends cut.
    x0 = -1.0, y0 = 0.5, x1 = 2.0, y1 = 0.5;
    ASSERT_TRUE(clipSegment(x0, y0, x1, y1, box, box));
    EXPECT_NEAR(x0, 0.0, 1e-15);
    EXPECT_NEAR(x1, 1.0, 1e-15);
    // Missing it, or not finite: nothing to draw.
    x0 = -1.0, y0 = 2.0, x1 = 2.0, y1 = 1.5;
    EXPECT_FALSE(clipSegment(x0, y0, x1, y1, box, box));
    x0 = 0.5, y0 = 0.5, x1 = INFINITY, y1 = 0.5;
    EXPECT_FALSE(clipSegment(x0, y0, x1, y1, box, box));
}

TEST(Transform, RoundTripsAndFlipsY) {
    Transform t;
    t.left = 100;
    t.top = 50;
    t.width = 400;
    t.height = 200;
    t.x = {-0.5, 2.5};
    t.y = {-6, 6};
    EXPECT_FLOAT_EQ(t.toPixelX(-0.5), 100);
    EXPECT_FLOAT_EQ(t.toPixelX(2.5), 500);
    EXPECT_FLOAT_EQ(t.toPixelY(6), 50);  // top of the plot is y max
    EXPECT_FLOAT_EQ(t.toPixelY(-6), 250);
    for (double v : {-0.5, 0.0, 1.25, 2.5})
        EXPECT_NEAR(t.toDataX(t.toPixelX(v)), v, 1e-5);
    for (double v : {-6.0, -1.7, 0.0, 5.1})
        EXPECT_NEAR(t.toDataY(t.toPixelY(v)), v, 1e-5);
    EXPECT_DOUBLE_EQ(t.unitsPerPixelY(), 12.0 / 200);
}

TEST(Transform, SymmetricRangeHoldsTheValues) {
    const Range r = symmetricRangeFor({3.2, 5.1, -1.7}, 6.0);
    EXPECT_EQ(r.min, -r.max);
    EXPECT_GE(r.max, 6.0);
    const Range big = symmetricRangeFor({320, -17}, 6.0);
    EXPECT_GE(big.max, 320 * 1.15);
    EXPECT_LE(big.max, 500);
}

}  // namespace
}  // namespace losslab::plot
