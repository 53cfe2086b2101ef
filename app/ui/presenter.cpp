#include "ui/presenter.hpp"

#include <imgui.h>

#include <algorithm>

#include "io/lesson_io.hpp"
#include "io/scene_io.hpp"
#include "panels/keys.hpp"
#include "state/layout_edit.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

// The input of this frame, made as if it never happened: nothing that reads it later in the
// frame (shortcuts, the panels' update steps, widgets) sees a press, a click or a wheel. A key
// held on into later frames does not count as pressed again (its held time stays positive).
void swallowFrameInput() {
    ImGuiIO& io = ImGui::GetIO();
    for (float& held : io.KeysDownDuration) {
        if (held == 0.0f) held = 1e-6f;
    }
    for (int button = 0; button < IM_ARRAYSIZE(io.MouseDown); ++button) {
        io.MouseClicked[button] = false;  // what widgets read
        io.MouseDoubleClicked[button] = false;
        if (io.MouseDownDuration[button] == 0.0f)
            io.MouseDownDuration[button] = 1e-6f;  // and IsMouseClicked
    }
    io.MouseWheel = io.MouseWheelH = 0.0f;
    io.InputQueueCharacters.resize(0);
}

bool anyInput() {
    const ImGuiIO& io = ImGui::GetIO();
    for (int key = 0; key < IM_ARRAYSIZE(io.KeysDown); ++key) {
        if (ImGui::IsKeyPressed(key, false)) return true;
    }
    for (int button = 0; button < IM_ARRAYSIZE(io.MouseDown); ++button) {
        if (ImGui::IsMouseClicked(button)) return true;
    }
    return false;
}

// The presets in menu order; the one after (or before) the scene in use.
bool stepPreset(AppState& state, int direction) {
    const std::vector<Preset> presets = listPresets();
    if (presets.empty()) return false;
    const auto current = std::find_if(presets.begin(), presets.end(), [&state](const Preset& p) {
        return p.path == state.scenePath;
    });
    long index = 0;
    if (current == presets.end()) {
        index = direction > 0 ? 0 : static_cast<long>(presets.size()) - 1;
    } else {
        index = (current - presets.begin()) + direction;
    }
    if (index < 0 || index >= static_cast<long>(presets.size())) {
        state.showToast(direction > 0 ? "Last preset" : "First preset");
        return false;
    }
    const Preset& next = presets[static_cast<std::size_t>(index)];
    if (auto error = openScene(next.path, state, ScenePresentation::Keep)) {
        state.showToast(*error, true);
        return false;
    }
    state.showSceneNote = !state.sceneNote.empty();
    state.showToast("Preset " + std::to_string(index + 1) + " / " + std::to_string(presets.size()) +
                    ": " + next.title);
    return true;
}

}  // namespace

bool presenterStep(AppState& state, int direction) {
    if (const PanelInfo* panel = findPanel(state.presenter.hoveredPanel)) {
        if (panel->step) return panel->step(state, direction);
    }
    if (state.lesson.lesson) return stepLesson(state, direction);
    return stepPreset(state, direction);
}

void handlePresenterKeys(AppState& state) {
    PresenterState& presenter = state.presenter;
    const ImGuiIO& io = ImGui::GetIO();
    if (presenter.blank) {
        // Any key or click ends the blank screen, and does nothing else.
        if (anyInput()) presenter.blank = false;
        swallowFrameInput();
        return;
    }
    // Not while typing, nor while a menu, combo or popup is open: its keys are its own.
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt ||
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || ImGui::IsAnyItemActive()) {
        return;
    }
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    if (pressed(keys::kF11)) state.requests.fullscreen = true;
    if (pressed(keys::kB)) presenter.blank = true;
    if (pressed(keys::kH)) presenter.hideControls = !presenter.hideControls;
    // Esc closes the topmost thing only: the help or the file dialog first, then the focus.
    if (pressed(keys::kEscape) && !presenter.focus.empty() && !presenter.showHelp &&
        !state.fileDialog.visible) {
        restoreLayout(state);
    }
    // Held clicker buttons repeat, like a held arrow key.
    if (ImGui::IsKeyPressed(keys::kPageDown, true) || ImGui::IsKeyPressed(keys::kRight, true)) {
        presenterStep(state, +1);
    }
    if (ImGui::IsKeyPressed(keys::kPageUp, true) || ImGui::IsKeyPressed(keys::kLeft, true)) {
        presenterStep(state, -1);
    }
    if (state.lesson.lesson && pressed(keys::kHome)) stepLesson(state, kLessonFirstStep);
    if (state.lesson.lesson && pressed(keys::kEnd)) stepLesson(state, kLessonLastStep);
}

void drawPresenterOverlays(const AppState& state) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    if (state.presenter.blank) {
        // Over everything, menus and popups included, as presentation software blanks.
        ImGui::GetForegroundDrawList()->AddRectFilled(
            viewport->Pos,
            ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y),
            IM_COL32(0, 0, 0, 255));
    }
}

std::string presenterHint(const AppState& state) {
    std::string hint;
    if (state.presenter.hideControls) hint = "controls hidden: H shows them";
    if (!state.presenter.focus.empty()) {
        hint += std::string(hint.empty() ? "" : "  ·  ") + "Esc: back to the layout";
    }
    return hint;
}

}  // namespace losslab
