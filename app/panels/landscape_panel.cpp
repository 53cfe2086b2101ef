// Weight-space landscape: the training objective on a 2-D slice through the current weights
// (two weight entries, two filter-normalized random directions, or the plane of the training
// path), as a heatmap with contours, and the path training took projected onto it.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "losslab/dataset_edit.hpp"
#include "panels/geometry_controls.hpp"
#include "panels/heatmap_view.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/cache_key.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

// While training plays (or a point is dragged) the inputs change every frame; the slice
// follows a few times a second at most (each recomputation evaluates the objective at every
// node).
constexpr double kPlayingRefreshSeconds = 0.75;
// The objective is evaluated on at most this many training points (a seeded subsample);
// fewer while training plays, so that a refresh is a short hitch (33² nodes on 1,500 points
// take ~24 ms, on 300 ~5 ms). Pausing recomputes on the full count.
constexpr Eigen::Index kLandscapePoints = 1500;
constexpr Eigen::Index kBusyLandscapePoints = 300;
constexpr int kResolutions[] = {21, 33, 49, 65};

const char* kDirectionNames[] = {"two weight entries", "random directions (filter-norm.)",
                                 "training path (PCA)"};

void tooltip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

// Names of the polynomial features in the order of docs/math.md (features.hpp).
constexpr const char* kPolynomialFeatures[] = {"x1",  "x2",     "x1²",    "x1·x2", "x2²",
                                               "x1³", "x1²·x2", "x1·x2²", "x2³"};

const char* featureName(FeatureMap map, int d) {
    if (map != FeatureMap::Rbf && d < 9) return kPolynomialFeatures[d];
    return nullptr;
}

// "W[2, x1²]" or "b[3]" for entry e of θ = [W | b] (classes counted from 1, as in the UI).
std::string entryName(const TrainingState& ts, int entry) {
    const int dimension = featureDimension(ts.config.features);
    const int k = entry / (dimension + 1), d = entry % (dimension + 1);
    char text[48];
    if (d == dimension) {
        std::snprintf(text, sizeof text, "b[%d]", k + 1);
    } else if (const char* name = featureName(ts.config.features, d)) {
        std::snprintf(text, sizeof text, "W[%d, %s]", k + 1, name);
    } else {
        std::snprintf(text, sizeof text, "W[%d, bump %d]", k + 1, d + 1);
    }
    return text;
}

bool entryCombo(const char* id, const TrainingState& ts, int* entry, float width) {
    const int entries = ts.data.classes * (featureDimension(ts.config.features) + 1);
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, entryName(ts, *entry).c_str())) {
        for (int e = 0; e < entries; ++e) {
            if (ImGui::Selectable(entryName(ts, e).c_str(), e == *entry)) {
                *entry = e;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

void drawToolbar(TrainingState& ts) {
    LandscapePanelState& ui = ts.landscape;
    const float font = ImGui::GetFontSize();
    int directions = static_cast<int>(ui.directions);
    ImGui::SetNextItemWidth(font * 12.5f);
    if (ImGui::Combo("##directions", &directions, kDirectionNames, IM_ARRAYSIZE(kDirectionNames))) {
        ui.directions = static_cast<SliceDirections>(directions);
        ui.zoom = 1.0;
    }
    tooltip(
        "Which plane through the current weights θ* to show:\n"
        "• two entries of θ = [W | b] (the others stay at θ*);\n"
        "• two random Gaussian directions, each class's weight part scaled to the norm of\n"
        "  its weights (filter normalization, Li et al. 2018); α = ±1 is a step as large\n"
        "  as the weights themselves;\n"
        "• the plane through θ* closest to the path training took (its two principal\n"
        "  directions): random planes barely see a path, this one contains it best.");
    ImGui::SameLine();
    if (ui.directions == SliceDirections::WeightEntries) {
        const int entries = ts.data.classes * (featureDimension(ts.config.features) + 1);
        ui.entryA = std::clamp(ui.entryA, 0, entries - 1);
        ui.entryB = std::clamp(ui.entryB, 0, entries - 1);
        if (ui.entryA == ui.entryB) ui.entryB = (ui.entryA + 1) % entries;
        int a = ui.entryA, b = ui.entryB;
        if (entryCombo("##entryA", ts, &a, font * 7.0f) && a != ui.entryB) ui.entryA = a;
        tooltip("The entry of θ along x (α)");
        ImGui::SameLine();
        if (entryCombo("##entryB", ts, &b, font * 7.0f) && b != ui.entryA) ui.entryB = b;
        tooltip("The entry of θ along y (β)");
    } else if (ui.directions == SliceDirections::RandomFilterNormalized) {
        int seed = static_cast<int>(ui.seed);
        ImGui::SetNextItemWidth(font * 5.0f);
        if (ImGui::InputInt("##dirseed", &seed))
            ui.seed = static_cast<std::uint64_t>(std::max(seed, 0));
        tooltip("Seed of the two random directions");
    }
    ImGui::SameLine();
    float zoom = static_cast<float>(ui.zoom);
    ImGui::SetNextItemWidth(font * 6.0f);
    if (ImGui::SliderFloat("##zoom", &zoom, 0.05f, 20.0f, "range × %.2f",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
        ui.zoom = zoom;
    }
    tooltip(
        "Scales the window around θ* (wheel on the plot). At × 1 it fits the path\n"
        "(random directions: α, β ∈ [−1, 1]).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 4.0f);
    char current[16];
    std::snprintf(current, sizeof current, "%d²", ui.resolution);
    if (ImGui::BeginCombo("##resolution", current)) {
        for (int r : kResolutions) {
            char label[16];
            std::snprintf(label, sizeof label, "%d²", r);
            if (ImGui::Selectable(label, r == ui.resolution)) ui.resolution = r;
        }
        ImGui::EndCombo();
    }
    tooltip("Grid nodes: each one is a full evaluation of the objective");
}

// Half-width of the window: random directions are scaled like the weights, so ±1 shows the
// landscape at the scale of θ*; the other planes are fitted to the path's extent on them.
double autoHalfWidth(SliceDirections directions, const std::vector<Eigen::Vector2d>& path) {
    if (directions == SliceDirections::RandomFilterNormalized) return 1.0;
    double extent = 0.0;
    for (const Eigen::Vector2d& p : path)
        extent = std::max(extent, p.cwiseAbs().maxCoeff());
    const double floor = directions == SliceDirections::WeightEntries ? 0.5 : 1e-3;
    return std::max(1.25 * extent, floor);
}

void projectPath(const TrainingState& ts, const LandscapeSlice& slice,
                 std::vector<Eigen::Vector2d>* out) {
    out->clear();
    for (const RowMatrix& theta : ts.run.path.snapshots()) {
        if (theta.rows() != slice.origin.rows() || theta.cols() != slice.origin.cols()) continue;
        out->push_back(projectOntoSlice(slice, theta));
    }
}

// `now`: the UI clock, to follow a busy input at a few Hz.
void refresh(TrainingState& ts, double now) {
    LandscapePanelState& ui = ts.landscape;
    HeatmapCache& cache = ui.heatmap;
    const LinearClassifier* model = displayModel(ts);
    // Training or a point being dragged changes the inputs every frame: follow at a few Hz.
    const bool busy = ts.playing || ts.classifier.drag == ClassifierDrag::MovePoint;
    if (std::optional<LandscapeResult> done = ui.job.take()) {
        cache.error = std::move(done->error);
        if (cache.error.empty()) {
            ui.slice = std::move(done->slice);
            ui.computedStep = done->step;
            cache.grid = ui.slice.objective;
            refreshHeatmap(cache);
        }
    }
    const std::uint64_t key =
        cacheKey({static_cast<double>(ts.modelRevision), static_cast<double>(ts.dataRevision),
                  static_cast<double>(ts.configRevision), static_cast<double>(ui.directions),
                  static_cast<double>(ui.entryA), static_cast<double>(ui.entryB),
                  static_cast<double>(ui.seed), ui.zoom, static_cast<double>(ui.resolution),
                  busy ? 1.0 : 0.0});
    if (key == ui.computedKey) return;
    if (busy && ui.computedTime >= 0 && now - ui.computedTime < kPlayingRefreshSeconds) {
        return;
    }
    if (ui.job.busy()) return;  // the next slice starts when this one is done
    ui.computedKey = key;
    ui.computedTime = now;
    cache.error.clear();
    if (!model || !ts.trainable) {
        cache.error = ts.trainerError.empty() ? "no model to show yet" : ts.trainerError;
        return;
    }
    LandscapeRequest request;
    request.directions = ui.directions;
    request.entryA = ui.entryA;
    request.entryB = ui.entryB;
    request.seed = ui.seed;
    request.resolution = ui.resolution;
    request.maxPoints = busy ? kBusyLandscapePoints : kLandscapePoints;
    LandscapeSlice probe;
    probe.origin = packParameters(*model);
    if (auto error = sliceDirections(request, probe.origin, &ts.run.path.snapshots(),
                                     &probe.directionA, &probe.directionB)) {
        cache.error = *error;
        return;
    }
    projectPath(ts, probe, &ui.projectedPath);
    request.halfWidth = autoHalfWidth(ui.directions, ui.projectedPath) * ui.zoom;
    if (ts.train.size() >= kOffThreadScoringPoints) {
        // A pass over a subsample of many points: off the UI thread (the last slice stays).
        ui.job.start([config = ts.config, model = *model, points = sharedPoints(ts), request,
                      directionA = probe.directionA, directionB = probe.directionB,
                      step = totalSteps(ts)] {
            LandscapeResult result;
            LandscapeWorkspace workspace;
            Dataset train, test;
            splitByMask(points->data, points->isTest, &train, &test);
            if (auto error = computeLandscapeAlong(config, model, train, request, directionA,
                                                   directionB, &result.slice, &workspace)) {
                result.error = *error;
            }
            result.step = step;
            return result;
        });
        return;
    }
    if (auto error = computeLandscapeAlong(ts.config, *model, ts.train, request, probe.directionA,
                                           probe.directionB, &ui.slice, &ui.workspace)) {
        cache.error = *error;
        return;
    }
    ui.computedStep = totalSteps(ts);
    cache.grid = ui.slice.objective;
    refreshHeatmap(cache);
}

std::string axisLabel(const TrainingState& ts, bool x) {
    const LandscapePanelState& ui = ts.landscape;
    switch (ui.directions) {
        case SliceDirections::WeightEntries:
            return "Δ" + entryName(ts, x ? ui.entryA : ui.entryB);
        case SliceDirections::RandomFilterNormalized:
            return x ? "α (along δ)" : "β (along η)";
        case SliceDirections::PathPca:
            return x ? "α (1st path direction)" : "β (2nd path direction)";
    }
    return "";
}

void drawInfo(const TrainingState& ts) {
    const LandscapePanelState& ui = ts.landscape;
    const Grid& grid = ui.slice.objective;
    if (grid.empty()) return;
    const int c = (grid.spec.nx - 1) / 2;
    ImGui::Text("L(centre) = %.4g", grid.at(c, c));
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "The objective (data loss + regularization) at the slice's centre θ*: the\n"
            "weights of the step below. While training plays, the slice is recomputed\n"
            "as often as the frame allows, so it can trail the step counter.");
    }
    ImGui::TextDisabled("slice at step %lld", ui.computedStep);
    ImGui::TextDisabled("range ± %.3g", grid.spec.xMax);
    if (ui.slice.pointsUsed < ts.train.size()) {
        ImGui::TextDisabled("on %lld of %lld points", static_cast<long long>(ui.slice.pointsUsed),
                            static_cast<long long>(ts.train.size()));
    }
    const std::size_t snapshots = ts.run.path.snapshots().size();
    ImGui::TextDisabled("path: %zu snapshot%s", snapshots, snapshots == 1 ? "" : "s");
    ImGui::Spacing();
    // Legend swatches drawn like the markers on the plot (coloured text would not read on a
    // light theme).
    const float font = ImGui::GetFontSize();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 now = ImGui::GetCursorScreenPos();
    draw->AddCircleFilled({now.x + font * 0.4f, now.y + font * 0.55f}, font * 0.32f, accentColor());
    draw->AddCircle({now.x + font * 0.4f, now.y + font * 0.55f}, font * 0.32f,
                    plot::textColor(0.9f));
    ImGui::Dummy({font, font});
    ImGui::SameLine();
    ImGui::TextUnformatted("now");
    const ImVec2 start = ImGui::GetCursorScreenPos();
    draw->AddCircle({start.x + font * 0.4f, start.y + font * 0.55f}, font * 0.32f,
                    plot::textColor(0.9f), 0, 2.0f);
    ImGui::Dummy({font, font});
    ImGui::SameLine();
    ImGui::TextUnformatted("start of the path");
}

plot::PlotOptions slicePlotOptions(const std::string& xLabel, const std::string& yLabel) {
    plot::PlotOptions options;
    options.xLabel = xLabel.c_str();
    options.yLabel = yLabel.c_str();
    options.grid = false;
    options.zeroLine = false;
    return options;
}

plot::Range sliceXRange(const GridSpec& spec) {
    return {spec.xMin - spec.dx() * 0.5, spec.xMax + spec.dx() * 0.5};
}
plot::Range sliceYRange(const GridSpec& spec) {
    return {spec.yMin - spec.dy() * 0.5, spec.yMax + spec.dy() * 0.5};
}

// The heatmap, its contours, the path and the current weights.
void drawSliceContents(const TrainingState& ts, plot::Plot& plot) {
    const LandscapePanelState& ui = ts.landscape;
    plot.axes();
    drawHeatmap(plot, ui.heatmap);

    // The path, as recorded, on the slice as computed (it lags the weights while playing).
    std::vector<Eigen::Vector2d> path;
    projectPath(ts, ui.slice, &path);
    // Inside the axes only: a diverging run's path leaves the slice by orders of magnitude.
    plot::ClipScope clip(plot.canvas(), {plot.innerMin(), plot.innerMax()});
    if (path.size() >= 2) {
        // Points closer than 1.5 px to the last one drawn add nothing but triangles (near the
        // end, thousands of steps fall on a few pixels); the last point is always drawn.
        const plot::Transform& t = plot.transform();
        const double ppuX = 1.0 / t.unitsPerPixelX(), ppuY = 1.0 / t.unitsPerPixelY();
        std::vector<Eigen::Vector2d> shown{path.front()};
        for (std::size_t i = 1; i < path.size(); ++i) {
            const Eigen::Vector2d d = path[i] - shown.back();
            const bool far = !d.allFinite() || std::hypot(d.x() * ppuX, d.y() * ppuY) >= 1.5;
            if (far || i + 1 == path.size()) shown.push_back(path[i]);
        }
        // Segment by segment: a zigzagging path (an oscillating learning rate) drawn as one
        // thick polyline grows long miter spikes at its sharp turns.
        for (const auto& [color, width] : {std::pair{plot::rgba(0, 0, 0, 150), 4.0f},
                                           std::pair{plot::rgba(255, 255, 255, 235), 2.0f}}) {
            for (std::size_t i = 1; i < shown.size(); ++i) {
                plot.segment(shown[i - 1].x(), shown[i - 1].y(), shown[i].x(), shown[i].y(), color,
                             width);
            }
        }
        plot.marker(path.front().x(), path.front().y(), plot::rgba(255, 255, 255, 255), 5.0f,
                    false);
    }
    if (const LinearClassifier* model = displayModel(ts)) {
        const Eigen::Vector2d now = projectOntoSlice(ui.slice, packParameters(*model));
        plot.marker(now.x(), now.y(), accentColor(plot.canvas()), 6.0f);
    }
}

// The slice on screen and the mouse's tooltip and zoom. The plot clips drawing to its
// rectangle while it lives, so it ends before the colour bar is drawn beside it.
void drawSlicePlot(TrainingState& ts, PanelGpu& gpu, ImVec2 size, const std::string& xLabel,
                   const std::string& yLabel) {
    LandscapePanelState& ui = ts.landscape;
    const GridSpec& spec = ui.heatmap.grid.spec;
    plot::ScreenPlot plot("landscape", size, sliceXRange(spec), sliceYRange(spec),
                          slicePlotOptions(xLabel, yLabel), &gpu);
    ui.transform = plot.transform();
    drawSliceContents(ts, plot);
    if (plot.hovered()) {
        const float wheel = ImGui::GetIO().MouseWheel;
        if (wheel != 0.0f) ui.zoom = std::clamp(ui.zoom * std::exp(-0.15 * wheel), 0.05, 20.0);
        const int i = std::clamp(
            static_cast<int>(std::lround((plot.mouseX() - spec.xMin) / spec.dx())), 0, spec.nx - 1);
        const int j = std::clamp(
            static_cast<int>(std::lround((plot.mouseY() - spec.yMin) / spec.dy())), 0, spec.ny - 1);
        ImGui::SetTooltip("%s = %.4g\n%s = %.4g\nL = %.5g", xLabel.c_str(), spec.x(i),
                          yLabel.c_str(), spec.y(j), ui.heatmap.grid.at(i, j));
    }
}

}  // namespace

void updateLandscapePanel(AppState& state, bool visible) {
    if (!visible) return;
    ensureTrainingReady(state);  // shown in any workspace, the panel needs its data set up
    refresh(state.training, state.clockSeconds);
}

void drawLandscapePanel(AppState& state, PanelGpu& gpu) {
    TrainingState& ts = state.training;
    LandscapePanelState& ui = ts.landscape;
    const float font = ImGui::GetFontSize();
    if (controlsShown(state)) drawToolbar(ts);
    if (ui.heatmap.grid.empty() && ui.heatmap.error.empty()) return;
    const std::optional<HeatmapLayout> layout =
        layoutHeatmap(ui.heatmap, 1.12, 1.0, /*reserve: the legend*/ font * 10.0f);
    if (!layout) return;
    const std::string xLabel = axisLabel(ts, true), yLabel = axisLabel(ts, false);
    drawSlicePlot(ts, gpu, plot::toImVec2(layout->plotSize), xLabel, yLabel);
    drawHeatmapColorBar("landscape-bar", ui.heatmap, *layout);
    ImGui::SetCursorScreenPos(ImVec2(
        layout->origin.x + layout->plotSize.x + layout->barWidth + font * 0.4f, layout->origin.y));
    ImGui::BeginGroup();
    drawInfo(ts);
    ImGui::EndGroup();
}

void figureLandscapePanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    TrainingState& ts = state.training;
    updateLandscapePanel(state, true);
    const LandscapePanelState& ui = ts.landscape;
    if (ui.heatmap.grid.empty() || !ui.heatmap.error.empty()) return;
    const HeatmapLayout layout = layoutHeatmap(canvas, ui.heatmap, area, 1.12, 1.0);
    const std::string xLabel = axisLabel(ts, true), yLabel = axisLabel(ts, false);
    {
        const GridSpec& spec = ui.heatmap.grid.spec;
        plot::Plot plot(canvas, layout.plotRect(), sliceXRange(spec), sliceYRange(spec),
                        slicePlotOptions(xLabel, yLabel));
        drawSliceContents(ts, plot);
    }
    drawHeatmapColorBar(canvas, ui.heatmap, layout);
}

}  // namespace losslab
