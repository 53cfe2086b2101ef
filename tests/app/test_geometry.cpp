// The Geometry workspace driven like a user: dragging the simplex marker moves the logits
// as the maths says; scrolling on the loss surface changes its range.
#include <cmath>

#include "losslab/simplex.hpp"
#include "losslab/softmax.hpp"
#include "panels/panels.hpp"
#include "session_fixture.hpp"

namespace losslab {
namespace {

class Geometry : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().view.workspace = Workspace::Geometry;
        frames(3);
    }
};

TEST_F(Geometry, DraggingThePMarkerMovesTheLogitsAndP) {
    const SimplexPanelState& ui = state().panels.simplex;
    const plot::Transform t = ui.transform;
    ASSERT_GT(t.width, 50);
    const double meanBefore = state().model.logits.mean();
    const Eigen::Vector2d from = simplexToPlane(ui.point);
    // Drag the marker to the centre of the triangle: p = (1/3, 1/3, 1/3).
    const Eigen::Vector2d to = simplexToPlane({1.0 / 3, 1.0 / 3, 1.0 / 3});
    drag(t.toPixelX(from.x()), t.toPixelY(from.y()), t.toPixelX(to.x()) - t.toPixelX(from.x()),
         t.toPixelY(to.y()) - t.toPixelY(from.y()), 8);
    const Vec p = softmax(state().model.logits, state().model.options.temperature);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(p[i], 1.0 / 3, 0.02) << i;                   // within a pixel or two
    EXPECT_NEAR(state().model.logits.mean(), meanBefore, 1e-9);  // the mean logit is kept
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(state().derived.probs[i], p[i], 1e-12);
}

TEST_F(Geometry, ScrollingOnTheSurfaceChangesItsRange) {
    const plot::Transform t = state().panels.surface.transform;
    ASSERT_GT(t.width, 50);
    const double before = state().panels.surface.halfWidth;
    moveTo(t.left + t.width * 0.5f, t.top + t.height * 0.5f);
    io().MouseWheel = 2.0f;  // two notches away from the user: zoom in
    frames(1);
    io().MouseWheel = 0.0f;
    frames(2);
    const double after = state().panels.surface.halfWidth;
    EXPECT_NEAR(after, before * std::exp(-0.3), 1e-9);
    const GridSpec& spec = state().panels.surface.heatmap.grid.spec;
    EXPECT_NEAR(spec.xMax - spec.xMin, 2 * after, 1e-9);  // the grid was recomputed
}

TEST_F(Geometry, DescendLowersTheLossAlongThePath) {
    SurfacePanelState& ui = state().panels.surface;
    ui.stepSize = 0.5;
    const double before = state().derived.losses[0].value;
    ASSERT_TRUE(startSurfaceDescent(state()));  // what the Descend button calls
    frames(1);
    ASSERT_TRUE(ui.descending);
    const int rows = static_cast<int>(ui.descent.logits.rows());
    frames(rows + 5);
    EXPECT_FALSE(ui.descending);
    EXPECT_EQ(ui.descentShown, rows);
    // Every shown step lowered the loss along the path, and the logits are its last row.
    for (int r = 1; r < rows; ++r)
        EXPECT_LE(ui.descent.losses[r], ui.descent.losses[r - 1] + 1e-12) << r;
    EXPECT_EQ(state().model.logits, ui.descent.logits.row(rows - 1).transpose());
    EXPECT_LT(state().derived.losses[0].value, before * 0.5);
}

}  // namespace
}  // namespace losslab
