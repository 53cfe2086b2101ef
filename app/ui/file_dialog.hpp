#pragma once
// A file chooser built in ImGui: a path field, the folder's sub-folders and .json files,
// and the recently used files.
#include <string>
#include <vector>

namespace losslab {

struct FileDialogState {
    enum class Mode { Open, Save };
    bool visible = false;
    bool justOpened = false;
    Mode mode = Mode::Open;
    std::string folder;               // listed folder
    char path[1024] = {};             // the path being typed
    std::vector<std::string> recent;  // most recent first
    std::string error;
};

void openFileDialog(FileDialogState& dialog, FileDialogState::Mode mode,
                    const std::string& current);
// Draws the dialog if visible; returns true when the user confirmed a path (in `chosen`).
bool drawFileDialog(FileDialogState& dialog, std::string* chosen);
void rememberRecent(FileDialogState& dialog, const std::string& path);

}  // namespace losslab
