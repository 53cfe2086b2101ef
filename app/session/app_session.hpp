#pragma once
// One running instance of the app: ImGui context, platform (window or headless), fonts,
// theme and AppState, and the code of one frame. The program, the exporter and the
// tests all drive frames through this class.
#include <memory>
#include <set>
#include <string>

#include "session/platform/platform.hpp"
#include "session/recorder.hpp"
#include "session/render/framebuffer.hpp"
#include "session/render/gpu_cache.hpp"
#include "state/app_state.hpp"

struct ImGuiContext;

namespace losslab {

class PortalFileChooser;

struct SessionConfig {
    int width = 1600;
    int height = 900;
    float uiScale = 1.0f;
    Theme theme = Theme::Dark;
    bool headless = false;  // EGL surfaceless + offscreen framebuffer instead of a window
    bool vsync = true;
    // Open and Save through the desktop portal where one runs (a window only: headless
    // sessions and tests never ask the session bus).
    bool nativeFileDialogs = false;
};

class AppSession {
  public:
    static std::unique_ptr<AppSession> create(const SessionConfig& config, std::string* error);
    ~AppSession();
    AppSession(const AppSession&) = delete;
    AppSession& operator=(const AppSession&) = delete;

    AppState& state() { return *state_; }
    GpuCache& gpu() { return *gpu_; }
    Platform& platform() { return *platform_; }
    bool shouldClose() { return platform_->shouldClose(); }

    // Builds and draws one frame into the target framebuffer, without presenting it.
    void renderFrame();
    // Shows the frame (swap buffers on screen; nothing headless).
    void present();
    void frame() {
        renderFrame();
        present();
    }
    // The pixels of the frame just rendered (call between renderFrame and present).
    Image capture();
    // Interactive windows sleep between frames when nothing moves; benchmarks must not.
    void setIdleWaitAllowed(bool allowed);
    // Screenshots and benchmarks: the pointer is treated as outside the window.
    void setIgnoreMouse(bool ignore);

  private:
    AppSession() = default;
    void applyViewChanges();
    void mergeNewCharacters();
    void saveWindowScreenshot();

    ImGuiContext* context_ = nullptr;
    std::unique_ptr<Platform> platform_;
    std::unique_ptr<AppState> state_ = std::make_unique<AppState>();
    // The GL objects showing the state; freed before the context goes.
    std::unique_ptr<GpuCache> gpu_ = std::make_unique<GpuCache>();
    // The desktop portal's Open/Save dialogs, when the session uses them.
    std::unique_ptr<PortalFileChooser> portal_;
    PanelRecorder recorder_;  // "Record": the recorded panel's frames into a video
    // Characters beyond the base font ranges that the text has needed so far (ui/fonts.hpp).
    std::set<char32_t> extraCharacters_;
    bool rendererReady_ = false;
    bool idleWaitAllowed_ = false;
    bool ignoreMouse_ = false;
};

}  // namespace losslab
