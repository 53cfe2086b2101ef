#pragma once
// Shared drawing of a heatmap cache: the texture over its grid's rectangle, the contour
// lines, and the colour bar. Used by the simplex, loss-surface and landscape panels.
#include <optional>
#include <string>
#include <vector>

#include "panels/panel_gpu.hpp"
#include "plot/screen_plot.hpp"
#include "state/panel_states.hpp"

namespace losslab {

// Colours, levels and image of `cache.grid` (call after the grid changed).
// Sequential colormap; log-spaced levels and a log colour scale when the values span
// more than three decades (hinge losses far from the margin).
void refreshHeatmap(HeatmapCache& cache, Colormap map = Colormap::Viridis);
void drawHeatmap(plot::Plot& plot, const HeatmapCache& cache, float contourAlpha = 0.55f);
void drawContours(plot::Plot& plot, const std::vector<ContourLevel>& contours, plot::Color color,
                  float thickness = 1.2f);
void drawContourLevel(plot::Plot& plot, const ContourLevel& level, plot::Color color,
                      float thickness);

// Where a heatmap panel puts its plot and colour bar in the space left: the plot keeps the
// data's aspect, the bar to its right is wide enough for its longest label (a diverged run
// reaches 1e+304), and `reserve` pixels stay free to the right of the bar (a legend).
struct HeatmapLayout {
    plot::Vec2 origin;    // the plot's top-left corner, in the canvas's pixels
    plot::Vec2 plotSize;  // in pixels
    float barWidth;       // the colour bar and its labels
    plot::Rect plotRect() const { return {origin, {origin.x + plotSize.x, origin.y + plotSize.y}}; }
};
// On screen, at the cursor. Shows the cache's error instead, and returns nothing, when the
// heatmap could not be computed.
std::optional<HeatmapLayout> layoutHeatmap(const HeatmapCache& cache, double dataWidth,
                                           double dataHeight, float reserve = 0.0f);
// The colour bar of `cache.scale`, labelled L, right of the plot that `layout` placed.
void drawHeatmapColorBar(const char* id, const HeatmapCache& cache, const HeatmapLayout& layout);
// The same in `area` of any canvas (a figure): the plot centred in the width left over.
HeatmapLayout layoutHeatmap(plot::Canvas& canvas, const HeatmapCache& cache, plot::Rect area,
                            double dataWidth, double dataHeight, float reserve = 0.0f);
void drawHeatmapColorBar(plot::Canvas& canvas, const HeatmapCache& cache,
                         const HeatmapLayout& layout);

}  // namespace losslab
