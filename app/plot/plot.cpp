#include "plot/plot.hpp"

#include <algorithm>
#include <cmath>

namespace losslab::plot {

namespace {
PlotStyle currentStyle;  // the theme's; see setPlotStyle
}  // namespace

void setPlotStyle(const PlotStyle& style) {
    currentStyle = style;
}

const PlotStyle& plotStyle() {
    return currentStyle;
}

ImU32 textColor(float alpha) {
    ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    c.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 gridColor() {
    ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    c.w = 0.12f;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 frameColor() {
    ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    c.w = 0.45f;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 withAlpha(ImU32 color, float alpha) {
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

namespace {
// Keeps the drawing away from infinities (a value of 1e300 maps far outside the window).
float clampPixel(float v) {
    return std::clamp(v, -1e6f, 1e6f);
}

// The y axis's ticks and their labels on an axis `pixels` high.
std::vector<std::pair<double, std::string>> yTickLabels(Range y, float pixels) {
    const int maxTicks = std::min(ticksThatFit(pixels, ImGui::GetFontSize() * 1.2f), 9);
    const double step = tickStep(y.min, y.max, maxTicks);
    std::vector<std::pair<double, std::string>> labels;
    for (double v : niceTicks(y.min, y.max, maxTicks))
        labels.emplace_back(v, formatTick(v, step));
    return labels;
}
}  // namespace

Plot::Plot(const char* id, ImVec2 size, Range x, Range y, const PlotOptions& options)
    : id_(id), options_(options) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (size.x <= 0) size.x = std::max(avail.x + size.x, 40.0f);
    if (size.y <= 0) size.y = std::max(avail.y + size.y, 40.0f);
    outerMin_ = ImGui::GetCursorScreenPos();
    outerMax_ = ImVec2(outerMin_.x + size.x, outerMin_.y + size.y);
    ImGui::InvisibleButton(id, size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    hovered_ = ImGui::IsItemHovered();
    active_ = ImGui::IsItemActive();
    drawList_ = ImGui::GetWindowDrawList();

    const float fontSize = ImGui::GetFontSize();
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
        for (const auto& [value, label] : yTickLabels(y, height)) {
            widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
        }
        left = std::max(left, widest + fontSize * 0.6f);
    }
    transform_.left = outerMin_.x + left;
    transform_.top = outerMin_.y + top;
    transform_.width = std::max(size.x - left - right, 10.0f);
    transform_.height = std::max(size.y - top - bottom, 10.0f);
    transform_.x = x;
    transform_.y = y;
    drawList_->PushClipRect(outerMin_, outerMax_, true);
}

Plot::~Plot() {
    drawList_->PopClipRect();
}

bool Plot::clicked(int button) const {
    return hovered_ && ImGui::IsMouseClicked(button);
}

ImVec2 Plot::mouse() const {
    return ImGui::GetIO().MousePos;
}

void Plot::axes() {
    const float fontSize = ImGui::GetFontSize();
    const ImVec2 lo = innerMin(), hi = innerMax();
    const int maxX = ticksThatFit(transform_.width, fontSize * 3.0f);
    if (options_.yTicks) {
        for (const auto& [v, label] : yTickLabels(transform_.y, transform_.height)) {
            const float py = transform_.toPixelY(v);
            if (options_.grid) drawList_->AddLine({lo.x, py}, {hi.x, py}, gridColor());
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            drawList_->AddText({lo.x - ts.x - fontSize * 0.3f, py - ts.y * 0.5f}, textColor(0.8f),
                               label.c_str());
        }
    }
    if (options_.xTicks) {
        const double step = tickStep(transform_.x.min, transform_.x.max, std::min(maxX, 11));
        for (double v : niceTicks(transform_.x.min, transform_.x.max, std::min(maxX, 11))) {
            const float px = transform_.toPixelX(v);
            if (options_.grid) drawList_->AddLine({px, lo.y}, {px, hi.y}, gridColor());
            const std::string label = formatTick(v, step);
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            // Centred under its tick, but never cut off at the plot's edges ("2e+06" at the
            // right end of a long training curve).
            const float x = std::clamp(px - ts.x * 0.5f, outerMin_.x,
                                       std::max(outerMin_.x, outerMax_.x - ts.x));
            drawList_->AddText({x, hi.y + fontSize * 0.2f}, textColor(0.8f), label.c_str());
        }
    }
    if (options_.zeroLine && transform_.y.min < 0 && transform_.y.max > 0) {
        const float py = transform_.toPixelY(0.0);
        drawList_->AddLine({lo.x, py}, {hi.x, py}, frameColor(), 1.5f);
    }
    drawList_->AddRect(lo, hi, frameColor());
    if (options_.xLabel) {
        const ImVec2 ts = ImGui::CalcTextSize(options_.xLabel);
        drawList_->AddText({(lo.x + hi.x - ts.x) * 0.5f, outerMax_.y - ts.y}, textColor(),
                           options_.xLabel);
    }
    if (options_.yLabel) {
        drawList_->AddText({outerMin_.x, outerMin_.y}, textColor(), options_.yLabel);
    }
}

void Plot::categoryLabels(const std::vector<std::string>& labels, int highlighted,
                          ImU32 highlightColor) {
    const float fontSize = ImGui::GetFontSize();
    const float slot = transform_.width / std::max<float>(1.0f, static_cast<float>(labels.size()));
    for (size_t i = 0; i < labels.size(); ++i) {
        const float px = transform_.toPixelX(static_cast<double>(i));
        ImVec2 ts = ImGui::CalcTextSize(labels[i].c_str());
        // Long names on narrow bars are cut rather than overlapping their neighbours.
        std::string shown = labels[i];
        while (ts.x > slot * 0.95f && shown.size() > 1) {
            shown.pop_back();
            ts = ImGui::CalcTextSize(shown.c_str());
        }
        const ImVec2 pos(px - ts.x * 0.5f, innerMax().y + fontSize * 0.2f);
        if (static_cast<int>(i) == highlighted) {
            drawList_->AddRectFilled({pos.x - 3, pos.y - 1}, {pos.x + ts.x + 3, pos.y + ts.y + 1},
                                     withAlpha(highlightColor, 0.35f), 3.0f);
            drawList_->AddRect({pos.x - 3, pos.y - 1}, {pos.x + ts.x + 3, pos.y + ts.y + 1},
                               highlightColor, 3.0f, 0, 1.5f);
        }
        drawList_->AddText(pos, textColor(), shown.c_str());
    }
}

void Plot::rect(double x0, double y0, double x1, double y1, ImU32 fill, ImU32 border) {
    ImVec2 a(clampPixel(transform_.toPixelX(x0)), clampPixel(transform_.toPixelY(y1)));
    ImVec2 b(clampPixel(transform_.toPixelX(x1)), clampPixel(transform_.toPixelY(y0)));
    if (a.y > b.y) std::swap(a.y, b.y);
    if (a.x > b.x) std::swap(a.x, b.x);
    if (fill) drawList_->AddRectFilled(a, b, fill);
    if (border) drawList_->AddRect(a, b, border, 0.0f, 0, 1.5f);
}

void Plot::line(double x0, double y0, double x1, double y1, ImU32 color, float thickness) {
    drawList_->AddLine({clampPixel(transform_.toPixelX(x0)), clampPixel(transform_.toPixelY(y0))},
                       {clampPixel(transform_.toPixelX(x1)), clampPixel(transform_.toPixelY(y1))},
                       color, thickness * currentStyle.lineScale);
}

void Plot::polyline(const std::vector<double>& xs, const std::vector<double>& ys, ImU32 color,
                    float thickness, bool closed) {
    const size_t n = std::min(xs.size(), ys.size());
    if (n < 2) return;
    std::vector<ImVec2> points;
    points.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
        points.emplace_back(clampPixel(transform_.toPixelX(xs[i])),
                            clampPixel(transform_.toPixelY(ys[i])));
    }
    if (points.size() < 2) return;
    drawList_->AddPolyline(points.data(), static_cast<int>(points.size()), color,
                           closed ? ImDrawFlags_Closed : ImDrawFlags_None,
                           thickness * currentStyle.lineScale);
}

void Plot::marker(double x, double y, ImU32 color, float radius, bool filled) {
    radius *= currentStyle.markerScale;
    const ImVec2 p(clampPixel(transform_.toPixelX(x)), clampPixel(transform_.toPixelY(y)));
    if (filled) {
        drawList_->AddCircleFilled(p, radius, color);
        drawList_->AddCircle(p, radius, textColor(0.9f), 0, currentStyle.lineScale);
    } else {
        drawList_->AddCircle(p, radius, color, 0, 2.0f * currentStyle.lineScale);
    }
}

void Plot::arrow(double x0, double y0, double x1, double y1, ImU32 color, float thickness,
                 float headLength) {
    thickness *= currentStyle.lineScale;
    headLength *= currentStyle.lineScale;
    const ImVec2 a(clampPixel(transform_.toPixelX(x0)), clampPixel(transform_.toPixelY(y0)));
    const ImVec2 b(clampPixel(transform_.toPixelX(x1)), clampPixel(transform_.toPixelY(y1)));
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1.0f) return;
    const float head =
        std::min(length * 0.4f, headLength > 0 ? headLength : 4.0f * thickness + 4.0f);
    const float ux = dx / length, uy = dy / length;
    const ImVec2 base(b.x - ux * head, b.y - uy * head);
    drawList_->AddLine(a, base, color, thickness);
    drawList_->AddTriangleFilled(b, {base.x - uy * head * 0.5f, base.y + ux * head * 0.5f},
                                 {base.x + uy * head * 0.5f, base.y - ux * head * 0.5f}, color);
}

void Plot::segment(double x0, double y0, double x1, double y1, ImU32 color, float thickness) {
    if (!clipSegment(x0, y0, x1, y1, transform_.x, transform_.y)) return;
    drawList_->AddLine({transform_.toPixelX(x0), transform_.toPixelY(y0)},
                       {transform_.toPixelX(x1), transform_.toPixelY(y1)}, color,
                       thickness * currentStyle.lineScale);
}

void Plot::hline(double y, ImU32 color, float thickness) {
    const float py = clampPixel(transform_.toPixelY(y));
    drawList_->AddLine({innerMin().x, py}, {innerMax().x, py}, color,
                       thickness * currentStyle.lineScale);
}

void Plot::vline(double x, ImU32 color, float thickness) {
    const float px = clampPixel(transform_.toPixelX(x));
    drawList_->AddLine({px, innerMin().y}, {px, innerMax().y}, color,
                       thickness * currentStyle.lineScale);
}

void Plot::text(double x, double y, const char* label, ImU32 color, ImVec2 align) {
    const ImVec2 ts = ImGui::CalcTextSize(label);
    const ImVec2 p(clampPixel(transform_.toPixelX(x)) - ts.x * align.x,
                   clampPixel(transform_.toPixelY(y)) - ts.y * align.y);
    drawList_->AddText(p, color, label);
}

void Plot::image(ImTextureID texture, double x0, double y0, double x1, double y1) {
    drawList_->AddImage(texture, {transform_.toPixelX(x0), transform_.toPixelY(y1)},
                        {transform_.toPixelX(x1), transform_.toPixelY(y0)});
}

namespace {
constexpr int kMaxColorBarTicks = 7;
}  // namespace

float colorBarWidth(Range values) {
    // The most ticks a bar shows need the most decimals: size for those.
    const double step = tickStep(values.min, values.max, kMaxColorBarTicks);
    float widest = 0.0f;
    for (double v : niceTicks(values.min, values.max, kMaxColorBarTicks)) {
        widest = std::max(widest, ImGui::CalcTextSize(formatTick(v, step).c_str()).x);
    }
    return ImGui::GetFontSize() * 1.2f + 6.0f + widest;
}

void colorBar(const char* id, ImVec2 size, const std::vector<ImU32>& colors, Range values,
              const char* label) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float fontSize = ImGui::GetFontSize();
    const float barWidth = std::min(size.x * 0.35f, fontSize * 1.2f);
    const float top = origin.y + fontSize * (label ? 1.4f : 0.5f);
    const float bottom = origin.y + size.y - fontSize * 0.5f;
    const int n = static_cast<int>(colors.size());
    for (int i = 0; i < n; ++i) {
        const float y0 = bottom - (bottom - top) * static_cast<float>(i + 1) / n;
        const float y1 = bottom - (bottom - top) * static_cast<float>(i) / n;
        draw->AddRectFilled({origin.x, y0}, {origin.x + barWidth, y1 + 0.5f}, colors[i]);
    }
    draw->AddRect({origin.x, top}, {origin.x + barWidth, bottom}, frameColor());
    if (label) draw->AddText(origin, textColor(), label);
    const int maxTicks = ticksThatFit(bottom - top, fontSize * 1.2f);
    const double step = tickStep(values.min, values.max, std::min(maxTicks, kMaxColorBarTicks));
    for (double v : niceTicks(values.min, values.max, std::min(maxTicks, kMaxColorBarTicks))) {
        const float py =
            bottom - static_cast<float>((v - values.min) / values.span()) * (bottom - top);
        draw->AddLine({origin.x + barWidth, py}, {origin.x + barWidth + 4, py}, frameColor());
        const std::string text = formatTick(v, step);
        draw->AddText({origin.x + barWidth + 6, py - fontSize * 0.5f}, textColor(0.85f),
                      text.c_str());
    }
}

void legend(const std::vector<std::pair<std::string, ImU32>>& entries) {
    const float fontSize = ImGui::GetFontSize();
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) {
            // Entries that do not fit on the line start the next one.
            ImGui::SameLine(0, fontSize);
            const float width = fontSize * 1.3f + ImGui::CalcTextSize(entries[i].first.c_str()).x;
            if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y + fontSize * 0.2f},
                                                  {p.x + fontSize * 0.8f, p.y + fontSize},
                                                  entries[i].second, 2.0f);
        ImGui::Dummy({fontSize, fontSize});
        ImGui::SameLine(0, fontSize * 0.3f);
        ImGui::TextUnformatted(entries[i].first.c_str());
    }
}

}  // namespace losslab::plot
