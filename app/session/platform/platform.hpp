#pragma once
// Where frames go: a GLFW window on screen, or an EGL surfaceless context rendering into
// an offscreen framebuffer. Everything above this interface is the same code for both.
#include <memory>
#include <string>

namespace losslab {

struct SurfaceSize {
    int width = 0;  // framebuffer pixels
    int height = 0;
};

class Platform {
  public:
    virtual ~Platform() = default;
    // True once the user asked to close the window (never for headless).
    virtual bool shouldClose() = 0;
    virtual void requestClose() = 0;
    // Polls events and starts the ImGui platform frame (display size, input, time).
    virtual void beginFrame() = 0;
    // Before the next frame, sleep until an event arrives or `seconds` pass (0: do not
    // wait). An idle window then costs almost nothing while input still answers at once.
    virtual void setIdleWait(double seconds) = 0;
    // Binds the framebuffer that frames are drawn into.
    virtual void bindTarget() = 0;
    // Shows the finished frame (swap buffers; nothing for headless).
    virtual void present() = 0;
    virtual SurfaceSize framebufferSize() const = 0;
    virtual bool isHeadless() const = 0;
    virtual void setTitle(const std::string& title) = 0;
    // Full screen on the monitor the window is on, or back to the window as it was. Returns
    // whether the window is now full screen (headless: never).
    virtual bool setFullscreen(bool fullscreen) = 0;
};

// A visible window with an OpenGL 3.3 core context, ImGui's GLFW backend installed.
std::unique_ptr<Platform> createGlfwPlatform(int width, int height, const std::string& title,
                                             bool vsync, std::string* error);
// An EGL surfaceless OpenGL 3.3 core context (Mesa), rendering into a width x height
// framebuffer object; needs no X server.
std::unique_ptr<Platform> createHeadlessPlatform(int width, int height, std::string* error);

// True when a display server is reachable (X11 or Wayland environment variables).
bool displayAvailable();

}  // namespace losslab
