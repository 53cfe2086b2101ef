#pragma once
// plot::Canvas drawn with cairo: the figures' backend (PNG, SVG and PDF through
// plot/figure_file.hpp). Lines, shapes and text are vector operations, so an SVG or a PDF
// keeps them as vectors (PDF text stays real, extractable text); images are embedded.
#include <cairo.h>

#include <map>
#include <string>

#include "plot/canvas.hpp"

namespace losslab::plot {

class CairoCanvas : public Canvas {
  public:
    // Draws on `cairo` (not owned), in its current user space: one unit is one CSS pixel.
    // `fontSize` is the height of a line of text, as ImGui's font size is.
    CairoCanvas(cairo_t* cairo, const CanvasStyle& style, float fontSize);
    const CanvasStyle& style() const override { return style_; }
    float fontSize() const override { return fontSize_; }
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
    void pushClip(Rect rect) override;
    void popClip() override;

  private:
    void setColor(Color color);
    void roundedRectPath(Rect rect, float rounding);
    // The family to draw `text` with when DejaVu lacks some of its characters, else "".
    const std::string& fallbackFamily(const std::string& text);
    bool selectFaceFor(const std::string& text);  // true: a fallback face is selected
    void restoreFace();

    cairo_t* cairo_;
    CanvasStyle style_;
    float fontSize_;
    double ascent_ = 0.0;  // of the font at fontSize_, to put a line's top where asked
    double descent_ = 0.0;
    std::string scratch_;
    std::map<std::string, std::string> fallbackFamilies_;  // text → fallbackFamily(text)
};

}  // namespace losslab::plot
