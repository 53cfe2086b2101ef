#include "session/figure_runner.hpp"

#include <cstdio>
#include <filesystem>

#include "io/scene_io.hpp"
#include "io/video_writer.hpp"
#include "panels/panels.hpp"
#include "plot/figure_file.hpp"
#include "state/model_edit.hpp"
#include "state/training_edit.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

int fail(const char* command, const std::string& message, int code = 2) {
    std::fprintf(stderr, "losslab %s: %s\n", command, message.c_str());
    return code;
}

// The panel to draw, or a message: unknown, or a panel with no plot to draw.
const PanelInfo* figurePanel(const std::string& name, std::string* error) {
    const PanelInfo* panel = findPanel(name);
    if (!panel) {
        *error = "--panel: '" + name + "' is not a panel (see losslab export --list-panels)";
        return nullptr;
    }
    if (!panel->figure) {
        std::string names;
        for (const PanelInfo& each : allPanels()) {
            if (!each.figure) continue;
            names += (names.empty() ? "" : ", ") + std::string(each.name);
        }
        *error = "--panel: '" + name + "' has no figure (panels with one: " + names + ")";
        return nullptr;
    }
    return panel;
}

// The scene (the default one without --scene) applied to a fresh state.
std::optional<std::string> loadState(const std::string& scenePath, AppState* state) {
    if (!scenePath.empty()) {
        if (auto error = openScene(scenePath, *state)) return "--scene: " + *error;
    }
    state->updateDerived();
    return std::nullopt;
}

// Sets the swept parameter to `value`, as the app's controls would.
std::optional<std::string> applySweepValue(AppState& state, const cli::Sweep& sweep, double value) {
    ModelState& m = state.model;
    if (sweep.parameter == "temperature") {
        setTemperature(state, value);
    } else if (sweep.parameter == "smoothing") {
        if (value < 0 || value > 1) return "--sweep: smoothing must stay within 0 to 1";
        setSmoothing(state, value);
    } else if (sweep.parameter == "margin") {
        if (value <= 0) return "--sweep: the margin must stay > 0";
        m.options.margin = value;
        state.touchModel();
    } else if (sweep.parameter == "gamma") {
        if (value < 0) return "--sweep: γ must stay ≥ 0";
        m.options.gamma = value;
        state.touchModel();
    } else {
        if (sweep.logit >= m.classCount()) {
            return "--sweep: logit." + std::to_string(sweep.logit) + ": the scene has " +
                   std::to_string(m.classCount()) + " classes (0 to " +
                   std::to_string(m.classCount() - 1) + ")";
        }
        setLogit(state, sweep.logit, value);
    }
    state.updateDerived();
    return std::nullopt;
}

// "τ = 0.5", "s_cat = 2": the caption of a sweep's page or frame.
std::string sweepCaption(const AppState& state, const cli::Sweep& sweep, double value) {
    char number[32];
    std::snprintf(number, sizeof number, "%.3g", value);
    if (sweep.parameter == "temperature") return std::string("τ = ") + number;
    if (sweep.parameter == "smoothing") return std::string("ε = ") + number;
    if (sweep.parameter == "margin") return std::string("Δ = ") + number;
    if (sweep.parameter == "gamma") return std::string("γ = ") + number;
    return "s_" + state.model.classNames[static_cast<std::size_t>(sweep.logit)] + " = " + number;
}

// Draws the panel's figure in `area`, under `caption` when there is one.
void drawFigure(AppState& state, const PanelInfo& panel, const std::string& caption,
                plot::Canvas& canvas, plot::Rect area) {
    if (!caption.empty()) {
        canvas.text(area.min, canvas.textColor(), caption);
        area.min.y += canvas.fontSize() * 1.4f;
    }
    panel.figure(state, canvas, area);
}

// "step 120 · loss 0.4312 · accuracy 93.3 %": where a training animation is.
std::string stepCaption(const AppState& state) {
    const TrainingState& ts = state.training;
    std::string caption = "step " + std::to_string(totalSteps(ts));
    const std::size_t count = measurementCount(ts);
    if (count > 0) {
        const Measurement m = measurementAt(ts, count - 1);
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, " · loss %.4g · accuracy %.1f %%", m.loss,
                      100.0 * m.accuracy);
        caption += numbers;
    }
    return caption;
}

std::string numberedPath(const std::string& path, int index) {
    const std::filesystem::path p(path);
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%02d", index);
    return (p.parent_path() / (p.stem().string() + suffix + p.extension().string())).string();
}

// What `figure` and `animate` share: the panel, the figure's size and look, the sweep (each end
// checked against the scene before anything is written) and the scene's state.
struct FigureJob {
    const PanelInfo* panel = nullptr;
    plot::FigureSpec spec;
    std::optional<cli::Sweep> sweep;
    std::vector<double> values;  // the sweep's
    std::unique_ptr<AppState> state;
};

struct FigureJobOptions {
    std::string panel, size, theme, sweep, scenePath;
    double dpi = 96.0;
    double fontScale = 1.0;
};

std::optional<std::string> prepareFigureJob(const FigureJobOptions& options, FigureJob* job) {
    std::string error;
    job->panel = figurePanel(options.panel, &error);
    if (!job->panel) return error;
    if (auto sizeError = cli::parseFigureSize(options.size, &job->spec.width, &job->spec.height)) {
        return "--size: " + *sizeError;
    }
    job->spec.dpi = options.dpi;
    job->spec.fontScale = static_cast<float>(options.fontScale);
    const std::optional<plot::FigureTheme> theme = plot::figureThemeFromName(options.theme);
    if (!theme) return "--theme: '" + options.theme + "': use paper, light or dark";
    job->spec.theme = *theme;
    if (auto specError = plot::checkFigureSpec(job->spec)) return *specError;
    if (!options.sweep.empty()) {
        job->sweep.emplace();
        if (auto sweepError = cli::parseSweep(options.sweep, &*job->sweep)) {
            return "--sweep: " + *sweepError;
        }
        job->values = job->sweep->values();
    }
    job->state = std::make_unique<AppState>();
    if (auto loadError = loadState(options.scenePath, job->state.get())) return *loadError;
    if (job->sweep) {
        for (double value : {job->values.front(), job->values.back()}) {
            auto probe = std::make_unique<AppState>();
            loadState(options.scenePath, probe.get());
            if (auto sweepError = applySweepValue(*probe, *job->sweep, value)) return *sweepError;
        }
    }
    return std::nullopt;
}

}  // namespace

int runFigure(const cli::FigureArgs& args) {
    constexpr const char* kCommand = "figure";
    FigureJob job;
    if (auto error = prepareFigureJob({args.panel, args.size, args.theme, args.sweep,
                                       args.scenePath, args.dpi, args.fontScale},
                                      &job)) {
        return fail(kCommand, *error);
    }
    const std::optional<plot::FigureFormat> format = plot::figureFormatFor(args.out);
    if (!format) {
        return fail(kCommand, "--out: '" + args.out + "' needs the extension .png, .svg or .pdf");
    }
    if (job.sweep && *format == plot::FigureFormat::Svg) {
        return fail(kCommand, "--sweep: an SVG has one page: write a .pdf or numbered .png");
    }
    plot::FigureSpec& spec = job.spec;
    spec.transparent = args.transparent;
    AppState* state = job.state.get();
    const PanelInfo* panel = job.panel;
    const std::optional<cli::Sweep>& sweep = job.sweep;
    const std::vector<double>& values = job.values;

    if (!sweep) {
        const auto draw = [&](int, plot::Canvas& canvas, plot::Rect area) {
            drawFigure(*state, *panel, "", canvas, area);
        };
        if (auto writeError = plot::writeFigure(args.out, *format, spec, 1, draw)) {
            return fail(kCommand, *writeError, 1);
        }
        std::printf("%s\n", args.out.c_str());
        return 0;
    }
    const auto drawValue = [&](int page, plot::Canvas& canvas, plot::Rect area) {
        const double value = values[static_cast<std::size_t>(page)];
        applySweepValue(*state, *sweep, value);
        drawFigure(*state, *panel, sweepCaption(*state, *sweep, value), canvas, area);
    };
    if (*format == plot::FigureFormat::Pdf) {
        if (auto writeError = plot::writeFigure(args.out, *format, spec,
                                                static_cast<int>(values.size()), drawValue)) {
            return fail(kCommand, *writeError, 1);
        }
        std::printf("%s\n", args.out.c_str());
        return 0;
    }
    std::vector<std::string> written;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string path = numberedPath(args.out, static_cast<int>(i) + 1);
        const int page = static_cast<int>(i);
        const auto drawOne = [&](int, plot::Canvas& canvas, plot::Rect area) {
            drawValue(page, canvas, area);
        };
        if (auto writeError = plot::writeFigure(path, *format, spec, 1, drawOne)) {
            // All or nothing: the pages already written go too.
            for (const std::string& done : written)
                std::remove(done.c_str());
            return fail(kCommand, *writeError, 1);
        }
        written.push_back(path);
    }
    for (const std::string& path : written)
        std::printf("%s\n", path.c_str());
    return 0;
}

namespace {
// The most steps a surface descent records (surface_panel.cpp's path).
constexpr int kMaxDescendSteps = 150;
constexpr long long kMaxAnimationFrames = 100000;
}  // namespace

int runAnimate(const cli::AnimateArgs& args) {
    constexpr const char* kCommand = "animate";
    const int sources = (args.trainSteps > 0) + (!args.sweep.empty()) + (args.descendSteps > 0);
    if (sources != 1) {
        return fail(kCommand, "give one of --train STEPS, --sweep PARAM=FROM:TO:N, --descend N");
    }
    if (args.trainSteps < 0 || args.descendSteps < 0) {
        return fail(kCommand, "--train and --descend need a positive number");
    }
    if (args.descendSteps > kMaxDescendSteps) {
        return fail(kCommand, "--descend: at most " + std::to_string(kMaxDescendSteps) +
                                  " steps (the surface panel's descent)");
    }
    const long long trainFrames =
        args.trainSteps > 0 ? (args.trainSteps + args.stepsPerFrame - 1) / args.stepsPerFrame : 0;
    if (trainFrames + 1 > kMaxAnimationFrames) {
        return fail(kCommand, "--train: more than " + std::to_string(kMaxAnimationFrames) +
                                  " frames: raise --steps-per-frame");
    }
    FigureJob job;
    if (auto jobError = prepareFigureJob(
            {args.panel, args.size, args.theme, args.sweep, args.scenePath, 96.0, args.fontScale},
            &job)) {
        return fail(kCommand, *jobError);
    }
    std::string error;
    VideoFormat format;
    if (!videoFormatForPath(args.out, &format, &error)) return fail(kCommand, "--out: " + error);
    const plot::FigureSpec& spec = job.spec;
    AppState* state = job.state.get();
    const PanelInfo* panel = job.panel;
    const std::optional<cli::Sweep>& sweep = job.sweep;
    const std::vector<double>& values = job.values;
    if (args.trainSteps > 0) {
        ensureTrainingReady(*state);
        if (!state->training.trainable) {
            return fail(kCommand, "--train: the scene's classifier cannot train: " +
                                      state->training.trainerError);
        }
        // Frames follow the weights every step, as the app does while playing: the region
        // image at the playing resolution.
        state->training.playing = true;
    }

    VideoWriter writer;
    if (!writer.open(args.out, spec.width, spec.height, args.fps, &error)) {
        return fail(kCommand, error, 1);
    }
    Rgba8Image frame;
    std::string caption;
    const auto draw = [&](int, plot::Canvas& canvas, plot::Rect area) {
        drawFigure(*state, *panel, caption, canvas, area);
    };
    const auto addFrame = [&]() -> bool {
        if (auto renderError = plot::renderFigure(spec, draw, 0, &frame)) {
            error = *renderError;
            return false;
        }
        return writer.addFrame(frame.pixels.data(), frame.width * 4, &error);
    };
    bool ok = true;
    if (sweep) {
        for (double value : values) {
            applySweepValue(*state, *sweep, value);
            caption = sweepCaption(*state, *sweep, value);
            if (!(ok = addFrame())) break;
        }
    } else if (args.trainSteps > 0) {
        long long done = 0;
        caption = stepCaption(*state);
        ok = addFrame();  // step 0
        while (ok && done < args.trainSteps) {
            const long long count = std::min<long long>(args.stepsPerFrame, args.trainSteps - done);
            const long long taken = trainSteps(state->training, count);
            done += count;
            caption = stepCaption(*state);
            ok = addFrame();
            if (taken < count) break;  // training stopped (diverged): the last frame says so
        }
    } else {
        caption = "gradient descent on the logits: step 0";
        ok = addFrame();
        for (int i = 0; ok && i < args.descendSteps; ++i) {
            if (!stepSurfaceDescent(*state, +1)) break;  // the descent reached its end
            caption = "gradient descent on the logits: step " + std::to_string(i + 1);
            ok = addFrame();
        }
    }
    if (!ok || !writer.finish(&error)) {
        writer.cancel();
        return fail(kCommand, error, 1);
    }
    std::printf("%s\n", args.out.c_str());
    return 0;
}

}  // namespace losslab
