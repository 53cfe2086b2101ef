#include "losslab/colormap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslab {

namespace {

// Anchors at t = i/(n − 1), interpolated linearly in sRGB.
struct Anchor {
    float r, g, b;
};

// matplotlib's viridis (van der Walt & Smith, 2015): entries 0, 5, 10, …, 255 of its
// published 256-entry table.
// clang-format off (one anchor a line, as in the published table)
constexpr Anchor kViridis[] = {
    {0.267004f, 0.004874f, 0.329415f}, {0.273809f, 0.031497f, 0.358853f},
    {0.278791f, 0.062145f, 0.386592f}, {0.281924f, 0.089666f, 0.412415f},
    {0.283197f, 0.115680f, 0.436115f}, {0.282623f, 0.140926f, 0.457517f},
    {0.280255f, 0.165693f, 0.476498f}, {0.276194f, 0.190074f, 0.493001f},
    {0.270595f, 0.214069f, 0.507052f}, {0.263663f, 0.237631f, 0.518762f},
    {0.255645f, 0.260703f, 0.528312f}, {0.246811f, 0.283237f, 0.535941f},
    {0.237441f, 0.305202f, 0.541921f}, {0.227802f, 0.326594f, 0.546532f},
    {0.218130f, 0.347432f, 0.550038f}, {0.208623f, 0.367752f, 0.552675f},
    {0.199430f, 0.387607f, 0.554642f}, {0.190631f, 0.407061f, 0.556089f},
    {0.182256f, 0.426184f, 0.557120f}, {0.174274f, 0.445044f, 0.557792f},
    {0.166617f, 0.463708f, 0.558119f}, {0.159194f, 0.482237f, 0.558073f},
    {0.151918f, 0.500685f, 0.557587f}, {0.144759f, 0.519093f, 0.556572f},
    {0.137770f, 0.537492f, 0.554906f}, {0.131172f, 0.555899f, 0.552459f},
    {0.125394f, 0.574318f, 0.549086f}, {0.121148f, 0.592739f, 0.544641f},
    {0.119423f, 0.611141f, 0.538982f}, {0.121380f, 0.629492f, 0.531973f},
    {0.128087f, 0.647749f, 0.523491f}, {0.140210f, 0.665859f, 0.513427f},
    {0.157851f, 0.683765f, 0.501686f}, {0.180653f, 0.701402f, 0.488189f},
    {0.208030f, 0.718701f, 0.472873f}, {0.239374f, 0.735588f, 0.455688f},
    {0.274149f, 0.751988f, 0.436601f}, {0.311925f, 0.767822f, 0.415586f},
    {0.352360f, 0.783011f, 0.392636f}, {0.395174f, 0.797475f, 0.367757f},
    {0.440137f, 0.811138f, 0.340967f}, {0.487026f, 0.823929f, 0.312321f},
    {0.535621f, 0.835785f, 0.281908f}, {0.585678f, 0.846661f, 0.249897f},
    {0.636902f, 0.856542f, 0.216620f}, {0.688944f, 0.865448f, 0.182725f},
    {0.741388f, 0.873449f, 0.149561f}, {0.793760f, 0.880678f, 0.120005f},
    {0.845561f, 0.887322f, 0.099702f}, {0.896320f, 0.893616f, 0.096335f},
    {0.945636f, 0.899815f, 0.112838f}, {0.993248f, 0.906157f, 0.143936f},
};
// clang-format on

// matplotlib's cividis (Nuñez, Anderton & Renslow, 2018): entries 0, 5, 10, …, 255 of its
// published 256-entry table.
// clang-format off
constexpr Anchor kCividis[] = {
    {0.000000f, 0.135112f, 0.304751f},
    {0.000000f, 0.149791f, 0.337065f},
    {0.000000f, 0.163058f, 0.371608f},
    {0.000000f, 0.176082f, 0.407577f},
    {0.000000f, 0.188769f, 0.439563f},
    {0.032110f, 0.201199f, 0.440785f},
    {0.087465f, 0.214879f, 0.437342f},
    {0.124291f, 0.228697f, 0.433547f},
    {0.154261f, 0.242475f, 0.430120f},
    {0.180503f, 0.256180f, 0.427299f},
    {0.204385f, 0.269823f, 0.425126f},
    {0.226598f, 0.283419f, 0.423678f},
    {0.247605f, 0.296986f, 0.422917f},
    {0.267693f, 0.310542f, 0.422821f},
    {0.287065f, 0.324103f, 0.423373f},
    {0.305886f, 0.337681f, 0.424512f},
    {0.324250f, 0.351289f, 0.426250f},
    {0.342246f, 0.364939f, 0.428559f},
    {0.359916f, 0.378641f, 0.431501f},
    {0.377371f, 0.392404f, 0.434890f},
    {0.394568f, 0.406236f, 0.438986f},
    {0.411607f, 0.420145f, 0.443577f},
    {0.428462f, 0.434140f, 0.448864f},
    {0.445148f, 0.448226f, 0.454885f},
    {0.461616f, 0.462405f, 0.461969f},
    {0.478186f, 0.476699f, 0.468845f},
    {0.495913f, 0.491076f, 0.471751f},
    {0.514226f, 0.505546f, 0.472640f},
    {0.532829f, 0.520135f, 0.472401f},
    {0.551612f, 0.534849f, 0.471439f},
    {0.570607f, 0.549695f, 0.469593f},
    {0.589753f, 0.564682f, 0.467090f},
    {0.609105f, 0.579816f, 0.463638f},
    {0.628576f, 0.595104f, 0.459641f},
    {0.648222f, 0.610553f, 0.454801f},
    {0.668008f, 0.626171f, 0.449270f},
    {0.687957f, 0.641966f, 0.442886f},
    {0.708067f, 0.657942f, 0.435647f},
    {0.728334f, 0.674107f, 0.427554f},
    {0.748772f, 0.690470f, 0.418448f},
    {0.769353f, 0.707035f, 0.408516f},
    {0.790116f, 0.723810f, 0.397423f},
    {0.811054f, 0.740801f, 0.385198f},
    {0.832192f, 0.758014f, 0.371529f},
    {0.853515f, 0.775454f, 0.356500f},
    {0.875057f, 0.793125f, 0.339685f},
    {0.896818f, 0.811030f, 0.320982f},
    {0.918828f, 0.829168f, 0.299960f},
    {0.941147f, 0.847530f, 0.275815f},
    {0.963872f, 0.866089f, 0.247445f},
    {0.987293f, 0.884718f, 0.213336f},
    {0.995737f, 0.909344f, 0.217772f},
};
// clang-format on

// ColorBrewer RdBu, 11 classes (Brewer, colorbrewer2.org), reversed so that low values are
// blue: #053061 #2166AC #4393C3 #92C5DE #D1E5F0 #F7F7F7 #FDDBC7 #F4A582 #D6604D #B2182B #67001F.
constexpr Anchor kBlueWhiteRed[] = {
    {0x05 / 255.0f, 0x30 / 255.0f, 0x61 / 255.0f}, {0x21 / 255.0f, 0x66 / 255.0f, 0xAC / 255.0f},
    {0x43 / 255.0f, 0x93 / 255.0f, 0xC3 / 255.0f}, {0x92 / 255.0f, 0xC5 / 255.0f, 0xDE / 255.0f},
    {0xD1 / 255.0f, 0xE5 / 255.0f, 0xF0 / 255.0f}, {0xF7 / 255.0f, 0xF7 / 255.0f, 0xF7 / 255.0f},
    {0xFD / 255.0f, 0xDB / 255.0f, 0xC7 / 255.0f}, {0xF4 / 255.0f, 0xA5 / 255.0f, 0x82 / 255.0f},
    {0xD6 / 255.0f, 0x60 / 255.0f, 0x4D / 255.0f}, {0xB2 / 255.0f, 0x18 / 255.0f, 0x2B / 255.0f},
    {0x67 / 255.0f, 0x00 / 255.0f, 0x1F / 255.0f}};

constexpr std::uint32_t kOkabeIto[kOkabeItoSize] = {0x000000, 0xE69F00, 0x56B4E9, 0x009E73,
                                                    0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};
// Okabe–Ito indices in class order (see classColor).
constexpr int kClassOrder[kOkabeItoSize] = {1, 2, 3, 6, 5, 7, 4, 0};
constexpr std::uint32_t kEighthClassHex = 0x999999;  // in place of Okabe–Ito's black

template <std::size_t N>
RgbF interpolate(const Anchor (&anchors)[N], double t) {
    if (!(t > 0.0)) t = 0.0;  // also NaN
    if (t > 1.0) t = 1.0;
    const double position = t * static_cast<double>(N - 1);
    const std::size_t i = std::min(static_cast<std::size_t>(position), N - 2);
    const float f = static_cast<float>(position - static_cast<double>(i));
    const Anchor& a = anchors[i];
    const Anchor& b = anchors[i + 1];
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::uint8_t channel8(float value) {
    // Rounds half away from zero, as std::round would, without the libm call (a heatmap
    // makes three per pixel): in double, v + 0.5 is exact for a float v ≥ 0, so truncating
    // it is exactly round(v).
    const float scaled = std::clamp(value, 0.0f, 1.0f) * 255.0f;
    return static_cast<std::uint8_t>(static_cast<double>(scaled) + 0.5);
}

double linearFromSrgb(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Rgb8 mix(const Rgb8& color, double towards, double amount) {
    auto one = [&](std::uint8_t c) {
        return static_cast<std::uint8_t>(std::lround(c + (towards - c) * amount));
    };
    return {one(color.r), one(color.g), one(color.b)};
}

}  // namespace

Rgb8 toRgb8(const RgbF& color) {
    return {channel8(color.r), channel8(color.g), channel8(color.b)};
}

RgbF toRgbF(const Rgb8& color) {
    return {color.r / 255.0f, color.g / 255.0f, color.b / 255.0f};
}

Rgb8 rgbFromHex(std::uint32_t hex) {
    return {static_cast<std::uint8_t>((hex >> 16) & 0xFF),
            static_cast<std::uint8_t>((hex >> 8) & 0xFF), static_cast<std::uint8_t>(hex & 0xFF)};
}

std::uint32_t hexFromRgb(const Rgb8& color) {
    return (static_cast<std::uint32_t>(color.r) << 16) |
           (static_cast<std::uint32_t>(color.g) << 8) | static_cast<std::uint32_t>(color.b);
}

double cieLightness(const RgbF& color) {
    // Relative luminance Y of linear sRGB (Rec. 709 primaries), then L* = 116·f(Y) − 16.
    const double y = 0.2126 * linearFromSrgb(color.r) + 0.7152 * linearFromSrgb(color.g) +
                     0.0722 * linearFromSrgb(color.b);
    constexpr double kEpsilon = 216.0 / 24389.0;
    constexpr double kKappa = 24389.0 / 27.0;
    return y > kEpsilon ? 116.0 * std::cbrt(y) - 16.0 : kKappa * y;
}

std::string_view colormapKey(Colormap map) {
    switch (map) {
        case Colormap::Viridis:
            return "viridis";
        case Colormap::Cividis:
            return "cividis";
        case Colormap::BlueWhiteRed:
            return "blue_white_red";
    }
    return "";
}

std::optional<Colormap> colormapFromKey(std::string_view key) {
    for (Colormap map : kAllColormaps) {
        if (colormapKey(map) == key) return map;
    }
    return std::nullopt;
}

bool isDiverging(Colormap map) {
    return map == Colormap::BlueWhiteRed;
}

RgbF colormapColor(Colormap map, double t) {
    switch (map) {
        case Colormap::Viridis:
            return interpolate(kViridis, t);
        case Colormap::Cividis:
            return interpolate(kCividis, t);
        case Colormap::BlueWhiteRed:
            return interpolate(kBlueWhiteRed, t);
    }
    return interpolate(kViridis, t);
}

Rgb8 colormapColor8(Colormap map, double t) {
    return toRgb8(colormapColor(map, t));
}

Rgb8 okabeIto(int index) {
    return rgbFromHex(kOkabeIto[((index % kOkabeItoSize) + kOkabeItoSize) % kOkabeItoSize]);
}

Rgb8 classColor(int classIndex) {
    if (classIndex < 0) classIndex = 0;
    const int slot = classIndex % kOkabeItoSize;
    // Okabe–Ito's black vanishes on the dark theme: the eighth class is a mid grey instead,
    // which reads on dark and light backgrounds alike.
    const Rgb8 base =
        kClassOrder[slot] == 0 ? rgbFromHex(kEighthClassHex) : okabeIto(kClassOrder[slot]);
    const int round = classIndex / kOkabeItoSize;
    if (round == 0) return base;
    const double amount = std::min(0.2 + 0.25 * ((round + 1) / 2), 0.8);
    return mix(base, round % 2 == 1 ? 255.0 : 0.0, amount);
}

ColorScale symmetricScale(double maxAbs, Colormap map) {
    ColorScale scale;
    scale.map = map;
    const double m = std::isfinite(maxAbs) ? std::abs(maxAbs) : 0.0;
    scale.low = -m;
    scale.high = m;
    return scale;
}

std::optional<std::string> checkColorScale(const ColorScale& scale) {
    if (!std::isfinite(scale.low) || !std::isfinite(scale.high)) {
        return "colour scale bounds must be finite";
    }
    if (scale.low > scale.high) return "colour scale needs low <= high";
    if (scale.logarithmic && !(scale.low > 0)) return "a logarithmic colour scale needs low > 0";
    return std::nullopt;
}

namespace {

// scalePosition with the scale's logarithms taken once, for a whole image; the arithmetic
// per value is the same, so a pixel and the colour bar agree to the last bit.
struct ScalePositioner {
    explicit ScalePositioner(const ColorScale& scale)
        : scale_(scale),
          logLow_(scale.logarithmic ? std::log(scale.low) : 0.0),
          logHigh_(scale.logarithmic ? std::log(scale.high) : 0.0) {}

    double operator()(double value) const {
        if (std::isnan(value)) return value;
        if (!(scale_.low < scale_.high)) return 0.5;
        double t = 0.0;
        if (scale_.logarithmic) {
            if (!(value > 0)) return 0.0;
            t = (std::log(value) - logLow_) / (logHigh_ - logLow_);
        } else {
            t = (value - scale_.low) / (scale_.high - scale_.low);
        }
        if (std::isnan(t)) return 0.0;  // only from inf − inf, which checkColorScale excludes
        return std::clamp(t, 0.0, 1.0);
    }

  private:
    const ColorScale& scale_;
    double logLow_, logHigh_;
};

}  // namespace

double scalePosition(const ColorScale& scale, double value) {
    return ScalePositioner(scale)(value);
}

namespace {
// The pixels of fillImage with the colormap chosen once, outside the loop, so that the
// interpolation and rounding inline (a heatmap of 256² is redrawn on every drag frame).
// Exactly colormapColor8 of each value's position: no lookup table, so a pixel and the colour
// bar beside it agree to the last bit.
template <std::size_t N>
void fillPixels(const Grid& grid, const ScalePositioner& position, const Anchor (&anchors)[N],
                std::uint8_t opacity, std::uint8_t* pixel) {
    const int width = grid.spec.nx;
    const int height = grid.spec.ny;
    for (int row = 0; row < height; ++row) {
        const int j = height - 1 - row;
        for (int i = 0; i < width; ++i, pixel += 4) {
            const double value = grid.at(i, j);
            if (!std::isfinite(value)) {
                pixel[0] = pixel[1] = pixel[2] = pixel[3] = 0;
                continue;
            }
            const RgbF c = interpolate(anchors, position(value));
            pixel[0] = channel8(c.r);
            pixel[1] = channel8(c.g);
            pixel[2] = channel8(c.b);
            pixel[3] = opacity;
        }
    }
}
}  // namespace

std::optional<std::string> fillImage(const Grid& grid, const ColorScale& scale, Rgba8Image* out,
                                     std::uint8_t opacity) {
    if (!out) return "no output image";
    if (grid.empty() || grid.values.size() != grid.spec.nodeCount()) return "the grid is empty";
    if (auto error = checkColorScale(scale)) return error;
    const int width = grid.spec.nx;
    const int height = grid.spec.ny;
    out->width = width;
    out->height = height;
    out->pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    const ScalePositioner position(scale);
    switch (scale.map) {
        case Colormap::Cividis:
            fillPixels(grid, position, kCividis, opacity, out->pixels.data());
            break;
        case Colormap::BlueWhiteRed:
            fillPixels(grid, position, kBlueWhiteRed, opacity, out->pixels.data());
            break;
        case Colormap::Viridis:
        default:  // as colormapColor
            fillPixels(grid, position, kViridis, opacity, out->pixels.data());
            break;
    }
    return std::nullopt;
}

}  // namespace losslab
