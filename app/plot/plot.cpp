#include "plot/plot.hpp"

#include <algorithm>
#include <cmath>

namespace losslab::plot {

namespace {
// Keeps the drawing away from infinities (a value of 1e300 maps far outside the window).
float clampPixel(float v) {
    return std::clamp(v, -1e6f, 1e6f);
}

// The y axis's ticks and their labels on an axis `pixels` high.
std::vector<std::pair<double, std::string>> yTickLabels(Range y, float pixels, float fontSize) {
    const int maxTicks = std::min(ticksThatFit(pixels, fontSize * 1.2f), 9);
    const double step = tickStep(y.min, y.max, maxTicks);
    std::vector<std::pair<double, std::string>> labels;
    for (double v : niceTicks(y.min, y.max, maxTicks))
        labels.emplace_back(v, formatTick(v, step));
    return labels;
}
}  // namespace

Plot::Plot(Canvas& canvas, Rect outer, Range x, Range y, const PlotOptions& options)
    : canvas_(canvas), outer_(outer), options_(options) {
    const float fontSize = canvas.fontSize();
    const Vec2 size{outer.width(), outer.height()};
    const float bottom = options.bottomMargin >= 0
                             ? options.bottomMargin
                             : fontSize * 1.5f + (options.xLabel ? fontSize * 1.2f : 0.0f);
    const float top = fontSize * (options.yLabel ? 1.4f : 0.5f);
    const float right = fontSize * 0.6f;
    if (!(x.max > x.min)) x.max = x.min + 1;
    if (!(y.max > y.min)) y.max = y.min + 1;
    float left = options.leftMargin >= 0 ? options.leftMargin
                                         : (options.yTicks ? fontSize * 3.2f : fontSize * 0.5f) +
                                               (options.yLabel ? fontSize * 1.2f : 0.0f);
    if (options.yTicks) {
        // Room for the widest tick label, however long ("-4e+302" after a divergence).
        const float height = std::max(size.y - top - bottom, 10.0f);
        float widest = 0.0f;
        for (const auto& [value, label] : yTickLabels(y, height, fontSize)) {
            widest = std::max(widest, canvas.textSize(label).x);
        }
        left = std::max(left, widest + fontSize * 0.6f);
    }
    transform_.left = outer.min.x + left;
    transform_.top = outer.min.y + top;
    transform_.width = std::max(size.x - left - right, 10.0f);
    transform_.height = std::max(size.y - top - bottom, 10.0f);
    transform_.x = x;
    transform_.y = y;
    canvas_.pushClip(outer_);
}

Plot::~Plot() {
    canvas_.popClip();
}

void Plot::axes() {
    const float fontSize = canvas_.fontSize();
    const Vec2 lo = innerMin(), hi = innerMax();
    const int maxX = ticksThatFit(transform_.width, fontSize * 3.0f);
    if (options_.yTicks) {
        for (const auto& [v, label] : yTickLabels(transform_.y, transform_.height, fontSize)) {
            const float py = transform_.toPixelY(v);
            if (options_.grid) canvas_.line({lo.x, py}, {hi.x, py}, gridColor(), 1.0f);
            const Vec2 ts = canvas_.textSize(label);
            canvas_.text({lo.x - ts.x - fontSize * 0.3f, py - ts.y * 0.5f}, textColor(0.8f), label);
        }
    }
    if (options_.xTicks) {
        const double step = tickStep(transform_.x.min, transform_.x.max, std::min(maxX, 11));
        for (double v : niceTicks(transform_.x.min, transform_.x.max, std::min(maxX, 11))) {
            const float px = transform_.toPixelX(v);
            if (options_.grid) canvas_.line({px, lo.y}, {px, hi.y}, gridColor(), 1.0f);
            const std::string label = formatTick(v, step);
            const Vec2 ts = canvas_.textSize(label);
            // Centred under its tick, but never cut off at the plot's edges ("2e+06" at the
            // right end of a long training curve).
            const float left = std::clamp(px - ts.x * 0.5f, outer_.min.x,
                                          std::max(outer_.min.x, outer_.max.x - ts.x));
            canvas_.text({left, hi.y + fontSize * 0.2f}, textColor(0.8f), label);
        }
    }
    if (options_.zeroLine && transform_.y.min < 0 && transform_.y.max > 0) {
        const float py = transform_.toPixelY(0.0);
        canvas_.line({lo.x, py}, {hi.x, py}, frameColor(), 1.5f);
    }
    canvas_.strokeRect({lo, hi}, frameColor(), 1.0f);
    if (options_.xLabel) {
        const Vec2 ts = canvas_.textSize(options_.xLabel);
        canvas_.text({(lo.x + hi.x - ts.x) * 0.5f, outer_.max.y - ts.y}, textColor(),
                     options_.xLabel);
    }
    if (options_.yLabel) canvas_.text(outer_.min, textColor(), options_.yLabel);
}

void Plot::categoryLabels(const std::vector<std::string>& labels, int highlighted,
                          Color highlightColor) {
    const float fontSize = canvas_.fontSize();
    const float slot = transform_.width / std::max<float>(1.0f, static_cast<float>(labels.size()));
    for (size_t i = 0; i < labels.size(); ++i) {
        const float px = transform_.toPixelX(static_cast<double>(i));
        Vec2 ts = canvas_.textSize(labels[i]);
        // Long names on narrow bars are cut rather than overlapping their neighbours.
        std::string shown = labels[i];
        while (ts.x > slot * 0.95f && shown.size() > 1) {
            shown.pop_back();
            // Never leave half of a multi-byte character behind.
            while (shown.size() > 1 && (static_cast<unsigned char>(shown.back()) & 0xc0) == 0x80)
                shown.pop_back();
            if ((static_cast<unsigned char>(shown.back()) & 0xc0) == 0xc0) shown.pop_back();
            ts = canvas_.textSize(shown);
        }
        const Vec2 pos{px - ts.x * 0.5f, innerMax().y + fontSize * 0.2f};
        if (static_cast<int>(i) == highlighted) {
            const Rect box{{pos.x - 3, pos.y - 1}, {pos.x + ts.x + 3, pos.y + ts.y + 1}};
            canvas_.fillRect(box, withAlpha(highlightColor, 0.35f), 3.0f);
            canvas_.strokeRect(box, highlightColor, 1.5f, 3.0f);
        }
        canvas_.text(pos, textColor(), shown);
    }
}

void Plot::rect(double x0, double y0, double x1, double y1, Color fill, Color border) {
    Vec2 a{clampPixel(transform_.toPixelX(x0)), clampPixel(transform_.toPixelY(y1))};
    Vec2 b{clampPixel(transform_.toPixelX(x1)), clampPixel(transform_.toPixelY(y0))};
    if (a.y > b.y) std::swap(a.y, b.y);
    if (a.x > b.x) std::swap(a.x, b.x);
    if (fill) canvas_.fillRect({a, b}, fill);
    if (border) canvas_.strokeRect({a, b}, border, 1.5f);
}

void Plot::line(double x0, double y0, double x1, double y1, Color color, float thickness) {
    canvas_.line({clampPixel(transform_.toPixelX(x0)), clampPixel(transform_.toPixelY(y0))},
                 {clampPixel(transform_.toPixelX(x1)), clampPixel(transform_.toPixelY(y1))}, color,
                 thickness * canvas_.style().lineScale);
}

void Plot::polyline(const std::vector<double>& xs, const std::vector<double>& ys, Color color,
                    float thickness, bool closed) {
    const size_t n = std::min(xs.size(), ys.size());
    if (n < 2) return;
    std::vector<Vec2> points;
    points.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
        points.push_back(
            {clampPixel(transform_.toPixelX(xs[i])), clampPixel(transform_.toPixelY(ys[i]))});
    }
    if (points.size() < 2) return;
    canvas_.polyline(points, color, thickness * canvas_.style().lineScale, closed);
}

void Plot::marker(double x, double y, Color color, float radius, bool filled) {
    radius *= canvas_.style().markerScale;
    const float lineScale = canvas_.style().lineScale;
    const Vec2 p{clampPixel(transform_.toPixelX(x)), clampPixel(transform_.toPixelY(y))};
    if (filled) {
        canvas_.fillCircle(p, radius, color);
        canvas_.circle(p, radius, textColor(0.9f), lineScale);
    } else {
        canvas_.circle(p, radius, color, 2.0f * lineScale);
    }
}

void Plot::arrow(double x0, double y0, double x1, double y1, Color color, float thickness,
                 float headLength) {
    thickness *= canvas_.style().lineScale;
    headLength *= canvas_.style().lineScale;
    const Vec2 a{clampPixel(transform_.toPixelX(x0)), clampPixel(transform_.toPixelY(y0))};
    const Vec2 b{clampPixel(transform_.toPixelX(x1)), clampPixel(transform_.toPixelY(y1))};
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1.0f) return;
    const float head =
        std::min(length * 0.4f, headLength > 0 ? headLength : 4.0f * thickness + 4.0f);
    const float ux = dx / length, uy = dy / length;
    const Vec2 base{b.x - ux * head, b.y - uy * head};
    canvas_.line(a, base, color, thickness);
    canvas_.fillPolygon({b,
                         {base.x - uy * head * 0.5f, base.y + ux * head * 0.5f},
                         {base.x + uy * head * 0.5f, base.y - ux * head * 0.5f}},
                        color);
}

void Plot::segment(double x0, double y0, double x1, double y1, Color color, float thickness) {
    if (!clipSegment(x0, y0, x1, y1, transform_.x, transform_.y)) return;
    canvas_.line({transform_.toPixelX(x0), transform_.toPixelY(y0)},
                 {transform_.toPixelX(x1), transform_.toPixelY(y1)}, color,
                 thickness * canvas_.style().lineScale);
}

void Plot::hline(double y, Color color, float thickness) {
    const float py = clampPixel(transform_.toPixelY(y));
    canvas_.line({innerMin().x, py}, {innerMax().x, py}, color,
                 thickness * canvas_.style().lineScale);
}

void Plot::vline(double x, Color color, float thickness) {
    const float px = clampPixel(transform_.toPixelX(x));
    canvas_.line({px, innerMin().y}, {px, innerMax().y}, color,
                 thickness * canvas_.style().lineScale);
}

void Plot::text(double x, double y, const std::string& label, Color color, Vec2 align) {
    const Vec2 ts = canvas_.textSize(label);
    canvas_.text({clampPixel(transform_.toPixelX(x)) - ts.x * align.x,
                  clampPixel(transform_.toPixelY(y)) - ts.y * align.y},
                 color, label);
}

void Plot::image(const CanvasImage& image, double x0, double y0, double x1, double y1) {
    canvas_.image(image, {{transform_.toPixelX(x0), transform_.toPixelY(y1)},
                          {transform_.toPixelX(x1), transform_.toPixelY(y0)}});
}

namespace {
constexpr int kMaxColorBarTicks = 7;
}  // namespace

float colorBarWidth(Canvas& canvas, Range values) {
    // The most ticks a bar shows need the most decimals: size for those.
    const double step = tickStep(values.min, values.max, kMaxColorBarTicks);
    float widest = 0.0f;
    for (double v : niceTicks(values.min, values.max, kMaxColorBarTicks)) {
        widest = std::max(widest, canvas.textSize(formatTick(v, step)).x);
    }
    return canvas.fontSize() * 1.2f + 6.0f + widest;
}

void colorBar(Canvas& canvas, Rect area, const std::vector<Color>& colors, Range values,
              const char* label) {
    const Vec2 origin = area.min;
    const float fontSize = canvas.fontSize();
    const float barWidth = std::min(area.width() * 0.35f, fontSize * 1.2f);
    const float top = origin.y + fontSize * (label ? 1.4f : 0.5f);
    const float bottom = area.max.y - fontSize * 0.5f;
    const int n = static_cast<int>(colors.size());
    for (int i = 0; i < n; ++i) {
        const float y0 = bottom - (bottom - top) * static_cast<float>(i + 1) / n;
        const float y1 = bottom - (bottom - top) * static_cast<float>(i) / n;
        canvas.fillRect({{origin.x, y0}, {origin.x + barWidth, y1 + 0.5f}}, colors[i]);
    }
    canvas.strokeRect({{origin.x, top}, {origin.x + barWidth, bottom}}, canvas.frameColor(), 1.0f);
    if (label) canvas.text(origin, canvas.textColor(), label);
    const int maxTicks = ticksThatFit(bottom - top, fontSize * 1.2f);
    const double step = tickStep(values.min, values.max, std::min(maxTicks, kMaxColorBarTicks));
    for (double v : niceTicks(values.min, values.max, std::min(maxTicks, kMaxColorBarTicks))) {
        const float py =
            bottom - static_cast<float>((v - values.min) / values.span()) * (bottom - top);
        canvas.line({origin.x + barWidth, py}, {origin.x + barWidth + 4, py}, canvas.frameColor(),
                    1.0f);
        canvas.text({origin.x + barWidth + 6, py - fontSize * 0.5f}, canvas.textColor(0.85f),
                    formatTick(v, step));
    }
}

float legend(Canvas& canvas, Vec2 topLeft, float maxWidth, const LegendEntries& entries) {
    const float fontSize = canvas.fontSize();
    float x = topLeft.x, y = topLeft.y;
    for (size_t i = 0; i < entries.size(); ++i) {
        const float width = fontSize * 1.3f + canvas.textSize(entries[i].first).x;
        // Entries that do not fit on the line start the next one.
        if (i > 0 && x + width > topLeft.x + maxWidth) {
            x = topLeft.x;
            y += fontSize * 1.3f;
        }
        canvas.fillRect({{x, y + fontSize * 0.2f}, {x + fontSize * 0.8f, y + fontSize}},
                        entries[i].second, 2.0f);
        canvas.text({x + fontSize * 1.1f, y}, canvas.textColor(), entries[i].first);
        x += width + fontSize;
    }
    return entries.empty() ? 0.0f : y + fontSize * 1.3f - topLeft.y;
}

}  // namespace losslab::plot
