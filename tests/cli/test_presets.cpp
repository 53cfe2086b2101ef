// `losslab presets` and `losslab lesson list` say which files this copy uses (absolute paths);
// names on the command line take dashes or underscores; a file given alone opens as a scene.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../support/run_process.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;
using testing::runProcess;

std::vector<std::string> headlessEnv() {
    std::vector<std::string> env = {"DISPLAY=", "WAYLAND_DISPLAY="};
    if (std::string(LOSSLAB_GL_SANITIZER_ENV).size() > 0) env.push_back(LOSSLAB_GL_SANITIZER_ENV);
    return env;
}

const fs::path kAssets = fs::path(LOSSLAB_SOURCE_DIR) / "assets";

TEST(PresetsCli, ListsEveryShippedPresetWithItsTitleAndAbsolutePath) {
    const ProcessResult r = runProcess({LOSSLAB_BINARY, "presets"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    // The build tree reads the source checkout's presets.
    EXPECT_EQ(fs::weakly_canonical(j["folder"].get<std::string>()),
              fs::weakly_canonical(kAssets / "scenes"));
    size_t shipped = 0;
    for (const auto& entry : fs::directory_iterator(kAssets / "scenes"))
        shipped += entry.path().extension() == ".json";
    ASSERT_EQ(j["presets"].size(), shipped);
    for (const auto& preset : j["presets"]) {
        const fs::path path = preset["path"].get<std::string>();
        EXPECT_TRUE(path.is_absolute()) << path;
        EXPECT_TRUE(fs::is_regular_file(path)) << path;
        EXPECT_FALSE(preset["title"].get<std::string>().empty());
    }
    EXPECT_EQ(fs::path(j["presets"][0]["path"].get<std::string>()).filename(),
              "01-cat-car-frog.json");
    EXPECT_EQ(j["presets"][0]["title"], "Cat, car, frog (lectures 003/004)");
}

TEST(PresetsCli, LessonListGivesEachLessonsAbsolutePath) {
    const ProcessResult r = runProcess({LOSSLAB_BINARY, "lesson", "list"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_FALSE(j["lessons"].empty());
    for (const auto& lesson : j["lessons"]) {
        const fs::path path = lesson["path"].get<std::string>();
        EXPECT_TRUE(path.is_absolute()) << path;
        EXPECT_EQ(path.filename(), lesson["file"].get<std::string>());
        EXPECT_EQ(fs::weakly_canonical(path.parent_path()),
                  fs::weakly_canonical(kAssets / "lessons"));
    }
}

TEST(NamesOnTheCommandLine, DashesAndUnderscoresAreAlike) {
    const std::vector<std::string> sample = {LOSSLAB_BINARY, "backprop", "--x",   "0.5,-1",   "--W",
                                             "1,2;3,4;-1,0", "--b",      "0,0,0", "--target", "1"};
    auto backprop = [&sample](std::vector<std::string> loss) {
        std::vector<std::string> args = sample;
        args.insert(args.end(), loss.begin(), loss.end());
        return runProcess(args);
    };
    const ProcessResult underscore = backprop({"--loss", "hinge_ww"});
    ASSERT_EQ(underscore.exitCode, 0) << underscore.err;
    // The multiclass hinge: max(0, -1.5 + 2.5 + 1) + max(0, -0.5 + 2.5 + 1) = 5.
    EXPECT_NE(underscore.out.find("\"loss\": 5}"), std::string::npos) << underscore.out;
    for (const std::vector<std::string>& dashed :
         {std::vector<std::string>{"--loss", "hinge-ww"}, {"--loss=hinge-ww"}}) {
        const ProcessResult r = backprop(dashed);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(r.out, underscore.out);
    }
    // A file name keeps its dashes: only name options are rewritten.
    const ProcessResult missing = runProcess({LOSSLAB_BINARY, "check-scene", "no-such-scene.json"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.err.find("no-such-scene.json"), std::string::npos) << missing.err;
}

TEST(NamesOnTheCommandLine, AWorkspaceAndAFileGivenAlone) {
    const fs::path folder =
        fs::temp_directory_path() / ("losslab_positional_" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const std::string statePath = (folder / "state.json").string();
    // What a file manager runs for `Exec=losslab %f`: the scene file alone.
    const ProcessResult r =
        runProcess({LOSSLAB_BINARY, "--headless", "--size", "640x400", "--bench-frames", "2",
                    "--workspace", "logit-lab", "--print-state-on-exit", statePath,
                    (kAssets / "scenes" / "04-large-logits.json").string()},
                   headlessEnv());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream in(statePath);
    const auto state = nlohmann::json::parse(in);
    EXPECT_EQ(state["workspace"], "logit_lab");
    EXPECT_NE(state["logits"], nlohmann::json::parse("[3.2, 5.1, -1.7]"));  // the scene's
    fs::remove_all(folder);
}

}  // namespace
}  // namespace losslab
