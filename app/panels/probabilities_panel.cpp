// Probabilities vs target: p and q side by side for every class.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/plot.hpp"

namespace losslab {

void drawProbabilitiesPanel(AppState& state, PanelGpu& /*gpu*/) {
    const ModelState& m = state.model;
    const DerivedState& d = state.derived;
    const int k = m.classCount();
    plot::legend(
        {{"p = softmax(s/τ)", plot::textColor(0.85f)}, {"q target (outline)", plot::frameColor()}});
    plot::PlotOptions options;
    options.xTicks = false;
    plot::Plot plot("p-vs-q", ImVec2(0, 0), {-0.5, k - 0.5}, {0.0, 1.1}, options);
    plot.axes();
    for (int i = 0; i < k; ++i) {
        plot.rect(i - 0.38, 0.0, i - 0.02, d.probs[i], classImColor(i, 0.9f));
        plot.rect(i + 0.02, 0.0, i + 0.38, d.target[i], classImColor(i, 0.25f), classImColor(i));
        char label[24];
        std::snprintf(label, sizeof label, "%.2f", d.probs[i]);
        plot.text(i - 0.2, d.probs[i], label, plot::textColor(0.9f));
        std::snprintf(label, sizeof label, "%.2f", d.target[i]);
        plot.text(i + 0.2, d.target[i], label, plot::textColor(0.6f));
    }
    plot.categoryLabels(std::vector<std::string>(m.classNames.begin(), m.classNames.end()),
                        m.trueClass, accentColor());
    if (plot.hovered()) {
        const int i = std::clamp(static_cast<int>(plot.mouseX() + 0.5), 0, k - 1);
        ImGui::SetTooltip("%s: p = %.6f, q = %.6f, p − q = %+.6f",
                          m.classNames[static_cast<size_t>(i)].c_str(), d.probs[i], d.target[i],
                          d.probs[i] - d.target[i]);
    }
}

}  // namespace losslab
