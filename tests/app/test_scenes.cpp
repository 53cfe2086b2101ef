// Scenes in the app: every preset loads, renders and saves back byte-identical; a bad scene
// leaves the state untouched.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/scene_io.hpp"
#include "session_fixture.hpp"

namespace losslab {
namespace {

using Scenes = testing::HeadlessSession;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST_F(Scenes, EveryPresetLoadsRendersAndSavesBackByteIdentical) {
    const std::vector<Preset> presets = listPresets();
    ASSERT_GE(presets.size(), 9u) << presetFolder();
    for (const Preset& preset : presets) {
        SCOPED_TRACE(preset.path);
        ASSERT_FALSE(openScene(preset.path, state()));
        EXPECT_FALSE(state().sceneNote.empty()) << "every preset explains itself";
        frames(3);
        for (Workspace w : kAllWorkspaces) {
            state().view.workspace = w;
            frames(1);
        }
        Scene reopened;
        ASSERT_FALSE(loadSceneFile(preset.path, &reopened));
        // What Save would write for the freshly opened scene equals the file.
        Scene fromState = sceneFromState(state());
        fromState.view = reopened.view;          // the view is set by this test, not by the scene
        fromState.training = reopened.training;  // training runs on in the app
        EXPECT_EQ(formatScene(fromState), readFile(preset.path));
        EXPECT_EQ(formatScene(reopened), readFile(preset.path));
    }
}

TEST_F(Scenes, SaveAndOpenRoundTripThroughTheApp) {
    state().model.logits[2] = 7.25;
    state().model.classNames[2] = "toad";
    state().touchModel();
    frames(1);
    const std::string path = ::testing::TempDir() + "/losslab-app-scene.json";
    ASSERT_FALSE(saveSceneFile(path, sceneFromState(state())));
    state().model.logits[2] = 0;
    state().touchModel();
    ASSERT_FALSE(openScene(path, state()));
    EXPECT_EQ(state().model.logits[2], 7.25);
    EXPECT_EQ(state().model.classNames[2], "toad");
    const std::string first = readFile(path);
    ASSERT_FALSE(saveSceneFile(path, sceneFromState(state())));
    EXPECT_EQ(readFile(path), first);
    std::filesystem::remove(path);
}

TEST_F(Scenes, ABadSceneChangesNothing) {
    const std::string path = ::testing::TempDir() + "/losslab-bad-scene.json";
    for (
        const char* text :
        {R"({"version": 1, "logits": {"values": [1, 2, "x"]}})",
         R"({"version": 1, "logits": {"values": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]}})",
         "{\"version\": 1, \"logits\": ", "not json at all", R"({"version": 7})"}) {
        std::ofstream(path) << text;
        const std::string before = formatScene(sceneFromState(state()));
        const auto error = openScene(path, state());
        EXPECT_TRUE(error.has_value()) << text;
        EXPECT_EQ(formatScene(sceneFromState(state())), before);
        frames(1);
    }
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace losslab

#include "io/csv_export.hpp"
#include "losslab/parse.hpp"
#include "state/training_edit.hpp"

namespace losslab {
namespace {

std::vector<std::vector<std::string>> parseCsvLines(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, ','))
            cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.push_back("");
        rows.push_back(cells);
    }
    return rows;
}

TEST_F(Scenes, LossesTableCsvRoundTripsEveryValue) {
    const auto rows = parseCsvLines(lossesTableCsv(state()));
    ASSERT_EQ(rows.size(), 1u + kAllLosses.size());
    EXPECT_EQ(rows[0].size(), 3u + 3u);
    for (size_t r = 0; r < kAllLosses.size(); ++r) {
        double value = 0;
        ASSERT_FALSE(parseFiniteDouble(rows[r + 1][2], &value));
        EXPECT_EQ(value, state().derived.losses[r].value) << rows[r + 1][1];
        double grad = 0;
        ASSERT_FALSE(parseFiniteDouble(rows[r + 1][4], &grad));
        EXPECT_EQ(grad, state().derived.losses[r].grad[1]);
    }
    EXPECT_EQ(rows[5][1], "hinge_ww");
}

TEST_F(Scenes, TrainingHistoryCsvHasEveryMeasurement) {
    state().view.workspace = Workspace::Training;
    frames(2);
    trainSteps(state().training, 25);
    frames(1);
    const auto rows = parseCsvLines(trainingHistoryCsv(state().training));
    ASSERT_EQ(rows.size(), 1u + measurementCount(state().training));
    ASSERT_GE(rows.size(), 26u);
    EXPECT_EQ(rows[0][0], "step");
    EXPECT_EQ(rows[1][0], "0");
    double first = 0, last = 0;
    ASSERT_FALSE(parseFiniteDouble(rows[1][1], &first));
    ASSERT_FALSE(parseFiniteDouble(rows.back()[1], &last));
    EXPECT_LT(last, first);  // training lowered the loss
}

}  // namespace
}  // namespace losslab
