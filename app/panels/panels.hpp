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
void drawSimplexPanel(AppState& state);
void drawSurfacePanel(AppState& state);
void drawSurface3DPanel(AppState& state);
// The loss-surface grid the 2D and 3D views share, brought up to date (cheap when unchanged).
void updateSurfaceData(AppState& state);
void drawClassifierPanel(AppState& state);
void drawTrainingPanel(AppState& state);
void drawLandscapePanel(AppState& state);

}  // namespace losslab
