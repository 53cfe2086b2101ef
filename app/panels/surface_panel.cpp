// Loss surface: the selected loss over two logits (others fixed) — heatmap, contours,
// a quiver of −∇L, the descent path on the logits, and optionally a second loss's contours.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels/geometry_controls.hpp"
#include "panels/heatmap_view.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "state/model_edit.hpp"

namespace losslab {

namespace {

LossContext contextFor(const AppState& state, Loss loss) {
    LossContext context;
    context.loss = loss;
    context.trueClass = state.model.trueClass;
    context.target = state.derived.target;
    context.options = state.model.options;
    return context;
}

void resolveAxes(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    const ModelState& m = state.model;
    const int k = m.classCount();
    int a = ui.axisA >= 0 && ui.axisA < k ? ui.axisA : m.trueClass;
    int b = ui.axisB >= 0 && ui.axisB < k ? ui.axisB : strongestRival(m.logits, a);
    if (a == b) b = strongestRival(m.logits, a);
    if (a != ui.resolvedA || b != ui.resolvedB) ++ui.settingsRevision;
    ui.resolvedA = a;
    ui.resolvedB = b;
}

void stopDescentIfEditedElsewhere(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    if (ui.descentStart && state.modelRevision != ui.ownRevision) {
        ui.descentStart.reset();
        ui.descending = false;
        ui.descent = DescentPath{};
        ui.descentShown = 0;
    }
}

void refresh(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    const ModelState& m = state.model;
    if (!ui.descentStart) {
        ui.centreA = m.logits[ui.resolvedA];
        ui.centreB = m.logits[ui.resolvedB];
    }
    const std::uint64_t key = state.modelRevision * 7919 + ui.settingsRevision;
    if (key == ui.heatmap.inputsKey) return;
    ui.heatmap.inputsKey = key;
    ui.heatmap.error.clear();
    LogitPlaneRequest request;
    request.axisA = ui.resolvedA;
    request.axisB = ui.resolvedB;
    request.spec = centredSpec(ui.centreA, ui.centreB, ui.halfWidth, ui.resolution);
    request.withGradient = true;
    if (auto error = computeLogitPlane(contextFor(state, m.selectedLoss), m.logits, request,
                                       &ui.plane, &ui.heatmap.workspace)) {
        ui.heatmap.error = *error;
        return;
    }
    ui.heatmap.grid = ui.plane.loss;
    refreshHeatmap(ui.heatmap);
    ui.compare.contours.clear();
    if (ui.compareLoss) {
        request.withGradient = false;
        if (!computeLogitPlane(contextFor(state, *ui.compareLoss), m.logits, request,
                               &ui.comparePlane, &ui.compare.workspace)) {
            ui.compare.grid = ui.comparePlane.loss;
            refreshHeatmap(ui.compare);
        }
    }
}

void advanceDescent(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    if (!ui.descending) return;
    const int rows = static_cast<int>(ui.descent.logits.rows());
    if (ui.descentShown >= rows) {
        ui.descending = false;
        return;
    }
    ++ui.descentShown;
    setLogits(state, ui.descent.logits.row(ui.descentShown - 1).transpose());
    ui.ownRevision = state.modelRevision;
}

void drawToolbar(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    const ModelState& m = state.model;
    const float font = ImGui::GetFontSize();
    int a = ui.resolvedA, b = ui.resolvedB;
    ImGui::TextUnformatted("x:");
    ImGui::SameLine();
    if (classCombo("##axisA", m, &a, font * 5)) {
        ui.axisA = a;
        if (ui.axisB == a || (ui.axisB < 0 && a == ui.resolvedB)) ui.axisB = ui.resolvedA;
        ++ui.settingsRevision;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("y:");
    ImGui::SameLine();
    if (classCombo("##axisB", m, &b, font * 5) && b != ui.resolvedA) {
        ui.axisB = b;
        ++ui.settingsRevision;
    }
    ImGui::SameLine();
    float half = static_cast<float>(ui.halfWidth);
    ImGui::SetNextItemWidth(font * 6);
    if (ImGui::SliderFloat("##range", &half, 0.5f, 100.0f, "± %.1f",
                           ImGuiSliderFlags_Logarithmic)) {
        ui.halfWidth = half;
        ++ui.settingsRevision;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Half-width of the window around the current logits (scroll on the plot to zoom)");
    // Descent controls.
    ImGui::SetNextItemWidth(font * 6);
    float eta = static_cast<float>(ui.stepSize);
    if (ImGui::SliderFloat("##eta", &eta, 0.01f, 5.0f, "η = %.2f", ImGuiSliderFlags_Logarithmic))
        ui.stepSize = eta;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Step size of gradient descent on the two logits: s ← s − η∇L");
    ImGui::SameLine();
    if (ImGui::Button(ui.descending ? "Descending…" : "Descend")) startSurfaceDescent(state);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Animate gradient descent on the two logits from the current point");
    ImGui::SameLine();
    ImGui::BeginDisabled(!ui.descentStart);
    if (ImGui::Button("Reset")) resetSurfaceDescent(state);
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string compareName =
        ui.compareLoss ? std::string(lossName(*ui.compareLoss)) : "compare: none";
    ImGui::SetNextItemWidth(font * 9);
    if (ImGui::BeginCombo("##compare", compareName.c_str())) {
        if (ImGui::Selectable("none", !ui.compareLoss)) {
            ui.compareLoss.reset();
            ++ui.settingsRevision;
        }
        for (Loss loss : kAllLosses) {
            if (ImGui::Selectable(std::string(lossName(loss)).c_str(), ui.compareLoss == loss)) {
                ui.compareLoss = loss;
                ++ui.settingsRevision;
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Overlay the contour lines of a second loss (e.g. hinge vs cross-entropy)");
}

void drawQuiver(plot::Plot& plot, const SurfacePanelState& ui) {
    const Grid& ga = ui.plane.gradA;
    const Grid& gb = ui.plane.gradB;
    if (ga.empty() || gb.empty()) return;
    const GridSpec& spec = ga.spec;
    constexpr int kArrows = 13;
    const int stride = std::max(1, spec.nx / kArrows);
    double largest = 0.0;
    for (int j = stride / 2; j < spec.ny; j += stride) {
        for (int i = stride / 2; i < spec.nx; i += stride) {
            largest = std::max(largest, std::hypot(ga.at(i, j), gb.at(i, j)));
        }
    }
    if (!(largest > 0) || !std::isfinite(largest)) return;
    // Longest arrow: 80 % of the spacing; short ones keep a visible minimum so flat regions
    // (hinge losses past the margin) read as "no arrow" only where the gradient is exactly 0.
    const double spacing = stride * spec.dx();
    for (int j = stride / 2; j < spec.ny; j += stride) {
        for (int i = stride / 2; i < spec.nx; i += stride) {
            const double gx = ga.at(i, j), gy = gb.at(i, j);
            const double g = std::hypot(gx, gy);
            if (!(g > 0) || !std::isfinite(g)) continue;
            const double length = spacing * std::clamp(0.25 + 0.55 * g / largest, 0.25, 0.8);
            const double x = spec.x(i), y = spec.y(j);
            plot.arrow(x, y, x - gx / g * length, y - gy / g * length, IM_COL32(255, 255, 255, 170),
                       1.3f);
        }
    }
}

}  // namespace

bool startSurfaceDescent(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    const ModelState& m = state.model;
    resolveAxes(state);
    state.updateDerived();
    const Vec start = ui.descentStart ? *ui.descentStart : m.logits;
    DescentOptions options;
    options.stepSize = ui.stepSize;
    options.steps = 150;
    options.onlyAxes = true;
    options.axisA = ui.resolvedA;
    options.axisB = ui.resolvedB;
    if (descentPath(contextFor(state, m.selectedLoss), start, options, &ui.descent)) return false;
    ui.descentStart = start;
    ui.descentShown = 1;
    ui.descending = true;
    ui.ownRevision = state.modelRevision;
    return true;
}

void resetSurfaceDescent(AppState& state) {
    SurfacePanelState& ui = state.panels.surface;
    if (!ui.descentStart) return;
    const Vec start = *ui.descentStart;
    ui.descentStart.reset();
    ui.descending = false;
    ui.descent = DescentPath{};
    ui.descentShown = 0;
    setLogits(state, start);
}

bool stepSurfaceDescent(AppState& state, int direction) {
    SurfacePanelState& ui = state.panels.surface;
    stopDescentIfEditedElsewhere(state);
    if (!ui.descentStart) {
        if (direction < 0 || !startSurfaceDescent(state)) return false;
        ui.descending = false;  // the clicker steps it; the frames do not
    }
    ui.descending = false;
    const int rows = static_cast<int>(ui.descent.logits.rows());
    const int shown = std::clamp(ui.descentShown + (direction > 0 ? 1 : -1), 1, rows);
    if (shown == ui.descentShown) return false;
    ui.descentShown = shown;
    setLogits(state, ui.descent.logits.row(shown - 1).transpose());
    ui.ownRevision = state.modelRevision;
    return true;
}

void updateSurfacePanel(AppState& state, bool visible) {
    stopDescentIfEditedElsewhere(state);
    resolveAxes(state);
    advanceDescent(state);  // a descent moves the logits whether or not it is watched
    state.updateDerived();
    // The grid is only for the eye; the 3D view, which shows the same grid, asks for it too.
    if (visible) refresh(state);
}

void refreshSurfaceGrid(AppState& state) {
    resolveAxes(state);
    state.updateDerived();
    refresh(state);
}

namespace {

plot::PlotOptions surfacePlotOptions(const std::string& xLabel, const std::string& yLabel) {
    plot::PlotOptions options;
    options.xLabel = xLabel.c_str();
    options.yLabel = yLabel.c_str();
    options.grid = false;
    options.zeroLine = false;
    return options;
}

std::string axisName(const AppState& state, int logit) {
    return "s_" + state.model.classNames[static_cast<size_t>(logit)];
}

// The heatmap and contours, the compared loss's contours, −∇L arrows, the descent path and
// the current point.
void drawSurfacePlot(const AppState& state, plot::Plot& plot) {
    const SurfacePanelState& ui = state.panels.surface;
    const ModelState& m = state.model;
    const GridSpec& spec = ui.heatmap.grid.spec;
    plot.axes();
    drawHeatmap(plot, ui.heatmap);
    if (ui.compareLoss) drawContours(plot, ui.compare.contours, positiveColor(), 1.6f);
    drawQuiver(plot, ui);
    const plot::Color accent = accentColor(plot.canvas());
    // The descent path so far.
    if (ui.descentShown > 0) {
        std::vector<double> xs, ys;
        for (int r = 0; r < ui.descentShown; ++r) {
            xs.push_back(ui.descent.logits(r, ui.resolvedA));
            ys.push_back(ui.descent.logits(r, ui.resolvedB));
        }
        plot.polyline(xs, ys, accent, 2.0f);
        for (size_t r = 0; r < xs.size(); r += 5)
            plot.marker(xs[r], ys[r], accent, 2.5f);
    }
    plot.marker(m.logits[ui.resolvedA], m.logits[ui.resolvedB], plot::rgba(255, 255, 255, 255),
                6.0f);
    if (ui.compareLoss) {
        plot.text(spec.xMin, spec.yMax,
                  std::string("white: ") + std::string(lossName(m.selectedLoss)) +
                      "   orange: " + std::string(lossName(*ui.compareLoss)),
                  plot.textColor(), {-0.05f, -0.1f});
    }
}

}  // namespace

void drawSurfacePanel(AppState& state, PanelGpu& gpu) {
    SurfacePanelState& ui = state.panels.surface;
    const ModelState& m = state.model;
    if (controlsShown(state)) drawToolbar(state);
    const std::optional<HeatmapLayout> layout = layoutHeatmap(ui.heatmap, 1.08, 1.0);
    if (!layout) return;
    const std::string xLabel = axisName(state, ui.resolvedA);
    const std::string yLabel = axisName(state, ui.resolvedB);
    const GridSpec& spec = ui.heatmap.grid.spec;
    {  // the plot pops its clip rectangle when it goes, so the colour bar shows
        plot::ScreenPlot plot("surface", plot::toImVec2(layout->plotSize), {spec.xMin, spec.xMax},
                              {spec.yMin, spec.yMax}, surfacePlotOptions(xLabel, yLabel), &gpu);
        ui.transform = plot.transform();
        drawSurfacePlot(state, plot);
        // Scroll to zoom the window; hover for the read-out.
        if (plot.hovered()) {
            const float wheel = ImGui::GetIO().MouseWheel;
            if (wheel != 0.0f) {
                ui.halfWidth = std::clamp(ui.halfWidth * std::exp(-0.15 * wheel), 0.5, 200.0);
                ++ui.settingsRevision;
            }
            Vec s = m.logits;
            s[ui.resolvedA] = plot.mouseX();
            s[ui.resolvedB] = plot.mouseY();
            const LossValue v =
                evaluateLoss(m.selectedLoss, s, m.trueClass, state.derived.target, m.options);
            ImGui::SetTooltip("%s = %.3f, %s = %.3f\nL = %.5g\n∇L = (%.4g, %.4g)", xLabel.c_str(),
                              s[ui.resolvedA], yLabel.c_str(), s[ui.resolvedB], v.value,
                              v.grad[ui.resolvedA], v.grad[ui.resolvedB]);
        }
    }
    drawHeatmapColorBar("surface-bar", ui.heatmap, *layout);
}

void figureSurfacePanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    updateSurfacePanel(state, true);
    const SurfacePanelState& ui = state.panels.surface;
    if (ui.heatmap.grid.empty() || !ui.heatmap.error.empty()) return;
    const HeatmapLayout layout = layoutHeatmap(canvas, ui.heatmap, area, 1.08, 1.0);
    const std::string xLabel = axisName(state, ui.resolvedA);
    const std::string yLabel = axisName(state, ui.resolvedB);
    const GridSpec& spec = ui.heatmap.grid.spec;
    {
        plot::Plot plot(canvas, layout.plotRect(), {spec.xMin, spec.xMax}, {spec.yMin, spec.yMax},
                        surfacePlotOptions(xLabel, yLabel));
        drawSurfacePlot(state, plot);
    }
    drawHeatmapColorBar(canvas, ui.heatmap, layout);
}

}  // namespace losslab
