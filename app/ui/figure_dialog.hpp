#pragma once
// "Export figure…" (a panel's menu): the panel's plot as a figure file, with a live preview,
// its size in pixels or centimetres, dpi, theme, font scale and format. The choices are
// remembered (ViewState::figureExport); the file is written by `losslab figure` in a child
// process, so a big figure never stalls the window.
#include <string>

#include "panels/panel_gpu.hpp"
#include "state/app_state.hpp"

namespace losslab {

void openFigureDialog(AppState& state, const std::string& panel);
// Renders the preview again when what it shows changed (at most a few times a second while
// the inputs keep changing). Runs with the update steps.
void updateFigureDialog(AppState& state);
void drawFigureDialog(AppState& state, PanelGpu& gpu);

}  // namespace losslab
