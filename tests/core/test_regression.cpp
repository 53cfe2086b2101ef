// Regression losses on a line fit (losslab/regression.hpp): the losses and their gradients,
// the exact solvers against hand computations and brute force, gradient descent, the
// likelihood view, the `line` dataset and the x,y CSV.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "losslab/dataset.hpp"
#include "losslab/regression.hpp"

namespace losslab {
namespace {

RegressionData points(std::vector<double> x, std::vector<double> y) {
    RegressionData data;
    data.x = Eigen::Map<const Vec>(x.data(), static_cast<Eigen::Index>(x.size()));
    data.y = Eigen::Map<const Vec>(y.data(), static_cast<Eigen::Index>(y.size()));
    return data;
}

RegressionData lineData(Eigen::Index n, double noise, Eigen::Index outliers, std::uint64_t seed) {
    LineDatasetOptions options;
    options.points = n;
    options.noise = noise;
    options.outliers = outliers;
    options.seed = seed;
    RegressionData data;
    const auto error = generateLineDataset(options, &data);
    EXPECT_FALSE(error.has_value()) << *error;
    return data;
}

RegressionOptions optionsFor(RegressionLoss loss, double l2 = 0.0, double delta = 1.0) {
    RegressionOptions options;
    options.loss = loss;
    options.l2 = l2;
    options.delta = delta;
    return options;
}

ExactFit exactFit(const RegressionOptions& options, const RegressionData& data) {
    ExactFit fit;
    const auto error = solveRegressionExact(options, data, &fit);
    EXPECT_FALSE(error.has_value()) << *error;
    return fit;
}

double objectiveAt(const RegressionOptions& options, const RegressionData& data, double w,
                   double b) {
    return evaluateRegressionObjective(options, data, {w, b}).value;
}

// ---- losses and gradients ------------------------------------------------------------------

TEST(RegressionLosses, KeysRoundTrip) {
    for (RegressionLoss loss : kAllRegressionLosses) {
        EXPECT_EQ(regressionLossFromKey(regressionLossKey(loss)), loss);
    }
    EXPECT_FALSE(regressionLossFromKey("mse").has_value());
    EXPECT_EQ(regressionLossKeyList(), "l2, l1, huber, log_cosh");
}

TEST(RegressionLosses, ValuesOfOnePoint) {
    EXPECT_EQ(regressionPointLoss(RegressionLoss::L2, -3, 1).value, 9);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::L2, -3, 1).derivative, -6);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::L1, -3, 1).value, 3);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::L1, -3, 1).derivative, -1);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::L1, 0, 1).derivative, 0);
    // huber: quadratic inside δ, linear outside, continuous at δ.
    EXPECT_EQ(regressionPointLoss(RegressionLoss::Huber, 0.5, 2).value, 0.125);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::Huber, 5, 2).value, 2 * (5 - 1));
    EXPECT_EQ(regressionPointLoss(RegressionLoss::Huber, -5, 2).derivative, -2);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::Huber, 2, 2).value, 2);
    // log cosh: r²/2 for small r with every digit, |r| − log 2 for large r, no overflow.
    const double tiny = 1e-9;
    EXPECT_DOUBLE_EQ(regressionPointLoss(RegressionLoss::LogCosh, tiny, 1).value,
                     0.5 * tiny * tiny);
    EXPECT_DOUBLE_EQ(regressionPointLoss(RegressionLoss::LogCosh, 0.7, 1).value,
                     std::log(std::cosh(0.7)));
    EXPECT_DOUBLE_EQ(regressionPointLoss(RegressionLoss::LogCosh, -3, 1).value,
                     std::log(std::cosh(3.0)));
    EXPECT_DOUBLE_EQ(regressionPointLoss(RegressionLoss::LogCosh, -1000, 1).value,
                     1000 - std::log(2.0));
    EXPECT_EQ(regressionPointLoss(RegressionLoss::LogCosh, 1e300, 1).derivative, 1);
    EXPECT_EQ(regressionPointLoss(RegressionLoss::LogCosh, 0, 1).value, 0);
}

TEST(RegressionLosses, PointDerivativesMatchFiniteDifferences) {
    const double h = 1e-6;
    for (RegressionLoss loss : kAllRegressionLosses) {
        for (double r : {-7.3, -1.2, -0.4, 0.03, 0.6, 0.95, 1.01, 2.5, 30.0}) {
            const double delta = 0.8;
            const double numeric = (regressionPointLoss(loss, r + h, delta).value -
                                    regressionPointLoss(loss, r - h, delta).value) /
                                   (2 * h);
            EXPECT_NEAR(regressionPointLoss(loss, r, delta).derivative, numeric, 1e-7)
                << regressionLossKey(loss) << " at r = " << r;
        }
    }
}

TEST(RegressionObjective, GradientMatchesCentralFiniteDifferencesWithL2) {
    const RegressionData data = lineData(40, 0.5, 4, 11);
    const double h = 1e-6;
    for (RegressionLoss loss : kAllRegressionLosses) {
        const RegressionOptions options = optionsFor(loss, 0.3, 0.7);
        for (const RegressionLine line : {RegressionLine{0.37, -0.21}, RegressionLine{-1.3, 2.2}}) {
            const RegressionObjective j = evaluateRegressionObjective(options, data, line);
            const double dw = (objectiveAt(options, data, line.w + h, line.b) -
                               objectiveAt(options, data, line.w - h, line.b)) /
                              (2 * h);
            const double db = (objectiveAt(options, data, line.w, line.b + h) -
                               objectiveAt(options, data, line.w, line.b - h)) /
                              (2 * h);
            EXPECT_NEAR(j.gradW, dw, 1e-7) << regressionLossKey(loss);
            EXPECT_NEAR(j.gradB, db, 1e-7) << regressionLossKey(loss);
            EXPECT_DOUBLE_EQ(j.regLoss, 0.3 * line.w * line.w);
            EXPECT_DOUBLE_EQ(j.value, j.dataLoss + j.regLoss);
        }
    }
}

TEST(RegressionObjective, EffectiveWeightsAreTheSizeOfEachPointsPull) {
    const RegressionData data = points({0, 1, 2, 3}, {0.5, 1, -4, 3.1});
    const RegressionLine line{1, 0};  // residuals −0.5, 0, 6, −0.1
    const Vec r = regressionResiduals(data, line);
    ASSERT_EQ(r.size(), 4);
    EXPECT_EQ(r[2], 6);
    const Vec l2 = regressionEffectiveWeights(optionsFor(RegressionLoss::L2), data, line);
    const Vec l1 = regressionEffectiveWeights(optionsFor(RegressionLoss::L1), data, line);
    const Vec huber =
        regressionEffectiveWeights(optionsFor(RegressionLoss::Huber, 0, 1), data, line);
    const Vec logCosh = regressionEffectiveWeights(optionsFor(RegressionLoss::LogCosh), data, line);
    for (Eigen::Index i = 0; i < 4; ++i) {
        EXPECT_DOUBLE_EQ(l2[i], 2 * std::abs(r[i]));
        EXPECT_EQ(l1[i], r[i] == 0 ? 0.0 : 1.0);
        EXPECT_DOUBLE_EQ(huber[i], std::min(std::abs(r[i]), 1.0));
        EXPECT_DOUBLE_EQ(logCosh[i], std::abs(std::tanh(r[i])));
    }
    // The outlier (r = 6) dominates l2 and is capped by the robust losses.
    EXPECT_EQ(l2[2], 12);
    EXPECT_EQ(huber[2], 1);
    EXPECT_LT(logCosh[2], 1);
}

TEST(RegressionObjective, GridHoldsTheObjectiveWithSlopeAcrossAndInterceptUp) {
    const RegressionData data = lineData(25, 0.3, 2, 5);
    const RegressionOptions options = optionsFor(RegressionLoss::Huber, 0.1, 0.5);
    GridSpec spec;
    spec.xMin = -1;
    spec.xMax = 3;
    spec.yMin = -2;
    spec.yMax = 2;
    spec.nx = 41;
    spec.ny = 31;
    Grid grid;
    ASSERT_FALSE(regressionObjectiveGrid(options, data, spec, &grid).has_value());
    ASSERT_EQ(grid.values.size(), 41u * 31u);
    for (int j : {0, 7, 30}) {
        for (int i : {0, 13, 40}) {
            EXPECT_EQ(grid.values[static_cast<std::size_t>(j) * 41 + i],
                      objectiveAt(options, data, spec.x(i), spec.y(j)));
        }
    }
    EXPECT_EQ(grid.at(0, 0), objectiveAt(options, data, -1, -2));  // row 0: b = yMin
    EXPECT_EQ(grid.at(40, 30), objectiveAt(options, data, 3, 2));  // last node: (wMax, bMax)
    EXPECT_EQ(grid.at(40, 0), objectiveAt(options, data, 3, -2));  // x is the slope
    EXPECT_GE(grid.minValue, exactFit(options, data).objective.value);
    spec.nx = 1;
    EXPECT_TRUE(regressionObjectiveGrid(options, data, spec, &grid).has_value());
}

// ---- exact fits ------------------------------------------------------------------------

TEST(RegressionExact, L2IsTheClosedFormOfHandComputedSums) {
    // x̄ = 1.5, ȳ = 2.75, Sxx = Σ(x − x̄)² = 5, Sxy = Σ(x − x̄)(y − ȳ) = 5.5.
    const RegressionData data = points({0, 1, 2, 3}, {1, 3, 2, 5});
    ExactFit fit = exactFit(optionsFor(RegressionLoss::L2), data);
    EXPECT_NEAR(fit.line.w, 5.5 / 5, 1e-15);
    EXPECT_NEAR(fit.line.b, 2.75 - 1.5 * 1.1, 1e-15);
    // Residuals 0.1, −0.8, 1.3, −0.6: mean square 2.7 / 4.
    EXPECT_NEAR(fit.objective.value, 0.675, 1e-15);
    EXPECT_EQ(fit.iterations, 0);
    // With λ2: w = Sxy / (Sxx + n·λ2), b = ȳ − w·x̄.
    fit = exactFit(optionsFor(RegressionLoss::L2, 0.5), data);
    EXPECT_NEAR(fit.line.w, 5.5 / (5 + 4 * 0.5), 1e-15);
    EXPECT_NEAR(fit.line.b, 2.75 - 1.5 * 5.5 / 7, 1e-15);
    EXPECT_NEAR(fit.objective.gradW, 0, 1e-15);
    EXPECT_NEAR(fit.objective.gradB, 0, 1e-15);
}

TEST(RegressionExact, L1GoesThroughAnOddNumberOfCollinearPointsDespiteOutliers) {
    // Seven points on y = 2x − 1 and three outliers far off it.
    const RegressionData data =
        points({-3, -2, -1, 0, 1, 2, 3, 0.5, 1.5, -2.5}, {-7, -5, -3, -1, 1, 3, 5, 10, -8, 6});
    const ExactFit fit = exactFit(optionsFor(RegressionLoss::L1), data);
    EXPECT_NEAR(fit.line.w, 2, 1e-12);
    EXPECT_NEAR(fit.line.b, -1, 1e-12);
    // Only the outliers cost: |0 − 10| + |2 + 8| + |−6 − 6| over 10 points.
    EXPECT_NEAR(fit.objective.value, 3.2, 1e-12);
    // l2 is pulled off the line by the same outliers.
    const ExactFit l2 = exactFit(optionsFor(RegressionLoss::L2), data);
    EXPECT_GT(std::abs(l2.line.w - 2) + std::abs(l2.line.b + 1), 0.5);
}

// The best line through two of the points: where an l1 fit without penalty always lies.
double bestLineThroughTwoPoints(const RegressionData& data) {
    const RegressionOptions l1 = optionsFor(RegressionLoss::L1);
    double best = std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        for (Eigen::Index j = i + 1; j < data.size(); ++j) {
            if (data.x[i] == data.x[j]) continue;
            const double w = (data.y[j] - data.y[i]) / (data.x[j] - data.x[i]);
            best = std::min(best, objectiveAt(l1, data, w, data.y[i] - w * data.x[i]));
        }
    }
    return best;
}

TEST(RegressionExact, L1EqualsTheBestLineThroughTwoPointsWithTiesAndDuplicates) {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        RegressionData data = lineData(2 + static_cast<Eigen::Index>(seed % 23), 0.4,
                                       static_cast<Eigen::Index>(seed % 3), seed);
        if (seed % 3 == 0) {
            // Few distinct x: many ties between the residuals' orders.
            data.x = (data.x * 2).array().round();
        }
        if (seed % 4 == 0 && data.size() > 3) {
            data.x[1] = data.x[0];  // a duplicated point
            data.y[1] = data.y[0];
        }
        if (allXEqual(data)) continue;
        const ExactFit fit = exactFit(optionsFor(RegressionLoss::L1), data);
        const double best = bestLineThroughTwoPoints(data);
        EXPECT_LE(fit.objective.value, best * (1 + 1e-12) + 1e-15) << "seed " << seed;
        EXPECT_GE(fit.objective.value, best * (1 - 1e-12) - 1e-15) << "seed " << seed;
    }
}

// No small move of the line lowers the objective beyond rounding: a minimum, for any loss.
void expectLocalMinimum(const RegressionOptions& options, const RegressionData& data,
                        const ExactFit& fit) {
    const double j = fit.objective.value;
    for (double step : {1e-3, 1e-6}) {
        for (int dw = -1; dw <= 1; ++dw) {
            for (int db = -1; db <= 1; ++db) {
                const double moved =
                    objectiveAt(options, data, fit.line.w + dw * step, fit.line.b + db * step);
                EXPECT_GE(moved, j * (1 - 1e-12))
                    << regressionLossKey(options.loss) << " l2 " << options.l2 << " step " << step
                    << " (" << dw << ", " << db << ")";
            }
        }
    }
}

TEST(RegressionExact, EveryLossWithAndWithoutPenaltyIsAMinimum) {
    const RegressionData data = lineData(301, 0.3, 20, 3);
    for (RegressionLoss loss : kAllRegressionLosses) {
        for (double l2 : {0.0, 0.05}) {
            const RegressionOptions options = optionsFor(loss, l2, 0.4);
            const ExactFit fit = exactFit(options, data);
            expectLocalMinimum(options, data, fit);
            if (loss != RegressionLoss::L1) {
                // Smooth objectives: the gradient vanishes at the minimum.
                EXPECT_NEAR(fit.objective.gradW, 0, 1e-9) << regressionLossKey(loss);
                EXPECT_NEAR(fit.objective.gradB, 0, 1e-9) << regressionLossKey(loss);
            }
        }
    }
}

TEST(RegressionExact, HuberWithAHugeDeltaIsHalfOfL2) {
    const RegressionData data = lineData(101, 0.3, 7, 21);
    for (double l2 : {0.0, 0.3}) {
        const ExactFit huber = exactFit(optionsFor(RegressionLoss::Huber, l2, 1e6), data);
        // (1/2)·mean r² + λ2·w² is half of the l2 objective with penalty 2·λ2.
        const ExactFit squared = exactFit(optionsFor(RegressionLoss::L2, 2 * l2), data);
        EXPECT_NEAR(huber.line.w, squared.line.w, 1e-12) << l2;
        EXPECT_NEAR(huber.line.b, squared.line.b, 1e-12) << l2;
        EXPECT_NEAR(huber.objective.value, 0.5 * squared.objective.value,
                    1e-12 * squared.objective.value)
            << l2;
    }
}

TEST(RegressionExact, HuberWithATinyDeltaIsL1) {
    const RegressionData data = lineData(101, 0.3, 7, 21);
    const double delta = 1e-9;
    const ExactFit huber = exactFit(optionsFor(RegressionLoss::Huber, 0, delta), data);
    const ExactFit l1 = exactFit(optionsFor(RegressionLoss::L1), data);
    EXPECT_NEAR(huber.line.w, l1.line.w, 1e-6);
    EXPECT_NEAR(huber.line.b, l1.line.b, 1e-6);
    // Far from the band huber is δ·(|r| − δ/2): δ times l1, up to O(δ²).
    EXPECT_NEAR(huber.objective.value / delta, l1.objective.value, 1e-6);
}

TEST(RegressionExact, TwoPointsAreFitExactlyByEveryLoss) {
    const RegressionData data = points({1, 3}, {2, 8});
    for (RegressionLoss loss : kAllRegressionLosses) {
        const ExactFit fit = exactFit(optionsFor(loss), data);
        EXPECT_NEAR(fit.line.w, 3, 1e-12) << regressionLossKey(loss);
        EXPECT_NEAR(fit.line.b, -1, 1e-12) << regressionLossKey(loss);
        EXPECT_NEAR(fit.objective.value, 0, 1e-15) << regressionLossKey(loss);
    }
}

TEST(RegressionExact, DegenerateDataGiveAClearErrorOrADocumentedFit) {
    ExactFit fit;
    fit.line = {7, 7};
    // One point.
    auto error = solveRegressionExact(optionsFor(RegressionLoss::L2), points({1}, {2}), &fit);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("fewer than 2"), std::string::npos) << *error;
    EXPECT_EQ(fit.line.w, 7) << "untouched on error";
    // Every x equal: the slope is not determined without a penalty ...
    const RegressionData sameX = points({0.1, 0.1, 0.1, 0.1, 0.1}, {1, 2, 3, 10, -4});
    for (RegressionLoss loss : kAllRegressionLosses) {
        error = solveRegressionExact(optionsFor(loss), sameX, &fit);
        ASSERT_TRUE(error.has_value()) << regressionLossKey(loss);
        EXPECT_NE(error->find("all x are equal (x = 0.1)"), std::string::npos) << *error;
    }
    // ... and with one, w = 0 and b is the location the loss picks (mean, median, ...).
    fit = exactFit(optionsFor(RegressionLoss::L2, 0.1), sameX);
    EXPECT_EQ(fit.line.w, 0);
    EXPECT_NEAR(fit.line.b, 2.4, 1e-15);
    fit = exactFit(optionsFor(RegressionLoss::L1, 0.1), sameX);
    EXPECT_EQ(fit.line.w, 0);
    EXPECT_EQ(fit.line.b, 2);
    for (RegressionLoss loss : {RegressionLoss::Huber, RegressionLoss::LogCosh}) {
        fit = exactFit(optionsFor(loss, 0.1), sameX);
        EXPECT_NEAR(fit.line.w, 0, 1e-12);
        EXPECT_TRUE(std::isfinite(fit.line.b));
        EXPECT_NEAR(fit.objective.gradB, 0, 1e-12);
    }
    // Non-finite values and mismatched sizes.
    EXPECT_TRUE(solveRegressionExact(optionsFor(RegressionLoss::L2),
                                     points({0, std::nan("")}, {1, 2}), &fit));
    EXPECT_TRUE(solveRegressionExact(optionsFor(RegressionLoss::L2), points({0, 1}, {1}), &fit));
}

TEST(RegressionExact, BadOptionsNameTheField) {
    const RegressionData data = points({0, 1}, {0, 1});
    ExactFit fit;
    auto error = solveRegressionExact(optionsFor(RegressionLoss::Huber, 0, 0), data, &fit);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->rfind("delta:", 0), 0u) << *error;
    error = solveRegressionExact(optionsFor(RegressionLoss::L1, -1), data, &fit);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->rfind("l2:", 0), 0u) << *error;
    // δ belongs to huber: the other losses ignore it.
    EXPECT_FALSE(solveRegressionExact(optionsFor(RegressionLoss::L2, 0, -1), data, &fit));
}

// ---- gradient descent ------------------------------------------------------------------

RegressionDescent descend(const RegressionOptions& options, const RegressionData& data,
                          Optimizer optimizer, double lr, double momentum, long long steps) {
    RegressionDescentConfig config;
    config.optimizer = optimizer;
    config.learningRate = lr;
    config.momentum = momentum;
    config.steps = steps;
    RegressionDescent run;
    const auto error = runRegressionDescent(options, config, data, &run);
    EXPECT_FALSE(error.has_value()) << *error;
    return run;
}

TEST(RegressionDescent, ConvergesToTheExactL2Fit) {
    const RegressionData data = lineData(50, 0.3, 5, 8);
    for (double l2 : {0.0, 0.2}) {
        const RegressionOptions options = optionsFor(RegressionLoss::L2, l2);
        const ExactFit exact = exactFit(options, data);
        for (double momentum : {0.0, 0.9}) {
            const RegressionDescent run =
                descend(options, data, Optimizer::Sgd, 0.2, momentum, 3000);
            EXPECT_FALSE(run.diverged);
            EXPECT_NEAR(run.line.w, exact.line.w, 1e-9) << "momentum " << momentum;
            EXPECT_NEAR(run.line.b, exact.line.b, 1e-9) << "momentum " << momentum;
            EXPECT_NEAR(run.objective.value, exact.objective.value, 1e-12);
        }
        const RegressionDescent adam = descend(options, data, Optimizer::Adam, 0.01, 0, 5000);
        EXPECT_NEAR(adam.line.w, exact.line.w, 1e-3);
        EXPECT_NEAR(adam.line.b, exact.line.b, 1e-3);
    }
}

TEST(RegressionDescent, HistoryIsMeasuredBeforeEachUpdateWithPyTorchsSgdMomentum) {
    const RegressionData data = lineData(20, 0.3, 2, 4);
    const RegressionOptions options = optionsFor(RegressionLoss::LogCosh, 0.1);
    const double lr = 0.3;
    const double mu = 0.9;
    const RegressionDescent run = descend(options, data, Optimizer::Sgd, lr, mu, 3);
    ASSERT_EQ(run.history.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(run.history[i].step, static_cast<long long>(i));
        EXPECT_EQ(run.history[i].objective,
                  objectiveAt(options, data, run.history[i].line.w, run.history[i].line.b));
    }
    EXPECT_EQ(run.history[0].line.w, 0);  // the start
    EXPECT_EQ(run.history[0].line.b, 0);
    // v1 = g0 (not (1 − dampening)·g0), θ1 = θ0 − lr·v1; v2 = μ·v1 + g1, θ2 = θ1 − lr·v2.
    const RegressionObjective j0 = evaluateRegressionObjective(options, data, {0, 0});
    const RegressionLine line1{-lr * j0.gradW, -lr * j0.gradB};
    EXPECT_EQ(run.history[1].line.w, line1.w);
    EXPECT_EQ(run.history[1].line.b, line1.b);
    const RegressionObjective j1 = evaluateRegressionObjective(options, data, line1);
    EXPECT_DOUBLE_EQ(run.history[2].line.w, line1.w - lr * (mu * j0.gradW + j1.gradW));
    EXPECT_DOUBLE_EQ(run.history[2].line.b, line1.b - lr * (mu * j0.gradB + j1.gradB));
    // The result is the line after the last update.
    EXPECT_NE(run.line.w, run.history[2].line.w);
    EXPECT_EQ(run.objective.value, objectiveAt(options, data, run.line.w, run.line.b));
}

TEST(RegressionDescent, AdamsFirstStepIsTheLearningRateAgainstTheGradientsSign) {
    const RegressionData data = lineData(20, 0.3, 2, 4);
    const RegressionOptions options = optionsFor(RegressionLoss::Huber, 0, 0.5);
    const RegressionDescent run = descend(options, data, Optimizer::Adam, 0.05, 0, 2);
    const RegressionObjective j0 = evaluateRegressionObjective(options, data, {0, 0});
    // m̂ = g, v̂ = g²: θ1 = θ0 − lr·g / (|g| + ε).
    EXPECT_NEAR(run.history[1].line.w, -0.05 * j0.gradW / (std::abs(j0.gradW) + 1e-8), 1e-16);
    EXPECT_NEAR(run.history[1].line.b, -0.05 * j0.gradB / (std::abs(j0.gradB) + 1e-8), 1e-16);
}

TEST(RegressionDescent, DivergenceStopsAtTheLastFiniteLine) {
    const RegressionData data = lineData(30, 0.3, 3, 1);
    const RegressionDescent run =
        descend(optionsFor(RegressionLoss::L2), data, Optimizer::Sgd, 1e3, 0, 10000);
    ASSERT_TRUE(run.diverged);
    EXPECT_NE(run.message.find("learning rate too high"), std::string::npos) << run.message;
    EXPECT_LT(run.history.size(), 10000u);
    EXPECT_TRUE(std::isfinite(run.line.w));
    EXPECT_TRUE(std::isfinite(run.line.b));
    EXPECT_TRUE(std::isfinite(run.objective.value));
    EXPECT_EQ(run.line.w, run.history.back().line.w) << "the last update was undone";
}

TEST(RegressionDescent, ZeroStepsAndBadConfigurations) {
    const RegressionData data = lineData(10, 0.3, 1, 1);
    const RegressionDescent run =
        descend(optionsFor(RegressionLoss::L1), data, Optimizer::Sgd, 0.1, 0, 0);
    EXPECT_TRUE(run.history.empty());
    EXPECT_EQ(run.line.w, 0);
    RegressionDescentConfig config;
    RegressionDescent out;
    config.learningRate = 0;
    EXPECT_NE(runRegressionDescent(optionsFor(RegressionLoss::L2), config, data, &out)
                  .value_or("")
                  .find("learning rate"),
              std::string::npos);
    config = {};
    config.optimizer = Optimizer::Adam;
    config.momentum = 0.5;
    EXPECT_TRUE(runRegressionDescent(optionsFor(RegressionLoss::L2), config, data, &out));
    config = {};
    config.steps = -1;
    EXPECT_TRUE(runRegressionDescent(optionsFor(RegressionLoss::L2), config, data, &out));
}

TEST(RegressionDescent, StepByStepGivesTheRunsLinesBitForBit) {
    const RegressionData data = lineData(25, 0.3, 3, 9);
    const RegressionOptions options = optionsFor(RegressionLoss::Huber, 0.05, 0.7);
    for (Optimizer optimizer : {Optimizer::Sgd, Optimizer::Adam}) {
        RegressionDescentConfig config;
        config.optimizer = optimizer;
        config.learningRate = 0.2;
        config.momentum = optimizer == Optimizer::Sgd ? 0.8 : 0.0;
        config.steps = 40;
        config.start = {0.3, -0.4};
        RegressionDescent run;
        ASSERT_FALSE(runRegressionDescent(options, config, data, &run));
        RegressionDescentState state;
        ASSERT_FALSE(startRegressionDescent(options, config, data, &state));
        for (const RegressionDescentStep& entry : run.history) {
            EXPECT_EQ(state.line.w, entry.line.w) << "step " << entry.step;
            EXPECT_EQ(state.line.b, entry.line.b) << "step " << entry.step;
            EXPECT_EQ(state.objective.value, entry.objective);
            ASSERT_TRUE(stepRegressionDescent(options, config, data, &state));
        }
        EXPECT_EQ(state.steps, 40);
        EXPECT_EQ(state.line.w, run.line.w);
        EXPECT_EQ(state.line.b, run.line.b);
    }
}

TEST(RegressionDescent, AStepByStepRunStopsWhereItDivergesAndStaysThere) {
    const RegressionData data = lineData(30, 0.3, 3, 1);
    RegressionDescentConfig config;
    config.learningRate = 1e3;
    RegressionDescentState state;
    ASSERT_FALSE(startRegressionDescent(optionsFor(RegressionLoss::L2), config, data, &state));
    long long updates = 0;
    while (stepRegressionDescent(optionsFor(RegressionLoss::L2), config, data, &state))
        ++updates;
    ASSERT_TRUE(state.diverged);
    EXPECT_EQ(state.steps, updates);
    EXPECT_NE(state.message.find("learning rate too high"), std::string::npos);
    EXPECT_TRUE(std::isfinite(state.objective.value));
    const RegressionLine stopped = state.line;
    EXPECT_FALSE(stepRegressionDescent(optionsFor(RegressionLoss::L2), config, data, &state));
    EXPECT_EQ(state.line.w, stopped.w);
    EXPECT_EQ(state.steps, updates);
    // Too few points: refused before any step, with the data's message.
    RegressionData one;
    one.x = Vec::Constant(1, 0.5);
    one.y = Vec::Constant(1, 0.5);
    RegressionDescentState untouched;
    const auto error =
        startRegressionDescent(optionsFor(RegressionLoss::L2), config, one, &untouched);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("fewer than 2"), std::string::npos) << *error;
    EXPECT_EQ(untouched.steps, 0);
}

// ---- the likelihood view ---------------------------------------------------------------

TEST(RegressionLikelihood, GaussianNllIsTheL2ObjectiveAndPeaksAtTheMeanSquare) {
    const RegressionData data = lineData(40, 0.4, 3, 6);
    const RegressionLine line = exactFit(optionsFor(RegressionLoss::L2), data).line;
    const Vec r = regressionResiduals(data, line);
    const double n = static_cast<double>(r.size());
    const double sigma = 0.7;
    const double byHand =
        n * std::log(std::sqrt(2 * M_PI) * sigma) + r.squaredNorm() / (2 * sigma * sigma);
    EXPECT_NEAR(gaussianNegLogLikelihood(r, sigma), byHand, 1e-12 * std::abs(byHand));
    // The identity: the NLL is the l2 data term, scaled, plus a term free of (w, b).
    const double meanSquare =
        evaluateRegressionObjective(optionsFor(RegressionLoss::L2), data, line).dataLoss;
    EXPECT_NEAR(gaussianNllFromL2DataLoss(r.size(), meanSquare, sigma), byHand,
                1e-12 * std::abs(byHand));
    // Its minimum over σ is at σ² = mean r².
    const double best = gaussianSigmaMle(r);
    EXPECT_NEAR(best * best, meanSquare, 1e-15);
    const double atBest = gaussianNegLogLikelihood(r, best);
    EXPECT_LT(atBest, gaussianNegLogLikelihood(r, best * 1.01));
    EXPECT_LT(atBest, gaussianNegLogLikelihood(r, best * 0.99));
    EXPECT_NEAR(atBest, n * std::log(std::sqrt(2 * M_PI) * best) + n / 2, 1e-12 * n);
    const RegressionLikelihood view = regressionLikelihood(data, line);
    EXPECT_EQ(view.gaussianSigma, best);
    EXPECT_EQ(view.gaussianNll, atBest);
}

TEST(RegressionLikelihood, LaplaceNllIsTheL1ObjectiveAndItsScaleIsTheMeanAbsoluteResidual) {
    const RegressionData data = lineData(40, 0.4, 3, 6);
    const RegressionLine line = exactFit(optionsFor(RegressionLoss::L1), data).line;
    const Vec r = regressionResiduals(data, line);
    const double n = static_cast<double>(r.size());
    const double beta = 0.45;
    const double byHand = n * std::log(2 * beta) + r.cwiseAbs().sum() / beta;
    EXPECT_NEAR(laplaceNegLogLikelihood(r, beta), byHand, 1e-12 * std::abs(byHand));
    const double meanAbsolute =
        evaluateRegressionObjective(optionsFor(RegressionLoss::L1), data, line).dataLoss;
    EXPECT_NEAR(laplaceNllFromL1DataLoss(r.size(), meanAbsolute, beta), byHand,
                1e-12 * std::abs(byHand));
    const double best = laplaceBetaMle(r);
    EXPECT_NEAR(best, meanAbsolute, 1e-15);
    EXPECT_LT(laplaceNegLogLikelihood(r, best), laplaceNegLogLikelihood(r, best * 1.01));
    EXPECT_LT(laplaceNegLogLikelihood(r, best), laplaceNegLogLikelihood(r, best * 0.99));
    EXPECT_NEAR(regressionLikelihood(data, line).laplaceNll, n * std::log(2 * best) + n, 1e-12 * n);
}

TEST(RegressionLikelihood, ZeroResidualsGiveMinusInfinityNotNaN) {
    const RegressionData data = points({0, 1, 2}, {1, 3, 5});
    const RegressionLikelihood view = regressionLikelihood(data, {2, 1});
    EXPECT_EQ(view.gaussianSigma, 0);
    EXPECT_EQ(view.laplaceBeta, 0);
    EXPECT_EQ(view.gaussianNll, -std::numeric_limits<double>::infinity());
    EXPECT_EQ(view.laplaceNll, -std::numeric_limits<double>::infinity());
    EXPECT_EQ(gaussianNegLogLikelihood(Vec::Ones(3), 0), std::numeric_limits<double>::infinity());
}

// ---- the line dataset ------------------------------------------------------------------

TEST(LineDataset, IsDeterministicFromTheSeed) {
    const RegressionData a = lineData(200, 0.3, 10, 42);
    const RegressionData b = lineData(200, 0.3, 10, 42);
    const RegressionData c = lineData(200, 0.3, 10, 43);
    ASSERT_EQ(a.size(), 200);
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        // Bit for bit.
        EXPECT_EQ(a.x[i], b.x[i]);
        EXPECT_EQ(a.y[i], b.y[i]);
    }
    EXPECT_NE(a.x, c.x);
}

TEST(LineDataset, WithoutNoisePointsLieOnTheTrueLineAndOutliersAboveIt) {
    const RegressionData data = lineData(100, 0, 7, 3);
    int outliers = 0;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        EXPECT_GE(data.x[i], -1);
        EXPECT_LT(data.x[i], 1);
        const double above = data.y[i] - (kLineDatasetSlope * data.x[i] + kLineDatasetIntercept);
        if (above == 0) continue;
        ++outliers;
        EXPECT_GE(above, kLineDatasetOutlierLift) << i;
        EXPECT_LT(above, 2 * kLineDatasetOutlierLift) << i;
    }
    EXPECT_EQ(outliers, 7);
    // Every point an outlier is allowed; more is not.
    EXPECT_EQ(lineData(5, 0, 5, 1).size(), 5);
}

TEST(LineDataset, BadOptionsNameTheField) {
    RegressionData out;
    LineDatasetOptions options;
    options.points = 1;
    EXPECT_EQ(generateLineDataset(options, &out).value_or("").rfind("points:", 0), 0u);
    options = {};
    options.noise = -1;
    EXPECT_EQ(generateLineDataset(options, &out).value_or("").rfind("noise:", 0), 0u);
    options = {};
    options.outliers = 31;
    EXPECT_EQ(generateLineDataset(options, &out).value_or("").rfind("outliers:", 0), 0u);
    EXPECT_EQ(out.size(), 0) << "untouched";
}

// ---- the x,y CSV -----------------------------------------------------------------------

TEST(RegressionCsv, RoundTripIsExactAndLenientAboutLayout) {
    const RegressionData data = lineData(50, 0.3, 3, 9);
    RegressionData back;
    ASSERT_FALSE(parseRegressionCsv(formatRegressionCsv(data), &back).has_value());
    EXPECT_EQ(back.x, data.x);
    EXPECT_EQ(back.y, data.y);
    ASSERT_FALSE(parseRegressionCsv("\xEF\xBB\xBFx , y\r\n\r\n 0.5 , -2\r\n1,2\n\n", &back));
    ASSERT_EQ(back.size(), 2);
    EXPECT_EQ(back.x[0], 0.5);
    EXPECT_EQ(back.y[0], -2);
}

struct BadRegressionCsv {
    std::string text;
    std::string mustMention1;
    std::string mustMention2;
};

class RegressionCsvBad : public ::testing::TestWithParam<BadRegressionCsv> {};

TEST_P(RegressionCsvBad, ErrorNamesTheLineAndLeavesTheDataAlone) {
    RegressionData data;
    data.x = Vec::Constant(3, 7.0);
    data.y = Vec::Constant(3, 7.0);
    const auto error = parseRegressionCsv(GetParam().text, &data);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find(GetParam().mustMention1), std::string::npos) << *error;
    EXPECT_NE(error->find(GetParam().mustMention2), std::string::npos) << *error;
    EXPECT_EQ(data.size(), 3);
    EXPECT_EQ(data.x[0], 7.0);
}

INSTANTIATE_TEST_SUITE_P(
    All, RegressionCsvBad,
    ::testing::Values(BadRegressionCsv{"", "empty file", "x,y"},
                      BadRegressionCsv{"\n \n", "empty file", "header"},
                      BadRegressionCsv{"1,2\n3,4\n", "line 1", "header"},
                      BadRegressionCsv{"x1,x2,label\n1,2,0\n", "line 1", "header"},
                      BadRegressionCsv{"x,y\n", "line 1", "0 data rows"},
                      BadRegressionCsv{"x,y\n1,2\n", "line 1", "1 data rows"},
                      BadRegressionCsv{"x,y\n1,2\n3,abc\n", "line 3", "y: 'abc' is not a number"},
                      BadRegressionCsv{"x,y\n1,2\nnan,2\n", "line 3", "x"},
                      BadRegressionCsv{"x,y\n1,2\n2,inf\n", "line 3", "y"},
                      BadRegressionCsv{"x,y\n1e400,2\n2,3\n", "line 2", "finite"},
                      BadRegressionCsv{"x,y\n1,2,3\n", "line 2", "2 columns"},
                      BadRegressionCsv{"x,y\n1\n", "line 2", "got 1"},
                      BadRegressionCsv{"x,y\n1,\n", "line 2", "y"},
                      BadRegressionCsv{"x,y\n1,2\n\n\n5,x\n", "line 5", "y"}),
    [](const ::testing::TestParamInfo<BadRegressionCsv>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(RegressionCsv, TooManyPoints) {
    std::string text = "x,y\n";
    for (Eigen::Index i = 0; i < kMaxDatasetPoints + 1; ++i) {
        text += "0,0\n";
    }
    RegressionData data;
    const auto error = parseRegressionCsv(text, &data);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("line " + std::to_string(kMaxDatasetPoints + 2)), std::string::npos)
        << *error;
    EXPECT_NE(error->find("too many points"), std::string::npos) << *error;
}

TEST(RegressionCsv, FileErrors) {
    RegressionData data;
    const auto missing = loadRegressionCsv("/nonexistent/points.csv", &data);
    ASSERT_TRUE(missing.has_value());
    EXPECT_NE(missing->find("cannot open"), std::string::npos) << *missing;
    char path[] = "/tmp/losslab_regression_XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    const std::string text = "x,y\n0,1\n2,5\n";
    ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    close(fd);
    const auto error = loadRegressionCsv(path, &data);
    std::remove(path);
    ASSERT_FALSE(error.has_value()) << *error;
    EXPECT_EQ(data.size(), 2);
    EXPECT_EQ(data.y[1], 5);
}

}  // namespace
}  // namespace losslab
