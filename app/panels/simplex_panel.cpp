// Simplex: every probability vector of three classes as a triangle, the selected loss as a
// heatmap with contours, p, q, the temperature path and −∇L; dragging p sets the logits.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels/geometry_controls.hpp"
#include "panels/heatmap_view.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "state/cache_key.hpp"
#include "state/model_edit.hpp"

namespace losslab {

namespace {

constexpr double kX0 = -0.09, kX1 = 1.09, kY0 = -0.11, kY1 = kSimplexHeight + 0.09;

Eigen::Vector2d toPlane(const Eigen::Vector3d& p) {
    return simplexToPlane(p);
}

void refreshPoint(AppState& state);

// What the heatmap depends on. While a logit is dragged the model changes every frame, but
// for most losses at K = 3 the grid does not (simplexGridDependsOnLogits): then it is keyed
// on the loss, the target and the options alone and is not recomputed.
std::uint64_t gridKey(const AppState& state) {
    const SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    const SimplexScaling scaling = defaultSimplexScaling(m.selectedLoss);
    if (simplexGridDependsOnLogits(m.selectedLoss, m.classCount(), scaling)) {
        return state.modelRevision * 7919 + ui.settingsRevision;
    }
    const LossOptions& o = m.options;
    const Vec& q = state.derived.target;
    return cacheKey({static_cast<double>(m.selectedLoss), static_cast<double>(m.trueClass),
                     q.size() > 0 ? q[0] : 0.0, q.size() > 1 ? q[1] : 0.0,
                     q.size() > 2 ? q[2] : 0.0, static_cast<double>(q.size()), o.temperature,
                     o.smoothing, o.margin, o.gamma, static_cast<double>(o.logBase),
                     o.hingeDivideByK ? 1.0 : 0.0, static_cast<double>(ui.settingsRevision)});
}

void refresh(AppState& state) {
    SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    const std::uint64_t pointKey = state.modelRevision * 7919 + ui.settingsRevision;
    if (pointKey == ui.pointKey) return;
    ui.pointKey = pointKey;
    refreshPoint(state);
    const std::uint64_t key = gridKey(state);
    if (key == ui.heatmap.inputsKey) return;
    ui.heatmap.inputsKey = key;
    ui.heatmap.error.clear();
    LossContext context;
    context.loss = m.selectedLoss;
    context.trueClass = m.trueClass;
    context.target = state.derived.target;
    context.options = m.options;
    SimplexGridRequest request;
    request.classes = ui.shown;
    request.width = ui.resolution;
    request.height = static_cast<int>(std::lround(ui.resolution * kSimplexHeight));
    if (auto error = computeSimplexGrid(context, m.logits, request, &ui.heatmap.grid,
                                        &ui.heatmap.workspace)) {
        ui.heatmap.error = *error;
        return;
    }
    refreshHeatmap(ui.heatmap);
}

// The current point, its path as T falls and its gradient step: these follow the logits.
void refreshPoint(AppState& state) {
    SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    TemperaturePathRequest pathRequest;
    pathRequest.classes = ui.shown;
    pathRequest.points = 120;
    temperaturePath(m.logits, pathRequest, &ui.temperaturePath);
    if (auto p = logitsToSimplex(m.logits, ui.shown, m.options.temperature)) ui.point = *p;
    // Where one small gradient step on the logits moves p: the direction of −∇L on the simplex.
    const LossValue& current = state.derived.losses[static_cast<size_t>(m.selectedLoss)];
    const double norm = current.grad.norm();
    ui.stepTarget = ui.point;
    if (norm > 0) {
        const Vec stepped = m.logits - current.grad * (0.05 / norm);
        if (auto p = logitsToSimplex(stepped, ui.shown, m.options.temperature)) ui.stepTarget = *p;
    }
}

void drawToolbar(AppState& state) {
    SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    const float font = ImGui::GetFontSize();
    drawTemperatureAndSmoothing(state, font * 8);
    if (m.classCount() > 3) {
        int* corners[] = {&ui.shown.a, &ui.shown.b, &ui.shown.c};
        const char* labels[] = {"##a", "##b", "##c"};
        for (int i = 0; i < 3; ++i) {
            ImGui::SameLine();
            int choice = *corners[i];
            if (classCombo(labels[i], m, &choice, font * 5) &&
                !checkSimplexClasses({i == 0 ? choice : ui.shown.a, i == 1 ? choice : ui.shown.b,
                                      i == 2 ? choice : ui.shown.c},
                                     m.classCount())) {
                *corners[i] = choice;
                ++ui.settingsRevision;
            }
        }
    }
}

plot::PlotOptions simplexPlotOptions() {
    plot::PlotOptions options;
    options.xTicks = options.yTicks = options.grid = options.zeroLine = false;
    options.leftMargin = 0;
    options.bottomMargin = 0;
    return options;
}

// The heatmap, the triangle and its corners, the temperature path, q, p and −∇L's direction.
void drawSimplexPlot(const AppState& state, plot::Plot& plot) {
    const SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    drawHeatmap(plot, ui.heatmap);

    // The triangle and its corners.
    const Eigen::Vector2d a = simplexVertex(0), b = simplexVertex(1), c = simplexVertex(2);
    plot.polyline({a.x(), b.x(), c.x()}, {a.y(), b.y(), c.y()}, plot.textColor(0.9f), 1.5f, true);
    const int corners[] = {ui.shown.a, ui.shown.b, ui.shown.c};
    // Bottom names hang below the base towards the inside, so that a long name is not
    // clipped at the plot's edge; the top name sits above its corner.
    const plot::Vec2 align[] = {{0.0f, -0.15f}, {1.0f, -0.15f}, {0.5f, 1.0f}};
    for (int i = 0; i < 3; ++i) {
        const Eigen::Vector2d v = simplexVertex(i);
        plot.text(v.x(), v.y(), m.classNames[static_cast<size_t>(corners[i])],
                  classImColor(corners[i]), align[i]);
    }
    // Temperature path: from near uniform (τ = 20) to the argmax corner (τ = 0.05).
    std::vector<double> xs, ys;
    for (const Eigen::Vector2d& q : ui.temperaturePath.plane) {
        xs.push_back(q.x());
        ys.push_back(q.y());
    }
    plot.polyline(xs, ys, plot::rgba(255, 255, 255, 150), 1.5f);
    const Eigen::Vector2d uniform = toPlane({1.0 / 3, 1.0 / 3, 1.0 / 3});
    plot.marker(uniform.x(), uniform.y(), plot.textColor(0.6f), 3.0f, false);
    // Target q (as shown for these three classes).
    const plot::Color accent = accentColor(plot.canvas());
    if (auto q = conditionalProbabilities(state.derived.target, ui.shown)) {
        const Eigen::Vector2d qp = toPlane(*q);
        plot.marker(qp.x(), qp.y(), accent, 7.0f, false);
        plot.text(qp.x(), qp.y(), "q", accent, {-0.6f, 1.2f});
    }
    // Current p and the direction −∇L moves it.
    const Eigen::Vector2d pp = toPlane(ui.point);
    const Eigen::Vector2d step = toPlane(ui.stepTarget) - pp;
    if (step.norm() > 1e-12) {
        const double arrowLength = 48.0 * plot.transform().unitsPerPixelX();
        const Eigen::Vector2d tip = pp + step.normalized() * arrowLength;
        plot.arrow(pp.x(), pp.y(), tip.x(), tip.y(), positiveColor(), 2.5f);
    }
    plot.marker(pp.x(), pp.y(), plot::rgba(255, 255, 255, 255), ui.dragging ? 8.0f : 6.5f, true);
    plot.text(pp.x(), pp.y(), "p", plot.textColor(), {1.6f, 1.2f});
}

}  // namespace

void updateSimplexPanel(AppState& state, bool visible) {
    SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    if (m.classCount() < 3) return;
    if (checkSimplexClasses(ui.shown, m.classCount())) {
        ui.shown = SimplexClasses{};
        ++ui.settingsRevision;
    }
    if (visible) refresh(state);  // the heatmap is only for the eye: not computed unseen
}

void drawSimplexPanel(AppState& state, PanelGpu& gpu) {
    SimplexPanelState& ui = state.panels.simplex;
    const ModelState& m = state.model;
    if (m.classCount() < 3) {
        ImGui::TextWrapped(
            "The simplex of probability vectors needs K ≥ 3 classes (add one in the Logits "
            "panel).");
        return;
    }
    if (controlsShown(state)) drawToolbar(state);
    const bool hinge = isHinge(m.selectedLoss);
    ImGui::TextDisabled("%s over p%s", std::string(lossName(m.selectedLoss)).c_str(),
                        hinge
                            ? " (scores log p scaled to the current spread: hinge sees raw scores)"
                            : " = softmax(s/τ), against the target q");
    const std::optional<HeatmapLayout> layout = layoutHeatmap(ui.heatmap, kX1 - kX0, kY1 - kY0);
    if (!layout) return;
    const float font = ImGui::GetFontSize();
    {  // the plot pops its clip rectangle when it goes, so the colour bar shows
        plot::ScreenPlot plot("simplex", plot::toImVec2(layout->plotSize), {kX0, kX1}, {kY0, kY1},
                              simplexPlotOptions(), &gpu);
        ui.transform = plot.transform();
        drawSimplexPlot(state, plot);

        // Drag the p marker: the logits follow (mean logit kept, others fixed).
        const Eigen::Vector2d pp = toPlane(ui.point);
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const ImVec2 markerPixel(plot.transform().toPixelX(pp.x()),
                                 plot.transform().toPixelY(pp.y()));
        const float dx = mouse.x - markerPixel.x, dy = mouse.y - markerPixel.y;
        if (plot.clicked(0) && dx * dx + dy * dy < (font * 1.1f) * (font * 1.1f))
            ui.dragging = true;
        if (ui.dragging && plot.active() && ImGui::IsMouseDown(0)) {
            const Eigen::Vector3d target =
                clampToSimplex(planeToSimplex({plot.mouseX(), plot.mouseY()}));
            if (auto logits = simplexToLogits(m.logits, ui.shown, target, m.options.temperature)) {
                setLogits(state, *logits);
            }
        } else {
            ui.dragging = false;
        }
        if (plot.hovered() && !ui.dragging) {
            const Eigen::Vector3d p = planeToSimplex({plot.mouseX(), plot.mouseY()});
            if (insideSimplex(p, 1e-9)) {
                const GridSpec& spec = ui.heatmap.grid.spec;
                const int i = std::clamp(
                    static_cast<int>(std::lround((plot.mouseX() - spec.xMin) / spec.dx())), 0,
                    spec.nx - 1);
                const int j = std::clamp(
                    static_cast<int>(std::lround((plot.mouseY() - spec.yMin) / spec.dy())), 0,
                    spec.ny - 1);
                ImGui::SetTooltip("p = (%.3f, %.3f, %.3f)\nL ≈ %.4g\nDrag the white dot to move p",
                                  p[0], p[1], p[2], ui.heatmap.grid.at(i, j));
            }
        }
    }
    drawHeatmapColorBar("simplex-bar", ui.heatmap, *layout);
}

void figureSimplexPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    const SimplexPanelState& ui = state.panels.simplex;
    if (state.model.classCount() < 3) return;
    updateSimplexPanel(state, true);
    const HeatmapLayout layout = layoutHeatmap(canvas, ui.heatmap, area, kX1 - kX0, kY1 - kY0);
    {
        plot::Plot plot(canvas, layout.plotRect(), {kX0, kX1}, {kY0, kY1}, simplexPlotOptions());
        drawSimplexPlot(state, plot);
    }
    drawHeatmapColorBar(canvas, ui.heatmap, layout);
}

}  // namespace losslab
