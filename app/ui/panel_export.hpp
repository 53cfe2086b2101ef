#pragma once
// "Screenshot of panel" and "Export figure…" from a panel's menu: the current scene is handed to
// `losslab export` in a child process, which re-renders the panel offscreen at the chosen scale
// (crisp text and lines, never an upscaled bitmap); a toast reports the saved path or the error.
#include <string>

#include "io/export_paths.hpp"
#include "state/app_state.hpp"

namespace losslab {

void startPanelExport(AppState& state, const std::string& panel, int scale, bool transparent);
// "Export figure…": `losslab figure` in a child process with the dialog's choices.
void startFigureExport(AppState& state, const std::string& panel,
                       const FigureExportChoices& choices, const std::string& outPath);
// A fresh name in the export folder: losslab-PANEL-TIME.EXT (extension with its dot).
std::string defaultFigurePath(const std::string& panel, const std::string& extension);
// Reaps finished exports and shows their toasts; call once a frame.
void pollPanelExports(AppState& state);

}  // namespace losslab
