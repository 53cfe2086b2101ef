#include "panels/training_frame.hpp"

#include <imgui.h>

#include "training_edit.hpp"
#include "ui/keys.hpp"

namespace losslab {

namespace {

// Shortcuts of the Training workspace. main_frame.cpp's global handler runs first and knows
// nothing of this workspace, so the keys that mean something else in the Logit Lab (digits,
// R, Ctrl+Z) are read here as well (see the lead's note on the conflict).
void handleTrainingKeys(AppState& state) {
    TrainingState& ts = state.training;
    const ImGuiIO& io = ImGui::GetIO();
    if (state.view.workspace != Workspace::Training || io.WantTextInput) return;
    auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    if (io.KeyCtrl) {
        if (pressed(keys::kZ)) {
            if (io.KeyShift) {
                redoPointEdit(ts);
            } else {
                undoPointEdit(ts);
            }
        } else if (pressed(keys::kY)) {
            redoPointEdit(ts);
        }
        return;
    }
    if (pressed(keys::kSpace)) togglePlay(ts);
    if (pressed(keys::kS, true) && !io.KeyShift) {
        ts.playing = false;
        trainSteps(ts, 1);
    }
    if (pressed(keys::kR) && io.KeyShift) restartTraining(ts);
    // 1–9 pick the class of new points; one past the last class adds a class.
    for (int digit = 1; digit <= 9; ++digit) {
        if (pressed(keys::kDigit0 + digit) && digit - 1 <= ts.data.classes &&
            digit - 1 < kMaxTrainingClasses) {
            ts.currentClass = digit - 1;
        }
    }
}

}  // namespace

void beginTrainingFrame(AppState& state) {
    TrainingState& ts = state.training;
    const int frame = ImGui::GetFrameCount();
    if (ts.lastUpdateFrame == frame) return;
    ts.lastUpdateFrame = frame;
    ensureTrainingReady(state);
    handleTrainingKeys(state);
    if (ts.playing) trainSteps(ts, ts.stepsPerFrame, kTrainingFrameBudgetMs);
}

}  // namespace losslab
