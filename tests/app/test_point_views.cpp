// What the training points do, as the app shows it (issue 14): the Classifier's gradient-share
// view draws each training point with area ∝ ‖∂Lₙ/∂sₙ‖ (points past the hinge margin vanish,
// cross-entropy lets none go), and the Confusion panel counts where the points land. The
// drawn sizes are measured in the splatted image; the counts against a recount of predictions.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/scene_io.hpp"
#include "losslab/features.hpp"
#include "losslab/point_diagnostics.hpp"
#include "panels/panels.hpp"
#include "plot/canvas.hpp"
#include "plot/palette.hpp"
#include "session_fixture.hpp"
#include "state/layout_edit.hpp"
#include "state/training_edit.hpp"

namespace losslab {
namespace {

using plot::RecordingCanvas;

class PointViews : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        // Lecture 004's toy: nine points, three per class, trained with the hinge loss.
        openTrainingPreset("09-cs231n-toy.json");
        ASSERT_EQ(state().training.config.loss, Loss::HingeWW);
        ASSERT_GT(state().training.test.size(), 0) << "the toy's split holds out test points";
    }
    TrainingState& training() { return state().training; }
    PointSharesState& shares() { return state().panels.pointShares; }

    void useLoss(Loss loss) {
        TrainerConfig config = training().config;
        config.loss = loss;
        ASSERT_FALSE(applyTrainerConfig(training(), config));
    }
    bool isTest(Eigen::Index i) { return training().isTest[static_cast<std::size_t>(i)] != 0; }

    // The Classifier's figure at 640 x 480 on a recording canvas, its derived data with it.
    RecordingCanvas figure() {
        RecordingCanvas canvas;
        figureClassifierPanel(state(), canvas, {{0, 0}, {640, 480}});
        return canvas;
    }
    // How far point i's ink reaches to the right of its centre in the splatted image, in pixels
    // (0: no ink at its centre). A disc of outer radius r inks the pixels whose centres lie
    // within r + ½ (anti-aliasing), so its reach is r + ½ give or take half a pixel.
    double inkReach(Eigen::Index i) {
        const ClassifierPanelState& ui = training().classifier;
        const Rgba8Image& image = ui.splatImage;
        const DecisionView& v = ui.splatView;
        const double px = (training().data.points(i, 0) - v.xMin) * v.width / (v.xMax - v.xMin);
        const double py = (v.yMax - training().data.points(i, 1)) * v.height / (v.yMax - v.yMin);
        const int row = static_cast<int>(std::floor(py));
        auto alpha = [&](int c) {
            return image.pixels[(static_cast<std::size_t>(row) * image.width + c) * 4 + 3];
        };
        int c = static_cast<int>(std::floor(px));
        if (alpha(c) == 0) return 0.0;
        while (c + 1 < image.width && alpha(c + 1) > 0)
            ++c;
        return c + 1 - px;  // the far edge of the last inked pixel
    }
    // Core's shares over the training points with the weights in use.
    Vec coreShares() {
        return gradientShares(training().config, *displayModel(training()), training().train);
    }
};

// Hinge after a few steps: some points are past the margin (share 0), others still pulled.
// Equal: every training point has the same ink. Gradient share: each point's disc has radius
// R·sqrt(share/largest) (its area ∝ share), a share-0 point leaves no ink but a faint ring.
TEST_F(PointViews, GradientShareSizesThePointsAsTheirSharesSay) {
    trainSteps(training(), 20);
    frames(1);
    const Dataset& d = training().data;
    figure();
    std::vector<double> equal;
    for (Eigen::Index i = 0; i < d.size(); ++i)
        if (!isTest(i)) equal.push_back(inkReach(i));
    // The equal radius: the recording canvas's font 13 and marker scale 1 give 13/16 · 5 px for
    // nine points, with a 1 px outline.
    const double equalRadius = 13.0 / 16.0 * 5.0;
    ASSERT_FALSE(equal.empty());
    for (double reach : equal)
        EXPECT_NEAR(reach, equalRadius + 1.0 + 0.5, 0.75) << "equal: every training point alike";

    shares().sizing = PointSizing::GradientShare;
    const RecordingCanvas canvas = figure();
    const Vec expected = coreShares();
    ASSERT_EQ(shares().shares.size(), d.size());
    double largest = 0.0;
    for (Eigen::Index i = 0, n = 0; i < d.size(); ++i) {
        if (isTest(i)) {
            EXPECT_EQ(shares().shares[i], 0.0) << "a test point takes no part in the gradient";
            continue;
        }
        EXPECT_NEAR(shares().shares[i], expected[n], 1e-12) << "point " << i;
        largest = std::max(largest, expected[n]);
        ++n;
    }
    ASSERT_GT(largest, 0.0);
    EXPECT_EQ(shares().largest, largest);
    // Full size: the equal radius × 1.6 and the 1 px outline, both scaled by the point's size.
    const double full = equalRadius * 1.6 + 1.0;
    int vanished = 0, pulled = 0;
    for (Eigen::Index i = 0; i < d.size(); ++i) {
        if (isTest(i)) {
            // A hollow ring of the equal view's radius, without outline.
            EXPECT_NEAR(inkReach(i), equalRadius + 0.5, 0.75) << "test points keep their size";
            continue;
        }
        const double size = std::sqrt(shares().shares[i] / largest);
        EXPECT_FLOAT_EQ(shares().sizes[static_cast<std::size_t>(i)], static_cast<float>(size));
        if (size == 0.0) {
            EXPECT_EQ(inkReach(i), 0.0) << "point " << i << " is past the margin: no ink";
            ++vanished;
        } else {
            EXPECT_NEAR(inkReach(i), full * size + 0.5, 0.75) << "point " << i;
            ++pulled;
        }
    }
    EXPECT_GT(vanished, 0) << "after 20 steps some points are past the margin";
    EXPECT_GT(pulled, 0) << "and some are still pulled";
    EXPECT_EQ(shares().vanished, vanished);
    // Each vanished point keeps a faint ring at the equal radius; the legend says what size is.
    int rings = 0;
    for (const auto* circle : canvas.itemsOf(RecordingCanvas::Kind::Circle))
        if (std::abs(circle->size - static_cast<float>(equalRadius)) < 1e-4f) ++rings;
    EXPECT_EQ(rings, vanished);
    bool legend = false;
    for (const std::string& text : canvas.texts())
        legend |= text.rfind("area ∝ ‖∂Lₙ/∂sₙ‖ (largest = ", 0) == 0;
    EXPECT_TRUE(legend);

    // Back to equal: the same ink for every training point again.
    shares().sizing = PointSizing::Equal;
    figure();
    std::vector<double> again;
    for (Eigen::Index i = 0; i < d.size(); ++i)
        if (!isTest(i)) again.push_back(inkReach(i));
    EXPECT_EQ(again, equal);
}

// Cross-entropy never lets a point go: every training point keeps some ink however long it
// trains, while the hinge at zero loss has let every one go.
TEST_F(PointViews, CrossEntropyLetsNoPointGoTheHingeAtZeroLossLetsAllGo) {
    shares().sizing = PointSizing::GradientShare;
    trainSteps(training(), 400);
    frames(1);
    figure();
    for (Eigen::Index i = 0; i < training().data.size(); ++i) {
        if (!isTest(i)) {
            EXPECT_EQ(inkReach(i), 0.0) << "hinge at zero loss, point " << i;
        }
    }
    EXPECT_EQ(shares().largest, 0.0);
    EXPECT_EQ(shares().vanished, training().train.size());

    useLoss(Loss::CrossEntropy);
    trainSteps(training(), 400);
    frames(1);
    figure();
    EXPECT_EQ(shares().vanished, 0);
    for (Eigen::Index i = 0; i < training().data.size(); ++i) {
        if (isTest(i)) continue;
        EXPECT_GT(shares().shares[i], 0.0);
        EXPECT_GT(inkReach(i), 0.0) << "cross-entropy, point " << i;
    }
}

// The shares are recomputed when the weights change, not every frame.
TEST_F(PointViews, SharesFollowTheWeightsAndOnlyThem) {
    shares().sizing = PointSizing::GradientShare;
    frames(2);
    const std::uint64_t computed = shares().revision;
    ASSERT_NE(computed, 0u);
    frames(3);
    EXPECT_EQ(shares().revision, computed);
    trainSteps(training(), 1);
    frames(1);
    EXPECT_NE(shares().revision, computed);
}

// A dragged point: the splat is drawn once without it and it is drawn on its own where it is
// now, as the splat would draw it (outline ring, then its class's disc), so that dragging one of
// 10⁶ points does not redraw the image every frame. Another edit brings it back into the image.
TEST_F(PointViews, ADraggedPointIsLeftOutOfTheSplatAndDrawnWhereItIs) {
    const Eigen::Index i = 0;
    ASSERT_FALSE(isTest(i));
    figure();
    EXPECT_GT(inkReach(i), 0.0);
    const std::uint64_t before = training().classifier.splatImageRevision;
    movePoint(training(), i, 0.4, 0.3);
    figure();
    const std::uint64_t leftOut = training().classifier.splatImageRevision;
    EXPECT_NE(leftOut, before);
    EXPECT_EQ(training().classifier.splatLeftOut, i);
    EXPECT_EQ(inkReach(i), 0.0) << "no ink of its own at its new place";
    movePoint(training(), i, 0.5, 0.35);
    const RecordingCanvas canvas = figure();
    EXPECT_EQ(training().classifier.splatImageRevision, leftOut) << "not drawn again";
    // Its two discs, on one centre: the outline's, then its class colour's on top.
    std::vector<const RecordingCanvas::Item*> discs;
    for (const RecordingCanvas::Item& item : canvas.items()) {
        if (item.kind == RecordingCanvas::Kind::FillCircle) discs.push_back(&item);
    }
    ASSERT_EQ(discs.size(), 2u);
    const double equalRadius = 13.0 / 16.0 * 5.0;  // as in the test above, and a 1 px outline
    EXPECT_NEAR(discs[0]->size, equalRadius + 1.0, 1e-5);
    EXPECT_NEAR(discs[1]->size, equalRadius, 1e-5);
    EXPECT_EQ(discs[1]->color, classImColor(training().data.labels[i]));
    EXPECT_EQ(discs[0]->points[0].x, discs[1]->points[0].x);
    EXPECT_EQ(discs[0]->points[0].y, discs[1]->points[0].y);
    // An edit of another kind: the image holds every point again.
    beginPointEdit(training());
    addPoint(training(), -0.5, -0.5, 1);
    figure();
    EXPECT_EQ(training().classifier.splatLeftOut, -1);
    EXPECT_GT(inkReach(i), 0.0);
}

// A scene keeps the choice, and a figure made from the scene shows it.
TEST_F(PointViews, TheSceneKeepsTheSizing) {
    shares().sizing = PointSizing::GradientShare;
    const Scene scene = sceneFromState(state());
    EXPECT_EQ(scene.view.classifierPointSizing, PointSizing::GradientShare);
    shares().sizing = PointSizing::Equal;
    ASSERT_FALSE(applyScene(scene, state()));
    EXPECT_EQ(shares().sizing, PointSizing::GradientShare);
    // What `losslab figure --panel classifier` draws from that scene: the sized points, with the
    // legend. At step 0 (W = 0, all scores equal) both margins of every point are active:
    // ∂L/∂s = (−2, 1, 1) in some order, a share of √6 for each, so every point is full size.
    const RecordingCanvas canvas = figure();
    EXPECT_EQ(totalSteps(training()), 0);
    EXPECT_NEAR(shares().largest, std::sqrt(6.0), 1e-12);
    EXPECT_EQ(shares().sizes.size(), static_cast<std::size_t>(training().data.size()));
    for (Eigen::Index i = 0; i < training().data.size(); ++i) {
        if (!isTest(i)) {
            EXPECT_EQ(shares().sizes[static_cast<std::size_t>(i)], 1.0f) << i;
        }
    }
    bool legend = false;
    for (const std::string& text : canvas.texts())
        legend |= text.rfind("area ∝ ‖∂Lₙ/∂sₙ‖ (largest = ", 0) == 0;
    EXPECT_TRUE(legend);
}

// ------------------------------------------------------------------ the Confusion panel

class ConfusionPanel : public PointViews {
  protected:
    void SetUp() override {
        PointViews::SetUp();
        ASSERT_FALSE(focusPanels(state(), {"classifier", "confusion"}));
        frames(2);
    }
    // Entry (true, predicted) counted here from the weights: argmax, lowest index on ties.
    Eigen::MatrixXi recount(const Dataset& split) {
        const LinearClassifier& model = *displayModel(training());
        const RowMatrix scores =
            model.scores(computeFeatures(training().config.features, split.points));
        Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(model.classes(), model.classes());
        for (Eigen::Index n = 0; n < split.size(); ++n) {
            int best = 0;
            for (int k = 1; k < model.classes(); ++k)
                if (scores(n, k) > scores(n, best)) best = k;
            ++counts(split.labels[n], best);
        }
        return counts;
    }
};

TEST_F(ConfusionPanel, CountsAreARecountOfThePredictions) {
    const ConfusionPanelState& ui = state().panels.confusion;
    for (int steps : {0, 3, 40}) {
        trainSteps(training(), steps);
        frames(1);
        ASSERT_TRUE(ui.message.empty()) << ui.message;
        EXPECT_EQ(ui.train, recount(training().train)) << "after " << steps << " more steps";
        EXPECT_EQ(ui.test, recount(training().test)) << "after " << steps << " more steps";
        EXPECT_EQ(ui.train.sum(), training().train.size());
        EXPECT_EQ(ui.test.sum(), training().test.size());
    }
}

TEST_F(ConfusionPanel, TheFigureShowsCountsClassNamesAndAccuracy) {
    trainSteps(training(), 3);
    frames(1);
    RecordingCanvas canvas;
    figureConfusionPanel(state(), canvas, {{0, 0}, {900, 420}});
    const std::vector<std::string> texts = canvas.texts();
    auto has = [&](const std::string& text) {
        return std::find(texts.begin(), texts.end(), text) != texts.end();
    };
    const Eigen::MatrixXi train = recount(training().train);
    const Eigen::MatrixXi test = recount(training().test);
    char title[96];
    std::snprintf(title, sizeof title, "train: accuracy %.1f %% (%d of %d)",
                  100.0 * train.diagonal().sum() / train.sum(), train.diagonal().sum(),
                  train.sum());
    EXPECT_TRUE(has(title)) << title;
    std::snprintf(title, sizeof title, "test: accuracy %.1f %% (%d of %d)",
                  100.0 * test.diagonal().sum() / test.sum(), test.diagonal().sum(), test.sum());
    EXPECT_TRUE(has(title)) << title;
    for (const char* name : {"class 1", "class 2", "class 3", "row share"})
        EXPECT_TRUE(has(name)) << name;
    // Each cell of a row with points is filled and its count written on it, row by row, the
    // training matrix first: the counts drawn are the recount's.
    std::vector<int> drawn, expected;
    const auto& items = canvas.items();
    for (std::size_t k = 0; k + 1 < items.size(); ++k) {
        if (items[k].kind == RecordingCanvas::Kind::FillRect &&
            items[k + 1].kind == RecordingCanvas::Kind::Text) {
            drawn.push_back(std::stoi(items[k + 1].text));
        }
    }
    for (const Eigen::MatrixXi* counts : {&train, &test})
        for (Eigen::Index i = 0; i < counts->rows(); ++i)
            if (counts->row(i).sum() > 0)
                for (Eigen::Index j = 0; j < counts->cols(); ++j)
                    expected.push_back((*counts)(i, j));
    EXPECT_EQ(drawn, expected);
}

}  // namespace
}  // namespace losslab
