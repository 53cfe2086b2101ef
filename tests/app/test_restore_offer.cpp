// The offer at start to restore sessions that did not end cleanly (ui/main_frame.cpp): every
// one is listed; Restore opens the chosen autosave; either choice forgets them all.
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>

#include "io/autosave.hpp"
#include "io/scene_io.hpp"
#include "session_fixture.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;

class RestoreOffer : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        folder = fs::path(::testing::TempDir()) /
                 ("losslab-restore-" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(folder);
        fs::create_directories(folder);
        // Two crashed sessions: the large-logits preset and the default scene with a title.
        for (const char* name : {"1", "2"}) {
            AppState saved;
            if (std::string(name) == "1") {
                ASSERT_FALSE(openScene(presetFolder() + "/04-large-logits.json", saved));
            }
            saved.sceneTitle = std::string("Crashed ") + name;
            const AutosavePaths paths = autosavePathsIn(folder.string(), std::stol(name));
            ASSERT_FALSE(saveSceneFile(paths.scene, sceneFromState(saved)));
            std::ofstream(paths.lock) << name << "\n";
            state().uncleanSessions.push_back({paths.scene, paths.lock, saved.sceneTitle, 0});
        }
        frames(3);
    }
    void TearDown() override { fs::remove_all(folder); }

    // The centre of the offer's row `row` (0: the first line of text).
    ImVec2 rowStart(int row) {
        const ImGuiWindow* window = ImGui::FindWindowByName("Restore a session?");
        EXPECT_NE(window, nullptr);
        if (!window) return {0, 0};
        const float line = ImGui::GetFrameHeightWithSpacing();
        return {std::floor(window->DC.CursorStartPos.x + 12.0f),
                std::floor(window->DC.CursorStartPos.y + ImGui::GetTextLineHeightWithSpacing() +
                           line * static_cast<float>(row - 1) + line * 0.5f)};
    }

    fs::path folder;
};

TEST_F(RestoreOffer, RestoreOpensTheChosenSessionAndForgetsThemAll) {
    const double defaultCat = state().model.logits[0];
    const ImVec2 first = rowStart(1);  // Restore of "Crashed 1" (the large logits)
    click(first.x, first.y);
    EXPECT_TRUE(state().uncleanSessions.empty());
    EXPECT_NE(state().model.logits[0], defaultCat);
    EXPECT_EQ(state().sceneTitle, "Crashed 1");
    EXPECT_TRUE(state().scenePath.empty());  // an autosave is not the user's file
    EXPECT_TRUE(fs::is_empty(folder));       // both sessions' autosaves and locks are gone
    frames(2);
    EXPECT_EQ(ImGui::FindWindowByName("Restore a session?")->Active, false);
}

TEST_F(RestoreOffer, StartFreshKeepsTheStateAndForgetsThem) {
    const double defaultCat = state().model.logits[0];
    const ImVec2 fresh = rowStart(3);  // below the two sessions
    click(fresh.x, fresh.y);
    EXPECT_TRUE(state().uncleanSessions.empty());
    EXPECT_EQ(state().model.logits[0], defaultCat);
    EXPECT_EQ(state().sceneTitle, "");  // not "Crashed 2", whose Restore is the row above
    EXPECT_TRUE(fs::is_empty(folder));
}

}  // namespace
}  // namespace losslab
