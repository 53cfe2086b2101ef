#pragma once
#include "state/app_state.hpp"

namespace losslab {
// Resets ImGui's style (and the plots' line and marker sizes) to the theme at the given UI
// scale.
void applyTheme(Theme theme, float scale);
}  // namespace losslab
