// `losslab animate` (docs/command-line.md): a panel's figure frame by frame. Each video is read
// back with FFmpeg's decoders: its codec, size and frame count, and that training moves the
// picture; bad input fails with one line and leaves no file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/decode_video.hpp"
#include "support/output_folder.hpp"
#include "support/run_process.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;
using testing::DecodedVideo;
using testing::decodeVideo;
using testing::runProcess;

class AnimateCli : public ::testing::Test {
  protected:
    testing::ProcessResult animate(std::vector<std::string> args) {
        args.insert(args.begin(), {LOSSLAB_BINARY, "animate"});
        return runProcess(args, {"DISPLAY=", "WAYLAND_DISPLAY="});
    }
    std::string scene(const char* name) const {
        return std::string(LOSSLAB_SOURCE_DIR) + "/assets/scenes/" + name;
    }
    std::vector<std::string> files() const { return output.files(); }
    testing::OutputFolder output{"losslab-animate"};
    const fs::path& folder = output.path();
};

// The fraction of bytes that differ between two frames.
double changed(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    if (a.size() != b.size() || a.empty()) return 1.0;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        differ += a[i] != b[i];
    return static_cast<double>(differ) / static_cast<double>(a.size());
}

TEST_F(AnimateCli, TrainingIsAnH264FrameAnUpdateThatChanges) {
    const std::string out = (folder / "spiral.mp4").string();
    const auto r = animate({"--scene", scene("07-spiral-features.json"), "--panel", "classifier",
                            "--out", out, "--train", "24", "--size", "320x240"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, out + "\n");
    const DecodedVideo video = decodeVideo(out);
    ASSERT_TRUE(video.error.empty()) << video.error;
    EXPECT_EQ(video.codec, AV_CODEC_ID_H264);
    EXPECT_EQ(video.pixelFormat, AV_PIX_FMT_YUV420P);
    EXPECT_EQ(video.width, 320);
    EXPECT_EQ(video.height, 240);
    EXPECT_EQ(video.frames, 25);  // step 0 and one a update
    // The regions of a trained classifier are not those of the zero weights.
    EXPECT_GT(changed(video.first, video.last), 0.05);
    EXPECT_EQ(files(), std::vector<std::string>{"spiral.mp4"});
}

TEST_F(AnimateCli, StepsPerFrameSetHowManyFrames) {
    const std::string out = (folder / "curves.webm").string();
    const auto r =
        animate({"--scene", scene("07-spiral-features.json"), "--panel", "training", "--out", out,
                 "--train", "20", "--steps-per-frame", "3", "--size", "320x240"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const DecodedVideo video = decodeVideo(out);
    EXPECT_EQ(video.codec, AV_CODEC_ID_VP9);
    EXPECT_EQ(video.frames, 1 + 7);  // ⌈20 / 3⌉ updates of up to 3 steps, after step 0
    EXPECT_GT(changed(video.first, video.last), 0.01);
}

TEST_F(AnimateCli, ASweepIsALoopingGifAFrameAValue) {
    const std::string out = (folder / "temperature.gif").string();
    const auto r = animate({"--panel", "simplex", "--out", out, "--sweep", "temperature=0.25:4:6",
                            "--size", "300x200", "--fps", "10"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const DecodedVideo video = decodeVideo(out);
    EXPECT_EQ(video.codec, AV_CODEC_ID_GIF);
    EXPECT_EQ(video.width, 300);
    EXPECT_EQ(video.height, 200);
    EXPECT_EQ(video.frames, 6);
    EXPECT_GT(changed(video.first, video.last), 0.01);
}

TEST_F(AnimateCli, TheDescentTakesAFrameAStep) {
    const std::string out = (folder / "descent.mp4").string();
    const auto r =
        animate({"--panel", "surface", "--out", out, "--descend", "10", "--size", "320x240"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const DecodedVideo video = decodeVideo(out);
    EXPECT_EQ(video.frames, 11);
    EXPECT_GT(changed(video.first, video.last), 0.001);  // the path grows, the point moves
}

TEST_F(AnimateCli, BadInputFailsWithOneLineAndLeavesNoFile) {
    const std::string mp4 = (folder / "x.mp4").string();
    const std::vector<std::vector<std::string>> cases = {
        {"--panel", "nope", "--out", mp4, "--train", "5"},
        {"--panel", "batch", "--out", mp4, "--train", "5"},
        {"--panel", "classifier", "--out", (folder / "x.avi").string(), "--train", "5"},
        {"--panel", "classifier", "--out", (folder / "no" / "x.mp4").string(), "--train", "5"},
        {"--panel", "classifier", "--out", mp4},  // no source
        {"--panel", "classifier", "--out", mp4, "--size", "0x0", "--train", "5"},
        {"--panel", "classifier", "--out", mp4, "--size", "321x240", "--train", "5"},  // odd
        {"--panel", "surface", "--out", mp4, "--descend", "500"},
        {"--panel", "simplex", "--out", mp4, "--sweep", "temperature=1:2:1"},
        {"--panel", "simplex", "--out", mp4, "--sweep", "depth=1:2:3"},
        {"--panel", "simplex", "--out", mp4, "--theme", "neon", "--sweep", "gamma=0:2:3"},
    };
    for (const auto& args : cases) {
        const auto r = animate(args);
        std::string joined;
        for (const auto& a : args)
            joined += a + " ";
        EXPECT_NE(r.exitCode, 0) << joined;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined << r.err;
        EXPECT_EQ(r.err.rfind("losslab animate: ", 0), 0u) << joined << r.err;
        EXPECT_TRUE(files().empty()) << joined;
    }
}

}  // namespace
}  // namespace losslab
