#pragma once
// "Load…" and "Save…" in a panel's CSV popup: they ask for the file chooser (the desktop's own
// where a portal runs, ui/file_dialog.hpp), filtered to CSV tables, for the panel's points.
#include "state/app_state.hpp"

namespace losslab {

// Draws the two buttons inside an open popup; a click closes the popup and leaves the request
// in state.fileDialog for the main frame to open the chooser.
void drawCsvChooserButtons(AppState& state, FileDialogState::CsvTable table);

}  // namespace losslab
