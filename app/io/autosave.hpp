#pragma once
// Nothing lost: the session is saved every 30 s and on exit to the XDG state folder
// ($XDG_STATE_HOME/losslab, else ~/.local/state/losslab), atomically. Each running instance
// has files of its own, named by its process id: session-PID.json (its autosave) and
// session-PID.lock (it is running). A clean end keeps the session as autosave.json and
// removes both; a lock whose process is gone marks a session that did not end cleanly.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "state/app_state.hpp"

namespace losslab {

struct AutosavePaths {
    std::string folder;
    std::string scene;  // session-PID.json: this instance's autosave
    std::string lock;   // session-PID.lock: this instance runs
    std::string last;   // autosave.json: the session that ended last, cleanly
};

// The files of process `pid` in `folder`.
AutosavePaths autosavePathsIn(const std::string& folder, long pid);
// This process's files in the XDG state folder; nullopt without XDG_STATE_HOME and HOME.
std::optional<AutosavePaths> autosavePaths();

// Creates the folder and this instance's lock (an error says why the folder cannot be
// written: the session would not be saved). Removes temporary files that an ended process left
// behind.
std::optional<std::string> beginSession(const AutosavePaths& paths);
// Every session that did not end cleanly and left an autosave: its lock remains and its
// process is gone. Newest first.
std::vector<UncleanSession> findUncleanSessions(const AutosavePaths& paths);
// Forgets those sessions (after one was restored, or the user started fresh): their
// autosaves and locks are removed.
void dismissUncleanSessions(const std::vector<UncleanSession>& sessions);

std::optional<std::string> autosave(const AutosavePaths& paths, const AppState& state);
// Saves the session as the last one (autosave.json) and removes this instance's files.
std::optional<std::string> endSession(const AutosavePaths& paths, const AppState& state);

}  // namespace losslab
