#pragma once
// `losslab export`: its options (session/export_runner.hpp renders the panels, headless).
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

}  // namespace losslab::cli
