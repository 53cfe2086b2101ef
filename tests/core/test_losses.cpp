// The eight losses: lecture numbers, closed forms, finite-difference gradients, stability,
// and the batched form against the single-sample one (docs/math.md, §6).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "../support/vectors.hpp"
#include "losslab/losses.hpp"
#include "losslab/targets.hpp"

namespace losslab {
namespace {

using testing::vec;

double value(Loss loss, const Vec& s, int y, const LossOptions& o = {}) {
    return evaluateLoss(loss, s, y, o).value;
}

TEST(Losses, KeysRoundTrip) {
    for (Loss loss : kAllLosses) {
        ASSERT_TRUE(lossFromKey(lossKey(loss)).has_value());
        EXPECT_EQ(*lossFromKey(lossKey(loss)), loss);
        EXPECT_FALSE(lossName(loss).empty());
        EXPECT_FALSE(lossFormula(loss).empty());
    }
    EXPECT_FALSE(lossFromKey("softmax").has_value());
}

TEST(HingeWW, Lecture004CS231nImages) {
    const double cat = value(Loss::HingeWW, vec({3.2, 5.1, -1.7}), 0);
    const double car = value(Loss::HingeWW, vec({1.3, 4.9, 2.0}), 1);
    const double frog = value(Loss::HingeWW, vec({2.2, 2.5, -3.1}), 2);
    EXPECT_NEAR(cat, 2.9, 1e-12);
    EXPECT_NEAR(car, 0.0, 0.0);
    EXPECT_NEAR(frog, 12.9, 1e-12);
    EXPECT_NEAR((cat + car + frog) / 3, 5.27, 0.005);
    // The batch form gives the same mean.
    RowMatrix batch(3, 3);
    batch << 3.2, 5.1, -1.7, 1.3, 4.9, 2.0, 2.2, 2.5, -3.1;
    IntVec labels(3);
    labels << 0, 1, 2;
    EXPECT_NEAR(batchLoss(Loss::HingeWW, batch, labels, {}, nullptr), (cat + car + frog) / 3,
                1e-12);
}

TEST(HingeWW, SvmVsSoftmaxLecture004) {
    for (const Vec& s : {vec({10, -2, 3}), vec({10, 9, 9}), vec({10, -100, -100})}) {
        EXPECT_EQ(value(Loss::HingeWW, s, 0), 0.0);
        EXPECT_GT(value(Loss::CrossEntropy, s, 0), 0.0);
    }
    // [10, 9, 9] is barely past the margin: cross-entropy still pushes.
    EXPECT_GT(value(Loss::CrossEntropy, vec({10, 9, 9}), 0),
              value(Loss::CrossEntropy, vec({10, -2, 3}), 0));
}

TEST(CrossEntropy, AllEqualIsLogK) {
    for (int k : {2, 3, 10, 1000}) {
        EXPECT_NEAR(value(Loss::CrossEntropy, Vec::Zero(k), 0), std::log(k), 1e-12);
    }
    EXPECT_NEAR(value(Loss::CrossEntropy, Vec::Zero(10), 3), 2.302585, 1e-6);  // "log 10 ≈ 2.3"
}

TEST(CrossEntropy, Lecture001NegLogInBases) {
    // -log p_y when the softmax gives p_y exactly: choose s = log p.
    struct Case {
        double p, base10, baseE;
    };
    for (const Case& c : {Case{0.8, 0.0969, 0.2231}, Case{0.9, 0.0458, 0.1054},
                          Case{0.2, 0.6990, 1.6094}, Case{0.1, 1.0, 2.3026}}) {
        const Vec s = vec({std::log(c.p), std::log((1 - c.p) / 2), std::log((1 - c.p) / 2)});
        LossOptions ten;
        ten.logBase = LogBase::Ten;
        EXPECT_NEAR(value(Loss::CrossEntropy, s, 0, ten), c.base10, 1e-4);
        EXPECT_NEAR(value(Loss::CrossEntropy, s, 0), c.baseE, 1e-4);
        EXPECT_NEAR(value(Loss::CrossEntropy, s, 0), -std::log(c.p), 1e-14);
    }
}

TEST(CrossEntropy, IsLseMinusTrueLogit) {
    // Lecture 000: l(s, y) = LSE(s) − s_y.
    const Vec s = vec({0, 3, 0.2});
    EXPECT_NEAR(value(Loss::CrossEntropy, s, 1), logSumExp(s) - 3, 1e-14);
}

TEST(KL, EqualsCrossEntropyMinusTargetEntropy) {
    LossOptions o;
    o.smoothing = 0.2;
    const Vec s = vec({0.5, -1, 2, 0.1});
    const Vec q = makeTarget(4, 2, 0.2);
    double hq = 0;
    for (int i = 0; i < 4; ++i)
        hq -= q[i] * std::log(q[i]);
    EXPECT_NEAR(value(Loss::KL, s, 2, o), value(Loss::CrossEntropy, s, 2, o) - hq, 1e-14);
    // KL(q || p) = 0 when p = q.
    const Vec logq = q.array().log();
    EXPECT_NEAR(value(Loss::KL, logq, 2, o), 0.0, 1e-14);
    EXPECT_GE(value(Loss::KL, s, 2, o), 0.0);
}

TEST(Focal, GammaZeroIsCrossEntropy) {
    LossOptions o;
    o.gamma = 0;
    o.smoothing = 0.1;
    o.temperature = 1.7;
    const Vec s = vec({1, -2, 0.5});
    const LossValue f = evaluateLoss(Loss::Focal, s, 0, o);
    const LossValue ce = evaluateLoss(Loss::CrossEntropy, s, 0, o);
    EXPECT_NEAR(f.value, ce.value, 1e-14);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(f.grad[i], ce.grad[i], 1e-14);
}

TEST(Focal, ClosedFormOneHot) {
    const Vec s = vec({1, -2, 0.5});
    const double p0 = softmax(s)[0];
    EXPECT_NEAR(value(Loss::Focal, s, 0), -std::pow(1 - p0, 2) * std::log(p0), 1e-14);
}

TEST(Brier, ClosedForm) {
    const Vec s = vec({1, -2, 0.5});
    const Vec p = softmax(s);
    EXPECT_NEAR(value(Loss::Brier, s, 2), p[0] * p[0] + p[1] * p[1] + (p[2] - 1) * (p[2] - 1),
                1e-15);
}

TEST(HingeCS, UsesStrongestRival) {
    EXPECT_NEAR(value(Loss::HingeCS, vec({3.2, 5.1, -1.7}), 0), 1 - (3.2 - 5.1), 1e-12);
    EXPECT_EQ(value(Loss::HingeCS, vec({10, 9, 9}), 0), 0.0);
    EXPECT_NEAR(value(Loss::HingeCS, vec({10, 9.5, 9}), 0), 0.5, 1e-12);
    // Ties go to the lowest index.
    const LossValue tie = evaluateLoss(Loss::HingeCS, vec({0, 1, 1}), 0, {});
    EXPECT_EQ(tie.grad[1], 1.0);
    EXPECT_EQ(tie.grad[2], 0.0);
    EXPECT_EQ(tie.grad[0], -1.0);
}

TEST(SquaredHinge, ClosedForm) {
    EXPECT_NEAR(value(Loss::SquaredHinge, vec({3.2, 5.1, -1.7}), 0), 2.9 * 2.9, 1e-12);
    // PyTorch MultiMarginLoss convention divides by K.
    LossOptions o;
    o.hingeDivideByK = true;
    EXPECT_NEAR(value(Loss::HingeWW, vec({2.2, 2.5, -3.1}), 2, o), 12.9 / 3, 1e-12);
}

TEST(Hinge, IgnoresTemperatureAndSmoothing) {
    LossOptions o;
    o.temperature = 0.2;
    o.smoothing = 0.5;
    const Vec s = vec({3.2, 5.1, -1.7});
    for (Loss loss : {Loss::HingeWW, Loss::HingeCS, Loss::SquaredHinge}) {
        EXPECT_EQ(value(loss, s, 0, o), value(loss, s, 0));
    }
}

TEST(Hinge, GradientAtKinkIsInactive) {
    // s_j − s_y + Δ == 0 exactly: "active when > 0 strictly".
    const LossValue v = evaluateLoss(Loss::HingeWW, vec({2, 1, 0}), 0, {});
    EXPECT_EQ(v.value, 0.0);
    EXPECT_EQ(v.grad[1], 0.0);
    EXPECT_EQ(v.grad[0], 0.0);
}

TEST(OvaLogistic, ClosedFormAndStability) {
    const Vec s = vec({1, -2});
    const double expected =
        -std::log(1 / (1 + std::exp(-1.0))) - std::log(1 - 1 / (1 + std::exp(2.0)));
    EXPECT_NEAR(value(Loss::OvaLogistic, s, 0), expected, 1e-14);
    const LossValue big = evaluateLoss(Loss::OvaLogistic, vec({1e300, -1e300, 1e300}), 1, {});
    EXPECT_TRUE(std::isfinite(big.value));
    EXPECT_NEAR(big.value, 3e300, 1e285);
    EXPECT_TRUE(big.grad.allFinite());
}

TEST(Losses, LogBaseDividesLogLosses) {
    const Vec s = vec({0.2, 1.4, -0.3});
    for (Loss loss : kAllLosses) {
        LossOptions two;
        two.logBase = LogBase::Two;
        two.smoothing = 0.1;
        LossOptions e = two;
        e.logBase = LogBase::E;
        const LossValue a = evaluateLoss(loss, s, 1, two);
        const LossValue b = evaluateLoss(loss, s, 1, e);
        const double factor = usesLogBase(loss) ? 1 / std::log(2.0) : 1.0;
        EXPECT_NEAR(a.value, b.value * factor, 1e-14) << lossKey(loss);
        for (int i = 0; i < 3; ++i)
            EXPECT_NEAR(a.grad[i], b.grad[i] * factor, 1e-14) << lossKey(loss);
    }
}

TEST(Losses, FiniteAt1e300) {
    const Vec s = vec({1e300, -1e300, 3e299});
    for (Loss loss : kAllLosses) {
        for (double eps : {0.0, 0.1}) {
            LossOptions o;
            o.smoothing = eps;
            o.temperature = 0.05;
            o.gamma = 0.5;
            for (int y = 0; y < 3; ++y) {
                const LossValue v = evaluateLoss(loss, s, y, o);
                EXPECT_TRUE(std::isfinite(v.value)) << lossKey(loss) << " y=" << y;
                EXPECT_TRUE(v.grad.allFinite()) << lossKey(loss) << " y=" << y;
            }
        }
    }
}

// Central differences with a step scaled to the logits; the hinge losses are checked
// away from their kinks (random logits hit a kink with probability 0).
TEST(Losses, GradientsMatchFiniteDifferences) {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> normal(0.0, 2.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int checked = 0;
    for (int trial = 0; trial < 200; ++trial) {
        const int k = 2 + trial % 6;
        Vec s(k);
        for (int i = 0; i < k; ++i)
            s[i] = normal(rng);
        const int y = trial % k;
        LossOptions o;
        o.temperature = std::exp(normal(rng) * 0.5);
        o.smoothing = unit(rng) < 0.3 ? 0.0 : unit(rng);
        o.margin = 0.2 + 2 * unit(rng);
        o.gamma = 3 * unit(rng);
        o.logBase = static_cast<LogBase>(trial % 3);
        o.hingeDivideByK = trial % 2 == 0;
        Vec q = makeTarget(k, y, o.smoothing);
        if (trial % 4 == 0) {  // soft targets too
            Vec t(k);
            for (int i = 0; i < k; ++i)
                t[i] = unit(rng);
            q = smoothTarget(t / t.sum(), o.smoothing);
        }
        for (Loss loss : kAllLosses) {
            const LossValue analytic = evaluateLoss(loss, s, y, q, o);
            for (int i = 0; i < k; ++i) {
                const double h = 1e-6;
                Vec plus = s, minus = s;
                plus[i] += h;
                minus[i] -= h;
                const double numeric = (evaluateLoss(loss, plus, y, q, o).value -
                                        evaluateLoss(loss, minus, y, q, o).value) /
                                       (2 * h);
                EXPECT_NEAR(analytic.grad[i], numeric, 1e-6 * (1 + std::abs(numeric)))
                    << lossKey(loss) << " trial " << trial << " i " << i;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 5000);
}

TEST(Losses, CrossEntropyGradientIsPMinusQOverT) {
    LossOptions o;
    o.temperature = 2.5;
    o.smoothing = 0.3;
    const Vec s = vec({3.2, 5.1, -1.7});
    const Vec p = softmax(s, 2.5);
    const Vec q = makeTarget(3, 0, 0.3);
    const LossValue v = evaluateLoss(Loss::CrossEntropy, s, 0, o);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(v.grad[i], (p[i] - q[i]) / 2.5, 1e-15);
}

TEST(BatchLoss, EqualsMeanOfSingleSamples) {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal(0.0, 3.0);
    for (int k : {2, 3, 10, 37}) {
        const int n = 600;  // more than one block of the fast path
        RowMatrix logits(n, k);
        IntVec labels(n);
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < k; ++c)
                logits(r, c) = normal(rng);
            labels[r] = (r * 7) % k;
        }
        for (Loss loss : kAllLosses) {
            LossOptions o;
            o.smoothing = 0.15;
            o.temperature = 0.8;
            o.logBase = LogBase::Ten;
            RowMatrix grad;
            const double mean = batchLoss(loss, logits, labels, o, &grad);
            const Vec each = perSampleLoss(loss, logits, labels, o);
            double expected = 0;
            for (int r = 0; r < n; ++r) {
                const LossValue v = evaluateLoss(loss, logits.row(r).transpose(), labels[r], o);
                expected += v.value;
                EXPECT_NEAR(each[r], v.value, 1e-12 * (1 + std::abs(v.value)));
                for (int c = 0; c < k; ++c) {
                    ASSERT_NEAR(grad(r, c), v.grad[c] / n, 1e-14) << lossKey(loss) << " k=" << k;
                }
            }
            EXPECT_NEAR(mean, expected / n, 1e-12 * (1 + std::abs(mean))) << lossKey(loss);
            EXPECT_NEAR(batchLoss(loss, logits, labels, o, nullptr), mean, 1e-15 * (1 + mean));
        }
    }
}

// Rows far inside their class have losses near e^−100; the batch mean must keep their digits
// (no 1 + tiny − 1 cancellation), for cross-entropy and KL, with and without the gradient.
TEST(BatchLoss, TinyLossesKeepTheirDigits) {
    for (int k : {2, 5, 10, 12}) {
        const int n = 70;
        RowMatrix logits = RowMatrix::Zero(n, k);
        IntVec labels(n);
        for (int r = 0; r < n; ++r) {
            labels[r] = r % k;
            logits(r, labels[r]) = 100.0 + 0.1 * r;
        }
        for (Loss loss : {Loss::CrossEntropy, Loss::KL}) {
            double expected = 0.0;
            for (int r = 0; r < n; ++r) {
                expected += evaluateLoss(loss, logits.row(r).transpose(), labels[r], {}).value;
            }
            expected /= n;
            ASSERT_GT(expected, 0.0);
            ASSERT_LT(expected, 1e-40);
            RowMatrix grad;
            EXPECT_NEAR(batchLoss(loss, logits, labels, {}, &grad), expected, 1e-12 * expected)
                << lossKey(loss) << " k=" << k;
            EXPECT_NEAR(batchLoss(loss, logits, labels, {}, nullptr), expected, 1e-12 * expected);
        }
    }
}

}  // namespace
}  // namespace losslab
