#pragma once
// Nothing lost: the session is saved every 30 s and on exit to the XDG state folder
// ($XDG_STATE_HOME/losslab, else ~/.local/state/losslab), atomically. A lock file marks a
// running session; finding it at start means the last one did not exit cleanly.
#include <optional>
#include <string>

#include "state/app_state.hpp"

namespace losslab {

struct AutosavePaths {
    std::string folder;
    std::string scene;  // autosave.json
    std::string lock;   // running.lock
};

std::optional<AutosavePaths> autosavePaths();
// Creates the folder and the lock; returns true if a previous session crashed and left an
// autosave behind (the caller offers to restore it).
bool beginSession(const AutosavePaths& paths);
std::optional<std::string> autosave(const AutosavePaths& paths, const AppState& state);
void endSession(const AutosavePaths& paths, const AppState& state);

}  // namespace losslab
