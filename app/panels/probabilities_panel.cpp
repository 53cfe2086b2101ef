// Probabilities vs target: p and q side by side for every class.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"

namespace losslab {

namespace {

plot::LegendEntries probabilitiesLegend(const plot::Canvas& canvas) {
    return {{"p = softmax(s/τ)", canvas.textColor(0.85f)},
            {"q target (outline)", canvas.frameColor()}};
}

plot::PlotOptions probabilitiesPlotOptions() {
    plot::PlotOptions options;
    options.xTicks = false;
    return options;
}

plot::Range probabilitiesXRange(const ModelState& m) {
    return {-0.5, m.classCount() - 0.5};
}

constexpr plot::Range kProbabilityRange{0.0, 1.1};

void drawProbabilitiesPlot(const AppState& state, plot::Plot& plot) {
    const ModelState& m = state.model;
    const DerivedState& d = state.derived;
    plot.axes();
    for (int i = 0; i < m.classCount(); ++i) {
        plot.rect(i - 0.38, 0.0, i - 0.02, d.probs[i], classImColor(i, 0.9f));
        plot.rect(i + 0.02, 0.0, i + 0.38, d.target[i], classImColor(i, 0.25f), classImColor(i));
        char label[24];
        std::snprintf(label, sizeof label, "%.2f", d.probs[i]);
        plot.text(i - 0.2, d.probs[i], label, plot.textColor(0.9f));
        std::snprintf(label, sizeof label, "%.2f", d.target[i]);
        plot.text(i + 0.2, d.target[i], label, plot.textColor(0.6f));
    }
    plot.categoryLabels(std::vector<std::string>(m.classNames.begin(), m.classNames.end()),
                        m.trueClass, accentColor(plot.canvas()));
}

}  // namespace

void drawProbabilitiesPanel(AppState& state, PanelGpu& /*gpu*/) {
    const ModelState& m = state.model;
    const DerivedState& d = state.derived;
    const int k = m.classCount();
    {
        plot::ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
        plot::legend(probabilitiesLegend(canvas));
    }
    plot::ScreenPlot plot("p-vs-q", ImVec2(0, 0), probabilitiesXRange(m), kProbabilityRange,
                          probabilitiesPlotOptions());
    drawProbabilitiesPlot(state, plot);
    if (plot.hovered()) {
        const int i = std::clamp(static_cast<int>(plot.mouseX() + 0.5), 0, k - 1);
        ImGui::SetTooltip("%s: p = %.6f, q = %.6f, p − q = %+.6f",
                          m.classNames[static_cast<size_t>(i)].c_str(), d.probs[i], d.target[i],
                          d.probs[i] - d.target[i]);
    }
}

void figureProbabilitiesPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    const float legendHeight =
        plot::legend(canvas, area.min, area.width(), probabilitiesLegend(canvas));
    plot::Plot plot(canvas, {{area.min.x, area.min.y + legendHeight}, area.max},
                    probabilitiesXRange(state.model), kProbabilityRange,
                    probabilitiesPlotOptions());
    drawProbabilitiesPlot(state, plot);
}

}  // namespace losslab
