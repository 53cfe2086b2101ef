// Point edits and the mask split (dataset_edit.hpp).
#include <gtest/gtest.h>

#include "losslab/dataset_edit.hpp"

namespace losslab {
namespace {

Dataset fivePoints() {
    Dataset d;
    d.classes = 3;
    d.points.resize(5, 2);
    d.points << 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, -1.0, -1.0, 0.5, 0.5;
    d.labels.resize(5);
    d.labels << 0, 1, 2, 0, 1;
    return d;
}

TEST(SplitMask, CountsAndDeterminism) {
    const auto mask = splitMask(100, 0.25, 9);
    int tests = 0;
    for (auto f : mask)
        tests += f;
    EXPECT_EQ(tests, 25);
    EXPECT_EQ(mask, splitMask(100, 0.25, 9));
    EXPECT_NE(mask, splitMask(100, 0.25, 10));
    int none = 0;
    for (auto f : splitMask(10, 0.0, 1))
        none += f;
    EXPECT_EQ(none, 0);
    int most = 0;
    for (auto f : splitMask(3, 0.99, 1))
        most += f;
    EXPECT_EQ(most, 2);  // training keeps a point
    EXPECT_TRUE(splitMask(0, 0.5, 1).empty());
}

TEST(SplitMask, SplitKeepsOrderAndClasses) {
    const Dataset all = fivePoints();
    Dataset train, test;
    splitByMask(all, {0, 1, 0, 0, 1}, &train, &test);
    ASSERT_EQ(train.size(), 3);
    ASSERT_EQ(test.size(), 2);
    EXPECT_EQ(train.classes, 3);
    EXPECT_EQ(test.classes, 3);
    EXPECT_EQ(train.labels[1], 2);
    EXPECT_EQ(test.points(1, 0), 0.5);
}

TEST(PointEdits, NearestInPixelsBoxAppendErase) {
    Dataset d = fivePoints();
    // 100 px per unit in x, 10 in y: from (0.9, 0.5), point (1, 0) is √(10² + 5²) ≈ 11 px away
    // and (0.5, 0.5) is 40 px away, although it is nearer in data units.
    EXPECT_EQ(nearestPoint(d.points, 0.9, 0.5, 100, 10, 20), 1);
    EXPECT_EQ(nearestPoint(d.points, 0.9, 0.5, 100, 10, 5), -1);
    const auto inside = pointsInBox(d.points, 1.0, 1.0, -0.1, -0.1);  // corners in any order
    EXPECT_EQ(inside, (std::vector<Eigen::Index>{0, 1, 2, 4}));
    EXPECT_EQ(appendPoint(&d, 2.0, 3.0, 2), 5);
    EXPECT_EQ(d.size(), 6);
    std::vector<std::uint8_t> mask = {0, 1, 0, 1, 0, 1};
    erasePoints(&d, {3, 1, 3}, &mask);
    ASSERT_EQ(d.size(), 4);
    EXPECT_EQ(d.labels, (IntVec(4) << 0, 2, 1, 2).finished());
    EXPECT_EQ(mask, (std::vector<std::uint8_t>{0, 0, 0, 1}));
    EXPECT_EQ(d.points(3, 1), 3.0);
}

}  // namespace
}  // namespace losslab
