// Decision regions (decision.hpp): every pixel of the raster has the class its scores say and
// the colour the shading rule gives; the margin grids are s_k − max_{j≠k} s_j; bad input is an
// error that writes nothing.
#include <gtest/gtest.h>

#include <cmath>

#include "losslab/contour.hpp"
#include "losslab/decision.hpp"
#include "losslab/softmax.hpp"

namespace losslab {
namespace {

LinearClassifier threeClassLinear() {
    LinearClassifier model = LinearClassifier::zeros(3, 2);
    model.weights << 2.0, 0.5, -1.0, 1.5, -0.5, -2.0;
    model.bias << 0.1, -0.2, 0.3;
    return model;
}

struct PixelTruth {
    int cls;
    double confidence;
};

// The class and confidence of a pixel computed the slow way: computeFeatures, the model's
// scores, predict and softmax.
PixelTruth truthAt(const LinearClassifier& model, FeatureMap map, const DecisionView& view,
                   int column, int row, double temperature) {
    const double x = view.xMin + (column + 0.5) * (view.xMax - view.xMin) / view.width;
    const double y = view.yMax - (row + 0.5) * (view.yMax - view.yMin) / view.height;
    RowMatrix point(1, 2);
    point << x, y;
    const RowMatrix scores = model.scores(computeFeatures(map, point));
    const int cls = predict(scores)[0];
    const Vec p = softmax(scores.row(0).transpose(), temperature);
    return {cls, p.maxCoeff()};
}

Rgb8 pixel(const Rgba8Image& image, int column, int row) {
    const std::size_t i = (static_cast<std::size_t>(row) * image.width + column) * 4;
    return {image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]};
}

TEST(DecisionRegions, EveryPixelHasTheColourOfItsArgmaxClassAndConfidence) {
    const LinearClassifier model = threeClassLinear();
    DecisionView view{-1.5, 1.0, -0.8, 1.2, 61, 37};
    RegionStyle style;
    style.background = {20, 30, 40};
    style.temperature = 0.7;
    Rgba8Image image;
    ASSERT_FALSE(
        computeDecisionImage(model, FeatureMap::Linear, kDefaultRbfWidth, view, style, &image));
    ASSERT_EQ(image.width, 61);
    ASSERT_EQ(image.height, 37);
    ASSERT_EQ(image.pixels.size(), 61u * 37u * 4u);
    int seen[3] = {0, 0, 0};
    for (int r = 0; r < view.height; ++r) {
        for (int c = 0; c < view.width; ++c) {
            const PixelTruth truth = truthAt(model, FeatureMap::Linear, view, c, r, 0.7);
            ++seen[truth.cls];
            const Rgb8 expected = regionColor(style, truth.cls, truth.confidence, 3);
            ASSERT_EQ(pixel(image, c, r), expected) << "pixel " << c << ", " << r;
            ASSERT_EQ(image.pixels[(static_cast<std::size_t>(r) * 61 + c) * 4 + 3], 255);
        }
    }
    // The view crosses all three regions, so the test saw each class.
    EXPECT_GT(seen[0], 0);
    EXPECT_GT(seen[1], 0);
    EXPECT_GT(seen[2], 0);
}

TEST(DecisionRegions, RowZeroIsTheTopOfTheView) {
    // Class 0 above the x axis, class 1 below: s0 − s1 = y.
    LinearClassifier model = LinearClassifier::zeros(2, 2);
    model.weights << 0.0, 0.5, 0.0, -0.5;
    RegionStyle style;
    style.shading = RegionShading::Hard;
    Rgba8Image image;
    ASSERT_FALSE(
        computeDecisionImage(model, FeatureMap::Linear, 0.5, {-1, 1, -1, 1, 8, 8}, style, &image));
    const Rgb8 top = regionColor(style, 0, 1.0, 2);
    const Rgb8 bottom = regionColor(style, 1, 1.0, 2);
    ASSERT_NE(top, bottom);
    for (int c = 0; c < 8; ++c) {
        EXPECT_EQ(pixel(image, c, 0), top);
        EXPECT_EQ(pixel(image, c, 3), top);
        EXPECT_EQ(pixel(image, c, 4), bottom);
        EXPECT_EQ(pixel(image, c, 7), bottom);
    }
}

TEST(DecisionRegions, PolynomialAndRbfFeaturesAgreeWithComputeFeatures) {
    for (FeatureMap map : {FeatureMap::Poly2, FeatureMap::Poly3, FeatureMap::Rbf}) {
        const int d = featureDimension(map);
        LinearClassifier model = LinearClassifier::zeros(5, d);
        for (int k = 0; k < 5; ++k) {
            for (int j = 0; j < d; ++j) {
                model.weights(k, j) = std::sin(1.7 * k + 0.9 * j + 0.3) * 2.0;
            }
            model.bias[k] = 0.1 * k;
        }
        const DecisionView view{-1.3, 1.3, -1.1, 1.1, 130, 41};  // blocks split inside rows
        RegionStyle style;
        style.background = {250, 250, 250};
        Rgba8Image image;
        DecisionWorkspace workspace;
        ASSERT_FALSE(
            computeDecisionImage(model, map, kDefaultRbfWidth, view, style, &image, &workspace));
        for (int r = 0; r < view.height; r += 3) {
            for (int c = 0; c < view.width; c += 2) {
                const PixelTruth truth = truthAt(model, map, view, c, r, 1.0);
                const Rgb8 expected = regionColor(style, truth.cls, truth.confidence, 5);
                const Rgb8 got = pixel(image, c, r);
                // rbf factors exp(a)·exp(b) instead of exp(a + b): a rounding apart.
                EXPECT_NEAR(got.r, expected.r, 1) << featureKey(map) << " " << c << "," << r;
                EXPECT_NEAR(got.g, expected.g, 1);
                EXPECT_NEAR(got.b, expected.b, 1);
            }
        }
    }
}

TEST(DecisionRegions, ShadingRule) {
    RegionStyle style;
    style.weakMix = 0.1;
    style.strongMix = 0.7;
    EXPECT_DOUBLE_EQ(regionMix(style, 0.25, 4), 0.1);  // uniform over 4 classes
    EXPECT_DOUBLE_EQ(regionMix(style, 1.0, 4), 0.7);
    EXPECT_NEAR(regionMix(style, 0.625, 4), 0.4, 1e-15);  // halfway
    style.shading = RegionShading::Hard;
    EXPECT_DOUBLE_EQ(regionMix(style, 0.25, 4), 0.7);
    style.background = {0, 0, 0};
    const Rgb8 c = classColor(1);
    const Rgb8 mixed = regionColor(style, 1, 0.3, 4);
    EXPECT_EQ(mixed.r, static_cast<int>(std::round(c.r * 0.7)));
    EXPECT_EQ(mixed.g, static_cast<int>(std::round(c.g * 0.7)));
    EXPECT_EQ(mixed.b, static_cast<int>(std::round(c.b * 0.7)));
}

TEST(DecisionRegions, OverflowingScoresGiveTheBackground) {
    LinearClassifier model = LinearClassifier::zeros(2, 9);
    model.weights(0, 5) = 1.0;  // s0 = x³
    RegionStyle style;
    style.background = {1, 2, 3};
    Rgba8Image image;
    ASSERT_FALSE(computeDecisionImage(model, FeatureMap::Poly3, 0.5, {1e200, 2e200, -1, 1, 4, 4},
                                      style, &image));
    EXPECT_EQ(pixel(image, 1, 1), (Rgb8{1, 2, 3}));
}

TEST(DecisionRegions, BadInputIsAnErrorAndWritesNothing) {
    const LinearClassifier model = threeClassLinear();
    RegionStyle style;
    Rgba8Image image;
    image.width = 7;
    auto error =
        computeDecisionImage(model, FeatureMap::Poly2, 0.5, {-1, 1, -1, 1, 4, 4}, style, &image);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("poly2"), std::string::npos);
    EXPECT_EQ(image.width, 7);
    EXPECT_TRUE(
        computeDecisionImage(model, FeatureMap::Linear, 0.5, {1, -1, -1, 1, 4, 4}, style, &image));
    EXPECT_TRUE(
        computeDecisionImage(model, FeatureMap::Linear, 0.5, {-1, 1, -1, 1, 0, 4}, style, &image));
    style.temperature = 0;
    EXPECT_TRUE(
        computeDecisionImage(model, FeatureMap::Linear, 0.5, {-1, 1, -1, 1, 4, 4}, style, &image));
    LinearClassifier broken = model;
    broken.weights(0, 0) = std::nan("");
    EXPECT_TRUE(computeDecisionImage(broken, FeatureMap::Linear, 0.5, {-1, 1, -1, 1, 4, 4},
                                     RegionStyle{}, &image));
    EXPECT_EQ(image.width, 7);
}

TEST(ClassMargins, AreEachClassScoreMinusTheBestRival) {
    const LinearClassifier model = threeClassLinear();
    const GridSpec spec{-1.0, 1.0, -0.5, 1.5, 23, 17};
    std::vector<Grid> margins;
    ASSERT_FALSE(computeClassMargins(model, FeatureMap::Linear, 0.5, spec, &margins));
    ASSERT_EQ(margins.size(), 3u);
    for (int j = 0; j < spec.ny; ++j) {
        for (int i = 0; i < spec.nx; ++i) {
            const Eigen::Vector2d x(spec.x(i), spec.y(j));
            const Vec s = model.weights * x + model.bias;
            for (int k = 0; k < 3; ++k) {
                double rival = -1e300;
                for (int o = 0; o < 3; ++o) {
                    if (o != k) rival = std::max(rival, s[o]);
                }
                ASSERT_NEAR(margins[static_cast<std::size_t>(k)].at(i, j), s[k] - rival, 1e-12);
            }
        }
    }
    // Exactly one class has a positive margin at a node off the boundaries.
    int positive = 0;
    for (const Grid& g : margins)
        positive += g.at(3, 4) > 0 ? 1 : 0;
    EXPECT_EQ(positive, 1);
}

// rbf rasters take a factored path (column part once per raster, row part per row); the
// margins must still be the scores of computeFeatures, across several blocks of rows.
TEST(ClassMargins, RbfMarginsMatchComputeFeatures) {
    const int d = featureDimension(FeatureMap::Rbf);
    LinearClassifier model = LinearClassifier::zeros(4, d);
    for (int k = 0; k < 4; ++k) {
        for (int j = 0; j < d; ++j)
            model.weights(k, j) = std::cos(0.7 * k - 1.3 * j) * 3.0;
        model.bias[k] = -0.2 * k;
    }
    const GridSpec spec{-1.7, 1.4, -1.2, 1.6, 150, 37};  // 13 rows a block: 3 blocks
    std::vector<Grid> margins;
    ASSERT_FALSE(computeClassMargins(model, FeatureMap::Rbf, 0.6, spec, &margins));
    RowMatrix points(spec.nx * spec.ny, 2);
    for (int j = 0; j < spec.ny; ++j) {
        for (int i = 0; i < spec.nx; ++i) {
            points(j * spec.nx + i, 0) = spec.x(i);
            points(j * spec.nx + i, 1) = spec.y(j);
        }
    }
    const RowMatrix scores = model.scores(computeFeatures(FeatureMap::Rbf, points, 0.6));
    for (int j = 0; j < spec.ny; ++j) {
        for (int i = 0; i < spec.nx; ++i) {
            const auto s = scores.row(j * spec.nx + i);
            for (int k = 0; k < 4; ++k) {
                double rival = -1e300;
                for (int o = 0; o < 4; ++o) {
                    if (o != k) rival = std::max(rival, s[o]);
                }
                ASSERT_NEAR(margins[static_cast<std::size_t>(k)].at(i, j), s[k] - rival, 1e-12)
                    << i << "," << j;
            }
        }
    }
}

TEST(ClassMargins, ZeroContourIsTheBoundaryAndDeltaContourTheMarginLine) {
    // Two classes: s0 − s1 = 2x − y + 0.2, so region 0's margin is exactly that.
    LinearClassifier model = LinearClassifier::zeros(2, 2);
    model.weights << 1.0, -0.5, -1.0, 0.5;
    model.bias << 0.1, -0.1;
    std::vector<Grid> margins;
    ASSERT_FALSE(computeClassMargins(model, FeatureMap::Linear, 0.5, {-1.0, 1.0, -1.0, 1.0, 41, 41},
                                     &margins));
    for (double level : {0.0, 1.0}) {
        const ContourLevel line = traceContour(margins[0], level);
        ASSERT_FALSE(line.lines.empty());
        for (const Polyline& poly : line.lines) {
            for (const Eigen::Vector2d& p : poly.points) {
                EXPECT_NEAR(2 * p.x() - p.y() + 0.2, level, 1e-9);
            }
        }
    }
}

TEST(PointScores, PredictionsAndMargins) {
    const LinearClassifier model = threeClassLinear();
    Dataset data;
    data.classes = 3;
    data.points.resize(3, 2);
    data.points << 0.5, 0.1, -0.6, 0.7, 0.0, -0.9;
    data.labels.resize(3);
    data.labels << 0, 0, 2;
    PointScores out;
    ASSERT_FALSE(scorePoints(model, FeatureMap::Linear, 0.5, data, &out));
    for (int i = 0; i < 3; ++i) {
        const Vec s = model.weights * data.points.row(i).transpose() + model.bias;
        Eigen::Index best = 0;
        s.maxCoeff(&best);
        EXPECT_EQ(out.predicted[i], best);
        const int y = data.labels[i];
        double rival = -1e300;
        for (int o = 0; o < 3; ++o) {
            if (o != y) rival = std::max(rival, s[o]);
        }
        EXPECT_NEAR(out.margins[i], s[y] - rival, 1e-12);
        EXPECT_EQ(out.margins[i] > 0, out.predicted[i] == y);
    }
    data.labels[1] = 3;
    EXPECT_TRUE(scorePoints(model, FeatureMap::Linear, 0.5, data, &out));
}

}  // namespace
}  // namespace losslab
