// Fit: the points and the lines through them. The chosen loss's exact fit is bold, the other
// losses' exact fits thin, the gradient-descent line dashed; each residual is a vertical
// segment and each point's area grows with its pull on the fit |∂L/∂ŷ|, so that an outlier's
// grip on the l2 line shows. Click adds a point (and drags it), drag moves one, right-click
// erases, Ctrl+Z undoes.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "panels/panels.hpp"
#include "panels/regression_view.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/regression_edit.hpp"

namespace losslab {

namespace {

constexpr double kViewPadding = 0.12;  // of the points' span, on each side

// Radius (before the theme's marker scale) of a point pulling with `weight` when the
// strongest pull is `largest`: from 0.6 to 2.5 base radii, the radius growing as the square
// root of the pull (the area with the pull), so that l1's equal pulls give equal points and
// l2's outliers stand out.
float pointRadius(float font, double weight, double largest) {
    const float base = font * 0.2f;
    if (!(largest > 0) || !std::isfinite(weight)) return base;
    const double share = std::clamp(weight / largest, 0.0, 1.0);
    return base * static_cast<float>(0.6 + 1.9 * std::sqrt(share));
}

double largestWeight(const RegressionState& rs) {
    const Vec& w = rs.fits.weights;
    return w.size() > 0 ? w.maxCoeff() : 0.0;
}

// The view that holds every point with a margin (and at least a unit square).
void fitViewToPoints(RegressionState& rs) {
    FitPanelState& ui = rs.fit;
    const RegressionData& d = rs.data;
    double x0 = -1, x1 = 1, y0 = -1, y1 = 1;
    if (d.size() > 0) {
        x0 = d.x.minCoeff();
        x1 = d.x.maxCoeff();
        y0 = d.y.minCoeff();
        y1 = d.y.maxCoeff();
    }
    auto padded = [](double lo, double hi) {
        const double mid = 0.5 * (lo + hi);
        const double half = std::max(0.5 * (hi - lo) * (1.0 + 2.0 * kViewPadding), 0.5);
        return plot::Range{mid - half, mid + half};
    };
    ui.viewX = padded(x0, x1);
    ui.viewY = padded(y0, y1);
    ui.viewStale = false;
}

bool everyPointInView(const RegressionState& rs) {
    const FitPanelState& ui = rs.fit;
    const RegressionData& d = rs.data;
    for (Eigen::Index i = 0; i < d.size(); ++i) {
        if (d.x[i] < ui.viewX.min || d.x[i] > ui.viewX.max || d.y[i] < ui.viewY.min ||
            d.y[i] > ui.viewY.max) {
            return false;
        }
    }
    return true;
}

// A line across the whole view, dashed: the line gradient descent has reached.
void dashedLine(plot::Plot& plot, const RegressionLine& line, plot::Color color, float thickness) {
    const plot::Transform& t = plot.transform();
    constexpr int kDashes = 24;
    const double step = t.x.span() / (2 * kDashes);
    for (int i = 0; i < 2 * kDashes; i += 2) {
        const double xa = t.x.min + i * step, xb = xa + step;
        plot.segment(xa, line.w * xa + line.b, xb, line.w * xb + line.b, color, thickness);
    }
}

void fullLine(plot::Plot& plot, const RegressionLine& line, plot::Color color, float thickness) {
    const plot::Transform& t = plot.transform();
    plot.segment(t.x.min, line.w * t.x.min + line.b, t.x.max, line.w * t.x.max + line.b, color,
                 thickness);
}

// The legend, a strip above the plot (it would hide points inside it): a sample of each line
// with its loss, and what a point's size means. Entries wrap to the width; returns the height
// taken.
float fitLegend(const RegressionState& rs, plot::Canvas& canvas, plot::Rect area) {
    const float font = canvas.fontSize();
    const float lineScale = canvas.style().lineScale;
    enum class Sample { Line, Dashed, Dots };
    struct Entry {
        std::string text;
        plot::Color color;
        float thickness;
        Sample sample;
    };
    std::vector<Entry> entries;
    for (RegressionLoss loss : kAllRegressionLosses) {
        if (!rs.fits.fits[regressionLossIndex(loss)]) continue;
        const bool chosen = loss == rs.options.loss;
        entries.push_back({std::string(regressionLossKey(loss)) + (chosen ? " (chosen)" : ""),
                           regressionLossColor(loss), chosen ? 3.2f : 1.4f, Sample::Line});
    }
    if (rs.run.ready && rs.run.descent.steps > 0) {
        entries.push_back({"gradient descent", canvas.textColor(0.85f), 1.6f, Sample::Dashed});
    }
    entries.push_back(
        {"point area ∝ its pull |∂L/∂ŷ|", canvas.textColor(0.55f), 0.0f, Sample::Dots});
    const float sample = font * 1.6f, gap = font * 0.35f, rowHeight = font * 1.3f;
    float x = area.min.x, y = area.min.y;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        const float width = sample + gap + canvas.textSize(e.text).x;
        if (i > 0 && x + width > area.max.x) {
            x = area.min.x;
            y += rowHeight;
        }
        {
            const float mid = y + rowHeight * 0.5f;
            if (e.sample == Sample::Dots) {
                const float r = font * 0.2f * canvas.style().markerScale;
                canvas.fillCircle({x + sample * 0.2f, mid}, r * 0.6f, e.color);
                canvas.fillCircle({x + sample * 0.65f, mid}, r * 2.0f, e.color);
            } else if (e.sample == Sample::Dashed) {
                for (int k = 0; k < 4; ++k) {
                    const float a = x + sample * k / 4.0f;
                    canvas.line({a, mid}, {a + sample / 8.0f, mid}, e.color,
                                e.thickness * lineScale);
                }
            } else {
                canvas.line({x, mid}, {x + sample, mid}, e.color, e.thickness * lineScale);
            }
            canvas.text({x + sample + gap, mid - font * 0.5f}, canvas.textColor(), e.text);
        }
        x += width + font;
    }
    return y + rowHeight - area.min.y;
}

plot::PlotOptions fitPlotOptions() {
    plot::PlotOptions options;
    options.xLabel = "x";
    options.yLabel = "y";
    options.zeroLine = false;
    return options;
}

// Everything on the data view: residuals, the lines, the points, the legend, or the message
// that there is no line. The screen and a figure draw the same.
void drawFitPlot(const RegressionState& rs, plot::Plot& plot) {
    const RegressionData& d = rs.data;
    const FitPanelState& ui = rs.fit;
    plot.axes();
    const ExactFit* chosen = chosenRegressionFit(rs);
    const float font = plot.fontSize();
    if (chosen) {
        // Residuals first, under everything: from each point to the chosen line.
        const plot::Color residual = regressionLossColor(rs.options.loss, 0.55f);
        for (Eigen::Index i = 0; i < d.size(); ++i) {
            const double fitted = chosen->line.w * d.x[i] + chosen->line.b;
            plot.segment(d.x[i], d.y[i], d.x[i], fitted, residual, 1.2f);
        }
        for (RegressionLoss loss : kAllRegressionLosses) {
            const auto& fit = rs.fits.fits[regressionLossIndex(loss)];
            if (fit && loss != rs.options.loss)
                fullLine(plot, fit->line, regressionLossColor(loss, 0.9f), 1.4f);
        }
        if (rs.run.ready && rs.run.descent.steps > 0)
            dashedLine(plot, rs.run.descent.line, plot.textColor(0.85f), 1.6f);
        fullLine(plot, chosen->line, regressionLossColor(rs.options.loss), 3.2f);
    }
    const double largest = largestWeight(rs);
    const bool weighted = rs.fits.weights.size() == d.size();
    const plot::Color fill = plot.textColor(0.5f);
    for (Eigen::Index i = 0; i < d.size(); ++i) {
        const double weight = weighted ? rs.fits.weights[i] : 0.0;
        const float radius = pointRadius(font, weight, weighted ? largest : 0.0);
        plot.marker(d.x[i], d.y[i],
                    i == ui.hovered || i == ui.dragPoint ? accentColor(plot.canvas()) : fill,
                    radius);
    }
    if (!chosen) {
        const plot::Transform& t = plot.transform();
        plot.text(t.x.min + t.x.span() * 0.5, t.y.min + t.y.span() * 0.5, regressionFitProblem(rs),
                  plot.textColor(), {0.5f, 0.5f});
    }
}

// The point within reach of the mouse (pixels), nearest first; −1 for none.
Eigen::Index pointUnderMouse(const RegressionState& rs, const plot::Transform& t, ImVec2 mouse,
                             float reach) {
    Eigen::Index best = -1;
    float bestDistance = reach;
    for (Eigen::Index i = 0; i < rs.data.size(); ++i) {
        const float d =
            std::hypot(t.toPixelX(rs.data.x[i]) - mouse.x, t.toPixelY(rs.data.y[i]) - mouse.y);
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

void handleMouse(RegressionState& rs, const plot::ScreenPlot& plot) {
    FitPanelState& ui = rs.fit;
    const plot::Transform& t = plot.transform();
    const ImGuiIO& io = ImGui::GetIO();
    const float reach = ImGui::GetFontSize() * 0.6f + 4.0f;
    const bool inside = io.MousePos.x >= t.left && io.MousePos.x <= t.left + t.width &&
                        io.MousePos.y >= t.top && io.MousePos.y <= t.top + t.height;
    const double mx = plot.mouseX(), my = plot.mouseY();

    // Right click: erase the point under the mouse (one undo step).
    if (ui.drag == FitDrag::None && plot.hovered() && inside && ImGui::IsMouseClicked(1)) {
        const Eigen::Index hit = pointUnderMouse(rs, t, io.MousePos, reach);
        if (hit >= 0) {
            beginRegressionEdit(rs);
            eraseRegressionPoint(rs, hit);
        }
    }
    // Left: on a point it moves it; elsewhere it adds one and keeps moving it while held.
    if (ui.drag == FitDrag::None && plot.clicked(0) && inside) {
        Eigen::Index hit = pointUnderMouse(rs, t, io.MousePos, reach);
        beginRegressionEdit(rs);
        if (hit < 0) hit = addRegressionPoint(rs, mx, my);
        ui.drag = FitDrag::MovePoint;
        ui.dragPoint = hit;
        ui.grabOffsetX = rs.data.x[hit] - mx;
        ui.grabOffsetY = rs.data.y[hit] - my;
    }
    if (ui.drag == FitDrag::MovePoint) {
        moveRegressionPoint(rs, ui.dragPoint, mx + ui.grabOffsetX, my + ui.grabOffsetY);
        if (!ImGui::IsMouseDown(0)) {
            ui.drag = FitDrag::None;
            ui.dragPoint = -1;
        }
    }
    ui.hovered = -1;
    if (ui.drag == FitDrag::None && plot.hovered() && inside)
        ui.hovered = pointUnderMouse(rs, t, io.MousePos, reach);
}

void drawHoverTooltip(const RegressionState& rs, Eigen::Index i) {
    const RegressionData& d = rs.data;
    if (i < 0 || i >= d.size() || rs.fits.residuals.size() != d.size()) return;
    const double r = rs.fits.residuals[i];
    const PointLoss loss = regressionPointLoss(rs.options.loss, r, rs.options.delta);
    const std::string key(regressionLossKey(rs.options.loss));
    ImGui::BeginTooltip();
    ImGui::Text("point %lld: x = %.4g, y = %.4g", static_cast<long long>(i), d.x[i], d.y[i]);
    ImGui::Text("residual r = ŷ − y = %.4g (%s fit)", r, key.c_str());
    ImGui::Text("loss %s(r) = %.4g", key.c_str(), loss.value);
    ImGui::Text("pull |∂L/∂ŷ| = %.4g", rs.fits.weights[i]);
    ImGui::TextDisabled("drag: move   right-click: erase   Ctrl+Z: undo");
    ImGui::EndTooltip();
}

void drawStatusLine(const RegressionState& rs) {
    const ExactFit* chosen = chosenRegressionFit(rs);
    const std::string key(regressionLossKey(rs.options.loss));
    if (chosen) {
        ImGui::Text("n = %lld   %s fit: ŷ = %.4g·x + %.4g   J = %.5g",
                    static_cast<long long>(rs.data.size()), key.c_str(), chosen->line.w,
                    chosen->line.b, chosen->objective.value);
    } else {
        ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1.0f), "n = %lld   %s",
                           static_cast<long long>(rs.data.size()),
                           regressionFitProblem(rs).c_str());
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Bold: the exact fit of the chosen loss; thin: the other losses' exact fits;\n"
            "dashed: where gradient descent is. Vertical segments: the residuals.\n"
            "A point's area grows with its pull |∂L/∂ŷ| on the chosen fit.\n"
            "Click: add a point (drag to place it). Drag a point: move it.\n"
            "Right-click: erase. Ctrl+Z / Ctrl+Shift+Z: undo / redo.");
    }
}

}  // namespace

void updateFitPanel(AppState& state, bool visible) {
    prepareRegression(state, visible);
    RegressionState& rs = state.regression;
    if (!rs.initialized) return;
    // The view follows the points when they are replaced, or when one leaves it after an
    // edit; never during a drag, where it would slide under the mouse.
    if (rs.fit.drag == FitDrag::None && (rs.fit.viewStale || !everyPointInView(rs)))
        fitViewToPoints(rs);
}

void drawFitPanel(AppState& state, PanelGpu& gpu) {
    RegressionState& rs = state.regression;
    FitPanelState& ui = rs.fit;
    const float font = ImGui::GetFontSize();
    if (chosenRegressionFit(rs)) {
        plot::ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
        const plot::Vec2 at = plot::fromImVec2(ImGui::GetCursorScreenPos());
        const plot::Rect strip{at, {at.x + ImGui::GetContentRegionAvail().x, at.y}};
        const float height = fitLegend(rs, canvas, strip);
        ImGui::Dummy(ImVec2(strip.width(), height));
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float statusHeight = ImGui::GetFrameHeightWithSpacing();
    const ImVec2 size(avail.x, std::max(avail.y - statusHeight, font * 6));
    {
        plot::ScreenPlot plot("fit", size, ui.viewX, ui.viewY, fitPlotOptions(), &gpu);
        ui.transform = plot.transform();
        drawFitPlot(rs, plot);
        handleMouse(rs, plot);
    }
    if (ui.hovered >= 0) drawHoverTooltip(rs, ui.hovered);
    drawStatusLine(rs);
}

void figureFitPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    prepareRegression(state, true);
    updateFitPanel(state, true);
    const RegressionState& rs = state.regression;
    plot::Rect plotArea = area;
    if (chosenRegressionFit(rs)) {
        plotArea.min.y += fitLegend(rs, canvas, area) + canvas.fontSize() * 0.3f;
    }
    plot::Plot plot(canvas, plotArea, rs.fit.viewX, rs.fit.viewY, fitPlotOptions());
    drawFitPlot(rs, plot);
}

}  // namespace losslab
