// The lectures' views of issue 14 on real headless frames: LSE and the sigmoid in the Softmax
// panel, the Backpropagation panel. Numbers are read from the panels' state, which the draw
// steps only show.
#include <cmath>

#include <imgui_internal.h>

#include "io/scene_io.hpp"
#include "losslab/features.hpp"
#include "losslab/softmax.hpp"
#include "panels/keys.hpp"
#include "panels/panels.hpp"
#include "session_fixture.hpp"
#include "state/layout_edit.hpp"
#include "state/model_edit.hpp"
#include "state/training_edit.hpp"
#include "ui/panel_registry.hpp"

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

class BackpropPanel : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().view.workspace = Workspace::Training;
        frames(2);
        ASSERT_FALSE(focusPanels(state(), {"classifier", "backprop"}));
        frames(2);
        trainSteps(state().training, 30);
        frames(1);
    }
    BackpropPanelState& panel() { return state().panels.backprop; }
    ImRect panelRect() {
        const ImGuiWindow* window = ImGui::FindWindowByName(findPanel("backprop")->title);
        EXPECT_NE(window, nullptr);
        return window ? window->Rect() : ImRect();
    }
    // Hovers data point `index` in the Classifier panel with the mouse.
    void hoverPoint(Eigen::Index index) {
        const plot::Transform& t = state().training.classifier.transform;
        const Dataset& d = state().training.data;
        moveTo(std::floor(t.toPixelX(d.points(index, 0))),
               std::floor(t.toPixelY(d.points(index, 1))));
        frames(1);
    }
    // A point well inside the classifier's view.
    Eigen::Index visiblePoint() {
        const plot::Transform& t = state().training.classifier.transform;
        const Dataset& d = state().training.data;
        for (Eigen::Index i = 0; i < d.size(); ++i) {
            const float px = t.toPixelX(d.points(i, 0)), py = t.toPixelY(d.points(i, 1));
            if (px > t.left + 10 && px < t.left + t.width - 10 && py > t.top + 10 &&
                py < t.top + t.height - 10) {
                return i;
            }
        }
        ADD_FAILURE() << "no point in view";
        return 0;
    }
};

TEST_F(BackpropPanel, ItsNumbersAreCoresForTheHoveredPoint) {
    hoverPoint(visiblePoint());
    const Eigen::Index hovered = state().training.classifier.inspected;
    ASSERT_GE(hovered, 0);
    EXPECT_EQ(panel().sampleIndex, hovered);
    ASSERT_TRUE(panel().message.empty()) << panel().message;

    const TrainingState& ts = state().training;
    BackpropSample sample;
    sample.x = ts.data.points.row(hovered).transpose();
    sample.target = ts.data.labels[hovered];
    sample.features = ts.config.features;
    sample.weights = displayModel(ts)->weights;
    sample.bias = displayModel(ts)->bias;
    sample.loss = ts.config.loss;
    sample.options = ts.config.lossOptions;
    Backprop expected;
    ASSERT_FALSE(runBackprop(sample, &expected));
    EXPECT_EQ(panel().result.loss, expected.loss);
    EXPECT_EQ(panel().result.gradW, expected.gradW);
    EXPECT_EQ(panel().result.gradB, expected.gradB);
    EXPECT_EQ(panel().result.gradX, expected.gradX);
    const std::vector<GraphNode> graph = backpropGraph(sample, expected);
    ASSERT_EQ(panel().graph.size(), graph.size());
    for (std::size_t i = 0; i < graph.size(); ++i) {
        EXPECT_EQ(panel().graph[i].key, graph[i].key);
        EXPECT_EQ(panel().graph[i].value, graph[i].value) << graph[i].key;
        EXPECT_EQ(panel().graph[i].gradient, graph[i].gradient) << graph[i].key;
    }
}

TEST_F(BackpropPanel, StepsRevealTheGradientsOneNodeAtATimeFromTheLossBack) {
    hoverPoint(visiblePoint());
    ASSERT_EQ(panel().revealed, 0);
    // Cross-entropy: every node carries a gradient, the loss first and x last.
    ASSERT_EQ(panel().backwardOrder.size(), panel().graph.size());
    EXPECT_EQ(panel().graph[static_cast<std::size_t>(panel().backwardOrder.front())].key, "loss");
    EXPECT_EQ(panel().graph[static_cast<std::size_t>(panel().backwardOrder.back())].key, "x");
    for (int i = 1; i <= static_cast<int>(panel().backwardOrder.size()); ++i) {
        ASSERT_TRUE(stepBackprop(state(), +1));
        EXPECT_EQ(panel().revealed, i);
    }
    EXPECT_FALSE(stepBackprop(state(), +1)) << "nothing after x";
    while (stepBackprop(state(), -1)) {
    }
    EXPECT_EQ(panel().revealed, 0);

    // Over the panel, PageDown and PageUp step it (and not the presets).
    const ImRect rect = panelRect();
    moveTo(std::floor(rect.GetCenter().x), std::floor(rect.GetCenter().y));
    key(keys::kPageDown);
    key(keys::kPageDown);
    EXPECT_EQ(panel().revealed, 2);
    key(keys::kPageUp);
    EXPECT_EQ(panel().revealed, 1);
    EXPECT_TRUE(state().scenePath.empty());
}

TEST_F(BackpropPanel, TheHingeSkipsTheSoftmaxAndStatesTheLecturesRule) {
    TrainerConfig config = state().training.config;
    config.loss = Loss::HingeWW;
    ASSERT_FALSE(applyTrainerConfig(state().training, config));
    frames(1);
    hoverPoint(visiblePoint());
    std::vector<std::string> keys;
    for (int node : panel().backwardOrder)
        keys.push_back(panel().graph[static_cast<std::size_t>(node)].key);
    EXPECT_EQ(keys, (std::vector<std::string>{"loss", "s", "b", "W", "phi", "x"}));
    EXPECT_FALSE(panel().graph[2].note.empty()) << "W's note: row j gets φ per active margin";
}

TEST_F(BackpropPanel, ToyCircuitsAndRbfFeatures) {
    panel().preset = BackpropPreset::AddMultiply;
    frames(1);
    ASSERT_EQ(panel().circuit.size(), 5u);
    EXPECT_EQ(panel().circuit.back().value, -12.0);  // (−2 + 5)·(−4), lecture 001
    panel().addMultiplyInputs[2] = 2.0;
    frames(1);
    EXPECT_EQ(panel().circuit.back().value, 6.0);
    EXPECT_EQ(panel().circuit[0].gradient, 2.0);  // ∂f/∂x = z

    panel().preset = BackpropPreset::ClassifierSample;
    TrainerConfig config = state().training.config;
    config.features = FeatureMap::Rbf;
    ASSERT_FALSE(applyTrainerConfig(state().training, config));
    frames(1);
    EXPECT_NE(panel().message.find("linear or poly"), std::string::npos);
    EXPECT_TRUE(panel().graph.empty());
}

}  // namespace
}  // namespace losslab

namespace losslab {
namespace {

class Regularization : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        openTrainingPreset("09-cs231n-toy.json");
    }
    ObjectiveValue objective() {
        const TrainingState& ts = state().training;
        return evaluateObjective(
            ts.config, ts.trainer.model(),
            computeFeatures(ts.config.features, ts.train.points, ts.config.rbfWidth),
            ts.train.labels, nullptr);
    }
};

// Lecture 004: on separable data W and 2W both give zero hinge loss; only λ2‖W‖² (×4) differs.
TEST_F(Regularization, ScalingWByTwoKeepsTheHingeDataLossAndQuadruplesTheL2Term) {
    TrainingState& ts = state().training;
    ASSERT_EQ(ts.config.loss, Loss::HingeWW);
    TrainerConfig config = ts.config;
    config.l2 = 0.001;
    ASSERT_FALSE(applyTrainerConfig(ts, config));
    trainSteps(ts, 400);
    const ObjectiveValue before = objective();
    ASSERT_EQ(before.dataLoss, 0.0) << "the toy is separable: training reaches zero hinge loss";
    ASSERT_GT(before.regLoss, 0.0);
    const RowMatrix w = ts.trainer.model().weights;
    const Vec b = ts.trainer.model().bias;
    ASSERT_TRUE(scaleWeights(ts, 2.0));
    frames(1);
    EXPECT_EQ(ts.trainer.model().weights, (2.0 * w).eval());
    EXPECT_EQ(ts.trainer.model().bias, (2.0 * b).eval());
    // Every score doubles, so every point keeps its predicted class.
    const RowMatrix features =
        computeFeatures(ts.config.features, ts.train.points, ts.config.rbfWidth);
    const RowMatrix scoresBefore = (features * w.transpose()).rowwise() + b.transpose();
    EXPECT_EQ(predict(ts.trainer.model().scores(features)), predict(scoresBefore));
    const ObjectiveValue after = objective();
    EXPECT_EQ(after.dataLoss, 0.0);
    EXPECT_NEAR(after.regLoss, 4.0 * before.regLoss, 1e-12 * before.regLoss);
    // The Training panel's numbers, measured before any step from the scaled W, agree.
    ASSERT_TRUE(ts.curves.objectiveNow);
    EXPECT_EQ(ts.curves.objectiveNow->dataLoss, 0.0);
    EXPECT_NEAR(ts.curves.objectiveNow->regLoss, after.regLoss, 1e-12);
    EXPECT_FALSE(scaleWeights(ts, 0.0));
    EXPECT_FALSE(scaleWeights(ts, std::nan("")));
}

}  // namespace
}  // namespace losslab
