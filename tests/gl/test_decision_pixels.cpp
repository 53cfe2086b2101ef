// Pixels of the Classifier panel: after training on separable blobs, the decision region under
// each blob's centre is painted in that class's colour, mixed into the background exactly as
// the shading rule of decision.hpp says.
#include <cmath>

#include "../app/session_fixture.hpp"
#include "losslab/softmax.hpp"
#include "session/render/framebuffer.hpp"
#include "state/training_edit.hpp"

namespace losslab {
namespace {

class DecisionPixels : public testing::HeadlessSession {
  protected:
    // Trains on three well separated blobs and hides everything drawn over the regions (the
    // points themselves, the weight arrows, which point at them, and the boundaries, which
    // meet at the origin where the shading is sampled too).
    void trainOnBlobs() {
        state().view.workspace = Workspace::Training;
        frames(2);
        TrainingState& ts = state().training;
        ts.generator = GeneratorOptions{};
        ts.generator.kind = DatasetKind::Blobs;
        ts.generator.classes = 3;
        ts.generator.points = 150;
        ts.generator.noise = 0.08;
        ASSERT_FALSE(regenerateDataset(ts));
        ts.stepsPerFrame = 20;
        ts.playing = true;
        frames(25);
        ts.playing = false;
        ASSERT_GT(totalSteps(ts), 100);
        ts.classifier.showPoints = false;
        ts.classifier.showWeights = false;
        ts.classifier.showBoundaries = false;
    }

    // The blob centres of the generator (dataset.hpp): radius 0.6, angle 2πk/K.
    static Eigen::Vector2d blobCentre(int k, int classes) {
        const double angle = 2.0 * 3.14159265358979323846 * k / classes;
        return {0.6 * std::cos(angle), 0.6 * std::sin(angle)};
    }

    // The captured pixel at data point c, and the class and confidence the model gives there.
    struct Sample {
        Rgb8 pixel;
        int cls;
        double confidence;
    };
    Sample sampleAt(const Image& image, const Eigen::Vector2d& c) {
        const TrainingState& ts = state().training;
        const plot::Transform& t = ts.classifier.transform;
        const int x = static_cast<int>(std::floor(t.toPixelX(c.x())));
        const int y = static_cast<int>(std::floor(t.toPixelY(c.y())));
        const std::size_t i = (static_cast<std::size_t>(y) * image.width + x) * 4;
        RowMatrix point(1, 2);
        point << c.x(), c.y();
        const LinearClassifier& model = ts.trainer.model();
        const Vec s = model.scores(computeFeatures(ts.config.features, point)).row(0).transpose();
        Eigen::Index best = 0;
        s.maxCoeff(&best);
        const double p = softmax(s, displayTemperature(ts)).maxCoeff();
        return {{image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]}, static_cast<int>(best), p};
    }
};

bool near(const Rgb8& a, const Rgb8& b, int tolerance) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
           std::abs(a.b - b.b) <= tolerance;
}

TEST_F(DecisionPixels, HardRegionUnderEachBlobCentreHasItsClassColour) {
    trainOnBlobs();
    state().training.classifier.hardRegions = true;
    frames(2);
    session->renderFrame();
    const Image image = session->capture();
    const RegionStyle& style = state().training.classifier.regionStyle;
    ASSERT_EQ(style.shading, RegionShading::Hard);
    for (int k = 0; k < 3; ++k) {
        const Sample s = sampleAt(image, blobCentre(k, 3));
        EXPECT_EQ(s.cls, k) << "the trained model separates the blobs";
        const Rgb8 expected = regionColor(style, k, 1.0, 3);
        EXPECT_TRUE(near(s.pixel, expected, 2))
            << "class " << k << ": got " << int(s.pixel.r) << "," << int(s.pixel.g) << ","
            << int(s.pixel.b) << " expected " << int(expected.r) << "," << int(expected.g) << ","
            << int(expected.b);
        // And not another class's colour.
        for (int other = 0; other < 3; ++other) {
            if (other == k) continue;
            EXPECT_FALSE(near(s.pixel, regionColor(style, other, 1.0, 3), 12));
        }
    }
}

TEST_F(DecisionPixels, ConfidenceShadingFollowsTheModelsMaxProbability) {
    trainOnBlobs();
    frames(2);
    session->renderFrame();
    const Image image = session->capture();
    const RegionStyle& style = state().training.classifier.regionStyle;
    ASSERT_EQ(style.shading, RegionShading::Confidence);
    for (int k = 0; k < 3; ++k) {
        const Sample s = sampleAt(image, blobCentre(k, 3));
        ASSERT_EQ(s.cls, k);
        EXPECT_GT(s.confidence, 0.5);
        const Rgb8 expected = regionColor(style, k, s.confidence, 3);
        EXPECT_TRUE(near(s.pixel, expected, 3))
            << "class " << k << " at confidence " << s.confidence;
    }
    // Towards the origin, where all three regions meet, the shading fades to the background.
    const Sample middle = sampleAt(image, {0.02, 0.01});
    const Rgb8 background = style.background;
    const int faded = std::abs(middle.pixel.r - background.r) +
                      std::abs(middle.pixel.g - background.g) +
                      std::abs(middle.pixel.b - background.b);
    const Sample centre = sampleAt(image, blobCentre(0, 3));
    const int strong = std::abs(centre.pixel.r - background.r) +
                       std::abs(centre.pixel.g - background.g) +
                       std::abs(centre.pixel.b - background.b);
    EXPECT_LT(faded, strong);
}

}  // namespace
}  // namespace losslab
