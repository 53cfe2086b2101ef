// Real frames of the Training workspace on the headless backend, driven like a user would:
// clicks add points where the mouse is, drags move them, right-clicks and Shift+drags erase,
// Space plays and lowers the loss, Ctrl+Z undoes point edits.
#include <cmath>

#include "panels/keys.hpp"
#include "session_fixture.hpp"
#include "state/model_edit.hpp"
#include "state/training_edit.hpp"

namespace losslab {
namespace {

class TrainingUi : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().view.workspace = Workspace::Training;
        frames(3);
    }

    TrainingState& training() { return state().training; }
    const plot::Transform& view() { return training().classifier.transform; }

    // A pixel of the data view where no point is within `clearance` pixels. Whole pixels:
    // ImGui floors the mouse position at the start of every frame.
    ImVec2 emptySpot(float clearance = 20.0f) {
        const plot::Transform& t = view();
        for (float fy = 0.1f; fy < 0.95f; fy += 0.05f) {
            for (float fx = 0.1f; fx < 0.95f; fx += 0.05f) {
                const ImVec2 p(std::floor(t.left + t.width * fx),
                               std::floor(t.top + t.height * fy));
                bool clear = true;
                const Dataset& d = training().data;
                for (Eigen::Index i = 0; i < d.size() && clear; ++i) {
                    clear = std::hypot(t.toPixelX(d.points(i, 0)) - p.x,
                                       t.toPixelY(d.points(i, 1)) - p.y) > clearance;
                }
                if (clear) return p;
            }
        }
        ADD_FAILURE() << "no empty spot in the view";
        return {t.left + 5, t.top + 5};
    }

    void rightClick(float x, float y) {
        moveTo(x, y);
        io().MouseDown[1] = true;
        frames(1);
        io().MouseDown[1] = false;
        frames(2);
    }
};

TEST_F(TrainingUi, WorkspaceStartsWithAGeneratedDatasetAndATrainer) {
    const TrainingState& ts = training();
    EXPECT_TRUE(ts.initialized);
    EXPECT_EQ(ts.data.size(), ts.generator.points);
    EXPECT_EQ(ts.train.size() + ts.test.size(), ts.data.size());
    EXPECT_TRUE(ts.trainable);
    EXPECT_GT(view().width, 100);
    EXPECT_GT(view().height, 100);
    // Equal units on both axes: a circle stays round.
    EXPECT_NEAR(view().unitsPerPixelX(), view().unitsPerPixelY(), 1e-9);
}

TEST_F(TrainingUi, ClickAddsAPointOfTheCurrentClassUnderTheMouse) {
    const Eigen::Index before = training().data.size();
    key(keys::kDigit0 + 2);  // class 2 (index 1)
    ASSERT_EQ(training().currentClass, 1);
    const ImVec2 p = emptySpot();
    const plot::Transform t = view();
    click(p.x, p.y);
    const Dataset& d = training().data;
    ASSERT_EQ(d.size(), before + 1);
    EXPECT_NEAR(d.points(before, 0), t.toDataX(p.x), 1e-9);
    EXPECT_NEAR(d.points(before, 1), t.toDataY(p.y), 1e-9);
    EXPECT_EQ(d.labels[before], 1);
    EXPECT_EQ(training().isTest.back(), 0);
    // The trainer took the new point: the training set grew by one.
    EXPECT_EQ(training().train.size() + training().test.size(), before + 1);
    // Ctrl+Z takes it back, Ctrl+Shift+Z brings it again.
    key(keys::kZ, /*ctrl=*/true);
    EXPECT_EQ(training().data.size(), before);
    key(keys::kZ, /*ctrl=*/true, /*shift=*/true);
    EXPECT_EQ(training().data.size(), before + 1);
}

TEST_F(TrainingUi, DraggingAPointMovesItByThePixelDistance) {
    const ImVec2 p = emptySpot(30.0f);
    click(p.x, p.y);
    const Eigen::Index index = training().data.size() - 1;
    const plot::Transform t = view();
    const double x0 = training().data.points(index, 0), y0 = training().data.points(index, 1);
    drag(p.x, p.y, 40.0f, -25.0f, 8);
    EXPECT_EQ(training().data.size(), index + 1);  // moved, not added
    // The transform works in float pixels: agreement to a millionth of a unit.
    EXPECT_NEAR(training().data.points(index, 0), x0 + 40.0 * t.unitsPerPixelX(), 1e-6);
    EXPECT_NEAR(training().data.points(index, 1), y0 + 25.0 * t.unitsPerPixelY(), 1e-6);
    // The whole drag is one undo step.
    key(keys::kZ, true);
    EXPECT_NEAR(training().data.points(index, 0), x0, 1e-12);
    EXPECT_NEAR(training().data.points(index, 1), y0, 1e-12);
}

TEST_F(TrainingUi, RightClickErasesTheNearestPointAndShiftDragErasesABox) {
    const ImVec2 p = emptySpot(30.0f);
    click(p.x, p.y);
    const Eigen::Index count = training().data.size();
    rightClick(p.x + 2.0f, p.y - 1.0f);  // a couple of pixels off: still hits it
    EXPECT_EQ(training().data.size(), count - 1);
    // A right-drag pans instead of erasing.
    const double centreX = training().classifier.centreX;
    moveTo(p.x, p.y);
    io().MouseDown[1] = true;
    frames(1);
    moveTo(p.x + 50.0f, p.y);
    io().MouseDown[1] = false;
    frames(2);
    EXPECT_EQ(training().data.size(), count - 1);
    EXPECT_NEAR(training().classifier.centreX, centreX - 50.0 * view().unitsPerPixelX(), 1e-9);
    // Shift+drag over the whole view erases every visible point.
    const plot::Transform t = view();
    io().KeyShift = true;
    drag(t.left + 1, t.top + 1, t.width - 2, t.height - 2, 4);
    io().KeyShift = false;
    frames(1);
    Eigen::Index visible = 0;
    const Dataset& d = training().data;
    for (Eigen::Index i = 0; i < d.size(); ++i) {
        const double x = d.points(i, 0), y = d.points(i, 1);
        if (x > t.x.min && x < t.x.max && y > t.y.min && y < t.y.max) ++visible;
    }
    EXPECT_EQ(visible, 0);
    EXPECT_LT(d.size(), count - 1);
}

TEST_F(TrainingUi, SpacePlaysAndTheTrainingLossGoesDown) {
    ASSERT_TRUE(training().trainable);
    const double before = training().trainer.measure().loss;
    key(keys::kSpace);
    EXPECT_TRUE(training().playing);
    frames(30);
    key(keys::kSpace);
    EXPECT_FALSE(training().playing);
    EXPECT_GT(totalSteps(training()), 20);
    const double after = training().trainer.measure().loss;
    EXPECT_LT(after, before * 0.9);
    // The curves hold one measurement per step and the path one snapshot per step.
    EXPECT_EQ(measurementCount(training()), static_cast<std::size_t>(totalSteps(training())));
    EXPECT_GE(training().run.path.snapshots().size(), 20u);
    // S steps once; Shift+R starts over.
    const long long steps = totalSteps(training());
    key(keys::kS);
    EXPECT_EQ(totalSteps(training()), steps + 1);
    key(keys::kR, false, /*shift=*/true);
    EXPECT_EQ(totalSteps(training()), 0);
    EXPECT_NEAR(training().trainer.measure().loss, before, 1e-12);
}

TEST_F(TrainingUi, LongRunsKeepABoundedEvenlySpacedRecord) {
    // Thousands of steps a frame for minutes must not slow the curves down or fill memory:
    // the trainer and the archive of earlier segments each keep kCurveHistoryCapacity. The
    // segments have odd lengths, so that the archive's entries do not fall on its stride.
    TrainingState& ts = training();
    ASSERT_TRUE(ts.trainable);
    long long total = 0;
    for (long long segment : {9001LL, 5001LL, 5001LL}) {
        ASSERT_EQ(trainSteps(ts, segment), segment);
        total += segment;
        beginPointEdit(ts);
        ASSERT_GE(addPoint(ts, 0.1, 0.2, 0), 0);  // a warm restart archives the segment
    }
    frames(2);
    EXPECT_EQ(totalSteps(ts), total);
    const std::size_t n = measurementCount(ts);
    EXPECT_LE(n, 2 * kCurveHistoryCapacity);
    EXPECT_GE(n, kCurveHistoryCapacity / 2);
    EXPECT_EQ(measurementAt(ts, 0).step, 0);
    // No segment went missing: the record spans the run without holes.
    long long widest = 0;
    for (std::size_t i = 1; i < n; ++i) {
        const long long gap = measurementAt(ts, i).step - measurementAt(ts, i - 1).step;
        ASSERT_GT(gap, 0) << i;
        widest = std::max(widest, gap);
    }
    EXPECT_LE(widest, 4 * total / static_cast<long long>(kCurveHistoryCapacity));
    EXPECT_GT(measurementAt(ts, n - 1).step, total - 64);
}

TEST_F(TrainingUi, AHoveredPointIsInspectedAndOpensInTheLogitLab) {
    TrainingState& ts = training();
    key(keys::kS);  // one step: scores that differ between classes
    frames(1);
    const plot::Transform& t = view();
    const Dataset& d = ts.data;
    Eigen::Index target = -1;
    for (Eigen::Index i = 0; i < d.size() && target < 0; ++i) {
        const float px = t.toPixelX(d.points(i, 0)), py = t.toPixelY(d.points(i, 1));
        if (px > t.left + 5 && px < t.left + t.width - 5 && py > t.top + 5 &&
            py < t.top + t.height - 5) {
            target = i;
        }
    }
    ASSERT_GE(target, 0);
    moveTo(t.toPixelX(d.points(target, 0)), t.toPixelY(d.points(target, 1)));
    frames(2);
    const Eigen::Index inspected = ts.classifier.inspected;
    ASSERT_GE(inspected, 0);
    // The nearest point under the mouse: the one aimed at or one drawn on top of it.
    EXPECT_LT(std::hypot(d.points(inspected, 0) - d.points(target, 0),
                         d.points(inspected, 1) - d.points(target, 1)),
              8.0 * t.unitsPerPixelX());
    const ImVec2 away = emptySpot();
    moveTo(away.x, away.y);
    frames(1);
    EXPECT_EQ(ts.classifier.inspected, inspected) << "the last hovered point stays";

    const Vec s = ts.classifier.pointScores.scores.row(inspected).transpose();
    const int y = d.labels[inspected];
    const std::vector<double> before(state().model.logits.data(),
                                     state().model.logits.data() + state().model.logits.size());
    loadSample(state(), s, y, ts.config.lossOptions);
    frames(1);
    ASSERT_EQ(state().model.classCount(), s.size());
    EXPECT_EQ(state().model.logits, s);
    EXPECT_EQ(state().model.trueClass, y);
    state().updateDerived();
    // The Logit Lab's cross-entropy is this point's term of the training loss.
    EXPECT_NEAR(state().derived.losses[0].value,
                evaluateLoss(Loss::CrossEntropy, s, y, ts.config.lossOptions).value, 1e-12);
    // Undoable like any other edit of the Logit Lab.
    state().view.workspace = Workspace::LogitLab;
    frames(1);
    key(keys::kZ, /*ctrl=*/true);
    frames(1);
    ASSERT_EQ(state().model.classCount(), static_cast<int>(before.size()));
    for (int k = 0; k < state().model.classCount(); ++k) {
        EXPECT_EQ(state().model.logits[k], before[static_cast<std::size_t>(k)]);
    }
}

TEST_F(TrainingUi, DivergenceStopsPlayAndSaysWhy) {
    // On data no line separates, the squared hinge's gradient grows with the scores, so a
    // huge step overshoots further every update until the loss overflows.
    training().generator.kind = DatasetKind::Xor;
    ASSERT_FALSE(regenerateDataset(training()));
    TrainerConfig config = training().config;
    config.loss = Loss::SquaredHinge;
    config.learningRate = 1e4;
    config.features = FeatureMap::Poly3;
    ASSERT_FALSE(applyTrainerConfig(training(), config));
    training().stepsPerFrame = 50;
    key(keys::kSpace);
    frames(20);
    EXPECT_FALSE(training().playing);
    EXPECT_TRUE(training().trainer.diverged());
    EXPECT_NE(training().trainer.message().find("diverged"), std::string::npos);
}

TEST_F(TrainingUi, SettingsThatChangeTheWeightsMeaningRestartOthersContinue) {
    training().playing = true;
    frames(10);
    training().playing = false;
    const long long steps = totalSteps(training());
    ASSERT_GT(steps, 0);
    const RowMatrix weights = training().trainer.model().weights;
    TrainerConfig config = training().config;
    config.learningRate = 0.05;
    ASSERT_FALSE(applyTrainerConfig(training(), config));
    EXPECT_EQ(training().trainer.model().weights, weights);  // warm: same weights
    EXPECT_EQ(totalSteps(training()), steps);                // and the curves go on
    EXPECT_NE(training().notice.find("continues"), std::string::npos);
    config.features = FeatureMap::Poly2;
    ASSERT_FALSE(applyTrainerConfig(training(), config));
    EXPECT_EQ(totalSteps(training()), 0);  // cold: restarted
    EXPECT_EQ(training().trainer.model().weights.cols(), 5);
    EXPECT_NE(training().notice.find("restarted"), std::string::npos);
    frames(2);  // every panel draws with the new features
    // The notice became a toast (the settings do not move down to make room for it).
    EXPECT_TRUE(training().notice.empty());
    ASSERT_FALSE(state().toasts.empty());
    EXPECT_NE(state().toasts.back().text.find("restarted"), std::string::npos);
}

TEST_F(TrainingUi, AddingAPointOfANewClassGrowsK) {
    const int classes = training().data.classes;
    key(keys::kDigit0 + classes + 1);  // one past the last class
    ASSERT_EQ(training().currentClass, classes);
    const ImVec2 p = emptySpot();
    click(p.x, p.y);
    EXPECT_EQ(training().data.classes, classes + 1);
    EXPECT_EQ(training().trainer.model().classes(), classes + 1);
    // The generator's N and K sliders follow the points on screen.
    EXPECT_EQ(training().generator.classes, classes + 1);
    EXPECT_EQ(training().generator.points, training().data.size());
    frames(3);
}

TEST_F(TrainingUi, ClearThenRegenerateAndBadCsvLeavesThePointsAlone) {
    clearPoints(training());
    frames(2);
    EXPECT_EQ(training().data.size(), 0);
    EXPECT_FALSE(training().trainable);
    EXPECT_FALSE(training().trainerError.empty());
    key(keys::kSpace);  // nothing to train: stays paused
    EXPECT_FALSE(training().playing);
    ASSERT_FALSE(regenerateDataset(training()));
    frames(2);
    EXPECT_TRUE(training().trainable);
    const Eigen::Index n = training().data.size();
    EXPECT_TRUE(loadPointsFile(training(), "/nonexistent/points.csv"));
    EXPECT_EQ(training().data.size(), n);
    const std::string path = ::testing::TempDir() + "/losslab-points.csv";
    ASSERT_FALSE(savePointsFile(training(), path));
    clearPoints(training());
    ASSERT_FALSE(loadPointsFile(training(), path));
    EXPECT_EQ(training().data.size(), n);
    EXPECT_TRUE(training().trainable);
}

TEST_F(TrainingUi, LandscapePassesThroughTheCurrentWeights) {
    training().playing = true;
    frames(15);
    training().playing = false;
    frames(3);  // paused: the landscape catches up with the weights
    const LandscapePanelState& ui = training().landscape;
    ASSERT_TRUE(ui.heatmap.error.empty()) << ui.heatmap.error;
    ASSERT_FALSE(ui.slice.objective.empty());
    EXPECT_EQ(ui.computedStep, totalSteps(training()));
    const int c = (ui.slice.objective.spec.nx - 1) / 2;
    const double expected = training().trainer.measure().loss;
    EXPECT_NEAR(ui.slice.objective.at(c, c), expected, 1e-9 * (1 + expected));
    // The path PCA plane: the path starts away from the centre.
    training().landscape.directions = SliceDirections::PathPca;
    frames(2);
    EXPECT_TRUE(ui.heatmap.error.empty()) << ui.heatmap.error;
}

}  // namespace
}  // namespace losslab
