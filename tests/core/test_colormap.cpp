// Colormaps, the class palette and grid → image (colormap.hpp).
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <cstdlib>

#include "losslab/colormap.hpp"

namespace losslab {
namespace {

// Within `tolerance` levels per channel of the expected 0xRRGGBB colour.
::testing::AssertionResult near(const Rgb8& actual, std::uint32_t expectedHex, int tolerance) {
    const Rgb8 expected = rgbFromHex(expectedHex);
    if (std::abs(actual.r - expected.r) <= tolerance &&
        std::abs(actual.g - expected.g) <= tolerance &&
        std::abs(actual.b - expected.b) <= tolerance) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << std::hex << "got #" << hexFromRgb(actual) << ", expected #" << expectedHex;
}

TEST(Colormap, ViridisMatchesItsPublishedColours) {
    EXPECT_TRUE(near(colormapColor8(Colormap::Viridis, 0.0), 0x440154, 0));
    EXPECT_TRUE(near(colormapColor8(Colormap::Viridis, 1.0), 0xFDE725, 0));
    // The ten-colour viridis of R's viridisLite, at t = k/9.
    const std::uint32_t ten[] = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
                                 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725};
    for (int k = 0; k < 10; ++k) {
        EXPECT_TRUE(near(colormapColor8(Colormap::Viridis, k / 9.0), ten[k], 2)) << "k = " << k;
    }
    // Clamped outside [0, 1], NaN as 0.
    EXPECT_EQ(colormapColor8(Colormap::Viridis, -3.0), colormapColor8(Colormap::Viridis, 0.0));
    EXPECT_EQ(colormapColor8(Colormap::Viridis, 7.0), colormapColor8(Colormap::Viridis, 1.0));
    EXPECT_EQ(colormapColor8(Colormap::Viridis, NAN), colormapColor8(Colormap::Viridis, 0.0));
}

TEST(Colormap, CividisEndpoints) {
    EXPECT_TRUE(near(colormapColor8(Colormap::Cividis, 0.0), 0x00224E, 0));
    EXPECT_TRUE(near(colormapColor8(Colormap::Cividis, 1.0), 0xFEE838, 0));
}

TEST(Colormap, SequentialMapsGetLighterMonotonically) {
    for (Colormap map : {Colormap::Viridis, Colormap::Cividis}) {
        double previous = -1.0;
        for (int i = 0; i <= 1000; ++i) {
            const double lightness = cieLightness(colormapColor(map, i / 1000.0));
            EXPECT_GT(lightness, previous) << colormapKey(map) << " at " << i / 1000.0;
            previous = lightness;
        }
        // Dark to light over most of the lightness range.
        EXPECT_LT(cieLightness(colormapColor(map, 0.0)), 20.0);
        EXPECT_GT(cieLightness(colormapColor(map, 1.0)), 85.0);
    }
}

TEST(Colormap, DivergingIsBlueWhiteRedAndLightestInTheMiddle) {
    const Rgb8 low = colormapColor8(Colormap::BlueWhiteRed, 0.0);
    const Rgb8 high = colormapColor8(Colormap::BlueWhiteRed, 1.0);
    EXPECT_EQ(low, rgbFromHex(0x053061));
    EXPECT_EQ(high, rgbFromHex(0x67001F));
    EXPECT_EQ(colormapColor8(Colormap::BlueWhiteRed, 0.5), rgbFromHex(0xF7F7F7));
    EXPECT_GT(low.b, low.r);
    EXPECT_GT(high.r, high.b);
    double previous = -1.0;
    for (int i = 0; i <= 500; ++i) {
        const double lightness = cieLightness(colormapColor(Colormap::BlueWhiteRed, i / 1000.0));
        EXPECT_GT(lightness, previous) << i;
        previous = lightness;
    }
    for (int i = 501; i <= 1000; ++i) {
        const double lightness = cieLightness(colormapColor(Colormap::BlueWhiteRed, i / 1000.0));
        EXPECT_LT(lightness, previous) << i;
        previous = lightness;
    }
    EXPECT_TRUE(isDiverging(Colormap::BlueWhiteRed));
    EXPECT_FALSE(isDiverging(Colormap::Viridis));
}

// The 8-bit colours are the float colours rounded half away from zero (std::round), for
// every map, at positions that land on, between and exactly halfway between 8-bit levels.
TEST(Colormap, EightBitColoursAreTheFloatColoursRounded) {
    for (Colormap map : {Colormap::Viridis, Colormap::Cividis, Colormap::BlueWhiteRed}) {
        for (int i = 0; i <= 20000; ++i) {
            const double t = i / 20000.0;
            const RgbF c = colormapColor(map, t);
            const Rgb8 c8 = colormapColor8(map, t);
            auto rounded = [](float v) {
                return static_cast<int>(std::round(std::clamp(v, 0.0f, 1.0f) * 255.0f));
            };
            ASSERT_EQ(c8.r, rounded(c.r)) << t;
            ASSERT_EQ(c8.g, rounded(c.g)) << t;
            ASSERT_EQ(c8.b, rounded(c.b)) << t;
        }
    }
    // Exactly half a level rounds up, as std::round does (not to even).
    EXPECT_EQ(toRgb8(RgbF{0.5f / 255.0f * 3.0f, 0.0f, 1.0f}).r, 2);
    EXPECT_EQ(toRgb8(RgbF{-1.0f, 2.0f, 0.0f}).r, 0);
    EXPECT_EQ(toRgb8(RgbF{-1.0f, 2.0f, 0.0f}).g, 255);
}

TEST(Colormap, KeysRoundTrip) {
    for (Colormap map : kAllColormaps) {
        ASSERT_TRUE(colormapFromKey(colormapKey(map)).has_value());
        EXPECT_EQ(*colormapFromKey(colormapKey(map)), map);
    }
    EXPECT_FALSE(colormapFromKey("jet").has_value());
}

TEST(Colormap, LightnessOfKnownColours) {
    EXPECT_NEAR(cieLightness({0, 0, 0}), 0.0, 1e-9);
    EXPECT_NEAR(cieLightness({1, 1, 1}), 100.0, 1e-4);
    EXPECT_NEAR(cieLightness(toRgbF(rgbFromHex(0x777777))), 50.0, 0.5);  // mid grey
}

TEST(Palette, OkabeItoExactValues) {
    const std::uint32_t expected[8] = {0x000000, 0xE69F00, 0x56B4E9, 0x009E73,
                                       0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};
    for (int i = 0; i < kOkabeItoSize; ++i) {
        EXPECT_EQ(hexFromRgb(okabeIto(i)), expected[i]) << i;
        EXPECT_EQ(okabeIto(i + 8), okabeIto(i));
        EXPECT_EQ(okabeIto(i - 8), okabeIto(i));
    }
}

TEST(Palette, ClassColoursStartWithOkabeItoAndStayDistinct) {
    const std::uint32_t order[8] = {0xE69F00, 0x56B4E9, 0x009E73, 0xD55E00,
                                    0x0072B2, 0xCC79A7, 0xF0E442, 0x999999};
    for (int k = 0; k < 8; ++k)
        EXPECT_EQ(hexFromRgb(classColor(k)), order[k]) << k;
    // The next rounds are lighter, then darker, versions of the same hues.
    EXPECT_GT(cieLightness(toRgbF(classColor(8))), cieLightness(toRgbF(classColor(0))));
    EXPECT_LT(cieLightness(toRgbF(classColor(16))), cieLightness(toRgbF(classColor(0))));
    for (int a = 0; a < 40; ++a) {
        for (int b = a + 1; b < 40; ++b) {
            const Rgb8 x = classColor(a);
            const Rgb8 y = classColor(b);
            const double distance = std::sqrt(std::pow(x.r - y.r, 2.0) + std::pow(x.g - y.g, 2.0) +
                                              std::pow(x.b - y.b, 2.0));
            EXPECT_GT(distance, 15.0) << a << " vs " << b;
        }
    }
    EXPECT_EQ(classColor(-5), classColor(0));
    // Every one of the first 16 classes stands out from the dark theme's background (ImGui's
    // #0F0F0F) by a CIE lightness difference of more than 15: no class is black on black.
    for (int k = 0; k < 16; ++k) {
        const double l = cieLightness(toRgbF(classColor(k)));
        EXPECT_GT(std::abs(l - cieLightness(toRgbF(Rgb8{15, 15, 15}))), 15.0) << k;
    }
}

TEST(ColorScale, PositionsOfValues) {
    ColorScale linear;
    linear.low = 2.0;
    linear.high = 4.0;
    EXPECT_EQ(scalePosition(linear, 3.0), 0.5);
    EXPECT_EQ(scalePosition(linear, 1.0), 0.0);
    EXPECT_EQ(scalePosition(linear, 9.0), 1.0);
    EXPECT_TRUE(std::isnan(scalePosition(linear, NAN)));
    ColorScale flat;
    flat.low = flat.high = 1.0;
    EXPECT_EQ(scalePosition(flat, 1.0), 0.5);
    ColorScale log;
    log.logarithmic = true;
    log.low = 1e-3;
    log.high = 10.0;
    EXPECT_NEAR(scalePosition(log, 0.1), 0.5, 1e-15);
    EXPECT_EQ(scalePosition(log, 0.0), 0.0);
    EXPECT_EQ(scalePosition(log, -1.0), 0.0);
    const ColorScale signedScale = symmetricScale(-3.0);
    EXPECT_EQ(signedScale.low, -3.0);
    EXPECT_EQ(signedScale.high, 3.0);
    EXPECT_EQ(scalePosition(signedScale, 0.0), 0.5);
    EXPECT_EQ(signedScale.map, Colormap::BlueWhiteRed);
    EXPECT_FALSE(checkColorScale(linear).has_value());
    ColorScale badLog = log;
    badLog.low = 0.0;
    EXPECT_TRUE(checkColorScale(badLog).has_value());
    ColorScale reversed = linear;
    reversed.low = 5.0;
    EXPECT_TRUE(checkColorScale(reversed).has_value());
    ColorScale infinite = linear;
    infinite.high = INFINITY;
    EXPECT_TRUE(checkColorScale(infinite).has_value());
}

TEST(FillImage, PixelsFollowTheGridWithTheTopRowAtYMax) {
    // 3 x 2 grid: row 0 (y = 0) holds 0, 0.5, NaN; row 1 (y = 1) holds 1, 0.25, 0.75.
    Grid grid = sampleGrid(GridSpec{0.0, 2.0, 0.0, 1.0, 3, 2}, [](double, double) { return 0.0; });
    grid.values = {0.0, 0.5, NAN, 1.0, 0.25, 0.75};
    ColorScale scale;  // viridis on [0, 1]
    Rgba8Image image;
    ASSERT_FALSE(fillImage(grid, scale, &image, 200).has_value());
    ASSERT_EQ(image.width, 3);
    ASSERT_EQ(image.height, 2);
    ASSERT_EQ(image.pixels.size(), 3u * 2u * 4u);
    auto pixel = [&](int x, int row) {
        const std::uint8_t* p = &image.pixels[static_cast<std::size_t>((row * 3 + x) * 4)];
        return std::array<int, 4>{p[0], p[1], p[2], p[3]};
    };
    auto expected = [&](double t, int alpha) {
        const Rgb8 c = colormapColor8(Colormap::Viridis, t);
        return std::array<int, 4>{c.r, c.g, c.b, alpha};
    };
    // Image row 0 is the grid's top row (y = 1).
    EXPECT_EQ(pixel(0, 0), expected(1.0, 200));
    EXPECT_EQ(pixel(1, 0), expected(0.25, 200));
    EXPECT_EQ(pixel(2, 0), expected(0.75, 200));
    EXPECT_EQ(pixel(0, 1), expected(0.0, 200));
    EXPECT_EQ(pixel(1, 1), expected(0.5, 200));
    EXPECT_EQ(pixel(2, 1), (std::array<int, 4>{0, 0, 0, 0}));  // NaN is transparent

    // The value range maps onto the colormap: with [0.5, 1], 0.75 is its middle.
    scale.low = 0.5;
    ASSERT_FALSE(fillImage(grid, scale, &image).has_value());
    EXPECT_EQ(pixel(2, 0), expected(0.5, 255));
    EXPECT_EQ(pixel(1, 0), expected(0.0, 255));  // below the range: clamped

    Rgba8Image untouched;
    untouched.width = 7;
    EXPECT_TRUE(fillImage(Grid{}, scale, &untouched).has_value());
    ColorScale bad;
    bad.low = NAN;
    EXPECT_TRUE(fillImage(grid, bad, &untouched).has_value());
    EXPECT_EQ(untouched.width, 7);
    EXPECT_TRUE(fillImage(grid, scale, nullptr).has_value());
}

TEST(FillImage, EveryPixelIsTheColourBarsColourOfItsValue) {
    // 100 x 100 values over several decades, every colormap, linear and log scales: each pixel
    // equals colormapColor8 at the value's scale position, bit for bit (the colour bar beside a
    // heatmap is drawn with colormapColor8).
    Grid grid = sampleGrid(GridSpec{-1.0, 1.0, -1.0, 1.0, 100, 100},
                           [](double x, double y) { return std::exp(6.0 * x) + 3.0 * y * y; });
    for (Colormap map : {Colormap::Viridis, Colormap::Cividis, Colormap::BlueWhiteRed}) {
        for (bool logarithmic : {false, true}) {
            ColorScale scale;
            scale.map = map;
            scale.logarithmic = logarithmic;
            scale.low = 0.01;
            scale.high = 300.0;
            Rgba8Image image;
            ASSERT_FALSE(fillImage(grid, scale, &image).has_value());
            for (int row = 0; row < 100; ++row) {
                for (int i = 0; i < 100; ++i) {
                    const Rgb8 c = colormapColor8(map, scalePosition(scale, grid.at(i, 99 - row)));
                    const std::uint8_t* p =
                        &image.pixels[static_cast<std::size_t>(row * 100 + i) * 4];
                    ASSERT_EQ((std::array<int, 3>{p[0], p[1], p[2]}),
                              (std::array<int, 3>{c.r, c.g, c.b}))
                        << "pixel " << i << ", " << row;
                }
            }
        }
    }
}

}  // namespace
}  // namespace losslab
