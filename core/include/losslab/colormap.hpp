#pragma once
// Colours for every plot: perceptual colormaps for heatmaps (viridis, cividis), a diverging
// blue–white–red map for signed values (gradients), the Okabe–Ito palette for classes, and
// the conversion of a Grid (grid.hpp) to an RGBA image. Pure functions, no GL: the app
// uploads the image as a texture, the PNG export writes it as it is.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/grid.hpp"

namespace losslab {

struct Rgb8 {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Rgb8& x, const Rgb8& y) {
        return x.r == y.r && x.g == y.g && x.b == y.b;
    }
    friend bool operator!=(const Rgb8& x, const Rgb8& y) { return !(x == y); }
};

// sRGB components in [0, 1].
struct RgbF {
    float r = 0.0f;
    float g = 0.0f;
    float b = 0.0f;
};

Rgb8 toRgb8(const RgbF& color);  // rounds to nearest, clamps to [0, 255]
RgbF toRgbF(const Rgb8& color);
Rgb8 rgbFromHex(std::uint32_t hex);  // 0xRRGGBB
std::uint32_t hexFromRgb(const Rgb8& color);
// CIE L* (0 black … 100 white) of an sRGB colour, D65: the lightness a viewer perceives.
// Also picks readable text over a heatmap (dark text when L* > 60).
double cieLightness(const RgbF& color);

enum class Colormap {
    Viridis,       // sequential, the default for losses (matplotlib's viridis)
    Cividis,       // sequential, designed to look the same with colour-vision deficiency
    BlueWhiteRed,  // diverging for signed values: blue < 0 < red, white at the centre
};
inline constexpr std::array<Colormap, 3> kAllColormaps = {Colormap::Viridis, Colormap::Cividis,
                                                          Colormap::BlueWhiteRed};
std::string_view colormapKey(Colormap map);  // "viridis", "cividis", "blue_white_red"
std::optional<Colormap> colormapFromKey(std::string_view key);
bool isDiverging(Colormap map);

// The colour at t ∈ [0, 1] (clamped; NaN counts as 0): linear interpolation between the
// map's anchors. Viridis and cividis use every fifth entry of matplotlib's published 256-
// entry tables (52 anchors; within 1/255 of the full viridis table, 4/255 of cividis at
// its kinks); blue–white–red uses the 11 colours of ColorBrewer's RdBu reversed.
RgbF colormapColor(Colormap map, double t);
Rgb8 colormapColor8(Colormap map, double t);

// The Okabe–Ito palette (Okabe & Ito 2008), canonical order: 0 black #000000, 1 orange
// #E69F00, 2 sky blue #56B4E9, 3 bluish green #009E73, 4 yellow #F0E442, 5 blue #0072B2,
// 6 vermillion #D55E00, 7 reddish purple #CC79A7. Indices wrap modulo 8.
inline constexpr int kOkabeItoSize = 8;
Rgb8 okabeIto(int index);

// The colour of class k. Classes 0–7 take the Okabe–Ito colours in the order orange, sky
// blue, bluish green, vermillion, blue, reddish purple, yellow (the weakest against a light
// theme, so late), and a mid grey #999999 in place of Okabe–Ito's black, which vanishes on a
// dark theme. From class 8 on the eight repeat in rounds c = k / 8 mixed towards white (odd c)
// or black (even c) by min(0.2 + 0.25·⌈c/2⌉, 0.8). The first 40 are distinct.
// Negative k counts as 0.
Rgb8 classColor(int classIndex);

// How values map to the colormap's t.
struct ColorScale {
    Colormap map = Colormap::Viridis;
    double low = 0.0;          // value at t = 0
    double high = 1.0;         // value at t = 1
    bool logarithmic = false;  // t linear in log(value); needs 0 < low
};

// The scale [−maxAbs, maxAbs] on a diverging map, so that 0 is white.
ColorScale symmetricScale(double maxAbs, Colormap map = Colormap::BlueWhiteRed);
// Finite bounds, low ≤ high, and low > 0 on a log scale; returns what is wrong.
std::optional<std::string> checkColorScale(const ColorScale& scale);
// t of a value: clamped to [0, 1]; 0.5 when low == high; 0 for values ≤ 0 on a log scale;
// NaN for a NaN value.
double scalePosition(const ColorScale& scale, double value);

// An 8-bit RGBA image, row 0 at the TOP (as PNG files and ImGui textures expect).
struct Rgba8Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // width·height·4 bytes: R, G, B, A per pixel
};

// One pixel per grid node: image pixel (i, r) is node (i, ny − 1 − r), so the grid's yMax is
// at the top. NaN and ±inf nodes become fully transparent (0, 0, 0, 0); the others have
// alpha `opacity`. `out` is reused. Returns a message on an empty grid or an invalid scale,
// leaving `out` untouched.
std::optional<std::string> fillImage(const Grid& grid, const ColorScale& scale, Rgba8Image* out,
                                     std::uint8_t opacity = 255);

}  // namespace losslab
