#include "ui/panel_export.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/scene_io.hpp"

extern char** environ;

namespace losslab {

namespace fs = std::filesystem;

void startPanelExport(AppState& state, const std::string& panel, int scale, bool transparent) {
    if (!state.mode.allowChildProcesses) {
        state.showToast("Export is disabled in this session", true);
        return;
    }
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    const std::string name =
        sanitizeFileName("losslab-" + panel + "-" + stamp + "@" + std::to_string(scale) + "x.png");
    PanelExportJob job;
    job.outPath = (fs::path(exportFolder()) / name).string();
    const std::string temp =
        (fs::temp_directory_path() / ("losslab-export-" + std::to_string(getpid()) + "-" +
                                      std::to_string(state.exports.size()) + "-" + stamp))
            .string();
    job.scenePath = temp + ".json";
    job.errorPath = temp + ".err";
    if (auto error = saveSceneFile(job.scenePath, sceneFromState(state))) {
        state.showToast("Export failed: " + *error, true);
        return;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    std::vector<std::string> args = {
        "/proc/self/exe", "export",
        "--scene",        job.scenePath,
        "--panel",        panel,
        "--out",          job.outPath,
        "--scale",        std::to_string(scale),
        "--width",        std::to_string(static_cast<int>(viewport->Size.x * 0.5f)),
        "--height",       std::to_string(static_cast<int>(viewport->Size.y * 0.55f))};
    if (transparent) args.push_back("--transparent");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, job.errorPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        state.showToast("Export failed: cannot start the exporter", true);
        std::remove(job.scenePath.c_str());
        return;
    }
    job.pid = pid;
    state.exports.push_back(job);
    state.showToast("Exporting " + panel + " at " + std::to_string(scale) + "×…");
}

void pollPanelExports(AppState& state) {
    for (size_t i = 0; i < state.exports.size();) {
        PanelExportJob& job = state.exports[i];
        int status = 0;
        if (waitpid(job.pid, &status, WNOHANG) == 0) {
            ++i;
            continue;
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            state.showToast("Saved " + job.outPath);
        } else {
            std::ifstream err(job.errorPath);
            std::string line;
            std::getline(err, line);
            state.showToast(
                "Export failed: " + (line.empty() ? std::string("the exporter crashed") : line),
                true);
        }
        std::remove(job.scenePath.c_str());
        std::remove(job.errorPath.c_str());
        state.exports.erase(state.exports.begin() + static_cast<std::ptrdiff_t>(i));
    }
}

}  // namespace losslab
