// Moving a point (a drag): the training and test sets follow it row for row, and the state says
// which point the latest changes only moved, so that views of many points can leave it out.
#include <gtest/gtest.h>

#include "losslab/dataset_edit.hpp"
#include "state/training_edit.hpp"

namespace losslab {
namespace {

TrainingState blobsWithTestPoints() {
    TrainingState ts;
    ts.generator.kind = DatasetKind::Blobs;
    ts.generator.points = 400;
    ts.generator.classes = 3;
    ts.generator.seed = 5;
    ts.testFraction = 0.3;
    startTrainingFromSetup(ts);
    return ts;
}

// The sets as a full split of the points would make them.
void expectSplitOfTheData(const TrainingState& ts) {
    Dataset train, test;
    splitByMask(ts.data, ts.isTest, &train, &test);
    ASSERT_GT(test.size(), 0);
    EXPECT_EQ(ts.train.points, train.points);
    EXPECT_EQ(ts.train.labels, train.labels);
    EXPECT_EQ(ts.test.points, test.points);
    EXPECT_EQ(ts.test.labels, test.labels);
}

TEST(TrainingEdit, MovedTrainingAndTestPointsMoveTheirRowsOfTheSplit) {
    TrainingState ts = blobsWithTestPoints();
    // A training point and a test point, each moved a few times, the first and last ones too.
    Eigen::Index firstTest = -1, lastTrain = -1;
    for (Eigen::Index i = 0; i < ts.data.size(); ++i) {
        if (ts.isTest[static_cast<std::size_t>(i)] != 0 && firstTest < 0) firstTest = i;
        if (ts.isTest[static_cast<std::size_t>(i)] == 0) lastTrain = i;
    }
    ASSERT_GE(firstTest, 0);
    for (Eigen::Index index : {Eigen::Index{0}, firstTest, lastTrain, Eigen::Index{211}}) {
        for (int m = 0; m < 3; ++m) {
            movePoint(ts, index, 0.3 * m - 0.7, 1.1 - 0.2 * m);
            expectSplitOfTheData(ts);
        }
    }
    EXPECT_EQ(ts.data.points(211, 0), 0.3 * 2 - 0.7);
    EXPECT_TRUE(ts.trainable);
}

TEST(TrainingEdit, AMoveGoesOnFromTheWeightsItHadOnTheMovedPoints) {
    TrainingState ts = blobsWithTestPoints();
    trainSteps(ts, 12);
    const LinearClassifier before = currentModel(ts);
    const std::uint64_t revision = ts.modelRevision;
    movePoint(ts, 5, 2.5, -2.0);
    EXPECT_GT(ts.modelRevision, revision);
    EXPECT_EQ(currentModel(ts).weights, before.weights);
    EXPECT_EQ(ts.trainer.steps(), 0);  // a new segment of the run starts here
    EXPECT_EQ(totalSteps(ts), 12);
    // The trainer's loss is that of the moved points: as a trainer reset on them measures it.
    Trainer fresh;
    ASSERT_FALSE(fresh.reset(ts.config, ts.train, &ts.test));
    ASSERT_FALSE(fresh.setModel(before));
    EXPECT_EQ(ts.trainer.measure().loss, fresh.measure().loss);
    EXPECT_EQ(ts.trainer.measure().testLoss, fresh.measure().testLoss);
}

// Jobs share one copy of the points per change of them: the same copy until the points change,
// then a new one with the change, while a job's old copy stays as it was.
TEST(TrainingEdit, SharedPointsAreOneCopyPerChangeOfThePoints) {
    TrainingState ts = blobsWithTestPoints();
    const std::shared_ptr<const PointsSnapshot> first = sharedPoints(ts);
    EXPECT_EQ(sharedPoints(ts), first);
    EXPECT_EQ(first->dataRevision, ts.dataRevision);
    EXPECT_EQ(first->data.points, ts.data.points);
    EXPECT_EQ(first->isTest, ts.isTest);
    trainSteps(ts, 3);  // the weights change, the points do not
    EXPECT_EQ(sharedPoints(ts), first);
    const double before = ts.data.points(9, 0);
    movePoint(ts, 9, 1.25, 0.5);
    const std::shared_ptr<const PointsSnapshot> second = sharedPoints(ts);
    ASSERT_NE(second, first);
    EXPECT_EQ(second->data.points(9, 0), 1.25);
    EXPECT_EQ(first->data.points(9, 0), before);
}

TEST(TrainingEdit, TheLatestMovesOfOnePointAreAMoveOfThatPointFromTheRevisionBefore) {
    TrainingState ts = blobsWithTestPoints();
    std::uint64_t others = 0;
    EXPECT_EQ(pointBeingMoved(ts, &others), -1);
    EXPECT_EQ(others, ts.dataRevision);

    const std::uint64_t before = ts.dataRevision;
    for (int m = 0; m < 4; ++m)
        movePoint(ts, 17, 0.1 * m, 0.2);
    EXPECT_GT(ts.dataRevision, before);
    EXPECT_EQ(pointBeingMoved(ts, &others), 17);
    EXPECT_EQ(others, before);  // the other points are as they were before the drag

    // Another point's move starts a new drag, from the revision after the first.
    const std::uint64_t afterFirst = ts.dataRevision;
    movePoint(ts, 3, 0.5, 0.5);
    EXPECT_EQ(pointBeingMoved(ts, &others), 3);
    EXPECT_EQ(others, afterFirst);

    // Any other change of the points ends it.
    addPoint(ts, 0.0, 0.0, 1);
    EXPECT_EQ(pointBeingMoved(ts, &others), -1);
    EXPECT_EQ(others, ts.dataRevision);
    movePoint(ts, 3, 0.6, 0.5);
    ASSERT_EQ(pointBeingMoved(ts, &others), 3);
    erasePointsAt(ts, {0});  // point 3 is point 2 now
    EXPECT_EQ(pointBeingMoved(ts, &others), -1);
    // A move to where the point already is changes nothing, and so ends nothing.
    movePoint(ts, 2, 0.6, 0.5);
    EXPECT_EQ(pointBeingMoved(ts, &others), -1);
}

}  // namespace
}  // namespace losslab
