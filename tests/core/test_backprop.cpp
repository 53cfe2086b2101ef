// Backpropagation through the linear classifier for one sample (backprop.hpp): every gradient
// against central finite differences, the forward values against the classifier and the
// softmax, the chain rule between the nodes, lecture 001's hinge rule and its toy circuits,
// and bad samples refused with the field named.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "../support/vectors.hpp"
#include "losslab/backprop.hpp"
#include "losslab/classifier.hpp"
#include "losslab/softmax.hpp"

namespace losslab {
namespace {

using testing::vec;

constexpr FeatureMap kBackpropMaps[] = {FeatureMap::Linear, FeatureMap::Poly2, FeatureMap::Poly3};

BackpropSample randomSample(FeatureMap map, int classes, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(0.0, 0.7);
    BackpropSample sample;
    sample.features = map;
    sample.x = Eigen::Vector2d(normal(engine), normal(engine));
    sample.weights.resize(classes, featureDimension(map));
    for (Eigen::Index i = 0; i < sample.weights.size(); ++i)
        sample.weights.data()[i] = normal(engine);
    sample.bias.resize(classes);
    for (int k = 0; k < classes; ++k)
        sample.bias[k] = normal(engine);
    sample.target = static_cast<int>(engine() % static_cast<std::uint64_t>(classes));
    return sample;
}

Backprop run(const BackpropSample& sample) {
    Backprop result;
    const auto error = runBackprop(sample, &result);
    EXPECT_FALSE(error.has_value()) << *error;
    return result;
}

double lossOf(const BackpropSample& sample) {
    return run(sample).loss;
}

// True when no hinge term is within `gap` of its kink (and hinge_cs's rival is clear), so the
// central differences of a hinge loss are exact around s.
bool awayFromKinks(Loss loss, const Vec& s, int y, double margin, double gap) {
    if (!isHinge(loss)) return true;
    double best = -INFINITY, second = -INFINITY;
    for (Eigen::Index j = 0; j < s.size(); ++j) {
        if (j == y) continue;
        if (std::abs(s[j] - s[y] + margin) < gap) return false;
        if (s[j] > best) {
            second = best;
            best = s[j];
        } else if (s[j] > second) {
            second = s[j];
        }
    }
    return loss != Loss::HingeCS || best - second >= gap;
}

struct GradientCase {
    FeatureMap map;
    Loss loss;
    double temperature;
    double smoothing;
};

class BackpropGradient : public ::testing::TestWithParam<GradientCase> {};

// ∂L/∂W, ∂L/∂b and ∂L/∂x against central differences of the loss, over random samples.
TEST_P(BackpropGradient, MatchesCentralDifferences) {
    const GradientCase c = GetParam();
    const double h = 1e-6;
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        BackpropSample sample = randomSample(c.map, 3 + static_cast<int>(seed % 2), seed);
        sample.loss = c.loss;
        sample.options.temperature = c.temperature;
        sample.options.smoothing = c.smoothing;
        sample.options.gamma = seed % 3 == 0 ? 0.5 : 2.0;
        sample.options.margin = seed % 2 == 0 ? 1.0 : 0.4;
        sample.options.logBase = seed % 4 == 0 ? LogBase::Two : LogBase::E;
        const Backprop r = run(sample);
        if (!awayFromKinks(c.loss, r.s, sample.target, sample.options.margin, 1e-3)) continue;
        ++checked;
        auto expectClose = [&](double analytic, double numeric, const std::string& what) {
            EXPECT_NEAR(analytic, numeric, 1e-6 * (1 + std::abs(numeric)))
                << what << " seed " << seed << " " << lossKey(c.loss) << " " << featureKey(c.map);
        };
        for (Eigen::Index k = 0; k < sample.weights.rows(); ++k) {
            for (Eigen::Index d = 0; d < sample.weights.cols(); ++d) {
                BackpropSample plus = sample, minus = sample;
                plus.weights(k, d) += h;
                minus.weights(k, d) -= h;
                expectClose(r.gradW(k, d), (lossOf(plus) - lossOf(minus)) / (2 * h),
                            "dW(" + std::to_string(k) + "," + std::to_string(d) + ")");
            }
            BackpropSample plus = sample, minus = sample;
            plus.bias[k] += h;
            minus.bias[k] -= h;
            expectClose(r.gradB[k], (lossOf(plus) - lossOf(minus)) / (2 * h),
                        "db" + std::to_string(k));
        }
        for (int i = 0; i < 2; ++i) {
            BackpropSample plus = sample, minus = sample;
            plus.x[i] += h;
            minus.x[i] -= h;
            expectClose(r.gradX[i], (lossOf(plus) - lossOf(minus)) / (2 * h),
                        "dx" + std::to_string(i));
        }
    }
    EXPECT_GE(checked, 6) << "most random samples are away from the hinge kinks";
}

std::vector<GradientCase> gradientCases() {
    std::vector<GradientCase> cases;
    for (FeatureMap map : kBackpropMaps) {
        for (Loss loss : kAllLosses) {
            for (double t : {0.5, 1.0, 3.0}) {
                for (double eps : {0.0, 0.15}) {
                    cases.push_back({map, loss, t, eps});
                }
            }
        }
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(EveryFeatureMapLossTemperatureAndSmoothing, BackpropGradient,
                         ::testing::ValuesIn(gradientCases()),
                         [](const ::testing::TestParamInfo<GradientCase>& param) {
                             const GradientCase& c = param.param;
                             std::string name =
                                 std::string(featureKey(c.map)) + "_" +
                                 std::string(lossKey(c.loss)) + "_T" +
                                 std::to_string(static_cast<int>(c.temperature * 10)) + "_eps" +
                                 std::to_string(c.smoothing > 0);
                             return name;
                         });

// The forward pass is the classifier's: φ as computeFeatures, s as LinearClassifier::scores,
// p as softmax, z = s/T, e/Σ = p.
TEST(Backprop, ForwardIsTheClassifiersScoresAndTheSoftmax) {
    for (FeatureMap map : kBackpropMaps) {
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            BackpropSample sample = randomSample(map, 4, seed);
            sample.options.temperature = 0.7;
            const Backprop r = run(sample);
            RowMatrix point(1, 2);
            point << sample.x.x(), sample.x.y();
            const RowMatrix phi = computeFeatures(map, point);
            EXPECT_EQ(r.phi, Vec(phi.row(0).transpose()));
            const RowMatrix scores = LinearClassifier{sample.weights, sample.bias}.scores(phi);
            EXPECT_NEAR((r.s - Vec(scores.row(0).transpose())).cwiseAbs().maxCoeff(), 0.0,
                        1e-14 * (1 + r.s.cwiseAbs().maxCoeff()));
            EXPECT_EQ(r.z, Vec(r.s / 0.7));
            EXPECT_EQ(r.p, softmax(r.s, 0.7));
            EXPECT_EQ(r.expShift, 0.0);
            EXPECT_TRUE((r.expZ / r.expSum).isApprox(r.p, 1e-14));
            EXPECT_EQ(r.loss, evaluateLoss(sample.loss, r.s, sample.target, sample.options).value);
            EXPECT_EQ(r.gradS, evaluateLoss(sample.loss, r.s, sample.target, sample.options).grad);
        }
    }
}

// The softmax side of the graph agrees with ∂L/∂z = T·∂L/∂s, the loss's own gradient:
// e_i·∂L/∂e_i = ∂L/∂z_i (exp gate) and Jᵀ ∂L/∂p = ∂L/∂z with J = diag(p) − p pᵀ.
TEST(Backprop, SoftmaxNodesFollowTheChainRule) {
    for (Loss loss : {Loss::CrossEntropy, Loss::KL, Loss::Focal, Loss::Brier}) {
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            BackpropSample sample = randomSample(FeatureMap::Poly2, 3, seed);
            sample.loss = loss;
            sample.options.temperature = 1.5;
            sample.options.smoothing = 0.1;
            sample.options.gamma = 1.5;
            sample.options.logBase = LogBase::Ten;
            const Backprop r = run(sample);
            ASSERT_TRUE(r.throughSoftmax);
            EXPECT_TRUE(r.gradZ.isApprox(1.5 * r.gradS, 1e-15));
            const Vec viaExp = r.expZ.cwiseProduct(r.gradExp);
            EXPECT_NEAR((viaExp - r.gradZ).cwiseAbs().maxCoeff(), 0.0, 1e-12) << lossKey(loss);
            const Vec viaP = r.p.cwiseProduct(r.gradP) - r.p * r.p.dot(r.gradP);
            EXPECT_NEAR((viaP - r.gradZ).cwiseAbs().maxCoeff(), 0.0, 1e-12) << lossKey(loss);
            // Σ receives −(∂L/∂p · p)/Σ.
            EXPECT_NEAR(r.gradSum, -r.gradP.dot(r.p) / r.expSum, 1e-12 * std::abs(r.gradSum));
        }
    }
}

// ∂L/∂p against central differences of the loss written as a function of p (the
// definitions of losses.hpp, spelled out here), at p = softmax(s/T).
TEST(Backprop, GradientInPMatchesTheLossAsAFunctionOfP) {
    const double lnb = std::log(2.0);
    const double gamma = 1.5;
    auto lossOfP = [&](Loss loss, const Vec& p, const Vec& q) {
        double value = 0.0;
        for (Eigen::Index i = 0; i < p.size(); ++i) {
            switch (loss) {
                case Loss::CrossEntropy:
                    value -= q[i] * std::log(p[i]) / lnb;
                    break;
                case Loss::KL:
                    if (q[i] > 0) value += q[i] * (std::log(q[i]) - std::log(p[i])) / lnb;
                    break;
                case Loss::Focal:
                    value -= q[i] * std::pow(1 - p[i], gamma) * std::log(p[i]) / lnb;
                    break;
                default:  // brier
                    value += (p[i] - q[i]) * (p[i] - q[i]);
                    break;
            }
        }
        return value;
    };
    for (Loss loss : {Loss::CrossEntropy, Loss::KL, Loss::Focal, Loss::Brier}) {
        for (double eps : {0.0, 0.2}) {
            BackpropSample sample = randomSample(FeatureMap::Linear, 3, 7);
            sample.loss = loss;
            sample.options.smoothing = eps;
            sample.options.gamma = gamma;
            sample.options.logBase = LogBase::Two;
            const Backprop r = run(sample);
            EXPECT_NEAR(lossOfP(loss, r.p, r.q), r.loss, 1e-12) << lossKey(loss);
            for (Eigen::Index i = 0; i < r.p.size(); ++i) {
                const double h = 1e-7;
                Vec plus = r.p, minus = r.p;
                plus[i] += h;
                minus[i] -= h;
                const double numeric =
                    (lossOfP(loss, plus, r.q) - lossOfP(loss, minus, r.q)) / (2 * h);
                EXPECT_NEAR(r.gradP[i], numeric, 1e-6 * (1 + std::abs(numeric)))
                    << lossKey(loss) << " eps " << eps << " i " << i;
            }
        }
    }
}

// The lecture's scores (lecture 004, CS231n) as W φ + b with φ = x = (1, 0): s is W's first
// column.
BackpropSample lectureSample(const Vec& scores, int y, Loss loss) {
    BackpropSample sample;
    sample.x = Eigen::Vector2d(1, 0);
    sample.weights = RowMatrix::Zero(scores.size(), 2);
    sample.weights.col(0) = scores;
    sample.bias = Vec::Zero(scores.size());
    sample.target = y;
    sample.loss = loss;
    return sample;
}

// Lecture 001's rule for the multiclass SVM: row j of ∂L/∂W is φ for each active margin, row y
// is −(#active)·φ, other rows 0.
TEST(Backprop, HingeRowsFollowLecture001sRule) {
    // Image 1 (cat, y = 0): only the car's margin is active (5.1 − 3.2 + 1 = 2.9).
    Backprop r = run(lectureSample(vec({3.2, 5.1, -1.7}), 0, Loss::HingeWW));
    EXPECT_NEAR(r.loss, 2.9, 1e-12);
    EXPECT_EQ(r.activeMargins, std::vector<int>({1}));
    // Image 3 (frog, y = 2): both margins are active, 6.3 + 6.6 = 12.9.
    const BackpropSample frog = lectureSample(vec({2.2, 2.5, -3.1}), 2, Loss::HingeWW);
    r = run(frog);
    EXPECT_NEAR(r.loss, 12.9, 1e-12);
    EXPECT_EQ(r.activeMargins, std::vector<int>({0, 1}));
    const std::vector<GraphNode> graph = backpropGraph(frog, r);
    EXPECT_NE(graph[2].note.find("j = 0, 1"), std::string::npos) << graph[2].note;
    EXPECT_NE(graph[2].note.find("−2·φ"), std::string::npos) << graph[2].note;

    // The rule at random points, where φ is not a unit vector.
    for (FeatureMap map : kBackpropMaps) {
        for (std::uint64_t seed = 1; seed <= 8; ++seed) {
            BackpropSample sample = randomSample(map, 4, seed);
            sample.loss = Loss::HingeWW;
            sample.options.margin = 2.0;
            r = run(sample);
            RowMatrix expected = RowMatrix::Zero(4, r.phi.size());
            for (int j : r.activeMargins) {
                expected.row(j) = r.phi.transpose();
                EXPECT_GT(r.s[j] - r.s[sample.target] + 2.0, 0.0);
            }
            expected.row(sample.target) =
                -static_cast<double>(r.activeMargins.size()) * r.phi.transpose();
            EXPECT_EQ(r.gradW, expected) << featureKey(map) << " seed " << seed;
        }
    }
}

TEST(Backprop, HingePastTheMarginSendsNothingBack) {
    // Image 2 (car, y = 1) beats both others by more than Δ = 1: the loss and every gradient are 0.
    for (Loss loss : {Loss::HingeWW, Loss::HingeCS, Loss::SquaredHinge}) {
        const BackpropSample car = lectureSample(vec({1.3, 4.9, 2.0}), 1, loss);
        const Backprop r = run(car);
        EXPECT_EQ(r.loss, 0.0);
        EXPECT_TRUE(r.activeMargins.empty());
        EXPECT_TRUE(r.gradW.isZero(0.0));
        EXPECT_TRUE(r.gradB.isZero(0.0));
        EXPECT_TRUE(r.gradX.isZero(0.0));
        EXPECT_NE(backpropGraph(car, r)[2].note.find("No margin is active"), std::string::npos);
    }
    // hinge_cs: only the strongest rival counts.
    const Backprop cs = run(lectureSample(vec({2.2, 2.5, -3.1}), 2, Loss::HingeCS));
    EXPECT_EQ(cs.activeMargins, std::vector<int>({1}));
}

TEST(Backprop, GraphNodesInForwardOrderWithTheirShapes) {
    BackpropSample sample = randomSample(FeatureMap::Poly2, 3, 4);
    sample.loss = Loss::Focal;
    const Backprop r = run(sample);
    const std::vector<GraphNode> graph = backpropGraph(sample, r);
    const std::vector<std::string> keys = {"x", "phi", "W",   "b", "s",
                                           "z", "exp", "sum", "p", "loss"};
    ASSERT_EQ(graph.size(), keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        EXPECT_EQ(graph[i].key, keys[i]);
        EXPECT_EQ(graph[i].gradient.rows(), graph[i].value.rows()) << keys[i];
        EXPECT_EQ(graph[i].gradient.cols(), graph[i].value.cols()) << keys[i];
        EXPECT_FALSE(graph[i].formula.empty());
    }
    EXPECT_EQ(graph[1].value.cols(), 5);
    EXPECT_EQ(graph[2].value, sample.weights);
    EXPECT_EQ(graph[2].gradient, r.gradW);
    EXPECT_EQ(Vec(graph[0].gradient.row(0).transpose()), r.gradX);
    EXPECT_EQ(graph[7].value(0, 0), r.expSum);
    EXPECT_EQ(graph[9].value(0, 0), r.loss);
    EXPECT_EQ(graph[9].gradient(0, 0), 1.0);

    // Losses on raw scores: z, e, Σ and p are shown but get no gradient.
    for (Loss loss : {Loss::HingeWW, Loss::OvaLogistic}) {
        sample.loss = loss;
        const Backprop raw = run(sample);
        EXPECT_FALSE(raw.throughSoftmax);
        const std::vector<GraphNode> nodes = backpropGraph(sample, raw);
        for (int i : {5, 6, 7, 8}) {
            EXPECT_EQ(nodes[i].gradient.size(), 0) << nodes[i].key;
            EXPECT_GT(nodes[i].value.size(), 0) << nodes[i].key;
            EXPECT_NE(nodes[i].note.find("raw score"), std::string::npos) << nodes[i].note;
        }
        EXPECT_GT(nodes[4].gradient.size(), 0);
    }
}

// Lecture 001 writes e^{s_i} and Σ e^{s_i}: the exp node shows exactly that unless it would
// overflow, and then says it is shifted.
TEST(Backprop, ExpNodeIsUnshiftedUnlessItWouldOverflow) {
    const BackpropSample cat = lectureSample(vec({3.2, 5.1, -1.7}), 0, Loss::CrossEntropy);
    Backprop r = run(cat);
    EXPECT_EQ(r.expShift, 0.0);
    EXPECT_NEAR(r.expZ[0], std::exp(3.2), 1e-13);
    EXPECT_NEAR(r.expZ[1], std::exp(5.1), 1e-13);
    EXPECT_NEAR(r.expSum, std::exp(3.2) + std::exp(5.1) + std::exp(-1.7), 1e-12);
    EXPECT_NEAR(r.p[1], 0.87, 0.005);  // lecture 003
    EXPECT_NEAR(r.loss, -std::log(std::exp(3.2) / r.expSum), 1e-14);

    const BackpropSample huge = lectureSample(vec({1000, 999, -5}), 0, Loss::CrossEntropy);
    r = run(huge);
    EXPECT_EQ(r.expShift, 1000.0);
    EXPECT_EQ(r.expZ[0], 1.0);
    EXPECT_TRUE(std::isfinite(r.expSum));
    EXPECT_TRUE(r.gradExp.allFinite());
    EXPECT_NE(backpropGraph(huge, r)[6].note.find("shifted"), std::string::npos);
}

struct BadSample {
    const char* what;
    void (*spoil)(BackpropSample&);
    const char* mustStartWith;
};

TEST(Backprop, BadSamplesAreRefusedWithTheFieldNamed) {
    const BadSample cases[] = {
        {"rbf", [](BackpropSample& s) { s.features = FeatureMap::Rbf; }, "features: "},
        {"W columns", [](BackpropSample& s) { s.features = FeatureMap::Poly2; }, "W: "},
        {"one class", [](BackpropSample& s) { s.weights = RowMatrix::Ones(1, 2); }, "W: "},
        {"b length", [](BackpropSample& s) { s.bias = Vec::Zero(2); }, "b: "},
        {"target high", [](BackpropSample& s) { s.target = 3; }, "target: "},
        {"target negative", [](BackpropSample& s) { s.target = -1; }, "target: "},
        {"x nan", [](BackpropSample& s) { s.x[1] = NAN; }, "x: "},
        {"W inf", [](BackpropSample& s) { s.weights(0, 1) = INFINITY; }, "W: "},
        {"b nan", [](BackpropSample& s) { s.bias[2] = NAN; }, "b: "},
        {"temperature", [](BackpropSample& s) { s.options.temperature = 0; }, "temperature"},
        {"smoothing", [](BackpropSample& s) { s.options.smoothing = 2; }, "smoothing"},
        {"margin", [](BackpropSample& s) { s.options.margin = -1; }, "margin"},
        {"gamma", [](BackpropSample& s) { s.options.gamma = NAN; }, "gamma"},
        {"features overflow",
         [](BackpropSample& s) {
             s.features = FeatureMap::Poly3;
             s.weights = RowMatrix::Ones(3, 9);
             s.x = Eigen::Vector2d(1e200, 0);
         },
         "x: "},
        {"scores overflow", [](BackpropSample& s) { s.weights.setConstant(1e308); }, "overflow: "},
        {"gradient overflow",
         [](BackpropSample& s) {
             s.weights.setConstant(1e300);
             s.weights(0, 0) = -1e300;
             s.options.temperature = 1e-300;
         },
         "overflow: "},
    };
    for (const BadSample& c : cases) {
        BackpropSample sample = randomSample(FeatureMap::Linear, 3, 2);
        sample.x = Eigen::Vector2d(1, 1);
        c.spoil(sample);
        Backprop out;
        out.loss = 42.0;
        const auto error = runBackprop(sample, &out);
        ASSERT_TRUE(error.has_value()) << c.what;
        EXPECT_EQ(error->rfind(c.mustStartWith, 0), 0u) << c.what << ": " << *error;
        EXPECT_EQ(out.loss, 42.0) << "untouched: " << c.what;
    }
}

// ∂φ/∂x of every map, rbf included, against central differences.
TEST(Features, JacobianMatchesCentralDifferences) {
    for (FeatureMap map : kAllFeatureMaps) {
        for (const Eigen::Vector2d& x : {Eigen::Vector2d(0.3, -0.7), Eigen::Vector2d(-1.2, 0.4)}) {
            const RowMatrix jacobian = featureJacobian(map, x, 0.4);
            ASSERT_EQ(jacobian.rows(), featureDimension(map));
            ASSERT_EQ(jacobian.cols(), 2);
            const double h = 1e-6;
            for (int i = 0; i < 2; ++i) {
                Eigen::Vector2d plus = x, minus = x;
                plus[i] += h;
                minus[i] -= h;
                const Vec numeric =
                    (featuresOf(map, plus, 0.4) - featuresOf(map, minus, 0.4)) / (2 * h);
                EXPECT_NEAR((jacobian.col(i) - numeric).cwiseAbs().maxCoeff(), 0.0, 1e-8)
                    << featureKey(map) << " column " << i;
            }
        }
    }
}

// ---------------------------------------------------------------- lecture 001's circuits

const CircuitNode& node(const std::vector<CircuitNode>& nodes, const std::string& key) {
    for (const CircuitNode& n : nodes) {
        if (n.key == key) return n;
    }
    ADD_FAILURE() << "no node " << key;
    return nodes.front();
}

TEST(Circuits, AddMultiplyAsInTheLecture) {
    // f = (x + y)·z at x = −2, y = 5, z = −4: q = 3, f = −12; ∂f/∂x = ∂f/∂y = z = −4,
    // ∂f/∂z = x + y = 3.
    const std::vector<CircuitNode> c = addMultiplyCircuit(-2, 5, -4);
    ASSERT_EQ(c.size(), 5u);
    EXPECT_EQ(c.back().key, "f");
    EXPECT_EQ(node(c, "q").value, 3.0);
    EXPECT_EQ(node(c, "f").value, -12.0);
    EXPECT_EQ(node(c, "f").gradient, 1.0);
    EXPECT_EQ(node(c, "q").gradient, -4.0);
    EXPECT_EQ(node(c, "x").gradient, -4.0);
    EXPECT_EQ(node(c, "y").gradient, -4.0);
    EXPECT_EQ(node(c, "z").gradient, 3.0);
}

TEST(Circuits, SigmoidNeuronAsInTheLecture) {
    // w = (2, −3, −3), x = (−1, −2): dot = 1, f = σ(1) ≈ 0.73, ∂f/∂dot = f(1 − f) ≈ 0.2,
    // ∂f/∂x ≈ (0.39, −0.59), ∂f/∂w ≈ (−0.2, −0.39, 0.2).
    const std::vector<CircuitNode> c = sigmoidNeuronCircuit(2, -3, -3, -1, -2);
    EXPECT_EQ(c.back().key, "f");
    EXPECT_EQ(node(c, "dot").value, 1.0);
    EXPECT_NEAR(node(c, "f").value, 0.73, 0.005);
    EXPECT_NEAR(node(c, "f").value, sigmoid(1.0), 1e-16);
    const double s = sigmoid(1.0);
    EXPECT_NEAR(node(c, "dot").gradient, s * (1 - s), 1e-16);
    EXPECT_NEAR(node(c, "x0").gradient, 0.39, 0.005);
    EXPECT_NEAR(node(c, "x1").gradient, -0.59, 0.005);
    EXPECT_NEAR(node(c, "w0").gradient, -0.2, 0.005);
    EXPECT_NEAR(node(c, "w1").gradient, -0.39, 0.005);
    EXPECT_NEAR(node(c, "w2").gradient, 0.2, 0.005);
}

TEST(Circuits, GradientsMatchCentralDifferences) {
    const double h = 1e-6;
    std::mt19937_64 engine(5);
    std::normal_distribution<double> normal(0.0, 1.5);
    for (int trial = 0; trial < 10; ++trial) {
        double in[5];
        for (double& v : in)
            v = normal(engine);
        // f = (x + y)·z
        const std::vector<CircuitNode> am = addMultiplyCircuit(in[0], in[1], in[2]);
        for (int i = 0; i < 3; ++i) {
            double plus[3] = {in[0], in[1], in[2]}, minus[3] = {in[0], in[1], in[2]};
            plus[i] += h;
            minus[i] -= h;
            const double numeric = (addMultiplyCircuit(plus[0], plus[1], plus[2]).back().value -
                                    addMultiplyCircuit(minus[0], minus[1], minus[2]).back().value) /
                                   (2 * h);
            EXPECT_NEAR(am[i].gradient, numeric, 1e-7 * (1 + std::abs(numeric)));
        }
        // σ(w0·x0 + w1·x1 + w2): inputs in the order w0, w1, w2, x0, x1.
        auto neuron = [](const double* v) {
            return sigmoidNeuronCircuit(v[0], v[1], v[2], v[3], v[4]);
        };
        const std::vector<CircuitNode> sn = neuron(in);
        const char* keys[5] = {"w0", "w1", "w2", "x0", "x1"};
        for (int i = 0; i < 5; ++i) {
            double plus[5], minus[5];
            std::copy(in, in + 5, plus);
            std::copy(in, in + 5, minus);
            plus[i] += h;
            minus[i] -= h;
            const double numeric =
                (neuron(plus).back().value - neuron(minus).back().value) / (2 * h);
            EXPECT_NEAR(node(sn, keys[i]).gradient, numeric, 1e-8) << keys[i];
        }
    }
}

}  // namespace
}  // namespace losslab
