#pragma once
// A file chooser built in ImGui: a path field, the folder's sub-folders and .json files,
// and the recently used files.
#include <string>

#include "state/file_dialog_state.hpp"

namespace losslab {

void openFileDialog(FileDialogState& dialog, FileDialogState::Mode mode,
                    const std::string& current);
// Draws the dialog if visible; returns true when the user confirmed a path (in `chosen`).
bool drawFileDialog(FileDialogState& dialog, std::string* chosen);
void rememberRecent(FileDialogState& dialog, const std::string& path);

}  // namespace losslab
