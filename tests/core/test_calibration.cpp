// Reliability diagram and expected calibration error (calibration.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "losslab/calibration.hpp"
#include "losslab/softmax.hpp"

namespace losslab {
namespace {

double uniform01(std::mt19937_64& engine) {
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

TEST(Calibration, PerfectlyCalibratedDataHasNearZeroEce) {
    // Each sample is correct with probability equal to its confidence.
    std::mt19937_64 engine(7);
    const Eigen::Index n = 200000;
    Vec confidence(n);
    IntVec correct(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        confidence[i] = 0.3 + 0.7 * uniform01(engine);
        correct[i] = uniform01(engine) < confidence[i] ? 1 : 0;
    }
    ReliabilityDiagram d;
    ASSERT_FALSE(reliabilityFromConfidences(confidence, correct, 10, &d));
    EXPECT_LT(d.ece, 0.01);
    EXPECT_EQ(d.total, n);
    for (const ReliabilityBin& bin : d.bins) {
        if (bin.count > 1000) {
            EXPECT_NEAR(bin.accuracy, bin.meanConfidence, 0.02);
        }
    }
}

TEST(Calibration, OverconfidentDataHasTheGapAsEce) {
    // Always 90 % sure, right half of the time: ECE = MCE = 0.4, all in bin 9.
    const Eigen::Index n = 1000;
    Vec confidence = Vec::Constant(n, 0.9);
    IntVec correct(n);
    for (Eigen::Index i = 0; i < n; ++i)
        correct[i] = static_cast<int>(i % 2);
    ReliabilityDiagram d;
    ASSERT_FALSE(reliabilityFromConfidences(confidence, correct, 10, &d));
    EXPECT_NEAR(d.ece, 0.4, 1e-12);
    EXPECT_NEAR(d.mce, 0.4, 1e-12);
    EXPECT_EQ(d.bins[9].count, n);
    EXPECT_NEAR(d.bins[9].accuracy, 0.5, 1e-15);
    EXPECT_NEAR(d.accuracy, 0.5, 1e-15);
    EXPECT_NEAR(d.meanConfidence, 0.9, 1e-12);
}

TEST(Calibration, HandComputedBins) {
    Vec confidence(5);
    confidence << 0.15, 0.25, 0.95, 0.95, 1.0;
    IntVec correct(5);
    correct << 0, 1, 1, 0, 1;
    ReliabilityDiagram d;
    ASSERT_FALSE(reliabilityFromConfidences(confidence, correct, 10, &d));
    ASSERT_EQ(d.bins.size(), 10u);
    EXPECT_DOUBLE_EQ(d.bins[1].lower, 0.1);
    EXPECT_DOUBLE_EQ(d.bins[1].upper, 0.2);
    EXPECT_EQ(d.bins[1].count, 1);
    EXPECT_EQ(d.bins[2].count, 1);
    EXPECT_EQ(d.bins[9].count, 3);  // 1.0 belongs to the last bin
    EXPECT_EQ(d.bins[0].count, 0);
    EXPECT_NEAR(d.bins[9].meanConfidence, (0.95 + 0.95 + 1.0) / 3, 1e-15);
    EXPECT_NEAR(d.bins[9].accuracy, 2.0 / 3, 1e-15);
    const double ece = 0.2 * 0.15 + 0.2 * 0.75 + 0.6 * std::abs(2.0 / 3 - 2.9 / 3);
    EXPECT_NEAR(d.ece, ece, 1e-12);
    EXPECT_NEAR(d.mce, 0.75, 1e-12);
}

TEST(Calibration, FromScoresUsesSoftmaxWithTemperatureAndLowestIndexOnTies) {
    RowMatrix scores(3, 3);
    scores << 2.0, 1.0, 0.0,  // predicts 0
        0.5, 0.5, -1.0,       // tie: predicts 0
        -1.0, 3.0, 0.0;       // predicts 1
    IntVec labels(3);
    labels << 0, 1, 1;
    ReliabilityDiagram d;
    ASSERT_FALSE(reliabilityFromScores(scores, labels, 2.0, 1, &d));
    double sum = 0.0;
    for (int i = 0; i < 3; ++i)
        sum += softmax(scores.row(i).transpose(), 2.0).maxCoeff();
    EXPECT_NEAR(d.bins[0].meanConfidence, sum / 3, 1e-15);
    EXPECT_NEAR(d.accuracy, 2.0 / 3, 1e-15);  // the tie row is wrong: label 1, predicted 0
}

TEST(Calibration, BadInputIsAnError) {
    ReliabilityDiagram d;
    d.total = 42;
    Vec c(2);
    c << 0.5, 0.7;
    IntVec ok(2);
    ok << 1, 0;
    EXPECT_TRUE(reliabilityFromConfidences(c, ok, 0, &d));
    EXPECT_TRUE(reliabilityFromConfidences(c, IntVec(3), 10, &d));
    c[1] = 1.5;
    EXPECT_TRUE(reliabilityFromConfidences(c, ok, 10, &d));
    c[1] = std::nan("");
    EXPECT_TRUE(reliabilityFromConfidences(c, ok, 10, &d));
    EXPECT_TRUE(reliabilityFromScores(RowMatrix::Zero(2, 3), ok, 0.0, 10, &d));
    EXPECT_EQ(d.total, 42);  // untouched
    ASSERT_FALSE(reliabilityFromConfidences(Vec(), IntVec(), 10, &d));
    EXPECT_EQ(d.total, 0);
    EXPECT_EQ(d.ece, 0.0);
}

}  // namespace
}  // namespace losslab
