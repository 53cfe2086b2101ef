#pragma once
// "Export PNG" from a panel's menu: the current scene is handed to `losslab export` in a
// child process, which re-renders the panel offscreen at the chosen scale (crisp text and
// lines, never an upscaled bitmap); a toast reports the saved path or the error.
#include <string>

#include "io/export_paths.hpp"
#include "state/app_state.hpp"

namespace losslab {

void startPanelExport(AppState& state, const std::string& panel, int scale, bool transparent);
// Reaps finished exports and shows their toasts; call once a frame.
void pollPanelExports(AppState& state);

}  // namespace losslab
