// Pixels: the default scene rendered headless has the right size, and the probability bar of
// the argmax class is painted in its class colour up to the height the maths says.
#include <cmath>

#include "../app/session_fixture.hpp"
#include "losslab/softmax.hpp"
#include "plot/palette.hpp"
#include "session/render/framebuffer.hpp"

namespace losslab {
namespace {

using Pixels = testing::HeadlessSession;

struct Rgb {
    int r, g, b;
};

Rgb pixelAt(const Image& image, int x, int y) {
    const size_t i = (static_cast<size_t>(y) * image.width + x) * 4;
    return {image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]};
}

bool near(Rgb a, ImU32 color, int tolerance = 3) {
    const int r = static_cast<int>(color & 0xFF), g = static_cast<int>((color >> 8) & 0xFF),
              b = static_cast<int>((color >> 16) & 0xFF);
    return std::abs(a.r - r) <= tolerance && std::abs(a.g - g) <= tolerance &&
           std::abs(a.b - b) <= tolerance;
}

TEST_F(Pixels, ScreenshotHasTheWindowSize) {
    session->renderFrame();
    const Image image = session->capture();
    EXPECT_EQ(image.width, 1600);
    EXPECT_EQ(image.height, 900);
    EXPECT_EQ(image.rgba.size(), 1600u * 900u * 4u);
}

TEST_F(Pixels, ArgmaxProbabilityBarHasItsColourAndHeight) {
    session->renderFrame();
    const Image image = session->capture();
    const plot::Transform t = state().panels.softmax.probsTransform;
    const int car = 1;
    const double p = softmax(state().model.logits)[car];
    const int x = static_cast<int>(std::lround(t.toPixelX(car)));
    const float top = t.toPixelY(p);
    const ImU32 color = classImColor(car);
    // Inside the bar, 2 px below its top, and at its middle: the class colour.
    EXPECT_TRUE(near(pixelAt(image, x, static_cast<int>(top + 2.5f)), color));
    EXPECT_TRUE(near(pixelAt(image, x, static_cast<int>((top + t.toPixelY(0)) * 0.5f)), color));
    // 2 px above the top: not the bar any more (the value label sits higher).
    EXPECT_FALSE(near(pixelAt(image, x - 8, static_cast<int>(top - 2.5f)), color, 30));
    // The cat bar is much lower: at the car bar's top height, cat's column is background.
    const int catX = static_cast<int>(std::lround(t.toPixelX(0)));
    EXPECT_FALSE(near(pixelAt(image, catX, static_cast<int>(top + 4)), classImColor(0), 30));
}

TEST_F(Pixels, ScreenshotPngIsWritten) {
    session->renderFrame();
    const Image image = session->capture();
    const std::string path = ::testing::TempDir() + "/losslab-test.png";
    std::string error;
    ASSERT_TRUE(writePng(image, path, &error)) << error;
    FILE* f = std::fopen(path.c_str(), "rb");
    ASSERT_NE(f, nullptr);
    unsigned char header[8] = {};
    EXPECT_EQ(std::fread(header, 1, 8, f), 8u);
    std::fclose(f);
    EXPECT_EQ(header[1], 'P');
    EXPECT_EQ(header[2], 'N');
    EXPECT_EQ(header[3], 'G');
    EXPECT_FALSE(writePng(image, "/nonexistent-dir/x.png", &error));
    EXPECT_NE(error.find("/nonexistent-dir/x.png"), std::string::npos);
}

}  // namespace
}  // namespace losslab
