// ThinnedSeries (the bounded record behind the training curves and the landscape's path):
// unbounded it keeps everything; bounded it keeps step 0, evenly spaced steps at multiples of
// its stride, and never more entries than its capacity.
#include <gtest/gtest.h>

#include <vector>

#include "losslab/thinned_series.hpp"

namespace losslab {
namespace {

TEST(ThinnedSeries, UnboundedKeepsEveryEntry) {
    ThinnedSeries<int> series;
    for (int step = 0; step < 10000; ++step) {
        EXPECT_TRUE(series.append(step, step * 3));
    }
    EXPECT_EQ(series.size(), 10000u);
    EXPECT_EQ(series.stride(), 1);
    EXPECT_EQ(series.values()[1234], 3702);
}

TEST(ThinnedSeries, BoundedKeepsTheStartAndEvenSpacing) {
    ThinnedSeries<int> series(8);
    for (int step = 0; step <= 99; ++step) {
        series.append(step, -step);
        ASSERT_LE(series.size(), 8u) << "after step " << step;
    }
    // Steps 0..99 at most 8 at a time: the smallest power-of-two spacing that fits is 16
    // (0, 16, ..., 96 are 7 entries; a spacing of 8 would need 13).
    EXPECT_EQ(series.stride(), 16);
    const std::vector<long long> expected{0, 16, 32, 48, 64, 80, 96};
    EXPECT_EQ(series.steps(), expected);
    for (std::size_t i = 0; i < series.size(); ++i) {
        EXPECT_EQ(series.values()[i], -series.steps()[i]) << "values travel with their steps";
    }
    // Off-stride steps are refused, on-stride ones kept.
    EXPECT_FALSE(series.append(100, 0));
    EXPECT_TRUE(series.append(112, -112));
    EXPECT_EQ(series.size(), 8u);
}

TEST(ThinnedSeries, SegmentsThatStartAnywhereAreThinnedEvenly) {
    // Steps in segments that start at odd offsets (a run restarted after 9001, then 5001 ...
    // steps, each segment already thinned by its own trainer to every 8th step): nothing may
    // be dropped wholesale, the capacity holds, and no gap grows past twice the stride.
    ThinnedSeries<long long> series(64);
    long long offset = 0;
    for (long long length : {9001LL, 5001LL, 5001LL, 77LL, 5001LL, 12345LL}) {
        for (long long step = 0; step < length; step += 8) {
            series.append(offset + step, offset + step);
            ASSERT_LE(series.size(), 64u);
        }
        offset += length;
    }
    ASSERT_GE(series.size(), 16u);
    EXPECT_EQ(series.steps().front(), 0);
    EXPECT_GT(series.steps().back(), offset - 2 * series.stride());
    for (std::size_t i = 1; i < series.size(); ++i) {
        const long long gap = series.steps()[i] - series.steps()[i - 1];
        EXPECT_GE(gap, series.stride() / 2) << i;
        EXPECT_LE(gap, 2 * series.stride()) << "a hole at " << series.steps()[i - 1];
        EXPECT_EQ(series.values()[i], series.steps()[i]);
    }
}

TEST(ThinnedSeries, ShrinkingTheCapacityThinsAtOnce) {
    ThinnedSeries<int> series;
    for (int step = 0; step < 100; ++step)
        series.append(step, step);
    series.setCapacity(10);
    EXPECT_LE(series.size(), 10u);
    EXPECT_EQ(series.steps().front(), 0);
    for (std::size_t i = 1; i < series.size(); ++i) {
        EXPECT_EQ(series.steps()[i] - series.steps()[i - 1], series.stride());
    }
    // Capacity 1 is taken as 2: a series always keeps its start and one more entry.
    series.setCapacity(1);
    EXPECT_EQ(series.capacity(), 2u);
    EXPECT_LE(series.size(), 2u);
    EXPECT_EQ(series.steps().front(), 0);
}

TEST(ThinnedSeries, DropLastOnlyRemovesThatStep) {
    ThinnedSeries<int> series;
    series.append(0, 10);
    series.append(1, 11);
    series.dropLastAt(0);  // not the last entry
    EXPECT_EQ(series.size(), 2u);
    series.dropLastAt(1);
    ASSERT_EQ(series.size(), 1u);
    EXPECT_EQ(series.values().back(), 10);
    series.clear();
    EXPECT_TRUE(series.empty());
    EXPECT_EQ(series.stride(), 1);
}

}  // namespace
}  // namespace losslab
