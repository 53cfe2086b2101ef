#include "io/autosave.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/scene_io.hpp"

namespace losslab {

std::optional<AutosavePaths> autosavePaths() {
    std::string folder;
    const char* state = std::getenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    if (state && *state) {
        folder = std::string(state) + "/losslab";
    } else if (home && *home) {
        folder = std::string(home) + "/.local/state/losslab";
    } else {
        return std::nullopt;
    }
    return AutosavePaths{folder, folder + "/autosave.json", folder + "/running.lock"};
}

bool beginSession(const AutosavePaths& paths) {
    std::error_code ec;
    std::filesystem::create_directories(paths.folder, ec);
    const bool crashed =
        std::filesystem::exists(paths.lock, ec) && std::filesystem::exists(paths.scene, ec);
    std::ofstream(paths.lock) << getpid() << "\n";
    return crashed;
}

std::optional<std::string> autosave(const AutosavePaths& paths, const AppState& state) {
    return saveSceneFile(paths.scene, sceneFromState(state));
}

void endSession(const AutosavePaths& paths, const AppState& state) {
    autosave(paths, state);
    std::error_code ec;
    std::filesystem::remove(paths.lock, ec);
}

}  // namespace losslab
