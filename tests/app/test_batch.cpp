// The Batch panel on real headless frames: the lecture's three images and their mean, a typed
// row changes its losses, a click loads a row into the Logits panel, and a lesson's `batch`
// fills the table.
#include <cmath>

#include <imgui_internal.h>

#include "io/lesson_io.hpp"
#include "losslab/targets.hpp"
#include "session_fixture.hpp"
#include "state/batch_edit.hpp"
#include "state/layout_edit.hpp"

namespace losslab {
namespace {

constexpr int kHinge = static_cast<int>(Loss::HingeWW);

class BatchTable : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        ASSERT_FALSE(focusPanels(state(), {"batch", "logits"}));
        frames(3);
    }
    BatchPanelState& table() { return state().panels.batch; }
    double hinge(int row) {
        return table().evaluation.rows[static_cast<std::size_t>(row)][kHinge].value;
    }
};

TEST_F(BatchTable, TheLecturesThreeImagesAndTheirMean) {
    ASSERT_EQ(table().rows.size(), 3u);
    ASSERT_EQ(table().evaluation.rows.size(), 3u);
    EXPECT_NEAR(hinge(0), 2.9, 1e-12);
    EXPECT_EQ(hinge(1), 0.0);
    EXPECT_NEAR(hinge(2), 12.9, 1e-12);
    EXPECT_NEAR(table().evaluation.mean[kHinge], 15.8 / 3.0, 1e-12);
    // Every loss of a row is the Losses panel's value for that vector.
    const std::vector<LossValue> single =
        evaluateAllLosses(table().rows[2].logits, 2, makeTarget(3, 2, 0.0), LossOptions{});
    for (int l = 0; l < kLossCount; ++l)
        EXPECT_EQ(table().evaluation.rows[2][static_cast<std::size_t>(l)].value, single[l].value);
}

TEST_F(BatchTable, ATypedRowChangesItsLossesAndBadTextChangesNothing) {
    ASSERT_FALSE(setBatchRowLogits(state(), 0, "6.5, 5.1, -1.7"));
    frames(1);
    EXPECT_EQ(hinge(0), 0.0);
    EXPECT_NEAR(table().evaluation.mean[kHinge], 12.9 / 3.0, 1e-12);
    EXPECT_TRUE(setBatchRowLogits(state(), 0, "6.5, x"));
    EXPECT_TRUE(setBatchRowLogits(state(), 0, "1"));
    EXPECT_EQ(table().rows[0].logits, (Vec(3) << 6.5, 5.1, -1.7).finished());
    // The options of the Losses panel apply: a margin of 2 makes row 0 pay again.
    state().model.options.margin = 2.0;
    state().touchModel();
    frames(1);
    EXPECT_NEAR(hinge(0), 0.6, 1e-12);  // max(0, 5.1 − 6.5 + 2)
}

TEST_F(BatchTable, ClickingARowLoadsItIntoTheLogitsPanel) {
    ASSERT_EQ(table().rowTops.size(), 3u);
    const float y = std::floor(table().rowTops[2] + 3.0f);
    const ImGuiWindow* window =
        ImGui::FindWindowByName("Batch: every sample's losses and their mean");
    ASSERT_NE(window, nullptr);
    click(std::floor(window->Pos.x + 30.0f), y);
    EXPECT_EQ(table().selected, 2);
    EXPECT_EQ(state().model.logits, (Vec(3) << 2.2, 2.5, -3.1).finished());
    EXPECT_EQ(state().model.trueClass, 2);
    EXPECT_NEAR(state().derived.losses[kHinge].value, 12.9, 1e-12);
    ASSERT_TRUE(state().undo());  // one Ctrl+Z takes the row back out
    EXPECT_EQ(state().model.logits, (Vec(3) << 3.2, 5.1, -1.7).finished());
}

TEST_F(BatchTable, AddDuplicateRemove) {
    addCurrentToBatch(state());
    ASSERT_EQ(table().rows.size(), 4u);
    EXPECT_EQ(table().rows[3].logits, state().model.logits);
    duplicateBatchRow(state(), 3);
    removeBatchRow(state(), 0);
    frames(1);
    ASSERT_EQ(table().rows.size(), 4u);
    EXPECT_EQ(table().rows[0].name, "car image");
    EXPECT_EQ(table().evaluation.rows.size(), 4u);
    resetBatchRows(state());
    frames(1);
    EXPECT_NEAR(table().evaluation.mean[kHinge], 15.8 / 3.0, 1e-12);
}

TEST_F(BatchTable, ALessonsBatchFillsTheTable) {
    const std::string lesson = std::string(LOSSLAB_SOURCE_DIR) + "/tests/fuzz/corpus/lesson.md";
    ASSERT_FALSE(openLesson(state(), lesson, 1));  // step 2 sets a batch of three rows
    ASSERT_FALSE(focusPanels(state(), {"batch"}));
    frames(2);
    ASSERT_EQ(table().rows.size(), 3u);
    EXPECT_EQ(table().rows[1].logits, (Vec(3) << 1.3, 4.9, 2.0).finished());
    EXPECT_NEAR(table().evaluation.mean[kHinge], 15.8 / 3.0, 1e-12);
}

}  // namespace
}  // namespace losslab
