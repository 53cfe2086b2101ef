#include "ui/panel_export.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/scene_io.hpp"
#include "plot/figure_file.hpp"

extern char** environ;

namespace losslab {

namespace fs = std::filesystem;

namespace {

std::string timeStamp() {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    return stamp;
}

// Runs `losslab ARGS… --scene SCENE` in a child process on the current scene, saved to a
// temporary file; pollPanelExports reports how it ended. `args` are the subcommand and its
// options without --scene.
void startExportProcess(AppState& state, std::vector<std::string> args, const std::string& outPath,
                        const std::string& startMessage) {
    if (!state.mode.allowChildProcesses) {
        state.showToast("Export is disabled in this session", true);
        return;
    }
    PanelExportJob job;
    job.outPath = outPath;
    const std::string temp =
        (fs::temp_directory_path() / ("losslab-export-" + std::to_string(getpid()) + "-" +
                                      std::to_string(state.exports.size()) + "-" + timeStamp()))
            .string();
    job.scenePath = temp + ".json";
    job.errorPath = temp + ".err";
    if (auto error = saveSceneFile(job.scenePath, sceneFromState(state))) {
        state.showToast("Export failed: " + *error, true);
        return;
    }
    args.insert(args.begin(), "/proc/self/exe");
    args.push_back("--scene");
    args.push_back(job.scenePath);
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
    state.showToast(startMessage);
}

}  // namespace

void startPanelExport(AppState& state, const std::string& panel, int scale, bool transparent) {
    const std::string name = sanitizeFileName("losslab-" + panel + "-" + timeStamp() + "@" +
                                              std::to_string(scale) + "x.png");
    const std::string outPath = (fs::path(exportFolder()) / name).string();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    std::vector<std::string> args = {"export",
                                     "--panel",
                                     panel,
                                     "--out",
                                     outPath,
                                     "--scale",
                                     std::to_string(scale),
                                     "--width",
                                     std::to_string(static_cast<int>(viewport->Size.x * 0.5f)),
                                     "--height",
                                     std::to_string(static_cast<int>(viewport->Size.y * 0.55f))};
    if (transparent) args.push_back("--transparent");
    startExportProcess(state, args, outPath,
                       "Exporting " + panel + " at " + std::to_string(scale) + "×…");
}

std::string defaultFigurePath(const std::string& panel, const std::string& extension) {
    return (fs::path(exportFolder()) /
            sanitizeFileName("losslab-" + panel + "-" + timeStamp() + extension))
        .string();
}

void startFigureExport(AppState& state, const std::string& panel,
                       const FigureExportChoices& choices, const std::string& outPath) {
    char dpi[32], fontScale[32];
    std::snprintf(dpi, sizeof dpi, "%g", choices.dpi);
    std::snprintf(fontScale, sizeof fontScale, "%g", choices.fontScale);
    std::vector<std::string> args = {
        "figure",
        "--panel",
        panel,
        "--out",
        outPath,
        "--size",
        std::to_string(choices.width) + "x" + std::to_string(choices.height),
        "--dpi",
        dpi,
        "--font-scale",
        fontScale,
        "--theme",
        plot::figureThemeName(choices.theme)};
    if (choices.transparent) args.push_back("--transparent");
    startExportProcess(state, args, outPath, "Exporting the " + panel + " figure…");
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
