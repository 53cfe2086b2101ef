#pragma once
#include "app_state.hpp"
#include "render/gpu_cache.hpp"

namespace losslab {
// One frame (between ImGui::NewFrame and ImGui::Render): the shortcuts, every panel's update
// step, then the panels on screen, the menus and the overlays.
void drawMainFrame(AppState& state, GpuCache& gpu);
}  // namespace losslab
