// The built-in file chooser lists the files of the kind asked for (scenes, lessons) and no
// others; a path the desktop portal returns is applied as if typed into it.
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>

#include "io/scene_io.hpp"
#include "losslab/scene.hpp"
#include "session_fixture.hpp"
#include "ui/file_dialog.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;

class FileDialog : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        // One folder per test: ctest runs the tests of this file side by side.
        folder = fs::path(::testing::TempDir()) /
                 (std::string("losslab-file-dialog-") +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder);
        fs::create_directories(folder / "sub");
        for (const char* name : {"a.losslab.json", "b.json", "c.md", "d.csv", "e.txt"})
            std::ofstream(folder / name) << "x";
    }
    void TearDown() override { fs::remove_all(folder); }

    // Clicks row `row` of the chooser's list (row 0 is ".."), as the user would.
    void clickRow(const char* title, int row) {
        ImGuiWindow* list = nullptr;
        for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
            if (std::string(window->Name).rfind(std::string(title) + "/entries", 0) == 0)
                list = window;
        }
        ASSERT_NE(list, nullptr) << "the chooser's list is not drawn";
        const float rowHeight = ImGui::GetFontSize() + ImGui::GetStyle().ItemSpacing.y;
        click(list->DC.CursorStartPos.x + 20.0f, list->DC.CursorStartPos.y +
                                                     rowHeight * static_cast<float>(row) +
                                                     ImGui::GetFontSize() * 0.5f);
    }

    fs::path folder;
};

TEST_F(FileDialog, OpenSceneListsSceneFilesThenFolders) {
    openFileDialog(state().fileDialog, FileDialogState::Mode::Open, (folder / "").string());
    frames(2);
    clickRow("Open scene", 1);
    EXPECT_EQ(fs::path(state().fileDialog.path), folder / "a.losslab.json");
    clickRow("Open scene", 2);
    EXPECT_EQ(fs::path(state().fileDialog.path), folder / "b.json");
    // c.md, d.csv and e.txt are not listed: the next row is the sub-folder.
    clickRow("Open scene", 3);
    EXPECT_EQ(fs::path(state().fileDialog.folder), folder / "sub");
}

TEST_F(FileDialog, OpenLessonListsMarkdownOnly) {
    openFileDialog(state().fileDialog, FileDialogState::Mode::OpenLesson, (folder / "").string());
    frames(2);
    clickRow("Open lesson", 1);
    EXPECT_EQ(fs::path(state().fileDialog.path), folder / "c.md");
    clickRow("Open lesson", 2);
    EXPECT_EQ(fs::path(state().fileDialog.folder), folder / "sub");
}

TEST_F(FileDialog, APanelsCsvChooserListsCsvOnly) {
    state().training.classifier.csvPath = (folder / "points.csv").string();  // the panel's path
    state().fileDialog.csvTable = FileDialogState::CsvTable::ClassifierPoints;
    state().fileDialog.requested = FileDialogState::Mode::OpenCsv;  // the panel's "Load…"
    frames(2);
    ASSERT_TRUE(state().fileDialog.visible);
    clickRow("Open CSV table", 1);
    EXPECT_EQ(fs::path(state().fileDialog.path), folder / "d.csv");
    clickRow("Open CSV table", 2);
    EXPECT_EQ(fs::path(state().fileDialog.folder), folder / "sub");
}

TEST_F(FileDialog, PointsSavedToAPathFromThePortalGoToThatFile) {
    FileDialogState& dialog = state().fileDialog;
    dialog.usePortal = true;
    dialog.csvTable = FileDialogState::CsvTable::ClassifierPoints;
    dialog.requested = FileDialogState::Mode::SaveCsv;
    frames(1);
    EXPECT_EQ(dialog.portalStep, FileDialogState::PortalStep::Requested);
    EXPECT_EQ(fs::path(dialog.path).filename(), "points.csv");  // the panel's path so far
    const fs::path table = folder / "chosen.csv";
    dialog.portalStep = FileDialogState::PortalStep::Idle;
    dialog.portalChoice = table.string();
    frames(2);
    EXPECT_EQ(state().training.classifier.csvPath, table.string());
    EXPECT_FALSE(dialog.visible);
    std::ifstream written(table);
    std::string header;
    ASSERT_TRUE(std::getline(written, header));
    EXPECT_EQ(header, "x1,x2,label");
}

TEST_F(FileDialog, ListingFollowsTheKindsPatterns) {
    using Mode = FileDialogState::Mode;
    EXPECT_TRUE(listedInFileDialog(Mode::Save, "x.losslab.json"));
    EXPECT_FALSE(listedInFileDialog(Mode::Save, "x.md"));
    EXPECT_TRUE(listedInFileDialog(Mode::OpenLesson, "x.md"));
    EXPECT_FALSE(listedInFileDialog(Mode::OpenLesson, ".x.md"));
}

TEST_F(FileDialog, SaveSuggestsTheSceneTitleAsALossLabJsonName) {
    state().sceneTitle = "Label smoothing";
    state().scenePath.clear();
    ImGui::GetIO().KeyCtrl = true;
    ImGui::GetIO().KeyShift = true;
    ImGui::GetIO().KeysDown[83 /* S */] = true;
    frames(1);
    ImGui::GetIO().KeysDown[83] = false;
    ImGui::GetIO().KeyCtrl = ImGui::GetIO().KeyShift = false;
    frames(1);
    ASSERT_TRUE(state().fileDialog.visible);
    EXPECT_EQ(fs::path(state().fileDialog.path).filename(), "label-smoothing.losslab.json");
}

TEST_F(FileDialog, APathFromThePortalOpensLikeATypedOne) {
    FileDialogState& dialog = state().fileDialog;
    dialog.usePortal = true;  // as when a portal runs on the session bus
    openFileDialog(dialog, FileDialogState::Mode::Open, "");
    EXPECT_EQ(dialog.portalStep, FileDialogState::PortalStep::Requested);
    EXPECT_FALSE(dialog.visible);  // the built-in chooser stays hidden
    // The portal's answer: a scene file, applied in the next frame.
    const fs::path scene = folder / "saved.losslab.json";
    state().model.logits[0] = 1.25;
    state().touchModel();
    ASSERT_FALSE(saveSceneFile(scene.string(), sceneFromState(state())));
    state().model.logits[0] = 0.0;
    state().touchModel();
    dialog.portalStep = FileDialogState::PortalStep::Idle;
    dialog.portalChoice = scene.string();
    frames(2);
    EXPECT_EQ(state().scenePath, scene.string());
    EXPECT_DOUBLE_EQ(state().model.logits[0], 1.25);
    EXPECT_FALSE(dialog.visible);
    // A broken file from the portal: nothing changes, and the built-in chooser shows why.
    dialog.portalChoice = (folder / "b.json").string();
    frames(2);
    EXPECT_TRUE(dialog.visible);
    EXPECT_FALSE(dialog.error.empty());
    EXPECT_EQ(state().scenePath, scene.string());
}

}  // namespace
}  // namespace losslab
