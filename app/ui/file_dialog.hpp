#pragma once
// A file chooser built in ImGui: a path field, the folder's sub-folders and the files of the
// kind asked for (io/file_kinds.hpp: scenes, lessons), and the recently used files. Where the
// desktop portal runs, opening asks the portal's dialog instead and its answer comes back here.
#include <string>

#include "io/file_kinds.hpp"
#include "state/file_dialog_state.hpp"

namespace losslab {

// Opens the chooser at `current` (a file or a folder ending in '/'); with no `current`, at
// `suggestedName` (Save: io/file_kinds.hpp's NAME.losslab.json) in the working directory.
void openFileDialog(FileDialogState& dialog, FileDialogState::Mode mode, const std::string& current,
                    const std::string& suggestedName = "");
// Draws the dialog if visible; returns true when the user confirmed a path (in `chosen`), here
// or in the portal's dialog. A path that then fails to apply stays in the built-in dialog with
// its error.
bool drawFileDialog(FileDialogState& dialog, std::string* chosen);
// What the chooser lists and filters by in `mode`.
FileKind fileKindOf(FileDialogState::Mode mode);
// The dialog's title ("Open scene", "Save CSV table as", …), here and in the portal's dialog.
const char* fileDialogTitle(FileDialogState::Mode mode);
// Whether `mode` writes a file (a Save dialog) rather than reads one.
bool fileDialogSaves(FileDialogState::Mode mode);
// Whether the built-in chooser lists `fileName` (no folder) in `mode`.
bool listedInFileDialog(FileDialogState::Mode mode, const std::string& fileName);
void rememberRecent(FileDialogState& dialog, const std::string& path);

}  // namespace losslab
