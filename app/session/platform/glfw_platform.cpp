#include <epoxy/gl.h>
// epoxy must come before GLFW so that GLFW does not pull in another GL header.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <stb_image.h>

#include <cstdlib>
#include <vector>

#include "session/platform/platform.hpp"

namespace losslab {

// The icon's PNGs, built into the program (app/CMakeLists.txt writes window_icon_png.cpp).
extern const unsigned char kWindowIconPng32[];
extern const unsigned kWindowIconPng32Size;
extern const unsigned char kWindowIconPng64[];
extern const unsigned kWindowIconPng64Size;

bool displayAvailable() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

namespace {

// Dear ImGui 1.86 reads key state once per frame (there is no input queue before 1.87), so a
// key pressed and released within one poll of events would be missed entirely — as happens
// with fast typists and with xdotool. Such releases are held back until the next frame.
struct KeyDebounce {
    std::vector<int> pressedThisPoll;
    std::vector<int> deferredReleases;
};

void keyCallback(GLFWwindow* window, int key, int scancode, int action, int mods) {
    auto* debounce = static_cast<KeyDebounce*>(glfwGetWindowUserPointer(window));
    if (debounce && action == GLFW_PRESS) debounce->pressedThisPoll.push_back(key);
    // Any release in a poll that also pressed a key waits a frame: the pressed key is seen
    // down, and so are the modifiers released right after it (xdotool's "ctrl+q").
    if (debounce && action == GLFW_RELEASE && !debounce->pressedThisPoll.empty()) {
        debounce->deferredReleases.push_back(key);
        debounce->deferredReleases.push_back(scancode);
        debounce->deferredReleases.push_back(mods);
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

// The window manager picks the size it shows (title bar, task switcher) from those given.
void setWindowIcon(GLFWwindow* window) {
    struct Png {
        const unsigned char* bytes;
        unsigned size;
    };
    const Png pngs[] = {{kWindowIconPng32, kWindowIconPng32Size},
                        {kWindowIconPng64, kWindowIconPng64Size}};
    std::vector<GLFWimage> images;
    for (const Png& png : pngs) {
        GLFWimage image{};
        int channels = 0;
        image.pixels = stbi_load_from_memory(png.bytes, static_cast<int>(png.size), &image.width,
                                             &image.height, &channels, 4);
        if (image.pixels) images.push_back(image);
    }
    if (!images.empty()) glfwSetWindowIcon(window, static_cast<int>(images.size()), images.data());
    for (GLFWimage& image : images)
        stbi_image_free(image.pixels);
}

class GlfwPlatform final : public Platform {
  public:
    explicit GlfwPlatform(GLFWwindow* window) : window_(window) {
        glfwSetWindowUserPointer(window_, &keys_);
        glfwSetKeyCallback(window_, keyCallback);
    }
    ~GlfwPlatform() override {
        ImGui_ImplGlfw_Shutdown();
        glfwDestroyWindow(window_);
        glfwTerminate();
    }
    bool shouldClose() override { return glfwWindowShouldClose(window_); }
    void requestClose() override { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
    void beginFrame() override {
        // Releases held back from the last poll happen now, a frame after their press.
        std::vector<int> releases;
        releases.swap(keys_.deferredReleases);
        for (size_t i = 0; i + 2 < releases.size(); i += 3) {
            ImGui_ImplGlfw_KeyCallback(window_, releases[i], releases[i + 1], GLFW_RELEASE,
                                       releases[i + 2]);
        }
        keys_.pressedThisPoll.clear();
        if (idleWait_ > 0) {
            glfwWaitEventsTimeout(idleWait_);
        } else {
            glfwPollEvents();
        }
        ImGui_ImplGlfw_NewFrame();
    }
    void bindTarget() override {
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        const SurfaceSize size = framebufferSize();
        glViewport(0, 0, size.width, size.height);
    }
    void present() override { glfwSwapBuffers(window_); }
    SurfaceSize framebufferSize() const override {
        SurfaceSize size;
        glfwGetFramebufferSize(window_, &size.width, &size.height);
        return size;
    }
    bool isHeadless() const override { return false; }
    void setIdleWait(double seconds) override { idleWait_ = seconds; }
    void setTitle(const std::string& title) override { glfwSetWindowTitle(window_, title.c_str()); }
    bool setFullscreen(bool fullscreen) override {
        const bool now = glfwGetWindowMonitor(window_) != nullptr;
        if (fullscreen == now) return now;
        if (fullscreen) {
            GLFWmonitor* monitor = monitorOfWindow();
            const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
            if (!mode) return false;
            glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
            glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
            glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height,
                                 mode->refreshRate);
        } else {
            glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2],
                                 windowed_[3], 0);
        }
        return glfwGetWindowMonitor(window_) != nullptr;
    }

  private:
    // The monitor that holds the window's centre (a projector is often the second one).
    GLFWmonitor* monitorOfWindow() const {
        int x = 0, y = 0, w = 0, h = 0, count = 0;
        glfwGetWindowPos(window_, &x, &y);
        glfwGetWindowSize(window_, &w, &h);
        const int cx = x + w / 2, cy = y + h / 2;
        GLFWmonitor** monitors = glfwGetMonitors(&count);
        for (int i = 0; i < count; ++i) {
            int mx = 0, my = 0;
            glfwGetMonitorPos(monitors[i], &mx, &my);
            const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
            if (mode && cx >= mx && cx < mx + mode->width && cy >= my && cy < my + mode->height)
                return monitors[i];
        }
        return glfwGetPrimaryMonitor();
    }

    GLFWwindow* window_;
    KeyDebounce keys_;
    double idleWait_ = 0.0;
    int windowed_[4] = {0, 0, 1280, 720};  // position and size to return to from full screen
};

}  // namespace

std::unique_ptr<Platform> createGlfwPlatform(int width, int height, const std::string& title,
                                             bool vsync, std::string* error) {
    glfwSetErrorCallback(nullptr);
    if (!glfwInit()) {
        const char* description = nullptr;
        glfwGetError(&description);
        *error =
            std::string("cannot open a window: ") + (description ? description : "glfwInit failed");
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // The window draws 2D only (the 3D view has its own framebuffer with depth). Without a
    // depth buffer llvmpipe saves about 2 ms a frame at 1600x900.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    // WM_CLASS, which desktops match to the .desktop entry's StartupWMClass (its icon, its
    // place in the dock).
    glfwWindowHintString(GLFW_X11_CLASS_NAME, "org.losslab.LossLab");
    glfwWindowHintString(GLFW_X11_INSTANCE_NAME, "losslab");
    GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!window) {
        const char* description = nullptr;
        glfwGetError(&description);
        *error = std::string("cannot create an OpenGL 3.3 window: ") +
                 (description ? description : "unknown error");
        glfwTerminate();
        return nullptr;
    }
    setWindowIcon(window);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(vsync ? 1 : 0);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    return std::make_unique<GlfwPlatform>(window);
}

}  // namespace losslab
