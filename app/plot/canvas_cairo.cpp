#include "plot/canvas_cairo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "plot/font_fallback.hpp"

namespace losslab::plot {

namespace {
// The font of the figures: the one the app draws with (fonts-dejavu-core), which has the Greek
// letters and the math symbols of the labels (τ ε ∇ Σ ★).
constexpr const char* kFontFamily = "DejaVu Sans";
constexpr double kPi = 3.14159265358979323846;
}  // namespace

CairoCanvas::CairoCanvas(cairo_t* cairo, const CanvasStyle& style, float fontSize)
    : cairo_(cairo), style_(style), fontSize_(fontSize) {
    cairo_select_font_face(cairo_, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    // ImGui's "font size" is the em size the font was baked at; cairo's is the em size too.
    cairo_set_font_size(cairo_, fontSize_);
    cairo_font_extents_t extents;
    cairo_font_extents(cairo_, &extents);
    ascent_ = extents.ascent;
    descent_ = extents.descent;
    cairo_set_line_join(cairo_, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cairo_, CAIRO_LINE_CAP_BUTT);
}

void CairoCanvas::setColor(Color color) {
    cairo_set_source_rgba(cairo_, red(color) / 255.0, green(color) / 255.0, blue(color) / 255.0,
                          alpha(color) / 255.0);
}

// cairo's text API draws a string with one face, so a label with characters DejaVu lacks (a
// Korean class name) is drawn wholly with the face fontconfig finds for them (Noto CJK, which
// has Latin too) rather than as empty boxes.
const std::string& CairoCanvas::fallbackFamily(const std::string& text) {
    auto known = fallbackFamilies_.find(text);
    if (known != fallbackFamilies_.end()) return known->second;
    std::string family;
    if (std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; })) {
        cairo_glyph_t* glyphs = nullptr;
        int count = 0;
        cairo_scaled_font_t* font = cairo_get_scaled_font(cairo_);
        if (cairo_scaled_font_text_to_glyphs(font, 0, 0, text.c_str(), -1, &glyphs, &count, nullptr,
                                             nullptr, nullptr) == CAIRO_STATUS_SUCCESS) {
            // Glyph 0 is the font's "missing glyph" box.
            const bool missing = std::any_of(glyphs, glyphs + count,
                                             [](const cairo_glyph_t& g) { return g.index == 0; });
            cairo_glyph_free(glyphs);
            if (missing) {
                if (auto face = findFontCovering(decodeUtf8(text))) family = face->family;
            }
        }
    }
    return fallbackFamilies_.emplace(text, family).first->second;
}

bool CairoCanvas::selectFaceFor(const std::string& text) {
    const std::string& family = fallbackFamily(text);
    if (family.empty()) return false;
    cairo_select_font_face(cairo_, family.c_str(), CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    return true;
}

void CairoCanvas::restoreFace() {
    cairo_select_font_face(cairo_, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
}

Vec2 CairoCanvas::textSize(std::string_view text) {
    scratch_.assign(text.data(), text.size());
    const bool fallback = selectFaceFor(scratch_);
    cairo_text_extents_t extents;
    cairo_text_extents(cairo_, scratch_.c_str(), &extents);
    if (fallback) restoreFace();
    return {static_cast<float>(extents.x_advance), fontSize_};
}

void CairoCanvas::line(Vec2 a, Vec2 b, Color color, float thickness) {
    setColor(color);
    cairo_set_line_width(cairo_, thickness);
    cairo_move_to(cairo_, a.x, a.y);
    cairo_line_to(cairo_, b.x, b.y);
    cairo_stroke(cairo_);
}

void CairoCanvas::polyline(const std::vector<Vec2>& points, Color color, float thickness,
                           bool closed) {
    if (points.size() < 2) return;
    setColor(color);
    cairo_set_line_width(cairo_, thickness);
    cairo_move_to(cairo_, points[0].x, points[0].y);
    for (std::size_t i = 1; i < points.size(); ++i)
        cairo_line_to(cairo_, points[i].x, points[i].y);
    if (closed) cairo_close_path(cairo_);
    cairo_stroke(cairo_);
}

void CairoCanvas::roundedRectPath(Rect rect, float rounding) {
    const double r =
        std::min({static_cast<double>(rounding), rect.width() * 0.5, rect.height() * 0.5});
    if (r <= 0) {
        cairo_rectangle(cairo_, rect.min.x, rect.min.y, rect.width(), rect.height());
        return;
    }
    cairo_new_sub_path(cairo_);
    cairo_arc(cairo_, rect.max.x - r, rect.min.y + r, r, -kPi / 2, 0);
    cairo_arc(cairo_, rect.max.x - r, rect.max.y - r, r, 0, kPi / 2);
    cairo_arc(cairo_, rect.min.x + r, rect.max.y - r, r, kPi / 2, kPi);
    cairo_arc(cairo_, rect.min.x + r, rect.min.y + r, r, kPi, 3 * kPi / 2);
    cairo_close_path(cairo_);
}

void CairoCanvas::fillRect(Rect rect, Color color, float rounding) {
    setColor(color);
    roundedRectPath(rect, rounding);
    cairo_fill(cairo_);
}

void CairoCanvas::strokeRect(Rect rect, Color color, float thickness, float rounding) {
    setColor(color);
    cairo_set_line_width(cairo_, thickness);
    // ImGui strokes a rectangle inside its bounds by half a pixel; cairo centres the stroke
    // on the path. The same path keeps both figures' frames where the axes are.
    roundedRectPath(rect, rounding);
    cairo_stroke(cairo_);
}

void CairoCanvas::fillPolygon(const std::vector<Vec2>& points, Color color) {
    if (points.size() < 3) return;
    setColor(color);
    cairo_move_to(cairo_, points[0].x, points[0].y);
    for (std::size_t i = 1; i < points.size(); ++i)
        cairo_line_to(cairo_, points[i].x, points[i].y);
    cairo_close_path(cairo_);
    cairo_fill(cairo_);
}

void CairoCanvas::circle(Vec2 centre, float radius, Color color, float thickness) {
    setColor(color);
    cairo_set_line_width(cairo_, thickness);
    cairo_new_sub_path(cairo_);
    cairo_arc(cairo_, centre.x, centre.y, radius, 0, 2 * kPi);
    cairo_stroke(cairo_);
}

void CairoCanvas::fillCircle(Vec2 centre, float radius, Color color) {
    setColor(color);
    cairo_new_sub_path(cairo_);
    cairo_arc(cairo_, centre.x, centre.y, radius, 0, 2 * kPi);
    cairo_fill(cairo_);
}

void CairoCanvas::text(Vec2 topLeft, Color color, std::string_view text) {
    if (text.empty()) return;
    scratch_.assign(text.data(), text.size());
    setColor(color);
    // The glyphs' box (ascent + descent) centred in the line of height fontSize_.
    const double baseline = topLeft.y + (fontSize_ - (ascent_ + descent_)) * 0.5 + ascent_;
    cairo_move_to(cairo_, topLeft.x, baseline);
    const bool fallback = selectFaceFor(scratch_);
    cairo_show_text(cairo_, scratch_.c_str());
    if (fallback) restoreFace();
    cairo_new_path(cairo_);
}

void CairoCanvas::image(const CanvasImage& image, Rect rect) {
    if (!image.pixels || image.pixels->width <= 0 || image.pixels->height <= 0) return;
    const Rgba8Image& source = *image.pixels;
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, source.width, source.height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return;
    }
    cairo_surface_flush(surface);
    // cairo's ARGB32 is premultiplied, one native-endian 32-bit word a pixel.
    unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < source.height; ++y) {
        const std::uint8_t* in =
            source.pixels.data() + static_cast<std::size_t>(y) * source.width * 4;
        auto* out =
            reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < source.width; ++x, in += 4) {
            const std::uint32_t a = in[3];
            const auto premultiply = [a](std::uint32_t c) { return (c * a + 127) / 255; };
            out[x] =
                a << 24 | premultiply(in[0]) << 16 | premultiply(in[1]) << 8 | premultiply(in[2]);
        }
    }
    cairo_surface_mark_dirty(surface);
    cairo_save(cairo_);
    cairo_rectangle(cairo_, rect.min.x, rect.min.y, rect.width(), rect.height());
    cairo_clip(cairo_);
    cairo_translate(cairo_, rect.min.x, rect.min.y);
    cairo_scale(cairo_, rect.width() / source.width, rect.height() / source.height);
    cairo_set_source_surface(cairo_, surface, 0, 0);
    cairo_pattern_t* pattern = cairo_get_source(cairo_);
    // Pad, not the default transparent border: a smooth heatmap's edge pixels would otherwise
    // fade out over the last half texel.
    cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD);
    cairo_pattern_set_filter(pattern, image.smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST);
    cairo_paint(cairo_);
    cairo_restore(cairo_);
    cairo_surface_destroy(surface);
}

void CairoCanvas::pushClip(Rect rect) {
    cairo_save(cairo_);
    cairo_rectangle(cairo_, rect.min.x, rect.min.y, rect.width(), rect.height());
    cairo_clip(cairo_);
}

void CairoCanvas::popClip() {
    cairo_restore(cairo_);
}

}  // namespace losslab::plot
