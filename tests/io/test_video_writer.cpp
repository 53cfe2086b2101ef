// Video export (app/io/video_writer, app/io/async_video_writer): every file written here is
// read back with FFmpeg's own demuxers and decoders, so the tests check what a player sees:
// codec, size, pixel format, frame count, colours, the GIF's loop, and that a failed or
// abandoned video leaves nothing behind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/async_video_writer.hpp"
#include "io/video_writer.hpp"

#include "support/decode_video.hpp"

namespace {

namespace fs = std::filesystem;
using namespace losslab;
using losslab::testing::DecodedVideo;
using losslab::testing::decodeVideo;
using losslab::testing::Rgb;

constexpr Rgb kBackground{40, 90, 160};
constexpr Rgb kBox{230, 159, 0};  // a flat box that never moves
constexpr Rgb kBar{255, 255, 255};
constexpr int kBarWidth = 16;

int barLeft(int frame) {
    return 10 + 8 * frame;
}

// A plot-like frame: flat background, a fixed box, and a white bar that moves right in the
// lower half as `frame` grows.
std::vector<std::uint8_t> syntheticFrame(int width, int height, int frame) {
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * height * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            Rgb c = kBackground;
            if (x >= 20 && x < 100 && y >= 20 && y < 80) c = kBox;
            if (y >= height / 2 && x >= barLeft(frame) && x < barLeft(frame) + kBarWidth) c = kBar;
            std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * width + x) * 4];
            p[0] = static_cast<std::uint8_t>(c.r);
            p[1] = static_cast<std::uint8_t>(c.g);
            p[2] = static_cast<std::uint8_t>(c.b);
            p[3] = 255;
        }
    }
    return rgba;
}

::testing::AssertionResult colourNear(Rgb actual, Rgb expected, int tolerance) {
    if (std::abs(actual.r - expected.r) <= tolerance &&
        std::abs(actual.g - expected.g) <= tolerance &&
        std::abs(actual.b - expected.b) <= tolerance)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "(" << actual.r << ", " << actual.g << ", " << actual.b << ") is not within "
           << tolerance << " of (" << expected.r << ", " << expected.g << ", " << expected.b << ")";
}

class VideoWriterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        folder_ = fs::temp_directory_path() /
                  ("losslab-video-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder_);
        fs::create_directories(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }

    std::string pathOf(const std::string& name) const { return (folder_ / name).string(); }

    // Everything in the test's folder, to check that no temporary file was left.
    std::vector<std::string> folderContents() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(folder_))
            names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    // Writes `frames` synthetic frames and finishes; returns the error ("" on success).
    static std::string writeVideo(const std::string& path, int width, int height, int frames) {
        VideoWriter writer;
        std::string error;
        if (!writer.open(path, width, height, 30, &error)) return error;
        for (int i = 0; i < frames; ++i) {
            const auto rgba = syntheticFrame(width, height, i);
            if (!writer.addFrame(rgba.data(), width * 4, &error)) return error;
        }
        if (!writer.finish(&error)) return error;
        return "";
    }

    // The moving bar, the fixed box and the background are where and what they were written.
    static void expectSyntheticContent(const DecodedVideo& video, int frames, int tolerance) {
        const int y = video.height * 3 / 4;
        const int firstBar = barLeft(0) + kBarWidth / 2;
        const int lastBar = barLeft(frames - 1) + kBarWidth / 2;
        EXPECT_TRUE(colourNear(video.pixel(video.first, firstBar, y), kBar, tolerance));
        EXPECT_TRUE(colourNear(video.pixel(video.last, firstBar, y), kBackground, tolerance));
        EXPECT_TRUE(colourNear(video.pixel(video.last, lastBar, y), kBar, tolerance));
        EXPECT_TRUE(colourNear(video.pixel(video.first, 60, 50), kBox, tolerance));
        EXPECT_TRUE(colourNear(video.pixel(video.last, 60, 50), kBox, tolerance));
        EXPECT_TRUE(
            colourNear(video.pixel(video.last, video.width - 20, 20), kBackground, tolerance));
        EXPECT_NE(video.first, video.last);
    }

    fs::path folder_;
};

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr int kFrames = 30;

TEST_F(VideoWriterTest, Mp4IsH264InYuv420pWithEveryFrame) {
    const std::string path = pathOf("bar.mp4");
    ASSERT_EQ(writeVideo(path, kWidth, kHeight, kFrames), "");
    EXPECT_EQ(folderContents(), std::vector<std::string>{"bar.mp4"});
    const DecodedVideo video = decodeVideo(path);
    ASSERT_EQ(video.error, "");
    EXPECT_EQ(video.codec, AV_CODEC_ID_H264);
    EXPECT_EQ(video.pixelFormat, AV_PIX_FMT_YUV420P);
    EXPECT_EQ(video.width, kWidth);
    EXPECT_EQ(video.height, kHeight);
    EXPECT_EQ(video.frames, kFrames);
    expectSyntheticContent(video, kFrames, 8);
}

TEST_F(VideoWriterTest, Mp4MovesItsIndexToTheFrontForStreaming) {
    const std::string path = pathOf("fast.mp4");
    ASSERT_EQ(writeVideo(path, kWidth, kHeight, 5), "");
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t moov = bytes.find("moov");
    const std::size_t mdat = bytes.find("mdat");
    ASSERT_NE(moov, std::string::npos);
    ASSERT_NE(mdat, std::string::npos);
    EXPECT_LT(moov, mdat);  // +faststart
}

TEST_F(VideoWriterTest, WebmIsVp9WithEveryFrame) {
    const std::string path = pathOf("bar.webm");
    ASSERT_EQ(writeVideo(path, kWidth, kHeight, kFrames), "");
    const DecodedVideo video = decodeVideo(path);
    ASSERT_EQ(video.error, "");
    EXPECT_EQ(video.codec, AV_CODEC_ID_VP9);
    EXPECT_EQ(video.pixelFormat, AV_PIX_FMT_YUV420P);
    EXPECT_EQ(video.width, kWidth);
    EXPECT_EQ(video.height, kHeight);
    EXPECT_EQ(video.frames, kFrames);
    expectSyntheticContent(video, kFrames, 10);
}

TEST_F(VideoWriterTest, WebmKeepsAnOddSize) {
    const std::string path = pathOf("odd.webm");
    ASSERT_EQ(writeVideo(path, 321, 241, 4), "");
    const DecodedVideo video = decodeVideo(path);
    EXPECT_EQ(video.width, 321);
    EXPECT_EQ(video.height, 241);
    EXPECT_EQ(video.frames, 4);
}

TEST_F(VideoWriterTest, GifHasExactColoursAndLoopsForever) {
    const std::string path = pathOf("bar.gif");
    ASSERT_EQ(writeVideo(path, kWidth, kHeight, kFrames), "");
    const DecodedVideo video = decodeVideo(path);
    ASSERT_EQ(video.error, "");
    EXPECT_EQ(video.codec, AV_CODEC_ID_GIF);
    EXPECT_EQ(video.width, kWidth);
    EXPECT_EQ(video.height, kHeight);
    EXPECT_EQ(video.frames, kFrames);
    // Three colours fit the palette exactly: no compression error at all.
    expectSyntheticContent(video, kFrames, 0);

    // The NETSCAPE2.0 application extension with a loop count of 0 means "forever".
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t netscape = bytes.find("NETSCAPE2.0");
    ASSERT_NE(netscape, std::string::npos);
    ASSERT_GE(bytes.size(), netscape + 15);
    EXPECT_EQ(bytes.substr(netscape + 11, 4), std::string("\x03\x01\x00\x00", 4));
}

TEST_F(VideoWriterTest, GifKeepsFlatFramesCompressedUntilFinish) {
    VideoWriter writer;
    std::string error;
    ASSERT_TRUE(writer.open(pathOf("kept.gif"), 640, 480, 30, &error)) << error;
    for (int i = 0; i < 10; ++i) {
        const auto rgba = syntheticFrame(640, 480, i);
        ASSERT_TRUE(writer.addFrame(rgba.data(), 640 * 4, &error)) << error;
    }
    // Ten raw frames would be 12 MB; flat colours pack to a few words a row.
    EXPECT_GT(writer.bufferedBytes(), 0u);
    EXPECT_LT(writer.bufferedBytes(), 10u * 640 * 480 * 4 / 20);
    ASSERT_TRUE(writer.finish(&error)) << error;
    EXPECT_EQ(writer.bufferedBytes(), 0u);
}

TEST_F(VideoWriterTest, GifOfNoiseRoundTripsThroughTheFrameStore) {
    // Pixels that never repeat exercise the store's literal runs; 8 grey levels fit the
    // palette, so every pixel must come back exactly.
    const int width = 64, height = 48;
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * height * 4);
    unsigned state = 12345;
    for (std::size_t i = 0; i < rgba.size(); i += 4) {
        state = state * 1103515245u + 12345u;
        const auto grey = static_cast<std::uint8_t>(((state >> 16) % 8) * 32);
        rgba[i] = rgba[i + 1] = rgba[i + 2] = grey;
        rgba[i + 3] = 255;
    }
    const std::string path = pathOf("noise.gif");
    VideoWriter writer;
    std::string error;
    ASSERT_TRUE(writer.open(path, width, height, 10, &error)) << error;
    ASSERT_TRUE(writer.addFrame(rgba.data(), width * 4, &error)) << error;
    ASSERT_TRUE(writer.finish(&error)) << error;
    const DecodedVideo video = decodeVideo(path);
    ASSERT_EQ(video.frames, 1);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * width + x) * 4];
            ASSERT_TRUE(colourNear(video.pixel(video.first, x, y), {p[0], p[1], p[2]}, 0))
                << "at " << x << ", " << y;
        }
}

TEST_F(VideoWriterTest, BottomUpRowsAreReadWithANegativeStride) {
    const std::string path = pathOf("flipped.gif");
    auto rgba = syntheticFrame(kWidth, kHeight, 0);
    // Store the rows bottom-up, as glReadPixels returns them.
    std::vector<std::uint8_t> bottomUp(rgba.size());
    const std::size_t row = kWidth * 4;
    for (int y = 0; y < kHeight; ++y)
        std::copy_n(&rgba[y * row], row, &bottomUp[(kHeight - 1 - y) * row]);
    VideoWriter writer;
    std::string error;
    ASSERT_TRUE(writer.open(path, kWidth, kHeight, 30, &error)) << error;
    ASSERT_TRUE(writer.addFrame(&bottomUp[(kHeight - 1) * row], -static_cast<int>(row), &error))
        << error;
    ASSERT_TRUE(writer.finish(&error)) << error;
    const DecodedVideo video = decodeVideo(path);
    EXPECT_TRUE(colourNear(video.pixel(video.first, 60, 50), kBox, 0));
    EXPECT_TRUE(colourNear(video.pixel(video.first, barLeft(0) + 2, kHeight * 3 / 4), kBar, 0));
}

TEST_F(VideoWriterTest, UnknownExtensionIsRefused) {
    const std::string path = pathOf("plot.avi");
    VideoWriter writer;
    std::string error;
    EXPECT_FALSE(writer.open(path, kWidth, kHeight, 30, &error));
    EXPECT_EQ(error, "unknown extension '.avi' of '" + path + "': use .mp4, .webm or .gif");
    EXPECT_FALSE(writer.open(pathOf("plot"), kWidth, kHeight, 30, &error));
    EXPECT_NE(error.find("unknown extension (none)"), std::string::npos) << error;
    EXPECT_TRUE(folderContents().empty());
}

TEST_F(VideoWriterTest, ExtensionIsCaseInsensitive) {
    VideoFormat format;
    std::string error;
    ASSERT_TRUE(videoFormatForPath("/x/Plot.MP4", &format, &error));
    EXPECT_EQ(format, VideoFormat::Mp4);
    ASSERT_TRUE(videoFormatForPath("a.b/c.WebM", &format, &error));
    EXPECT_EQ(format, VideoFormat::WebM);
    ASSERT_TRUE(videoFormatForPath("c.Gif", &format, &error));
    EXPECT_EQ(format, VideoFormat::Gif);
    EXPECT_FALSE(videoFormatForPath("folder.mp4/file", &format, &error));
}

TEST_F(VideoWriterTest, UnwritableFolderIsNamed) {
    const std::string missing = pathOf("no-such-folder/plot.mp4");
    VideoWriter writer;
    std::string error;
    EXPECT_FALSE(writer.open(missing, kWidth, kHeight, 30, &error));
    EXPECT_EQ(error, "cannot write '" + missing + "': No such file or directory");

    // A file where a folder should be: refused even for root, who may write anywhere.
    std::ofstream(pathOf("file.txt")) << "not a folder";
    const std::string underFile = pathOf("file.txt/plot.gif");
    EXPECT_FALSE(writer.open(underFile, kWidth, kHeight, 30, &error));
    EXPECT_EQ(error, "cannot write '" + underFile + "': Not a directory");
    EXPECT_EQ(folderContents(), std::vector<std::string>{"file.txt"});
}

TEST_F(VideoWriterTest, BadSizesAndRatesAreRefused) {
    VideoWriter writer;
    std::string error;
    const std::string path = pathOf("plot.mp4");
    EXPECT_FALSE(writer.open(path, 0, 0, 30, &error));
    EXPECT_EQ(error, "cannot write '" + path + "': size 0x0: width and height must be 1 to 16384");
    EXPECT_FALSE(writer.open(path, 641, 480, 30, &error));
    EXPECT_EQ(error, "cannot write '" + path +
                         "': size 641x480: H.264 (yuv420p) needs an even width and height");
    EXPECT_FALSE(writer.open(pathOf("plot.gif"), 64, 64, 0, &error));
    EXPECT_NE(error.find("fps 0: must be 1 to 240"), std::string::npos) << error;
    EXPECT_FALSE(writer.isOpen());
    EXPECT_TRUE(folderContents().empty());
}

TEST_F(VideoWriterTest, AddingAfterFinishIsRefusedAndTheVideoStays) {
    const std::string path = pathOf("done.mp4");
    VideoWriter writer;
    std::string error;
    ASSERT_TRUE(writer.open(path, kWidth, kHeight, 30, &error)) << error;
    const auto rgba = syntheticFrame(kWidth, kHeight, 0);
    ASSERT_TRUE(writer.addFrame(rgba.data(), kWidth * 4, &error)) << error;
    ASSERT_TRUE(writer.finish(&error)) << error;
    const auto size = fs::file_size(path);
    EXPECT_FALSE(writer.addFrame(rgba.data(), kWidth * 4, &error));
    EXPECT_EQ(error, "cannot add a frame to '" + path +
                         "': the video is not open (finished, cancelled or failed)");
    EXPECT_FALSE(writer.finish(&error));
    EXPECT_EQ(fs::file_size(path), size);
    EXPECT_EQ(folderContents(), std::vector<std::string>{"done.mp4"});
    EXPECT_EQ(decodeVideo(path).frames, 1);
}

TEST_F(VideoWriterTest, FinishWithoutFramesLeavesNoFile) {
    for (const char* name : {"empty.mp4", "empty.webm", "empty.gif"}) {
        VideoWriter writer;
        std::string error;
        ASSERT_TRUE(writer.open(pathOf(name), kWidth, kHeight, 30, &error)) << error;
        EXPECT_FALSE(writer.finish(&error));
        EXPECT_EQ(error, "cannot write '" + pathOf(name) + "': no frames were added");
    }
    EXPECT_TRUE(folderContents().empty());
}

TEST_F(VideoWriterTest, AShortRowIsRefusedWithoutLosingTheVideo) {
    const std::string path = pathOf("rows.mp4");
    VideoWriter writer;
    std::string error;
    ASSERT_TRUE(writer.open(path, kWidth, kHeight, 30, &error)) << error;
    const auto rgba = syntheticFrame(kWidth, kHeight, 0);
    EXPECT_FALSE(writer.addFrame(rgba.data(), kWidth, &error));
    EXPECT_NE(error.find("shorter than 320 RGBA pixels"), std::string::npos) << error;
    EXPECT_FALSE(writer.addFrame(nullptr, kWidth * 4, &error));
    ASSERT_TRUE(writer.addFrame(rgba.data(), kWidth * 4, &error)) << error;
    ASSERT_TRUE(writer.finish(&error)) << error;
    EXPECT_EQ(decodeVideo(path).frames, 1);
}

TEST_F(VideoWriterTest, AnUnfinishedVideoLeavesNothingAndKeepsAnOlderFile) {
    std::ofstream(pathOf("old.gif")) << "an older file";
    {
        VideoWriter mp4, webm, gif;
        std::string error;
        ASSERT_TRUE(mp4.open(pathOf("gone.mp4"), kWidth, kHeight, 30, &error)) << error;
        ASSERT_TRUE(webm.open(pathOf("gone.webm"), kWidth, kHeight, 30, &error)) << error;
        ASSERT_TRUE(gif.open(pathOf("old.gif"), kWidth, kHeight, 30, &error)) << error;
        for (int i = 0; i < 5; ++i) {
            const auto rgba = syntheticFrame(kWidth, kHeight, i);
            ASSERT_TRUE(mp4.addFrame(rgba.data(), kWidth * 4, &error)) << error;
            ASSERT_TRUE(webm.addFrame(rgba.data(), kWidth * 4, &error)) << error;
            ASSERT_TRUE(gif.addFrame(rgba.data(), kWidth * 4, &error)) << error;
        }
        EXPECT_EQ(folderContents().size(), 4u);  // old.gif and three temporary files
        webm.cancel();
        EXPECT_FALSE(webm.isOpen());
    }  // mp4 and gif are destroyed unfinished
    EXPECT_EQ(folderContents(), std::vector<std::string>{"old.gif"});
    std::ifstream in(pathOf("old.gif"));
    std::string contents;
    std::getline(in, contents);
    EXPECT_EQ(contents, "an older file");
}

TEST_F(VideoWriterTest, FinishReplacesAnOlderFile) {
    std::ofstream(pathOf("again.gif")) << "an older file";
    ASSERT_EQ(writeVideo(pathOf("again.gif"), kWidth, kHeight, 3), "");
    EXPECT_EQ(decodeVideo(pathOf("again.gif")).frames, 3);
    EXPECT_EQ(folderContents(), std::vector<std::string>{"again.gif"});
}

TEST_F(VideoWriterTest, FrameIndicesMustGrowAndGapsKeepTime) {
    const std::string path = pathOf("gaps.mp4");
    VideoWriter writer;
    std::string error;
    ASSERT_TRUE(writer.open(path, kWidth, kHeight, 10, &error)) << error;
    const auto rgba = syntheticFrame(kWidth, kHeight, 0);
    ASSERT_TRUE(writer.addFrameAt(rgba.data(), kWidth * 4, 0, &error)) << error;
    ASSERT_TRUE(writer.addFrameAt(rgba.data(), kWidth * 4, 5, &error)) << error;
    EXPECT_FALSE(writer.addFrameAt(rgba.data(), kWidth * 4, 5, &error));
    EXPECT_NE(error.find("frame 5 comes after frame 5"), std::string::npos) << error;
    ASSERT_TRUE(writer.addFrame(rgba.data(), kWidth * 4, &error)) << error;  // index 6
    ASSERT_TRUE(writer.finish(&error)) << error;
    EXPECT_EQ(writer.framesAdded(), 3);

    AVFormatContext* demuxer = nullptr;
    ASSERT_EQ(avformat_open_input(&demuxer, path.c_str(), nullptr, nullptr), 0);
    avformat_find_stream_info(demuxer, nullptr);
    // Seven frames of time at 10 fps: 0.7 s, though only three frames were stored.
    EXPECT_NEAR(static_cast<double>(demuxer->duration) / AV_TIME_BASE, 0.7, 0.051);
    avformat_close_input(&demuxer);
    EXPECT_EQ(decodeVideo(path).frames, 3);
}

// --- AsyncVideoWriter -----------------------------------------------------------------------

TEST_F(VideoWriterTest, AsyncEncodesEveryFrameWhenTheQueueIsLargeEnough) {
    const std::string path = pathOf("async.mp4");
    AsyncVideoWriter recorder;
    std::string error;
    ASSERT_TRUE(recorder.open(path, kWidth, kHeight, 30, &error, 128)) << error;
    std::vector<std::vector<std::uint8_t>> frames;
    for (int i = 0; i < 30; ++i)
        frames.push_back(syntheticFrame(kWidth, kHeight, i));
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(recorder.pushFrame(frames[i % 30].data(), kWidth * 4),
                  AsyncVideoWriter::Push::Queued);
    ASSERT_TRUE(recorder.finish(&error)) << error;
    EXPECT_TRUE(recorder.finished());
    EXPECT_EQ(recorder.droppedFrames(), 0);
    EXPECT_EQ(recorder.encodedFrames(), 100);
    EXPECT_EQ(recorder.error(), "");
    const DecodedVideo video = decodeVideo(path);
    EXPECT_EQ(video.frames, 100);
    EXPECT_EQ(video.codec, AV_CODEC_ID_H264);
    EXPECT_EQ(folderContents(), std::vector<std::string>{"async.mp4"});
    EXPECT_EQ(recorder.pushFrame(frames[0].data(), kWidth * 4), AsyncVideoWriter::Push::Failed);
}

TEST_F(VideoWriterTest, AsyncDropsRatherThanBlocksWhenTheQueueIsFull) {
    // HD frames pushed back to back into a queue of two: the encoder cannot keep up, so some
    // are dropped; every frame is either encoded or counted as dropped.
    const int width = 1280, height = 720, pushed = 60;
    const std::string path = pathOf("drops.mp4");
    AsyncVideoWriter recorder;
    std::string error;
    ASSERT_TRUE(recorder.open(path, width, height, 30, &error, 2)) << error;
    const auto rgba = syntheticFrame(width, height, 0);
    int queued = 0, dropped = 0;
    for (int i = 0; i < pushed; ++i) {
        const auto result = recorder.pushFrame(rgba.data(), width * 4);
        ASSERT_NE(result, AsyncVideoWriter::Push::Failed) << recorder.error();
        (result == AsyncVideoWriter::Push::Queued ? queued : dropped) += 1;
    }
    ASSERT_TRUE(recorder.finish(&error)) << error;
    EXPECT_EQ(queued + dropped, pushed);
    EXPECT_EQ(recorder.droppedFrames(), dropped);
    EXPECT_EQ(recorder.encodedFrames(), queued);
    EXPECT_EQ(decodeVideo(path).frames, queued);
}

TEST_F(VideoWriterTest, AsyncDestroyedUnfinishedLeavesNoFile) {
    {
        AsyncVideoWriter mp4, gif;
        std::string error;
        ASSERT_TRUE(mp4.open(pathOf("gone.mp4"), kWidth, kHeight, 30, &error)) << error;
        ASSERT_TRUE(gif.open(pathOf("gone.gif"), kWidth, kHeight, 30, &error)) << error;
        const auto rgba = syntheticFrame(kWidth, kHeight, 0);
        for (int i = 0; i < 20; ++i) {
            mp4.pushFrame(rgba.data(), kWidth * 4);
            gif.pushFrame(rgba.data(), kWidth * 4);
        }
    }
    EXPECT_TRUE(folderContents().empty());
}

TEST_F(VideoWriterTest, AsyncCancelLeavesNoFileAndReportsErrors) {
    AsyncVideoWriter recorder;
    std::string error;
    EXPECT_FALSE(recorder.open(pathOf("plot.avi"), kWidth, kHeight, 30, &error));
    EXPECT_NE(error.find("unknown extension '.avi'"), std::string::npos) << error;
    EXPECT_FALSE(recorder.finish(&error));

    ASSERT_TRUE(recorder.open(pathOf("cancelled.webm"), kWidth, kHeight, 30, &error)) << error;
    const auto rgba = syntheticFrame(kWidth, kHeight, 0);
    EXPECT_EQ(recorder.pushFrame(rgba.data(), kWidth * 4), AsyncVideoWriter::Push::Queued);
    EXPECT_EQ(recorder.pushFrame(rgba.data(), 8), AsyncVideoWriter::Push::Failed);
    EXPECT_NE(recorder.error().find("shorter than"), std::string::npos) << recorder.error();
    recorder.cancel();
    EXPECT_TRUE(recorder.finished());
    EXPECT_FALSE(recorder.finish(&error));
    EXPECT_TRUE(folderContents().empty());

    // The same recorder records again after a cancel.
    ASSERT_TRUE(recorder.open(pathOf("again.gif"), kWidth, kHeight, 30, &error)) << error;
    EXPECT_EQ(recorder.pushFrame(rgba.data(), kWidth * 4), AsyncVideoWriter::Push::Queued);
    recorder.requestFinish();
    ASSERT_TRUE(recorder.finish(&error)) << error;
    EXPECT_EQ(folderContents(), std::vector<std::string>{"again.gif"});
}

}  // namespace
