#pragma once
// Shared drawing of a heatmap cache: the texture over its grid's rectangle, the contour
// lines, and the colour bar. Used by the simplex and the loss-surface panels.
#include <string>
#include <vector>

#include "panels/panel_states.hpp"
#include "plot/plot.hpp"

namespace losslab {

// Colours, levels and texture of `cache.grid` (call after the grid changed).
// Sequential colormap; log-spaced levels and a log colour scale when the values span
// more than three decades (hinge losses far from the margin).
void refreshHeatmap(HeatmapCache& cache, Colormap map = Colormap::Viridis);
void drawHeatmap(plot::Plot& plot, const HeatmapCache& cache, float contourAlpha = 0.55f);
void drawContours(plot::Plot& plot, const std::vector<ContourLevel>& contours, ImU32 color,
                  float thickness = 1.2f);
// A colour bar of `cache.scale`, `size` pixels, at the cursor.
void drawHeatmapColorBar(const char* id, const HeatmapCache& cache, ImVec2 size, const char* label);

}  // namespace losslab
