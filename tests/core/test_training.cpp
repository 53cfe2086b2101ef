// Feature maps, the linear classifier and its training (docs/math.md): the the order of
// docs/math.md of the features, the objective's gradient against finite differences, the optimizers
// against hand-computed steps (PyTorch's definitions), convergence, determinism, divergence.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "../support/datasets.hpp"
#include "losslab/classifier.hpp"
#include "losslab/dataset.hpp"
#include "losslab/features.hpp"
#include "losslab/trainer.hpp"

namespace losslab {
namespace {

RowMatrix rows(Eigen::Index n, Eigen::Index k, std::initializer_list<double> values) {
    RowMatrix m(n, k);
    Eigen::Index i = 0;
    for (double v : values) {
        m.data()[i++] = v;
    }
    return m;
}

using testing::generate;

// ---------------------------------------------------------------- features

TEST(Features, KeysAndDimensions) {
    for (FeatureMap map : kAllFeatureMaps) {
        ASSERT_TRUE(featureFromKey(featureKey(map)).has_value());
        EXPECT_EQ(*featureFromKey(featureKey(map)), map);
    }
    EXPECT_EQ(featureKey(FeatureMap::Poly2), "poly2");
    EXPECT_FALSE(featureFromKey("quadratic").has_value());
    EXPECT_EQ(featureDimension(FeatureMap::Linear), 2);
    EXPECT_EQ(featureDimension(FeatureMap::Poly2), 5);
    EXPECT_EQ(featureDimension(FeatureMap::Poly3), 9);
    EXPECT_EQ(featureDimension(FeatureMap::Rbf), 25);
}

TEST(Features, SpecOrder) {
    const RowMatrix points = rows(2, 2, {2, 3, -1, 0.5});
    const RowMatrix linear = computeFeatures(FeatureMap::Linear, points);
    ASSERT_EQ(linear.cols(), 2);
    EXPECT_EQ(linear.row(0), rows(1, 2, {2, 3}));
    const RowMatrix poly2 = computeFeatures(FeatureMap::Poly2, points);
    // [x1, x2, x1², x1·x2, x2²]
    EXPECT_EQ(poly2.row(0), rows(1, 5, {2, 3, 4, 6, 9}));
    EXPECT_EQ(poly2.row(1), rows(1, 5, {-1, 0.5, 1, -0.5, 0.25}));
    const RowMatrix poly3 = computeFeatures(FeatureMap::Poly3, points);
    // poly2 then [x1³, x1²·x2, x1·x2², x2³]
    EXPECT_EQ(poly3.row(0), rows(1, 9, {2, 3, 4, 6, 9, 8, 12, 18, 27}));
    EXPECT_EQ(poly3.row(1), rows(1, 9, {-1, 0.5, 1, -0.5, 0.25, -1, 0.5, -0.25, 0.125}));
}

TEST(Features, RbfBumpsOnTheDocumentedGrid) {
    EXPECT_EQ(rbfCentre(0), Eigen::Vector2d(-1, -1));
    EXPECT_EQ(rbfCentre(1), Eigen::Vector2d(-0.5, -1));
    EXPECT_EQ(rbfCentre(5), Eigen::Vector2d(-1, -0.5));
    EXPECT_EQ(rbfCentre(12), Eigen::Vector2d(0, 0));
    EXPECT_EQ(rbfCentre(24), Eigen::Vector2d(1, 1));
    const RowMatrix points = rows(2, 2, {0.3, -0.2, -0.5, -1});
    for (double sigma : {kDefaultRbfWidth, 0.2}) {
        const RowMatrix phi = computeFeatures(FeatureMap::Rbf, points, sigma);
        ASSERT_EQ(phi.cols(), 25);
        for (Eigen::Index i = 0; i < 2; ++i) {
            for (int c = 0; c < 25; ++c) {
                const double d2 = (points.row(i).transpose() - rbfCentre(c)).squaredNorm();
                EXPECT_NEAR(phi(i, c), std::exp(-d2 / (2 * sigma * sigma)), 1e-15);
            }
        }
        EXPECT_EQ(phi(1, 1), 1.0);  // the point sits on centre 1
    }
}

TEST(Features, ReusesTheOutputBuffer) {
    RowMatrix out(4, 9);
    const double* storage = out.data();
    computeFeatures(FeatureMap::Poly3, RowMatrix::Ones(4, 2), &out);
    EXPECT_EQ(out.data(), storage);
}

// ---------------------------------------------------------------- classifier

TEST(Classifier, ScoresPredictionsAccuracy) {
    LinearClassifier model;
    model.weights = rows(3, 2, {1, 0, 0, 1, -1, -1});
    model.bias = (Vec(3) << 0.5, 0, -0.25).finished();
    const RowMatrix phi = rows(2, 2, {2, 3, -1, 0.5});
    const RowMatrix s = model.scores(phi);
    // s = W φ + b
    EXPECT_EQ(s.row(0), rows(1, 3, {2.5, 3, -5.25}));
    EXPECT_EQ(s.row(1), rows(1, 3, {-0.5, 0.5, 0.25}));
    EXPECT_EQ(predict(s), (IntVec(2) << 1, 1).finished());
    EXPECT_EQ(accuracy(s, (IntVec(2) << 1, 0).finished()), 0.5);
    // Ties go to the lowest index.
    const RowMatrix ties = rows(3, 3, {1, 3, 3, 2, 2, 2, 0, -1, 0});
    EXPECT_EQ(predict(ties), (IntVec(3) << 1, 0, 0).finished());
    EXPECT_EQ(accuracy(ties, (IntVec(3) << 2, 0, 0).finished()), 2.0 / 3.0);
    EXPECT_EQ(LinearClassifier::zeros(4, 5).weights, RowMatrix::Zero(4, 5));
}

// ---------------------------------------------------------------- objective and gradient

// Weights drawn away from 0, so that λ1‖W‖₁ is differentiable within the finite-difference
// step.
LinearClassifier randomModel(int classes, int dimension, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(0.0, 0.5);
    LinearClassifier model = LinearClassifier::zeros(classes, dimension);
    for (Eigen::Index i = 0; i < model.weights.size(); ++i) {
        const double u = normal(engine);
        model.weights.data()[i] = std::copysign(0.1 + std::abs(u), u);
    }
    for (int k = 0; k < classes; ++k) {
        model.bias[k] = normal(engine);
    }
    return model;
}

// True when no hinge term is within `gap` of its kink at these scores, so the hinge losses
// are differentiable (and their central differences exact) around them.
bool awayFromKinks(Loss loss, const RowMatrix& scores, const IntVec& labels, double margin,
                   double gap) {
    if (!isHinge(loss)) return true;
    for (Eigen::Index n = 0; n < scores.rows(); ++n) {
        const int y = labels[n];
        double best = -INFINITY, second = -INFINITY;
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            if (j == y) continue;
            if (std::abs(scores(n, j) - scores(n, y) + margin) < gap) return false;
            if (scores(n, j) > best) {
                second = best;
                best = scores(n, j);
            } else if (scores(n, j) > second) {
                second = scores(n, j);
            }
        }
        if (loss == Loss::HingeCS && best - second < gap) return false;  // rival changes
    }
    return true;
}

TEST(Objective, ValueIsDataPlusRegularization) {
    const Dataset data = generate(DatasetKind::Blobs, 20, 3, 0.4, 3);
    const RowMatrix phi = computeFeatures(FeatureMap::Poly2, data.points);
    const LinearClassifier model = randomModel(3, 5, 9);
    TrainerConfig config;
    config.l1 = 0.05;
    config.l2 = 0.2;
    const ObjectiveValue v = evaluateObjective(config, model, phi, data.labels, nullptr);
    const double dataLoss =
        batchLoss(Loss::CrossEntropy, model.scores(phi), data.labels, LossOptions{}, nullptr);
    const double reg = 0.2 * model.weights.squaredNorm() + 0.05 * model.weights.cwiseAbs().sum();
    EXPECT_DOUBLE_EQ(v.dataLoss, dataLoss);
    EXPECT_DOUBLE_EQ(v.regLoss, reg);
    EXPECT_DOUBLE_EQ(regularization(config, model.weights), reg);
    EXPECT_EQ(v.loss, v.dataLoss + v.regLoss);
}

TEST(Objective, L1SubgradientIsZeroAtZero) {
    const Dataset data = generate(DatasetKind::Blobs, 10, 3, 0.3, 1);
    const RowMatrix phi = computeFeatures(FeatureMap::Linear, data.points);
    LinearClassifier model = LinearClassifier::zeros(3, 2);
    model.weights(0, 1) = 0.5;
    model.weights(2, 0) = -0.25;
    TrainerConfig plain, withL1;
    withL1.l1 = 0.7;
    LinearClassifier g0, g1;
    evaluateObjective(plain, model, phi, data.labels, &g0);
    evaluateObjective(withL1, model, phi, data.labels, &g1);
    RowMatrix expected = g0.weights;
    expected(0, 1) += 0.7;  // sign(+0.5)
    expected(2, 0) -= 0.7;  // sign(−0.25)
    EXPECT_TRUE(g1.weights.isApprox(expected, 1e-15)) << g1.weights << "\n\n" << expected;
    EXPECT_EQ(g1.bias, g0.bias);
}

struct GradientCase {
    Loss loss;
    FeatureMap features;
    int classes;
};

// Points ~ N(0, 0.6²) with labels cycling through the classes: any K, no generator limits.
Dataset randomPoints(Eigen::Index n, int classes, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(0.0, 0.6);
    Dataset d;
    d.classes = classes;
    d.points.resize(n, 2);
    d.labels.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        d.points(i, 0) = normal(engine);
        d.points(i, 1) = normal(engine);
        d.labels[i] = static_cast<int>(i % classes);
    }
    return d;
}

// The trainer computes the objective in one pass over the data that never stores the scores.
// It must agree with the objective built from public pieces: S = Φ Wᵀ + 1 bᵀ, each sample's loss
// and gradient G, then ∂/∂W = Gᵀ Φ and ∂/∂b = Gᵀ 1 — for K = 2..10, with a batch that is not a
// whole number of its blocks, with temperature, smoothing, log base and KL, and on rows where
// the margin is huge (per-row losses from ~1e-40 to hundreds) or an exact tie.
// Points far inside their class have losses near e^−100. The one-pass objective must keep
// their digits (a tiny exp added to a running 1 − 1 is lost), whatever the class order.
TEST(Objective, OnePassKeepsTinyLosses) {
    for (int classes : {2, 3, 7}) {
        Dataset data;
        data.classes = classes;
        data.points.resize(70, 2);
        data.labels.resize(70);
        LinearClassifier model = LinearClassifier::zeros(classes, 2);
        // Class c's score is 100 − 100·|angle distance|: each point sits on its class's ray.
        for (int c = 0; c < classes; ++c) {
            const double angle = 2.0 * M_PI * c / classes;
            model.weights(c, 0) = 100.0 * std::cos(angle);
            model.weights(c, 1) = 100.0 * std::sin(angle);
        }
        for (Eigen::Index r = 0; r < 70; ++r) {
            const int label = static_cast<int>(r % classes);
            const double angle = 2.0 * M_PI * label / classes;
            const double radius = 2.0 + 0.01 * static_cast<double>(r);
            data.points(r, 0) = radius * std::cos(angle);
            data.points(r, 1) = radius * std::sin(angle);
            data.labels[r] = label;
        }
        const RowMatrix scores = model.scores(data.points);
        for (Loss loss : {Loss::CrossEntropy, Loss::KL}) {
            TrainerConfig config;
            config.loss = loss;
            double expected = 0.0;
            for (Eigen::Index r = 0; r < 70; ++r) {
                expected += evaluateLoss(loss, scores.row(r).transpose(), data.labels[r], {}).value;
            }
            expected /= 70.0;
            ASSERT_GT(expected, 0.0);
            ASSERT_LT(expected, 1e-30);
            LinearClassifier gradient;
            const double onePass =
                evaluateObjective(config, model, data.points, data.labels, &gradient).dataLoss;
            EXPECT_NEAR(onePass, expected, 1e-12 * expected) << lossKey(loss) << " K=" << classes;
        }
    }
}

TEST(Objective, OnePassMatchesSingleSamplesTimesFeatures) {
    for (int classes = 2; classes <= 10; ++classes) {
        for (int variant = 0; variant < 4; ++variant) {
            TrainerConfig config;
            config.loss = variant == 3 ? Loss::KL : Loss::CrossEntropy;
            config.lossOptions.temperature = variant == 1 ? 0.5 : (variant == 2 ? 3.0 : 1.0);
            config.lossOptions.smoothing = variant >= 2 ? 0.1 : 0.0;
            config.lossOptions.logBase = variant == 1 ? LogBase::Two : LogBase::E;
            const Dataset data =
                randomPoints(133, classes, 40 + static_cast<std::uint64_t>(classes));
            LinearClassifier model =
                randomModel(classes, 2, 7 + static_cast<std::uint64_t>(variant));
            if (variant == 0) {
                model.weights *= 60.0;  // huge margins, either way
            }
            if (classes >= 3) {
                model.weights.row(1) = model.weights.row(0);  // classes 0 and 1 tie everywhere
                model.bias[1] = model.bias[0];
            }
            // The reference, one sample at a time (each row its own target and true class).
            const RowMatrix scores = model.scores(data.points);
            const Eigen::Index n = data.size();
            RowMatrix logitGrad(n, classes);
            double expectedLoss = 0.0;
            for (Eigen::Index r = 0; r < n; ++r) {
                const LossValue v = evaluateLoss(config.loss, scores.row(r).transpose(),
                                                 data.labels[r], config.lossOptions);
                expectedLoss += v.value / static_cast<double>(n);
                logitGrad.row(r) = v.grad.transpose() / static_cast<double>(n);
            }
            const RowMatrix expectedW = logitGrad.transpose() * data.points;
            const Vec expectedB = logitGrad.colwise().sum().transpose();

            LinearClassifier gradient;
            const ObjectiveValue value =
                evaluateObjective(config, model, data.points, data.labels, &gradient);
            SCOPED_TRACE("K = " + std::to_string(classes) + ", variant " + std::to_string(variant));
            EXPECT_NEAR(value.dataLoss, expectedLoss,
                        1e-12 * std::max(1.0, std::abs(expectedLoss)));
            EXPECT_GT(value.dataLoss, 0.0);
            for (Eigen::Index i = 0; i < expectedW.size(); ++i) {
                EXPECT_NEAR(gradient.weights.data()[i], expectedW.data()[i], 1e-12);
            }
            for (int k = 0; k < classes; ++k)
                EXPECT_NEAR(gradient.bias[k], expectedB[k], 1e-12);

            // The trainer's accuracy against the classifier's (ties to the lowest index).
            Trainer trainer;
            config.features = FeatureMap::Linear;
            ASSERT_FALSE(trainer.reset(config, data).has_value());
            ASSERT_TRUE(trainer.setModel(model) == std::nullopt);
            EXPECT_DOUBLE_EQ(trainer.measure().accuracy, accuracy(scores, data.labels));
            EXPECT_NEAR(trainer.measure().dataLoss, expectedLoss,
                        1e-12 * std::max(1.0, std::abs(expectedLoss)));
        }
    }
}

class ObjectiveGradient : public ::testing::TestWithParam<GradientCase> {};

TEST_P(ObjectiveGradient, MatchesCentralDifferences) {
    const Loss loss = GetParam().loss;
    const FeatureMap map = GetParam().features;
    TrainerConfig config;
    config.loss = loss;
    config.l1 = 0.01;
    config.l2 = 0.03;
    config.lossOptions.temperature = 1.3;
    config.lossOptions.smoothing = 0.1;
    config.lossOptions.margin = 0.8;
    config.lossOptions.gamma = 1.5;
    const int classes = GetParam().classes;
    const int dimension = featureDimension(map);

    // Random data and weights; for the hinge losses, a draw where no term sits on a kink.
    Dataset data;
    RowMatrix phi;
    LinearClassifier model;
    bool found = false;
    for (std::uint64_t seed = 1; seed < 100 && !found; ++seed) {
        data = randomPoints(2 * classes + 8, classes, seed);
        phi = computeFeatures(map, data.points);
        model = randomModel(classes, dimension, seed);
        found =
            awayFromKinks(loss, model.scores(phi), data.labels, config.lossOptions.margin, 1e-3);
    }
    ASSERT_TRUE(found);

    LinearClassifier gradient;
    const ObjectiveValue value = evaluateObjective(config, model, phi, data.labels, &gradient);
    ASSERT_TRUE(std::isfinite(value.loss));
    ASSERT_GT(value.regLoss, 0.0);
    ASSERT_EQ(gradient.weights.rows(), classes);
    ASSERT_EQ(gradient.weights.cols(), dimension);
    ASSERT_EQ(gradient.bias.size(), classes);
    // A gradient that is identically zero would pass trivially; make sure it is not.
    ASSERT_GT(gradient.weights.norm(), 1e-3);

    const double h = 1e-6;
    auto lossAt = [&](const LinearClassifier& m) {
        return evaluateObjective(config, m, phi, data.labels, nullptr).loss;
    };
    auto check = [&](double* parameter, double analytic, const std::string& name) {
        const double saved = *parameter;
        *parameter = saved + h;
        const double plus = lossAt(model);
        *parameter = saved - h;
        const double minus = lossAt(model);
        *parameter = saved;
        const double numeric = (plus - minus) / (2 * h);
        EXPECT_NEAR(analytic, numeric, 1e-6 * (1.0 + std::abs(numeric))) << name;
    };
    for (int k = 0; k < classes; ++k) {
        for (int d = 0; d < dimension; ++d) {
            check(&model.weights(k, d), gradient.weights(k, d),
                  "W(" + std::to_string(k) + "," + std::to_string(d) + ")");
        }
        check(&model.bias[k], gradient.bias[k], "b(" + std::to_string(k) + ")");
    }
}

std::vector<GradientCase> allGradientCases() {
    std::vector<GradientCase> cases;
    for (Loss loss : kAllLosses) {
        for (FeatureMap map : kAllFeatureMaps) {
            cases.push_back({loss, map, 4});
        }
        // Linear features with up to 10 classes take the trainer's compiled kernels, more
        // classes the general Eigen products: both ends and the other side.
        for (int classes : {2, 10, 12}) {
            cases.push_back({loss, FeatureMap::Linear, classes});
        }
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(AllLossesAllFeatures, ObjectiveGradient,
                         ::testing::ValuesIn(allGradientCases()),
                         [](const ::testing::TestParamInfo<GradientCase>& param) {
                             return std::string(lossKey(param.param.loss)) + "_" +
                                    std::string(featureKey(param.param.features)) + "_K" +
                                    std::to_string(param.param.classes);
                         });

// ---------------------------------------------------------------- optimizers

// One point x = (1, 2) of class 0, K = 2: at W = 0, b = 0 the scores tie, p = (½, ½) and
// the cross-entropy gradient is G = p − e_0 = (−½, ½), so ∂L/∂W = Gᵀ x = [[−½, −1], [½, 1]]
// and ∂L/∂b = (−½, ½).
Dataset onePoint() {
    Dataset d;
    d.points = rows(1, 2, {1, 2});
    d.labels = (IntVec(1) << 0).finished();
    d.classes = 2;
    return d;
}

TEST(Optimizer, KeysRoundTrip) {
    EXPECT_EQ(optimizerFromKey("sgd"), Optimizer::Sgd);
    EXPECT_EQ(optimizerFromKey("adam"), Optimizer::Adam);
    EXPECT_EQ(optimizerKey(Optimizer::Adam), "adam");
    EXPECT_EQ(optimizerFromKey("adamw"), Optimizer::AdamW);
    EXPECT_EQ(optimizerKey(Optimizer::AdamW), "adamw");
    EXPECT_EQ(optimizerKeyList(), "sgd, adam, adamw");
    for (Optimizer optimizer : kAllOptimizers) {
        EXPECT_EQ(optimizerFromKey(optimizerKey(optimizer)), optimizer);
    }
    EXPECT_FALSE(optimizerFromKey("rmsprop").has_value());
    EXPECT_EQ(initializationFromKey("random"), Initialization::Random);
    EXPECT_EQ(initializationKey(Initialization::Zeros), "zeros");
    EXPECT_FALSE(initializationFromKey("ones").has_value());
}

TEST(Optimizer, SgdOneStepByHand) {
    Trainer trainer;
    TrainerConfig config;
    config.learningRate = 0.1;
    ASSERT_FALSE(trainer.reset(config, onePoint()).has_value());
    ASSERT_TRUE(trainer.step());
    EXPECT_EQ(trainer.model().weights, rows(2, 2, {0.05, 0.1, -0.05, -0.1}));
    EXPECT_EQ(trainer.model().bias, (Vec(2) << 0.05, -0.05).finished());
    // history[0] is the initial model: log 2, ties predict class 0 (correct), ‖∇‖ = √3.
    ASSERT_EQ(trainer.history().size(), 1u);
    const Measurement& m = trainer.history()[0];
    EXPECT_EQ(m.step, 0);
    EXPECT_NEAR(m.loss, std::log(2.0), 1e-15);
    EXPECT_EQ(m.regLoss, 0.0);
    EXPECT_EQ(m.accuracy, 1.0);
    EXPECT_NEAR(m.gradNorm, std::sqrt(3.0), 1e-15);
}

TEST(Optimizer, SgdMomentumTwoStepsPyTorchConvention) {
    const Dataset data = generate(DatasetKind::Blobs, 6, 3, 0.3, 4);
    TrainerConfig config;
    config.learningRate = 0.2;
    config.momentum = 0.9;
    config.l2 = 0.01;
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    const RowMatrix phi = computeFeatures(FeatureMap::Linear, data.points);
    const LinearClassifier theta0 = trainer.model();
    LinearClassifier g0, g1;
    evaluateObjective(config, theta0, phi, data.labels, &g0);

    // Step 1: v = g (not (1 − μ)·g, not μ·0 + lr·g with another scaling): a plain step.
    ASSERT_TRUE(trainer.step());
    LinearClassifier theta1 = theta0;
    theta1.weights -= 0.2 * g0.weights;
    theta1.bias -= 0.2 * g0.bias;
    EXPECT_TRUE(trainer.model().weights.isApprox(theta1.weights, 1e-15));
    EXPECT_TRUE(trainer.model().bias.isApprox(theta1.bias, 1e-15));

    // Step 2: v ← μ v + g1, θ ← θ − lr v.
    evaluateObjective(config, theta1, phi, data.labels, &g1);
    ASSERT_TRUE(trainer.step());
    const RowMatrix w2 = theta1.weights - 0.2 * (0.9 * g0.weights + g1.weights);
    const Vec b2 = theta1.bias - 0.2 * (0.9 * g0.bias + g1.bias);
    EXPECT_TRUE(trainer.model().weights.isApprox(w2, 1e-14)) << trainer.model().weights << "\n"
                                                             << w2;
    EXPECT_TRUE(trainer.model().bias.isApprox(b2, 1e-14));
    // Without momentum the second step would differ: the test can tell them apart.
    EXPECT_FALSE(trainer.model().weights.isApprox(theta1.weights - 0.2 * g1.weights, 1e-6));
}

TEST(Optimizer, AdamFirstStepByHand) {
    TrainerConfig config;
    config.optimizer = Optimizer::Adam;
    config.learningRate = 0.1;
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, onePoint()).has_value());
    ASSERT_TRUE(trainer.step());
    // m̂ = g, v̂ = g²: θ ← θ − lr·g / (|g| + 1e-8).
    const double half = 0.1 * 0.5 / (0.5 + 1e-8);
    const double one = 0.1 * 1.0 / (1.0 + 1e-8);
    const RowMatrix expected = rows(2, 2, {half, one, -half, -one});
    EXPECT_NEAR((trainer.model().weights - expected).cwiseAbs().maxCoeff(), 0.0, 1e-16)
        << trainer.model().weights;
    EXPECT_NEAR(trainer.model().bias[0], half, 1e-16);
    EXPECT_NEAR(trainer.model().bias[1], -half, 1e-16);
    EXPECT_NE(trainer.model().weights(0, 0), 0.1) << "eps must be in the denominator";
}

TEST(Optimizer, AdamTwoStepsAsTorch) {
    const Dataset data = generate(DatasetKind::Blobs, 8, 3, 0.3, 6);
    TrainerConfig config;
    config.optimizer = Optimizer::Adam;
    config.learningRate = 0.05;
    config.l1 = 0.01;
    config.init = Initialization::Random;
    config.seed = 3;
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    const RowMatrix phi = computeFeatures(FeatureMap::Linear, data.points);
    LinearClassifier theta = trainer.model();
    ASSERT_GT(theta.weights.cwiseAbs().minCoeff(), 0.0) << "random init";

    // torch.optim.Adam, written out with β1 = 0.9, β2 = 0.999, ε = 1e-8.
    LinearClassifier m = LinearClassifier::zeros(3, 2), v = m, g;
    for (int t = 1; t <= 2; ++t) {
        evaluateObjective(config, theta, phi, data.labels, &g);
        m.weights = 0.9 * m.weights + 0.1 * g.weights;
        m.bias = 0.9 * m.bias + 0.1 * g.bias;
        v.weights = 0.999 * v.weights + 0.001 * g.weights.cwiseProduct(g.weights);
        v.bias = 0.999 * v.bias + 0.001 * g.bias.cwiseProduct(g.bias);
        const double stepSize = 0.05 / (1 - std::pow(0.9, t));
        const double bc2 = std::sqrt(1 - std::pow(0.999, t));
        theta.weights.array() -=
            stepSize * m.weights.array() / (v.weights.array().sqrt() / bc2 + 1e-8);
        theta.bias.array() -= stepSize * m.bias.array() / (v.bias.array().sqrt() / bc2 + 1e-8);
        ASSERT_TRUE(trainer.step());
        EXPECT_NEAR((trainer.model().weights - theta.weights).cwiseAbs().maxCoeff(), 0.0, 1e-15)
            << "step " << t;
        EXPECT_NEAR((trainer.model().bias - theta.bias).cwiseAbs().maxCoeff(), 0.0, 1e-15);
    }
}

// PyTorch's AdamW (torch.optim.AdamW, amsgrad off) written out for a two-point problem, with
// the gradient of the data loss computed here by hand, not by the trainer:
//   g = ∂(mean cross-entropy)/∂θ + λ1 sign(W)    (no 2·λ2·W: the decay replaces it)
//   W ← W·(1 − lr·wd), wd = 2·λ2                 (b is not decayed)
//   m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g²
//   θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
TEST(Optimizer, AdamWFourStepsAsTorch) {
    Dataset data;
    data.points = rows(2, 2, {1, 2, -1, 0.5});
    data.labels = (IntVec(2) << 0, 1).finished();
    data.classes = 2;
    const double lr = 0.1, l2 = 0.05, l1 = 0.01;
    TrainerConfig config;
    config.optimizer = Optimizer::AdamW;
    config.learningRate = lr;
    config.l2 = l2;
    config.l1 = l1;
    LinearClassifier start;
    start.weights = rows(2, 2, {0.5, -0.3, -0.2, 0.4});
    start.bias = (Vec(2) << 0.1, -0.1).finished();
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    ASSERT_FALSE(trainer.setModel(start).has_value());

    RowMatrix w = start.weights;
    Vec b = start.bias;
    RowMatrix mW = RowMatrix::Zero(2, 2), vW = mW;
    Vec mB = Vec::Zero(2), vB = mB;
    const double wd = 2 * l2;
    for (int t = 1; t <= 4; ++t) {
        // The data gradient: (p − e_y) xᵀ / N per point, p = softmax(W x + b).
        RowMatrix gW = RowMatrix::Zero(2, 2);
        Vec gB = Vec::Zero(2);
        for (int n = 0; n < 2; ++n) {
            const Eigen::Vector2d x = data.points.row(n).transpose();
            const Vec s = w * x + b;
            const double e0 = std::exp(s[0]), e1 = std::exp(s[1]);
            Vec g(2);
            g << e0 / (e0 + e1), e1 / (e0 + e1);
            g[data.labels[n]] -= 1.0;
            gW += 0.5 * g * x.transpose();
            gB += 0.5 * g;
        }
        gW += l1 * w.array().sign().matrix();
        w *= 1 - lr * wd;
        mW = 0.9 * mW + 0.1 * gW;
        mB = 0.9 * mB + 0.1 * gB;
        vW = 0.999 * vW + 0.001 * gW.cwiseProduct(gW);
        vB = 0.999 * vB + 0.001 * gB.cwiseProduct(gB);
        const double stepSize = lr / (1 - std::pow(0.9, t));
        const double bc2 = std::sqrt(1 - std::pow(0.999, t));
        w.array() -= stepSize * mW.array() / (vW.array().sqrt() / bc2 + 1e-8);
        b.array() -= stepSize * mB.array() / (vB.array().sqrt() / bc2 + 1e-8);

        ASSERT_TRUE(trainer.step());
        EXPECT_NEAR((trainer.model().weights - w).cwiseAbs().maxCoeff(), 0.0, 1e-14)
            << "step " << t << "\n"
            << trainer.model().weights << "\n"
            << w;
        EXPECT_NEAR((trainer.model().bias - b).cwiseAbs().maxCoeff(), 0.0, 1e-14) << "step " << t;
    }
}

// The measurement does not depend on the optimizer: the loss keeps λ2‖W‖², and the gradient
// norm is the objective's, L2 term included, though adamw steps without it.
TEST(Optimizer, AdamWMeasuresTheWholeObjective) {
    const Dataset data = generate(DatasetKind::Blobs, 12, 3, 0.3, 8);
    TrainerConfig config;
    config.optimizer = Optimizer::AdamW;
    config.learningRate = 0.05;
    config.l2 = 0.3;
    config.init = Initialization::Random;
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    ASSERT_EQ(trainer.run(5), 5);
    const RowMatrix phi = computeFeatures(FeatureMap::Linear, data.points);
    LinearClassifier gradient;
    const ObjectiveValue value =
        evaluateObjective(config, trainer.model(), phi, data.labels, &gradient);
    const Measurement m = trainer.measure();
    EXPECT_NEAR(m.loss, value.loss, 1e-14);
    EXPECT_NEAR(m.regLoss, 0.3 * trainer.model().weights.squaredNorm(), 1e-15);
    const double norm = std::sqrt(gradient.weights.squaredNorm() + gradient.bias.squaredNorm());
    EXPECT_NEAR(m.gradNorm, norm, 1e-12 * norm);
}

TEST(Optimizer, AdamWWithoutL2IsAdamExactly) {
    const Dataset data = generate(DatasetKind::Spiral, 40, 3, 0.2, 5);
    auto runWith = [&](Optimizer optimizer) {
        TrainerConfig config;
        config.optimizer = optimizer;
        config.features = FeatureMap::Poly2;
        config.loss = Loss::Focal;
        config.learningRate = 0.05;
        config.l1 = 0.002;
        config.batchSize = 16;
        config.init = Initialization::Random;
        config.seed = 11;
        Trainer trainer;
        EXPECT_FALSE(trainer.reset(config, data).has_value());
        trainer.run(20);
        return trainer;
    };
    const Trainer adam = runWith(Optimizer::Adam);
    const Trainer adamw = runWith(Optimizer::AdamW);
    EXPECT_EQ(adam.model().weights, adamw.model().weights);
    EXPECT_EQ(adam.model().bias, adamw.model().bias);
    ASSERT_EQ(adam.history().size(), adamw.history().size());
    for (std::size_t i = 0; i < adam.history().size(); ++i) {
        EXPECT_EQ(adam.history()[i].loss, adamw.history()[i].loss) << i;
        EXPECT_EQ(adam.history()[i].gradNorm, adamw.history()[i].gradNorm) << i;
    }
}

// One adamw step is adam's step on the data gradient after W (and only W) shrinks by
// (1 − 2·lr·λ2): compared with adam at λ2 = 0 from the same start, whose gradient is the same.
TEST(Optimizer, AdamWDecaysTheWeightsAndNotTheBias) {
    TrainerConfig config;
    config.optimizer = Optimizer::AdamW;
    config.learningRate = 0.1;
    config.l2 = 0.5;
    Dataset data = onePoint();
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    LinearClassifier start;
    start.weights = rows(2, 2, {2, -1, -2, 1});
    start.bias = (Vec(2) << 0.3, -0.3).finished();
    ASSERT_FALSE(trainer.setModel(start).has_value());
    TrainerConfig adamConfig = config;
    adamConfig.optimizer = Optimizer::Adam;
    adamConfig.l2 = 0.0;
    Trainer adam;
    ASSERT_FALSE(adam.reset(adamConfig, data).has_value());
    ASSERT_FALSE(adam.setModel(start).has_value());
    ASSERT_TRUE(trainer.step());
    ASSERT_TRUE(adam.step());
    EXPECT_EQ(trainer.model().bias, adam.model().bias);
    // W: first decayed by (1 − 2·lr·λ2) = 0.9, then the same adam step.
    const RowMatrix adamStep = adam.model().weights - start.weights;
    EXPECT_TRUE(trainer.model().weights.isApprox(0.9 * start.weights + adamStep, 1e-15));
}

// ---------------------------------------------------------------- training runs

TEST(Training, CrossEntropyReachesFullAccuracyOnSeparatedBlobs) {
    const Dataset data = generate(DatasetKind::Blobs, 300, 3, 0.1, 1);
    for (Optimizer optimizer : {Optimizer::Sgd, Optimizer::Adam}) {
        TrainerConfig config;
        config.optimizer = optimizer;
        config.learningRate = optimizer == Optimizer::Sgd ? 1.0 : 0.1;
        Trainer trainer;
        ASSERT_FALSE(trainer.reset(config, data).has_value());
        EXPECT_EQ(trainer.run(300), 300);
        const Measurement final = trainer.measure();
        EXPECT_EQ(final.accuracy, 1.0) << optimizerKey(optimizer);
        EXPECT_LT(final.loss, 0.2 * trainer.history()[0].loss);
        EXPECT_EQ(final.step, 300);
    }
}

TEST(Training, AccuracyMatchesTheClassifierWithTiesToTheLowestIndex) {
    for (int classes : {5, 12}) {
        for (FeatureMap map : {FeatureMap::Linear, FeatureMap::Poly2}) {
            SCOPED_TRACE("K=" + std::to_string(classes) + " " + std::string(featureKey(map)));
            const Dataset data = randomPoints(97, classes, 3);
            TrainerConfig config;
            config.features = map;
            Trainer trainer;
            ASSERT_FALSE(trainer.reset(config, data).has_value());
            // Zero weights: every score ties, so every point is predicted as class 0.
            const double share = static_cast<double>((data.labels.array() == 0).count()) / 97;
            EXPECT_EQ(trainer.measure().accuracy, share);
            trainer.run(20);
            const RowMatrix phi = computeFeatures(map, data.points);
            const Measurement now = trainer.measure();
            const RowMatrix scores = trainer.model().scores(phi);
            EXPECT_EQ(now.accuracy, accuracy(scores, data.labels));
            EXPECT_GT(now.accuracy, share);
            // The loss agrees with the classifier's scores too.
            EXPECT_NEAR(now.dataLoss,
                        batchLoss(Loss::CrossEntropy, scores, data.labels, LossOptions{}, nullptr),
                        1e-14);
        }
    }
}

TEST(Training, HistoryIsMeasuredBeforeEachUpdate) {
    const Dataset data = generate(DatasetKind::Moons, 50, 2, 0.1, 2);
    TrainerConfig config;
    config.loss = Loss::HingeWW;
    config.features = FeatureMap::Poly3;
    config.l2 = 0.01;
    Trainer five, three;
    ASSERT_FALSE(five.reset(config, data).has_value());
    ASSERT_FALSE(three.reset(config, data).has_value());
    five.run(5);
    three.run(3);
    ASSERT_EQ(five.history().size(), 5u);
    EXPECT_EQ(five.steps(), 5);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(five.history()[i].step, i);
    }
    const Measurement afterThree = three.measure();
    EXPECT_EQ(afterThree.step, 3);
    EXPECT_EQ(five.history()[3].loss, afterThree.loss);
    EXPECT_EQ(five.history()[3].accuracy, afterThree.accuracy);
    EXPECT_EQ(five.history()[3].gradNorm, afterThree.gradNorm);
    // ‖W‖_F of the weights measured, the bias left out: 0 at the zero start.
    EXPECT_EQ(five.history()[0].weightNorm, 0.0);
    EXPECT_GT(afterThree.weightNorm, 0.0);
    EXPECT_DOUBLE_EQ(afterThree.weightNorm, three.model().weights.norm());
    // Zero weights: every hinge term is Δ, so the data loss is (K − 1)·Δ.
    EXPECT_EQ(five.history()[0].dataLoss, 1.0);
    EXPECT_EQ(five.history()[0].regLoss, 0.0);
}

TEST(Training, LogKAtZeroWeightsOnTrainAndTestSets) {
    const Dataset all = generate(DatasetKind::Blobs, 200, 5, 0.1, 8);
    Dataset train, test;
    ASSERT_FALSE(splitDataset(all, 0.25, 1, &train, &test).has_value());
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(TrainerConfig{}, train, &test).has_value());
    trainer.run(200);
    const Measurement& first = trainer.history()[0];
    EXPECT_TRUE(first.hasTest);
    EXPECT_NEAR(first.loss, std::log(5.0), 1e-14);
    EXPECT_NEAR(first.testLoss, std::log(5.0), 1e-14);
    const Measurement last = trainer.measure();
    EXPECT_TRUE(last.hasTest);
    EXPECT_GE(last.testAccuracy, 0.95);
    EXPECT_LT(last.testLoss, first.testLoss);
    // Without a test set, no test numbers.
    Trainer noTest;
    ASSERT_FALSE(noTest.reset(TrainerConfig{}, train).has_value());
    EXPECT_FALSE(noTest.measure().hasTest);
}

bool sameHistory(const std::vector<Measurement>& a, const std::vector<Measurement>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].step != b[i].step || a[i].loss != b[i].loss || a[i].dataLoss != b[i].dataLoss ||
            a[i].regLoss != b[i].regLoss || a[i].accuracy != b[i].accuracy ||
            a[i].gradNorm != b[i].gradNorm) {
            return false;
        }
    }
    return true;
}

TEST(Training, SameSeedGivesBitIdenticalRuns) {
    const Dataset data = generate(DatasetKind::Spiral, 120, 3, 0.1, 5);
    for (Eigen::Index batch : {0, 16, 7}) {
        SCOPED_TRACE("batch " + std::to_string(batch));
        TrainerConfig config;
        config.batchSize = batch;
        config.init = Initialization::Random;
        config.optimizer = Optimizer::Adam;
        config.features = FeatureMap::Rbf;
        config.seed = 77;
        Trainer a, b, c;
        ASSERT_FALSE(a.reset(config, data).has_value());
        ASSERT_FALSE(b.reset(config, data).has_value());
        config.seed = 78;
        ASSERT_FALSE(c.reset(config, data).has_value());
        a.run(40);
        b.run(40);
        c.run(40);
        EXPECT_TRUE(sameHistory(a.history(), b.history()));
        EXPECT_EQ(a.model().weights, b.model().weights);
        EXPECT_EQ(a.model().bias, b.model().bias);
        EXPECT_FALSE(sameHistory(a.history(), c.history())) << "the seed must matter";
        // Resetting replays the same run.
        ASSERT_FALSE(b.reset(a.config(), data).has_value());
        b.run(40);
        EXPECT_TRUE(sameHistory(a.history(), b.history()));
    }
}

TEST(Training, MiniBatchesCoverAnEpoch) {
    const Dataset data = generate(DatasetKind::Blobs, 10, 2, 0.2, 1);
    TrainerConfig config;
    config.batchSize = 4;  // batches of 4, 4, 2
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(config, data).has_value());
    trainer.run(2);
    EXPECT_EQ(trainer.epochs(), 0);
    trainer.run(1);
    EXPECT_EQ(trainer.epochs(), 1);
    trainer.run(3);
    EXPECT_EQ(trainer.epochs(), 2);
    // A batch as large as the data set is the full batch, bit for bit.
    TrainerConfig full;
    TrainerConfig huge;
    huge.batchSize = 1000;
    Trainer a, b;
    ASSERT_FALSE(a.reset(full, data).has_value());
    ASSERT_FALSE(b.reset(huge, data).has_value());
    a.run(5);
    b.run(5);
    EXPECT_EQ(a.model().weights, b.model().weights);
    // Mini-batch steps differ from full-batch steps.
    Trainer mini;
    ASSERT_FALSE(mini.reset(config, data).has_value());
    mini.run(5);
    EXPECT_NE(mini.model().weights, a.model().weights);
}

TEST(Training, DivergenceGuardStopsAndKeepsFiniteWeights) {
    // Not linearly separable: on separable data one huge step can clear every margin and
    // stop the squared hinge dead instead of diverging.
    const Dataset data = generate(DatasetKind::Spiral, 100, 3, 0.1, 1);
    for (Eigen::Index batch : {0, 10}) {
        TrainerConfig config;
        config.loss = Loss::SquaredHinge;
        config.learningRate = 1e6;
        config.batchSize = batch;
        Trainer trainer;
        ASSERT_FALSE(trainer.reset(config, data).has_value());
        const long long done = trainer.run(1000);
        EXPECT_LT(done, 1000);
        EXPECT_TRUE(trainer.diverged());
        EXPECT_NE(trainer.message().find("training diverged"), std::string::npos)
            << trainer.message();
        EXPECT_NE(trainer.message().find("learning rate too high"), std::string::npos);
        EXPECT_TRUE(trainer.model().weights.allFinite());
        EXPECT_TRUE(trainer.model().bias.allFinite());
        EXPECT_EQ(static_cast<long long>(trainer.history().size()), trainer.steps());
        for (const Measurement& m : trainer.history()) {
            EXPECT_TRUE(std::isfinite(m.loss) && std::isfinite(m.gradNorm)) << m.step;
        }
        const Measurement now = trainer.measure();
        EXPECT_TRUE(std::isfinite(now.loss));
        EXPECT_EQ(now.step, trainer.steps());
        // Stopped: further steps do nothing until a reset.
        const RowMatrix weights = trainer.model().weights;
        EXPECT_FALSE(trainer.step());
        EXPECT_EQ(trainer.model().weights, weights);
        ASSERT_FALSE(trainer.reset(config, data).has_value());
        EXPECT_FALSE(trainer.diverged());
        EXPECT_TRUE(trainer.message().empty());
    }
}

TEST(Training, BoundedHistoryKeepsExactMeasurementsAndChangesNoStep) {
    const Dataset data = generate(DatasetKind::Spiral, 90, 3, 0.1, 4);
    TrainerConfig config;
    config.optimizer = Optimizer::Adam;
    config.features = FeatureMap::Poly2;
    Trainer full, bounded;
    bounded.setHistoryCapacity(16);
    ASSERT_FALSE(full.reset(config, data).has_value());
    ASSERT_FALSE(bounded.reset(config, data).has_value());
    full.run(300);
    bounded.run(300);
    // Thinning the record does not touch training.
    EXPECT_EQ(full.model().weights, bounded.model().weights);
    EXPECT_EQ(bounded.steps(), 300);
    ASSERT_LE(bounded.history().size(), 16u);
    ASSERT_GE(bounded.history().size(), 8u);
    EXPECT_EQ(bounded.history().front().step, 0);
    // Each kept entry is the unbounded run's measurement at that step, bit for bit.
    for (const Measurement& m : bounded.history()) {
        const Measurement& same = full.history()[static_cast<std::size_t>(m.step)];
        EXPECT_EQ(m.loss, same.loss) << m.step;
        EXPECT_EQ(m.gradNorm, same.gradNorm) << m.step;
        EXPECT_EQ(m.accuracy, same.accuracy) << m.step;
    }
    // The capacity outlives a reset; setting it on a long history thins it at once.
    ASSERT_FALSE(bounded.reset(config, data).has_value());
    bounded.run(100);
    EXPECT_LE(bounded.history().size(), 16u);
    full.setHistoryCapacity(50);
    EXPECT_LE(full.history().size(), 50u);
}

TEST(Training, DivergenceGuardWorksWithABoundedHistory) {
    const Dataset data = generate(DatasetKind::Spiral, 100, 3, 0.1, 1);
    TrainerConfig config;
    config.loss = Loss::SquaredHinge;
    config.learningRate = 1e6;
    Trainer unbounded;
    ASSERT_FALSE(unbounded.reset(config, data).has_value());
    unbounded.run(1000);
    ASSERT_TRUE(unbounded.diverged());
    // Several capacities, so that in some the undone step's measurement was recorded (and
    // must go) and in others it was thinned away.
    for (std::size_t capacity = 2; capacity <= 9; ++capacity) {
        SCOPED_TRACE("capacity " + std::to_string(capacity));
        Trainer bounded;
        bounded.setHistoryCapacity(capacity);
        ASSERT_FALSE(bounded.reset(config, data).has_value());
        bounded.run(1000);
        ASSERT_TRUE(bounded.diverged());
        // The same finite state is restored whether or not the last step was recorded.
        EXPECT_EQ(bounded.steps(), unbounded.steps());
        EXPECT_EQ(bounded.model().weights, unbounded.model().weights);
        ASSERT_FALSE(bounded.history().empty());
        EXPECT_LT(bounded.history().back().step, bounded.steps()) << "an undone step is kept";
        for (const Measurement& m : bounded.history()) {
            EXPECT_TRUE(std::isfinite(m.loss));
            EXPECT_EQ(m.loss, unbounded.history()[static_cast<std::size_t>(m.step)].loss);
        }
    }
}

TEST(Training, BadConfigurationLeavesTheTrainerAsItWas) {
    const Dataset data = generate(DatasetKind::Blobs, 30, 3, 0.2, 1);
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(TrainerConfig{}, data).has_value());
    trainer.run(3);
    const RowMatrix weights = trainer.model().weights;

    struct Case {
        TrainerConfig config;
        const char* field;
    };
    std::vector<Case> cases;
    auto add = [&](const char* field, auto change) {
        TrainerConfig config;
        change(config);
        cases.push_back({config, field});
    };
    add("learning rate", [](TrainerConfig& c) { c.learningRate = 0; });
    add("learning rate", [](TrainerConfig& c) { c.learningRate = INFINITY; });
    add("momentum", [](TrainerConfig& c) { c.momentum = -0.5; });
    add("momentum", [](TrainerConfig& c) {
        c.optimizer = Optimizer::Adam;
        c.momentum = 0.9;
    });
    add("batch size", [](TrainerConfig& c) { c.batchSize = -1; });
    add("l1", [](TrainerConfig& c) { c.l1 = -1; });
    add("l2", [](TrainerConfig& c) { c.l2 = NAN; });
    add("temperature", [](TrainerConfig& c) { c.lossOptions.temperature = 0; });
    add("smoothing", [](TrainerConfig& c) { c.lossOptions.smoothing = 1.5; });
    add("margin", [](TrainerConfig& c) { c.lossOptions.margin = -1; });
    add("gamma", [](TrainerConfig& c) { c.lossOptions.gamma = -1; });
    add("rbf width", [](TrainerConfig& c) { c.rbfWidth = 0; });
    for (const Case& c : cases) {
        const auto error = trainer.reset(c.config, data);
        ASSERT_TRUE(error.has_value()) << c.field;
        EXPECT_EQ(error->rfind(c.field, 0), 0u) << *error;
        EXPECT_EQ(trainer.steps(), 3);
        EXPECT_EQ(trainer.model().weights, weights);
    }

    Dataset badLabels = data;
    badLabels.labels[4] = 3;
    auto error = trainer.reset(TrainerConfig{}, badLabels);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("label 3"), std::string::npos) << *error;

    Dataset huge = data;
    huge.points(0, 0) = 1e200;  // finite, but its cube is not
    TrainerConfig poly3;
    poly3.features = FeatureMap::Poly3;
    error = trainer.reset(poly3, huge);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("features"), std::string::npos) << *error;
    EXPECT_EQ(trainer.steps(), 3);
    EXPECT_EQ(trainer.config().features, FeatureMap::Linear);
}

TEST(Training, SetModelStartsFromGivenWeights) {
    const Dataset data = onePoint();
    Trainer trainer;
    ASSERT_FALSE(trainer.reset(TrainerConfig{}, data).has_value());
    LinearClassifier model = LinearClassifier::zeros(2, 2);
    model.weights(0, 0) = 1.0;
    ASSERT_FALSE(trainer.setModel(model).has_value());
    EXPECT_EQ(trainer.model().weights, model.weights);
    EXPECT_EQ(trainer.steps(), 0);
    EXPECT_TRUE(trainer.setModel(LinearClassifier::zeros(3, 2)).has_value());
    Trainer empty;
    EXPECT_TRUE(empty.setModel(model).has_value());
    EXPECT_FALSE(empty.step());
}

}  // namespace
}  // namespace losslab

namespace losslab {
namespace {

// Moving one point (a drag) is a reset on the moved data from the current weights, whatever the
// features, the optimizer and the mini-batch shuffles: the runs after it agree bit for bit.
TEST(Trainer, MovingAPointIsAResetOnTheMovedDataFromTheSameWeights) {
    for (FeatureMap features : {FeatureMap::Linear, FeatureMap::Rbf}) {
        SCOPED_TRACE(featureKey(features));
        TrainerConfig config;
        config.features = features;
        config.optimizer = Optimizer::Adam;
        config.learningRate = 0.05;
        config.batchSize = 16;
        config.init = Initialization::Random;
        config.seed = 9;
        Dataset train = randomPoints(120, 3, 4);
        Dataset test = randomPoints(40, 3, 5);
        Trainer dragged;
        ASSERT_FALSE(dragged.reset(config, train, &test));
        dragged.run(25);
        ASSERT_FALSE(dragged.movePoint(false, 7, 0.25, -1.5));
        ASSERT_FALSE(dragged.movePoint(true, 39, 2.0, 0.5));
        train.points.row(7) << 0.25, -1.5;
        test.points.row(39) << 2.0, 0.5;
        Trainer fresh;
        ASSERT_FALSE(fresh.reset(config, train, &test));
        ASSERT_FALSE(fresh.setModel(dragged.model()));
        EXPECT_EQ(dragged.steps(), 0);
        EXPECT_TRUE(dragged.history().empty());
        dragged.run(30);
        fresh.run(30);
        EXPECT_EQ(dragged.model().weights, fresh.model().weights);
        EXPECT_EQ(dragged.model().bias, fresh.model().bias);
        ASSERT_EQ(dragged.history().size(), fresh.history().size());
        EXPECT_EQ(dragged.history().back().testLoss, fresh.history().back().testLoss);
    }
}

TEST(Trainer, AMoveThatCannotBeMadeChangesNothing) {
    TrainerConfig config;
    Dataset train = randomPoints(20, 3, 4);
    Trainer trainer;
    EXPECT_TRUE(trainer.movePoint(false, 0, 0.0, 0.0)) << "no data yet";
    ASSERT_FALSE(trainer.reset(config, train));
    trainer.run(3);
    EXPECT_TRUE(trainer.movePoint(false, 20, 0.0, 0.0));
    EXPECT_TRUE(trainer.movePoint(false, -1, 0.0, 0.0));
    EXPECT_TRUE(trainer.movePoint(true, 0, 0.0, 0.0)) << "no test set";
    EXPECT_TRUE(trainer.movePoint(false, 0, std::nan(""), 0.0));
    config.features = FeatureMap::Poly3;
    ASSERT_FALSE(trainer.reset(config, train));
    trainer.run(3);
    const LinearClassifier poly = trainer.model();
    const std::optional<std::string> overflow = trainer.movePoint(false, 0, 1e200, 1e200);
    ASSERT_TRUE(overflow);
    EXPECT_NE(overflow->find("overflows"), std::string::npos) << *overflow;
    EXPECT_EQ(trainer.steps(), 3) << "the run goes on as it was";
    EXPECT_EQ(trainer.model().weights, poly.weights);
}

}  // namespace
}  // namespace losslab
