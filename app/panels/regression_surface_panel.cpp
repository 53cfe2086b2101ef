// Regression surface: the objective J(w, b) of the chosen loss over the line's slope and
// intercept, as a heatmap with contours, the exact minimum of every loss (the chosen one
// large), and the path gradient descent has taken. The wheel zooms the window.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "panels/heatmap_view.hpp"
#include "panels/panels.hpp"
#include "panels/regression_view.hpp"
#include "plot/palette.hpp"
#include "state/cache_key.hpp"
#include "state/regression_edit.hpp"

namespace losslab {

namespace {

constexpr double kMinZoom = 0.05, kMaxZoom = 50.0;

// The (w, b) window: centred on the chosen loss's minimum and wide enough to hold the start of
// gradient descent, w = b = 0, at zoom 1.
GridSpec surfaceSpec(const RegressionSurfacePanelState& ui, const RegressionLine& centre) {
    const double halfW = ui.zoom * std::max(1.0, 1.3 * std::abs(centre.w));
    const double halfB = ui.zoom * std::max(1.0, 1.3 * std::abs(centre.b));
    return {centre.w - halfW, centre.w + halfW, centre.b - halfB,
            centre.b + halfB, ui.resolution,    ui.resolution};
}

void refreshSurface(RegressionState& rs) {
    RegressionSurfacePanelState& ui = rs.surface;
    const ExactFit* chosen = chosenRegressionFit(rs);
    const std::uint64_t key =
        cacheKey({static_cast<double>(rs.dataRevision), static_cast<double>(rs.optionsRevision),
                  ui.zoom, static_cast<double>(ui.resolution)});
    if (key == ui.heatmap.inputsKey) return;
    ui.heatmap.inputsKey = key;
    ui.heatmap.error.clear();
    if (!chosen) {
        ui.heatmap.error = regressionFitProblem(rs);
        return;
    }
    if (auto error = regressionObjectiveGrid(rs.options, rs.data, surfaceSpec(ui, chosen->line),
                                             &ui.heatmap.grid)) {
        ui.heatmap.error = *error;
        return;
    }
    refreshHeatmap(ui.heatmap);
}

plot::PlotOptions surfacePlotOptions() {
    plot::PlotOptions options;
    options.xLabel = "w (slope)";
    options.yLabel = "b (intercept)";
    options.grid = false;
    options.zeroLine = false;
    return options;
}

// What the plot shows, in a line above it.
std::string surfaceCaption(const RegressionState& rs) {
    std::string caption = "J(w, b) of " + std::string(regressionLossKey(rs.options.loss)) +
                          "   ● exact minimum of each loss";
    if (!rs.run.ready) return caption;
    caption += rs.run.descent.steps > 0
                   ? "   — descent, " + std::to_string(rs.run.descent.steps) + " steps"
                   : "   ● descent starts here (Play)";
    return caption;
}

void drawSurfacePlot(const RegressionState& rs, plot::Plot& plot) {
    const RegressionSurfacePanelState& ui = rs.surface;
    plot.axes();
    drawHeatmap(plot, ui.heatmap);
    const plot::Color accent = accentColor(plot.canvas());
    // The other losses' minima small, the chosen one large: where each line sits in (w, b).
    for (RegressionLoss loss : kAllRegressionLosses) {
        const auto& fit = rs.fits.fits[regressionLossIndex(loss)];
        if (fit && loss != rs.options.loss)
            plot.marker(fit->line.w, fit->line.b, regressionLossColor(loss), 4.0f);
    }
    const RegressionRun& run = rs.run;
    if (run.ready && !run.path.empty()) {
        std::vector<double> ws, bs;
        ws.reserve(run.path.size() + 1);
        bs.reserve(run.path.size() + 1);
        for (const RegressionLine& line : run.path) {
            ws.push_back(line.w);
            bs.push_back(line.b);
        }
        ws.push_back(run.descent.line.w);
        bs.push_back(run.descent.line.b);
        plot.polyline(ws, bs, accent, 2.0f);
        plot.marker(run.path.front().w, run.path.front().b, accent, 3.0f, false);
        plot.marker(run.descent.line.w, run.descent.line.b, accent, 4.5f);
    }
    if (const ExactFit* chosen = chosenRegressionFit(rs)) {
        plot.marker(chosen->line.w, chosen->line.b, regressionLossColor(rs.options.loss), 7.0f);
    }
}

}  // namespace

void updateRegressionSurfacePanel(AppState& state, bool visible) {
    prepareRegression(state, visible);
    if (visible && state.regression.initialized) refreshSurface(state.regression);
}

void drawRegressionSurfacePanel(AppState& state, PanelGpu& gpu) {
    RegressionState& rs = state.regression;
    RegressionSurfacePanelState& ui = rs.surface;
    if (!ui.heatmap.error.empty()) {
        ImGui::TextWrapped("%s", ui.heatmap.error.c_str());
        return;
    }
    if (ui.heatmap.grid.empty()) return;
    ImGui::TextDisabled("%s", surfaceCaption(rs).c_str());
    const std::optional<HeatmapLayout> layout = layoutHeatmap(ui.heatmap, 1.1, 1.0);
    if (!layout) return;
    const GridSpec& spec = ui.heatmap.grid.spec;
    {
        plot::ScreenPlot plot("reg-surface", plot::toImVec2(layout->plotSize),
                              {spec.xMin, spec.xMax}, {spec.yMin, spec.yMax}, surfacePlotOptions(),
                              &gpu);
        ui.transform = plot.transform();
        drawSurfacePlot(rs, plot);
        if (plot.hovered()) {
            const float wheel = ImGui::GetIO().MouseWheel;
            if (wheel != 0.0f)
                ui.zoom = std::clamp(ui.zoom * std::exp(-0.15 * wheel), kMinZoom, kMaxZoom);
            const RegressionLine at{plot.mouseX(), plot.mouseY()};
            const RegressionObjective j = evaluateRegressionObjective(rs.options, rs.data, at);
            ImGui::SetTooltip(
                "w = %.4g, b = %.4g\nJ = %.5g (data %.5g + λ2·w² %.3g)\n∇J = (%.4g, %.4g)\n"
                "wheel: zoom",
                at.w, at.b, j.value, j.dataLoss, j.regLoss, j.gradW, j.gradB);
        }
    }
    drawHeatmapColorBar("reg-surface-bar", ui.heatmap, *layout);
}

void figureRegressionSurfacePanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    updateRegressionSurfacePanel(state, true);
    RegressionState& rs = state.regression;
    const RegressionSurfacePanelState& ui = rs.surface;
    if (ui.heatmap.grid.empty() || !ui.heatmap.error.empty()) {
        canvas.text(area.min, canvas.textColor(), ui.heatmap.error);
        return;
    }
    canvas.text(area.min, canvas.textColor(0.75f), surfaceCaption(rs));
    const float captionHeight = canvas.fontSize() * 1.4f;
    const plot::Rect below{{area.min.x, area.min.y + captionHeight}, area.max};
    const HeatmapLayout layout = layoutHeatmap(canvas, ui.heatmap, below, 1.1, 1.0);
    const GridSpec& spec = ui.heatmap.grid.spec;
    {
        plot::Plot plot(canvas, layout.plotRect(), {spec.xMin, spec.xMax}, {spec.yMin, spec.yMax},
                        surfacePlotOptions());
        drawSurfacePlot(rs, plot);
    }
    drawHeatmapColorBar(canvas, ui.heatmap, layout);
}

}  // namespace losslab
