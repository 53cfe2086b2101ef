#pragma once
// Where exported files (PNG, CSV) go, and file names that are safe on every file system.
#include <string>

namespace losslab {

// The folder exports go to: $XDG_PICTURES_DIR/LossLab, ~/Pictures/LossLab, or the working
// directory; created if needed.
std::string exportFolder();
// A file name made only of [A-Za-z0-9._-] (anything else becomes '-').
std::string sanitizeFileName(const std::string& name);

}  // namespace losslab
