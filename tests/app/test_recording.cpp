// "Record": a panel's pixels, frame after frame, into a video encoded on a worker thread.
// Headless frames advance ImGui's clock by 1/60 s, so 60 frames are one second of video.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/session_fixture.hpp"
#include "state/model_edit.hpp"
#include "support/decode_video.hpp"
#include "ui/panel_export.hpp"

namespace losslab {
namespace {

namespace fs = std::filesystem;
using testing::DecodedVideo;
using testing::decodeVideo;

class Recording : public testing::HeadlessSession {};

TEST_F(Recording, APanelRecordsAtTheVideosRateUntilStopped) {
    const fs::path folder = fs::path(::testing::TempDir()) / "losslab-recording";
    fs::remove_all(folder);
    fs::create_directories(folder);
    setenv("XDG_PICTURES_DIR", folder.c_str(), 1);
    startRecording(state(), "logits", ".mp4");
    const std::string path = state().recording.path;
    EXPECT_EQ(fs::path(path).parent_path(), folder / "LossLab");
    frames(1);
    const RecordingState& recording = state().recording;
    ASSERT_TRUE(recording.active);
    EXPECT_GT(recording.width, 100.0f);  // the Logits panel's window, as placed
    // One second at 60 frames a second of UI, while a logit changes: 30 video frames.
    for (int i = 0; i < 60; ++i) {
        setLogit(state(), 0, -3.0 + 0.1 * i);
        frames(1);
    }
    state().recording.stopRequested = true;
    for (int i = 0; i < 600 && (state().recording.active || !fs::exists(path)); ++i)
        frames(1);
    ASSERT_TRUE(fs::exists(path));
    EXPECT_FALSE(state().recording.active);
    const DecodedVideo video = decodeVideo(path);
    ASSERT_TRUE(video.error.empty()) << video.error;
    EXPECT_EQ(video.codec, AV_CODEC_ID_H264);
    EXPECT_EQ(video.width % 2, 0);
    EXPECT_NEAR(video.frames, 31, 1);
    // The bar moved: the first and last pictures differ.
    ASSERT_EQ(video.first.size(), video.last.size());
    EXPECT_NE(video.first, video.last);
    unsetenv("XDG_PICTURES_DIR");
}

}  // namespace
}  // namespace losslab
