// The session's files (io/autosave.hpp): each running instance saves to a file of its own; a
// clean end keeps the session as autosave.json and removes the instance's files; a session whose
// process is gone is found with its title and time; temporary files of ended processes are
// removed; a folder that cannot be written is reported.
#include "io/autosave.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/scene_io.hpp"
#include "losslab/scene.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;

// The id of a process that has ended (a child that exited and was reaped).
long endedProcessId() {
    const pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);
    return static_cast<long>(child);
}

class Autosave : public ::testing::Test {
  protected:
    void SetUp() override {
        folder = fs::path(::testing::TempDir()) /
                 ("losslab-autosave-" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(folder);
    }
    void TearDown() override { fs::remove_all(folder); }
    AppState stateWithTitle(const std::string& title) {
        AppState state;
        state.sceneTitle = title;
        return state;
    }
    fs::path folder;
};

TEST_F(Autosave, TwoInstancesKeepTwoAutosavesAndACleanEndKeepsTheSession) {
    const AutosavePaths mine = autosavePathsIn(folder.string(), getpid());
    const AutosavePaths other = autosavePathsIn(folder.string(), getpid() + 1000000);
    EXPECT_NE(mine.scene, other.scene);
    EXPECT_NE(mine.lock, other.lock);
    ASSERT_FALSE(beginSession(mine));
    EXPECT_TRUE(fs::exists(mine.lock));
    ASSERT_FALSE(autosave(mine, stateWithTitle("mine")));
    ASSERT_FALSE(autosave(other, stateWithTitle("other")));
    EXPECT_TRUE(fs::exists(mine.scene));
    EXPECT_TRUE(fs::exists(other.scene));

    ASSERT_FALSE(endSession(mine, stateWithTitle("mine at the end")));
    EXPECT_FALSE(fs::exists(mine.lock));
    EXPECT_FALSE(fs::exists(mine.scene));
    EXPECT_TRUE(fs::exists(other.scene));  // the other instance's file is its own
    Scene last;
    ASSERT_FALSE(loadSceneFile(mine.last, &last));
    EXPECT_EQ(last.title, "mine at the end");
}

TEST_F(Autosave, SessionsWhoseProcessEndedAreOfferedNewestFirst) {
    const AutosavePaths me = autosavePathsIn(folder.string(), getpid());
    ASSERT_FALSE(beginSession(me));
    // Two crashed sessions (lock and autosave left behind), one that ended without saving
    // anything yet (only a lock), and this running one.
    const AutosavePaths older = autosavePathsIn(folder.string(), endedProcessId());
    const AutosavePaths newer = autosavePathsIn(folder.string(), endedProcessId());
    const AutosavePaths empty = autosavePathsIn(folder.string(), endedProcessId());
    for (const AutosavePaths* crashed : {&older, &newer, &empty})
        std::ofstream(crashed->lock) << "crashed\n";
    ASSERT_FALSE(autosave(older, stateWithTitle("Older")));
    ASSERT_FALSE(autosave(newer, stateWithTitle("Newer")));
    fs::last_write_time(older.scene, fs::last_write_time(newer.scene) - std::chrono::hours(1));
    ASSERT_FALSE(autosave(me, stateWithTitle("running")));

    const std::vector<UncleanSession> found = findUncleanSessions(me);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].title, "Newer");
    EXPECT_EQ(found[0].path, newer.scene);
    EXPECT_EQ(found[1].title, "Older");
    EXPECT_NEAR(static_cast<double>(found[0].savedAt - found[1].savedAt), 3600.0, 5.0);
    EXPECT_NEAR(static_cast<double>(found[0].savedAt), static_cast<double>(std::time(nullptr)),
                60.0);

    dismissUncleanSessions(found);
    EXPECT_FALSE(fs::exists(older.scene));
    EXPECT_FALSE(fs::exists(newer.lock));
    EXPECT_TRUE(findUncleanSessions(me).empty());
    EXPECT_TRUE(fs::exists(me.scene));  // the running session is never touched
}

TEST_F(Autosave, TemporaryFilesOfEndedProcessesAreRemoved) {
    fs::create_directories(folder);
    const fs::path stale = folder / ("session-5.json.tmp-" + std::to_string(endedProcessId()));
    const fs::path live = folder / ("autosave.json.tmp-" + std::to_string(getpid()));
    std::ofstream(stale) << "{";
    std::ofstream(live) << "{";
    ASSERT_FALSE(beginSession(autosavePathsIn(folder.string(), getpid())));
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(live));  // this process (a LossLab test) may be writing it
}

TEST_F(Autosave, AFolderThatCannotBeWrittenIsReported) {
    // A file where the folder should be: no process, not even root's, can write into it.
    fs::create_directories(folder);
    const fs::path blocked = folder / "losslab";
    std::ofstream(blocked) << "not a folder";
    const auto error = beginSession(autosavePathsIn(blocked.string(), getpid()));
    ASSERT_TRUE(error);
    EXPECT_NE(error->find(blocked.string()), std::string::npos) << *error;
}

}  // namespace
}  // namespace losslab
