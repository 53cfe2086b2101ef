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
// "Record": starts recording `panel` into a new file of the export folder (`extension`:
// .mp4, .gif or .webm); the session takes the frames. Ctrl+R or Stop ends it.
void startRecording(AppState& state, const std::string& panel, const std::string& extension);
// Called inside the recorded panel's window: notes where it is and draws the ● REC badge.
void markRecordedPanel(AppState& state);
// A fresh name in the export folder: losslab-PANEL-TIME.EXT (extension with its dot).
std::string defaultFigurePath(const std::string& panel, const std::string& extension);
// Reaps finished exports and shows their toasts; call once a frame.
void pollPanelExports(AppState& state);

}  // namespace losslab
