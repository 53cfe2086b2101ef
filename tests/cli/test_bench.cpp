// `losslab --bench-frames N [--bench-activity drag|train|train_drag]`: the frame-time JSON, and
// that the activity really happens (a benchmark that measures a still scene while claiming a drag
// would report the wrong number). Headless, so no X server is needed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../support/run_process.hpp"

namespace losslab {
namespace {

using testing::ProcessResult;
using testing::runProcess;
namespace fs = std::filesystem;

std::vector<std::string> headlessEnv() {
    std::vector<std::string> env = {"DISPLAY=", "WAYLAND_DISPLAY="};
    if (std::string(LOSSLAB_GL_SANITIZER_ENV).size() > 0) env.push_back(LOSSLAB_GL_SANITIZER_ENV);
    return env;
}

struct BenchRun {
    ProcessResult process;
    nlohmann::json report;  // the JSON line on stdout
    nlohmann::json state;   // --print-state-on-exit
};

BenchRun runBench(std::vector<std::string> extra) {
    const fs::path folder =
        fs::temp_directory_path() / ("losslab_bench_" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const std::string statePath = (folder / "state.json").string();
    std::vector<std::string> args = {LOSSLAB_BINARY,          "--headless", "--size", "640x400",
                                     "--print-state-on-exit", statePath};
    args.insert(args.end(), extra.begin(), extra.end());
    BenchRun run;
    run.process = runProcess(args, headlessEnv());
    if (run.process.exitCode == 0) {
        run.report = nlohmann::json::parse(run.process.out, nullptr, false);
        std::ifstream in(statePath);
        run.state = nlohmann::json::parse(in, nullptr, false);
    }
    fs::remove_all(folder);
    return run;
}

TEST(BenchCli, StillSceneReportsFrameTimes) {
    const BenchRun run = runBench({"--bench-frames", "6"});
    ASSERT_EQ(run.process.exitCode, 0) << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_EQ(run.report["frames"], 6);
    EXPECT_EQ(run.report["activity"], "none");
    EXPECT_EQ(run.report["width"], 640);
    EXPECT_EQ(run.report["height"], 400);
    const double p50 = run.report["p50_ms"], p95 = run.report["p95_ms"], max = run.report["max_ms"];
    EXPECT_GT(p50, 0.0);
    EXPECT_LE(p50, p95);
    EXPECT_LE(p95, max);
    EXPECT_GT(run.report["p50_vertices"].get<double>(), 100.0);  // a whole UI was drawn
    EXPECT_GE(run.report["p50_draw_calls"].get<double>(), 6.0);  // at least one per panel
    // Nothing moved: the default scene's logits are as loaded.
    EXPECT_EQ(run.state["logits"], nlohmann::json::parse("[3.2, 5.1, -1.7]"));
}

TEST(BenchCli, DragMovesTheTrueClassLogitEveryFrame) {
    // Before frame f the true class (cat, 3.2) is set to 3.2 + 2 sin(0.07 f); the last frame is
    // f = 9, so the logit ends at 3.2 + 2 sin(0.63).
    const BenchRun run = runBench({"--bench-frames", "10", "--bench-activity", "drag"});
    ASSERT_EQ(run.process.exitCode, 0) << run.process.err;
    EXPECT_EQ(run.report["activity"], "drag");
    ASSERT_TRUE(run.state.is_object());
    EXPECT_EQ(run.state["true_class"], 0);
    EXPECT_NEAR(run.state["logits"][0].get<double>(), 3.2 + 2.0 * std::sin(0.07 * 9), 1e-12);
    EXPECT_EQ(run.state["logits"][1], 5.1);  // the others stay
    EXPECT_EQ(run.state["logits"][2], -1.7);
}

TEST(BenchCli, TrainPlaysFromTheFirstFrame) {
    const BenchRun run =
        runBench({"--bench-frames", "8", "--bench-activity", "train", "--workspace", "training"});
    ASSERT_EQ(run.process.exitCode, 0) << run.process.err;
    EXPECT_EQ(run.report["activity"], "train");
    // One step per frame (the default steps per frame) given to the training thread, which
    // finishes them as it can: some, and never more than the frames asked for.
    const double steps = run.report["training_steps"].get<double>();
    EXPECT_GE(steps, 1.0);
    EXPECT_LE(steps, 8.0);
    // The run's wall time covers its frames, the longest included.
    EXPECT_GE(run.report["wall_s"].get<double>() * 1000.0, run.report["max_ms"].get<double>());
}

TEST(BenchCli, TrainDragMovesTheFirstPointEveryFrameWhileTraining) {
    const BenchRun run = runBench(
        {"--bench-frames", "9", "--bench-activity", "train_drag", "--workspace", "training"});
    ASSERT_EQ(run.process.exitCode, 0) << run.process.err;
    EXPECT_EQ(run.report["activity"], "train_drag");
    EXPECT_GE(run.report["training_steps"].get<double>(), 1.0);
    // Frame 8's position on the circle, and no point added or lost by the drag.
    ASSERT_TRUE(run.state.contains("first_training_point")) << run.state.dump();
    EXPECT_NEAR(run.state["first_training_point"][0].get<double>(), std::cos(0.05 * 8), 1e-12);
    EXPECT_NEAR(run.state["first_training_point"][1].get<double>(), std::sin(0.05 * 8), 1e-12);
    const BenchRun still = runBench({"--bench-frames", "3", "--workspace", "training"});
    EXPECT_EQ(run.state["training_points"], still.state["training_points"]);
}

TEST(BenchCli, FocusStartsWithThosePanelsInTheirWorkspace) {
    const BenchRun one = runBench({"--bench-frames", "3", "--focus", "simplex"});
    ASSERT_EQ(one.process.exitCode, 0) << one.process.err;
    EXPECT_EQ(one.state["focus"], nlohmann::json::parse(R"(["simplex"])"));
    EXPECT_EQ(one.state["workspace"], "geometry");
    const BenchRun two =
        runBench({"--bench-frames", "3", "--focus", "classifier,losses", "--theme", "projector"});
    ASSERT_EQ(two.process.exitCode, 0) << two.process.err;
    EXPECT_EQ(two.state["focus"], nlohmann::json::parse(R"(["classifier", "losses"])"));
    EXPECT_EQ(two.state["workspace"], "training");
    EXPECT_EQ(two.state["theme"], "projector");
}

TEST(BenchCli, ABadFocusIsAOneLineError) {
    for (const char* focus : {"simplx", "simplex,simplex", "a,b,c", ""}) {
        ProcessResult r = runProcess(
            {LOSSLAB_BINARY, "--headless", "--bench-frames", "2", "--focus", focus}, headlessEnv());
        EXPECT_EQ(r.exitCode, 2) << focus;
        EXPECT_NE(r.err.find("--focus"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
    }
}

TEST(BenchCli, ActivityNeedsFramesAndAKnownName) {
    ProcessResult alone =
        runProcess({LOSSLAB_BINARY, "--headless", "--bench-activity", "drag"}, headlessEnv());
    EXPECT_EQ(alone.exitCode, 2);
    EXPECT_NE(alone.err.find("--bench-frames"), std::string::npos) << alone.err;
    ProcessResult unknown = runProcess(
        {LOSSLAB_BINARY, "--headless", "--bench-frames", "3", "--bench-activity", "spin"},
        headlessEnv());
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("spin"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace losslab
