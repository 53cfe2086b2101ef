#include "plot/figure_file.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "plot/canvas_cairo.hpp"

namespace losslab::plot {

namespace {

std::string lowercaseExtension(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    const std::size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string extension = path.substr(dot);
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension;
}

// The output size in device units: PNG pixels, or CSS pixels for the vector formats.
int deviceSide(int cssPixels, double dpi) {
    return static_cast<int>(std::lround(cssPixels * dpi / 96.0));
}

// A temporary path beside `path` (same folder, so the rename is atomic), unique to this
// process.
std::string temporaryPathFor(const std::string& path) {
    return path + ".part-" + std::to_string(static_cast<long>(::getpid()));
}

std::string cannotWrite(const std::string& path, const std::string& why) {
    return "cannot write " + path + ": " + why;
}

// Paints the background and draws one page in CSS pixels on `cairo`.
void drawPage(cairo_t* cairo, const FigureSpec& spec, const DrawFigurePage& draw, int page) {
    const CanvasStyle style = figureStyle(spec);
    if (!spec.transparent) {
        const Color bg = style.background;
        cairo_set_source_rgb(cairo, red(bg) / 255.0, green(bg) / 255.0, blue(bg) / 255.0);
        cairo_paint(cairo);
    }
    CairoCanvas canvas(cairo, style, figureFontSize(spec));
    // A small margin all round (docs/command-line.md: the plot fills the figure with a small
    // margin).
    const float margin = canvas.fontSize() * 0.6f;
    const Rect area{
        {margin, margin},
        {static_cast<float>(spec.width) - margin, static_cast<float>(spec.height) - margin}};
    draw(page, canvas, area);
}

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;

std::optional<std::string> statusError(cairo_status_t status) {
    if (status == CAIRO_STATUS_SUCCESS) return std::nullopt;
    return std::string(cairo_status_to_string(status));
}

}  // namespace

std::optional<FigureFormat> figureFormatFor(const std::string& path) {
    const std::string extension = lowercaseExtension(path);
    if (extension == ".png") return FigureFormat::Png;
    if (extension == ".svg") return FigureFormat::Svg;
    if (extension == ".pdf") return FigureFormat::Pdf;
    return std::nullopt;
}

std::optional<FigureTheme> figureThemeFromName(const std::string& name) {
    for (FigureTheme theme : {FigureTheme::Paper, FigureTheme::Light, FigureTheme::Dark}) {
        if (name == figureThemeName(theme)) return theme;
    }
    return std::nullopt;
}

const char* figureThemeName(FigureTheme theme) {
    switch (theme) {
        case FigureTheme::Paper:
            return "paper";
        case FigureTheme::Light:
            return "light";
        case FigureTheme::Dark:
            return "dark";
    }
    return "paper";
}

const char* figureExtension(FigureFormat format) {
    switch (format) {
        case FigureFormat::Png:
            return ".png";
        case FigureFormat::Svg:
            return ".svg";
        case FigureFormat::Pdf:
            return ".pdf";
    }
    return ".png";
}

CanvasStyle figureStyle(const FigureSpec& spec) {
    CanvasStyle style;
    switch (spec.theme) {
        case FigureTheme::Paper:
            style.text = rgba(0, 0, 0);
            style.background = rgba(255, 255, 255);
            break;
        case FigureTheme::Light:  // ImGui's light style, as the app's Light theme
            style.text = rgba(0, 0, 0);
            style.background = rgba(240, 240, 240);
            break;
        case FigureTheme::Dark:  // ImGui's dark style
            style.text = rgba(255, 255, 255);
            style.background = rgba(15, 15, 15);
            break;
    }
    style.lineScale = spec.fontScale;
    style.markerScale = spec.fontScale;
    return style;
}

float figureFontSize(const FigureSpec& spec) {
    // The app's text size at 100 %: 16 CSS pixels a line.
    return 16.0f * spec.fontScale;
}

std::optional<std::string> checkFigureSpec(const FigureSpec& spec) {
    if (spec.width <= 0 || spec.height <= 0) {
        return "size " + std::to_string(spec.width) + "x" + std::to_string(spec.height) +
               " must be positive";
    }
    if (!(spec.dpi > 0) || !std::isfinite(spec.dpi) || spec.dpi > 96.0 * 64) {
        return "dpi must be a positive number up to 6144";
    }
    if (!(spec.fontScale > 0) || !std::isfinite(spec.fontScale) || spec.fontScale > 100) {
        return "font scale must be a positive number up to 100";
    }
    const int w = std::max(spec.width, deviceSide(spec.width, spec.dpi));
    const int h = std::max(spec.height, deviceSide(spec.height, spec.dpi));
    if (w > kMaxFigureSide || h > kMaxFigureSide) {
        return "a figure of " + std::to_string(w) + "x" + std::to_string(h) +
               " pixels is over the limit of " + std::to_string(kMaxFigureSide) + " a side";
    }
    return std::nullopt;
}

std::optional<std::string> writeFigure(const std::string& path, FigureFormat format,
                                       const FigureSpec& spec, int pages,
                                       const DrawFigurePage& draw) {
    if (auto error = checkFigureSpec(spec)) return *error;
    if (pages < 1 || (format != FigureFormat::Pdf && pages != 1)) {
        return "a PNG or SVG figure has one page";
    }
    const std::string temporary = temporaryPathFor(path);
    // cairo reports an unwritable path only when it finishes; check first for a clear reason.
    if (FILE* probe = std::fopen(temporary.c_str(), "wb")) {
        std::fclose(probe);
    } else {
        return cannotWrite(path, std::strerror(errno));
    }
    std::optional<std::string> error;
    if (format == FigureFormat::Png) {
        SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                      deviceSide(spec.width, spec.dpi),
                                                      deviceSide(spec.height, spec.dpi)));
        error = statusError(cairo_surface_status(surface.get()));
        if (!error) {
            CairoPtr cairo(cairo_create(surface.get()));
            cairo_scale(cairo.get(), spec.dpi / 96.0, spec.dpi / 96.0);
            drawPage(cairo.get(), spec, draw, 0);
            error = statusError(cairo_status(cairo.get()));
        }
        if (!error)
            error = statusError(cairo_surface_write_to_png(surface.get(), temporary.c_str()));
    } else {
        SurfacePtr surface;
        if (format == FigureFormat::Svg) {
            surface.reset(cairo_svg_surface_create(temporary.c_str(), spec.width, spec.height));
            // User units: width="W" height="H", one unit a CSS pixel, as docs/command-line.md asks.
            cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_USER);
        } else {
            // A PDF page is measured in points (1/72 inch): 0.75 of a CSS pixel.
            surface.reset(
                cairo_pdf_surface_create(temporary.c_str(), spec.width * 0.75, spec.height * 0.75));
        }
        error = statusError(cairo_surface_status(surface.get()));
        if (!error) {
            CairoPtr cairo(cairo_create(surface.get()));
            if (format == FigureFormat::Pdf) cairo_scale(cairo.get(), 0.75, 0.75);
            for (int page = 0; page < pages && !error; ++page) {
                cairo_save(cairo.get());
                drawPage(cairo.get(), spec, draw, page);
                cairo_restore(cairo.get());
                if (format == FigureFormat::Pdf) cairo_show_page(cairo.get());
                error = statusError(cairo_status(cairo.get()));
            }
        }
        if (!error) {
            cairo_surface_finish(surface.get());
            error = statusError(cairo_surface_status(surface.get()));
        }
    }
    if (!error && std::rename(temporary.c_str(), path.c_str()) != 0) error = std::strerror(errno);
    if (error) {
        std::remove(temporary.c_str());
        return cannotWrite(path, *error);
    }
    return std::nullopt;
}

std::optional<std::string> renderFigure(const FigureSpec& spec, const DrawFigurePage& draw,
                                        int page, Rgba8Image* out) {
    if (auto error = checkFigureSpec(spec)) return *error;
    const int width = deviceSide(spec.width, spec.dpi), height = deviceSide(spec.height, spec.dpi);
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    if (auto error = statusError(cairo_surface_status(surface.get()))) return *error;
    {
        CairoPtr cairo(cairo_create(surface.get()));
        cairo_scale(cairo.get(), spec.dpi / 96.0, spec.dpi / 96.0);
        drawPage(cairo.get(), spec, draw, page);
        if (auto error = statusError(cairo_status(cairo.get()))) return *error;
    }
    cairo_surface_flush(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    out->width = width;
    out->height = height;
    out->pixels.resize(static_cast<std::size_t>(width) * height * 4);
    for (int y = 0; y < height; ++y) {
        const auto* in =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        std::uint8_t* row = out->pixels.data() + static_cast<std::size_t>(y) * width * 4;
        for (int x = 0; x < width; ++x) {
            const std::uint32_t p = in[x];
            const std::uint32_t a = p >> 24;
            // Undo cairo's premultiplication.
            const auto channel = [a](std::uint32_t c) {
                return static_cast<std::uint8_t>(
                    a == 0 ? 0 : std::min<std::uint32_t>(255, (c * 255 + a / 2) / a));
            };
            row[x * 4 + 0] = channel(p >> 16 & 0xff);
            row[x * 4 + 1] = channel(p >> 8 & 0xff);
            row[x * 4 + 2] = channel(p & 0xff);
            row[x * 4 + 3] = static_cast<std::uint8_t>(a);
        }
    }
    return std::nullopt;
}

}  // namespace losslab::plot
