// Loss grids over two logits, the per-row losses behind them, and gradient-descent paths:
// every number is checked against evaluateLoss, the single-sample reference (losses.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "../support/vectors.hpp"
#include "losslab/grid.hpp"
#include "losslab/row_losses.hpp"
#include "losslab/targets.hpp"

namespace losslab {
namespace {

using testing::vec;

// An absolute floor plus a relative part: the grid and the reference take exp in different
// ways (vectorized vs std::exp), so they agree to a few ulp, not exactly.
double tolerance(double expected) {
    return 1e-12 + 1e-10 * std::abs(expected);
}
// A macro so that the failure message after << is only built when the check fails.
#define EXPECT_CLOSE(actual, expected) EXPECT_NEAR(actual, expected, tolerance(expected))

Vec randomLogits(std::mt19937_64& rng, Eigen::Index k, double scale) {
    std::normal_distribution<double> normal(0.0, scale);
    Vec s(k);
    for (Eigen::Index i = 0; i < k; ++i)
        s[i] = normal(rng);
    return s;
}

// A soft target that is not one-hot and not symmetric, so a mix-up of classes shows.
Vec softTarget(Eigen::Index k) {
    Vec t(k);
    for (Eigen::Index i = 0; i < k; ++i)
        t[i] = 1.0 + static_cast<double>((3 * i) % 5);
    return t / t.sum();
}

struct PlaneCase {
    Loss loss;
    Eigen::Index classes;
    bool soft;
    LossOptions options;
};

std::string describe(const PlaneCase& c) {
    return std::string(lossKey(c.loss)) + " K=" + std::to_string(c.classes) +
           (c.soft ? " soft" : " one-hot") + " T=" + std::to_string(c.options.temperature);
}

// Every node of a small grid (a 37 x 29 window, both sides of every kink) against
// evaluateLoss: value and the two gradient components.
void checkPlaneAgainstReference(const PlaneCase& c, std::mt19937_64& rng) {
    const Vec logits = randomLogits(rng, c.classes, 2.0);
    LossContext context;
    context.loss = c.loss;
    context.trueClass = static_cast<int>(c.classes) - 2;
    context.options = c.options;
    if (c.soft) context.target = smoothTarget(softTarget(c.classes), c.options.smoothing);
    const Vec q = resolvedTarget(context, c.classes);

    LogitPlaneRequest request;
    request.axisA = static_cast<int>(c.classes) - 1;
    request.axisB = static_cast<int>(c.classes) - 2;  // the true class: kinks cross the window
    request.spec = GridSpec{-4.5, 3.5, -2.0, 5.0, 37, 29};
    request.withGradient = true;
    LogitPlaneGrid grid;
    const auto error = computeLogitPlane(context, logits, request, &grid);
    ASSERT_FALSE(error.has_value()) << describe(c) << ": " << *error;
    ASSERT_EQ(grid.loss.values.size(), 37u * 29u);
    ASSERT_EQ(grid.gradA.values.size(), 37u * 29u);

    double lo = INFINITY;
    double hi = -INFINITY;
    for (int j = 0; j < 29; ++j) {
        for (int i = 0; i < 37; ++i) {
            Vec s = logits;
            s[request.axisA] = -4.5 + i * (8.0 / 36.0);
            s[request.axisB] = -2.0 + j * (7.0 / 28.0);
            const LossValue ref = evaluateLoss(c.loss, s, context.trueClass, q, c.options);
            auto where = [&] {
                return describe(c) + " node (" + std::to_string(i) + ", " + std::to_string(j) + ")";
            };
            EXPECT_CLOSE(grid.loss.at(i, j), ref.value) << where() << " value";
            EXPECT_CLOSE(grid.gradA.at(i, j), ref.grad[request.axisA]) << where() << " dL/ds_a";
            EXPECT_CLOSE(grid.gradB.at(i, j), ref.grad[request.axisB]) << where() << " dL/ds_b";
            lo = std::min(lo, ref.value);
            hi = std::max(hi, ref.value);
        }
    }
    EXPECT_CLOSE(grid.loss.minValue, lo) << describe(c) + " min";
    EXPECT_CLOSE(grid.loss.maxValue, hi) << describe(c) + " max";
}

TEST(LogitPlane, EqualsEvaluateLossForEveryLossAndTarget) {
    std::mt19937_64 rng(7);
    for (Loss loss : kAllLosses) {
        for (Eigen::Index k : {3, 10}) {
            for (bool soft : {false, true}) {
                LossOptions options;
                options.smoothing = soft ? 0.05 : 0.1;
                options.temperature = soft ? 0.7 : 1.0;
                options.gamma = soft ? 1.5 : 2.0;  // a non-integer γ takes the pow path
                options.logBase = soft ? LogBase::Two : LogBase::E;
                options.margin = soft ? 0.5 : 1.0;
                options.hingeDivideByK = soft;
                checkPlaneAgainstReference({loss, k, soft, options}, rng);
            }
        }
    }
}

TEST(LogitPlane, HingeKinksStaySharp) {
    // K = 3, y = 0, s_0 = 0, Δ = 1: hinge_ww = max(0, s_1 + 1) + max(0, s_2 + 1) exactly.
    // Nodes fall on the kinks s = −1 (step 0.25); a smoothed hinge would be > 0 there.
    LossContext context;
    context.loss = Loss::HingeWW;
    LogitPlaneRequest request;
    request.axisA = 1;
    request.axisB = 2;
    request.spec = GridSpec{-3.0, 1.0, -3.0, 1.0, 17, 17};
    request.withGradient = true;
    LogitPlaneGrid grid;
    ASSERT_FALSE(computeLogitPlane(context, vec({0, 0, 0}), request, &grid).has_value());
    for (int j = 0; j < 17; ++j) {
        for (int i = 0; i < 17; ++i) {
            const double x = -3.0 + 0.25 * i;
            const double y = -3.0 + 0.25 * j;
            EXPECT_EQ(grid.loss.at(i, j), std::max(0.0, x + 1) + std::max(0.0, y + 1));
            // A term at exactly 0 is inactive (docs/math.md: active when > 0 strictly).
            EXPECT_EQ(grid.gradA.at(i, j), x > -1 ? 1.0 : 0.0);
            EXPECT_EQ(grid.gradB.at(i, j), y > -1 ? 1.0 : 0.0);
        }
    }
    EXPECT_EQ(grid.loss.minValue, 0.0);
    EXPECT_EQ(grid.loss.maxValue, 4.0);
}

TEST(LogitPlane, RowZeroIsYMinAndAxesAreNotSwapped) {
    // hinge_cs treats s_a (a rival) and s_b (the true class) differently, so a swap of the
    // axes or of the row order changes the numbers.
    LossContext context;
    context.loss = Loss::HingeCS;
    LogitPlaneRequest request;
    request.axisA = 2;
    request.axisB = 0;  // the true class along y
    request.spec = GridSpec{-1.0, 1.0, 10.0, 20.0, 3, 3};
    LogitPlaneGrid grid;
    ASSERT_FALSE(computeLogitPlane(context, vec({0, -5, 0}), request, &grid).has_value());
    // hinge_cs = max(0, 1 − (s_0 − max(s_1, s_2))): zero for every node here (s_0 ≥ 10).
    EXPECT_EQ(grid.loss.maxValue, 0.0);
    request.spec = GridSpec{-1.0, 1.0, -20.0, -10.0, 3, 3};
    ASSERT_FALSE(computeLogitPlane(context, vec({0, -5, 0}), request, &grid).has_value());
    // Row 0 is y = s_0 = −20: 1 − (−20 − s_2) = 21 + s_2, with s_2 = x = −1, 0, 1.
    EXPECT_EQ(grid.loss.at(0, 0), 20.0);
    EXPECT_EQ(grid.loss.at(2, 0), 22.0);
    EXPECT_EQ(grid.loss.at(0, 2), 10.0);  // y = −10
    EXPECT_TRUE(grid.gradA.empty());
}

TEST(LogitPlane, WorkspaceReuseMatchesAFreshComputation) {
    std::mt19937_64 rng(3);
    LossContext context;
    context.loss = Loss::CrossEntropy;
    context.trueClass = 4;
    LogitPlaneRequest request;
    request.axisA = 0;
    request.axisB = 4;
    request.spec = centredSpec(0.0, 0.0, 5.0, 61);  // 3721 nodes: several blocks, a partial one
    request.withGradient = true;
    LossGridWorkspace workspace;
    LogitPlaneGrid reused;
    ASSERT_FALSE(
        computeLogitPlane(context, randomLogits(rng, 10, 3.0), request, &reused, &workspace)
            .has_value());
    const Vec second = randomLogits(rng, 10, 3.0);
    ASSERT_FALSE(computeLogitPlane(context, second, request, &reused, &workspace).has_value());
    LogitPlaneGrid fresh;
    ASSERT_FALSE(computeLogitPlane(context, second, request, &fresh).has_value());
    EXPECT_EQ(reused.loss.values, fresh.loss.values);
    EXPECT_EQ(reused.gradA.values, fresh.gradA.values);
    EXPECT_EQ(reused.gradB.values, fresh.gradB.values);
}

TEST(LogitPlane, InvalidInputIsAMessageAndLeavesTheOutput) {
    LogitPlaneGrid grid;
    grid.loss.values = {42.0};
    LossContext context;
    LogitPlaneRequest request;
    request.spec = centredSpec(0, 0, 1, 8);
    const Vec logits = vec({1, 2, 3});
    auto fails = [&](const LossContext& c, const Vec& s, const LogitPlaneRequest& r) {
        const auto error = computeLogitPlane(c, s, r, &grid);
        EXPECT_TRUE(error.has_value());
        EXPECT_EQ(grid.loss.values, std::vector<double>{42.0});
        return error.value_or("");
    };
    LogitPlaneRequest sameAxes = request;
    sameAxes.axisB = 0;
    EXPECT_NE(fails(context, logits, sameAxes).find("different"), std::string::npos);
    LogitPlaneRequest badAxis = request;
    badAxis.axisA = 3;
    EXPECT_NE(fails(context, logits, badAxis).find("axis a"), std::string::npos);
    LogitPlaneRequest tooSmall = request;
    tooSmall.spec.nx = 1;
    fails(context, logits, tooSmall);
    LogitPlaneRequest nanRange = request;
    nanRange.spec.xMax = NAN;
    fails(context, logits, nanRange);
    LogitPlaneRequest huge = request;
    huge.spec.ny = kMaxGridSide + 1;
    fails(context, logits, huge);
    fails(context, vec({1, NAN, 3}), request);
    fails(context, vec({1}), request);
    LossContext badTarget = context;
    badTarget.target = vec({0.5, 0.5});
    fails(badTarget, logits, request);
    LossContext notADistribution = context;
    notADistribution.target = vec({0.5, 0.6, 0.1});
    fails(notADistribution, logits, request);
    LossContext coldZero = context;
    coldZero.options.temperature = 0.0;
    fails(coldZero, logits, request);
    LossContext badClass = context;
    badClass.trueClass = 3;
    fails(badClass, logits, request);
    LossContext badGamma = context;
    badGamma.options.gamma = NAN;
    fails(badGamma, logits, request);
    EXPECT_TRUE(computeLogitPlane(context, logits, request, nullptr).has_value());
}

TEST(RowLosses, ManyRowsAcrossBlocksEqualEvaluateLoss) {
    std::mt19937_64 rng(11);
    const Eigen::Index n = 5000;  // K = 10 → blocks of 1638 rows, the last one partial
    const Eigen::Index k = 10;
    RowMatrix logits(n, k);
    for (Eigen::Index r = 0; r < n; ++r)
        logits.row(r) = randomLogits(rng, k, 4.0).transpose();
    // Rows that test the numerics: huge logits, ties, a confident row with a loss of 1e-48.
    logits.row(0).setConstant(1e300);
    logits.row(1) << 1e300, -1e300, 0, 0, 0, 0, 0, 0, 0, -1e300;
    logits.row(2).setZero();
    logits.row(3).setConstant(-100.0);
    logits(3, 6) = 10.0;
    const Vec q = smoothTarget(softTarget(k), 0.0);
    const Vec oneHot = makeTarget(static_cast<int>(k), 6, 0.0);
    RowLossWorkspace workspace;
    struct Setting {
        Loss loss;
        double gamma;
    };
    std::vector<Setting> settings;
    for (Loss loss : kAllLosses)
        settings.push_back({loss, 2.0});
    settings.push_back({Loss::Focal, 0.0});  // the focal weight's other paths: γ = 0, and
    settings.push_back({Loss::Focal, 0.7});  // a non-integer γ through exp(γ·log(1 − p))
    for (const auto& [loss, gamma] : settings) {
        for (const Vec* target : {&q, &oneHot}) {
            LossOptions options;
            options.temperature = 0.5;
            options.gamma = gamma;
            Vec values;
            RowMatrix grad;
            ASSERT_FALSE(rowLosses(loss, logits, 6, *target, options, &values, &grad, &workspace)
                             .has_value());
            ASSERT_EQ(values.size(), n);
            ASSERT_EQ(grad.rows(), n);
            for (Eigen::Index r = 0; r < n; ++r) {
                const LossValue ref =
                    evaluateLoss(loss, logits.row(r).transpose(), 6, *target, options);
                ASSERT_TRUE(std::isfinite(values[r])) << lossKey(loss) << " row " << r;
                EXPECT_CLOSE(values[r], ref.value) << lossKey(loss) << " row " << r;
                for (Eigen::Index i = 0; i < k; ++i) {
                    EXPECT_CLOSE(grad(r, i), ref.grad[i])
                        << lossKey(loss) << " row " << r << " grad " << i;
                }
            }
        }
    }
    // The confident row keeps its tiny loss (relative precision, not just absolute).
    Vec values;
    ASSERT_FALSE(
        rowLosses(Loss::CrossEntropy, logits, 6, oneHot, {}, &values, nullptr).has_value());
    const double reference =
        evaluateLoss(Loss::CrossEntropy, logits.row(3).transpose(), 6, oneHot, {}).value;
    EXPECT_GT(values[3], 0.0);
    EXPECT_NEAR(values[3] / reference, 1.0, 1e-12);
}

TEST(RowLosses, ColumnMajorLayoutGivesTheSameRows) {
    std::mt19937_64 rng(12);
    const Eigen::Index n = 1234;
    const Eigen::Index k = 7;
    RowMatrix logits(n, k);
    for (Eigen::Index r = 0; r < n; ++r)
        logits.row(r) = randomLogits(rng, k, 3.0).transpose();
    const Eigen::ArrayXXd columns = logits.array();  // the same rows, column-major
    const Vec q = softTarget(k);
    for (Loss loss : kAllLosses) {
        Vec rowValues;
        RowMatrix rowGrad;
        Eigen::ArrayXd columnValues;
        Eigen::ArrayXXd columnGrad;
        ASSERT_FALSE(rowLosses(loss, logits, 3, q, {}, &rowValues, &rowGrad).has_value());
        ASSERT_FALSE(columnLosses(loss, columns, 3, q, {}, &columnValues, &columnGrad).has_value());
        EXPECT_TRUE((rowValues.array() == columnValues).all()) << lossKey(loss);
        EXPECT_TRUE((rowGrad.array() == columnGrad).all()) << lossKey(loss);
        for (Eigen::Index r = 0; r < n; r += 97) {
            EXPECT_CLOSE(columnValues[r],
                         evaluateLoss(loss, logits.row(r).transpose(), 3, q, {}).value)
                << lossKey(loss) << " row " << r;
        }
    }
}

TEST(RowLosses, RejectsBadArguments) {
    RowMatrix logits = RowMatrix::Zero(4, 3);
    Vec values = vec({7});
    const Vec q = makeTarget(3, 0, 0.0);
    EXPECT_TRUE(rowLosses(Loss::Focal, logits, 3, q, {}, &values, nullptr).has_value());
    EXPECT_TRUE(rowLosses(Loss::Focal, logits, 0, vec({1, 0}), {}, &values, nullptr).has_value());
    EXPECT_TRUE(rowLosses(Loss::Focal, logits, 0, q, {}, nullptr, nullptr).has_value());
    LossOptions negativeMargin;
    negativeMargin.margin = -1;
    EXPECT_TRUE(
        rowLosses(Loss::HingeWW, logits, 0, q, negativeMargin, &values, nullptr).has_value());
    EXPECT_EQ(values.size(), 1);  // untouched
    RowMatrix noRows(0, 3);
    EXPECT_FALSE(rowLosses(Loss::Brier, noRows, 0, q, {}, &values, nullptr).has_value());
    EXPECT_EQ(values.size(), 0);
}

TEST(SampleGrid, NodesAndRowOrder) {
    const GridSpec spec{-1.0, 1.0, 10.0, 14.0, 5, 3};
    const Grid grid = sampleGrid(spec, [](double x, double y) { return 100 * x + y; });
    ASSERT_EQ(grid.values.size(), 15u);
    EXPECT_EQ(grid.values[0], -100.0 + 10.0);  // row 0 is yMin, node 0 is xMin
    EXPECT_EQ(grid.values[4], 100.0 + 10.0);   // end of row 0 is xMax (both ends are nodes)
    EXPECT_EQ(grid.values[5], -100.0 + 12.0);  // row 1
    EXPECT_EQ(grid.at(2, 2), 14.0);
    EXPECT_EQ(grid.minValue, -90.0);
    EXPECT_EQ(grid.maxValue, 114.0);
    EXPECT_TRUE(sampleGrid(GridSpec{0, 1, 0, 1, 1, 5}, [](double, double) { return 0.0; }).empty());

    // Pixel centres: 4 pixels over [0, 2] have centres 0.25, 0.75, 1.25, 1.75.
    const GridSpec pixels = pixelCentreSpec(0.0, 2.0, -1.0, 1.0, 4, 2);
    EXPECT_DOUBLE_EQ(pixels.x(0), 0.25);
    EXPECT_DOUBLE_EQ(pixels.x(3), 1.75);
    EXPECT_DOUBLE_EQ(pixels.y(0), -0.5);
    EXPECT_DOUBLE_EQ(pixels.y(1), 0.5);

    Grid withNaN = sampleGrid(spec, [](double x, double) { return x > 0 ? NAN : x; });
    EXPECT_EQ(withNaN.minValue, -1.0);
    EXPECT_EQ(withNaN.maxValue, 0.0);
    Grid allNaN = sampleGrid(spec, [](double, double) { return NAN; });
    EXPECT_TRUE(std::isnan(allNaN.minValue) && std::isnan(allNaN.maxValue));
}

TEST(DescentPath, CrossEntropyDecreasesMonotonicallyAndFollowsTheGradient) {
    LossContext context;
    context.loss = Loss::CrossEntropy;
    context.trueClass = 0;  // cat, while the logits favour car (lecture 003)
    context.options.smoothing = 0.1;
    const Vec start = vec({3.2, 5.1, -1.7});
    DescentOptions options;
    options.stepSize = 0.1;
    options.steps = 300;
    DescentPath path;
    ASSERT_FALSE(descentPath(context, start, options, &path).has_value());
    ASSERT_EQ(path.logits.rows(), 301);
    ASSERT_EQ(path.losses.size(), 301);
    EXPECT_EQ(path.stop, DescentStop::Completed);
    EXPECT_EQ(Vec(path.logits.row(0).transpose()), start);
    const Vec q = resolvedTarget(context, 3);
    for (Eigen::Index t = 0; t + 1 < path.logits.rows(); ++t) {
        EXPECT_LT(path.losses[t + 1], path.losses[t]) << "step " << t;
        const Vec s = path.logits.row(t).transpose();
        const LossValue at = evaluateLoss(context.loss, s, 0, q, context.options);
        EXPECT_EQ(path.losses[t], at.value);
        const Vec expected = s - 0.1 * at.grad;
        EXPECT_EQ(Vec(path.logits.row(t + 1).transpose()), expected);
    }
    EXPECT_LT(path.losses[300], 0.5 * path.losses[0]);
    EXPECT_EQ(argmax(path.logits.row(300).transpose()), 0);  // cat wins in the end

    // A longer path (its storage grows as it goes) starts with the same 301 rows.
    options.steps = 3000;
    DescentPath longer;
    ASSERT_FALSE(descentPath(context, start, options, &longer).has_value());
    ASSERT_EQ(longer.logits.rows(), 3001);
    EXPECT_EQ(longer.logits.topRows(301), path.logits);
    EXPECT_EQ(longer.losses.head(301), path.losses);
    EXPECT_LT(longer.losses[3000], longer.losses[2999]);
}

TEST(DescentPath, OnlyAxesKeepsTheOtherLogits) {
    LossContext context;
    context.loss = Loss::Focal;
    context.trueClass = 2;
    const Vec start = vec({1.0, 2.0, -1.0, 0.5});
    DescentOptions options;
    options.stepSize = 0.2;
    options.steps = 50;
    options.onlyAxes = true;
    options.axisA = 2;
    options.axisB = 1;
    DescentPath path;
    ASSERT_FALSE(descentPath(context, start, options, &path).has_value());
    ASSERT_EQ(path.logits.rows(), 51);
    for (Eigen::Index t = 0; t < path.logits.rows(); ++t) {
        EXPECT_EQ(path.logits(t, 0), 1.0);
        EXPECT_EQ(path.logits(t, 3), 0.5);
        if (t > 0) {
            EXPECT_LT(path.losses[t], path.losses[t - 1]);
        }
    }
    EXPECT_GT(path.logits(50, 2), path.logits(0, 2));  // the true class's logit went up
}

TEST(DescentPath, StopsWhenStationaryOrNotFinite) {
    LossContext hinge;
    hinge.loss = Loss::HingeWW;
    DescentOptions options;
    options.steps = 10;
    DescentPath path;
    // Lecture 004: [10, −2, 3] with y = 0 has hinge loss 0 and gradient 0.
    ASSERT_FALSE(descentPath(hinge, vec({10, -2, 3}), options, &path).has_value());
    EXPECT_EQ(path.stop, DescentStop::Stationary);
    EXPECT_EQ(path.logits.rows(), 1);
    EXPECT_EQ(path.losses[0], 0.0);

    // A step of 1e308 times a gradient of 10 overflows: the path ends before it.
    LossContext squared;
    squared.loss = Loss::SquaredHinge;
    options.stepSize = 1e308;
    options.steps = 1000;
    ASSERT_FALSE(descentPath(squared, vec({0, 1, 2}), options, &path).has_value());
    EXPECT_EQ(path.stop, DescentStop::NonFinite);
    EXPECT_EQ(path.logits.rows(), 1);
    EXPECT_EQ(path.losses[0], 4.0 + 9.0);  // (1 − 0 + 1)² + (2 − 0 + 1)²
    EXPECT_TRUE(path.logits.allFinite());
    EXPECT_TRUE(path.losses.allFinite());

    DescentPath untouched;
    untouched.losses = vec({5});
    options.stepSize = -1;
    EXPECT_TRUE(descentPath(squared, vec({0, 1, 2}), options, &untouched).has_value());
    options.stepSize = 0.1;
    options.steps = -1;
    EXPECT_TRUE(descentPath(squared, vec({0, 1, 2}), options, &untouched).has_value());
    options.steps = 5;
    options.onlyAxes = true;
    options.axisB = 7;
    EXPECT_TRUE(descentPath(squared, vec({0, 1, 2}), options, &untouched).has_value());
    EXPECT_EQ(untouched.losses.size(), 1);
}

}  // namespace
}  // namespace losslab
