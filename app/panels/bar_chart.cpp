#include "panels/bar_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plot/palette.hpp"

namespace losslab {

plot::PlotOptions classBarPlotOptions(const BarChartOptions& options, float font) {
    plot::PlotOptions plotOptions;
    plotOptions.xTicks = false;
    plotOptions.yLabel = options.title;
    if (!options.categoryNames) plotOptions.bottomMargin = font * 0.4f;
    return plotOptions;
}

plot::Range classBarRange(int classes) {
    return {-0.5, classes - 0.5};
}

plot::Transform drawClassBars(const char* id, ImVec2 size, const Vec& values,
                              const std::vector<std::string>& names,
                              const BarChartOptions& options) {
    plot::ScreenPlot plot(id, size, classBarRange(static_cast<int>(values.size())), options.range,
                          classBarPlotOptions(options, ImGui::GetFontSize()));
    drawClassBars(plot, values, names, options);
    return plot.transform();
}

void drawClassBars(plot::Plot& plot, const Vec& values, const std::vector<std::string>& names,
                   const BarChartOptions& options) {
    const int k = static_cast<int>(values.size());
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
            plot.rect(i - 0.4, base, i + 0.4, q, 0, plot.textColor(0.9f));
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
            plot.text(i, v, text, plot.textColor(), {0.5f, v >= base ? 1.05f : -0.05f});
        }
    }
    if (options.categoryNames) plot.categoryLabels(names);
}

}  // namespace losslab
