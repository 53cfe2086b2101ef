#pragma once
// A headless LossLab session (EGL surfaceless, no X server) driven by synthetic input
// written straight into ImGuiIO, as Dear ImGui 1.86 expects.
#include <gtest/gtest.h>
#include <imgui.h>

#include <memory>
#include <string>

#include "io/scene_io.hpp"
#include "session/app_session.hpp"

namespace losslab::testing {

class HeadlessSession : public ::testing::Test {
  protected:
    void SetUp() override { start(1600, 900); }

    void start(int width, int height, float scale = 1.0f) {
        SessionConfig config;
        config.width = width;
        config.height = height;
        config.uiScale = scale;
        config.headless = true;
        std::string error;
        session = AppSession::create(config, &error);
        ASSERT_TRUE(session) << error;
        frames(3);  // let window sizes settle
    }

    AppState& state() { return session->state(); }
    // Opens a lecture preset (assets/scenes/FILE) and shows the Training workspace.
    void openTrainingPreset(const std::string& file) {
        const std::string path = std::string(LOSSLAB_SOURCE_DIR) + "/assets/scenes/" + file;
        ASSERT_FALSE(openScene(path, state()));
        state().view.workspace = Workspace::Training;
        frames(2);
    }
    ImGuiIO& io() { return ImGui::GetIO(); }

    void frames(int n) {
        for (int i = 0; i < n; ++i)
            session->frame();
    }
    void moveTo(float x, float y) {
        io().MousePos = ImVec2(x, y);
        frames(1);
    }
    void press(float x, float y) {
        moveTo(x, y);
        io().MouseDown[0] = true;
        frames(1);
    }
    void release() {
        io().MouseDown[0] = false;
        frames(2);
    }
    void click(float x, float y) {
        press(x, y);
        release();
    }
    // Drags from (x, y) by (dx, dy) in `steps` mouse moves.
    void drag(float x, float y, float dx, float dy, int steps = 5) {
        press(x, y);
        for (int i = 1; i <= steps; ++i)
            moveTo(x + dx * i / steps, y + dy * i / steps);
        release();
    }
    void key(int code, bool ctrl = false, bool shift = false) {
        io().KeyCtrl = ctrl;
        io().KeyShift = shift;
        io().KeysDown[code] = true;
        frames(1);
        io().KeysDown[code] = false;
        io().KeyCtrl = false;
        io().KeyShift = false;
        frames(1);
    }

    std::unique_ptr<AppSession> session;
};

}  // namespace losslab::testing
