#include "panels/heatmap_view.hpp"

#include "state/cache_key.hpp"

#include <algorithm>
#include <cmath>

#include "panels/geometry_controls.hpp"

namespace losslab {

void refreshHeatmap(HeatmapCache& cache, Colormap map) {
    const Grid& grid = cache.grid;
    cache.contours.clear();
    if (grid.empty() || !std::isfinite(grid.minValue) || !std::isfinite(grid.maxValue)) return;
    double lo = grid.minValue, hi = grid.maxValue;
    if (hi <= lo) hi = lo + 1e-9;
    const bool spansDecades = lo >= 0 && hi > 1000.0 * std::max(lo, 1e-3);
    cache.scale.map = map;
    cache.scale.logarithmic = spansDecades;
    cache.scale.low = spansDecades ? std::max(lo, hi * 1e-6) : lo;
    cache.scale.high = hi;
    const std::vector<double> levels =
        // Log levels start where the colours do: below the scale's floor (1e-6 of the top)
        // every cell is the same colour, and lines there would only draw the grid's noise.
        spansDecades ? logLevels(cache.scale.low, hi, 10) : niceLevels(lo, hi, 8, 12);
    cache.contours = traceContours(grid, levels);
    if (auto error = fillImage(grid, cache.scale, &cache.image)) {
        cache.error = *error;
        return;
    }
    cache.imageRevision = freshRevision();
}

void drawHeatmap(plot::Plot& plot, const HeatmapCache& cache, PanelGpu& gpu, float contourAlpha) {
    if (cache.grid.empty() || !cache.error.empty()) return;
    const ImTextureID texture = gpu.texture(&cache, cache.image, cache.imageRevision);
    if (!texture) return;
    const GridSpec& spec = cache.grid.spec;
    // Texel centres sit on the grid's nodes, so the image extends half a cell beyond them.
    const double hx = spec.dx() * 0.5, hy = spec.dy() * 0.5;
    plot.image(texture, spec.xMin - hx, spec.yMin - hy, spec.xMax + hx, spec.yMax + hy);
    drawContours(plot, cache.contours,
                 IM_COL32(255, 255, 255, static_cast<int>(255 * contourAlpha)));
}

void drawContours(plot::Plot& plot, const std::vector<ContourLevel>& contours, ImU32 color,
                  float thickness) {
    for (const ContourLevel& level : contours)
        drawContourLevel(plot, level, color, thickness);
}

void drawContourLevel(plot::Plot& plot, const ContourLevel& level, ImU32 color, float thickness) {
    std::vector<double> xs, ys;
    for (const Polyline& line : level.lines) {
        xs.clear();
        ys.clear();
        for (const Eigen::Vector2d& p : line.points) {
            xs.push_back(p.x());
            ys.push_back(p.y());
        }
        plot.polyline(xs, ys, color, thickness, line.closed);
    }
}

namespace {
// The values along the colour bar: the scale's, or their log10 on a logarithmic scale.
plot::Range colorBarRange(const HeatmapCache& cache) {
    if (cache.scale.logarithmic) {
        return {std::log10(cache.scale.low), std::log10(cache.scale.high)};
    }
    return {cache.scale.low, cache.scale.high};
}
}  // namespace

std::optional<HeatmapLayout> layoutHeatmap(const HeatmapCache& cache, double dataWidth,
                                           double dataHeight, float reserve) {
    if (!cache.error.empty()) {
        ImGui::TextColored(ImVec4(1, 0.55f, 0.3f, 1), "%s", cache.error.c_str());
        return std::nullopt;
    }
    const float font = ImGui::GetFontSize();
    HeatmapLayout layout;
    layout.barWidth =
        std::max(font * 4.5f, plot::colorBarWidth(colorBarRange(cache)) + font * 0.6f);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.x -= layout.barWidth + reserve;
    layout.plotSize = fitAspect(avail, dataWidth, dataHeight);
    // Centred in the width left over (a panel filling a wide screen), the bar beside it.
    const float slack = std::floor((avail.x - layout.plotSize.x) * 0.5f);
    if (slack > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + slack);
    layout.origin = ImGui::GetCursorScreenPos();
    return layout;
}

void drawHeatmapColorBar(const char* id, const HeatmapCache& cache, const HeatmapLayout& layout) {
    const float font = ImGui::GetFontSize();
    ImGui::SetCursorScreenPos(
        ImVec2(layout.origin.x + layout.plotSize.x + font * 0.3f, layout.origin.y));
    const ImVec2 size(layout.barWidth - font * 0.3f, layout.plotSize.y);
    const char* label = "L";
    std::vector<ImU32> colors;
    constexpr int kSteps = 64;
    for (int i = 0; i < kSteps; ++i) {
        const Rgb8 c = colormapColor8(cache.scale.map, (i + 0.5) / kSteps);
        colors.push_back(IM_COL32(c.r, c.g, c.b, 255));
    }
    const plot::Range range = colorBarRange(cache);
    if (cache.scale.logarithmic) {
        std::string text = std::string(label) + " (log₁₀)";
        plot::colorBar(id, size, colors, range, text.c_str());
        return;
    }
    plot::colorBar(id, size, colors, range, label);
}

}  // namespace losslab
