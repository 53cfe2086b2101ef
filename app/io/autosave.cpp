#include "io/autosave.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "io/scene_io.hpp"

namespace losslab {

namespace fs = std::filesystem;

namespace {

// Whether process `pid` is a LossLab that runs now. A process id is reused after its process
// ends (and after every reboot), so a live process of another program does not count.
bool losslabRunning(long pid) {
    if (pid <= 0) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec);
    // Unreadable (another user's process): it is alive, so assume it is ours.
    return ec || exe.filename().string().rfind("losslab", 0) == 0;
}

// The process id in a name such as "session-1234.lock" or "x.json.tmp-1234"; 0 if none.
long pidAfter(const std::string& name, const std::string& prefix, const std::string& suffix) {
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return 0;
    }
    const std::string digits =
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return 0;
    return std::strtol(digits.c_str(), nullptr, 10);
}

}  // namespace

AutosavePaths autosavePathsIn(const std::string& folder, long pid) {
    const std::string stem = folder + "/session-" + std::to_string(pid);
    return AutosavePaths{folder, stem + ".json", stem + ".lock", folder + "/autosave.json"};
}

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
    return autosavePathsIn(folder, static_cast<long>(getpid()));
}

std::optional<std::string> beginSession(const AutosavePaths& paths) {
    std::error_code ec;
    fs::create_directories(paths.folder, ec);
    for (fs::directory_iterator it(paths.folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const size_t tmp = name.rfind(".tmp-");
        if (tmp == std::string::npos) continue;
        const long pid = pidAfter(name.substr(tmp), ".tmp-", "");
        std::error_code ignored;
        if (pid > 0 && !losslabRunning(pid)) fs::remove(it->path(), ignored);
    }
    std::ofstream lock(paths.lock);
    lock << getpid() << "\n";
    lock.flush();
    if (!lock) {
        return "the session cannot be saved: '" + paths.folder + "' is not writable (" +
               std::strerror(errno) + ")";
    }
    return std::nullopt;
}

std::vector<UncleanSession> findUncleanSessions(const AutosavePaths& paths) {
    std::vector<UncleanSession> sessions;
    std::error_code ec;
    for (fs::directory_iterator it(paths.folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const long pid = pidAfter(name, "session-", ".lock");
        if (pid <= 0 || it->path() == fs::path(paths.lock) || losslabRunning(pid)) continue;
        const AutosavePaths crashed = autosavePathsIn(paths.folder, pid);
        Scene scene;
        if (loadSceneFile(crashed.scene, &scene)) continue;  // nothing (valid) was saved
        UncleanSession session;
        session.path = crashed.scene;
        session.lock = crashed.lock;
        session.title = scene.title;
        std::error_code timeError;
        const auto written = fs::last_write_time(crashed.scene, timeError);
        if (!timeError) {
            // file_time_type's clock has no conversion in C++17: measure the file's age instead.
            const auto age = fs::file_time_type::clock::now() - written;
            session.savedAt = std::chrono::system_clock::to_time_t(
                std::chrono::system_clock::now() -
                std::chrono::duration_cast<std::chrono::system_clock::duration>(age));
        }
        sessions.push_back(std::move(session));
    }
    std::sort(sessions.begin(), sessions.end(),
              [](const UncleanSession& a, const UncleanSession& b) {
                  return a.savedAt != b.savedAt ? a.savedAt > b.savedAt : a.path < b.path;
              });
    return sessions;
}

void dismissUncleanSessions(const std::vector<UncleanSession>& sessions) {
    for (const UncleanSession& session : sessions) {
        std::error_code ec;
        fs::remove(session.path, ec);
        fs::remove(session.lock, ec);
    }
}

std::optional<std::string> autosave(const AutosavePaths& paths, const AppState& state) {
    return saveSceneFile(paths.scene, sceneFromState(state));
}

std::optional<std::string> endSession(const AutosavePaths& paths, const AppState& state) {
    if (auto error = saveSceneFile(paths.last, sceneFromState(state))) {
        // Keep the periodic autosave and the lock: the next start offers this session.
        return error;
    }
    std::error_code ec;
    fs::remove(paths.scene, ec);
    fs::remove(paths.lock, ec);
    return std::nullopt;
}

}  // namespace losslab
