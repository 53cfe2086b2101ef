#include "io/video_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

namespace losslab {

namespace {

constexpr int kMaxSide = 16384;
constexpr int kMaxFps = 240;

// Quality settings, chosen for plots: flat colours and thin lines on a plain background.
// CRF 20 keeps one-pixel lines and small text sharp; "veryfast" encodes 1280x720 well above
// real time on two cores (tests/benchmarks/bench_video.cpp), and flat plots gain little from
// slower presets. VP9 runs libvpx's real-time mode at its fastest speed (cpu-used 8): "good"
// at cpu-used 5 makes files half as big but encodes 720p at a fifth of the speed, too slow
// for recording; CRF 32 on VP9's 0-63 scale still draws text and one-pixel lines cleanly.
constexpr const char* kX264Preset = "veryfast";
constexpr const char* kX264Crf = "20";
constexpr const char* kVp9Crf = "32";
constexpr const char* kVp9CpuUsed = "8";
// Ordered (Bayer) dithering is the same in every frame, so gradients in heatmaps do not
// shimmer as error diffusion would; "rectangle" re-quantizes only what changed, so a still
// background stays identical between frames and the GIF encoder can skip it.
constexpr const char* kPaletteUseOptions = "dither=bayer:bayer_scale=3:diff_mode=rectangle";
// Frames are treated as opaque, so no palette entry is spent on transparency.
constexpr const char* kPaletteGenOptions = "stats_mode=full:reserve_transparent=0";

std::string ffmpegError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(code, text, sizeof text) < 0)
        std::snprintf(text, sizeof text, "FFmpeg error %d", code);
    return text;
}

void setError(std::string* error, std::string message) {
    if (error) *error = std::move(message);
}

// FFmpeg prints its own diagnostics (x264's banner, warnings) to stderr. Every failure comes
// back to our caller as a value instead, and the command line's errors are one line
// (docs/command-line.md), so FFmpeg's log is silenced once, unless the program has chosen a level
// itself.
void quietFfmpegLog() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (av_log_get_level() == AV_LOG_INFO) av_log_set_level(AV_LOG_FATAL);
    });
}

std::string lowerCase(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string extensionOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    const std::size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    return path.substr(dot);
}

// Creates an empty, unused temporary file next to `path` (so the final rename stays within
// one file system) and stores its name; returns 0, or the errno of a folder that refuses.
int createTemporaryFile(const std::string& path, std::string* name) {
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        *name =
            path + ".part-" + std::to_string(getpid()) + "-" + std::to_string(counter.fetch_add(1));
        const int fd = ::open(name->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            return 0;
        }
        if (errno != EEXIST) break;
    }
    const int failure = errno;
    name->clear();
    return failure;
}

// One pixel as a 32-bit word in memory order, with alpha forced to opaque.
std::uint32_t opaqueMask() {
    const std::uint8_t bytes[4] = {0, 0, 0, 255};
    std::uint32_t mask;
    std::memcpy(&mask, bytes, sizeof mask);
    return mask;
}

// A GIF frame waiting for the palette: each row run-length coded as 32-bit words. A header
// word with the top bit set is a run (count in the low bits) followed by its one pixel;
// otherwise it is a count of literal pixels that follow. Flat plot colours shrink to a few
// words a row; a noise-like row costs one header word more than its pixels.
struct PackedFrame {
    std::int64_t index = 0;
    std::vector<std::uint32_t> words;
};

constexpr std::uint32_t kRunFlag = 0x80000000u;
constexpr int kShortestRun = 3;  // a run costs two words, so shorter runs stay literal

void packRow(const std::uint32_t* row, int width, std::vector<std::uint32_t>* words) {
    std::size_t literalHeader = 0;
    std::uint32_t literalCount = 0;
    int x = 0;
    while (x < width) {
        int runEnd = x + 1;
        while (runEnd < width && row[runEnd] == row[x])
            ++runEnd;
        const int run = runEnd - x;
        if (run >= kShortestRun) {
            if (literalCount > 0) (*words)[literalHeader] = literalCount;
            literalCount = 0;
            words->push_back(kRunFlag | static_cast<std::uint32_t>(run));
            words->push_back(row[x]);
        } else {
            if (literalCount == 0) {
                literalHeader = words->size();
                words->push_back(0);
            }
            words->insert(words->end(), row + x, row + runEnd);
            literalCount += static_cast<std::uint32_t>(run);
        }
        x = runEnd;
    }
    if (literalCount > 0) (*words)[literalHeader] = literalCount;
}

// Unpacks one row starting at words[*position]; advances *position past it.
void unpackRow(const std::vector<std::uint32_t>& words, std::size_t* position, int width,
               std::uint32_t* row) {
    int x = 0;
    while (x < width) {
        const std::uint32_t header = words[(*position)++];
        const int count = static_cast<int>(header & ~kRunFlag);
        if (header & kRunFlag) {
            std::fill(row + x, row + x + count, words[(*position)++]);
        } else {
            std::copy(words.begin() + static_cast<std::ptrdiff_t>(*position),
                      words.begin() + static_cast<std::ptrdiff_t>(*position + count), row + x);
            *position += static_cast<std::size_t>(count);
        }
        x += count;
    }
}

// A filter graph with one frame source (and, for paletteuse, a palette source) and one sink.
struct FilterGraph {
    AVFilterGraph* graph = nullptr;
    AVFilterContext* source = nullptr;
    AVFilterContext* paletteSource = nullptr;
    AVFilterContext* sink = nullptr;

    FilterGraph() = default;
    FilterGraph(const FilterGraph&) = delete;
    FilterGraph& operator=(const FilterGraph&) = delete;
    ~FilterGraph() { avfilter_graph_free(&graph); }

    bool add(AVFilterContext** filter, const char* type, const char* name,
             const std::string& options, std::string* what) {
        const int status = avfilter_graph_create_filter(filter, avfilter_get_by_name(type), name,
                                                        options.empty() ? nullptr : options.c_str(),
                                                        nullptr, graph);
        if (status < 0) *what = std::string("cannot create the ") + type + " filter";
        return status >= 0;
    }
};

std::string bufferSourceOptions(int width, int height, AVPixelFormat format, int fps) {
    return "video_size=" + std::to_string(width) + "x" + std::to_string(height) +
           ":pix_fmt=" + std::to_string(static_cast<int>(format)) + ":time_base=1/" +
           std::to_string(fps) + ":pixel_aspect=1/1";
}

}  // namespace

bool videoFormatForPath(const std::string& path, VideoFormat* format, std::string* error) {
    const std::string extension = lowerCase(extensionOf(path));
    if (extension == ".mp4") {
        *format = VideoFormat::Mp4;
    } else if (extension == ".webm") {
        *format = VideoFormat::WebM;
    } else if (extension == ".gif") {
        *format = VideoFormat::Gif;
    } else {
        const std::string shown = extension.empty() ? "(none)" : "'" + extensionOf(path) + "'";
        setError(error,
                 "unknown extension " + shown + " of '" + path + "': use .mp4, .webm or .gif");
        return false;
    }
    return true;
}

struct VideoWriter::Impl {
    std::string path;
    std::string temporaryPath;
    VideoFormat format = VideoFormat::Mp4;
    int width = 0;
    int height = 0;
    int fps = 0;
    bool open = false;
    std::int64_t framesAdded = 0;
    std::int64_t lastIndex = -1;

    AVFormatContext* muxer = nullptr;
    AVCodecContext* encoder = nullptr;
    AVStream* stream = nullptr;
    AVPacket* packet = nullptr;
    // MP4 and WebM: RGBA is converted into yuvFrame and encoded at once.
    SwsContext* converter = nullptr;
    AVFrame* yuvFrame = nullptr;
    // GIF: every frame feeds the palette's statistics now and is kept for finish().
    std::unique_ptr<FilterGraph> paletteStatistics;
    std::vector<PackedFrame> gifFrames;
    std::size_t gifBytes = 0;

    ~Impl() { discard(); }

    std::string cannotWrite(const std::string& what) const {
        return "cannot write '" + path + "': " + what;
    }

    void releaseFfmpeg() {
        if (muxer && muxer->pb) avio_closep(&muxer->pb);
        avformat_free_context(muxer);
        muxer = nullptr;
        stream = nullptr;
        avcodec_free_context(&encoder);
        av_packet_free(&packet);
        sws_freeContext(converter);
        converter = nullptr;
        av_frame_free(&yuvFrame);
        paletteStatistics.reset();
        gifFrames = {};
        gifBytes = 0;
    }

    // Frees everything and removes the temporary file: nothing is left at the path.
    void discard() {
        releaseFfmpeg();
        if (!temporaryPath.empty()) ::unlink(temporaryPath.c_str());
        temporaryPath.clear();
        open = false;
    }

    bool fail(std::string message, std::string* error) {
        discard();
        setError(error, std::move(message));
        return false;
    }

    bool openEncoder(std::string* what);
    bool openPaletteStatistics(std::string* what);
    bool encode(AVFrame* frame, std::string* what);
    bool addGifFrame(const std::uint8_t* rgba, int strideBytes, std::int64_t index,
                     std::string* what);
    bool encodeGif(std::string* what);
};

bool VideoWriter::Impl::openEncoder(std::string* what) {
    const AVCodec* codec = nullptr;
    AVPixelFormat pixelFormat = AV_PIX_FMT_YUV420P;
    AVDictionary* options = nullptr;
    switch (format) {
        case VideoFormat::Mp4:
            codec = avcodec_find_encoder_by_name("libx264");
            if (!codec) codec = avcodec_find_encoder(AV_CODEC_ID_H264);
            av_dict_set(&options, "preset", kX264Preset, 0);
            av_dict_set(&options, "crf", kX264Crf, 0);
            break;
        case VideoFormat::WebM:
            codec = avcodec_find_encoder_by_name("libvpx-vp9");
            av_dict_set(&options, "crf", kVp9Crf, 0);
            av_dict_set(&options, "deadline", "realtime", 0);
            av_dict_set(&options, "cpu-used", kVp9CpuUsed, 0);
            av_dict_set(&options, "row-mt", "1", 0);
            break;
        case VideoFormat::Gif:
            codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
            pixelFormat = AV_PIX_FMT_PAL8;
            break;
    }
    if (!codec) {
        av_dict_free(&options);
        static const char* const kNames[] = {"H.264", "VP9 (libvpx-vp9)", "GIF"};
        *what = std::string("this FFmpeg has no ") + kNames[static_cast<int>(format)] + " encoder";
        return false;
    }
    encoder = avcodec_alloc_context3(codec);
    packet = av_packet_alloc();
    if (!encoder || !packet) {
        av_dict_free(&options);
        *what = "out of memory";
        return false;
    }
    encoder->width = width;
    encoder->height = height;
    encoder->pix_fmt = pixelFormat;
    encoder->time_base = AVRational{1, fps};
    encoder->framerate = AVRational{fps, 1};
    encoder->sample_aspect_ratio = AVRational{1, 1};
    if (format != VideoFormat::Gif) {
        // Tagged and converted as BT.709 in limited range, what players assume for HD video.
        encoder->colorspace = AVCOL_SPC_BT709;
        encoder->color_primaries = AVCOL_PRI_BT709;
        encoder->color_trc = AVCOL_TRC_BT709;
        encoder->color_range = AVCOL_RANGE_MPEG;
        encoder->bit_rate = 0;  // quality (CRF) decides the size
        // Every core: x264's own choice (0) is 1.5 frame threads a core, which keeps both cores
        // busy while one thread waits on another; libvpx splits rows between as many threads
        // as it is given.
        encoder->thread_count =
            format == VideoFormat::Mp4
                ? 0
                : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 16u));
    }
    if (muxer->oformat->flags & AVFMT_GLOBALHEADER) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    const int status = avcodec_open2(encoder, codec, &options);
    av_dict_free(&options);  // options a fallback encoder does not know are left here
    if (status < 0) {
        *what = std::string("cannot start the ") + codec->name + " encoder: " + ffmpegError(status);
        return false;
    }
    stream = avformat_new_stream(muxer, nullptr);
    if (!stream) {
        *what = "out of memory";
        return false;
    }
    stream->time_base = encoder->time_base;
    stream->avg_frame_rate = encoder->framerate;
    const int copied = avcodec_parameters_from_context(stream->codecpar, encoder);
    if (copied < 0) {
        *what = ffmpegError(copied);
        return false;
    }
    return true;
}

bool VideoWriter::Impl::openPaletteStatistics(std::string* what) {
    paletteStatistics = std::make_unique<FilterGraph>();
    FilterGraph& g = *paletteStatistics;
    g.graph = avfilter_graph_alloc();
    if (!g.graph) {
        *what = "out of memory";
        return false;
    }
    AVFilterContext* palettegen = nullptr;
    if (!g.add(&g.source, "buffer", "frames",
               bufferSourceOptions(width, height, AV_PIX_FMT_RGBA, fps), what) ||
        !g.add(&palettegen, "palettegen", "palettegen", kPaletteGenOptions, what) ||
        !g.add(&g.sink, "buffersink", "palette", "", what))
        return false;
    int status = avfilter_link(g.source, 0, palettegen, 0);
    if (status >= 0) status = avfilter_link(palettegen, 0, g.sink, 0);
    if (status >= 0) status = avfilter_graph_config(g.graph, nullptr);
    if (status < 0) {
        *what = "cannot set up the GIF palette: " + ffmpegError(status);
        return false;
    }
    return true;
}

// Sends one frame (nullptr: the end) to the encoder and writes every packet it returns.
bool VideoWriter::Impl::encode(AVFrame* frame, std::string* what) {
    int status = avcodec_send_frame(encoder, frame);
    if (status < 0) {
        *what = "encoding failed: " + ffmpegError(status);
        return false;
    }
    for (;;) {
        status = avcodec_receive_packet(encoder, packet);
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF) return true;
        if (status < 0) {
            *what = "encoding failed: " + ffmpegError(status);
            return false;
        }
        // The last frame keeps one frame's time on screen (MP4 uses it for the duration).
        if (packet->duration == 0) packet->duration = 1;
        av_packet_rescale_ts(packet, encoder->time_base, stream->time_base);
        packet->stream_index = stream->index;
        status = av_interleaved_write_frame(muxer, packet);  // takes the packet's data
        if (status < 0) {
            *what = ffmpegError(status);
            return false;
        }
    }
}

bool VideoWriter::Impl::addGifFrame(const std::uint8_t* rgba, int strideBytes, std::int64_t index,
                                    std::string* what) {
    AVFrame* frame = av_frame_alloc();
    if (!frame) {
        *what = "out of memory";
        return false;
    }
    frame->format = AV_PIX_FMT_RGBA;
    frame->width = width;
    frame->height = height;
    frame->pts = index;
    if (av_frame_get_buffer(frame, 0) < 0) {
        av_frame_free(&frame);
        *what = "out of memory";
        return false;
    }
    const std::uint32_t opaque = opaqueMask();
    PackedFrame packed;
    packed.index = index;
    std::vector<std::uint32_t> row(static_cast<std::size_t>(width));
    for (int y = 0; y < height; ++y) {
        std::memcpy(row.data(), rgba + static_cast<std::ptrdiff_t>(y) * strideBytes,
                    row.size() * 4);
        for (std::uint32_t& pixel : row)
            pixel |= opaque;
        std::memcpy(frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0],
                    row.data(), row.size() * 4);
        packRow(row.data(), width, &packed.words);
    }
    packed.words.shrink_to_fit();
    gifBytes += packed.words.size() * sizeof(std::uint32_t);
    gifFrames.push_back(std::move(packed));

    // Only the palette's colour statistics are kept by the graph; the frame is released.
    int status =
        av_buffersrc_add_frame_flags(paletteStatistics->source, frame, AV_BUFFERSRC_FLAG_PUSH);
    av_frame_free(&frame);
    if (status < 0) {
        *what = "GIF palette: " + ffmpegError(status);
        return false;
    }
    return true;
}

// Second pass of a GIF: the palette of all frames, then every kept frame mapped onto it.
bool VideoWriter::Impl::encodeGif(std::string* what) {
    AVFrame* palette = av_frame_alloc();
    AVFrame* frame = av_frame_alloc();
    auto done = [&](bool ok) {
        av_frame_free(&palette);
        av_frame_free(&frame);
        return ok;
    };
    if (!palette || !frame) {
        *what = "out of memory";
        return done(false);
    }
    int status = av_buffersrc_add_frame_flags(paletteStatistics->source, nullptr, 0);
    if (status >= 0) status = av_buffersink_get_frame(paletteStatistics->sink, palette);
    if (status < 0) {
        *what = "cannot make the GIF palette: " + ffmpegError(status);
        return done(false);
    }
    paletteStatistics.reset();

    FilterGraph mapping;
    mapping.graph = avfilter_graph_alloc();
    if (!mapping.graph) {
        *what = "out of memory";
        return done(false);
    }
    AVFilterContext* paletteuse = nullptr;
    if (!mapping.add(&mapping.source, "buffer", "frames",
                     bufferSourceOptions(width, height, AV_PIX_FMT_RGBA, fps), what) ||
        !mapping.add(&mapping.paletteSource, "buffer", "palette",
                     bufferSourceOptions(palette->width, palette->height,
                                         static_cast<AVPixelFormat>(palette->format), fps),
                     what) ||
        !mapping.add(&paletteuse, "paletteuse", "paletteuse", kPaletteUseOptions, what) ||
        !mapping.add(&mapping.sink, "buffersink", "gif", "", what))
        return done(false);
    status = avfilter_link(mapping.source, 0, paletteuse, 0);
    if (status >= 0) status = avfilter_link(mapping.paletteSource, 0, paletteuse, 1);
    if (status >= 0) status = avfilter_link(paletteuse, 0, mapping.sink, 0);
    if (status >= 0) status = avfilter_graph_config(mapping.graph, nullptr);
    // The one palette holds for the whole video: it comes first, then its stream ends.
    palette->pts = 0;
    if (status >= 0) status = av_buffersrc_add_frame_flags(mapping.paletteSource, palette, 0);
    if (status >= 0) status = av_buffersrc_add_frame_flags(mapping.paletteSource, nullptr, 0);
    if (status < 0) {
        *what = "cannot set up the GIF palette: " + ffmpegError(status);
        return done(false);
    }

    // Takes every frame the graph has ready and encodes it.
    auto drain = [&]() {
        for (;;) {
            const int got = av_buffersink_get_frame(mapping.sink, frame);
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return true;
            if (got < 0) {
                *what = "GIF palette: " + ffmpegError(got);
                return false;
            }
            const bool encoded = encode(frame, what);
            av_frame_unref(frame);
            if (!encoded) return false;
        }
    };
    for (PackedFrame& packed : gifFrames) {
        frame->format = AV_PIX_FMT_RGBA;
        frame->width = width;
        frame->height = height;
        if (av_frame_get_buffer(frame, 0) < 0) {
            *what = "out of memory";
            return done(false);
        }
        std::size_t position = 0;
        for (int y = 0; y < height; ++y) {
            auto* row = reinterpret_cast<std::uint32_t*>(
                frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0]);
            unpackRow(packed.words, &position, width, row);
        }
        frame->pts = packed.index;
        gifBytes -= packed.words.size() * sizeof(std::uint32_t);
        packed.words = {};  // memory goes back as the frames are encoded
        status = av_buffersrc_add_frame_flags(mapping.source, frame, AV_BUFFERSRC_FLAG_PUSH);
        av_frame_unref(frame);
        if (status < 0) {
            *what = "GIF palette: " + ffmpegError(status);
            return done(false);
        }
        if (!drain()) return done(false);
    }
    gifFrames = {};
    status = av_buffersrc_add_frame_flags(mapping.source, nullptr, 0);
    if (status < 0) {
        *what = "GIF palette: " + ffmpegError(status);
        return done(false);
    }
    return done(drain());
}

VideoWriter::VideoWriter() : impl_(std::make_unique<Impl>()) {}
VideoWriter::~VideoWriter() = default;

bool VideoWriter::open(const std::string& path, int width, int height, int fps,
                       std::string* error) {
    Impl& w = *impl_;
    if (w.open) {
        setError(error,
                 "cannot write '" + path + "': this writer is still writing '" + w.path + "'");
        return false;
    }
    VideoFormat format;
    if (!videoFormatForPath(path, &format, error)) return false;
    w.path = path;
    w.format = format;
    w.width = width;
    w.height = height;
    w.fps = fps;
    w.framesAdded = 0;
    w.lastIndex = -1;
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide)
        return w.fail(w.cannotWrite("size " + size + ": width and height must be 1 to " +
                                    std::to_string(kMaxSide)),
                      error);
    if (format == VideoFormat::Mp4 && (width % 2 != 0 || height % 2 != 0))
        return w.fail(
            w.cannotWrite("size " + size + ": H.264 (yuv420p) needs an even width and height"),
            error);
    if (fps < 1 || fps > kMaxFps)
        return w.fail(w.cannotWrite("fps " + std::to_string(fps) + ": must be 1 to " +
                                    std::to_string(kMaxFps)),
                      error);

    quietFfmpegLog();
    if (const int failure = createTemporaryFile(path, &w.temporaryPath))
        return w.fail(w.cannotWrite(std::strerror(failure)), error);

    // "file:" keeps a name with a colon from being read as another protocol; MP4's faststart
    // reopens the file by this same name to move its index to the front.
    const std::string url = "file:" + w.temporaryPath;
    static const char* const kMuxers[] = {"mp4", "webm", "gif"};
    int status = avformat_alloc_output_context2(&w.muxer, nullptr,
                                                kMuxers[static_cast<int>(format)], url.c_str());
    if (status < 0 || !w.muxer)
        return w.fail(w.cannotWrite("no " + std::string(kMuxers[static_cast<int>(format)]) +
                                    " muxer: " + ffmpegError(status)),
                      error);
    std::string what;
    if (!w.openEncoder(&what)) return w.fail(w.cannotWrite(what), error);

    status = avio_open(&w.muxer->pb, url.c_str(), AVIO_FLAG_WRITE);
    if (status < 0) return w.fail(w.cannotWrite(ffmpegError(status)), error);
    AVDictionary* muxerOptions = nullptr;
    if (format == VideoFormat::Mp4) av_dict_set(&muxerOptions, "movflags", "+faststart", 0);
    if (format == VideoFormat::Gif) av_dict_set(&muxerOptions, "loop", "0", 0);  // forever
    status = avformat_write_header(w.muxer, &muxerOptions);
    av_dict_free(&muxerOptions);
    if (status < 0) return w.fail(w.cannotWrite(ffmpegError(status)), error);

    if (format == VideoFormat::Gif) {
        if (!w.openPaletteStatistics(&what)) return w.fail(w.cannotWrite(what), error);
    } else {
        w.converter =
            sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height, AV_PIX_FMT_YUV420P,
                           SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
        w.yuvFrame = av_frame_alloc();
        if (!w.converter || !w.yuvFrame)
            return w.fail(w.cannotWrite("cannot set up the RGBA to yuv420p conversion"), error);
        // RGB in full range to BT.709 in limited range, as the stream is tagged.
        sws_setColorspaceDetails(w.converter, sws_getCoefficients(SWS_CS_DEFAULT), 1,
                                 sws_getCoefficients(SWS_CS_ITU709), 0, 0, 1 << 16, 1 << 16);
        w.yuvFrame->format = AV_PIX_FMT_YUV420P;
        w.yuvFrame->width = width;
        w.yuvFrame->height = height;
        w.yuvFrame->colorspace = AVCOL_SPC_BT709;
        w.yuvFrame->color_range = AVCOL_RANGE_MPEG;
        if (av_frame_get_buffer(w.yuvFrame, 0) < 0)
            return w.fail(w.cannotWrite("out of memory"), error);
    }
    w.open = true;
    return true;
}

bool VideoWriter::addFrame(const std::uint8_t* rgba, int strideBytes, std::string* error) {
    return addFrameAt(rgba, strideBytes, impl_->lastIndex + 1, error);
}

bool VideoWriter::addFrameAt(const std::uint8_t* rgba, int strideBytes, std::int64_t frameIndex,
                             std::string* error) {
    Impl& w = *impl_;
    if (!w.open) {
        setError(error, w.path.empty() ? std::string("cannot add a frame: no video was opened")
                                       : "cannot add a frame to '" + w.path +
                                             "': the video is not open (finished, cancelled or "
                                             "failed)");
        return false;
    }
    // A bad frame from the caller is refused without losing the video written so far.
    if (!rgba || std::abs(static_cast<long long>(strideBytes)) < 4LL * w.width) {
        setError(error,
                 "cannot add a frame to '" + w.path + "': " +
                     (rgba ? "rows of " + std::to_string(strideBytes) + " bytes are shorter than " +
                                 std::to_string(w.width) + " RGBA pixels"
                           : std::string("no pixels")));
        return false;
    }
    if (frameIndex <= w.lastIndex) {
        setError(error, "cannot add a frame to '" + w.path + "': frame " +
                            std::to_string(frameIndex) + " comes after frame " +
                            std::to_string(w.lastIndex));
        return false;
    }
    std::string what;
    if (w.format == VideoFormat::Gif) {
        if (!w.addGifFrame(rgba, strideBytes, frameIndex, &what))
            return w.fail(w.cannotWrite(what), error);
    } else {
        // The encoder may still hold the previous picture; it gets a fresh buffer if so.
        int status = av_frame_make_writable(w.yuvFrame);
        if (status < 0) return w.fail(w.cannotWrite(ffmpegError(status)), error);
        const std::uint8_t* const source[4] = {rgba, nullptr, nullptr, nullptr};
        const int sourceStride[4] = {strideBytes, 0, 0, 0};
        sws_scale(w.converter, source, sourceStride, 0, w.height, w.yuvFrame->data,
                  w.yuvFrame->linesize);
        w.yuvFrame->pts = frameIndex;
        if (!w.encode(w.yuvFrame, &what)) return w.fail(w.cannotWrite(what), error);
    }
    w.lastIndex = frameIndex;
    ++w.framesAdded;
    return true;
}

bool VideoWriter::finish(std::string* error) {
    Impl& w = *impl_;
    if (!w.open) {
        setError(error, w.path.empty() ? std::string("cannot finish: no video was opened")
                                       : "cannot finish '" + w.path + "': the video is not open");
        return false;
    }
    if (w.framesAdded == 0) return w.fail(w.cannotWrite("no frames were added"), error);
    std::string what;
    bool encoded = w.format != VideoFormat::Gif || w.encodeGif(&what);
    if (encoded) encoded = w.encode(nullptr, &what);  // the encoder's last frames
    if (!encoded) return w.fail(w.cannotWrite(what), error);
    int status = av_write_trailer(w.muxer);
    if (status < 0) return w.fail(w.cannotWrite(ffmpegError(status)), error);
    status = avio_closep(&w.muxer->pb);
    if (status < 0) return w.fail(w.cannotWrite(ffmpegError(status)), error);
    if (std::rename(w.temporaryPath.c_str(), w.path.c_str()) != 0)
        return w.fail(w.cannotWrite(std::strerror(errno)), error);
    w.temporaryPath.clear();  // it is the video now
    w.discard();
    return true;
}

void VideoWriter::cancel() {
    impl_->discard();
}

bool VideoWriter::isOpen() const {
    return impl_->open;
}
const std::string& VideoWriter::path() const {
    return impl_->path;
}
VideoFormat VideoWriter::format() const {
    return impl_->format;
}
int VideoWriter::width() const {
    return impl_->width;
}
int VideoWriter::height() const {
    return impl_->height;
}
std::int64_t VideoWriter::framesAdded() const {
    return impl_->framesAdded;
}
std::size_t VideoWriter::bufferedBytes() const {
    return impl_->gifBytes;
}

}  // namespace losslab
