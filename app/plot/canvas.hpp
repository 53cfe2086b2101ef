#pragma once
// The surface plots draw on, whatever it is: the screen (canvas_imgui.hpp, through ImGui's
// draw lists) or a figure file (canvas_cairo.hpp: PNG, SVG, PDF). Coordinates are CSS pixels
// from the top-left corner, y down. The plotting layer (plot.hpp) and the panels' plot steps
// draw only through this interface, so a panel's figure and its on-screen plot are one code.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/colormap.hpp"

namespace losslab::plot {

// 0xAABBGGRR: red in the lowest byte, as ImGui packs its colours, so that the palette's
// colours pass to either backend unchanged.
using Color = std::uint32_t;

constexpr Color rgba(int r, int g, int b, int a = 255) {
    return static_cast<Color>(r & 0xff) | static_cast<Color>(g & 0xff) << 8 |
           static_cast<Color>(b & 0xff) << 16 | static_cast<Color>(a & 0xff) << 24;
}
constexpr int red(Color c) {
    return static_cast<int>(c & 0xff);
}
constexpr int green(Color c) {
    return static_cast<int>(c >> 8 & 0xff);
}
constexpr int blue(Color c) {
    return static_cast<int>(c >> 16 & 0xff);
}
constexpr int alpha(Color c) {
    return static_cast<int>(c >> 24 & 0xff);
}
// `color` with its alpha replaced by `a` (0–1).
Color withAlpha(Color color, float a);

struct Vec2 {
    float x = 0.0f;
    float y = 0.0f;
};

struct Rect {
    Vec2 min, max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
};

// What a canvas draws with: its text and background colours and how thick its lines are.
struct CanvasStyle {
    Color text = rgba(255, 255, 255);
    Color background = rgba(0, 0, 0);
    float lineScale = 1.0f;    // multiplies every plot line's thickness (projector, --font-scale)
    float markerScale = 1.0f;  // multiplies every marker's radius
    bool lightBackground() const;
};

// An image to stretch over a rectangle. `owner` and `revision` let the screen backend keep
// one texture per owner and upload it again only when the revision changes.
struct CanvasImage {
    const Rgba8Image* pixels = nullptr;  // row 0 at the top
    const void* owner = nullptr;
    std::uint64_t revision = 0;
    bool smooth = true;  // bilinear; false shows each pixel as a crisp square (a coarse grid)
};

class Canvas {
  public:
    virtual ~Canvas() = default;

    virtual const CanvasStyle& style() const = 0;
    // The height of a line of text, in pixels (what ImGui calls the font size).
    virtual float fontSize() const = 0;
    virtual Vec2 textSize(std::string_view text) = 0;

    virtual void line(Vec2 a, Vec2 b, Color color, float thickness) = 0;
    virtual void polyline(const std::vector<Vec2>& points, Color color, float thickness,
                          bool closed) = 0;
    virtual void fillRect(Rect rect, Color color, float rounding = 0.0f) = 0;
    virtual void strokeRect(Rect rect, Color color, float thickness, float rounding = 0.0f) = 0;
    // A convex polygon (arrow heads, bars, the simplex).
    virtual void fillPolygon(const std::vector<Vec2>& points, Color color) = 0;
    virtual void circle(Vec2 centre, float radius, Color color, float thickness) = 0;
    virtual void fillCircle(Vec2 centre, float radius, Color color) = 0;
    // Text whose top-left corner is at `topLeft`, one line, UTF-8.
    virtual void text(Vec2 topLeft, Color color, std::string_view text) = 0;
    virtual void image(const CanvasImage& image, Rect rect) = 0;
    // Nothing outside `rect` (intersected with the current clip) is drawn until popClip.
    virtual void pushClip(Rect rect) = 0;
    virtual void popClip() = 0;

    // Colours that follow the canvas's text colour.
    Color textColor(float a = 1.0f) const;
    Color gridColor() const { return textColor(0.12f); }
    Color frameColor() const { return textColor(0.45f); }
};

// pushClip for a scope.
class ClipScope {
  public:
    ClipScope(Canvas& canvas, Rect rect) : canvas_(canvas) { canvas_.pushClip(rect); }
    ~ClipScope() { canvas_.popClip(); }
    ClipScope(const ClipScope&) = delete;
    ClipScope& operator=(const ClipScope&) = delete;

  private:
    Canvas& canvas_;
};

// Records what is drawn, for tests of the plotting layer and of panels' figure steps.
class RecordingCanvas : public Canvas {
  public:
    enum class Kind {
        Line,
        Polyline,
        FillRect,
        StrokeRect,
        Polygon,
        Circle,
        FillCircle,
        Text,
        Image
    };
    struct Item {
        Kind kind;
        std::vector<Vec2> points;  // ends, corners or the centre
        Color color = 0;
        float size = 0;  // thickness or radius
        std::string text;
    };

    explicit RecordingCanvas(CanvasStyle style = {}, float fontSize = 13.0f)
        : style_(style), fontSize_(fontSize) {}
    const CanvasStyle& style() const override { return style_; }
    float fontSize() const override { return fontSize_; }
    // Every character is 0.55 font sizes wide: a fixed measure that keeps layouts testable.
    Vec2 textSize(std::string_view text) override;
    void line(Vec2 a, Vec2 b, Color color, float thickness) override;
    void polyline(const std::vector<Vec2>& points, Color color, float thickness,
                  bool closed) override;
    void fillRect(Rect rect, Color color, float rounding) override;
    void strokeRect(Rect rect, Color color, float thickness, float rounding) override;
    void fillPolygon(const std::vector<Vec2>& points, Color color) override;
    void circle(Vec2 centre, float radius, Color color, float thickness) override;
    void fillCircle(Vec2 centre, float radius, Color color) override;
    void text(Vec2 topLeft, Color color, std::string_view text) override;
    void image(const CanvasImage& image, Rect rect) override;
    void pushClip(Rect rect) override { clips_.push_back(rect); }
    void popClip() override { clips_.pop_back(); }

    const std::vector<Item>& items() const { return items_; }
    std::vector<const Item*> itemsOf(Kind kind) const;
    // The text items' strings, in order.
    std::vector<std::string> texts() const;

  private:
    CanvasStyle style_;
    float fontSize_;
    std::vector<Item> items_;
    std::vector<Rect> clips_;
};

}  // namespace losslab::plot
