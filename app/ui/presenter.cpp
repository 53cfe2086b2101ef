#include "ui/presenter.hpp"

#include <imgui.h>

#include <algorithm>

#include "io/scene_io.hpp"
#include "panels/keys.hpp"
#include "state/layout_edit.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

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
    if (auto error = openScene(next.path, state)) {
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
    return stepPreset(state, direction);
}

void handlePresenterKeys(AppState& state) {
    PresenterState& presenter = state.presenter;
    const ImGuiIO& io = ImGui::GetIO();
    if (presenter.blank) {
        if (anyInput()) presenter.blank = false;
        return;
    }
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    if (pressed(keys::kF11)) state.requests.fullscreen = true;
    if (pressed(keys::kB)) presenter.blank = true;
    if (pressed(keys::kH)) presenter.hideControls = !presenter.hideControls;
    if (pressed(keys::kEscape) && !presenter.focus.empty()) restoreLayout(state);
    // Held clicker buttons repeat, like a held arrow key.
    if (ImGui::IsKeyPressed(keys::kPageDown, true) || ImGui::IsKeyPressed(keys::kRight, true)) {
        presenterStep(state, +1);
    }
    if (ImGui::IsKeyPressed(keys::kPageUp, true) || ImGui::IsKeyPressed(keys::kLeft, true)) {
        presenterStep(state, -1);
    }
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
