// Gradient share per point and the confusion matrix (point_diagnostics.hpp, classifier.hpp):
// each share is the norm of that point's single-sample gradient, a hinge point past the margin
// has share 0, and a hand-made confusion matrix.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "../support/datasets.hpp"
#include "losslab/point_diagnostics.hpp"

namespace losslab {
namespace {

using testing::generate;

LinearClassifier randomModel(int classes, int dimension, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(0.0, 0.8);
    LinearClassifier model = LinearClassifier::zeros(classes, dimension);
    for (Eigen::Index i = 0; i < model.weights.size(); ++i)
        model.weights.data()[i] = normal(engine);
    for (int k = 0; k < classes; ++k)
        model.bias[k] = normal(engine);
    return model;
}

TEST(GradientShare, IsTheNormOfEachPointsOwnGradient) {
    const Dataset data = generate(DatasetKind::Spiral, 40, 3, 0.2, 2);
    for (Loss loss : kAllLosses) {
        TrainerConfig config;
        config.loss = loss;
        config.features = FeatureMap::Poly2;
        config.lossOptions.temperature = 0.8;
        config.lossOptions.smoothing = 0.1;
        config.lossOptions.margin = 0.5;
        config.lossOptions.logBase = LogBase::Two;
        config.l2 = 0.3;  // plays no part
        const LinearClassifier model = randomModel(3, 5, 9);
        const Vec shares = gradientShares(config, model, data);
        ASSERT_EQ(shares.size(), data.size());
        const RowMatrix scores = model.scores(computeFeatures(FeatureMap::Poly2, data.points));
        for (Eigen::Index n = 0; n < data.size(); ++n) {
            const Vec s = scores.row(n).transpose();
            const double expected =
                evaluateLoss(loss, s, data.labels[n], config.lossOptions).grad.norm();
            EXPECT_NEAR(shares[n], expected, 1e-14 * (1 + expected))
                << lossKey(loss) << " point " << n;
        }
    }
}

// Lecture 004's car image: its score beats the others by more than Δ, so the hinge losses are
// done with it (share 0) while cross-entropy still pulls; the cat image is inside the margin.
TEST(GradientShare, HingePointPastTheMarginHasNone) {
    Dataset data;
    data.points.resize(2, 2);
    data.points << 1, 0, 0, 1;
    data.labels = (IntVec(2) << 1, 0).finished();
    data.classes = 3;
    LinearClassifier model = LinearClassifier::zeros(3, 2);
    model.weights.col(0) << 1.3, 4.9, 2.0;   // point 0: scores of the car image, y = car
    model.weights.col(1) << 3.2, 5.1, -1.7;  // point 1: scores of the cat image, y = cat
    for (Loss loss : {Loss::HingeWW, Loss::HingeCS, Loss::SquaredHinge}) {
        TrainerConfig config;
        config.loss = loss;
        const Vec shares = gradientShares(config, model, data);
        EXPECT_EQ(shares[0], 0.0) << lossKey(loss);
        EXPECT_GT(shares[1], 0.0) << lossKey(loss);
    }
    TrainerConfig hinge;
    hinge.loss = Loss::HingeWW;
    EXPECT_NEAR(gradientShares(hinge, model, data)[1], std::sqrt(2.0), 1e-15);  // (−1, 1, 0)
    TrainerConfig crossEntropy;
    EXPECT_GT(gradientShares(crossEntropy, model, data)[0], 0.0);
    EXPECT_EQ(gradientShares(crossEntropy, model, Dataset{RowMatrix(0, 2), IntVec(0), 3}).size(),
              0);
}

// The gradient-share view draws a disc's area in proportion to its share: radius factor
// sqrt(share / largest training share); test points keep the full size whatever their share.
TEST(GradientShare, SizesGiveAreasInProportionToTheShares) {
    const Vec shares = (Vec(5) << 0.0, 0.5, 2.0, 1.0, 8.0).finished();
    const std::vector<std::uint8_t> isTest = {0, 0, 0, 0, 1};  // 8.0 is a test point's
    const std::vector<float> sizes = shareSizes(shares, isTest);
    ASSERT_EQ(sizes.size(), 5u);
    EXPECT_EQ(sizes[0], 0.0f);
    EXPECT_FLOAT_EQ(sizes[1], 0.5f);  // a quarter of the largest share: half the radius
    EXPECT_EQ(sizes[2], 1.0f);
    EXPECT_FLOAT_EQ(sizes[3], static_cast<float>(std::sqrt(0.5)));
    EXPECT_EQ(sizes[4], 1.0f);
    // No mask: all training points, 8.0 the largest.
    EXPECT_FLOAT_EQ(shareSizes(shares, {})[2], 0.5f);
    // Every point done (the hinge at zero loss): every training point vanishes.
    const std::vector<float> done = shareSizes(Vec::Zero(3), {0, 1, 0});
    EXPECT_EQ(done, (std::vector<float>{0.0f, 1.0f, 0.0f}));
    EXPECT_TRUE(shareSizes(Vec(0), {}).empty());
}

TEST(GradientShare, PointSizingKeysRoundTrip) {
    for (PointSizing sizing : kAllPointSizings) {
        EXPECT_EQ(pointSizingFromKey(pointSizingKey(sizing)), sizing);
        EXPECT_FALSE(pointSizingLabel(sizing).empty());
    }
    EXPECT_EQ(pointSizingKey(PointSizing::GradientShare), "gradient_share");
    EXPECT_FALSE(pointSizingFromKey("gradient share"));
}

TEST(Confusion, HandMadeScores) {
    RowMatrix scores(6, 3);
    scores << 3, 1, 0,  // y 0 → 0
        0, 2, 1,        // y 0 → 1
        1, 4, 4,        // y 1 → 1 (tie 1, 2: the lowest index)
        2, 2, 2,        // y 2 → 0 (all equal)
        -1, -3, 0,      // y 2 → 2
        0, 0.5, 0.4;    // y 2 → 1
    const IntVec labels = (IntVec(6) << 0, 0, 1, 2, 2, 2).finished();
    Eigen::MatrixXi expected(3, 3);
    expected << 1, 1, 0,  // true 0
        0, 1, 0,          // true 1
        1, 1, 1;          // true 2
    const Eigen::MatrixXi counts = confusionMatrix(scores, labels);
    EXPECT_EQ(counts, expected);
    EXPECT_EQ(counts.sum(), 6);
    EXPECT_DOUBLE_EQ(counts.trace() / 6.0, accuracy(scores, labels));
    EXPECT_EQ(confusionMatrix(RowMatrix(0, 4), IntVec(0)), Eigen::MatrixXi::Zero(4, 4));
}

TEST(Confusion, OfADatasetUnderAModel) {
    const Dataset data = generate(DatasetKind::Blobs, 60, 4, 0.3, 3);
    TrainerConfig config;
    config.features = FeatureMap::Poly3;
    const LinearClassifier model = randomModel(4, 9, 4);
    const Eigen::MatrixXi counts = confusionMatrix(config, model, data);
    const RowMatrix scores = model.scores(computeFeatures(FeatureMap::Poly3, data.points));
    EXPECT_EQ(counts, confusionMatrix(scores, data.labels));
    // Row i sums to the number of points of class i.
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(counts.row(i).sum(), (data.labels.array() == i).count()) << i;
    }
}

}  // namespace
}  // namespace losslab
