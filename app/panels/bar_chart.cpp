#include "panels/bar_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plot/palette.hpp"

namespace losslab {

plot::Transform drawClassBars(const char* id, ImVec2 size, const Vec& values,
                              const std::vector<std::string>& names,
                              const BarChartOptions& options) {
    const int k = static_cast<int>(values.size());
    plot::PlotOptions plotOptions;
    plotOptions.xTicks = false;
    plotOptions.yLabel = options.title;
    if (!options.categoryNames) plotOptions.bottomMargin = ImGui::GetFontSize() * 0.4f;
    plot::Plot plot(id, size, {-0.5, k - 0.5}, options.range, plotOptions);
    plot.axes();
    const double base = std::clamp(0.0, options.range.min, options.range.max);
    for (int i = 0; i < k; ++i) {
        const double v = std::isfinite(values[i])
                             ? std::clamp(values[i], options.range.min, options.range.max)
                             : options.range.max;
        plot.rect(i - 0.32, base, i + 0.32, v, classImColor(i));
        if (options.overlay && i < options.overlay->size()) {
            const double q =
                std::clamp((*options.overlay)[i], options.range.min, options.range.max);
            plot.rect(i - 0.4, base, i + 0.4, q, 0, plot::textColor(0.9f));
        }
        if (options.showValues) {
            char label[40];
            if (std::isfinite(values[i])) {
                std::snprintf(label, sizeof label, options.valueFormat, values[i]);
            } else {
                std::snprintf(label, sizeof label, "%s", std::isnan(values[i]) ? "NaN" : "inf");
            }
            std::string text = label;
            if (i == options.markClass) text += " ★";
            plot.text(i, v, text.c_str(), plot::textColor(),
                      ImVec2(0.5f, v >= base ? 1.05f : -0.05f));
        }
    }
    if (options.categoryNames) plot.categoryLabels(names);
    return plot.transform();
}

}  // namespace losslab
