#pragma once
// The work area below the menu bar: the panels where the layout (or the presenter's focus)
// puts them, and the splitters between them.
#include "panels/panel_gpu.hpp"
#include "state/app_state.hpp"

namespace losslab {

// The work area in screen pixels (the main viewport below the menu bar).
LayoutRect workArea();
// Splitters first (a press in the gap between panels starts a drag), then every panel on
// screen: its window, its title bar's double-click (maximize / restore) and F over it.
void drawWorkspace(AppState& state, PanelGpu& gpu);

}  // namespace losslab
