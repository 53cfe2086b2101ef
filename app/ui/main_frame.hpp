#pragma once
#include "app_state.hpp"

namespace losslab {
// Draws one frame of every visible panel (between ImGui::NewFrame and ImGui::Render).
void drawMainFrame(AppState& state);
}  // namespace losslab
