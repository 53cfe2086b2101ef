#pragma once
// Every panel draws itself into the current ImGui window from AppState; one file each.
#include "app_state.hpp"

namespace losslab {

void drawLogitsPanel(AppState& state);
void drawSoftmaxPanel(AppState& state);
void drawTargetPanel(AppState& state);
void drawProbabilitiesPanel(AppState& state);
void drawLossesPanel(AppState& state);
void drawPrecisionPanel(AppState& state);

}  // namespace losslab
