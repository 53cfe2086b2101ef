// The lectures' views of issue 14 on real headless frames: LSE and the sigmoid in the Softmax
// panel. Numbers are read from the panels' state, which the draw steps only show.
#include <cmath>

#include "losslab/softmax.hpp"
#include "session_fixture.hpp"
#include "state/layout_edit.hpp"
#include "state/model_edit.hpp"

namespace losslab {
namespace {

using LectureViews = testing::HeadlessSession;

TEST_F(LectureViews, SoftmaxShowsLogSumExpBetweenItsBounds) {
    frames(1);
    const LogSumExpView& lse = state().panels.softmax.logSumExp;
    const Vec& s = state().model.logits;  // 3.2, 5.1, −1.7 at τ = 1
    EXPECT_DOUBLE_EQ(lse.value, logSumExp(s));
    EXPECT_DOUBLE_EQ(lse.lower, 5.1);
    EXPECT_DOUBLE_EQ(lse.upper, 5.1 + std::log(3.0));
    EXPECT_LE(lse.lower, lse.value);
    EXPECT_LE(lse.value, lse.upper);
    EXPECT_FALSE(state().panels.softmax.binary) << "the binary view is for K = 2 only";
}

TEST_F(LectureViews, WithTwoClassesSoftmaxIsTheSigmoidOfTheLogitDifference) {
    setClassCount(state(), 2);
    setLogits(state(), (Vec(2) << 0.4, 1.9).finished());
    setTrueClass(state(), 0);
    frames(2);
    const auto& binary = state().panels.softmax.binary;
    ASSERT_TRUE(binary);
    EXPECT_DOUBLE_EQ(binary->difference, 1.5);
    EXPECT_DOUBLE_EQ(binary->p1, sigmoid(1.9 - 0.4));
    EXPECT_NEAR(binary->p1, state().derived.probs[1], 1e-15);
    EXPECT_NEAR(binary->crossEntropy, binary->binaryCrossEntropy, 1e-12);
    EXPECT_NEAR(binary->crossEntropy, std::log1p(std::exp(1.5)), 1e-12);
    // At τ = 2 the difference is that of z = s/τ.
    setTemperature(state(), 2.0);
    frames(1);
    EXPECT_DOUBLE_EQ(state().panels.softmax.binary->difference, 0.75);
    EXPECT_NEAR(state().panels.softmax.binary->p1, state().derived.probs[1], 1e-15);
    setClassCount(state(), 3);
    frames(1);
    EXPECT_FALSE(state().panels.softmax.binary);
}

}  // namespace
}  // namespace losslab
