#include "session/app_session.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <ctime>

#include "session/platform/portal_file_chooser.hpp"
#include "ui/fonts.hpp"
#include "ui/main_frame.hpp"
#include "ui/theme.hpp"

namespace losslab {

namespace {

// Whether this frame had input. What the input changed (a setting, the view's zoom, the
// workspace) reaches the panels' update steps in the next frame, so that frame is drawn at
// once instead of after the idle wait.
bool frameHadInput() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f || !io.InputQueueCharacters.empty())
        return true;
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b) {
        if (io.MouseClicked[b] || io.MouseReleased[b]) return true;
    }
    for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown); ++k) {
        const bool pressed = io.KeysDownDuration[k] == 0.0f;
        const bool released = !io.KeysDown[k] && io.KeysDownDurationPrev[k] >= 0.0f;
        if (pressed || released) return true;
    }
    return false;
}

}  // namespace

std::unique_ptr<AppSession> AppSession::create(const SessionConfig& config, std::string* error) {
    std::unique_ptr<AppSession> session(new AppSession());
    IMGUI_CHECKVERSION();
    session->context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(session->context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is ours, not imgui.ini in the working directory
    io.LogFilename = nullptr;
    if (config.headless) {
        session->platform_ = createHeadlessPlatform(config.width, config.height, error);
    } else {
        session->platform_ =
            createGlfwPlatform(config.width, config.height, "LossLab", config.vsync, error);
    }
    if (!session->platform_) return nullptr;
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        *error = "the OpenGL 3.3 renderer could not start";
        return nullptr;
    }
    session->rendererReady_ = true;
    AppState& state = *session->state_;
    state.view.uiScale = config.uiScale;
    state.view.theme = config.theme;
    buildFonts(state.view.uiScale);
    applyTheme(state.view.theme, state.view.uiScale);
    state.history.stable = state.model;
    if (config.nativeFileDialogs && !config.headless && shouldUsePortal(probePortal())) {
        session->portal_ = std::make_unique<PortalFileChooser>();
        state.fileDialog.usePortal = true;
    }
    return session;
}

AppSession::~AppSession() {
    if (context_) ImGui::SetCurrentContext(context_);
    gpu_.reset();  // textures and framebuffers: free them while GL is current
    if (rendererReady_) ImGui_ImplOpenGL3_Shutdown();
    platform_.reset();
    if (context_) ImGui::DestroyContext(context_);
}

// Fonts and theme change between frames, never inside one (the font atlas is in use).
void AppSession::applyViewChanges() {
    ViewState& view = state_->view;
    FrameRequests& requests = state_->requests;
    if (requests.fullscreen) {
        requests.fullscreen = false;
        PresenterState& presenter = state_->presenter;
        presenter.fullscreen = platform_->setFullscreen(!presenter.fullscreen);
    }
    if (requests.uiScale > 0) {
        view.uiScale = requests.uiScale;
        requests.uiScale = 0;
        buildFonts(view.uiScale, extraCharacters_);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        requests.theme = true;
    }
    if (requests.theme) {
        requests.theme = false;
        applyTheme(view.theme, view.uiScale);
    }
}

// Characters beyond the base fonts that the text in use needs (a class name in Korean, a
// character being typed) join the atlas before the frame that shows them. That is rare, so an
// atlas rebuild then costs nothing noticeable; the scan itself skips ASCII text.
void AppSession::mergeNewCharacters() {
    const size_t known = extraCharacters_.size();
    collectExtraCharacters(*state_, &extraCharacters_);
    for (const ImWchar typed : ImGui::GetIO().InputQueueCharacters) {
        if (!inBaseGlyphRanges(typed)) extraCharacters_.insert(typed);
    }
    if (extraCharacters_.size() == known) return;
    buildFonts(state_->view.uiScale, extraCharacters_);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void AppSession::renderFrame() {
    ImGui::SetCurrentContext(context_);
    applyViewChanges();
    platform_->beginFrame();
    mergeNewCharacters();  // after the platform queued this frame's typed characters
    // A screenshot or benchmark shows the scene as set, not a tooltip where Xvfb happens to
    // leave the pointer (the middle of the screen).
    if (ignoreMouse_) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    const std::uint64_t modelBefore = state_->modelRevision;
    drawMainFrame(*state_, *gpu_);
    if (portal_) portal_->serve(state_->fileDialog);
    // An edit made while drawing (a typed value, a menu) reaches the panels' derived data in
    // the next frame's update steps: draw that frame now rather than after the idle wait.
    const bool edited = state_->modelRevision != modelBefore || frameHadInput();
    ImGui::Render();
    platform_->bindTarget();
    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(background.x, background.y, background.z,
                 state_->mode.transparentBackground ? 0.0f : 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);  // the frame has no depth buffer (2D only)
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (state_->requests.screenshot) {
        state_->requests.screenshot = false;
        saveWindowScreenshot();
    }
    {
        const SurfaceSize framebuffer = platform_->framebufferSize();
        recorder_.afterRender(*state_, ImGui::GetIO().DisplayFramebufferScale.x, framebuffer.width,
                              framebuffer.height, ImGui::GetTime());
    }
    if (state_->requests.quit) platform_->requestClose();
    // Idle (nothing animating, no mouse button held): wait for input between frames, at
    // most 0.1 s, so a projector laptop's CPU rests while the app still answers at once.
    const AppState& s = *state_;
    const bool animating = edited || s.training.playing || s.panels.surface.descending ||
                           !s.exports.empty() || !s.toasts.empty() || recorder_.busy() ||
                           s.recording.active || ImGui::IsAnyMouseDown() ||
                           ImGui::IsAnyItemActive();
    platform_->setIdleWait(animating || !idleWaitAllowed_ ? 0.0 : 0.1);
}

void AppSession::present() {
    platform_->present();
}

void AppSession::setIdleWaitAllowed(bool allowed) {
    idleWaitAllowed_ = allowed;
}

void AppSession::setIgnoreMouse(bool ignore) {
    ignoreMouse_ = ignore;
}

Image AppSession::capture() {
    const SurfaceSize size = platform_->framebufferSize();
    glFinish();
    return readPixels(size.width, size.height);
}

// F12: the window as it is, into a time-stamped PNG in the working directory.
void AppSession::saveWindowScreenshot() {
    const Image image = capture();
    const std::time_t now = std::time(nullptr);
    char name[64];
    std::strftime(name, sizeof name, "losslab-%Y%m%d-%H%M%S.png", std::localtime(&now));
    std::string error;
    if (writePng(image, name, &error)) {
        state_->showToast(std::string("Saved ") + name);
    } else {
        state_->showToast("Screenshot failed: " + error, true);
    }
}

}  // namespace losslab
