// Video export (app/io/video_writer): the speed goal is 1280x720 H.264 at 30 frames per second
// of wall time or more on two cores, so that `losslab animate` is not slower than the video it
// makes and in-app recording keeps up. Frames are rendered before timing starts; only the
// conversion (libswscale), the encoding and the file are measured. Wall time, since the
// encoders use both cores.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/video_writer.hpp"

namespace {

using namespace losslab;

constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr int kDistinctFrames = 30;  // 110 MB of RGBA; the video cycles through them

// A plot-like frame: white background, a heatmap whose pattern shifts with `frame` (as a
// swept temperature moves a loss surface), grey grid lines, a dark curve two pixels thick and
// a moving marker: flat colours, smooth gradients and thin lines, as the panels draw.
std::vector<std::uint8_t> plotFrame(int frame) {
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(kWidth) * kHeight * 4, 255);
    auto put = [&](int x, int y, int r, int g, int b) {
        if (x < 0 || y < 0 || x >= kWidth || y >= kHeight) return;
        std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * kWidth + x) * 4];
        p[0] = static_cast<std::uint8_t>(r);
        p[1] = static_cast<std::uint8_t>(g);
        p[2] = static_cast<std::uint8_t>(b);
    };
    const double phase = 0.2 * frame;
    // Heatmap on the left half, a viridis-like ramp of a moving bowl.
    for (int y = 60; y < 660; ++y) {
        for (int x = 60; x < 620; ++x) {
            const double u = (x - 340) / 140.0 - std::cos(phase);
            const double v = (y - 360) / 150.0 - std::sin(phase);
            const double t = std::fmod(std::sqrt(u * u + v * v) / 3.0, 1.0);
            put(x, y, static_cast<int>(68 + 185 * t * t), static_cast<int>(1 + 230 * t),
                static_cast<int>(84 + 60 * std::sin(3.1 * t)));
        }
    }
    // Grid lines and axes on the right half.
    for (int x = 700; x < 1240; x += 60)
        for (int y = 60; y < 660; ++y)
            put(x, y, 220, 220, 220);
    for (int y = 60; y < 660; y += 60)
        for (int x = 700; x < 1240; ++x)
            put(x, y, 220, 220, 220);
    for (int y = 60; y < 660; ++y)
        put(700, y, 0, 0, 0);
    for (int x = 700; x < 1240; ++x)
        put(x, 660, 0, 0, 0);
    // A loss curve that moves, and the current point.
    for (int x = 700; x < 1240; ++x) {
        const int y = 360 + static_cast<int>(200 * std::sin((x - 700) / 80.0 + phase));
        put(x, y, 0, 114, 178);
        put(x, y + 1, 0, 114, 178);
    }
    const int markerX = 700 + (frame * 18) % 540;
    const int markerY = 360 + static_cast<int>(200 * std::sin((markerX - 700) / 80.0 + phase));
    for (int dy = -6; dy <= 6; ++dy)
        for (int dx = -6; dx <= 6; ++dx)
            if (dx * dx + dy * dy <= 36) put(markerX + dx, markerY + dy, 213, 94, 0);
    return rgba;
}

const std::vector<std::vector<std::uint8_t>>& plotFrames() {
    static const std::vector<std::vector<std::uint8_t>> frames = [] {
        std::vector<std::vector<std::uint8_t>> all;
        for (int i = 0; i < kDistinctFrames; ++i)
            all.push_back(plotFrame(i));
        return all;
    }();
    return frames;
}

void encodeVideo(benchmark::State& state, const char* extension) {
    const int frameCount = static_cast<int>(state.range(0));
    const auto& frames = plotFrames();
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("losslab-bench-" + std::to_string(::getpid()) + extension))
                                 .string();
    std::size_t peakBuffered = 0;
    for (auto _ : state) {
        VideoWriter writer;
        std::string error;
        bool ok = writer.open(path, kWidth, kHeight, 30, &error);
        for (int i = 0; ok && i < frameCount; ++i)
            ok = writer.addFrame(frames[i % kDistinctFrames].data(), kWidth * 4, &error);
        peakBuffered = std::max(peakBuffered, writer.bufferedBytes());
        if (ok) ok = writer.finish(&error);
        if (!ok) {
            state.SkipWithError(error.c_str());
            break;
        }
    }
    std::error_code ignored;
    state.counters["MB"] =
        static_cast<double>(std::filesystem::file_size(path, ignored)) / (1024.0 * 1024.0);
    state.counters["buffered_MB"] = static_cast<double>(peakBuffered) / (1024.0 * 1024.0);
    std::filesystem::remove(path, ignored);
    state.counters["frames/s"] =
        benchmark::Counter(frameCount, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_EncodeMp4_1280x720(benchmark::State& state) {
    encodeVideo(state, ".mp4");
}
BENCHMARK(BM_EncodeMp4_1280x720)
    ->Arg(300)
    ->Iterations(1)
    ->Repetitions(5)
    ->DisplayAggregatesOnly(true)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_EncodeWebm_1280x720(benchmark::State& state) {
    encodeVideo(state, ".webm");
}
BENCHMARK(BM_EncodeWebm_1280x720)
    ->Arg(90)
    ->Iterations(1)
    ->Repetitions(3)
    ->DisplayAggregatesOnly(true)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_EncodeGif_1280x720(benchmark::State& state) {
    encodeVideo(state, ".gif");
}
BENCHMARK(BM_EncodeGif_1280x720)
    ->Arg(90)
    ->Iterations(1)
    ->Repetitions(3)
    ->DisplayAggregatesOnly(true)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
