// Pixels of the geometry views: the minimum of a loss surface is painted with the
// colormap's low end; the 3D view is not blank and changes when it is rotated.
#include <algorithm>
#include <cmath>
#include <set>

#include "../app/session_fixture.hpp"
#include "losslab/colormap.hpp"
#include "session/render/framebuffer.hpp"

namespace losslab {
namespace {

class GeometryPixels : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().view.workspace = Workspace::Geometry;
        frames(3);
    }
    Image frame() {
        session->renderFrame();
        Image image = session->capture();
        session->present();
        return image;
    }
};

int distance(const Image& image, int x, int y, Rgb8 c) {
    const size_t i = (static_cast<size_t>(y) * image.width + x) * 4;
    return std::abs(image.rgba[i] - c.r) + std::abs(image.rgba[i + 1] - c.g) +
           std::abs(image.rgba[i + 2] - c.b);
}

TEST_F(GeometryPixels, SurfaceMinimumIsTheColormapsLowEnd) {
    const SurfacePanelState& ui = state().panels.surface;
    const Grid& grid = ui.heatmap.grid;
    ASSERT_FALSE(grid.empty());
    // The node with the smallest loss in the window.
    int bestI = 0, bestJ = 0;
    for (int j = 0; j < grid.spec.ny; ++j) {
        for (int i = 0; i < grid.spec.nx; ++i) {
            if (grid.at(i, j) < grid.at(bestI, bestJ)) bestI = i, bestJ = j;
        }
    }
    const Image image = frame();
    const plot::Transform& t = ui.transform;
    // Step 3 cells inward so that neither the plot frame nor a contour line sits on it.
    const int i = std::clamp(bestI, 3, grid.spec.nx - 4),
              j = std::clamp(bestJ, 3, grid.spec.ny - 4);
    const int px = static_cast<int>(std::lround(t.toPixelX(grid.spec.x(i))));
    const int py = static_cast<int>(std::lround(t.toPixelY(grid.spec.y(j))));
    const double position = scalePosition(ui.heatmap.scale, grid.at(i, j));
    EXPECT_LT(position, 0.1);  // it is near the low end of the scale …
    const Rgb8 low = colormapColor8(ui.heatmap.scale.map, position);
    EXPECT_LT(distance(image, px, py, low), 30);  // … and painted that colour
    const Rgb8 high = colormapColor8(ui.heatmap.scale.map, 1.0);
    EXPECT_GT(distance(image, px, py, high), 150);
}

TEST_F(GeometryPixels, ThreeDViewIsNotBlankAndRotates) {
    const Image before = frame();
    const Surface3DPanelState& ui = state().panels.surface3d;
    ASSERT_GT(ui.imageSize.x, 50);
    const int x0 = static_cast<int>(ui.imageMin.x), y0 = static_cast<int>(ui.imageMin.y);
    const int w = static_cast<int>(ui.imageSize.x), h = static_cast<int>(ui.imageSize.y);
    auto region = [&](const Image& image) {
        std::vector<std::uint8_t> out;
        for (int y = y0; y < y0 + h; ++y) {
            const size_t row = (static_cast<size_t>(y) * image.width + x0) * 4;
            out.insert(out.end(), image.rgba.begin() + row, image.rgba.begin() + row + w * 4);
        }
        return out;
    };
    const std::vector<std::uint8_t> a = region(before);
    std::set<std::uint32_t> colours;
    for (size_t i = 0; i < a.size(); i += 4)
        colours.insert(a[i] | a[i + 1] << 8 | a[i + 2] << 16);
    EXPECT_GT(colours.size(), 50u) << "a lit, colour-mapped surface has many colours";
    // Orbit by dragging across the view.
    drag(ui.imageMin.x + w * 0.5f, ui.imageMin.y + h * 0.5f, 120, 0, 6);
    EXPECT_NE(state().panels.surface3d.camera.yawDegrees, OrbitCamera{}.yawDegrees);
    const std::vector<std::uint8_t> b = region(frame());
    size_t changed = 0;
    for (size_t i = 0; i < a.size(); i += 4)
        changed += a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2];
    EXPECT_GT(changed, a.size() / 4 / 20) << "at least 5 % of the view changes when rotated";
}

}  // namespace
}  // namespace losslab
