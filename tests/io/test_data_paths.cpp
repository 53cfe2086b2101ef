// Where the shipped data is found (io/data_paths.hpp): an install beside the executable wins
// over the source checkout's assets/, wherever the install was moved; a build tree, which has
// no share/losslab, reads the source assets.
#include "io/data_paths.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/scene_io.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;

class DataPaths : public ::testing::Test {
  protected:
    void SetUp() override {
        root = fs::path(::testing::TempDir()) /
               ("losslab-data-" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root);
        fs::create_directories(root / "source-assets" / "scenes");
        fs::create_directories(root / "prefix" / "bin");
    }
    void TearDown() override { fs::remove_all(root); }
    fs::path root;
};

TEST_F(DataPaths, AnInstallBesideTheExecutableComesBeforeTheSourceAssets) {
    fs::create_directories(root / "prefix" / "share" / "losslab" / "scenes");
    const std::string found = findDataFolder((root / "prefix" / "bin" / "losslab").string(),
                                             (root / "source-assets").string());
    EXPECT_EQ(fs::path(found), fs::weakly_canonical(root / "prefix" / "share" / "losslab"));
}

TEST_F(DataPaths, AMovedInstallIsFoundAtItsNewPlace) {
    fs::create_directories(root / "prefix" / "share" / "losslab" / "scenes");
    fs::rename(root / "prefix", root / "moved");
    const std::string found = findDataFolder((root / "moved" / "bin" / "losslab").string(),
                                             (root / "source-assets").string());
    EXPECT_EQ(fs::path(found), fs::weakly_canonical(root / "moved" / "share" / "losslab"));
}

TEST_F(DataPaths, WithoutAnInstallTheSourceAssetsAreUsed) {
    // A share/losslab without scenes/ is not LossLab's data (e.g. an empty folder in a prefix).
    fs::create_directories(root / "prefix" / "share" / "losslab");
    EXPECT_EQ(findDataFolder((root / "prefix" / "bin" / "losslab").string(),
                             (root / "source-assets").string()),
              (root / "source-assets").string());
    EXPECT_EQ(findDataFolder("", (root / "source-assets").string()),
              (root / "source-assets").string());
}

TEST(DataPathsOfThisBuild, TheBuildTreeReadsTheSourceCheckoutsPresetsAndLessons) {
    // The test binary lives in the build tree, which has no share/losslab.
    EXPECT_EQ(fs::weakly_canonical(dataFolder()),
              fs::weakly_canonical(fs::path(LOSSLAB_SOURCE_DIR) / "assets"));
    EXPECT_EQ(fs::path(presetFolder()), fs::path(dataFolder()) / "scenes");
    EXPECT_TRUE(fs::is_directory(dataPath("lessons")));
}

}  // namespace
}  // namespace losslab
