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

void drawHeatmap(plot::Plot& plot, const HeatmapCache& cache, float contourAlpha) {
    if (cache.grid.empty() || !cache.error.empty()) return;
    const GridSpec& spec = cache.grid.spec;
    // Texel centres sit on the grid's nodes, so the image extends half a cell beyond them.
    const double hx = spec.dx() * 0.5, hy = spec.dy() * 0.5;
    plot.image({&cache.image, &cache, cache.imageRevision, true}, spec.xMin - hx, spec.yMin - hy,
               spec.xMax + hx, spec.yMax + hy);
    drawContours(plot, cache.contours,
                 plot::rgba(255, 255, 255, static_cast<int>(255 * contourAlpha)));
}

void drawContours(plot::Plot& plot, const std::vector<ContourLevel>& contours, plot::Color color,
                  float thickness) {
    for (const ContourLevel& level : contours)
        drawContourLevel(plot, level, color, thickness);
}

void drawContourLevel(plot::Plot& plot, const ContourLevel& level, plot::Color color,
                      float thickness) {
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

float heatmapBarWidth(plot::Canvas& canvas, const HeatmapCache& cache) {
    const float font = canvas.fontSize();
    return std::max(font * 4.5f, plot::colorBarWidth(canvas, colorBarRange(cache)) + font * 0.6f);
}

// Colours along the bar, low to high, and the bar's label.
std::vector<plot::Color> colorBarColors(const HeatmapCache& cache) {
    std::vector<plot::Color> colors;
    constexpr int kSteps = 64;
    for (int i = 0; i < kSteps; ++i) {
        const Rgb8 c = colormapColor8(cache.scale.map, (i + 0.5) / kSteps);
        colors.push_back(plot::rgba(c.r, c.g, c.b, 255));
    }
    return colors;
}

std::string colorBarLabel(const HeatmapCache& cache) {
    const std::string symbol = cache.valueSymbol;
    return cache.scale.logarithmic ? symbol + " (log₁₀)" : symbol;
}

plot::Rect colorBarArea(float font, const HeatmapLayout& layout) {
    const plot::Vec2 min{layout.origin.x + layout.plotSize.x + font * 0.3f, layout.origin.y};
    return {min, {min.x + layout.barWidth - font * 0.3f, min.y + layout.plotSize.y}};
}
}  // namespace

std::optional<HeatmapLayout> layoutHeatmap(const HeatmapCache& cache, double dataWidth,
                                           double dataHeight, float reserve) {
    if (!cache.error.empty()) {
        ImGui::TextColored(ImVec4(1, 0.55f, 0.3f, 1), "%s", cache.error.c_str());
        return std::nullopt;
    }
    plot::ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
    HeatmapLayout layout;
    layout.barWidth = heatmapBarWidth(canvas, cache);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.x -= layout.barWidth + reserve;
    const ImVec2 size = fitAspect(avail, dataWidth, dataHeight);
    layout.plotSize = {size.x, size.y};
    // Centred in the width left over (a panel filling a wide screen), the bar beside it.
    const float slack = std::floor((avail.x - layout.plotSize.x) * 0.5f);
    if (slack > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + slack);
    layout.origin = plot::fromImVec2(ImGui::GetCursorScreenPos());
    return layout;
}

void drawHeatmapColorBar(const char* id, const HeatmapCache& cache, const HeatmapLayout& layout) {
    const plot::Rect area = colorBarArea(ImGui::GetFontSize(), layout);
    ImGui::SetCursorScreenPos(plot::toImVec2(area.min));
    plot::colorBar(id, ImVec2(area.width(), area.height()), colorBarColors(cache),
                   colorBarRange(cache), colorBarLabel(cache).c_str());
}

HeatmapLayout layoutHeatmap(plot::Canvas& canvas, const HeatmapCache& cache, plot::Rect area,
                            double dataWidth, double dataHeight, float reserve) {
    HeatmapLayout layout;
    layout.barWidth = heatmapBarWidth(canvas, cache);
    const ImVec2 avail(area.width() - layout.barWidth - reserve, area.height());
    const ImVec2 size = fitAspect(avail, dataWidth, dataHeight);
    layout.plotSize = {size.x, size.y};
    const float slack = std::max(0.0f, std::floor((avail.x - size.x) * 0.5f));
    layout.origin = {area.min.x + slack, area.min.y + std::floor((avail.y - size.y) * 0.5f)};
    return layout;
}

void drawHeatmapColorBar(plot::Canvas& canvas, const HeatmapCache& cache,
                         const HeatmapLayout& layout) {
    plot::colorBar(canvas, colorBarArea(canvas.fontSize(), layout), colorBarColors(cache),
                   colorBarRange(cache), colorBarLabel(cache).c_str());
}

}  // namespace losslab
