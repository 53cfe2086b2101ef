// `losslab lesson check` and `losslab lesson list` (docs/lessons.md): the JSON contract, exit codes
// 0, 1 and 2 with one line on stderr, and every built-in lesson passing its own checks.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../support/run_process.hpp"
#include "losslab/lesson.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;
using testing::runProcess;

testing::ProcessResult lesson(std::vector<std::string> args) {
    args.insert(args.begin(), {LOSSLAB_BINARY, "lesson"});
    return runProcess(args);
}

// A folder of its own for each test, removed at the end.
class LessonCli : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::path(::testing::TempDir()) /
               ("losslab-lesson-cli-" + std::to_string(getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string write(const std::string& name, const std::string& text) {
        const fs::path path = dir_ / name;
        std::ofstream(path) << text;
        return path.string();
    }

    fs::path dir_;
};

bool isOneLine(const std::string& text) {
    return !text.empty() && text.back() == '\n' && std::count(text.begin(), text.end(), '\n') == 1;
}

TEST_F(LessonCli, CheckPrintsTheJsonOfSpec) {
    const std::string file = write("good.md",
                                   "# A good lesson\n"
                                   "## Look\n"
                                   "```losslab\n"
                                   "expect = K == 3\n"
                                   "```\n"
                                   "## Win\n"
                                   "```losslab\n"
                                   "task = prediction == 0\n"
                                   "solution.logits = 9, 5.1, -1.7\n"
                                   "```\n");
    const auto r = lesson({"check", file});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty());
    // Exactly docs/lessons.md keys, nesting and order.
    EXPECT_EQ(
        r.out,
        "{\"files\": [{\"file\": \"" + file +
            "\", \"title\": \"A good lesson\", \"steps\": ["
            "{\"title\": \"Look\", \"expects\": [{\"expr\": \"K == 3\", \"ok\": true}], "
            "\"task\": null}, "
            "{\"title\": \"Win\", \"expects\": [], \"task\": {\"expr\": \"prediction == 0\", "
            "\"at_start\": false, \"with_solution\": true}}], \"ok\": true}], \"ok\": true}\n");
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["ok"].get<bool>());
    EXPECT_TRUE(j["files"][0]["steps"][0]["task"].is_null());
}

TEST_F(LessonCli, ScenesNextToTheLessonAndPresets) {
    write("two.json",
          R"({"version": 1, "logits": {"values": [1, 2, 3, 4], "class_names": ["a", "b", "c", "d"]},
              "training": {"classes": 3}})");
    const std::string file = write("scenes.md",
                                   "# Scenes\n## Near\n```losslab\nscene = two.json\n"
                                   "expect = K == 4 && s3 == 4\n```\n## Preset\n```losslab\n"
                                   "scene = 02-svm-vs-softmax.json\nexpect = loss.hinge_ww == 0\n"
                                   "expect = s0 == 10\n```\n");
    const auto r = lesson({"check", file});
    ASSERT_EQ(r.exitCode, 0) << r.err << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["files"][0]["steps"][1]["expects"][1]["ok"].get<bool>());
}

TEST_F(LessonCli, FailingExpectsAndTasksExitOne) {
    const std::string good = write("good.md", "# G\n## S\n```losslab\nexpect = K == 3\n```\n");
    const std::string bad = write("bad.md",
                                  "# B\n## S\n```losslab\nexpect = K == 3\nexpect = p0 > 0.5\n"
                                  "task = s0 > s1\nsolution.logits = 1, 2, 3\n```\n");
    const auto r = lesson({"check", good, bad});
    ASSERT_EQ(r.exitCode, 1) << r.err;
    EXPECT_TRUE(r.err.empty());
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_FALSE(j["ok"].get<bool>());
    ASSERT_EQ(j["files"].size(), 2u);
    EXPECT_TRUE(j["files"][0]["ok"].get<bool>());
    EXPECT_FALSE(j["files"][1]["ok"].get<bool>());
    const auto& step = j["files"][1]["steps"][0];
    EXPECT_TRUE(step["expects"][0]["ok"].get<bool>());
    EXPECT_FALSE(step["expects"][1]["ok"].get<bool>());
    EXPECT_EQ(step["expects"][1]["expr"], "p0 > 0.5");
    EXPECT_FALSE(step["task"]["at_start"].get<bool>());
    EXPECT_FALSE(step["task"]["with_solution"].get<bool>());
}

TEST_F(LessonCli, BrokenFilesExitTwoWithOneLine) {
    struct Broken {
        std::string name, text, message;
    };
    const std::vector<Broken> cases = {
        {"key.md", "# T\n## S\n```losslab\nlogits = 1, 2\nlogts = 1, 2\n```\n",
         ":5: unknown key 'logts'"},
        {"number.md", "# T\n## S\n```losslab\ntemperature = warm\n```\n",
         ":4: temperature: 'warm' is not a number"},
        {"name.md", "# T\n## S\ntext\n```losslab\nexpect = loss.hinge > 0\n```\n",
         ":5: expect 'loss.hinge > 0': unknown name 'loss.hinge'"},
        {"apply.md", "# T\n## S\n```losslab\ntarget = dog\n```\n",
         ":4: target: 'dog' is neither a class index nor a class name (cat, car, frog)"},
        {"notitle.md", "## S\n", ":1: no title: a lesson starts with a '# ' heading"},
        {"regress.md", "# T\n## S\n```losslab\nreg.steps = 10\n```\n",
         ":2: reg.steps: gradient-descent steps need reg.solver = gd"},
    };
    const std::string good = write("good.md", "# G\n## S\n");
    for (const Broken& c : cases) {
        const std::string file = write(c.name, c.text);
        const auto r = lesson({"check", good, file});
        EXPECT_EQ(r.exitCode, 2) << c.name;
        EXPECT_TRUE(r.out.empty()) << c.name << ": " << r.out;
        EXPECT_EQ(r.err, "losslab lesson check: " + file + c.message + "\n");
        EXPECT_TRUE(isOneLine(r.err)) << r.err;
    }
    const std::string missing = (dir_ / "absent.md").string();
    const auto r = lesson({"check", missing});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(r.err.rfind("losslab lesson check: " + missing + ": cannot open", 0), 0u) << r.err;
    EXPECT_TRUE(isOneLine(r.err)) << r.err;
    EXPECT_NE(lesson({"check"}).exitCode, 0);
    EXPECT_NE(lesson({}).exitCode, 0);
}

// Every lesson shipped in assets/lessons (found when the test runs, so lessons added later are
// checked too) passes `lesson check`.
TEST(LessonAssets, EveryBuiltInLessonPassesCheck) {
    std::vector<std::string> files;
    for (const auto& entry :
         fs::directory_iterator(fs::path(LOSSLAB_SOURCE_DIR) / "assets" / "lessons")) {
        if (entry.path().extension() == ".md") files.push_back(entry.path().string());
    }
    ASSERT_FALSE(files.empty());
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
        const auto r = lesson({"check", file});
        EXPECT_EQ(r.exitCode, 0) << file << "\n" << r.err << r.out;
        if (r.exitCode == 0) {
            EXPECT_TRUE(nlohmann::json::parse(r.out)["ok"].get<bool>());
        }
    }
}

TEST(LessonAssets, ListShowsTheBuiltInLessonsSorted) {
    const auto r = lesson({"list"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    std::vector<std::string> expected;
    for (const auto& entry :
         fs::directory_iterator(fs::path(LOSSLAB_SOURCE_DIR) / "assets" / "lessons")) {
        if (entry.path().extension() == ".md") expected.push_back(entry.path().filename());
    }
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(j["lessons"].size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(j["lessons"][i]["file"], expected[i]);
        EXPECT_FALSE(j["lessons"][i].contains("error")) << j["lessons"][i].dump();
        // Title and step count as the parser reads the file itself.
        Lesson parsed;
        const fs::path file = fs::path(LOSSLAB_SOURCE_DIR) / "assets" / "lessons" / expected[i];
        ASSERT_FALSE(loadLessonFile(file.string(), &parsed)) << file;
        EXPECT_EQ(j["lessons"][i]["title"], parsed.title);
        EXPECT_EQ(j["lessons"][i]["steps"], parsed.steps.size());
    }
    EXPECT_EQ(j["lessons"][0]["file"], "000-k-class-losses.md");
}

TEST_F(LessonCli, ListNamesBrokenLessons) {
    write("b-broken.md", "# Broken\n## S\n```losslab\nwat = 1\n```\n");
    write("a-fine.md", "# Fine\n## One\n## Two\n");
    write("notes.txt", "not a lesson");
    const auto r = lesson({"list", "--dir", dir_.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["lessons"].size(), 2u);
    EXPECT_EQ(j["lessons"][0]["file"], "a-fine.md");
    EXPECT_EQ(j["lessons"][0]["title"], "Fine");
    EXPECT_EQ(j["lessons"][0]["steps"], 2);
    EXPECT_EQ(j["lessons"][1]["file"], "b-broken.md");
    EXPECT_EQ(j["lessons"][1]["error"], (dir_ / "b-broken.md").string() + ":4: unknown key 'wat'");
    EXPECT_FALSE(j["lessons"][1].contains("title"));
    const auto missing = lesson({"list", "--dir", (dir_ / "nowhere").string()});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(isOneLine(missing.err)) << missing.err;
}

}  // namespace
}  // namespace losslab
