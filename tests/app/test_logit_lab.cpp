// Real frames of the Logit Lab on the headless backend, driven like a user would.
#include <cmath>

#include "losslab/softmax.hpp"
#include "panels/keys.hpp"
#include "session_fixture.hpp"
#include "state/model_edit.hpp"

namespace losslab {
namespace {

using LogitLab = testing::HeadlessSession;

TEST_F(LogitLab, DefaultSceneIsTheLectureExample) {
    const ModelState& m = state().model;
    ASSERT_EQ(m.classCount(), 3);
    EXPECT_EQ(m.classNames[1], "car");
    EXPECT_DOUBLE_EQ(m.logits[0], 3.2);
    EXPECT_DOUBLE_EQ(m.logits[1], 5.1);
    EXPECT_DOUBLE_EQ(m.logits[2], -1.7);
    EXPECT_NEAR(state().derived.probs[1], 0.87, 0.005);
}

TEST_F(LogitLab, DraggingTheCarBarUpRaisesItsLogitByThePixelDistance) {
    const plot::Transform t = state().panels.logits.barsTransform;
    ASSERT_GT(t.width, 50);
    const float x = t.toPixelX(1.0);
    const float y = t.toPixelY(2.0);  // inside the car bar (0 … 5.1)
    const double perPixel = t.unitsPerPixelY();
    drag(x, y, 0, -40);
    const double expected = 5.1 + 40 * perPixel;
    EXPECT_NEAR(state().model.logits[1], expected, 1e-4);
    EXPECT_DOUBLE_EQ(state().model.logits[0], 3.2);  // others untouched
    const Vec p = softmax(state().model.logits);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(state().derived.probs[i], p[i], 1e-15);
    EXPECT_GT(state().derived.probs[1], 0.87);
}

TEST_F(LogitLab, ShiftDragIsTenTimesFiner) {
    const plot::Transform t = state().panels.logits.barsTransform;
    io().KeyShift = true;
    drag(t.toPixelX(0.0), t.toPixelY(1.0), 0, -50);
    io().KeyShift = false;
    EXPECT_NEAR(state().model.logits[0], 3.2 + 5 * t.unitsPerPixelY(), 1e-4);
}

TEST_F(LogitLab, ClickingTheFrogNameMakesFrogTheTrueClass) {
    const plot::Transform t = state().panels.logits.barsTransform;
    const float labelY = t.top + t.height + ImGui::GetFontSize() * 0.7f;
    click(t.toPixelX(2.0), labelY);
    EXPECT_EQ(state().model.trueClass, 2);
    EXPECT_NEAR(state().derived.target[2], 1.0, 0.0);
    // Hinge loss of the lecture's frog image row changes accordingly (margin uses frog now).
    EXPECT_NEAR(state().derived.margin, -1.7 - 5.1, 1e-12);
}

TEST_F(LogitLab, TemperatureSliderChangesTheProbabilities) {
    const SoftmaxPanelState& ui = state().panels.softmax;
    ASSERT_GT(ui.sliderRight, ui.sliderLeft);
    const double before = state().derived.probs[1];
    const float mid = (ui.sliderLeft + ui.sliderRight) * 0.5f;
    drag(mid, ui.sliderY, (ui.sliderRight - mid) * 0.8f, 0);
    const double t = state().model.options.temperature;
    EXPECT_GT(t, 3.0);  // log scale: 80 % of the right half is 20^0.8 ≈ 11
    EXPECT_LT(state().derived.probs[1], before);
    const Vec p = softmax(state().model.logits, t);
    EXPECT_NEAR(state().derived.probs[1], p[1], 1e-15);
}

TEST_F(LogitLab, UndoRestoresThePreviousLogitsAndRedoReappliesThem) {
    const plot::Transform t = state().panels.logits.barsTransform;
    drag(t.toPixelX(1.0), t.toPixelY(2.0), 0, -30);
    const double dragged = state().model.logits[1];
    ASSERT_GT(dragged, 5.2);
    key(keys::kZ, /*ctrl=*/true);
    EXPECT_DOUBLE_EQ(state().model.logits[1], 5.1);
    EXPECT_NEAR(state().derived.probs[1], softmax(state().model.logits)[1], 1e-15);
    key(keys::kZ, /*ctrl=*/true, /*shift=*/true);
    EXPECT_DOUBLE_EQ(state().model.logits[1], dragged);
}

TEST_F(LogitLab, ADragIsOneUndoStep) {
    const plot::Transform t = state().panels.logits.barsTransform;
    drag(t.toPixelX(0.0), t.toPixelY(1.0), 0, -20, 10);
    drag(t.toPixelX(2.0), t.toPixelY(-1.0), 0, 20, 10);
    EXPECT_EQ(state().history.undo.size(), 2u);
    key(keys::kZ, true);
    key(keys::kZ, true);
    EXPECT_DOUBLE_EQ(state().model.logits[0], 3.2);
    EXPECT_DOUBLE_EQ(state().model.logits[2], -1.7);
}

TEST_F(LogitLab, KeyboardShortcuts) {
    key(keys::kDigit0 + 3);  // "3": true class 3 → index 2
    EXPECT_EQ(state().model.trueClass, 2);
    key(keys::kDigit0);  // "0": zero logits
    EXPECT_EQ(state().model.logits.cwiseAbs().maxCoeff(), 0.0);
    EXPECT_NEAR(state().derived.losses[0].value, std::log(3.0), 1e-12);
    key(keys::kR);
    EXPECT_GT(state().model.logits.cwiseAbs().maxCoeff(), 0.0);
    key(keys::kF1);
    EXPECT_TRUE(state().presenter.showHelp);
    key(keys::kEqual, true);  // Ctrl+=: larger UI, fonts rebuilt between frames
    EXPECT_FLOAT_EQ(state().view.uiScale, 1.25f);
    EXPECT_NEAR(ImGui::GetFontSize(), 20.0f, 0.01f);
}

TEST_F(LogitLab, ShiftAllKeepsProbabilities) {
    const Vec before = state().derived.probs;
    const Vec logits = state().model.logits;
    shiftLogits(state(), 100.0);  // what the "Shift all by" button does
    frames(1);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(state().derived.probs[i], before[i], 1e-12);
    EXPECT_NEAR(state().model.logits[0], logits[0] + 100.0, 1e-12);
    EXPECT_NEAR(state().derived.losses[0].value, -std::log(before[0]), 1e-12);
}

}  // namespace
}  // namespace losslab
