// From 20,000 training points on the Classifier's raster and point splat are computed off the UI
// thread (issue 16): the frame shows the last image meanwhile, and the image that arrives is the
// one the UI thread would have computed. A dragged point is left out of the splat.
#include <chrono>
#include <thread>

#include "losslab/decision.hpp"
#include "panels/panels.hpp"
#include "session_fixture.hpp"
#include "state/training_edit.hpp"

namespace losslab {
namespace {

class BigDataViews : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().view.workspace = Workspace::Training;
        frames(1);
        TrainingState& ts = training();
        ts.generator.kind = DatasetKind::Blobs;
        ts.generator.points = 30000;
        ts.generator.classes = 3;
        ASSERT_FALSE(regenerateDataset(ts));
        ASSERT_GE(ts.train.size(), kOffThreadScoringPoints);
        trainSteps(ts, 5);
    }
    TrainingState& training() { return state().training; }

    // Frames until `done` holds (a job finished and its result was taken), at most 20 s.
    template <class Done>
    bool framesUntil(Done done) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < end) {
            frames(1);
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return false;
    }
};

TEST_F(BigDataViews, TheRegionsThatArriveAreTheUiThreadsOwn) {
    const ClassifierPanelState& ui = training().classifier;
    const std::uint64_t before = ui.regionImageRevision;
    trainSteps(training(), 1);  // a new model: a new raster is due
    ASSERT_TRUE(framesUntil([&] { return ui.regionImageRevision != before; }));
    ASSERT_TRUE(framesUntil([&] { return !ui.regionJob.busy(); }));
    frames(1);
    ASSERT_TRUE(ui.regionError.empty()) << ui.regionError;
    Rgba8Image expected;
    ASSERT_FALSE(computeDecisionImage(*displayModel(training()), training().config.features,
                                      training().config.rbfWidth, ui.regionView, ui.regionStyle,
                                      &expected));
    EXPECT_EQ(ui.regionImage.width, expected.width);
    EXPECT_EQ(ui.regionImage.height, expected.height);
    EXPECT_TRUE(ui.regionImage.pixels == expected.pixels);
}

TEST_F(BigDataViews, TheSplatArrivesAndLeavesADraggedPointOut) {
    const ClassifierPanelState& ui = training().classifier;
    ASSERT_TRUE(framesUntil([&] { return ui.splatImage.width > 0 && !ui.splatJob.busy(); }));
    frames(1);
    EXPECT_EQ(ui.splatLeftOut, -1);
    auto alphaAt = [&](double x, double y) {
        const DecisionView& v = ui.splatView;
        const int c = static_cast<int>((x - v.xMin) / (v.xMax - v.xMin) * v.width);
        const int r = static_cast<int>((v.yMax - y) / (v.yMax - v.yMin) * v.height);
        return ui.splatImage
            .pixels[(static_cast<std::size_t>(r) * ui.splatImage.width + c) * 4 + 3];
    };
    // An empty corner of the view, far from the blobs: no ink there yet.
    const double x = ui.splatView.xMin + 0.02 * (ui.splatView.xMax - ui.splatView.xMin);
    const double y = ui.splatView.yMax - 0.02 * (ui.splatView.yMax - ui.splatView.yMin);
    ASSERT_EQ(alphaAt(x, y), 0);
    // Point 0 dragged there: left out of the image, which is drawn once for the whole drag.
    beginPointEdit(training());
    for (int step = 0; step < 3; ++step)
        movePoint(training(), 0, x + 0.001 * step, y);
    ASSERT_TRUE(framesUntil([&] { return ui.splatLeftOut == 0 && !ui.splatJob.busy(); }));
    const std::uint64_t leftOut = ui.splatImageRevision;
    EXPECT_EQ(alphaAt(x, y), 0);
    movePoint(training(), 0, x, y);
    frames(3);
    EXPECT_EQ(ui.splatImageRevision, leftOut);
    // Any other edit: the image holds every point, point 0 in the corner.
    addPoint(training(), 0.0, 0.0, 1);
    ASSERT_TRUE(framesUntil([&] { return ui.splatLeftOut == -1 && !ui.splatJob.busy(); }));
    frames(1);
    EXPECT_GT(alphaAt(x, y), 0);
}

}  // namespace
}  // namespace losslab
