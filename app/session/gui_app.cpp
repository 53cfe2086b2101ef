#include "session/gui_app.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

#include "cli/figure_command.hpp"

#include "io/autosave.hpp"
#include "io/json_writer.hpp"
#include "io/lesson_io.hpp"
#include "io/scene_io.hpp"
#include "io/settings.hpp"
#include "session/app_session.hpp"
#include "session/end_signals.hpp"
#include "state/layout_edit.hpp"
#include "state/model_edit.hpp"
#include "state/training_edit.hpp"
#include "state/training_worker.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

// The window's --size: WIDTHxHEIGHT as every --size reads it, at least 320x240.
bool parseSize(const std::string& text, int* width, int* height) {
    int w = 0, h = 0;
    if (cli::parseFigureSize(text, &w, &h) || w < 320 || h < 240) return false;
    *width = w;
    *height = h;
    return true;
}

// Writes what the user set, so that window tests can check what a drag did.
bool writeStateJson(const AppState& state, const std::string& path) {
    JsonWriter w;
    w.beginObject();
    w.field("class_names", state.model.classNames);
    w.field("logits", state.model.logits);
    w.field("true_class", state.model.trueClass);
    w.field("temperature", state.model.options.temperature);
    w.field("smoothing", state.model.options.smoothing);
    w.field("selected_loss", lossKey(state.model.selectedLoss));
    w.field("workspace", workspaceKey(state.view.workspace));
    w.field("ui_scale", static_cast<double>(state.view.uiScale));
    w.field("dark_theme", isDarkTheme(state.view.theme));
    w.field("theme", themeKey(state.view.theme));
    w.field("focus", state.presenter.focus);
    w.field("hide_controls", state.presenter.hideControls);
    w.field("blank", state.presenter.blank);
    const Dataset& points = state.training.data;
    w.field("training_points", static_cast<long long>(points.size()));
    if (points.size() > 0) {
        w.field("first_training_point", Eigen::VectorXd(points.points.row(0).transpose()));
    }
    w.endObject();
    std::ofstream out(path);
    out << w.str() << "\n";
    return static_cast<bool>(out);
}

double percentile(std::vector<double> values, double fraction) {
    std::sort(values.begin(), values.end());
    const size_t index = std::min(
        values.size() - 1, static_cast<size_t>(fraction * static_cast<double>(values.size())));
    return values[index];
}

// --bench-activity: changes the state before frame `frame` as a user would.
void applyBenchActivity(const std::string& activity, int frame, double startLogit,
                        AppState& state) {
    if (activity == "drag") {
        // The true class's logit swings by ±2 around where it started, a new value every
        // frame: every view that depends on the logits recomputes, as during a real drag.
        setLogit(state, state.model.trueClass, startLogit + 2.0 * std::sin(0.07 * frame));
    } else if ((activity == "train" || activity == "train_drag") && !state.training.playing) {
        ensureTrainingReady(state);
        // Plays from the first frame; a diverged run stays paused, as it would for a user.
        if (state.training.trainable && !trainingDiverged(state.training)) {
            state.training.playing = true;
        }
    }
    if (activity == "train_drag") {
        // Meanwhile a user drags the first point in a circle, a new position every frame, as
        // the mouse does: the views of the points follow it and the worker restarts from it.
        TrainingState& ts = state.training;
        ensureTrainingReady(state);
        if (ts.data.size() == 0) return;
        if (frame == 0) beginPointEdit(ts);
        movePoint(ts, 0, std::cos(0.05 * frame), std::sin(0.05 * frame));
    }
}

// Draw calls of the last rendered frame (one per ImGui draw command).
double drawCallCount() {
    const ImDrawData* data = ImGui::GetDrawData();
    if (!data) return 0.0;
    int calls = 0;
    for (int i = 0; i < data->CmdListsCount; ++i)
        calls += data->CmdLists[i]->CmdBuffer.Size;
    return static_cast<double>(calls);
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

int runGui(const GuiOptions& options) {
    const auto startTime = std::chrono::steady_clock::now();
    // Every frame allocates and frees a few MB (draw lists, the driver's vertex buffers,
    // images). With glibc's default trimming the heap's top shrank and grew again every
    // frame (≈25 brk calls a frame, each growth paid again in page faults): 5-30 ms a frame
    // under the software renderer, depending on where the frees fell. Keep freed memory for
    // reuse instead, and serve large buffers from the heap rather than fresh mmaps.
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    SessionConfig config;
    if (!parseSize(options.sizeText, &config.width, &config.height)) {
        std::fprintf(stderr, "losslab: --size: '%s' is not WxH between 320x240 and 16384x16384\n",
                     options.sizeText.c_str());
        return 2;
    }
    // Saved preferences first, then whatever the command line says explicitly.
    ViewState saved;
    const std::string preferences = settingsPath();
    const bool useSaved = options.screenshotPath.empty() && options.benchFrames == 0;
    if (useSaved) {
        if (auto warning = loadSettings(preferences, &saved)) {
            std::fprintf(stderr, "losslab: %s\n", warning->c_str());
        }
    }
    config.uiScale = options.scalePercent > 0 ? static_cast<float>(options.scalePercent) / 100.0f
                                              : saved.uiScale;
    config.theme = saved.theme;
    if (!options.theme.empty() && !themeFromKey(options.theme, &config.theme)) {
        std::fprintf(stderr, "losslab: --theme: '%s' is not one of %s\n", options.theme.c_str(),
                     joinKeys(sceneThemeKeys()).c_str());
        return 2;
    }
    const bool oneShot = !options.screenshotPath.empty();
    config.headless = options.forceHeadless || (oneShot && !displayAvailable());
    config.vsync = options.benchFrames == 0;
    // A screenshot or a benchmark opens no dialog: it needs no session bus either.
    config.nativeFileDialogs = !oneShot && options.benchFrames == 0;
    if (!config.headless && !displayAvailable()) {
        std::fprintf(stderr,
                     "losslab: no display (DISPLAY is unset), so no window can open.\n"
                     "  Render headless instead:  losslab --screenshot out.png\n"
                     "  or use a virtual display: xvfb-run -a losslab\n");
        return 1;
    }
    std::string error;
    std::unique_ptr<AppSession> session = AppSession::create(config, &error);
    if (!session) {
        std::fprintf(stderr, "losslab: %s\n", error.c_str());
        return 1;
    }
    // The app trains on a thread of its own (training_worker.hpp), from before a scene is opened
    // (the scene's training setup is its first command).
    session->state().training.worker = std::make_shared<TrainingWorker>();
    session->state().view.workspace = saved.workspace;
    session->state().view.layouts = saved.layouts;
    if (!options.scenePath.empty()) {
        if (auto failure = openScene(options.scenePath, session->state())) {
            std::fprintf(stderr, "losslab: --scene: %s\n", failure->c_str());
            return 2;
        }
        session->state().showSceneNote = !session->state().sceneNote.empty() && !oneShot;
    }
    // Command-line view flags win over the scene's.
    if (options.scalePercent > 0) session->state().requests.uiScale = config.uiScale;
    if (!options.theme.empty()) {
        session->state().view.theme = config.theme;
        session->state().requests.theme = true;
    }
    if (!options.lessonPath.empty()) {
        if (auto failure =
                openLesson(session->state(), options.lessonPath, options.lessonStep - 1)) {
            std::fprintf(stderr, "losslab: --lesson: %s\n", failure->c_str());
            return 2;
        }
        const int steps = static_cast<int>(session->state().lesson.lesson->steps.size());
        if (options.lessonStep > steps) {
            std::fprintf(stderr, "losslab: --step: the lesson has %d steps\n", steps);
            return 2;
        }
    }
    if (options.focusGiven) {
        if (auto failure = focusPanels(session->state(), splitPanelList(options.focus))) {
            std::fprintf(stderr, "losslab: --focus: %s\n", failure->c_str());
            return 2;
        }
        // The menu shows the workspace the (first) focused panel belongs to.
        session->state().view.workspace = findPanel(session->state().presenter.focus[0])->workspace;
    }
    if (!options.workspace.empty()) {
        workspaceFromKey(options.workspace, &session->state().view.workspace);
    }
    // Autosave only for interactive sessions (not screenshots or benchmarks).
    std::optional<AutosavePaths> autosaveAt = useSaved ? autosavePaths() : std::nullopt;
    if (autosaveAt) {
        if (auto failure = beginSession(*autosaveAt)) session->state().showToast(*failure, true);
        session->state().uncleanSessions = findUncleanSessions(*autosaveAt);
    }
    // An interactive session ends by a signal as it ends by closing the window.
    if (useSaved) catchEndSignals();
    constexpr double kAutosaveSeconds = 30.0;
    auto lastAutosave = std::chrono::steady_clock::now();

    session->setIdleWaitAllowed(options.benchFrames == 0 && !oneShot);
    session->setIgnoreMouse(options.benchFrames > 0 || oneShot);
    // ImGui needs a couple of frames to settle window sizes before a screenshot is exact.
    // With --bench-frames as well, the screenshot shows the last benchmark frame (e.g. a
    // classifier after 300 frames of training).
    const int screenshotFrame = options.benchFrames > 0 ? std::max(options.benchFrames, 3) : 3;
    std::vector<double> frameMs;
    std::vector<double> frameVertices;   // ImGui vertices drawn: what the rasterizer is fed
    std::vector<double> frameDrawCalls;  // and in how many draw calls
    double firstFrameMs = 0.0;
    int frame = 0;
    const ModelState& initialModel = session->state().model;
    const double startLogit = initialModel.logits[initialModel.trueClass];
    const auto loopStart = std::chrono::steady_clock::now();
    while (!session->shouldClose() && endSignalReceived() == 0) {
        const auto frameStart = std::chrono::steady_clock::now();
        if (options.benchFrames > 0) {
            applyBenchActivity(options.benchActivity, frame, startLogit, session->state());
        }
        session->renderFrame();
        ++frame;
        if (oneShot && frame == screenshotFrame) {
            if (!writePng(session->capture(), options.screenshotPath, &error)) {
                std::fprintf(stderr, "losslab: --screenshot: %s\n", error.c_str());
                return 1;
            }
            session->platform().requestClose();
        }
        session->present();
        if (options.benchFrames > 0) glFinish();  // count the GPU's work in the frame time
        if (frame == 1) firstFrameMs = millisecondsSince(startTime);
        if (options.benchFrames > 0) {  // an interactive session keeps no per-frame record
            frameMs.push_back(millisecondsSince(frameStart));
            frameVertices.push_back(ImGui::GetIO().MetricsRenderVertices);
            frameDrawCalls.push_back(drawCallCount());
        }
        if (autosaveAt && std::chrono::steady_clock::now() - lastAutosave >
                              std::chrono::duration<double>(kAutosaveSeconds)) {
            lastAutosave = std::chrono::steady_clock::now();
            if (auto failure = autosave(*autosaveAt, session->state()))
                session->state().showToast("Autosave failed: " + *failure, true);
        }
        if (!oneShot && options.benchFrames > 0 && frame >= options.benchFrames) {
            session->platform().requestClose();
        }
    }

    const double wallSeconds = millisecondsSince(loopStart) / 1000.0;
    TrainingState& training = session->state().training;
    // Optimizer steps finished while the frames ran (the worker may be inside one more).
    const long long stepsDuringRun =
        training.worker ? training.worker->playStepsFinished() : totalSteps(training);
    // What is saved below is the worker's last state, after it finished what it was given.
    settleTraining(training);
    if (options.benchFrames > 0 && !frameMs.empty()) {
        JsonWriter w;
        w.beginObject();
        w.field("frames", static_cast<int>(frameMs.size()));
        w.field("width", config.width);
        w.field("height", config.height);
        w.field("headless", config.headless);
        w.field("activity", options.benchActivity);
        if (options.benchActivity == "train" || options.benchActivity == "train_drag") {
            w.field("training_steps", static_cast<double>(stepsDuringRun));
        }
        w.field("wall_s", wallSeconds);
        w.field("first_frame_ms", firstFrameMs);
        // The first frame builds the font atlas and compiles the rasterizer's shaders (100+ ms
        // under llvmpipe): it is first_frame_ms, and the frame statistics are of the rest.
        std::vector<double> steady(frameMs.begin() + (frameMs.size() > 1 ? 1 : 0), frameMs.end());
        w.field("p50_ms", percentile(steady, 0.50));
        w.field("p95_ms", percentile(steady, 0.95));
        w.field("max_ms", *std::max_element(steady.begin(), steady.end()));
        w.field("p50_vertices", percentile(frameVertices, 0.50));
        w.field("p50_draw_calls", percentile(frameDrawCalls, 0.50));
        w.endObject();
        std::printf("%s\n", w.str().c_str());
    }
    if (useSaved) saveSettings(preferences, session->state().view);
    if (autosaveAt) {
        if (auto failure = endSession(*autosaveAt, session->state()))
            std::fprintf(stderr, "losslab: the session was not saved: %s\n", failure->c_str());
    }
    if (!options.statePath.empty() && !writeStateJson(session->state(), options.statePath)) {
        std::fprintf(stderr, "losslab: cannot write state to '%s'\n", options.statePath.c_str());
    }
    // No thread outlives the window: the worker ends here, before the session closes it.
    training.worker.reset();
    return 0;
}

}  // namespace losslab
