#pragma once
// The kinds of file the app opens and saves, and the name patterns their choosers filter by:
// the built-in chooser (ui/file_dialog.hpp) and the desktop portal's
// (session/platform/portal_file_chooser.hpp) both read them here.
#include <string>
#include <vector>

namespace losslab {

enum class FileKind { Scene, Lesson, Csv };

struct FileFilter {
    const char* name;                   // what a chooser calls the filter: "LossLab scenes"
    std::vector<const char*> patterns;  // shell globs on the file name: "*.losslab.json"
};

const FileFilter& fileFilter(FileKind kind);
// Whether `fileName` (without its folder) matches one of the patterns of `kind`.
bool matchesFileKind(FileKind kind, const std::string& fileName);
// The file name Save suggests for a scene: its title in lower case with '-' between words,
// ending in .losslab.json (the MIME glob of assets/org.losslab.LossLab.mime.xml), or
// "scene.losslab.json" for an untitled scene.
std::string suggestedSceneFileName(const std::string& title);

}  // namespace losslab
