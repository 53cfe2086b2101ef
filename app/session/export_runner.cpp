#include "session/export_runner.hpp"

#include <cstdio>
#include <filesystem>

#include "io/scene_io.hpp"
#include "session/app_session.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

bool renderPanel(AppSession& session, const PanelInfo& panel, const std::string& path,
                 std::string* error) {
    AppState& state = session.state();
    state.mode.soloPanel = panel.name;
    state.view.workspace = panel.workspace;
    // A few frames: ImGui settles window sizes, the panels compute their cached data.
    for (int i = 0; i < 4; ++i)
        session.frame();
    session.renderFrame();
    const Image image = session.capture();
    session.present();
    return writePng(image, path, error);
}

}  // namespace

int runExport(const cli::ExportArgs& args) {
    if (args.listPanels) {
        for (const PanelInfo& panel : allPanels())
            std::printf("%-14s %s\n", panel.name, panel.title);
        return 0;
    }
    if (args.out.empty()) {
        std::fprintf(stderr,
                     "losslab export: --out: missing (a .png file, or a folder for --panel all)\n");
        return 2;
    }
    const bool all = args.panel == "all";
    const PanelInfo* single = all ? nullptr : findPanel(args.panel);
    if (!all && !single) {
        std::fprintf(
            stderr,
            "losslab export: --panel: '%s' is not a panel (see losslab export --list-panels)\n",
            args.panel.c_str());
        return 2;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    if (all) {
        fs::create_directories(args.out, ec);
        if (!fs::is_directory(args.out, ec)) {
            std::fprintf(stderr, "losslab export: --out: cannot create folder '%s'\n",
                         args.out.c_str());
            return 1;
        }
    } else {
        const fs::path parent = fs::path(args.out).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec)) {
            std::fprintf(stderr, "losslab export: --out: folder '%s' does not exist\n",
                         parent.string().c_str());
            return 1;
        }
    }
    Scene scene;
    if (!args.scenePath.empty()) {
        if (auto error = loadSceneFile(args.scenePath, &scene)) {
            std::fprintf(stderr, "losslab export: --scene: %s\n", error->c_str());
            return 2;
        }
    }
    SessionConfig config;
    config.width = args.width * args.scale;
    config.height = args.height * args.scale;
    config.uiScale = static_cast<float>(args.scale) *
                     static_cast<float>(args.scenePath.empty() ? 1.0 : scene.view.uiScale);
    themeFromKey(scene.view.theme, &config.theme);  // the scene parser accepted only known names
    config.headless = true;
    std::string error;
    std::unique_ptr<AppSession> session = AppSession::create(config, &error);
    if (!session) {
        std::fprintf(stderr, "losslab export: %s\n", error.c_str());
        return 1;
    }
    if (!args.scenePath.empty()) {
        if (auto failure = applyScene(scene, session->state())) {
            std::fprintf(stderr, "losslab export: --scene: %s\n", failure->c_str());
            return 2;
        }
    }
    // The export's scale wins over the scene's UI scale (the fonts are built for it).
    session->state().requests.uiScale = config.uiScale;
    session->state().mode.transparentBackground = args.transparent;
    int index = 0;
    for (const PanelInfo& panel : allPanels()) {
        if (all ? !panel.screenshot : &panel != single) continue;
        ++index;
        char name[64];
        std::snprintf(name, sizeof name, "%02d-%s.png", index, panel.name);
        const std::string path = all ? (fs::path(args.out) / name).string() : args.out;
        if (!renderPanel(*session, panel, path, &error)) {
            std::fprintf(stderr, "losslab export: %s\n", error.c_str());
            return 1;
        }
        std::printf("%s\n", path.c_str());
    }
    return 0;
}

}  // namespace losslab
