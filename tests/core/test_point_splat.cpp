// Points drawn into an image (point_splat.hpp): where a point is, its class colour; around
// it, the outline; far from every point, transparent; test points are hollow.
#include <gtest/gtest.h>

#include <cmath>

#include "losslab/point_splat.hpp"

namespace losslab {
namespace {

const std::uint8_t* at(const Rgba8Image& image, int c, int r) {
    return image.pixels.data() + (static_cast<std::size_t>(r) * image.width + c) * 4;
}

TEST(PointSplat, DiscsOutlinesHollowTestPointsAndTransparency) {
    Dataset d;
    d.classes = 3;
    d.points.resize(2, 2);
    d.points << -0.49, 0.49,  // the centre of pixel (25, 25) of a 100 x 100 view of [-1, 1]²
        0.51, -0.51;          // the centre of pixel (75, 75)
    d.labels.resize(2);
    d.labels << 1, 2;
    SplatStyle style;
    style.radius = 5.0f;
    style.outlineWidth = 2.0f;
    style.outline = {10, 20, 30};
    style.inside = {200, 200, 200};
    Rgba8Image image;
    ASSERT_FALSE(splatPoints(d, {0, 1}, {-1, 1, -1, 1, 100, 100}, style, &image));
    ASSERT_EQ(image.pixels.size(), 100u * 100u * 4u);
    const Rgb8 c1 = classColor(1), c2 = classColor(2);
    auto expectColor = [](const std::uint8_t* p, Rgb8 c) {
        EXPECT_EQ(p[0], c.r);
        EXPECT_EQ(p[1], c.g);
        EXPECT_EQ(p[2], c.b);
        EXPECT_EQ(p[3], 255);
    };
    // The training point: its class colour inside, the outline 6 px out, partly covered
    // (anti-aliased) at the outer edge, nothing beyond.
    expectColor(at(image, 25, 25), c1);
    expectColor(at(image, 29, 25), c1);
    expectColor(at(image, 31, 25), style.outline);
    EXPECT_GT(at(image, 32, 25)[3], 0);
    EXPECT_LT(at(image, 32, 25)[3], 255);
    EXPECT_EQ(at(image, 34, 25)[3], 0);
    // The test point is hollow: the inside colour in the middle, its class colour on the ring.
    expectColor(at(image, 75, 75), style.inside);
    expectColor(at(image, 79, 75), c2);
    // Far away: transparent.
    EXPECT_EQ(at(image, 50, 50)[3], 0);
    EXPECT_EQ(at(image, 0, 99)[3], 0);
}

TEST(PointSplat, LaterPointsDrawOnTopAndOutsidePointsAreSkipped) {
    Dataset d;
    d.classes = 2;
    d.points.resize(3, 2);
    d.points << 0.0, 0.0, 0.0, 0.0, 50.0, 50.0;
    d.labels.resize(3);
    d.labels << 0, 1, 0;
    SplatStyle style;
    Rgba8Image image;
    ASSERT_FALSE(splatPoints(d, {}, {-1, 1, -1, 1, 40, 40}, style, &image));
    const std::uint8_t* p = at(image, 20, 20);
    EXPECT_EQ(p[0], classColor(1).r);
    EXPECT_EQ(p[2], classColor(1).b);
}

TEST(PointSplat, BadInputIsAnError) {
    Dataset d;
    d.classes = 2;
    d.points.resize(1, 2);
    d.points << 0, 0;
    d.labels.resize(1);
    d.labels << 0;
    Rgba8Image image;
    image.width = 3;
    EXPECT_TRUE(splatPoints(d, {0, 0}, {-1, 1, -1, 1, 4, 4}, SplatStyle{}, &image));
    EXPECT_TRUE(splatPoints(d, {}, {1, -1, -1, 1, 4, 4}, SplatStyle{}, &image));
    EXPECT_TRUE(splatPoints(d, {}, {-1, 1, -1, 1, 0, 4}, SplatStyle{}, &image));
    SplatStyle zero;
    zero.radius = 0;
    EXPECT_TRUE(splatPoints(d, {}, {-1, 1, -1, 1, 4, 4}, zero, &image));
    EXPECT_EQ(image.width, 3);
    // Sizes: one per point, each in [0, 1].
    EXPECT_TRUE(splatPoints(d, {}, {-1, 1, -1, 1, 4, 4}, SplatStyle{}, &image, {1.0f, 1.0f}));
    EXPECT_TRUE(splatPoints(d, {}, {-1, 1, -1, 1, 4, 4}, SplatStyle{}, &image, {1.5f}));
    EXPECT_TRUE(splatPoints(d, {}, {-1, 1, -1, 1, 4, 4}, SplatStyle{}, &image, {-0.1f}));
    EXPECT_TRUE(splatPoints(d, {}, {-1, 1, -1, 1, 4, 4}, SplatStyle{}, &image, {std::nanf("")}));
    EXPECT_EQ(image.width, 3);
}

// The gradient-share view's sizes: a point of size 0 leaves no ink anywhere, one of size 1 is
// the full disc (radius 6 and outline 2, as without sizes), one of size ½ a disc of radius 3
// with an outline of 1.
TEST(PointSplat, SizesScaleEachPointAndZeroLeavesNoInk) {
    Dataset d;
    d.classes = 3;
    d.points.resize(3, 2);
    d.points << -0.49, 0.49,  // pixel (25, 25) of a 100 x 100 view of [-1, 1]²
        0.51, -0.51,          // pixel (75, 75)
        0.51, 0.49;           // pixel (75, 25)
    d.labels.resize(3);
    d.labels << 0, 1, 2;
    SplatStyle style;
    style.radius = 6.0f;
    style.outlineWidth = 2.0f;
    style.outline = {10, 20, 30};
    const DecisionView view{-1, 1, -1, 1, 100, 100};
    Rgba8Image sized, plain;
    ASSERT_FALSE(splatPoints(d, {}, view, style, &sized, {1.0f, 0.0f, 0.5f}));
    ASSERT_FALSE(splatPoints(d, {}, view, style, &plain));
    // The zero-size point: no pixel of the image is touched near it (or anywhere off the others).
    for (int r = 60; r < 90; ++r)
        for (int c = 60; c < 90; ++c)
            ASSERT_EQ(at(sized, c, r)[3], 0) << c << ", " << r;
    // The full-size point is drawn exactly as without sizes, pixel for pixel.
    for (int r = 10; r < 40; ++r)
        for (int c = 10; c < 40; ++c)
            for (int channel = 0; channel < 4; ++channel)
                ASSERT_EQ(at(sized, c, r)[channel], at(plain, c, r)[channel]) << c << ", " << r;
    // Class colour 5 pixels out, outline at 7, nothing at 9 (distances from the pixel centre).
    EXPECT_EQ(at(sized, 30, 25)[0], classColor(0).r);
    EXPECT_EQ(at(sized, 32, 25)[0], style.outline.r);
    EXPECT_EQ(at(sized, 32, 25)[3], 255);
    EXPECT_EQ(at(sized, 34, 25)[3], 0);
    // The half-size point: radius 3 and outline 1, so its colour at 2, the outline at 3.5 and
    // nothing from 5 pixels out, where the full disc would still be its colour.
    const Rgb8 c2 = classColor(2);
    EXPECT_EQ(at(sized, 77, 25)[0], c2.r);
    EXPECT_EQ(at(sized, 77, 25)[3], 255);
    EXPECT_GT(at(sized, 79, 25)[3], 0);
    EXPECT_EQ(at(sized, 80, 25)[3], 0);
    EXPECT_EQ(at(plain, 80, 25)[0], c2.r);
}

}  // namespace
}  // namespace losslab
