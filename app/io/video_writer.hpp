#pragma once
// Writes RGBA frames as a video file (docs/command-line.md, animate): MP4 is H.264 in yuv420p, WebM
// is VP9 in yuv420p, a GIF loops forever with one palette chosen for all of its frames. Encoding
// goes through FFmpeg's libraries (libavcodec, libavformat, libswscale, libavfilter), never the
// ffmpeg program. The frames come from elsewhere (animation export, in-app recording); this
// class only encodes them.
//
// The file appears at its path only when finish() succeeds: frames are written to a
// temporary file next to it (NAME.part-PID-N) that finish() renames. On any error, on
// cancel(), or when the writer is destroyed unfinished, the temporary file is removed and
// nothing is left at the path (an older file there is not touched).
//
// Sizes: H.264 in yuv420p stores colour at half resolution and cannot code an odd width or
// height, so an MP4 of odd size is refused with a message (neither padded nor scaled: the
// docs/command-line.md says the output has exactly the asked size). VP9 and GIF take any size.
//
// Memory: MP4 and WebM hold a few frames inside the encoder. A GIF needs its palette before
// its first frame can be written, and the palette depends on every frame, so a GIF keeps all
// of its frames until finish(): each one run-length compressed (flat plot colours shrink
// 10-100x; noise-like frames cost their raw 4·width·height bytes). bufferedBytes() says how
// much that is.
//
// Alpha is ignored in every format (frames are treated as opaque). A GIF counts time in
// hundredths of a second, so its frame times are rounded (30 fps alternates 3 and 4), and
// browsers show delays under 2/100 s as 1/10 s: GIFs above 50 fps play slowly.
//
// Not thread-safe: one thread at a time (AsyncVideoWriter moves the encoding off the UI
// thread).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace losslab {

enum class VideoFormat { Mp4, WebM, Gif };

// The format named by the path's extension (.mp4, .webm, .gif, any letter case); false with
// "unknown extension '.avi' of 'PATH': use .mp4, .webm or .gif" otherwise.
bool videoFormatForPath(const std::string& path, VideoFormat* format, std::string* error);

class VideoWriter {
  public:
    VideoWriter();
    ~VideoWriter();  // an unfinished video is cancelled (its temporary file removed)
    VideoWriter(const VideoWriter&) = delete;
    VideoWriter& operator=(const VideoWriter&) = delete;

    // Starts a video of width x height pixels at `fps` frames per second. The extension of
    // `path` picks the format. Fails with a message naming the path: unknown extension, a size
    // out of 1..16384 (or odd, for MP4), fps out of 1..240, a folder that does not exist or
    // cannot be written, an encoder missing from this FFmpeg.
    bool open(const std::string& path, int width, int height, int fps, std::string* error);

    // Adds the next frame: `rgba` points at the top row of width x height RGBA8 pixels, rows
    // `strideBytes` apart (at least 4·width; negative walks up memory, so a bottom-up buffer
    // passes its last row). The frame is copied; the caller keeps its buffer.
    bool addFrame(const std::uint8_t* rgba, int strideBytes, std::string* error);
    // The same with an explicit frame index (time = index / fps), greater than the last one:
    // a gap leaves the previous frame on screen, so a recording that dropped frames keeps
    // real time.
    bool addFrameAt(const std::uint8_t* rgba, int strideBytes, std::int64_t frameIndex,
                    std::string* error);

    // Encodes what is left, writes the file's trailer and moves it to its path. A GIF is
    // encoded here (palette, then every frame), so finish() takes longest for a GIF.
    // Fails if no frame was added. The writer is closed afterwards, whatever the result.
    bool finish(std::string* error);
    // Drops the video: the temporary file is removed, nothing appears at the path.
    void cancel();

    bool isOpen() const;
    const std::string& path() const;
    VideoFormat format() const;
    int width() const;
    int height() const;
    std::int64_t framesAdded() const;
    // Memory held for frames not yet encoded (a GIF's compressed frames; 0 for MP4 and WebM).
    std::size_t bufferedBytes() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace losslab
