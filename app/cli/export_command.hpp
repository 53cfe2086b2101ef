#pragma once
// `losslab export`: render panels of a scene headless (EGL, no X server) into PNG files.
#include <string>

namespace CLI {
class App;
}

namespace losslab::cli {

struct ExportArgs {
    std::string scenePath;
    std::string panel = "all";
    std::string out;
    int width = 1600;
    int height = 900;
    int scale = 1;
    bool transparent = false;
    bool listPanels = false;
};

CLI::App* addExportCommand(CLI::App& app, ExportArgs& args);
// Returns the exit code; messages go to stdout (saved files) and stderr (one-line errors).
int runExport(const ExportArgs& args);

}  // namespace losslab::cli
