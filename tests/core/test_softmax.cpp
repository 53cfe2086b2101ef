// Softmax, log-sum-exp, targets, entropy, margin: lecture numbers and stability (docs/math.md, §6).
#include <gtest/gtest.h>

#include <cmath>

#include "../support/vectors.hpp"
#include "losslab/losses.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {
namespace {

using testing::vec;

TEST(Softmax, Lecture003CatCarFrog) {
    const Vec p = softmax(vec({3.2, 5.1, -1.7}));
    EXPECT_NEAR(p[0], 0.13, 0.005);
    EXPECT_NEAR(p[1], 0.87, 0.005);
    EXPECT_NEAR(p[2], 0.00, 0.005);
    // Exact closed form.
    const double z = std::exp(3.2) + std::exp(5.1) + std::exp(-1.7);
    EXPECT_NEAR(p[1], std::exp(5.1) / z, 1e-15);
    EXPECT_NEAR(p.sum(), 1.0, 1e-15);
}

TEST(LogSumExp, Lecture000) {
    EXPECT_NEAR(logSumExp(vec({0, 3, 0.2})), 3.105, 5e-4);
    EXPECT_NEAR(logSumExp(vec({0, 3, 0.2})), std::log(1 + std::exp(3.0) + std::exp(0.2)), 1e-14);
}

TEST(LogSumExp, BoundsFromLecture000) {
    // s_max <= LSE(s) <= s_max + log K
    const Vec s = vec({0.5, -2, 7, 6.9});
    EXPECT_GE(logSumExp(s), 7.0);
    EXPECT_LE(logSumExp(s), 7.0 + std::log(4.0));
}

TEST(LogSumExp, BoundsHelperHoldsAndIsTight) {
    for (double t : {0.25, 1.0, 4.0}) {
        const Vec s = vec({0.5, -2, 7, 6.9});
        const LogSumExpBounds bounds = logSumExpBounds(s, t);
        EXPECT_EQ(bounds.lower, 7.0 / t);
        EXPECT_NEAR(bounds.upper, 7.0 / t + std::log(4.0), 1e-15);
        EXPECT_GE(logSumExp(s, t), bounds.lower);
        EXPECT_LE(logSumExp(s, t), bounds.upper);
    }
    // All equal: the upper bound is reached (up to rounding); one dominant entry: the lower.
    const Vec equal = vec({2, 2, 2, 2, 2});
    EXPECT_NEAR(logSumExp(equal), logSumExpBounds(equal).upper, 1e-15);
    const Vec dominant = vec({0, 800, -3});
    EXPECT_EQ(logSumExp(dominant), logSumExpBounds(dominant).lower);
}

// Lectures 000 and 004, K = 2: softmax is the sigmoid of the logit difference, cross-entropy is
// binary cross-entropy on that difference, and σ is the derivative of LSE.
TEST(TwoClasses, SoftmaxIsTheSigmoidOfTheDifference) {
    for (const Vec& s : {vec({0.3, 1.7}), vec({-4, 2.5}), vec({12, -30}), vec({1e300, -1e300})}) {
        const Vec p = softmax(s);
        EXPECT_NEAR(p[1], sigmoid(s[1] - s[0]), 1e-15) << s.transpose();
        EXPECT_NEAR(p[0], sigmoid(s[0] - s[1]), 1e-15) << s.transpose();
    }
}

TEST(TwoClasses, CrossEntropyIsBinaryCrossEntropyOnTheDifference) {
    for (const Vec& s : {vec({0.3, 1.7}), vec({-4, 2.5}), vec({12, -30})}) {
        for (int y : {0, 1}) {
            const double ce = evaluateLoss(Loss::CrossEntropy, s, y, LossOptions()).value;
            const double x = s[1] - s[0];
            EXPECT_NEAR(ce, binaryCrossEntropyWithLogit(x, y), 1e-14 * (1 + ce))
                << s.transpose() << " y=" << y;
            // and −log σ(±x) by hand
            EXPECT_NEAR(ce, -std::log(y == 1 ? sigmoid(x) : sigmoid(-x)), 1e-13 * (1 + ce));
        }
    }
    // A soft target t: −[t log σ(x) + (1 − t) log σ(−x)] with t = q_1.
    const Vec s = vec({0.4, -1.1});
    const Vec q = vec({0.3, 0.7});
    EXPECT_NEAR(evaluateLoss(Loss::CrossEntropy, s, 1, q, LossOptions()).value,
                binaryCrossEntropyWithLogit(s[1] - s[0], 0.7), 1e-15);
}

TEST(TwoClasses, SigmoidIsTheDerivativeOfLogSumExp) {
    const double h = 1e-6;
    for (const Vec& s : {vec({0.3, 1.7}), vec({-4, 2.5}), vec({2, -2})}) {
        Vec plus = s, minus = s;
        plus[1] += h;
        minus[1] -= h;
        const double derivative = (logSumExp(plus) - logSumExp(minus)) / (2 * h);
        EXPECT_NEAR(derivative, sigmoid(s[1] - s[0]), 1e-9) << s.transpose();
    }
}

TEST(Softmax, ShiftInvariance) {
    const Vec a = softmax(vec({1, 5, 2}));
    const Vec b = softmax(vec({11, 15, 12}));
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(a[i], b[i], 1e-15);
    const Vec c = softmax(vec({1 + 1e6, 5 + 1e6, 2 + 1e6}));
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(a[i], c[i], 1e-9);
}

TEST(Softmax, TemperatureDivides) {
    const Vec s = vec({3.2, 5.1, -1.7});
    const Vec p = softmax(s, 2.0);
    const Vec q = softmax(s / 2.0);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(p[i], q[i], 1e-15);
    // High temperature flattens towards uniform, low sharpens towards one-hot.
    const Vec hot = softmax(s, 1000.0);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(hot[i], 1.0 / 3, 2e-3);
    const Vec cold = softmax(s, 0.01);
    EXPECT_NEAR(cold[1], 1.0, 1e-12);
}

TEST(Softmax, StableAt1e300) {
    for (double t : {0.05, 1.0, 20.0}) {
        const Vec s = vec({1e300, -1e300, 5e299, 1e300});
        const Vec p = softmax(s, t);
        const Vec logp = logSoftmax(s, t);
        ASSERT_TRUE(p.allFinite());
        ASSERT_TRUE(logp.allFinite());
        EXPECT_NEAR(p.sum(), 1.0, 1e-15);
        EXPECT_NEAR(p[0], 0.5, 1e-15);
        EXPECT_NEAR(p[3], 0.5, 1e-15);
        EXPECT_EQ(p[1], 0.0);
        EXPECT_TRUE(std::isfinite(logSumExp(s, t)));
        EXPECT_NEAR(logSumExp(s, t), 1e300 / t + std::log(2.0), 1e300 / t * 1e-15);
    }
}

TEST(Softmax, AllEqualAndLargeK) {
    for (int k : {2, 10, 1000}) {
        const Vec s = Vec::Constant(k, 42.0);
        const Vec p = softmax(s);
        for (int i = 0; i < k; ++i)
            EXPECT_NEAR(p[i], 1.0 / k, 1e-15);
        EXPECT_NEAR(logSumExp(s), 42.0 + std::log(k), 1e-12);
        EXPECT_NEAR(entropy(p), std::log(k), 1e-12);
    }
}

TEST(LogSoftmax, MatchesLogOfSoftmax) {
    const Vec s = vec({0.3, -1.2, 2.5, 0.0});
    const Vec lp = logSoftmax(s, 0.7);
    const Vec p = softmax(s, 0.7);
    for (int i = 0; i < 4; ++i)
        EXPECT_NEAR(lp[i], std::log(p[i]), 1e-14);
}

TEST(Sigmoid, StableEverywhere) {
    EXPECT_NEAR(sigmoid(0), 0.5, 1e-16);
    EXPECT_EQ(sigmoid(1e300), 1.0);
    EXPECT_EQ(sigmoid(-1e300), 0.0);
    EXPECT_NEAR(softplus(0), std::log(2.0), 1e-16);
    EXPECT_EQ(softplus(1e300), 1e300);
    EXPECT_EQ(softplus(-1e300), 0.0);
    EXPECT_EQ(logSigmoid(-1e300), -1e300);
    EXPECT_NEAR(logSigmoid(-800), -800, 1e-12);  // exp(800) would overflow naively
    EXPECT_NEAR(logSigmoid(2.0), std::log(1 / (1 + std::exp(-2.0))), 1e-15);
}

TEST(Targets, SmoothedOneHot) {
    const Vec q = makeTarget(4, 2, 0.1);
    EXPECT_NEAR(q[2], 1 - 0.1 + 0.1 / 4, 1e-16);
    EXPECT_NEAR(q[0], 0.1 / 4, 1e-16);
    EXPECT_NEAR(q.sum(), 1.0, 1e-15);
    const Vec uniform = makeTarget(5, 0, 1.0);
    for (int i = 0; i < 5; ++i)
        EXPECT_NEAR(uniform[i], 0.2, 1e-16);
    const Vec soft = smoothTarget(vec({0.7, 0.2, 0.1}), 0.3);
    EXPECT_NEAR(soft[0], 0.7 * 0.7 + 0.1, 1e-15);
}

TEST(Targets, CheckDistribution) {
    EXPECT_FALSE(checkDistribution(vec({0.7, 0.2, 0.1})).has_value());
    EXPECT_TRUE(checkDistribution(vec({0.7, 0.2, 0.2})).has_value());
    EXPECT_TRUE(checkDistribution(vec({1.2, -0.2})).has_value());
    EXPECT_TRUE(checkDistribution(vec({NAN, 1.0})).has_value());
}

TEST(Entropy, BasesAndZeros) {
    const Vec p = vec({0.5, 0.5, 0.0});
    EXPECT_NEAR(entropy(p), std::log(2.0), 1e-15);
    EXPECT_NEAR(entropy(p, LogBase::Two), 1.0, 1e-15);
    EXPECT_NEAR(entropy(vec({1, 0, 0})), 0.0, 0.0);
}

TEST(Margin, Lecture000Examples) {
    EXPECT_DOUBLE_EQ(margin(vec({5, 2, 4.5, 3}), 0), 0.5);
    EXPECT_DOUBLE_EQ(margin(vec({0, 0, 3, 4}), 1), -4.0);
    EXPECT_DOUBLE_EQ(margin(vec({3.2, 5.1, -1.7}), 0), 3.2 - 5.1);
    EXPECT_EQ(strongestRival(vec({1, 3, 3}), 0), 1);  // lowest index on ties
    EXPECT_EQ(argmax(vec({2, 7, 7})), 1);
}

}  // namespace
}  // namespace losslab
