#include "gui_app.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

#include "app_state.hpp"
#include "cli/json_writer.hpp"
#include "platform/platform.hpp"
#include "render/framebuffer.hpp"
#include "ui/fonts.hpp"
#include "ui/main_frame.hpp"
#include "ui/theme.hpp"

namespace losslab {

namespace {

bool parseSize(const std::string& text, int* width, int* height) {
    int w = 0, h = 0;
    char x = 0;
    if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) != 3 || (x != 'x' && x != 'X')) return false;
    if (w < 320 || h < 240 || w > 16384 || h > 16384) return false;
    *width = w;
    *height = h;
    return true;
}

// Writes what the user set, so that window tests can check what a drag did.
bool writeStateJson(const AppState& state, const std::string& path) {
    cli::JsonWriter w;
    w.beginObject();
    w.key("class_names").beginArray();
    for (const auto& name : state.model.classNames) w.value(name);
    w.endArray();
    w.field("logits", state.model.logits);
    w.field("true_class", state.model.trueClass);
    w.field("temperature", state.model.options.temperature);
    w.field("smoothing", state.model.options.smoothing);
    w.field("selected_loss", lossKey(state.model.selectedLoss));
    w.endObject();
    std::ofstream out(path);
    out << w.str() << "\n";
    return static_cast<bool>(out);
}

double percentile(std::vector<double> values, double fraction) {
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1,
                                  static_cast<size_t>(fraction * static_cast<double>(values.size())));
    return values[index];
}

}  // namespace

int runGui(const GuiOptions& options) {
    const auto startTime = std::chrono::steady_clock::now();
    int width = 1600, height = 900;
    if (!parseSize(options.sizeText, &width, &height)) {
        std::fprintf(stderr, "losslab: --size: '%s' is not WxH between 320x240 and 16384x16384\n",
                     options.sizeText.c_str());
        return 2;
    }
    AppState state;
    state.view.uiScale = static_cast<float>(options.scalePercent) / 100.0f;
    state.view.darkTheme = options.theme != "light";

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is ours, not imgui.ini in the working directory

    const bool oneShot = !options.screenshotPath.empty();
    const bool headless = options.forceHeadless || (oneShot && !displayAvailable());
    std::string error;
    std::unique_ptr<Platform> platform;
    if (headless) {
        platform = createHeadlessPlatform(width, height, &error);
    } else {
        if (!displayAvailable()) {
            std::fprintf(stderr,
                         "losslab: no display (DISPLAY is unset). Use 'losslab --screenshot "
                         "out.png' to render headless, or run under xvfb-run.\n");
            ImGui::DestroyContext();
            return 1;
        }
        platform = createGlfwPlatform(width, height, "LossLab", &error);
    }
    if (!platform) {
        std::fprintf(stderr, "losslab: %s\n", error.c_str());
        ImGui::DestroyContext();
        return 1;
    }
    ImGui_ImplOpenGL3_Init("#version 330 core");
    buildFonts(state.view.uiScale);
    applyTheme(state.view.darkTheme, state.view.uiScale);

    const int framesToRender = oneShot ? 3 : options.benchFrames;
    std::vector<double> frameMs;
    int frame = 0;
    double firstFrameMs = 0.0;
    while (!platform->shouldClose()) {
        const auto frameStart = std::chrono::steady_clock::now();
        platform->beginFrame();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        drawMainFrame(state);
        ImGui::Render();
        platform->bindTarget();
        const bool dark = state.view.darkTheme;
        glClearColor(dark ? 0.08f : 0.94f, dark ? 0.08f : 0.94f, dark ? 0.09f : 0.95f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        if (oneShot && frame == framesToRender) {
            const SurfaceSize size = platform->framebufferSize();
            glFinish();
            const Image image = readPixels(size.width, size.height);
            if (!writePng(image, options.screenshotPath, &error)) {
                std::fprintf(stderr, "losslab: --screenshot: %s\n", error.c_str());
                return 1;
            }
            platform->requestClose();
        }
        platform->present();
        if (options.benchFrames > 0) glFinish();
        const double ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - frameStart).count();
        if (frame == 1) {
            firstFrameMs = std::chrono::duration<double, std::milli>(
                               std::chrono::steady_clock::now() - startTime).count();
        }
        frameMs.push_back(ms);
        if (!oneShot && options.benchFrames > 0 && frame >= options.benchFrames) {
            platform->requestClose();
        }
    }

    if (options.benchFrames > 0 && !frameMs.empty()) {
        cli::JsonWriter w;
        w.beginObject();
        w.field("frames", static_cast<int>(frameMs.size()));
        w.field("width", width);
        w.field("height", height);
        w.field("headless", platform->isHeadless());
        w.field("first_frame_ms", firstFrameMs);
        w.field("p50_ms", percentile(frameMs, 0.50));
        w.field("p95_ms", percentile(frameMs, 0.95));
        w.field("max_ms", *std::max_element(frameMs.begin(), frameMs.end()));
        w.endObject();
        std::printf("%s\n", w.str().c_str());
    }
    if (!options.statePath.empty() && !writeStateJson(state, options.statePath)) {
        std::fprintf(stderr, "losslab: cannot write state to '%s'\n", options.statePath.c_str());
    }
    ImGui_ImplOpenGL3_Shutdown();
    platform.reset();
    ImGui::DestroyContext();
    return 0;
}

}  // namespace losslab
