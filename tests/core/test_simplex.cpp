// The probability simplex: triangle geometry, points ↔ logits, the loss heatmap over the
// triangle and the temperature path (simplex.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "../support/vectors.hpp"
#include "losslab/simplex.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {
namespace {

using testing::vec;

Eigen::Vector3d randomPoint(std::mt19937_64& rng, double floor = 0.01) {
    std::uniform_real_distribution<double> unit(floor, 1.0);
    Eigen::Vector3d p(unit(rng), unit(rng), unit(rng));
    return p / p.sum();
}

TEST(SimplexGeometry, VerticesAndBarycentricRoundTrip) {
    EXPECT_EQ(simplexVertex(0), Eigen::Vector2d(0, 0));
    EXPECT_EQ(simplexVertex(1), Eigen::Vector2d(1, 0));
    EXPECT_EQ(simplexVertex(2), Eigen::Vector2d(0.5, std::sqrt(3.0) / 2));
    for (int k = 0; k < 3; ++k) {
        EXPECT_TRUE(simplexToPlane(Eigen::Vector3d::Unit(k)).isApprox(simplexVertex(k)));
        // Equilateral: every side has length 1.
        EXPECT_NEAR((simplexVertex(k) - simplexVertex(k + 1)).norm(), 1.0, 1e-15);
    }
    const Eigen::Vector2d centroid = simplexToPlane(Eigen::Vector3d::Constant(1.0 / 3));
    EXPECT_NEAR(centroid.x(), 0.5, 1e-15);
    EXPECT_NEAR(centroid.y(), std::sqrt(3.0) / 6, 1e-15);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> any(-2.0, 2.0);
    for (int n = 0; n < 100; ++n) {
        const Eigen::Vector2d point(any(rng), any(rng));
        const Eigen::Vector3d bary = planeToSimplex(point);
        EXPECT_NEAR(bary.sum(), 1.0, 1e-14);
        EXPECT_LT((simplexToPlane(bary) - point).norm(), 1e-14);
    }
    EXPECT_TRUE(insideSimplex(Eigen::Vector3d(0.2, 0.3, 0.5)));
    EXPECT_TRUE(insideSimplex(Eigen::Vector3d(0.0, 1.0, 0.0)));
    EXPECT_FALSE(insideSimplex(Eigen::Vector3d(-0.01, 0.5, 0.51)));
    EXPECT_FALSE(insideSimplex(planeToSimplex({0.5, -0.01})));
    EXPECT_FALSE(insideSimplex(planeToSimplex({0.9, 0.5})));  // right of the b–c edge
}

TEST(SimplexGeometry, ClampFindsTheClosestPointOfTheTriangle) {
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> any(-1.0, 2.0);
    for (int n = 0; n < 200; ++n) {
        const Eigen::Vector2d point(any(rng), any(rng));
        const Eigen::Vector3d clamped = clampToSimplex(planeToSimplex(point));
        ASSERT_TRUE(insideSimplex(clamped, 1e-15));
        EXPECT_NEAR(clamped.sum(), 1.0, 1e-14);
        const double distance = (simplexToPlane(clamped) - point).norm();
        // Brute force over a fine sampling of the triangle's boundary and interior.
        double best = INFINITY;
        for (int i = 0; i <= 200; ++i) {
            for (int j = 0; i + j <= 200; ++j) {
                const Eigen::Vector3d q(i / 200.0, j / 200.0, (200 - i - j) / 200.0);
                best = std::min(best, (simplexToPlane(q) - point).norm());
            }
        }
        EXPECT_LE(distance, best + 1e-12);
        if (insideSimplex(planeToSimplex(point))) {
            EXPECT_LT((simplexToPlane(clamped) - point).norm(), 1e-14);
        }
    }
    EXPECT_TRUE(
        clampToSimplex(Eigen::Vector3d(NAN, 0, 0)).isApprox(Eigen::Vector3d::Constant(1.0 / 3)));
}

TEST(SimplexLogits, PointToLogitsToSoftmaxRoundTripsAndKeepsTheMean) {
    std::mt19937_64 rng(21);
    const Vec current = vec({3.2, 5.1, -1.7});
    const SimplexClasses shown;
    for (double temperature : {0.05, 0.5, 1.0, 3.0, 20.0}) {
        for (int n = 0; n < 50; ++n) {
            const Eigen::Vector3d p = randomPoint(rng);
            const auto s = simplexToLogits(current, shown, p, temperature);
            ASSERT_TRUE(s.has_value());
            EXPECT_NEAR(s->mean(), current.mean(), 1e-12);
            const Vec back = softmax(*s, temperature);
            for (int k = 0; k < 3; ++k)
                EXPECT_NEAR(back[k], p[k], 1e-12) << "T=" << temperature;
            const auto point = logitsToSimplex(*s, shown, temperature);
            ASSERT_TRUE(point.has_value());
            EXPECT_LT((*point - p).norm(), 1e-12);
        }
    }
}

TEST(SimplexLogits, ThreeOfManyClassesKeepTheOthersAndTheConditionalSoftmax) {
    std::mt19937_64 rng(4);
    const Vec current = vec({0.3, -1.0, 2.0, 0.7, 1.5, -0.2});
    const SimplexClasses shown{4, 1, 2};
    const double temperature = 0.8;
    for (int n = 0; n < 50; ++n) {
        const Eigen::Vector3d p = randomPoint(rng);
        const auto s = simplexToLogits(current, shown, p, temperature);
        ASSERT_TRUE(s.has_value());
        for (int i : {0, 3, 5})
            EXPECT_EQ((*s)[i], current[i]);
        EXPECT_NEAR(s->mean(), current.mean(), 1e-12);
        const Vec full = softmax(*s, temperature);
        const auto conditional = conditionalProbabilities(full, shown);
        ASSERT_TRUE(conditional.has_value());
        EXPECT_LT((*conditional - p).norm(), 1e-12);
    }
}

TEST(SimplexLogits, BothScalingsMapTheCurrentPointToTheCurrentLogits) {
    const Vec current = vec({3.2, 5.1, -1.7, 0.4});
    const SimplexClasses shown{2, 0, 1};
    for (double temperature : {0.3, 1.0, 4.0}) {
        const auto here = logitsToSimplex(current, shown, temperature);
        ASSERT_TRUE(here.has_value());
        for (SimplexScaling scaling : {SimplexScaling::Temperature, SimplexScaling::KeepNorm}) {
            const auto s = simplexToLogits(current, shown, *here, temperature, scaling);
            ASSERT_TRUE(s.has_value());
            EXPECT_LT((*s - current).norm(), 1e-9) << "T=" << temperature;
        }
    }
}

TEST(SimplexLogits, KeepNormKeepsTheSpreadOfTheShownLogits) {
    std::mt19937_64 rng(8);
    const Vec current = vec({1.0, -2.0, 0.5});
    const double spread = (current.array() - current.mean()).matrix().norm();
    for (int n = 0; n < 50; ++n) {
        const Eigen::Vector3d p = randomPoint(rng, 1e-9);
        const auto s = simplexToLogits(current, {}, p, 0.5, SimplexScaling::KeepNorm);
        ASSERT_TRUE(s.has_value());
        EXPECT_NEAR((s->array() - s->mean()).matrix().norm(), spread, 1e-12);
        EXPECT_NEAR(s->mean(), current.mean(), 1e-12);
        // Same direction as log p: the order of the logits is the order of p.
        EXPECT_EQ(argmax(*s), argmax(Vec(p)));
    }
    // The uniform point gets equal logits; all-equal current logits fall back to α = T.
    const auto uniform = simplexToLogits(current, {}, Eigen::Vector3d::Constant(1.0 / 3), 0.5,
                                         SimplexScaling::KeepNorm);
    ASSERT_TRUE(uniform.has_value());
    EXPECT_NEAR((uniform->array() - current.mean()).abs().maxCoeff(), 0.0, 1e-15);
    const auto fromTies = simplexToLogits(vec({2, 2, 2}), {}, Eigen::Vector3d(0.5, 0.3, 0.2), 0.5,
                                          SimplexScaling::KeepNorm);
    ASSERT_TRUE(fromTies.has_value());
    EXPECT_LT((softmax(*fromTies, 0.5) - Vec(Eigen::Vector3d(0.5, 0.3, 0.2))).norm(), 1e-12);
}

TEST(SimplexLogits, EdgesAndBadInput) {
    const Vec current = vec({0, 0, 0});
    // A vertex has two zero probabilities: they are floored, so the logits stay finite.
    const auto vertex = simplexToLogits(current, {}, Eigen::Vector3d(1, 0, 0), 1.0);
    ASSERT_TRUE(vertex.has_value());
    EXPECT_TRUE(vertex->allFinite());
    EXPECT_GT(softmax(*vertex)[0], 1 - 3e-12);
    // An unnormalized point is normalized.
    const auto scaled = simplexToLogits(current, {}, Eigen::Vector3d(2, 1, 1), 1.0);
    ASSERT_TRUE(scaled.has_value());
    EXPECT_NEAR(softmax(*scaled)[0], 0.5, 1e-12);
    EXPECT_FALSE(simplexToLogits(current, {}, Eigen::Vector3d(-0.1, 0.6, 0.5), 1.0));
    EXPECT_FALSE(simplexToLogits(current, {}, Eigen::Vector3d(0, 0, 0), 1.0));
    EXPECT_FALSE(simplexToLogits(current, {}, Eigen::Vector3d(NAN, 0.5, 0.5), 1.0));
    EXPECT_FALSE(simplexToLogits(current, {}, Eigen::Vector3d(0.2, 0.3, 0.5), 0.0));
    EXPECT_FALSE(simplexToLogits(current, {0, 1, 1}, Eigen::Vector3d(0.2, 0.3, 0.5), 1.0));
    EXPECT_FALSE(simplexToLogits(current, {0, 1, 3}, Eigen::Vector3d(0.2, 0.3, 0.5), 1.0));
    EXPECT_FALSE(logitsToSimplex(vec({0, INFINITY, 0}), {}, 1.0));
    EXPECT_FALSE(logitsToSimplex(current, {}, -1.0));
    EXPECT_FALSE(conditionalProbabilities(vec({0.5, 0.5}), {}));
    EXPECT_TRUE(checkSimplexClasses({0, 2, 2}, 3).has_value());
    EXPECT_FALSE(checkSimplexClasses({3, 0, 2}, 4).has_value());
}

// The heatmap at sampled pixels equals the loss at the logits of that pixel's point.
void checkSimplexGrid(const LossContext& context, const Vec& logits, const SimplexClasses& shown,
                      std::optional<SimplexScaling> scaling) {
    SimplexGridRequest request;
    request.classes = shown;
    request.width = 96;
    request.height = 83;
    request.scaling = scaling;
    Grid grid;
    ASSERT_FALSE(computeSimplexGrid(context, logits, request, &grid).has_value());
    ASSERT_EQ(grid.spec.nx, 96);
    ASSERT_EQ(grid.spec.ny, 83);
    const Vec q = resolvedTarget(context, logits.size());
    const SimplexScaling used = scaling.value_or(defaultSimplexScaling(context.loss));
    int inside = 0;
    for (int j = 0; j < 83; ++j) {
        for (int i = 0; i < 96; ++i) {
            // Pixel centres of a 96 x 83 raster over [0, 1] x [0, √3/2].
            const Eigen::Vector2d centre((i + 0.5) / 96, (j + 0.5) / 83 * std::sqrt(3.0) / 2);
            const Eigen::Vector3d bary = planeToSimplex(centre);
            const double value = grid.at(i, j);
            if (bary.minCoeff() < -1e-9) {
                EXPECT_TRUE(std::isnan(value)) << i << ", " << j;
                continue;
            }
            if (bary.minCoeff() < 1e-9) continue;  // on an edge: either side is fine
            ++inside;
            ASSERT_TRUE(std::isfinite(value)) << i << ", " << j;
            if ((i + 3 * j) % 7 != 0) continue;  // a sample of the pixels is enough
            const auto s = simplexToLogits(logits, shown, bary, context.options.temperature, used);
            ASSERT_TRUE(s.has_value());
            const double ref =
                evaluateLoss(context.loss, *s, context.trueClass, q, context.options).value;
            EXPECT_NEAR(value, ref, 1e-9 * (1 + std::abs(ref)))
                << lossKey(context.loss) << " pixel " << i << ", " << j;
        }
    }
    // The triangle covers half of its bounding box.
    EXPECT_NEAR(inside / (96.0 * 83.0), 0.5, 0.03);
}

TEST(SimplexGrid, EqualsTheLossAtEachPointsLogits) {
    const Vec three = vec({3.2, 5.1, -1.7});
    for (Loss loss : kAllLosses) {
        LossContext context;
        context.loss = loss;
        context.trueClass = 0;
        context.options.temperature = 0.7;
        context.options.smoothing = 0.1;
        checkSimplexGrid(context, three, {}, std::nullopt);
        // K = 10, three of them shown, a soft target.
        Vec ten(10);
        ten << 0.5, -1.0, 2.0, 0.1, 1.1, -0.3, 0.0, 1.7, 0.9, -2.0;
        Vec t(10);
        t << 0.05, 0.1, 0.3, 0.05, 0.2, 0.05, 0.05, 0.1, 0.05, 0.05;
        context.target = smoothTarget(t, 0.1);
        context.trueClass = 2;
        checkSimplexGrid(context, ten, {7, 2, 4}, std::nullopt);
        checkSimplexGrid(context, ten, {7, 2, 4}, SimplexScaling::Temperature);
    }
}

TEST(SimplexGrid, DependsOnTheLogitsExactlyWhenDeclared) {
    // The panel reuses the grid while the logits are dragged when simplexGridDependsOnLogits
    // says it may: two very different logit vectors must then give the same grid; where it
    // says it may not, some pair of vectors must give a different one.
    const Vec a = vec({3.2, 5.1, -1.7}), b = vec({-4.0, 0.5, 9.0});
    for (Loss loss : kAllLosses) {
        SCOPED_TRACE(std::string(lossKey(loss)));
        LossContext context;
        context.loss = loss;
        context.trueClass = 1;
        context.options.temperature = 0.8;
        context.options.smoothing = 0.05;
        context.target = smoothTarget(vec({0.0, 1.0, 0.0}), 0.05);
        SimplexGridRequest request;
        request.width = 48;
        request.height = 42;
        Grid fromA, fromB;
        ASSERT_FALSE(computeSimplexGrid(context, a, request, &fromA).has_value());
        ASSERT_FALSE(computeSimplexGrid(context, b, request, &fromB).has_value());
        double largest = 0.0;
        for (std::size_t n = 0; n < fromA.values.size(); ++n) {
            if (!std::isfinite(fromA.values[n])) continue;
            largest = std::max(largest, std::abs(fromA.values[n] - fromB.values[n]));
        }
        const SimplexScaling scaling = defaultSimplexScaling(loss);
        if (simplexGridDependsOnLogits(loss, 3, scaling)) {
            EXPECT_GT(largest, 1e-3);
        } else {
            EXPECT_LT(largest, 1e-9);
        }
    }
    EXPECT_TRUE(simplexGridDependsOnLogits(Loss::CrossEntropy, 4, SimplexScaling::Temperature));
    EXPECT_TRUE(simplexGridDependsOnLogits(Loss::CrossEntropy, 3, SimplexScaling::KeepNorm));
}

TEST(SimplexGrid, CrossEntropyIsSmallestAtTheTarget) {
    // With q = e_a smoothed, the cross-entropy over the simplex is smallest near vertex a:
    // the grid's minimum is in the bottom-left corner, its maximum near b or c.
    LossContext context;
    context.options.smoothing = 0.0;
    Grid grid;
    SimplexGridRequest request;
    ASSERT_FALSE(computeSimplexGrid(context, vec({0, 0, 0}), request, &grid).has_value());
    double best = INFINITY;
    Eigen::Vector2d where;
    for (int j = 0; j < grid.spec.ny; ++j) {
        for (int i = 0; i < grid.spec.nx; ++i) {
            if (grid.at(i, j) < best) {
                best = grid.at(i, j);
                where = {grid.spec.x(i), grid.spec.y(j)};
            }
        }
    }
    EXPECT_EQ(best, grid.minValue);
    EXPECT_LT(where.norm(), 0.02);  // vertex a is at the origin
    EXPECT_GT(grid.maxValue, 5.0);
}

TEST(SimplexGrid, BadInputIsAMessage) {
    Grid grid;
    grid.values = {1.0};
    LossContext context;
    SimplexGridRequest request;
    EXPECT_TRUE(computeSimplexGrid(context, vec({1, 2}), request, &grid).has_value());
    request.classes = {0, 1, 1};
    EXPECT_TRUE(computeSimplexGrid(context, vec({1, 2, 3}), request, &grid).has_value());
    request.classes = {};
    request.width = 1;
    EXPECT_TRUE(computeSimplexGrid(context, vec({1, 2, 3}), request, &grid).has_value());
    request.width = 64;
    EXPECT_TRUE(computeSimplexGrid(context, vec({1, NAN, 3}), request, &grid).has_value());
    EXPECT_EQ(grid.values, std::vector<double>{1.0});
}

TEST(TemperaturePath, FromNearUniformToTheArgmaxVertex) {
    const Vec logits = vec({1.0, 2.0, 0.0});
    TemperaturePathRequest request;
    request.points = 60;
    TemperaturePath path;
    ASSERT_FALSE(temperaturePath(logits, request, &path).has_value());
    ASSERT_EQ(path.temperatures.size(), 60);
    ASSERT_EQ(path.probabilities.rows(), 60);
    ASSERT_EQ(path.plane.size(), 60u);
    EXPECT_DOUBLE_EQ(path.temperatures[0], 20.0);
    EXPECT_EQ(path.temperatures[59], 0.05);
    // Log-spaced: a constant ratio from one temperature to the next.
    const double ratio = std::pow(0.05 / 20.0, 1.0 / 59);
    for (int t = 1; t < 60; ++t) {
        EXPECT_NEAR(path.temperatures[t] / path.temperatures[t - 1], ratio, 1e-12);
    }
    for (int k = 0; k < 3; ++k)
        EXPECT_NEAR(path.probabilities(0, k), 1.0 / 3, 0.05);
    EXPECT_NEAR(path.probabilities(59, 1), 1.0, 1e-3);
    EXPECT_LT((path.plane.back() - simplexVertex(1)).norm(), 1e-3);
    EXPECT_LT((path.plane.front() - simplexToPlane(Eigen::Vector3d::Constant(1.0 / 3))).norm(),
              0.05);
    for (int t = 0; t < 60; ++t) {
        const Vec p = softmax(logits, path.temperatures[t]);
        EXPECT_LT((Vec(path.probabilities.row(t).transpose()) - p).norm(), 1e-15);
        EXPECT_LT((path.plane[t] - simplexToPlane(Eigen::Vector3d(p))).norm(), 1e-12);
        // Cooling only sharpens: the argmax probability never falls.
        if (t > 0) {
            EXPECT_GE(path.probabilities(t, 1), path.probabilities(t - 1, 1));
        }
    }
}

TEST(TemperaturePath, BadInputIsAMessage) {
    TemperaturePath path;
    TemperaturePathRequest request;
    EXPECT_TRUE(temperaturePath(vec({1, 2}), request, &path).has_value());
    EXPECT_TRUE(temperaturePath(vec({1, 2, NAN}), request, &path).has_value());
    request.coldest = 30.0;
    EXPECT_TRUE(temperaturePath(vec({1, 2, 3}), request, &path).has_value());
    request.coldest = 0.0;
    EXPECT_TRUE(temperaturePath(vec({1, 2, 3}), request, &path).has_value());
    request.coldest = 0.05;
    request.points = 1;
    EXPECT_TRUE(temperaturePath(vec({1, 2, 3}), request, &path).has_value());
    EXPECT_EQ(path.temperatures.size(), 0);
}

}  // namespace
}  // namespace losslab
