#pragma once
// Figures as files: PNG, SVG and PDF through cairo, at an exact size in CSS pixels. A figure
// is drawn by a callback on a plot::Canvas (a panel's figure step); this file knows nothing
// of panels. Written to a temporary beside the target and renamed, so a failure leaves no
// partial file.
#include <functional>
#include <optional>
#include <string>

#include "losslab/colormap.hpp"
#include "plot/canvas.hpp"

namespace losslab::plot {

enum class FigureFormat { Png, Svg, Pdf };

// From the path's extension (.png, .svg, .pdf, any case); nothing for another.
std::optional<FigureFormat> figureFormatFor(const std::string& path);

// The figures' themes: paper is black on white, light and dark are the app's.
enum class FigureTheme { Paper, Light, Dark };
std::optional<FigureTheme> figureThemeFromName(const std::string& name);
const char* figureThemeName(FigureTheme theme);
// The format's extension, with its dot.
const char* figureExtension(FigureFormat format);

// The largest figure side, in output pixels (a PNG's pixels, an SVG's or PDF's CSS pixels).
constexpr int kMaxFigureSide = 16384;

struct FigureSpec {
    int width = 1200;  // CSS pixels (1/96 inch)
    int height = 800;
    double dpi = 96.0;       // PNG pixels per inch: the PNG has width·dpi/96 pixels
    float fontScale = 1.0f;  // text and line widths, independent of the size
    FigureTheme theme = FigureTheme::Paper;
    bool transparent = false;  // no background (PNG alpha; nothing painted in SVG and PDF)
};

// The canvas style and font size of a figure.
CanvasStyle figureStyle(const FigureSpec& spec);
float figureFontSize(const FigureSpec& spec);
// A message when the spec cannot be drawn (sizes ≤ 0 or over kMaxFigureSide, dpi ≤ 0 or
// absurd, a font scale ≤ 0 or non-finite).
std::optional<std::string> checkFigureSpec(const FigureSpec& spec);

// Draws page `page` (0-based) of a figure: the whole of `area`, in CSS pixels.
using DrawFigurePage = std::function<void(int page, Canvas& canvas, Rect area)>;

// Writes `pages` pages to `path` (PNG and SVG: one page only; PDF: any number). Returns a
// message naming the path on failure, and then nothing is left at `path`.
std::optional<std::string> writeFigure(const std::string& path, FigureFormat format,
                                       const FigureSpec& spec, int pages,
                                       const DrawFigurePage& draw);

// Renders one page into pixels (width·dpi/96 × height·dpi/96, RGBA, not premultiplied):
// an animation's frame.
std::optional<std::string> renderFigure(const FigureSpec& spec, const DrawFigurePage& draw,
                                        int page, Rgba8Image* out);

}  // namespace losslab::plot
