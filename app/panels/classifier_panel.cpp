// Classifier: the 2-D dataset over the decision regions of the linear classifier being trained
// (shaded by confidence), its boundaries, hinge margin lines and weight vectors. The points
// are edited with the mouse: click adds, drag moves, right-click erases, Shift+drag erases a
// box; the wheel zooms and the right or middle button pans. With "points: gradient share" each
// training point's area shows how hard the loss pulls on it (point_diagnostics.hpp).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "losslab/dataset_edit.hpp"
#include "losslab/point_diagnostics.hpp"
#include "losslab/softmax.hpp"
#include "panels/csv_chooser_buttons.hpp"
#include "panels/heatmap_view.hpp"
#include "panels/panels.hpp"
#include "panels/row_layout.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/cache_key.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

// Points are drawn into one cached image (point_splat.hpp), redrawn only when the points or
// the view change, not as anti-aliased ImGui circles: a software rasterizer spends ~2 µs per
// small circle (300 points cost ~3 ms a frame, 100 000 would cost 200 ms), the image is one
// quad.
// Above this many points the per-point marks (misclassified, inside the margin) are left out:
// they would cover the cloud; the status line still counts them.
constexpr Eigen::Index kMarkedPointCount = 20000;
// Pixels of the decision raster: the plot's own size when idle, at most this many while
// training plays (it is redrawn every frame then).
constexpr double kPlayingRasterPixels = 256.0 * 256.0;
constexpr double kIdleRasterPixels = 1600.0 * 1200.0;
// In the gradient-share view the largest share gets a disc this much wider than the equal size:
// the sizes span from nothing to it, and the pulling points should stand out.
constexpr float kShareRadiusScale = 1.6f;

const char* kPresetNames[] = {"blobs", "spiral", "xor", "circles", "moons", "toy3"};

Rgb8 rgb8Of(plot::Color c) {
    return {static_cast<std::uint8_t>(plot::red(c)), static_cast<std::uint8_t>(plot::green(c)),
            static_cast<std::uint8_t>(plot::blue(c))};
}

bool darkBackground(const Rgb8& background) {
    return cieLightness(toRgbF(background)) < 50.0;
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

// Radius of a point: smaller as they get many, so that 100 000 points still read as a cloud.
float pointRadius(const ClassifierPanelState& ui, Eigen::Index count) {
    const float scale = ui.pointScale;
    const double n = static_cast<double>(std::max<Eigen::Index>(count, 1));
    return scale * static_cast<float>(std::clamp(6.5 - 1.0 * std::log10(n), 2.0, 5.0));
}

// ---------------------------------------------------------------- controls

void drawDatasetControls(AppState& state) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    const float font = ImGui::GetFontSize();
    GeneratorOptions& g = ts.generator;
    bool regenerate = false;

    ImGui::SetNextItemWidth(font * 5.5f);
    int kind = static_cast<int>(g.kind);
    if (ImGui::Combo("##preset", &kind, kPresetNames, IM_ARRAYSIZE(kPresetNames))) {
        g.kind = static_cast<DatasetKind>(kind);
        regenerate = true;
    }
    tooltip("Dataset preset (regenerates the points)");
    sameLineIfRoom(font * 6.5f);
    ImGui::BeginDisabled(g.kind == DatasetKind::Toy3);
    int points = static_cast<int>(g.points);
    ImGui::SetNextItemWidth(font * 6.5f);
    if (ImGui::SliderInt("##N", &points, 2, 100000, "N = %d", ImGuiSliderFlags_Logarithmic)) {
        g.points = std::clamp(points, 2, 100000);
    }
    regenerate |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Number of points (applied when you let go)");
    sameLineIfRoom(font * 4.5f);
    ImGui::SetNextItemWidth(font * 4.5f);
    if (ImGui::SliderInt("##K", &g.classes, kMinClasses, kMaxGeneratedClasses, "K = %d")) {
        g.classes = std::clamp(g.classes, kMinClasses, kMaxGeneratedClasses);
    }
    regenerate |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Number of classes");
    sameLineIfRoom(font * 5.5f);
    float noise = static_cast<float>(g.noise);
    ImGui::SetNextItemWidth(font * 5.5f);
    if (ImGui::SliderFloat("##noise", &noise, 0.0f, 1.0f, "noise %.2f")) {
        g.noise = std::clamp(static_cast<double>(noise), 0.0, 10.0);
    }
    regenerate |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Noise: standard deviation of the jitter, in data units");
    sameLineIfRoom(font * 5.0f);
    int seed = static_cast<int>(g.seed);
    ImGui::SetNextItemWidth(font * 5.0f);
    if (ImGui::InputInt("##seed", &seed)) {
        g.seed = static_cast<std::uint64_t>(std::max(seed, 0));
        regenerate = true;
    }
    tooltip("Seed of the generator: the same settings and seed give the same points");
    ImGui::EndDisabled();
    sameLineIfRoom(buttonWidth("Regenerate"));
    if (ImGui::Button("Regenerate")) regenerate = true;
    tooltip("Draw the preset again (undo brings back your edited points)");
    if (regenerate) {
        if (auto error = regenerateDataset(ts)) {
            ui.csvMessage = *error;
            ui.csvError = true;
        }
    }

    float percent = static_cast<float>(ts.testFraction * 100.0);
    ImGui::SetNextItemWidth(font * 6.5f);
    ImGui::SliderFloat("##test", &percent, 0.0f, 90.0f, "test %.0f %%");
    if (ImGui::IsItemDeactivatedAfterEdit()) setTestFraction(ts, percent / 100.0);
    tooltip("Share of the points held out as a test set (hollow circles); not trained on");
    sameLineIfRoom(buttonWidth("Clear"));
    if (ImGui::Button("Clear")) clearPoints(ts);
    tooltip("Remove every point (undoable)");
    sameLineIfRoom(buttonWidth("Undo"));
    ImGui::BeginDisabled(ts.edits.undo.empty());
    if (ImGui::Button("Undo")) undoPointEdit(ts);
    tooltip("Undo the last point edit (Ctrl+Z)");
    ImGui::EndDisabled();
    sameLineIfRoom(buttonWidth("Redo"));
    ImGui::BeginDisabled(ts.edits.redo.empty());
    if (ImGui::Button("Redo")) redoPointEdit(ts);
    tooltip("Redo (Ctrl+Shift+Z)");
    ImGui::EndDisabled();
    sameLineIfRoom(buttonWidth("CSV…"));
    if (ImGui::Button("CSV…")) ImGui::OpenPopup("points-csv");
    tooltip("Load or save the points as a CSV file (x1,x2,label)");
    if (ImGui::BeginPopup("points-csv")) {
        ImGui::SetNextItemWidth(font * 18.0f);
        ImGui::InputText("path", &ui.csvPath);
        drawCsvChooserButtons(state, FileDialogState::CsvTable::ClassifierPoints);
        if (ImGui::Button("Load")) {
            const auto error = loadPointsFile(ts, ui.csvPath);
            ui.csvError = error.has_value();
            ui.csvMessage = error ? *error : "Loaded " + ui.csvPath;
            if (!error) ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Save")) {
            const auto error = savePointsFile(ts, ui.csvPath);
            ui.csvError = error.has_value();
            ui.csvMessage = error ? *error : "Saved " + ui.csvPath;
            if (!error) ImGui::CloseCurrentPopup();
        }
        if (!ui.csvMessage.empty()) {
            ImGui::TextColored(
                ui.csvError ? ImVec4(1, 0.45f, 0.3f, 1) : ImVec4(0.5f, 0.8f, 0.5f, 1), "%s",
                ui.csvMessage.c_str());
        }
        ImGui::EndPopup();
    }
    sameLineIfRoom(buttonWidth("Fit"));
    if (ImGui::Button("Fit")) {
        const Dataset& d = ts.data;
        if (d.size() > 0) {
            const Eigen::Vector2d lo = d.points.colwise().minCoeff().transpose();
            const Eigen::Vector2d hi = d.points.colwise().maxCoeff().transpose();
            ui.centreX = 0.5 * (lo.x() + hi.x());
            ui.centreY = 0.5 * (lo.y() + hi.y());
            const double aspect = ui.transform.width / std::max(ui.transform.height, 1.0f);
            ui.halfHeight =
                std::max({0.5 * (hi.y() - lo.y()), 0.5 * (hi.x() - lo.x()) / aspect, 1e-3}) * 1.12;
        } else {
            ui.centreX = ui.centreY = 0.0;
            ui.halfHeight = 1.35;
        }
    }
    tooltip("Fit the view to the points (wheel: zoom, right or middle drag: pan)");
}

void drawClassChips(AppState& state) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    const float font = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Add:");
    const int shown = std::min(ts.data.classes + 1, kMaxTrainingClasses);
    for (int k = 0; k < shown; ++k) {
        ImGui::SameLine(0, font * 0.25f);
        const bool selected = ts.currentClass == k;
        const bool isNew = k >= ts.data.classes;
        ImGui::PushID(k);
        ImGui::PushStyleColor(ImGuiCol_Button, classImColor(k, isNew ? 0.35f : 0.85f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, classImColor(k, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, classImColor(k, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 255));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, selected ? 2.5f : 0.0f);
        ImGui::PushStyleColor(ImGuiCol_Border, plot::textColor());
        char label[8];
        std::snprintf(label, sizeof label, isNew ? "+" : "%d", k + 1);
        if (ImGui::Button(label, ImVec2(font * 1.6f, 0))) ts.currentClass = k;
        ImGui::PopStyleColor(5);
        ImGui::PopStyleVar();
        if (ImGui::IsItemHovered()) {
            if (isNew) {
                ImGui::SetTooltip("A new class %d: click in the plot to add its first point",
                                  k + 1);
            } else {
                ImGui::SetTooltip("Click in the plot adds a point of class %d (key %d)", k + 1,
                                  k + 1);
            }
        }
        ImGui::PopID();
    }
    sameLineIfRoom(checkboxWidth("as test") + font);
    ImGui::Checkbox("as test", &ts.addAsTest);
    tooltip("New points go to the test set (hollow) instead of the training set");
    sameLineIfRoom(checkboxWidth("hard"));
    ImGui::Checkbox("hard", &ui.hardRegions);
    tooltip("Hard regions: one flat colour per class, instead of shading by confidence max p");
    sameLineIfRoom(checkboxWidth("points"));
    ImGui::Checkbox("points", &ui.showPoints);
    tooltip("Show the data points (hide them to look at the regions alone)");
    PointSharesState& shares = state.panels.pointShares;
    const std::string current(pointSizingLabel(shares.sizing));
    float widest = 0.0f;
    for (PointSizing sizing : kAllPointSizings) {
        const std::string label(pointSizingLabel(sizing));
        widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
    }
    const float comboWidth =
        widest + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
    sameLineIfRoom(comboWidth);
    ImGui::SetNextItemWidth(comboWidth);
    if (ImGui::BeginCombo("##point-size", current.c_str())) {
        for (PointSizing sizing : kAllPointSizings) {
            const std::string label(pointSizingLabel(sizing));
            if (ImGui::Selectable(label.c_str(), sizing == shares.sizing)) shares.sizing = sizing;
        }
        ImGui::EndCombo();
    }
    tooltip(
        "Point size. equal: every point the same. gradient share: each training point's area\n"
        "is in proportion to ‖∂L_n/∂s_n‖, how hard its own loss pulls on its scores (the\n"
        "largest share is the biggest disc). Past the hinge margin a point's share is 0: it\n"
        "vanishes, leaving a faint ring. Focal loss fades the easy points; cross-entropy never\n"
        "lets any go. Test points keep the equal size: they take no part in the gradient.");
    sameLineIfRoom(checkboxWidth("boundaries"));
    ImGui::Checkbox("boundaries", &ui.showBoundaries);
    tooltip("Decision boundaries: where the two best scores are equal");
    if (isHinge(ts.config.loss)) {
        sameLineIfRoom(checkboxWidth("margins"));
        ImGui::Checkbox("margins", &ui.showMargins);
        tooltip(
            "Margin lines of the hinge loss: s_k − max_{j≠k} s_j = Δ inside each region.\n"
            "Points of class k beyond their class's line have zero hinge loss.");
    }
    if (ts.config.features == FeatureMap::Linear) {
        sameLineIfRoom(checkboxWidth("weights"));
        ImGui::Checkbox("weights", &ui.showWeights);
        tooltip(
            "The weight vector w_k of each class, from the origin (all scaled by the same\n"
            "factor). Class k's score grows fastest along w_k.");
    }
}

// ---------------------------------------------------------------- derived data

RegionResult regionsOf(const LinearClassifier& model, FeatureMap features, double rbfWidth,
                       const DecisionView& view, const RegionStyle& style, std::uint64_t key,
                       DecisionWorkspace* workspace) {
    RegionResult result;
    result.view = view;
    result.style = style;
    result.key = key;
    if (auto error = computeDecisionImage(model, features, rbfWidth, view, style, &result.image,
                                          workspace)) {
        result.error = *error;
    }
    return result;
}

void installRegions(ClassifierPanelState& ui, RegionResult result) {
    if (result.key != ui.regionKey) return;  // late: a figure drew newer inputs meanwhile
    ui.regionError = std::move(result.error);
    if (!ui.regionError.empty()) return;
    ui.regionImage = std::move(result.image);
    ui.regionView = result.view;
    ui.regionStyle = result.style;
    ui.regionImageRevision = freshRevision();
}

// `now`: a figure's, which cannot wait for a job.
void refreshRegions(TrainingState& ts, const plot::Transform& t, const LinearClassifier& model,
                    bool now) {
    ClassifierPanelState& ui = ts.classifier;
    if (std::optional<RegionResult> done = ui.regionJob.take())
        installRegions(ui, std::move(*done));
    const double pixels = static_cast<double>(t.width) * t.height;
    const double budget = ts.playing ? kPlayingRasterPixels : kIdleRasterPixels;
    const double scale = pixels > budget ? std::sqrt(budget / pixels) : 1.0;
    DecisionView view{
        t.x.min,
        t.x.max,
        t.y.min,
        t.y.max,
        std::clamp(static_cast<int>(std::lround(t.width * scale)), 1, kMaxDecisionSide),
        std::clamp(static_cast<int>(std::lround(t.height * scale)), 1, kMaxDecisionSide)};
    RegionStyle style;
    style.shading = ui.hardRegions ? RegionShading::Hard : RegionShading::Confidence;
    style.background = ui.background;
    style.temperature = displayTemperature(ts);
    // On a light background the colours need a stronger share to read as well.
    if (!darkBackground(ui.background)) {
        style.weakMix = 0.10;
        style.strongMix = 0.50;
    }
    const std::uint64_t key = cacheKey(
        {static_cast<double>(ts.modelRevision), view.xMin, view.xMax, view.yMin, view.yMax,
         static_cast<double>(view.width), static_cast<double>(view.height),
         static_cast<double>(style.shading), static_cast<double>(hexFromRgb(style.background)),
         style.temperature, static_cast<double>(ts.configRevision)});
    if (key == ui.regionKey) return;
    const FeatureMap features = ts.config.features;
    const double rbfWidth = ts.config.rbfWidth;
    if (!now && ts.train.size() >= kOffThreadScoringPoints) {
        if (ui.regionJob.start([model, features, rbfWidth, view, style, key] {
                return regionsOf(model, features, rbfWidth, view, style, key, nullptr);
            })) {
            ui.regionKey = key;
        }
        return;
    }
    ui.regionKey = key;
    installRegions(ui, regionsOf(model, features, rbfWidth, view, style, key, &ui.regionWorkspace));
}

void refreshContours(TrainingState& ts, const plot::Transform& t, const LinearClassifier& model) {
    ClassifierPanelState& ui = ts.classifier;
    const int nx = std::clamp(static_cast<int>(t.width / 4), 24, 220);
    const int ny = std::clamp(static_cast<int>(t.height / 4), 24, 220);
    const bool hinge = isHinge(ts.config.loss);
    const double delta = ts.config.lossOptions.margin;
    const std::uint64_t key =
        cacheKey({static_cast<double>(ts.modelRevision), t.x.min, t.x.max, t.y.min, t.y.max,
                  static_cast<double>(nx), static_cast<double>(ny), hinge ? delta : -1.0,
                  static_cast<double>(ts.configRevision)});
    if (key == ui.contourKey) return;
    ui.contourKey = key;
    ui.boundaries.clear();
    ui.marginLines.clear();
    const GridSpec spec{t.x.min, t.x.max, t.y.min, t.y.max, nx, ny};
    if (computeClassMargins(model, ts.config.features, ts.config.rbfWidth, spec, &ui.margins,
                            &ui.contourWorkspace)) {
        return;
    }
    for (const Grid& margin : ui.margins) {
        ui.boundaries.push_back(traceContour(margin, 0.0));
        if (hinge) ui.marginLines.push_back(traceContour(margin, delta));
    }
}

PointScoring scoreEveryPoint(const LinearClassifier& model, const TrainerConfig& config,
                             const Dataset& data, const std::vector<std::uint8_t>& isTest) {
    PointScoring out;
    if (scorePoints(model, config.features, config.rbfWidth, data, &out.scores)) return {};
    const double delta = config.lossOptions.margin;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        if (out.scores.predicted[i] != data.labels[i]) {
            ++out.misclassified;
            const bool test = static_cast<std::size_t>(i) < isTest.size() && isTest[i] != 0;
            ++(test ? out.testWrong : out.trainWrong);
        } else if (out.scores.margins[i] < delta) {
            ++out.insideMargin;
        }
    }
    return out;
}

void installPointScores(ClassifierPanelState& ui, PointScoring scoring) {
    ui.pointScores = std::move(scoring.scores);
    ui.misclassified = scoring.misclassified;
    ui.insideMargin = scoring.insideMargin;
    ui.trainWrong = scoring.trainWrong;
    ui.testWrong = scoring.testWrong;
}

void refreshPointScores(TrainingState& ts, const LinearClassifier& model) {
    ClassifierPanelState& ui = ts.classifier;
    if (std::optional<PointScoring> done = ui.pointsJob.take()) {
        installPointScores(ui, std::move(*done));
    }
    const std::uint64_t key =
        cacheKey({static_cast<double>(ts.modelRevision), static_cast<double>(ts.dataRevision),
                  ts.config.lossOptions.margin});
    if (key == ui.pointsKey) return;
    if (ts.data.size() >= kOffThreadScoringPoints) {
        // A pass over many points: off the UI thread, which shows the last scores meanwhile. A
        // newer model waits for the running job (the key stays stale until it can start).
        // Not busy first: the points are copied (sharedPoints) only for a job that starts.
        if (!ui.pointsJob.busy() &&
            ui.pointsJob.start([model, config = ts.config, points = sharedPoints(ts)] {
                return scoreEveryPoint(model, config, points->data, points->isTest);
            })) {
            ui.pointsKey = key;
        }
        return;
    }
    ui.pointsKey = key;
    installPointScores(ui, scoreEveryPoint(model, ts.config, ts.data, ts.isTest));
}

// The gradient share of every training point (test points: 0) and the splat sizes they give,
// only while the gradient-share view is on and only when the weights, points or loss changed.
void refreshPointShares(AppState& state, const LinearClassifier& model) {
    const TrainingState& ts = state.training;
    PointSharesState& shares = state.panels.pointShares;
    if (shares.sizing != PointSizing::GradientShare) return;
    const std::uint64_t key =
        cacheKey({static_cast<double>(ts.modelRevision), static_cast<double>(ts.dataRevision),
                  static_cast<double>(ts.configRevision)});
    if (key == shares.key) return;
    shares.key = key;
    shares.revision = freshRevision();
    shares.shares = Vec();
    shares.sizes.clear();
    shares.largest = 0.0;
    shares.vanished = 0;
    // The model may lag the points for a frame (a new class, new features): no shares then.
    if (ts.data.size() == 0 || model.dimension() != featureDimension(ts.config.features) ||
        ts.data.labels.minCoeff() < 0 || ts.data.labels.maxCoeff() >= model.classes()) {
        return;
    }
    // Per row, so a test point's share is that of its own loss; it takes no part in the
    // gradient, so its share of it is 0.
    shares.shares = gradientShares(ts.config, model, ts.data);
    for (Eigen::Index i = 0; i < ts.data.size(); ++i) {
        const bool test = static_cast<std::size_t>(i) < ts.isTest.size() && ts.isTest[i] != 0;
        if (test) {
            shares.shares[i] = 0.0;
            continue;
        }
        shares.largest = std::max(shares.largest, shares.shares[i]);
        if (shares.shares[i] == 0.0) ++shares.vanished;
    }
    shares.sizes = shareSizes(shares.shares, ts.isTest);
    // Test points keep the equal view's size, not the enlarged full size of the largest share.
    for (Eigen::Index i = 0; i < ts.data.size(); ++i) {
        if (static_cast<std::size_t>(i) < ts.isTest.size() && ts.isTest[i] != 0)
            shares.sizes[static_cast<std::size_t>(i)] = 1.0f / kShareRadiusScale;
    }
}

// The radius factors of the points as drawn: the shares' sizes in the gradient-share view (when
// they are there for these points), none (all equal) otherwise.
const std::vector<float>& drawnSizes(const AppState& state) {
    static const std::vector<float> kEqual;  // a constant, not UI state
    const PointSharesState& shares = state.panels.pointShares;
    const bool sized = shares.sizing == PointSizing::GradientShare &&
                       shares.sizes.size() == static_cast<std::size_t>(state.training.data.size());
    return sized ? shares.sizes : kEqual;
}

// The radius of a full-size point: larger in the gradient-share view, whose sizes shrink from it.
float fullRadius(const AppState& state) {
    const float equal = pointRadius(state.training.classifier, state.training.data.size());
    return drawnSizes(state).empty() ? equal : equal * kShareRadiusScale;
}

// ---------------------------------------------------------------- drawing

void drawWeightArrows(plot::Plot& plot, const LinearClassifier& model, const plot::Transform& t) {
    double longest = 0.0;
    for (int k = 0; k < model.classes(); ++k)
        longest = std::max(longest, model.weights.row(k).norm());
    if (!(longest > 0) || !std::isfinite(longest)) return;
    // One factor for every arrow keeps their relative lengths; the longest reaches 80 % of
    // the way to the nearer edge of the view.
    const double room = std::min(t.x.span(), t.y.span()) * 0.5 * 0.8;
    const double scale = room / longest;
    const plot::Color outline = plot.canvas().style().lightBackground()
                                    ? plot::rgba(255, 255, 255, 220)
                                    : plot::rgba(0, 0, 0, 200);
    for (int k = 0; k < model.classes(); ++k) {
        const double x = model.weights(k, 0) * scale, y = model.weights(k, 1) * scale;
        // The outline's head is the coloured head grown by a few pixels, tip on tip.
        constexpr float kHead = 14.0f;
        plot.arrow(0, 0, x, y, outline, 5.0f, kHead + 4.0f);
        plot.arrow(0, 0, x, y, classImColor(k), 2.5f, kHead);
        char label[16];
        std::snprintf(label, sizeof label, "w%d", k + 1);
        // The label just beyond the tip, along the arrow: never on its own head.
        const float px = t.toPixelX(x) - t.toPixelX(0.0), py = t.toPixelY(y) - t.toPixelY(0.0);
        const float length = std::max(std::hypot(px, py), 1.0f);
        const float gap = plot.fontSize() * 0.9f;
        plot.text(x + (px / length) * gap * t.unitsPerPixelX(),
                  y - (py / length) * gap * t.unitsPerPixelY(), label, plot.textColor(),
                  {0.5f, 0.5f});
    }
    char note[48];
    std::snprintf(note, sizeof note, "arrows: w_k × %.3g", scale);
    plot.text(t.x.max, t.y.min, note, plot.textColor(0.7f), {1.05f, 1.2f});
}

plot::Color outlineColor(const Rgb8& background) {
    return darkBackground(background) ? plot::rgba(10, 10, 14, 230) : plot::rgba(30, 30, 30, 230);
}

SplatResult splatOf(const Dataset& data, const std::vector<std::uint8_t>& isTest,
                    const DecisionView& view, const SplatStyle& style, std::vector<float> sizes,
                    Eigen::Index leftOut, std::uint64_t key) {
    SplatResult result;
    result.view = view;
    result.leftOut = leftOut;
    result.key = key;
    if (leftOut >= 0) {  // size 0: no ink (point_splat.hpp)
        if (sizes.empty()) sizes.assign(static_cast<std::size_t>(data.size()), 1.0f);
        sizes[static_cast<std::size_t>(leftOut)] = 0.0f;
    }
    result.ok = !splatPoints(data, isTest, view, style, &result.image, sizes);
    return result;
}

void installSplat(ClassifierPanelState& ui, SplatResult result) {
    // A job's image for inputs that have changed since (a figure drew them meanwhile) is late.
    if (!result.ok || result.key != ui.splatKey) return;
    ui.splatImage = std::move(result.image);
    ui.splatView = result.view;
    ui.splatLeftOut = result.leftOut;
    ui.splatImageRevision = freshRevision();
}

// How a full-size point looks (point_splat.hpp), in the splat and drawn on its own.
SplatStyle pointStyle(const AppState& state) {
    const ClassifierPanelState& ui = state.training.classifier;
    SplatStyle style;
    style.radius = fullRadius(state);
    style.outlineWidth = style.radius >= 3.0f ? 1.0f : 0.6f;
    style.outline = rgb8Of(outlineColor(ui.background));
    style.inside = ui.background;
    return style;
}

// Many points as one image over the plot, redrawn only when the points, their sizes or the
// view change; a point being dragged is left out of it (drawMovingPoint draws it). Many points
// are drawn off the UI thread unless `now` (a figure, which must show them as they are).
void refreshSplat(AppState& state, const plot::Transform& t, bool now) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    if (std::optional<SplatResult> done = ui.splatJob.take()) installSplat(ui, std::move(*done));
    const std::vector<float>& sizes = drawnSizes(state);
    const float radius = fullRadius(state);
    const DecisionView view{
        t.x.min,
        t.x.max,
        t.y.min,
        t.y.max,
        std::clamp(static_cast<int>(std::lround(t.width)), 1, kMaxDecisionSide),
        std::clamp(static_cast<int>(std::lround(t.height)), 1, kMaxDecisionSide)};
    const SplatStyle style = pointStyle(state);
    std::uint64_t othersRevision = 0;
    const Eigen::Index moving = pointBeingMoved(ts, &othersRevision);
    const std::uint64_t key = cacheKey(
        {static_cast<double>(othersRevision), static_cast<double>(moving), view.xMin, view.xMax,
         view.yMin, view.yMax, static_cast<double>(view.width), static_cast<double>(view.height),
         radius, static_cast<double>(hexFromRgb(style.outline)),
         static_cast<double>(hexFromRgb(style.inside)),
         sizes.empty() ? 0.0 : static_cast<double>(state.panels.pointShares.revision)});
    if (key == ui.splatKey) return;
    if (!now && ts.data.size() >= kOffThreadScoringPoints) {
        // The last image stays until this one is done; a newer key waits for the running job.
        if (!ui.splatJob.busy() &&
            ui.splatJob.start([points = sharedPoints(ts), view, style, sizes, moving, key] {
                return splatOf(points->data, points->isTest, view, style, sizes, moving, key);
            })) {
            ui.splatKey = key;
        }
        return;
    }
    ui.splatKey = key;
    installSplat(ui, splatOf(ts.data, ts.isTest, view, style, sizes, moving, key));
}

void drawSplattedPoints(plot::Plot& plot, const TrainingState& ts) {
    const ClassifierPanelState& ui = ts.classifier;
    if (ui.splatImage.width == 0) return;  // the first image is still being drawn
    plot.image({&ui.splatImage, &ui.splatImage, ui.splatImageRevision, false}, ui.splatView.xMin,
               ui.splatView.yMin, ui.splatView.xMax, ui.splatView.yMax);
}

// The point the splat leaves out (the one being dragged), where it is now, drawn as the splat
// draws a point: a disc of its class with an outline ring, or a ring around the background's
// colour for a test point.
void drawMovingPoint(plot::Plot& plot, const AppState& state) {
    const TrainingState& ts = state.training;
    const ClassifierPanelState& ui = ts.classifier;
    const Eigen::Index i = ui.splatLeftOut;
    if (i < 0 || i >= ts.data.size()) return;
    const std::vector<float>& sizes = drawnSizes(state);
    const float size = sizes.empty() ? 1.0f : sizes[static_cast<std::size_t>(i)];
    if (size <= 0.0f) return;
    const SplatStyle style = pointStyle(state);
    const PointDiscs discs = pointDiscs(style, size);
    const plot::Transform& t = plot.transform();
    const plot::Vec2 p{t.toPixelX(ts.data.points(i, 0)), t.toPixelY(ts.data.points(i, 1))};
    plot::Canvas& canvas = plot.canvas();
    const int label = ts.data.labels[i];
    const bool test = static_cast<std::size_t>(i) < ts.isTest.size() && ts.isTest[i] != 0;
    if (test) {
        canvas.fillCircle(p, discs.radius, classImColor(label));
        const Rgb8& inside = style.inside;
        if (discs.hole > 0) {
            canvas.fillCircle(p, discs.hole, plot::rgba(inside.r, inside.g, inside.b, 255));
        }
        return;
    }
    canvas.fillCircle(p, discs.outer, outlineColor(ui.background));
    canvas.fillCircle(p, discs.radius, classImColor(label));
}

void drawPoints(plot::Plot& plot, const AppState& state) {
    const TrainingState& ts = state.training;
    const ClassifierPanelState& ui = ts.classifier;
    const Dataset& d = ts.data;
    const Eigen::Index n = d.size();
    if (n == 0) return;
    const plot::Transform& t = plot.transform();
    const std::vector<float>& sizes = drawnSizes(state);
    const float r = fullRadius(state);
    drawSplattedPoints(plot, ts);
    drawMovingPoint(plot, state);
    const plot::Color halo =
        darkBackground(ui.background) ? plot::rgba(255, 255, 255, 170) : plot::rgba(0, 0, 0, 170);
    const plot::Color cross = plot::withAlpha(outlineColor(ui.background), 1.0f);
    const bool marks = ui.pointScores.predicted.size() == n && n <= kMarkedPointCount;
    if (!marks) return;
    const bool hinge = isHinge(ts.config.loss);
    const double delta = ts.config.lossOptions.margin;
    const float left = t.left - r, right = t.left + t.width + r;
    const float top = t.top - r, bottom = t.top + t.height + r;
    plot::Canvas& canvas = plot.canvas();
    const float equalRadius = pointRadius(ui, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const plot::Vec2 p{t.toPixelX(d.points(i, 0)), t.toPixelY(d.points(i, 1))};
        if (p.x < left || p.x > right || p.y < top || p.y > bottom) continue;
        const int label = d.labels[i];
        const float size = sizes.empty() ? 1.0f : sizes[static_cast<std::size_t>(i)];
        if (size == 0.0f) {
            // Share 0 (past the hinge margin): the point has vanished from the splat; a faint
            // ring of its class keeps its place, so that it reads as done rather than deleted.
            canvas.circle(p, equalRadius, classImColor(label, 0.45f), 1.0f);
        }
        if (ui.pointScores.predicted[i] != label) {
            // Misclassified (argmax, lowest index on ties, as accuracy counts): a dark cross
            // inside the disk, so that the point keeps its class colour and a dense cloud of
            // wrong points (every point but one class's at step 0) still shows its colours.
            // A whole-pixel width takes ImGui's textured line path (a quarter of the triangles).
            // In the gradient-share view it shrinks with the disc, though never out of sight.
            const float c = std::max(r * size, 2.5f) * 0.62f;
            canvas.line({p.x - c, p.y - c}, {p.x + c, p.y + c}, cross, 1.0f);
            canvas.line({p.x - c, p.y + c}, {p.x + c, p.y - c}, cross, 1.0f);
        } else if (sizes.empty() && hinge && ui.pointScores.margins[i] < delta) {
            // Correct but inside the margin: the hinge loss still pushes on it. A halo just
            // outside the outline, half transparent: early in training nearly every point is
            // inside the margin, and wide opaque rings would hide the class colours. (In the
            // gradient-share view the disc's size says this already.)
            canvas.circle(p, r + 1.8f, halo, 1.0f);
        }
    }
}

void drawHoverTooltip(const AppState& state, Eigen::Index i) {
    const TrainingState& ts = state.training;
    const ClassifierPanelState& ui = ts.classifier;
    const Dataset& d = ts.data;
    if (i < 0 || i >= d.size() || ui.pointScores.scores.rows() != d.size()) return;
    const int y = d.labels[i];
    const bool test = static_cast<std::size_t>(i) < ts.isTest.size() && ts.isTest[i] != 0;
    const Vec s = ui.pointScores.scores.row(i).transpose();
    const Vec p = softmax(s, displayTemperature(ts));
    const LossValue loss = evaluateLoss(ts.config.loss, s, y, ts.config.lossOptions);
    auto vector = [](const Vec& v) {
        std::string text = "[";
        for (Eigen::Index k = 0; k < v.size(); ++k) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%s%.3g", k ? ", " : "", v[k]);
            text += buffer;
        }
        return text + "]";
    };
    ImGui::BeginTooltip();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(classImColor(y)), "point %lld: class %d, %s",
                       static_cast<long long>(i), y + 1, test ? "test" : "training");
    ImGui::Text("x = (%.3f, %.3f)", d.points(i, 0), d.points(i, 1));
    ImGui::Text("scores s = %s", vector(s).c_str());
    ImGui::Text("p = softmax(s/T) = %s", vector(p).c_str());
    ImGui::Text("predicted class %d%s", ui.pointScores.predicted[i] + 1,
                ui.pointScores.predicted[i] == y ? "" : "  (wrong)");
    ImGui::Text("margin s_y − max(s_j : j ≠ y) = %.4g", ui.pointScores.margins[i]);
    ImGui::Text("%s = %.5g", std::string(lossName(ts.config.loss)).c_str(), loss.value);
    ImGui::Text("∂L/∂s = %s", vector(loss.grad).c_str());
    if (test) {
        ImGui::TextDisabled("test point: no part in the gradient");
    } else if (ts.train.size() > 0) {
        const PointSharesState& shares = state.panels.pointShares;
        if (!drawnSizes(state).empty() && shares.largest > 0) {
            ImGui::Text("gradient share ‖∂L/∂s‖ = %.3g: %.0f %% of the largest's (%.3g)",
                        shares.shares[i], 100.0 * shares.shares[i] / shares.largest,
                        shares.largest);
        }
        // Its share of ∂L/∂W is (1/N)·g·φ^T, an outer product whose norm is ‖g‖·‖φ‖/N.
        RowMatrix point(1, 2);
        point << d.points(i, 0), d.points(i, 1);
        const RowMatrix phi = computeFeatures(ts.config.features, point, ts.config.rbfWidth);
        const double share = loss.grad.norm() * phi.norm() / static_cast<double>(ts.train.size());
        ImGui::Text("its share of ∇_W L: ‖g‖·‖φ(x)‖/N = %.3g", share);
    }
    ImGui::EndTooltip();
}

// ---------------------------------------------------------------- input

void handleMouse(TrainingState& ts, const plot::ScreenPlot& plot) {
    ClassifierPanelState& ui = ts.classifier;
    const plot::Transform& t = plot.transform();
    const ImGuiIO& io = ImGui::GetIO();
    const double mx = plot.mouseX(), my = plot.mouseY();
    const double ppuX = 1.0 / t.unitsPerPixelX(), ppuY = 1.0 / t.unitsPerPixelY();
    const double hitPixels = pointRadius(ui, ts.data.size()) + 4.0;
    const bool insideInner = io.MousePos.x >= t.left && io.MousePos.x <= t.left + t.width &&
                             io.MousePos.y >= t.top && io.MousePos.y <= t.top + t.height;

    // Zoom about the mouse: the data point under it stays put.
    if (plot.hovered() && io.MouseWheel != 0.0f) {
        const double factor = std::exp(-0.15 * io.MouseWheel);
        const double next = std::clamp(ui.halfHeight * factor, 1e-3, 1e4);
        const double applied = next / ui.halfHeight;
        ui.centreX = mx + (ui.centreX - mx) * applied;
        ui.centreY = my + (ui.centreY - my) * applied;
        ui.halfHeight = next;
    }

    // Pan with the right or middle button; a right click that does not move erases.
    if (ui.drag == ClassifierDrag::None && plot.hovered()) {
        for (int button : {1, 2}) {
            if (ImGui::IsMouseClicked(button)) {
                ui.drag = ClassifierDrag::Pan;
                ui.panButton = button;
                ui.pressPos = io.MousePos;
                ui.panStartX = ui.centreX;
                ui.panStartY = ui.centreY;
                ui.panMoved = false;
                break;
            }
        }
    }
    if (ui.drag == ClassifierDrag::Pan) {
        const float dx = io.MousePos.x - ui.pressPos.x, dy = io.MousePos.y - ui.pressPos.y;
        if (std::abs(dx) + std::abs(dy) > 3.0f) ui.panMoved = true;
        if (ui.panMoved) {
            ui.centreX = ui.panStartX - dx * t.unitsPerPixelX();
            ui.centreY = ui.panStartY + dy * t.unitsPerPixelY();
        }
        if (!ImGui::IsMouseDown(ui.panButton)) {
            if (ui.panButton == 1 && !ui.panMoved) {
                const Eigen::Index hit =
                    nearestPoint(ts.data.points, t.toDataX(ui.pressPos.x), t.toDataY(ui.pressPos.y),
                                 ppuX, ppuY, hitPixels);
                if (hit >= 0) {
                    beginPointEdit(ts);
                    erasePointsAt(ts, {hit});
                }
            }
            ui.drag = ClassifierDrag::None;
            ui.panButton = -1;
        }
        return;
    }

    // Left button: Shift+drag erases a box; on a point it moves it; elsewhere it adds one
    // (and keeps moving it while the button is held, so a drag places the new point).
    if (ui.drag == ClassifierDrag::None && plot.clicked(0) && insideInner) {
        if (io.KeyShift) {
            ui.drag = ClassifierDrag::EraseBox;
            ui.boxStartX = mx;
            ui.boxStartY = my;
        } else {
            Eigen::Index hit = nearestPoint(ts.data.points, mx, my, ppuX, ppuY, hitPixels);
            beginPointEdit(ts);
            if (hit < 0) hit = addPoint(ts, mx, my, ts.currentClass, ts.addAsTest);
            if (hit >= 0) {
                ui.drag = ClassifierDrag::MovePoint;
                ui.dragPoint = hit;
                ui.grabOffsetX = ts.data.points(hit, 0) - mx;
                ui.grabOffsetY = ts.data.points(hit, 1) - my;
            }
        }
    }
    if (ui.drag == ClassifierDrag::MovePoint) {
        if (ui.dragPoint >= 0 && ui.dragPoint < ts.data.size()) {
            movePoint(ts, ui.dragPoint, mx + ui.grabOffsetX, my + ui.grabOffsetY);
        }
        if (!ImGui::IsMouseDown(0)) {
            ui.drag = ClassifierDrag::None;
            ui.dragPoint = -1;
        }
    } else if (ui.drag == ClassifierDrag::EraseBox && !ImGui::IsMouseDown(0)) {
        const auto inside = pointsInBox(ts.data.points, ui.boxStartX, ui.boxStartY, mx, my);
        if (!inside.empty()) {
            beginPointEdit(ts);
            erasePointsAt(ts, inside);
        }
        ui.drag = ClassifierDrag::None;
    }

    if (ui.drag == ClassifierDrag::None && plot.hovered() && insideInner) {
        // A pass over every point (10⁶: a few ms), so only when the mouse, view or points moved.
        const std::uint64_t key =
            cacheKey({mx, my, ppuX, ppuY, hitPixels, static_cast<double>(ts.dataRevision)});
        if (key != ui.hoverKey) {
            ui.hoverKey = key;
            ui.hoverHit = nearestPoint(ts.data.points, mx, my, ppuX, ppuY, hitPixels);
        }
        ui.hovered = ui.hoverHit;
    } else {
        ui.hovered = -1;
    }
    // The point being moved stays the inspected one while its position (and so the data
    // revision) changes every frame.
    const Eigen::Index inspect =
        ui.drag == ClassifierDrag::MovePoint && ui.dragPoint >= 0 ? ui.dragPoint : ui.hovered;
    if (inspect >= 0) {
        ui.inspected = inspect;
        ui.inspectedDataRevision = ts.dataRevision;
    }
}

void drawStatusLine(const TrainingState& ts) {
    const ClassifierPanelState& ui = ts.classifier;
    const Eigen::Index n = ts.data.size();
    auto percent = [](Eigen::Index wrong, Eigen::Index total) {
        return total > 0 ? 100.0 * static_cast<double>(total - wrong) / static_cast<double>(total)
                         : 0.0;
    };
    if (ts.train.size() == 0) {  // no accuracy to speak of (not 0 %)
        ImGui::Text("N = %lld (0 train, %lld test)   accuracy: —", static_cast<long long>(n),
                    static_cast<long long>(ts.test.size()));
        return;
    }
    if (ui.pointScores.predicted.size() != n) {  // many points: their scores are on the way
        ImGui::Text("N = %lld (%lld train, %lld test)   accuracy: computing…",
                    static_cast<long long>(n), static_cast<long long>(ts.train.size()),
                    static_cast<long long>(ts.test.size()));
        return;
    }
    ImGui::Text("N = %lld (%lld train, %lld test)   accuracy: train %.1f %%",
                static_cast<long long>(n), static_cast<long long>(ts.train.size()),
                static_cast<long long>(ts.test.size()), percent(ui.trainWrong, ts.train.size()));
    if (ts.test.size() > 0) {
        ImGui::SameLine(0, 0);
        ImGui::Text(", test %.1f %%", percent(ui.testWrong, ts.test.size()));
    }
    ImGui::SameLine();
    if (isHinge(ts.config.loss)) {
        ImGui::TextDisabled("  × %lld wrong  ○ %lld in margin",
                            static_cast<long long>(ui.misclassified),
                            static_cast<long long>(ui.insideMargin));
    } else {
        ImGui::TextDisabled("  × %lld wrong", static_cast<long long>(ui.misclassified));
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Filled: training points. Hollow: test points. ×: misclassified.\n"
            "○ (hinge losses): classified right but inside the margin Δ, so still pushed.\n"
            "Click: add a point of the chosen class (keys 1–9). Drag a point: move it.\n"
            "Right-click: erase. Shift+drag: erase a box. Ctrl+Z: undo.\n"
            "Wheel: zoom. Right or middle drag: pan.");
    }
}

// What size means in the gradient-share view ("" when the points are all the same size).
std::string shareLegend(const AppState& state) {
    const PointSharesState& shares = state.panels.pointShares;
    if (drawnSizes(state).empty()) return "";
    char text[160];
    if (shares.largest > 0) {
        std::snprintf(text, sizeof text, "area ∝ ‖∂Lₙ/∂sₙ‖ (largest = %.3g)", shares.largest);
    } else {
        std::snprintf(text, sizeof text, "‖∂Lₙ/∂sₙ‖ = 0 for every training point");
    }
    std::string legend = text;
    if (shares.vanished > 0 && shares.largest > 0) {
        std::snprintf(text, sizeof text, "; faint rings: %lld at 0",
                      static_cast<long long>(shares.vanished));
        legend += text;
    }
    return legend;
}

// The legend in a figure: in the plot's top-left corner on a veil of the background (the
// regions behind it are busy). On screen it is a line above the plot, where it hides nothing.
void drawShareLegend(plot::Plot& plot, const AppState& state) {
    const std::string legend = shareLegend(state);
    if (legend.empty()) return;
    plot::Canvas& canvas = plot.canvas();
    const plot::Transform& t = plot.transform();
    const plot::Vec2 size = canvas.textSize(legend);
    const float pad = plot.fontSize() * 0.25f;
    const plot::Vec2 at{t.left + pad * 2, t.top + pad * 2};
    canvas.fillRect({{at.x - pad, at.y - pad}, {at.x + size.x + pad, at.y + size.y + pad}},
                    plot::withAlpha(canvas.style().background, 0.75f), pad);
    canvas.text(at, plot.textColor(), legend);
}

// Everything on the data view but the mouse's marks: regions, axes, boundaries, margins,
// points, weight arrows and any error. The screen and a figure draw the same, but for where
// the point-size legend goes (`legendInside`: in the plot).
void drawClassifierPlot(const AppState& state, plot::Plot& plot, bool legendInside) {
    const TrainingState& ts = state.training;
    const ClassifierPanelState& ui = ts.classifier;
    const plot::Transform& t = plot.transform();
    const LinearClassifier* model = displayModel(ts);
    if (model && ui.regionError.empty()) {
        const DecisionView& v = ui.regionView;
        plot.image({&ui.regionImage, &ui.regionImage, ui.regionImageRevision, true}, v.xMin, v.yMin,
                   v.xMax, v.yMax);
    }
    plot.axes();
    if (model) {
        if (ui.showMargins && isHinge(ts.config.loss)) {
            for (std::size_t k = 0; k < ui.marginLines.size(); ++k) {
                drawContourLevel(plot, ui.marginLines[k], classImColor(static_cast<int>(k)), 1.4f);
            }
        }
        if (ui.showBoundaries) {
            for (const ContourLevel& level : ui.boundaries) {
                drawContourLevel(plot, level, plot.textColor(0.8f), 2.0f);
            }
        }
    }
    if (ui.showPoints) {
        drawPoints(plot, state);
        if (legendInside) drawShareLegend(plot, state);
    }
    if (model && ui.showWeights && ts.config.features == FeatureMap::Linear) {
        drawWeightArrows(plot, *model, t);
    }
    const std::string& error = !ts.trainerError.empty() ? ts.trainerError : ui.regionError;
    if (!error.empty()) {
        plot.text(t.x.min + t.x.span() * 0.5, t.y.max, error, plot.textColor(), {0.5f, -0.5f});
    }
}

// The images, lines and scores for the view `t`, in the look `ui.background`/`pointScale` set;
// `now`: a figure's, which cannot wait for a job.
void refreshDerived(AppState& state, const plot::Transform& t, bool now) {
    TrainingState& ts = state.training;
    if (const LinearClassifier* model = displayModel(ts)) {
        refreshRegions(ts, t, *model, now);
        refreshContours(ts, t, *model);
        refreshPointScores(ts, *model);
        refreshPointShares(state, *model);
    }
    if (ts.data.size() > 0) refreshSplat(state, t, now);
}

// The plot's options, and the data half-width that keeps equal units on both axes in `size`.
plot::PlotOptions classifierPlotOptions(float font) {
    plot::PlotOptions options;
    options.leftMargin = font * 2.6f;
    options.bottomMargin = font * 1.5f;
    options.zeroLine = false;
    options.grid = false;
    return options;
}

double halfWidthFor(const ClassifierPanelState& ui, plot::Vec2 size,
                    const plot::PlotOptions& options, float font) {
    const float innerWidth = std::max(size.x - options.leftMargin - font * 0.6f, 10.0f);
    const float innerHeight = std::max(size.y - options.bottomMargin - font * 0.5f, 10.0f);
    return ui.halfHeight * innerWidth / innerHeight;
}

// The data view on screen, then the mouse. The plot clips drawing to its rectangle while it
// lives, so it ends before the status line is drawn.
void drawPlot(AppState& state, PanelGpu& gpu, ImVec2 size) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    const float font = ImGui::GetFontSize();
    const plot::PlotOptions options = classifierPlotOptions(font);
    const double halfWidth = halfWidthFor(ui, {size.x, size.y}, options, font);
    plot::ScreenPlot plot("classifier", size, {ui.centreX - halfWidth, ui.centreX + halfWidth},
                          {ui.centreY - ui.halfHeight, ui.centreY + ui.halfHeight}, options, &gpu);
    ui.transform = plot.transform();
    ui.background = rgb8Of(plot.canvas().style().background);
    ui.pointScale = font / 16.0f * plot.markerScale();
    drawClassifierPlot(state, plot, false);
    handleMouse(ts, plot);
    const plot::Transform& t = plot.transform();
    if (ui.drag == ClassifierDrag::EraseBox) {
        const ImVec2 a(t.toPixelX(ui.boxStartX), t.toPixelY(ui.boxStartY));
        const ImVec2 b = ImGui::GetIO().MousePos;
        const plot::Rect box{{std::min(a.x, b.x), std::min(a.y, b.y)},
                             {std::max(a.x, b.x), std::max(a.y, b.y)}};
        plot.canvas().fillRect(box, plot::rgba(230, 80, 60, 50));
        plot.canvas().strokeRect(box, plot::rgba(230, 80, 60, 220), 1.5f);
    }
}

}  // namespace

void updateClassifierPanel(AppState& state, bool visible) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    if (!visible) return;
    ensureTrainingReady(state);  // shown in any workspace, the panel needs its data set up
    // The images and lines cover the view as it was drawn last frame (its size comes from the
    // layout); a view that moved is covered again on the next frame.
    if (!(ui.transform.width > 0)) return;
    refreshDerived(state, ui.transform, false);
}

void drawClassifierPanel(AppState& state, PanelGpu& gpu) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    const float font = ImGui::GetFontSize();
    if (controlsShown(state)) {
        drawDatasetControls(state);
        drawClassChips(state);
    }
    if (!ui.csvMessage.empty() && ui.csvError) {
        ImGui::TextColored(ImVec4(1, 0.45f, 0.3f, 1), "%s", ui.csvMessage.c_str());
    }

    const std::string legend = ui.showPoints ? shareLegend(state) : "";
    if (!legend.empty()) ImGui::TextDisabled("%s", legend.c_str());
    // The plot keeps equal units on both axes: its data width follows its pixel aspect.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float statusHeight = ImGui::GetFrameHeightWithSpacing();
    const ImVec2 size(avail.x, std::max(avail.y - statusHeight, font * 6));
    drawPlot(state, gpu, size);
    if (ui.hovered >= 0) drawHoverTooltip(state, ui.hovered);
    drawStatusLine(ts);
}

void figureClassifierPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    TrainingState& ts = state.training;
    ClassifierPanelState& ui = ts.classifier;
    ensureTrainingReady(state);
    const float font = canvas.fontSize();
    const plot::PlotOptions options = classifierPlotOptions(font);
    const double halfWidth = halfWidthFor(ui, {area.width(), area.height()}, options, font);
    plot::Plot plot(canvas, area, {ui.centreX - halfWidth, ui.centreX + halfWidth},
                    {ui.centreY - ui.halfHeight, ui.centreY + ui.halfHeight}, options);
    ui.background = rgb8Of(canvas.style().background);
    ui.pointScale = font / 16.0f * canvas.style().markerScale;
    refreshDerived(state, plot.transform(), true);
    drawClassifierPlot(state, plot, true);
}

}  // namespace losslab
