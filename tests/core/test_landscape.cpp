// The objective on a 2-D slice of weight space (landscape.hpp): the slice passes through the
// current weights, its nodes are the objective at the shifted weights, the directions are what
// their kind promises, and paths project back onto the slice.
#include <gtest/gtest.h>

#include <cmath>

#include "../support/datasets.hpp"
#include "losslab/landscape.hpp"

namespace losslab {
namespace {

Dataset blobs(Eigen::Index n, int classes, std::uint64_t seed = 3) {
    return testing::generate(DatasetKind::Blobs, n, classes, 0.25, seed);
}

// A trained model, so that every row of W is non-zero.
LinearClassifier trained(const TrainerConfig& config, const Dataset& data, int steps = 30) {
    Trainer trainer;
    EXPECT_FALSE(trainer.reset(config, data));
    trainer.run(steps);
    return trainer.model();
}

TrainerConfig regularizedConfig(Loss loss, FeatureMap features) {
    TrainerConfig config;
    config.loss = loss;
    config.features = features;
    config.l2 = 0.01;
    config.l1 = 0.003;
    config.learningRate = 0.3;
    return config;
}

int centre(const LandscapeRequest& request) {
    return (request.resolution - 1) / 2;
}

TEST(Landscape, CentreIsTheObjectiveAtTheCurrentWeightsForEveryKindOfSlice) {
    const Dataset data = blobs(150, 3);
    for (Loss loss : {Loss::CrossEntropy, Loss::HingeWW, Loss::Focal}) {
        const TrainerConfig config = regularizedConfig(loss, FeatureMap::Poly2);
        Trainer trainer;
        ASSERT_FALSE(trainer.reset(config, data));
        ParameterPath path;
        path.record(0, packParameters(trainer.model()));
        for (int s = 1; s <= 25; ++s) {
            trainer.step();
            path.record(s, packParameters(trainer.model()));
        }
        const LinearClassifier model = trainer.model();
        const RowMatrix phi = computeFeatures(config.features, data.points, config.rbfWidth);
        const ObjectiveValue expected = evaluateObjective(config, model, phi, data.labels, nullptr);
        for (SliceDirections kind :
             {SliceDirections::WeightEntries, SliceDirections::RandomFilterNormalized,
              SliceDirections::PathPca}) {
            LandscapeRequest request;
            request.directions = kind;
            request.entryA = 1;
            request.entryB = 7;
            request.resolution = 9;
            request.halfWidth = 0.8;
            LandscapeSlice slice;
            ASSERT_FALSE(computeLandscape(config, model, data, request, &path.snapshots(), &slice))
                << sliceDirectionsKey(kind);
            const int c = centre(request);
            EXPECT_NEAR(slice.objective.spec.x(c), 0.0, 1e-15);
            EXPECT_NEAR(slice.objective.at(c, c), expected.loss, 1e-12 * (1 + expected.loss))
                << lossKey(loss) << " " << sliceDirectionsKey(kind);
            EXPECT_EQ(slice.pointsUsed, data.size());
        }
    }
}

TEST(Landscape, WeightEntryNodesAreTheObjectiveWithThoseEntriesShifted) {
    const Dataset data = blobs(90, 3);
    const TrainerConfig config = regularizedConfig(Loss::CrossEntropy, FeatureMap::Linear);
    const LinearClassifier model = trained(config, data);
    LandscapeRequest request;
    request.directions = SliceDirections::WeightEntries;
    request.entryA = 3;  // θ is 3 x 3: entry 3 is W(1, 0)
    request.entryB = 8;  // entry 8 is b(2)
    request.resolution = 7;
    request.halfWidth = 2.0;
    LandscapeSlice slice;
    ASSERT_FALSE(computeLandscape(config, model, data, request, nullptr, &slice));
    const RowMatrix phi = computeFeatures(config.features, data.points);
    for (auto [i, j] : {std::pair{0, 0}, std::pair{6, 2}, std::pair{1, 5}}) {
        LinearClassifier shifted = model;
        shifted.weights(1, 0) += slice.objective.spec.x(i);
        shifted.bias(2) += slice.objective.spec.y(j);
        const double expected = evaluateObjective(config, shifted, phi, data.labels, nullptr).loss;
        EXPECT_NEAR(slice.objective.at(i, j), expected, 1e-12 * (1 + expected));
    }
}

TEST(Landscape, RandomDirectionsAreFilterNormalizedAndSeeded) {
    const Dataset data = blobs(90, 4);
    const TrainerConfig config = regularizedConfig(Loss::CrossEntropy, FeatureMap::Poly3);
    const LinearClassifier model = trained(config, data);
    const RowMatrix theta = packParameters(model);
    LandscapeRequest request;
    RowMatrix a, b, a2, b2;
    ASSERT_FALSE(sliceDirections(request, theta, nullptr, &a, &b));
    const Eigen::Index d = model.dimension();
    for (Eigen::Index k = 0; k < theta.rows(); ++k) {
        EXPECT_NEAR(a.row(k).head(d).norm(), model.weights.row(k).norm(), 1e-12);
        EXPECT_NEAR(b.row(k).head(d).norm(), model.weights.row(k).norm(), 1e-12);
        EXPECT_EQ(a(k, d), 0.0);  // biases are left out
        EXPECT_EQ(b(k, d), 0.0);
    }
    EXPECT_GT((a - b).norm(), 0.1);
    ASSERT_FALSE(sliceDirections(request, theta, nullptr, &a2, &b2));
    EXPECT_EQ(a, a2);
    request.seed = 2;
    ASSERT_FALSE(sliceDirections(request, theta, nullptr, &a2, &b2));
    EXPECT_GT((a - a2).norm(), 0.1);
    // All-zero weights (training from zeros, step 0): unit rows, not a degenerate slice.
    const RowMatrix zero = RowMatrix::Zero(3, 3);
    ASSERT_FALSE(sliceDirections(request, zero, nullptr, &a, &b));
    for (Eigen::Index k = 0; k < 3; ++k)
        EXPECT_NEAR(a.row(k).head(2).norm(), 1.0, 1e-12);
}

TEST(Landscape, PathInAPlaneProjectsBackExactlyOnItsPcaSlice) {
    // θ_t = θ* + u(t)·P + v(t)·Q for two fixed matrices P, Q: the path lies in a plane through
    // θ*, so the PCA slice contains it and the projection recovers every point.
    RowMatrix origin(2, 3), p(2, 3), q(2, 3);
    origin << 0.5, -0.2, 0.1, -0.3, 0.4, 0.0;
    p << 1.0, 0.0, 0.5, 0.0, -1.0, 0.2;
    q << 0.0, 1.0, 0.0, 1.0, 0.3, -0.5;
    std::vector<RowMatrix> path;
    for (int t = 0; t <= 20; ++t) {
        const double u = -1.0 + t / 20.0;
        const double v = 0.4 * std::sin(3.0 * u);
        path.push_back(origin + u * p + v * q);
    }
    LandscapeRequest request;
    request.directions = SliceDirections::PathPca;
    LandscapeSlice slice;
    slice.origin = origin;
    ASSERT_FALSE(sliceDirections(request, origin, &path, &slice.directionA, &slice.directionB));
    EXPECT_NEAR(slice.directionA.norm(), 1.0, 1e-12);
    EXPECT_NEAR(slice.directionB.norm(), 1.0, 1e-12);
    EXPECT_NEAR(slice.directionA.cwiseProduct(slice.directionB).sum(), 0.0, 1e-12);
    for (const RowMatrix& theta : path) {
        const Eigen::Vector2d ab = projectOntoSlice(slice, theta);
        const RowMatrix back = origin + ab.x() * slice.directionA + ab.y() * slice.directionB;
        EXPECT_NEAR((back - theta).norm(), 0.0, 1e-10);
    }
    // The path starts at negative coordinates and ends at the origin.
    const Eigen::Vector2d start = projectOntoSlice(slice, path.front());
    EXPECT_LE(start.x(), 0.0);
    EXPECT_LE(start.y(), 0.0);
    EXPECT_NEAR(projectOntoSlice(slice, path.back()).norm(), 0.0, 1e-12);
    // No path: an error, not a degenerate slice.
    EXPECT_TRUE(sliceDirections(request, origin, nullptr, &slice.directionA, &slice.directionB));
    const std::vector<RowMatrix> still = {origin, origin};
    EXPECT_TRUE(sliceDirections(request, origin, &still, &slice.directionA, &slice.directionB));
}

TEST(Landscape, ProjectionOfAPointOnNonOrthogonalDirections) {
    LandscapeSlice slice;
    slice.origin = RowMatrix::Zero(2, 2);
    slice.directionA = RowMatrix::Zero(2, 2);
    slice.directionB = RowMatrix::Zero(2, 2);
    slice.directionA << 1, 0, 1, 0;
    slice.directionB << 1, 1, 0, 0;  // not orthogonal to δ
    const RowMatrix theta = 0.3 * slice.directionA - 0.2 * slice.directionB;
    const Eigen::Vector2d ab = projectOntoSlice(slice, theta);
    EXPECT_NEAR(ab.x(), 0.3, 1e-14);
    EXPECT_NEAR(ab.y(), -0.2, 1e-14);
    EXPECT_EQ(projectOntoSlice(slice, RowMatrix::Zero(3, 2)), Eigen::Vector2d::Zero());
}

TEST(Landscape, SubsampleAndErrors) {
    const Dataset data = blobs(500, 3);
    const TrainerConfig config = regularizedConfig(Loss::CrossEntropy, FeatureMap::Linear);
    const LinearClassifier model = trained(config, data);
    LandscapeRequest request;
    request.maxPoints = 100;
    request.resolution = 5;
    LandscapeSlice slice;
    ASSERT_FALSE(computeLandscape(config, model, data, request, nullptr, &slice));
    EXPECT_EQ(slice.pointsUsed, 100);
    slice.pointsUsed = -1;
    request.resolution = 1;
    EXPECT_TRUE(computeLandscape(config, model, data, request, nullptr, &slice));
    request.resolution = 5;
    request.halfWidth = 0;
    EXPECT_TRUE(computeLandscape(config, model, data, request, nullptr, &slice));
    request.halfWidth = 1;
    request.directions = SliceDirections::WeightEntries;
    request.entryA = request.entryB = 2;
    EXPECT_TRUE(computeLandscape(config, model, data, request, nullptr, &slice));
    request.entryB = 99;
    EXPECT_TRUE(computeLandscape(config, model, data, request, nullptr, &slice));
    request.entryB = 3;
    TrainerConfig poly = config;
    poly.features = FeatureMap::Poly2;  // the model has linear-sized W
    EXPECT_TRUE(computeLandscape(poly, model, data, request, nullptr, &slice));
    EXPECT_TRUE(computeLandscape(config, model, Dataset{}, request, nullptr, &slice));
    EXPECT_EQ(slice.pointsUsed, -1);  // untouched on error
}

TEST(ParameterPath, ThinsToItsCapacityAndKeepsTheStart) {
    ParameterPath path(4);
    for (long long step = 0; step <= 20; ++step) {
        path.record(step, RowMatrix::Constant(1, 2, static_cast<double>(step)));
        EXPECT_LE(path.snapshots().size(), 4u);
    }
    ASSERT_FALSE(path.empty());
    EXPECT_EQ(path.steps().front(), 0);
    EXPECT_EQ(path.stride(), 8);
    for (std::size_t i = 0; i < path.steps().size(); ++i) {
        EXPECT_EQ(path.steps()[i] % path.stride(), 0);
        EXPECT_EQ(path.snapshots()[i](0, 0), static_cast<double>(path.steps()[i]));
    }
    path.record(24, RowMatrix::Zero(2, 2));  // another shape: a new path
    EXPECT_EQ(path.snapshots().size(), 1u);
}

TEST(Parameters, PackAndUnpackRoundTrip) {
    LinearClassifier model = LinearClassifier::zeros(2, 3);
    model.weights << 1, 2, 3, 4, 5, 6;
    model.bias << 7, 8;
    const RowMatrix theta = packParameters(model);
    ASSERT_EQ(theta.cols(), 4);
    EXPECT_EQ(theta(1, 3), 8);
    EXPECT_EQ(theta.data()[1 * 4 + 2], 6);  // entry k·(D + 1) + d
    const LinearClassifier back = unpackParameters(theta);
    EXPECT_EQ(back.weights, model.weights);
    EXPECT_EQ(back.bias, model.bias);
}

}  // namespace
}  // namespace losslab
