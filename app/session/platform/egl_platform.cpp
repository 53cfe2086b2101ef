#include <epoxy/egl.h>

#include <epoxy/gl.h>
#include <imgui.h>

#include <dlfcn.h>

#include <chrono>

#include "session/platform/platform.hpp"
#include "session/render/framebuffer.hpp"

namespace losslab {

namespace {

class HeadlessPlatform final : public Platform {
  public:
    HeadlessPlatform(EGLDisplay display, EGLContext context)
        : display_(display), context_(context) {}
    ~HeadlessPlatform() override {
        framebuffer_.reset();  // GL objects go before their context
        eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(display_, context_);
        eglTerminate(display_);
    }
    bool init(int width, int height, std::string* error) {
        return framebuffer_->resize(width, height, error);
    }
    bool shouldClose() override { return closeRequested_; }
    void requestClose() override { closeRequested_ = true; }
    void beginFrame() override {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(static_cast<float>(framebuffer_->width()),
                                static_cast<float>(framebuffer_->height()));
        io.DisplayFramebufferScale = ImVec2(1, 1);
        // A fixed step keeps headless frames deterministic (same scene, same pixels).
        io.DeltaTime = 1.0f / 60.0f;
    }
    void bindTarget() override { framebuffer_->bind(); }
    void present() override { glFinish(); }
    SurfaceSize framebufferSize() const override {
        return {framebuffer_->width(), framebuffer_->height()};
    }
    bool isHeadless() const override { return true; }
    void setIdleWait(double) override {}  // headless frames are driven, never idle
    void setTitle(const std::string&) override {}
    bool setFullscreen(bool) override { return false; }

  private:
    EGLDisplay display_;
    EGLContext context_;
    std::unique_ptr<Framebuffer> framebuffer_ =
        std::make_unique<Framebuffer>(Framebuffer::Depth::None);
    bool closeRequested_ = false;
};

}  // namespace

std::unique_ptr<Platform> createHeadlessPlatform(int width, int height, std::string* error) {
    // libepoxy finds the current context by asking libEGL, but only if libEGL is already
    // loaded; every EGL call here goes through epoxy, so the linker may have dropped it.
    // Load it now and keep it for the life of the process.
    if (!dlopen("libEGL.so.1", RTLD_NOW | RTLD_GLOBAL)) {
        *error = "cannot load libEGL.so.1 (install libegl1 and libegl-mesa0)";
        return nullptr;
    }
    auto getPlatformDisplay = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(
        eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!getPlatformDisplay) {
        *error = "headless rendering needs EGL_EXT_platform_base (install libegl-mesa0)";
        return nullptr;
    }
    EGLDisplay display =
        getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (display == EGL_NO_DISPLAY || !eglInitialize(display, nullptr, nullptr)) {
        *error =
            "cannot open Mesa's surfaceless EGL display (install libegl-mesa0, libgl1-mesa-dri)";
        return nullptr;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        *error = "EGL cannot bind desktop OpenGL";
        eglTerminate(display);
        return nullptr;
    }
    const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION,
                                        3,
                                        EGL_CONTEXT_MINOR_VERSION,
                                        3,
                                        EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                        EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                        EGL_NONE};
    EGLContext context =
        eglCreateContext(display, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, contextAttributes);
    if (context == EGL_NO_CONTEXT) {
        *error = "cannot create a headless OpenGL 3.3 core context";
        eglTerminate(display);
        return nullptr;
    }
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
        *error = "cannot make the headless OpenGL context current";
        eglDestroyContext(display, context);
        eglTerminate(display);
        return nullptr;
    }
    auto platform = std::make_unique<HeadlessPlatform>(display, context);
    if (!platform->init(width, height, error)) return nullptr;
    return platform;
}

}  // namespace losslab
