#pragma once
// Reads a video back with FFmpeg's own demuxers and decoders, as a player would: the stream's
// codec and size, the decoded frames' count and pixel format, the first and last frames.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

namespace losslab::testing {

struct Rgb {
    int r, g, b;
};

// What a player gets from a file: the stream's codec and size, the decoded frames' count and
// pixel format, and the first and last frames as RGBA.
struct DecodedVideo {
    std::string error;
    AVCodecID codec = AV_CODEC_ID_NONE;
    int width = 0;
    int height = 0;
    AVPixelFormat pixelFormat = AV_PIX_FMT_NONE;
    int frames = 0;
    std::vector<std::uint8_t> first;
    std::vector<std::uint8_t> last;

    Rgb pixel(const std::vector<std::uint8_t>& rgba, int x, int y) const {
        const std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * width + x) * 4];
        return {p[0], p[1], p[2]};
    }
};

// Converts a decoded frame to RGBA with the colour space it is tagged with.
inline std::vector<std::uint8_t> toRgba(const AVFrame* frame) {
    const auto format = static_cast<AVPixelFormat>(frame->format);
    SwsContext* converter =
        sws_getContext(frame->width, frame->height, format, frame->width, frame->height,
                       AV_PIX_FMT_RGBA, SWS_POINT, nullptr, nullptr, nullptr);
    const int space = frame->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
    sws_setColorspaceDetails(converter, sws_getCoefficients(space),
                             frame->color_range == AVCOL_RANGE_JPEG, sws_getCoefficients(space), 1,
                             0, 1 << 16, 1 << 16);
    // swscale's SIMD code writes whole vectors: rows padded to 64 bytes with slack after the
    // last, then packed.
    const int paddedStride = (frame->width * 4 + 63) / 64 * 64;
    std::vector<std::uint8_t> padded(static_cast<std::size_t>(paddedStride) * frame->height + 64);
    std::uint8_t* const destination[4] = {padded.data(), nullptr, nullptr, nullptr};
    const int destinationStride[4] = {paddedStride, 0, 0, 0};
    sws_scale(converter, frame->data, frame->linesize, 0, frame->height, destination,
              destinationStride);
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(frame->width) * frame->height * 4);
    for (int y = 0; y < frame->height; ++y) {
        std::copy_n(padded.data() + static_cast<std::size_t>(y) * paddedStride,
                    static_cast<std::size_t>(frame->width) * 4,
                    rgba.data() + static_cast<std::size_t>(y) * frame->width * 4);
    }
    sws_freeContext(converter);
    return rgba;
}

inline DecodedVideo decodeVideo(const std::string& path) {
    DecodedVideo video;
    AVFormatContext* demuxer = nullptr;
    if (avformat_open_input(&demuxer, path.c_str(), nullptr, nullptr) < 0) {
        video.error = "cannot open " + path;
        return video;
    }
    avformat_find_stream_info(demuxer, nullptr);
    const int streamIndex = av_find_best_stream(demuxer, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (streamIndex < 0) {
        video.error = "no video stream in " + path;
        avformat_close_input(&demuxer);
        return video;
    }
    const AVCodecParameters* parameters = demuxer->streams[streamIndex]->codecpar;
    video.codec = parameters->codec_id;
    video.width = parameters->width;
    video.height = parameters->height;
    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    AVCodecContext* decoder = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(decoder, parameters);
    avcodec_open2(decoder, codec, nullptr);
    AVPacket* packet = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    auto receiveAll = [&] {
        while (avcodec_receive_frame(decoder, frame) == 0) {
            video.pixelFormat = static_cast<AVPixelFormat>(frame->format);
            if (video.frames == 0) video.first = toRgba(frame);
            video.last = toRgba(frame);
            ++video.frames;
            av_frame_unref(frame);
        }
    };
    while (av_read_frame(demuxer, packet) >= 0) {
        if (packet->stream_index == streamIndex) avcodec_send_packet(decoder, packet);
        av_packet_unref(packet);
        receiveAll();
    }
    avcodec_send_packet(decoder, nullptr);
    receiveAll();
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&demuxer);
    return video;
}

}  // namespace losslab::testing
