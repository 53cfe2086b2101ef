#pragma once
// "Record": the pixels of a panel, frame after frame, into a video encoded on a worker
// thread (io/async_video_writer.hpp), so the window never waits for the encoder. The UI asks
// through AppState::recording (ui/panel_export.hpp); this reads the framebuffer.
#include <cstdint>
#include <memory>
#include <vector>

#include "io/async_video_writer.hpp"
#include "state/app_state.hpp"

namespace losslab {

class PanelRecorder {
  public:
    // After a frame is rendered, with its framebuffer bound: starts, feeds or finishes the
    // recording that `state.recording` asks for. `pixelsPerPoint`: framebuffer pixels per
    // ImGui unit; `framebufferHeight` in pixels; `now`: the UI clock.
    void afterRender(AppState& state, float pixelsPerPoint, int framebufferWidth,
                     int framebufferHeight, double now);
    PanelRecorder() = default;
    // A recording still running when the window closes is finished, not lost.
    ~PanelRecorder();
    PanelRecorder(const PanelRecorder&) = delete;
    PanelRecorder& operator=(const PanelRecorder&) = delete;
    bool busy() const { return writer_ != nullptr; }

  private:
    void finish(AppState& state);

    std::unique_ptr<AsyncVideoWriter> writer_;
    bool finishing_ = false;
    int width_ = 0, height_ = 0;            // the video's size: the panel's when recording started
    std::vector<std::uint8_t> readBuffer_;  // the panel's rows as GL reads them
    std::vector<std::uint8_t> pixels_;      // a whole video frame, bottom row first
};

}  // namespace losslab
