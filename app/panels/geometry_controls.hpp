#pragma once
// Controls shared by the geometry panels: the temperature and smoothing sliders, and
// choosing classes for the axes or corners.
#include "state/app_state.hpp"

namespace losslab {

// τ (log scale) and ε sliders on one line, `width` pixels each.
void drawTemperatureAndSmoothing(AppState& state, float width);
// A combo listing the classes by name; returns true when the choice changed.
bool classCombo(const char* label, const ModelState& model, int* index, float width);
// Pixel size that fits a data box of aspect `dataWidth / dataHeight` in `available`.
ImVec2 fitAspect(ImVec2 available, double dataWidth, double dataHeight);

}  // namespace losslab
