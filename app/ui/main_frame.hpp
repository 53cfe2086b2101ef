#pragma once
#include "panels/panel_gpu.hpp"
#include "state/app_state.hpp"

namespace losslab {
// One frame (between ImGui::NewFrame and ImGui::Render): the shortcuts, every panel's update
// step, then the panels on screen, the menus and the overlays.
void drawMainFrame(AppState& state, PanelGpu& gpu);
}  // namespace losslab
