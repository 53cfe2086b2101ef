#pragma once
// A small categorical bar chart used by several panels (values per class, class colours).
#include <string>
#include <vector>

#include "losslab/types.hpp"
#include "plot/screen_plot.hpp"

namespace losslab {

struct BarChartOptions {
    const char* title = nullptr;
    plot::Range range{0.0, 1.0};
    bool showValues = true;
    const char* valueFormat = "%.3f";
    int markClass = -1;            // drawn with a star (e.g. the argmax)
    const Vec* overlay = nullptr;  // drawn as outlined boxes over the bars (e.g. the target q)
    bool categoryNames = true;
};

// Draws `values` as bars in a plot of `size` (one ImGui item that takes the mouse) and
// returns its data <-> pixel transform, so callers can map mouse input to classes and values.
plot::Transform drawClassBars(const char* id, ImVec2 size, const Vec& values,
                              const std::vector<std::string>& names,
                              const BarChartOptions& options);
// The same bars (and axes) on a plot of any canvas: a plot of classBarRange(K) by
// options.range with classBarPlotOptions.
void drawClassBars(plot::Plot& plot, const Vec& values, const std::vector<std::string>& names,
                   const BarChartOptions& options);
plot::PlotOptions classBarPlotOptions(const BarChartOptions& options, float font);
plot::Range classBarRange(int classes);

}  // namespace losslab
