// Real frames of the Regression workspace on the headless backend, driven like a user would:
// dragging a point swings the l2 line more than the l1 line, clicks add points, right-clicks
// erase them, Ctrl+Z undoes, outliers come and go, Space plays gradient descent, and the Fit
// figure draws what the screen does.
#include <cmath>
#include <filesystem>

#include "io/scene_io.hpp"
#include "panels/keys.hpp"
#include "panels/panels.hpp"
#include "panels/regression_view.hpp"
#include "plot/palette.hpp"
#include "session_fixture.hpp"
#include "state/layout_edit.hpp"
#include "state/regression_edit.hpp"

namespace losslab {
namespace {

class RegressionUi : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        switchWorkspace(state(), Workspace::Regression);
        frames(3);
    }

    RegressionState& rs() { return state().regression; }
    const plot::Transform& view() { return rs().fit.transform; }
    RegressionLine exactLine(RegressionLoss loss) {
        const auto& fit = rs().fits.fits[regressionLossIndex(loss)];
        EXPECT_TRUE(fit.has_value()) << regressionLossKey(loss);
        return fit ? fit->line : RegressionLine{};
    }
    // Where point i is on screen, in whole pixels (ImGui floors the mouse position).
    ImVec2 pixelOf(Eigen::Index i) {
        return {std::floor(view().toPixelX(rs().data.x[i])),
                std::floor(view().toPixelY(rs().data.y[i]))};
    }
    // A pixel of the plot with no point within `clearance` pixels.
    ImVec2 emptySpot(float clearance = 30.0f) {
        const plot::Transform& t = view();
        for (float fy = 0.15f; fy < 0.9f; fy += 0.05f) {
            for (float fx = 0.1f; fx < 0.9f; fx += 0.05f) {
                const ImVec2 p(std::floor(t.left + t.width * fx),
                               std::floor(t.top + t.height * fy));
                bool clear = true;
                for (Eigen::Index i = 0; i < rs().data.size() && clear; ++i) {
                    clear = std::hypot(t.toPixelX(rs().data.x[i]) - p.x,
                                       t.toPixelY(rs().data.y[i]) - p.y) > clearance;
                }
                if (clear) return p;
            }
        }
        ADD_FAILURE() << "no empty spot in the plot";
        return {t.left + 5, t.top + 5};
    }
    void rightClick(float x, float y) {
        moveTo(x, y);
        io().MouseDown[1] = true;
        frames(1);
        io().MouseDown[1] = false;
        frames(2);
    }
    // The thickest line the Fit figure draws (the chosen loss's fit).
    plot::RecordingCanvas fitFigure() {
        plot::RecordingCanvas canvas;
        figureFitPanel(state(), canvas, {{0, 0}, {900, 600}});
        return canvas;
    }
};

double predictionAt(const RegressionLine& line, double x) {
    return line.w * x + line.b;
}

TEST_F(RegressionUi, WorkspaceStartsWithTheDatasetAndEveryExactFit) {
    EXPECT_TRUE(rs().initialized);
    EXPECT_EQ(rs().data.size(), SceneRegression{}.dataset.points);
    for (RegressionLoss loss : kAllRegressionLosses)
        EXPECT_TRUE(rs().fits.fits[regressionLossIndex(loss)].has_value());
    EXPECT_EQ(rs().fits.residuals.size(), rs().data.size());
    EXPECT_EQ(rs().fits.weights.size(), rs().data.size());
    EXPECT_GT(view().width, 200);
    EXPECT_GT(view().height, 200);
    EXPECT_TRUE(rs().run.ready);
    EXPECT_EQ(rs().run.descent.steps, 0);
    // Every point is in view.
    for (Eigen::Index i = 0; i < rs().data.size(); ++i) {
        EXPECT_GE(rs().data.x[i], view().x.min);
        EXPECT_LE(rs().data.y[i], view().y.max);
    }
}

TEST_F(RegressionUi, DraggingAPointSwingsTheL2LineMoreThanTheL1Line) {
    // A point near the middle of the x range (a point at either end has leverage: even the l1
    // line follows it), off the l1 line, with no other point within reach of the mouse.
    const RegressionData& d = rs().data;
    const RegressionLine l1 = exactLine(RegressionLoss::L1);
    const double middle = 0.5 * (d.x.minCoeff() + d.x.maxCoeff());
    Eigen::Index index = -1;
    for (Eigen::Index i = 0; i < d.size(); ++i) {
        if (std::abs(predictionAt(l1, d.x[i]) - d.y[i]) < 1e-6) continue;
        bool alone = true;
        for (Eigen::Index j = 0; j < d.size() && alone; ++j) {
            alone = j == i || std::hypot(view().toPixelX(d.x[j]) - view().toPixelX(d.x[i]),
                                         view().toPixelY(d.y[j]) - view().toPixelY(d.y[i])) > 25;
        }
        if (alone && (index < 0 || std::abs(d.x[i] - middle) < std::abs(d.x[index] - middle)))
            index = i;
    }
    ASSERT_GE(index, 0);
    const double x = d.x[index];
    const RegressionLine l2Before = exactLine(RegressionLoss::L2);
    const RegressionLine l1Before = exactLine(RegressionLoss::L1);
    const double y0 = rs().data.y[index];
    const ImVec2 p = pixelOf(index);
    const double unitsPerPixel = view().unitsPerPixelY();
    drag(p.x, p.y, 0.0f, -200.0f, 8);  // up 200 pixels
    ASSERT_EQ(rs().data.size(), SceneRegression{}.dataset.points) << "moved, not added";
    const double lift = 200.0 * unitsPerPixel;
    EXPECT_NEAR(rs().data.y[index], y0 + lift, 1e-6);
    const double l2Moved =
        std::abs(predictionAt(exactLine(RegressionLoss::L2), x) - predictionAt(l2Before, x));
    const double l1Moved =
        std::abs(predictionAt(exactLine(RegressionLoss::L1), x) - predictionAt(l1Before, x));
    // l2 moves its value at x by about lift/n (a point at the centre of the x range), l1 not
    // at all while the point stays above it.
    const double n = static_cast<double>(rs().data.size());
    EXPECT_GT(l2Moved, 0.5 * lift / n);
    EXPECT_GT(l2Moved, 3.0 * l1Moved) << "l2 moved " << l2Moved << ", l1 " << l1Moved;
    // The whole drag is one undo step, and it brings both lines back.
    key(keys::kZ, /*ctrl=*/true);
    EXPECT_EQ(rs().data.y[index], y0);
    EXPECT_EQ(exactLine(RegressionLoss::L2).w, l2Before.w);
    EXPECT_EQ(exactLine(RegressionLoss::L1).b, l1Before.b);
}

TEST_F(RegressionUi, ClickAddsRightClickErasesAndCtrlZUndoesBoth) {
    const Eigen::Index before = rs().data.size();
    const ImVec2 p = emptySpot();
    const plot::Transform t = view();
    click(p.x, p.y);
    ASSERT_EQ(rs().data.size(), before + 1);
    EXPECT_NEAR(rs().data.x[before], t.toDataX(p.x), 1e-9);
    EXPECT_NEAR(rs().data.y[before], t.toDataY(p.y), 1e-9);
    EXPECT_EQ(rs().fits.residuals.size(), before + 1) << "the fits took the new point";
    rightClick(p.x + 2.0f, p.y - 1.0f);  // a couple of pixels off: still hits it
    EXPECT_EQ(rs().data.size(), before);
    rightClick(p.x, p.y);  // nothing there now: nothing erased
    EXPECT_EQ(rs().data.size(), before);
    key(keys::kZ, true);  // the erase
    EXPECT_EQ(rs().data.size(), before + 1);
    key(keys::kZ, true);  // the click
    EXPECT_EQ(rs().data.size(), before);
    key(keys::kZ, true, /*shift=*/true);
    EXPECT_EQ(rs().data.size(), before + 1);
    // The Logit Lab's undo was not touched by any of it.
    EXPECT_TRUE(state().history.undo.empty());
}

TEST_F(RegressionUi, AddOutlierPullsL2AndRemoveOutliersTakesThemAllAway) {
    const Eigen::Index n = rs().data.size();
    const Eigen::Index generatedOutliers = SceneRegression{}.dataset.outliers;
    EXPECT_EQ(static_cast<Eigen::Index>(regressionOutliers(rs()).size()), generatedOutliers);
    const RegressionLine l2Before = exactLine(RegressionLoss::L2);
    const RegressionLine l1Before = exactLine(RegressionLoss::L1);
    ASSERT_FALSE(addRegressionOutlier(rs()));
    frames(2);
    ASSERT_EQ(rs().data.size(), n + 1);
    const std::vector<Eigen::Index> outliers = regressionOutliers(rs());
    EXPECT_EQ(static_cast<Eigen::Index>(outliers.size()), generatedOutliers + 1);
    EXPECT_EQ(outliers.back(), n) << "the new point is one of them";
    const double x = rs().data.x[n];
    EXPECT_GT(rs().data.y[n], predictionAt(l1Before, x) + 1.9) << "lifted above the l1 line";
    // Its grip: the l2 line rises under it more than the l1 line does.
    const double l2Rise =
        predictionAt(exactLine(RegressionLoss::L2), x) - predictionAt(l2Before, x);
    const double l1Rise =
        predictionAt(exactLine(RegressionLoss::L1), x) - predictionAt(l1Before, x);
    EXPECT_GT(l2Rise, 0.0);
    EXPECT_GT(l2Rise, l1Rise);
    // The same clicks give the same point (seeded).
    const double addedY = rs().data.y[n];
    key(keys::kZ, true);
    ASSERT_EQ(rs().data.size(), n);
    rs().outliersAdded = 0;
    ASSERT_FALSE(addRegressionOutlier(rs()));
    EXPECT_EQ(rs().data.y[n], addedY);

    EXPECT_EQ(removeRegressionOutliers(rs()), static_cast<std::size_t>(generatedOutliers + 1));
    frames(2);
    EXPECT_EQ(rs().data.size(), n - generatedOutliers);
    EXPECT_TRUE(regressionOutliers(rs()).empty());
    // Without outliers l2 and l1 agree closely: the noise alone is Gaussian.
    EXPECT_NEAR(exactLine(RegressionLoss::L2).w, exactLine(RegressionLoss::L1).w, 0.15);
    EXPECT_NEAR(exactLine(RegressionLoss::L2).b, exactLine(RegressionLoss::L1).b, 0.15);
    key(keys::kZ, true);
    EXPECT_EQ(rs().data.size(), n + 1);
}

TEST_F(RegressionUi, SwitchingTheLossChangesTheBoldLine) {
    auto boldColor = [](const plot::RecordingCanvas& canvas) {
        const plot::RecordingCanvas::Item* bold = nullptr;
        for (const auto* item : canvas.itemsOf(plot::RecordingCanvas::Kind::Line)) {
            if (!bold || item->size > bold->size) bold = item;
        }
        return bold ? bold->color : plot::Color{0};
    };
    EXPECT_EQ(boldColor(fitFigure()), regressionLossColor(RegressionLoss::L2));
    RegressionOptions options = rs().options;
    options.loss = RegressionLoss::L1;
    ASSERT_FALSE(setRegressionOptions(rs(), options));
    frames(2);
    EXPECT_EQ(boldColor(fitFigure()), regressionLossColor(RegressionLoss::L1));
    // The points' sizes follow the chosen loss: l1 pulls every point off the line alike.
    const Vec& weights = rs().fits.weights;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        EXPECT_TRUE(weights[i] == 1.0 || weights[i] == 0.0) << weights[i];
    // A bad δ is refused with its message and changes nothing.
    options.loss = RegressionLoss::Huber;
    options.delta = -1;
    EXPECT_TRUE(setRegressionOptions(rs(), options));
    EXPECT_EQ(rs().options.loss, RegressionLoss::L1);
}

TEST_F(RegressionUi, PlayRunsGradientDescentTowardsTheExactL2Fit) {
    const RegressionLine exact = exactLine(RegressionLoss::L2);
    rs().run.stepsPerFrame = 50;
    key(keys::kSpace);
    EXPECT_TRUE(rs().run.playing);
    frames(60);
    key(keys::kSpace);
    EXPECT_FALSE(rs().run.playing);
    const RegressionDescentState& d = rs().run.descent;
    EXPECT_GT(d.steps, 2000);
    EXPECT_NEAR(d.line.w, exact.w, 1e-4);
    EXPECT_NEAR(d.line.b, exact.b, 1e-4);
    EXPECT_GT(rs().run.path.size(), 100u) << "the surface shows the path";
    // S takes one step; Shift+R goes back to w = b = 0.
    const long long steps = d.steps;
    key(keys::kS);
    EXPECT_EQ(rs().run.descent.steps, steps + 1);
    key(keys::kR, false, /*shift=*/true);
    EXPECT_EQ(rs().run.descent.steps, 0);
    EXPECT_EQ(rs().run.descent.line.w, 0.0);
}

TEST_F(RegressionUi, ADivergingRunStopsAndSaysSo) {
    RegressionDescentConfig config = rs().descent;
    config.learningRate = 5.0;
    ASSERT_FALSE(setRegressionDescent(rs(), config));
    rs().run.stepsPerFrame = 200;
    key(keys::kSpace);
    frames(20);
    const RegressionDescentState& d = rs().run.descent;
    ASSERT_TRUE(d.diverged);
    EXPECT_FALSE(rs().run.playing) << "play stops by itself";
    EXPECT_NE(d.message.find("diverged"), std::string::npos) << d.message;
    EXPECT_TRUE(std::isfinite(d.objective.value)) << "the last finite line is kept";
    // Space cannot restart it; a lower learning rate continues from that line.
    key(keys::kSpace);
    EXPECT_FALSE(rs().run.playing);
    config.learningRate = 0.05;
    ASSERT_FALSE(setRegressionDescent(rs(), config));
    EXPECT_FALSE(rs().run.descent.diverged);
}

TEST_F(RegressionUi, TheFitFigureDrawsThePointsTheLinesAndTheLegend) {
    const plot::RecordingCanvas canvas = fitFigure();
    const Eigen::Index n = rs().data.size();
    // A filled circle per point (the legend draws two more).
    EXPECT_GE(
        static_cast<Eigen::Index>(canvas.itemsOf(plot::RecordingCanvas::Kind::FillCircle).size()),
        n);
    // A line in each loss's colour, and a residual segment per point in the chosen colour.
    for (RegressionLoss loss : kAllRegressionLosses) {
        int drawn = 0;
        for (const auto* item : canvas.itemsOf(plot::RecordingCanvas::Kind::Line))
            drawn += item->color == regressionLossColor(loss) ? 1 : 0;
        EXPECT_GE(drawn, 1) << regressionLossKey(loss);
    }
    int residuals = 0;
    for (const auto* item : canvas.itemsOf(plot::RecordingCanvas::Kind::Line))
        residuals += item->color == regressionLossColor(RegressionLoss::L2, 0.55f) ? 1 : 0;
    EXPECT_GE(residuals, n - 1);  // a point exactly on the line has none to see
    const std::vector<std::string> texts = canvas.texts();
    EXPECT_NE(std::find(texts.begin(), texts.end(), "l2 (chosen)"), texts.end());
    EXPECT_NE(std::find(texts.begin(), texts.end(), "point area ∝ its pull |∂L/∂ŷ|"), texts.end());
    // The other two figures draw too.
    plot::RecordingCanvas surface, residualsCanvas;
    figureRegressionSurfacePanel(state(), surface, {{0, 0}, {800, 600}});
    EXPECT_EQ(surface.itemsOf(plot::RecordingCanvas::Kind::Image).size(), 1u);
    figureResidualsPanel(state(), residualsCanvas, {{0, 0}, {800, 600}});
    EXPECT_FALSE(residualsCanvas.itemsOf(plot::RecordingCanvas::Kind::Polyline).empty());
    bool identities = false;
    for (const std::string& text : residualsCanvas.texts())
        identities |= text.rfind("Gaussian NLL = n·log(√(2π)σ)", 0) == 0;
    EXPECT_TRUE(identities);
}

TEST_F(RegressionUi, FewerThanTwoPointsShowTheMessageInsteadOfAFit) {
    beginRegressionEdit(rs());
    while (rs().data.size() > 1)
        eraseRegressionPoint(rs(), 0);
    frames(2);
    EXPECT_FALSE(chosenRegressionFit(rs()));
    const std::string problem = regressionFitProblem(rs());
    EXPECT_NE(problem.find("Fewer than 2 points"), std::string::npos) << problem;
    EXPECT_FALSE(rs().run.ready);
    const plot::RecordingCanvas canvas = fitFigure();
    const std::vector<std::string> texts = canvas.texts();
    EXPECT_NE(std::find(texts.begin(), texts.end(), problem), texts.end());
    EXPECT_TRUE(canvas.itemsOf(plot::RecordingCanvas::Kind::Line).size() <= 20u)
        << "axes only, no fitted lines";
    // Space does nothing without a run; a click adds the second point and the fit is back.
    key(keys::kSpace);
    EXPECT_FALSE(rs().run.playing);
    click(view().left + view().width * 0.3f, view().top + view().height * 0.3f);
    frames(1);
    EXPECT_EQ(rs().data.size(), 2);
    EXPECT_TRUE(chosenRegressionFit(rs()));
    EXPECT_TRUE(rs().run.ready);
}

TEST_F(RegressionUi, ScenesKeepTheRegressionStateAndThePresetTellsTheStory) {
    // Edit the points and settings, save, change everything, open: all back.
    Eigen::Index index = 0;
    rs().data.x.maxCoeff(&index);
    const ImVec2 p = pixelOf(index);
    drag(p.x, p.y, 0.0f, -60.0f);
    RegressionOptions options = rs().options;
    options.loss = RegressionLoss::Huber;
    options.delta = 0.4;
    ASSERT_FALSE(setRegressionOptions(rs(), options));
    RegressionDescentConfig descent = rs().descent;
    descent.momentum = 0.5;
    ASSERT_FALSE(setRegressionDescent(rs(), descent));
    frames(1);
    const RegressionData edited = rs().data;
    const std::string path = ::testing::TempDir() + "/losslab-regression-scene.json";
    ASSERT_FALSE(saveSceneFile(path, sceneFromState(state())));
    ASSERT_FALSE(regenerateRegressionData(rs()));
    ASSERT_FALSE(setRegressionOptions(rs(), RegressionOptions{}));
    switchWorkspace(state(), Workspace::LogitLab);
    frames(1);
    ASSERT_FALSE(openScene(path, state()));
    frames(2);
    EXPECT_EQ(state().view.workspace, Workspace::Regression);
    EXPECT_EQ(rs().data.x, edited.x);
    EXPECT_EQ(rs().data.y, edited.y);
    EXPECT_EQ(rs().options.loss, RegressionLoss::Huber);
    EXPECT_EQ(rs().options.delta, 0.4);
    EXPECT_EQ(rs().descent.momentum, 0.5);
    EXPECT_TRUE(rs().edits.undo.empty()) << "a scene starts a new history";
    std::filesystem::remove(path);

    // The lecture's preset: 40 points on a line and three outliers, which pull l2 away from l1.
    const std::string preset =
        std::string(LOSSLAB_SOURCE_DIR) + "/assets/scenes/10-outliers-l1-vs-l2.json";
    ASSERT_FALSE(openScene(preset, state()));
    frames(2);
    EXPECT_EQ(rs().data.size(), 43);
    EXPECT_EQ(regressionOutliers(rs()).size(), 3u);
    EXPECT_GT(std::abs(exactLine(RegressionLoss::L2).w - exactLine(RegressionLoss::L1).w), 0.2);
    EXPECT_NEAR(exactLine(RegressionLoss::L1).w, kLineDatasetSlope, 0.15);
    EXPECT_NEAR(exactLine(RegressionLoss::L1).b, kLineDatasetIntercept, 0.1);
}

TEST_F(RegressionUi, CtrlDigitsSwitchWorkspaces) {
    key(keys::kDigit0 + 1, /*ctrl=*/true);
    EXPECT_EQ(state().view.workspace, Workspace::LogitLab);
    key(keys::kDigit0 + 4, true);
    EXPECT_EQ(state().view.workspace, Workspace::Regression);
    // Plain digits in this workspace leave the Logit Lab's true class alone.
    const int trueClass = state().model.trueClass;
    key(keys::kDigit0 + 3);
    EXPECT_EQ(state().model.trueClass, trueClass);
}

}  // namespace
}  // namespace losslab
