#pragma once
// Where LossLab reads the data it ships (presets in scenes/, lessons/, icons/). An installed
// copy keeps them in <prefix>/share/losslab beside <prefix>/bin/losslab, and a prefix may be
// moved or unpacked anywhere, so the executable's own location is asked first; a build tree
// has no share/ folder and reads the source checkout's assets/ (LOSSLAB_ASSET_DIR).
#include <string>

namespace losslab {

// The running program's absolute path (/proc/self/exe), or "" when it cannot be read.
std::string executablePath();

// The data folder for a program at `executable`: `<executable's folder>/../share/losslab`
// when that holds a scenes/ folder, else `sourceAssets`. Pure apart from looking at the file
// system, so tests can lay out an install in a temporary folder.
std::string findDataFolder(const std::string& executable, const std::string& sourceAssets);

// findDataFolder for this program and this build's assets/; looked up once.
const std::string& dataFolder();

// dataFolder() + "/" + relative, e.g. dataPath("scenes").
std::string dataPath(const std::string& relative);

}  // namespace losslab
