#pragma once
// What the file chooser shows (ui/file_dialog.hpp draws it): part of the state so that the
// recent files and the folder last looked in persist while the app runs.
#include <string>
#include <vector>

namespace losslab {

struct FileDialogState {
    enum class Mode { Open, Save, OpenLesson };  // scenes (.json) or a lesson (.md)
    bool visible = false;
    bool justOpened = false;
    Mode mode = Mode::Open;
    std::string folder;               // listed folder
    char path[1024] = {};             // the path being typed
    std::vector<std::string> recent;  // most recent first
    std::string error;
};

}  // namespace losslab
