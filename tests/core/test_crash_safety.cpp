// Nothing lost: a process killed (SIGKILL) at random moments while it saves a scene again and
// again never leaves a torn file; the scene on disk always parses.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "losslab/scene.hpp"

namespace losslab {
namespace {

TEST(CrashSafety, KilledMidSaveNeverLeavesACorruptScene) {
    const std::string folder = ::testing::TempDir() + "/losslab-crash-" + std::to_string(getpid());
    std::filesystem::create_directories(folder);
    const std::string path = folder + "/autosave.json";
    Scene scene;
    scene.training.generator.points = 20000;  // ~1 MB of JSON: kills land mid-write
    ASSERT_FALSE(generateDataset(scene.training.generator, &scene.training.data));
    scene.training.data.points(0, 0) = 0.5;  // edited, so every point is written
    ASSERT_FALSE(saveSceneFile(path, scene));
    std::mt19937 rng(7);
    constexpr int kKills = 40;
    for (int round = 0; round < kKills; ++round) {
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            Scene mine = scene;
            for (long i = 0;; ++i) {
                mine.title = "save " + std::to_string(i);
                saveSceneFile(path, mine);
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 30000));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        Scene loaded;
        const auto error = loadSceneFile(path, &loaded);
        ASSERT_FALSE(error.has_value()) << "round " << round << ": " << *error;
        EXPECT_EQ(loaded.training.data.size(), 20000);
    }
    std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace losslab
