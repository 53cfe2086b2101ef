#include "plot/canvas.hpp"

#include <algorithm>
#include <cmath>

namespace losslab::plot {

Color withAlpha(Color color, float a) {
    const int byte = static_cast<int>(std::lround(std::clamp(a, 0.0f, 1.0f) * 255.0f));
    return (color & 0x00ffffffu) | static_cast<Color>(byte) << 24;
}

bool CanvasStyle::lightBackground() const {
    // Relative luminance (Rec. 709 weights) of the background.
    const float luminance =
        (0.2126f * red(background) + 0.7152f * green(background) + 0.0722f * blue(background)) /
        255.0f;
    return luminance > 0.5f;
}

Color Canvas::textColor(float a) const {
    return withAlpha(style().text, a * static_cast<float>(alpha(style().text)) / 255.0f);
}

Vec2 RecordingCanvas::textSize(std::string_view text) {
    // UTF-8 continuation bytes do not start a character.
    const auto characters = std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    });
    return {static_cast<float>(characters) * fontSize_ * 0.55f, fontSize_};
}

void RecordingCanvas::line(Vec2 a, Vec2 b, Color color, float thickness) {
    items_.push_back({Kind::Line, {a, b}, color, thickness, {}});
}

void RecordingCanvas::polyline(const std::vector<Vec2>& points, Color color, float thickness,
                               bool closed) {
    std::vector<Vec2> copy = points;
    if (closed && !points.empty()) copy.push_back(points.front());
    items_.push_back({Kind::Polyline, std::move(copy), color, thickness, {}});
}

void RecordingCanvas::fillRect(Rect rect, Color color, float) {
    items_.push_back({Kind::FillRect, {rect.min, rect.max}, color, 0, {}});
}

void RecordingCanvas::strokeRect(Rect rect, Color color, float thickness, float) {
    items_.push_back({Kind::StrokeRect, {rect.min, rect.max}, color, thickness, {}});
}

void RecordingCanvas::fillPolygon(const std::vector<Vec2>& points, Color color) {
    items_.push_back({Kind::Polygon, points, color, 0, {}});
}

void RecordingCanvas::circle(Vec2 centre, float radius, Color color, float /*thickness*/) {
    items_.push_back({Kind::Circle, {centre}, color, radius, {}});
}

void RecordingCanvas::fillCircle(Vec2 centre, float radius, Color color) {
    items_.push_back({Kind::FillCircle, {centre}, color, radius, {}});
}

void RecordingCanvas::text(Vec2 topLeft, Color color, std::string_view text) {
    items_.push_back({Kind::Text, {topLeft}, color, fontSize_, std::string(text)});
}

void RecordingCanvas::image(const CanvasImage&, Rect rect) {
    items_.push_back({Kind::Image, {rect.min, rect.max}, 0, 0, {}});
}

std::vector<const RecordingCanvas::Item*> RecordingCanvas::itemsOf(Kind kind) const {
    std::vector<const Item*> found;
    for (const Item& item : items_)
        if (item.kind == kind) found.push_back(&item);
    return found;
}

std::vector<std::string> RecordingCanvas::texts() const {
    std::vector<std::string> found;
    for (const Item* item : itemsOf(Kind::Text))
        found.push_back(item->text);
    return found;
}

}  // namespace losslab::plot
