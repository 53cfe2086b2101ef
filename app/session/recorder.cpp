#include "session/recorder.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace losslab {

PanelRecorder::~PanelRecorder() {
    if (!writer_) return;
    std::string error;
    writer_->finish(&error);
}

void PanelRecorder::afterRender(AppState& state, float pixelsPerPoint, int framebufferWidth,
                                int framebufferHeight, double now) {
    RecordingState& recording = state.recording;
    if (finishing_) {
        if (!writer_->finished()) return;  // the worker is still writing the file's end
        std::string error;
        const bool saved = writer_->finish(&error);
        state.showToast(saved ? "Saved " + recording.path : "Recording failed: " + error, !saved);
        writer_.reset();
        finishing_ = false;
        recording = RecordingState{};
        return;
    }
    if (!recording.active) return;
    if (recording.stopRequested) {
        finish(state);
        return;
    }
    if (recording.width <= 0 || recording.height <= 0) return;  // not drawn yet
    if (!writer_) {
        // The video keeps the panel's first size, even (H.264's 4:2:0 needs it).
        width_ = static_cast<int>(std::lround(recording.width * pixelsPerPoint)) & ~1;
        height_ = static_cast<int>(std::lround(recording.height * pixelsPerPoint)) & ~1;
        writer_ = std::make_unique<AsyncVideoWriter>();
        std::string error;
        if (width_ < 2 || height_ < 2 ||
            !writer_->open(recording.path, width_, height_, recording.fps, &error)) {
            state.showToast("Recording failed: " + (error.empty() ? "panel too small" : error),
                            true);
            writer_.reset();
            recording = RecordingState{};
            return;
        }
        recording.startedAt = now;
    }
    // Frames at the video's rate from the wall clock: a frame drawn after an idle wait stands
    // for every video frame that fell due meanwhile (the picture did not change).
    const long long due =
        static_cast<long long>(std::floor((now - recording.startedAt) * recording.fps)) + 1;
    if (due <= recording.frames) return;
    // The panel's rectangle, clamped to the framebuffer (a panel half off screen).
    const int x = std::max(0, static_cast<int>(std::lround(recording.x * pixelsPerPoint)));
    const int top = std::max(0, static_cast<int>(std::lround(recording.y * pixelsPerPoint)));
    const int w = std::min(width_, framebufferWidth - x);
    const int h = std::min(height_, framebufferHeight - top);
    if (w <= 0 || h <= 0) return;
    // GL's rows start at the bottom. The buffer holds the video's rows bottom-up: the panel's
    // rows that are on screen at its top end, any cut off by the window's edge black below.
    const int stride = width_ * 4;
    readBuffer_.resize(static_cast<std::size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, framebufferHeight - top - h, w, h, GL_RGBA, GL_UNSIGNED_BYTE,
                 readBuffer_.data());
    pixels_.assign(static_cast<std::size_t>(stride) * height_, 0);
    for (int row = 0; row < h; ++row) {
        std::memcpy(pixels_.data() + static_cast<std::size_t>(height_ - h + row) * stride,
                    readBuffer_.data() + static_cast<std::size_t>(row) * w * 4,
                    static_cast<std::size_t>(w) * 4);
    }
    const std::uint8_t* topRow = pixels_.data() + static_cast<std::size_t>(height_ - 1) * stride;
    for (; recording.frames < due; ++recording.frames) {
        if (writer_->pushFrame(topRow, -stride) == AsyncVideoWriter::Push::Failed) {
            state.showToast("Recording failed: " + writer_->error(), true);
            writer_->cancel();
            writer_.reset();
            recording = RecordingState{};
            return;
        }
    }
    recording.dropped = writer_->droppedFrames();
}

void PanelRecorder::finish(AppState& state) {
    if (!writer_) {
        state.recording = RecordingState{};
        return;
    }
    writer_->requestFinish();
    finishing_ = true;
    state.recording.active = false;
    state.showToast("Finishing " + state.recording.path + "…");
}

}  // namespace losslab
