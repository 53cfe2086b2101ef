// Training: play / pause / step / reset, every setting of the trainer with its tooltip, the
// curves of the run (loss, accuracy, gradient norm) with a read-out of the step under the
// mouse, and the reliability diagram of the current model.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

#include "losslab/dataset_edit.hpp"
#include "panels/keys.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/cache_key.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

// While training plays, the reliability diagram and the objective line (each a pass over the
// data) follow the weights at a few Hz rather than every frame.
constexpr double kReliabilityRefreshSeconds = 0.25;

ImU32 trainColor() {
    return classImColor(1);
}  // sky blue
ImU32 testColor() {
    return classImColor(0);
}  // orange
plot::Color regColor(const plot::Canvas& canvas) {
    return canvas.textColor(0.55f);
}
ImVec4 errorColor() {
    return ImVec4(1.0f, 0.42f, 0.3f, 1.0f);
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

// ---------------------------------------------------------------- transport

// Below the step count: how fast the worker trains, "computing…" while it has not caught up with
// the latest edits, and why Play paused by itself.
void drawProgress(const TrainingState& ts) {
    if (ts.worker && ts.playing && ts.stepsPerSecond > 0.0) {
        ImGui::TextDisabled("%.3g steps/s", ts.stepsPerSecond);
        tooltip("Optimizer updates per second on the training thread");
        ImGui::SameLine();
    }
    if (trainingLags(ts)) {
        ImGui::TextDisabled("computing…");
        tooltip(
            "The training thread is applying your latest changes; the views show the\n"
            "last finished step until it is done.");
    } else if (!ts.stopReason.empty() && !ts.playing) {
        ImGui::TextUnformatted(ts.stopReason.c_str());
        tooltip(
            "The stop rule below paused Play. Change it (0 = off), or press Play to\n"
            "check it again.");
    } else {
        ImGui::NewLine();  // the controls below stay where they are
    }
}

void drawTransport(TrainingState& ts) {
    const float font = ImGui::GetFontSize();
    const ImVec2 big(font * 4.6f, font * 1.9f);
    ImGui::BeginDisabled(!ts.trainable || (trainingDiverged(ts) && !ts.playing));
    if (ImGui::Button(ts.playing ? "‖ Pause" : "▶ Play", big)) togglePlay(ts);
    ImGui::EndDisabled();
    tooltip("Train continuously (Space)");
    ImGui::SameLine();
    ImGui::BeginDisabled(!ts.trainable || trainingDiverged(ts));
    if (ImGui::Button("Step", ImVec2(font * 3.4f, big.y))) {
        pauseTraining(ts);
        trainSteps(ts, 1);
    }
    ImGui::EndDisabled();
    tooltip("One optimizer update (S; hold to repeat)");
    ImGui::SameLine();
    if (ImGui::Button("Reset", ImVec2(font * 3.4f, big.y))) restartTraining(ts);
    tooltip("Start over from the initial weights (Shift+R)");

    ImGui::SetNextItemWidth(font * 8.0f);
    ImGui::SliderInt("##spf", &ts.stepsPerFrame, 1, kMaxStepsPerFrame,
                     ts.stepsPerFrame == 1 ? "%d step / frame" : "%d steps / frame",
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    tooltip("Optimizer updates per frame while playing (capped at ~12 ms of work per frame)");
    ImGui::SameLine();
    ImGui::Text("step %lld", totalSteps(ts));
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "%lld optimizer updates since the run started; this segment is in\n"
            "epoch %lld (data edits and setting changes start a new segment)",
            totalSteps(ts), trainingEpochs(ts));
    }
    drawProgress(ts);
}

// A lasting problem (no points to train on) stays in the panel; what a settings change did
// ("training restarted") or why one was refused is a toast, so that the controls never move
// under the mouse.
void drawMessages(AppState& state, TrainingState& ts) {
    if (!ts.notice.empty()) {
        state.showToast(ts.notice, ts.noticeIsError);
        ts.notice.clear();
        ts.noticeIsError = false;
    }
    if (ts.trainerError.empty()) return;
    const float wrap = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextColored(errorColor(), "%s", ts.trainerError.c_str());
    ImGui::PopTextWrapPos();
}

// ---------------------------------------------------------------- settings

// The labelled rows of the settings table; each control fills the second column. A row's help
// shows when the label or the control is hovered: the control is the last item when the next
// row starts (or at finish()), so its tooltip is given then. A control that the current loss
// or optimizer does not use is greyed out (disabled until the row ends), and its help says so.
class SettingsRows {
  public:
    void next(const char* label, std::string help, bool used = true) {
        finish();
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (used) {
            ImGui::TextUnformatted(label);
        } else {
            ImGui::TextDisabled("%s", label);
        }
        help_ = std::move(help);
        used_ = used;
        showHelp();
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(!used);  // until the row ends (the next row, or finish())
        open_ = true;
        ImGui::SetNextItemWidth(-1);
    }
    void finish() {
        if (!help_.empty() && !ImGui::IsItemActive()) showHelp();
        help_.clear();
        if (open_) ImGui::EndDisabled();
        open_ = false;
    }

  private:
    void showHelp() const {
        if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
        ImGui::SetTooltip("%s%s", help_.c_str(),
                          used_ ? "" : "\n\nNot used by the current loss or optimizer.");
    }
    std::string help_;
    bool used_ = true;
    bool open_ = false;  // a row's BeginDisabled awaits its EndDisabled
};

bool sliderDouble(const char* id, double* value, float lo, float hi, const char* format,
                  ImGuiSliderFlags flags = 0) {
    float v = static_cast<float>(*value);
    if (!ImGui::SliderFloat(id, &v, lo, hi, format, flags | ImGuiSliderFlags_AlwaysClamp)) {
        return false;
    }
    *value = static_cast<double>(v);
    return true;
}

void drawSettings(TrainingState& ts) {
    TrainerConfig next = ts.config;
    LossOptions& o = next.lossOptions;
    bool changed = false;
    if (!ImGui::BeginTable("settings", 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("momentum μ ").x);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);

    SettingsRows row;
    row.next("loss", "The loss the classifier is trained with (docs/math.md):\n" +
                         std::string(lossFormula(next.loss)));
    const std::string current(lossName(next.loss));
    if (ImGui::BeginCombo("##loss", current.c_str())) {
        for (Loss loss : kAllLosses) {
            const std::string name(lossName(loss));
            if (ImGui::Selectable(name.c_str(), loss == next.loss)) {
                next.loss = loss;
                changed = true;
            }
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", std::string(lossFormula(loss)).c_str());
            }
        }
        ImGui::EndCombo();
    }

    row.next("τ",
             "Temperature: probabilities are softmax(s / τ). Used by the losses built on\n"
             "softmax; the hinge losses work on raw scores.",
             usesTemperature(next.loss));
    changed |=
        sliderDouble("##T", &o.temperature, 0.05f, 20.0f, "τ = %.2f", ImGuiSliderFlags_Logarithmic);

    row.next("ε",
             "Label smoothing: the target is (1 − ε)·one-hot + ε/K. The hinge losses ignore it.",
             !isHinge(next.loss));
    changed |= sliderDouble("##eps", &o.smoothing, 0.0f, 1.0f, "ε = %.2f");

    row.next("Δ",
             "Margin of the hinge losses: a point is done when its class's score beats every\n"
             "other by Δ (the margin lines in the Classifier panel).",
             isHinge(next.loss));
    changed |=
        sliderDouble("##margin", &o.margin, 0.05f, 10.0f, "Δ = %.2f", ImGuiSliderFlags_Logarithmic);

    row.next("γ",
             "Focusing parameter of the focal loss: (1 − p_y)^γ down-weights easy points;\n"
             "γ = 0 is cross-entropy.",
             next.loss == Loss::Focal);
    changed |= sliderDouble("##gamma", &o.gamma, 0.0f, 5.0f, "γ = %.2f");

    row.next("optimizer",
             "sgd: θ ← θ − lr·v with momentum v ← μv + g (PyTorch's SGD).\n"
             "adam: β1 0.9, β2 0.999, ε 1e-8, bias-corrected (PyTorch's Adam).\n"
             "adamw: adam with the L2 penalty decoupled (PyTorch's AdamW): each step first\n"
             "shrinks W by (1 − 2·lr·λ2), and the penalty stays out of the gradient.");
    const std::string currentOptimizer(optimizerKey(next.optimizer));
    if (ImGui::BeginCombo("##optimizer", currentOptimizer.c_str())) {
        for (Optimizer optimizer : kAllOptimizers) {
            const std::string key(optimizerKey(optimizer));
            if (ImGui::Selectable(key.c_str(), optimizer == next.optimizer)) {
                next.optimizer = optimizer;
                // Only sgd has a momentum (adam and adamw have their own β1).
                if (optimizer != Optimizer::Sgd) next.momentum = 0.0;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }

    row.next("learning rate",
             "Step size lr (log scale). Too large and training diverges: the loss\n"
             "overflows and training stops with a message.");
    changed |= sliderDouble("##lr", &next.learningRate, 1e-4f, 10.0f, "lr = %.4g",
                            ImGuiSliderFlags_Logarithmic);

    row.next("momentum μ", "SGD momentum: v ← μ v + g, θ ← θ − lr·v (0 = plain gradient descent).",
             next.optimizer == Optimizer::Sgd);
    changed |= sliderDouble("##momentum", &next.momentum, 0.0f, 0.99f, "μ = %.2f");

    row.next("batch",
             "Mini-batch size B; 0 = full batch (every training point in every step).\n"
             "Mini-batches come from a seeded shuffle per epoch.");
    const int maxBatch =
        std::max(2, static_cast<int>(std::min<Eigen::Index>(ts.train.size(), 100000)));
    int batch = static_cast<int>(std::min<Eigen::Index>(next.batchSize, maxBatch));
    if (ImGui::SliderInt("##batch", &batch, 0, maxBatch, batch == 0 ? "full batch" : "B = %d",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
        next.batchSize = batch;
        changed = true;
    }

    row.next("L2 λ2",
             "Weight decay term λ2·‖W‖²_F of the objective (the bias is not regularized).");
    changed |= sliderDouble("##l2", &next.l2, 0.0f, 1.0f, "%.5f", ImGuiSliderFlags_Logarithmic);
    row.next("L1 λ1", "Sparsity term λ1·‖W‖₁ of the objective (subgradient sign(W), sign(0) = 0).");
    changed |= sliderDouble("##l1", &next.l1, 0.0f, 1.0f, "%.5f", ImGuiSliderFlags_Logarithmic);

    row.next("init",
             "Initial weights: zeros, or small Gaussian N(0, 0.01²) from the seed.\n"
             "Changing it restarts training.");
    int init = static_cast<int>(next.init);
    if (ImGui::Combo("##init", &init, "zeros\0random\0")) {
        next.init = static_cast<Initialization>(init);
        changed = true;
    }
    row.next("seed",
             "Seed of the random initialization and of the mini-batch shuffles.\n"
             "Changing it restarts training.");
    int seed = static_cast<int>(next.seed);
    if (ImGui::InputInt("##tseed", &seed)) {
        next.seed = static_cast<std::uint64_t>(std::max(seed, 0));
        changed = true;
    }

    row.next("features",
             "φ(x) the classifier sees: linear [x1, x2]; poly2 adds x1², x1·x2, x2²;\n"
             "poly3 adds the cubes; rbf is 25 Gaussian bumps on a 5 x 5 grid over\n"
             "[−1, 1]² (width σ). Changing it restarts training.");
    int features = static_cast<int>(next.features);
    if (ImGui::Combo("##features", &features, "linear\0poly2\0poly3\0rbf\0")) {
        next.features = static_cast<FeatureMap>(features);
        changed = true;
    }
    if (next.features == FeatureMap::Rbf) {
        row.next("rbf width σ",
                 "Width of each Gaussian bump exp(−|x − c|²/(2σ²)); the grid spacing\n"
                 "is 0.5. Changing it restarts training.");
        float width = static_cast<float>(next.rbfWidth);
        ImGui::SliderFloat("##rbf", &width, 0.1f, 2.0f, "σ = %.2f", ImGuiSliderFlags_AlwaysClamp);
        // Every change restarts training, so it is applied when the slider is let go.
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            next.rbfWidth = width;
            changed = true;
        } else if (ImGui::IsItemActive()) {
            ImGui::SetTooltip("applied when you let go");
        }
    }
    row.finish();
    ImGui::EndTable();
    if (changed) {
        if (auto error = applyTrainerConfig(ts, next)) {
            ts.notice = *error;
            ts.noticeIsError = true;
        }
    }
}

// "Stop when train loss < x or after N steps": two fields, 0 (or empty) = off.
void drawStopRule(TrainingState& ts) {
    ImGui::Separator();
    TrainingStopRule rule = ts.stopRule;
    const float font = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("stop when loss <");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 4.5f);
    bool changed = ImGui::InputDouble("##stop-loss", &rule.lossBelow, 0.0, 0.0, "%g");
    tooltip(
        "Play pauses once the training loss (the objective, regularization included) falls\n"
        "below this value. 0 or empty: off. Saved with the scene.");
    ImGui::SameLine();
    ImGui::TextUnformatted("or after");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 4.5f);
    changed |= ImGui::InputScalar("##stop-steps", ImGuiDataType_S64, &rule.afterSteps);
    tooltip(
        "Play pauses when the run reaches this many optimizer updates (counted from the\n"
        "last Reset). 0 or empty: off. Saved with the scene.");
    ImGui::SameLine();
    ImGui::TextUnformatted("steps");
    if (changed) {
        // Negative or not-a-number input means off, as an empty field does.
        if (!(rule.lossBelow > 0.0) || !std::isfinite(rule.lossBelow)) rule.lossBelow = 0.0;
        rule.afterSteps = std::max(rule.afterSteps, 0LL);
        setStopRule(ts, rule);
    }
}

// Lecture 004's W versus 2W and lecture 002's weight decay: scale the current W, see the data
// loss and the regularization term apart, and the update that the settings amount to.
void drawRegularization(TrainingState& ts) {
    const TrainerConfig& c = ts.config;
    ImGui::Separator();
    const bool haveWeights = hasWeights(ts);
    if (!haveWeights) ImGui::BeginDisabled();
    ImGui::TextUnformatted("scale W by");
    for (const double factor : {0.5, 2.0}) {
        ImGui::SameLine();
        char label[16];
        std::snprintf(label, sizeof label, "×%g", factor);
        if (ImGui::Button(label)) scaleWeights(ts, factor);
    }
    if (!haveWeights) ImGui::EndDisabled();
    tooltip(
        "Multiplies the current W and b by c: every score becomes c times what it was and\n"
        "the decision regions stay. On separable data the hinge's data loss stays 0 for W and\n"
        "2W alike; only the regularizer λ2‖W‖² (×c²) tells them apart (lecture 004).");
    if (const std::optional<Measurement>& now = ts.curves.objectiveNow) {
        const Measurement& m = *now;
        ImGui::Text("data %.4g + reg %.4g = %.4g", m.dataLoss, m.regLoss, m.loss);
        tooltip("The objective on the training set: mean loss + λ2‖W‖²_F + λ1‖W‖₁");
    }
    ImGui::PushTextWrapPos(0.0f);
    if (c.l1 > 0.0 && c.l2 > 0.0) {
        ImGui::TextDisabled("elastic net: λ1‖W‖₁ + λ2‖W‖²_F");
    }
    const double decay = 1.0 - 2.0 * c.learningRate * c.l2;
    if (c.l2 > 0.0 && c.optimizer == Optimizer::Sgd && c.momentum == 0.0) {
        ImGui::TextDisabled("w ← (1 − 2ηλ2)w − η∇L_data = %.6g·w − %g·∇L_data", decay,
                            c.learningRate);
        tooltip(
            "Plain SGD with the L2 term shrinks W by a constant factor every step:\n"
            "weight decay (lecture 002).");
    } else if (c.l2 > 0.0 && c.optimizer == Optimizer::AdamW) {
        ImGui::TextDisabled("w ← %.6g·w − η·(Adam step of ∇L_data): decay decoupled", decay);
    }
    ImGui::PopTextWrapPos();
}

// ---------------------------------------------------------------- curves

// Keeps at most two points per pixel column of [x0, x1] over `pixels` columns: the smallest
// and the largest value that fall in it, in the order they occur. Non-finite values are
// dropped. A line through them looks the same as one through every point.
void decimate(const std::vector<double>& xs, const std::vector<double>& ys, double x0, double x1,
              int pixels, std::vector<double>* outX, std::vector<double>* outY) {
    outX->clear();
    outY->clear();
    const std::size_t n = std::min(xs.size(), ys.size());
    if (n <= static_cast<std::size_t>(2 * pixels)) {
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(ys[i])) continue;
            outX->push_back(xs[i]);
            outY->push_back(ys[i]);
        }
        return;
    }
    const double perPixel = (x1 - x0) / std::max(pixels, 1);
    std::size_t i = 0;
    while (i < n) {
        const long long column = static_cast<long long>(std::floor((xs[i] - x0) / perPixel));
        std::size_t lo = n, hi = n;
        for (; i < n && static_cast<long long>(std::floor((xs[i] - x0) / perPixel)) == column;
             ++i) {
            if (!std::isfinite(ys[i])) continue;
            if (lo == n || ys[i] < ys[lo]) lo = i;
            if (hi == n || ys[i] > ys[hi]) hi = i;
        }
        if (lo == n) continue;
        const std::size_t first = std::min(lo, hi), second = std::max(lo, hi);
        outX->push_back(xs[first]);
        outY->push_back(ys[first]);
        if (second != first) {
            outX->push_back(xs[second]);
            outY->push_back(ys[second]);
        }
    }
}

enum class Series {
    Loss,
    DataLoss,
    RegLoss,
    TestLoss,
    Accuracy,
    TestAccuracy,
    GradNorm,
    WeightNorm
};

double seriesValue(const Measurement& m, Series s) {
    switch (s) {
        case Series::Loss:
            return m.loss;
        case Series::DataLoss:
            return m.dataLoss;
        case Series::RegLoss:
            return m.regLoss;
        case Series::TestLoss:
            return m.testLoss;
        case Series::Accuracy:
            return m.accuracy;
        case Series::TestAccuracy:
            return m.testAccuracy;
        case Series::GradNorm:
            return m.gradNorm;
        case Series::WeightNorm:
            return m.weightNorm;
    }
    return 0.0;
}

double shown(double value, bool logScale) {
    if (!logScale) return value;
    return value > 0 ? std::log10(value) : std::nan("");
}

struct CurvePlot {
    const char* id;
    const char* label;
    std::vector<std::pair<Series, plot::Color>> series;
    bool logScale;
    bool unitRange;  // accuracy: y in [0, 1]
};

// The y range that shows every series of `spec`.
plot::Range curveRange(const TrainingState& ts, const CurvePlot& spec) {
    if (spec.unitRange) return {0.0, 1.0};
    const std::size_t n = measurementCount(ts);
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double lo = kInf, hi = -kInf;
    for (std::size_t i = 0; i < n; ++i) {
        const Measurement m = measurementAt(ts, i);
        for (const auto& [series, color] : spec.series) {
            const double v = shown(seriesValue(m, series), spec.logScale);
            if (!std::isfinite(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!std::isfinite(lo)) {
        lo = spec.logScale ? -2.0 : 0.0;
        hi = 1.0;
    }
    if (!spec.logScale) lo = std::min(lo, 0.0);
    const double pad = std::max((hi - lo) * 0.06, spec.logScale ? 0.05 : 1e-6);
    hi += pad;
    if (spec.logScale) lo -= pad;
    return {lo, hi};
}

plot::PlotOptions curveOptions(const CurvePlot& spec, float font) {
    plot::PlotOptions options;
    options.yLabel = spec.label;
    options.zeroLine = false;
    options.leftMargin = font * 3.4f;
    return options;
}

// The axes, the marks of data edits, and every series of `spec`, thinned to the pixels.
void drawCurveContents(TrainingState& ts, const CurvePlot& spec, plot::Plot& plot, double xMax) {
    TrainingPanelState& ui = ts.curves;
    const std::size_t n = measurementCount(ts);
    plot.axes();
    // Where the data or settings changed: faint vertical lines.
    // One line a pixel column: a point dragged while training restarts the run every frame.
    float lastColumn = -1.0f;
    for (long long step : ts.run.dataEdits) {
        const float column = std::floor(plot.transform().toPixelX(static_cast<double>(step)));
        if (step <= 0 || column == lastColumn) continue;
        lastColumn = column;
        plot.vline(static_cast<double>(step), plot.textColor(0.18f), 1.0f);
    }
    const int pixels = static_cast<int>(plot.transform().width);
    for (const auto& [series, color] : spec.series) {
        ui.xs.clear();
        ui.ys.clear();
        for (std::size_t i = 0; i < n; ++i) {
            const Measurement m = measurementAt(ts, i);
            ui.xs.push_back(static_cast<double>(m.step));
            ui.ys.push_back(shown(seriesValue(m, series), spec.logScale));
        }
        decimate(ui.xs, ui.ys, 0.0, xMax, pixels, &ui.plotXs, &ui.plotYs);
        // Training curves are drawn wide and test curves narrow on top, so that both stay
        // visible where they coincide; the data and regularization parts are thin.
        float thickness = 1.2f;
        if (series == Series::Loss || series == Series::Accuracy || series == Series::GradNorm ||
            series == Series::WeightNorm) {
            thickness = 3.0f;
        } else if (series == Series::TestLoss || series == Series::TestAccuracy) {
            thickness = 1.6f;
        }
        if (ui.plotXs.size() == 1) {
            plot.marker(ui.plotXs[0], ui.plotYs[0], color, 3.0f);
        } else {
            plot.polyline(ui.plotXs, ui.plotYs, color, thickness);
        }
    }
}

void drawCurvePlot(TrainingState& ts, const CurvePlot& spec, float height, double xMax, int slot) {
    TrainingPanelState& ui = ts.curves;
    plot::ScreenPlot plot(spec.id, ImVec2(-1, height), {0.0, xMax}, curveRange(ts, spec),
                          curveOptions(spec, ImGui::GetFontSize()));
    ui.curveTransforms[static_cast<std::size_t>(slot)] = plot.transform();
    drawCurveContents(ts, spec, plot, xMax);
    if (ui.hoverStep >= 0) plot.vline(static_cast<double>(ui.hoverStep), plot.textColor(0.6f));
}

// The three curves (loss, accuracy, gradient or weight norm) with their series' colours on
// `canvas`, and their legend.
struct CurveSet {
    CurvePlot loss, accuracy, bottom;
    plot::LegendEntries legend;
};

CurveSet curveSet(const TrainingState& ts, const plot::Canvas& canvas) {
    const TrainingPanelState& ui = ts.curves;
    const bool hasTest = ts.test.size() > 0;
    const bool regularized = ts.config.l1 > 0 || ts.config.l2 > 0;
    CurveSet set;
    set.legend = {{"train", trainColor()}};
    if (hasTest) set.legend.push_back({"test", testColor()});
    if (regularized) {
        set.legend.push_back({"data part", plot::withAlpha(trainColor(), 0.55f)});
        set.legend.push_back({"reg part", regColor(canvas)});
    }
    const bool edited = std::any_of(ts.run.dataEdits.begin(), ts.run.dataEdits.end(),
                                    [](long long step) { return step > 0; });
    if (edited) set.legend.push_back({"changes", canvas.textColor(0.25f)});  // data or settings
    set.loss = {"loss-curve", ui.logLoss ? "log₁₀ loss" : "loss", {}, ui.logLoss, false};
    if (regularized) {
        set.loss.series.push_back({Series::DataLoss, plot::withAlpha(trainColor(), 0.55f)});
        set.loss.series.push_back({Series::RegLoss, regColor(canvas)});
    }
    set.loss.series.push_back({Series::Loss, trainColor()});
    if (hasTest) set.loss.series.push_back({Series::TestLoss, testColor()});
    set.accuracy = {"accuracy-curve", "accuracy", {{Series::Accuracy, trainColor()}}, false, true};
    if (hasTest) set.accuracy.series.push_back({Series::TestAccuracy, testColor()});
    const char* bottomLabel =
        ui.weightNorm ? (ui.logLoss ? "log₁₀ ‖W‖" : "‖W‖") : (ui.logLoss ? "log₁₀ ‖∇L‖" : "‖∇L‖");
    set.bottom = {
        "grad-curve",
        bottomLabel,
        {{ui.weightNorm ? Series::WeightNorm : Series::GradNorm, canvas.textColor(0.85f)}},
        ui.logLoss,
        false};
    return set;
}

double curveStepRange(const TrainingState& ts) {
    return std::max(10.0, static_cast<double>(totalSteps(ts)) * 1.02);
}

// The index of the measurement at or just before `step` (measurements are in step order).
std::size_t measurementNear(const TrainingState& ts, long long step) {
    std::size_t lo = 0, hi = measurementCount(ts);
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        if (measurementAt(ts, mid).step <= step) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void drawHoverReadout(const TrainingState& ts) {
    const TrainingPanelState& ui = ts.curves;
    if (ui.hoverStep < 0 || measurementCount(ts) == 0) return;
    const Measurement m = measurementAt(ts, measurementNear(ts, ui.hoverStep));
    ImGui::BeginTooltip();
    ImGui::Text("step %lld", m.step);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(trainColor()),
                       "train loss %.5g  (data %.5g + reg %.3g)", m.loss, m.dataLoss, m.regLoss);
    if (m.hasTest) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(testColor()), "test loss %.5g",
                           m.testLoss);
    }
    ImGui::Text("accuracy %.1f %%%s", 100.0 * m.accuracy, m.hasTest ? "" : "  (no test set)");
    if (m.hasTest) {
        ImGui::SameLine(0, 0);
        ImGui::Text(", test %.1f %%", 100.0 * m.testAccuracy);
    }
    ImGui::Text("‖∇L‖ = %.4g   ‖W‖ = %.4g", m.gradNorm, m.weightNorm);
    ImGui::EndTooltip();
}

void drawDivergenceBanner(const TrainingState& ts) {
    if (!trainingDiverged(ts) || !ts.trainable) return;
    // Prominent: training stopped, and why.
    const float font = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string text = "■ " + trainingMessage(ts) + " Lower it, then press Play.";
    const float height =
        ImGui::CalcTextSize(text.c_str(), nullptr, false, width - font).y + font * 0.8f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(p, {p.x + width, p.y + height}, IM_COL32(200, 50, 30, 70), 4.0f);
    draw->AddRect(p, {p.x + width, p.y + height}, IM_COL32(230, 90, 60, 255), 4.0f, 0, 1.5f);
    ImGui::SetCursorScreenPos({p.x + font * 0.5f, p.y + font * 0.4f});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - font);
    ImGui::TextColored(errorColor(), "%s", text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos({p.x, p.y + height + font * 0.3f});
}

void drawReliability(TrainingState& ts, bool controls);

// `controls`: the toggles above the curves (hidden by the presenter).
void drawCurves(TrainingState& ts, bool controls) {
    TrainingPanelState& ui = ts.curves;
    const float font = ImGui::GetFontSize();
    // The step under the mouse, from last frame's plots (they share the step axis).
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    ui.hoverStep = -1;
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && measurementCount(ts) > 0) {
        for (const plot::Transform& t : ui.curveTransforms) {
            if (mouse.x >= t.left && mouse.x <= t.left + t.width && mouse.y >= t.top &&
                mouse.y <= t.top + t.height) {
                ui.hoverStep =
                    std::max(0LL, static_cast<long long>(std::llround(t.toDataX(mouse.x))));
            }
        }
    }
    drawDivergenceBanner(ts);

    const plot::ImGuiCanvas screen(ImGui::GetWindowDrawList(), nullptr);
    const CurveSet curves = curveSet(ts, screen);
    if (controls) {
        ImGui::Checkbox("log y", &ui.logLoss);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Logarithmic loss and gradient-norm axes (log₁₀ of the value)");
        }
        ImGui::SameLine();
        ImGui::Checkbox("‖W‖", &ui.weightNorm);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "The bottom curve shows the size of the weights ‖W‖_F instead of the gradient.\n"
                "On separable data cross-entropy keeps growing W (every p_y creeps towards 1),\n"
                "while the hinge losses stop once every point clears the margin.");
        }
        ImGui::SameLine(0, font * 1.5f);
    }
    plot::legend(curves.legend);

    const double xMax = curveStepRange(ts);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Below 18 lines of text the charts would be slivers: they keep that height and the panel
    // scrolls instead.
    const float height = std::max(avail.y, font * 18.0f);
    drawCurvePlot(ts, curves.loss, height * 0.40f, xMax, 0);
    drawCurvePlot(ts, curves.accuracy, height * 0.24f, xMax, 1);
    // Bottom row: the gradient norm beside the reliability diagram.
    const float rowHeight = std::max(ImGui::GetContentRegionAvail().y, height * 0.36f);
    const float gradWidth = avail.x * 0.5f;
    ImGui::BeginChild("grad-norm", ImVec2(gradWidth, rowHeight), false);
    drawCurvePlot(ts, curves.bottom, -1, xMax, 2);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("reliability", ImVec2(0, rowHeight), false);
    drawReliability(ts, controls);
    ImGui::EndChild();
    drawHoverReadout(ts);
}

// ---------------------------------------------------------------- calibration

void refreshReliability(TrainingState& ts, double now) {
    TrainingPanelState& ui = ts.curves;
    const LinearClassifier* model = displayModel(ts);
    const Dataset& set = ui.reliabilityOnTest ? ts.test : ts.train;
    const double temperature = displayTemperature(ts);
    const std::uint64_t key = cacheKey(
        {static_cast<double>(ts.modelRevision), static_cast<double>(ts.dataRevision),
         ui.reliabilityOnTest ? 1.0 : 0.0, static_cast<double>(ui.reliabilityBins), temperature});
    if (std::optional<ReliabilityResult> done = ui.reliabilityJob.take()) {
        ui.reliability = std::move(done->diagram);
        ui.reliabilityError = std::move(done->error);
    }
    if (key == ui.reliabilityKey) return;
    // While training plays (or a point is dragged) the inputs change every frame: a few
    // updates a second suffice.
    const bool busy = ts.playing || ts.classifier.drag == ClassifierDrag::MovePoint;
    if (busy && now - ui.reliabilityTime < kReliabilityRefreshSeconds) return;
    if (!model) {
        ui.reliabilityKey = key;
        ui.reliabilityError.clear();
        ui.reliability = ReliabilityDiagram{};
        return;
    }
    const bool offThread = set.size() >= kOffThreadScoringPoints;
    // A job still running: try again next frame (before copying the points for a new one).
    if (offThread && ui.reliabilityJob.busy()) return;
    const bool onTest = &set == &ts.test;
    auto compute = [model = *model, config = ts.config, points = sharedPoints(ts), onTest,
                    temperature, bins = ui.reliabilityBins] {
        ReliabilityResult result;
        Dataset train, test;
        splitByMask(points->data, points->isTest, &train, &test);
        const Dataset& shown = onTest ? test : train;
        const RowMatrix scores =
            model.scores(computeFeatures(config.features, shown.points, config.rbfWidth));
        if (auto error =
                reliabilityFromScores(scores, shown.labels, temperature, bins, &result.diagram)) {
            result.error = *error;
            result.diagram = ReliabilityDiagram{};
        }
        return result;
    };
    if (offThread) {
        // A pass over many points: off the UI thread (the last diagram stays meanwhile).
        if (!ui.reliabilityJob.start(compute)) return;
    } else {
        ReliabilityResult result = compute();
        ui.reliability = std::move(result.diagram);
        ui.reliabilityError = std::move(result.error);
    }
    ui.reliabilityKey = key;
    ui.reliabilityTime = now;
}

void drawReliability(TrainingState& ts, bool controls) {
    TrainingPanelState& ui = ts.curves;
    const float font = ImGui::GetFontSize();
    const ReliabilityDiagram& d = ui.reliability;
    ImGui::Text("ECE %.1f %%", 100.0 * d.ece);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Reliability diagram of the %s set (%lld points).\n"
            "Bars: accuracy of the points whose confidence max p falls in each bin; the\n"
            "diagonal is perfect calibration; red: the gap to the bin's mean confidence.\n"
            "ECE = Σ (n_b/N)·|acc_b − conf_b| = %.2f %%, largest gap (MCE) %.1f %%.\n"
            "p = softmax(s/τ)%s.",
            ui.reliabilityOnTest && ts.test.size() > 0 ? "test" : "training",
            static_cast<long long>(d.total), 100.0 * d.ece, 100.0 * d.mce,
            isHinge(ts.config.loss) ? "; the hinge losses do not train probabilities" : "");
    }
    if (controls) {
        ImGui::SameLine();
        ImGui::BeginDisabled(ts.test.size() == 0);
        bool onTest = ui.reliabilityOnTest && ts.test.size() > 0;
        if (ImGui::Checkbox("test set", &onTest)) ui.reliabilityOnTest = onTest;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            ImGui::SetTooltip("Show the test set instead of the training set");
        }
    }
    plot::PlotOptions options;
    options.xLabel = "confidence";
    options.zeroLine = false;
    options.leftMargin = font * 2.4f;
    plot::ScreenPlot plot("reliability", ImVec2(-1, -1), {0.0, 1.0}, {0.0, 1.0}, options);
    plot.axes();
    const ImU32 bar = plot::withAlpha(accentColor(), 0.75f);
    const ImU32 gap = IM_COL32(230, 70, 50, 110);
    for (const ReliabilityBin& bin : d.bins) {
        if (bin.count == 0) continue;
        plot.rect(bin.lower, 0.0, bin.upper, bin.accuracy, bar,
                  plot::withAlpha(accentColor(), 1.0f));
        plot.rect(bin.lower + 0.15 * (bin.upper - bin.lower), bin.accuracy,
                  bin.upper - 0.15 * (bin.upper - bin.lower), bin.meanConfidence, gap);
    }
    plot.line(0, 0, 1, 1, plot::textColor(0.6f), 1.2f);
    if (plot.hovered() && !d.bins.empty()) {
        const double x = std::clamp(plot.mouseX(), 0.0, 0.999999);
        const ReliabilityBin& bin =
            d.bins[static_cast<std::size_t>(x * static_cast<double>(d.bins.size()))];
        ImGui::SetTooltip(
            "confidence %.2f – %.2f\n%lld points\naccuracy %.1f %%\nmean confidence %.1f %%",
            bin.lower, bin.upper, static_cast<long long>(bin.count), 100.0 * bin.accuracy,
            100.0 * bin.meanConfidence);
    }
}

void refreshObjective(TrainingState& ts, double now) {
    TrainingPanelState& ui = ts.curves;
    if (!hasWeights(ts)) {
        ui.objectiveNow.reset();
        return;
    }
    const std::uint64_t key =
        cacheKey({static_cast<double>(ts.modelRevision), static_cast<double>(ts.configRevision),
                  static_cast<double>(totalSteps(ts))});
    if (key == ui.objectiveKey) return;
    if (ts.playing && ui.objectiveTime >= 0 &&
        now - ui.objectiveTime < kReliabilityRefreshSeconds) {
        return;
    }
    ui.objectiveKey = key;
    ui.objectiveTime = now;
    ui.objectiveNow = measureModel(ts);
}

// Shortcuts of the Training workspace. The main frame's global handler leaves to this one the
// keys that mean something else in the Logit Lab (digits, R, Ctrl+Z).
void handleTrainingKeys(AppState& state) {
    TrainingState& ts = state.training;
    const ImGuiIO& io = ImGui::GetIO();
    if (state.view.workspace != Workspace::Training || io.WantTextInput) return;
    auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    if (io.KeyCtrl) {
        if (pressed(keys::kZ)) {
            if (io.KeyShift) {
                redoPointEdit(ts);
            } else {
                undoPointEdit(ts);
            }
        } else if (pressed(keys::kY)) {
            redoPointEdit(ts);
        }
        return;
    }
    if (pressed(keys::kSpace)) togglePlay(ts);
    if (pressed(keys::kS, true) && !io.KeyShift) {
        pauseTraining(ts);
        trainSteps(ts, 1);
    }
    if (pressed(keys::kR) && io.KeyShift) restartTraining(ts);
    // 1–9 pick the class of new points; one past the last class adds a class.
    for (int digit = 1; digit <= 9; ++digit) {
        if (pressed(keys::kDigit0 + digit) && digit - 1 <= ts.data.classes &&
            digit - 1 < kMaxTrainingClasses) {
            ts.currentClass = digit - 1;
        }
    }
}

}  // namespace

void updateTrainingPanel(AppState& state, bool visible) {
    TrainingState& ts = state.training;
    // First use (or a new scene): the dataset and the trainer. A run that plays keeps playing
    // while another workspace is on screen.
    if (visible || ts.playing || state.view.workspace == Workspace::Training) {
        ensureTrainingReady(state);
    }
    syncTrainingWorker(ts);
    handleTrainingKeys(state);
    playFrame(ts);
    if (visible) refreshReliability(ts, state.clockSeconds);
    if (visible) refreshObjective(ts, state.clockSeconds);
}

void drawTrainingPanel(AppState& state, PanelGpu& /*gpu*/) {
    TrainingState& ts = state.training;
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (!controlsShown(state)) {  // plots only: the curves take the whole panel
        ImGui::BeginChild("train-curves", ImVec2(0, avail.y), false);
        drawCurves(ts, false);
        ImGui::EndChild();
        return;
    }
    // Too narrow for settings beside curves (a 1280-pixel projector at 150 %: each would get
    // ~300 pixels, the charts unreadable): the transport on top, then the curves or the
    // settings, one at a time under two tabs, each with the panel's whole width.
    if (avail.x < font * 34.0f) {
        drawTransport(ts);
        drawMessages(state, ts);
        if (ImGui::BeginTabBar("train-tabs")) {
            if (ImGui::BeginTabItem("Curves")) {
                ImGui::BeginChild("train-curves", ImVec2(0, 0), false);
                drawCurves(ts, true);
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Settings")) {
                ImGui::BeginChild("train-settings", ImVec2(0, 0), false);
                drawSettings(ts);
                drawStopRule(ts);
                drawRegularization(ts);
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
        return;
    }
    const float leftWidth = std::clamp(avail.x * 0.42f, font * 16.0f, font * 22.0f);

    ImGui::BeginChild("train-left", ImVec2(leftWidth, avail.y), false);
    drawTransport(ts);
    drawMessages(state, ts);
    ImGui::BeginChild("train-settings", ImVec2(0, 0), false);
    drawSettings(ts);
    drawStopRule(ts);
    drawRegularization(ts);
    ImGui::EndChild();
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("train-curves", ImVec2(0, avail.y), false);
    drawCurves(ts, true);
    ImGui::EndChild();
}

void figureTrainingPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    TrainingState& ts = state.training;
    ensureTrainingReady(state);
    const CurveSet curves = curveSet(ts, canvas);
    const float legendHeight = plot::legend(canvas, area.min, area.width(), curves.legend);
    const double xMax = curveStepRange(ts);
    const float top = area.min.y + legendHeight;
    const float height = area.max.y - top;
    // Loss, accuracy and the bottom curve in 2 : 1 : 1 of the height, one step axis.
    const float splits[] = {top, top + height * 0.5f, top + height * 0.75f, area.max.y};
    const CurvePlot* specs[] = {&curves.loss, &curves.accuracy, &curves.bottom};
    for (int i = 0; i < 3; ++i) {
        plot::Plot plot(canvas, {{area.min.x, splits[i]}, {area.max.x, splits[i + 1]}}, {0.0, xMax},
                        curveRange(ts, *specs[i]), curveOptions(*specs[i], canvas.fontSize()));
        drawCurveContents(ts, *specs[i], plot, xMax);
    }
}

}  // namespace losslab
