#include "ui/main_frame.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model_edit.hpp"
#include "panels/panels.hpp"
#include "plot/plot.hpp"
#include "ui/keys.hpp"

namespace losslab {

namespace {

// Panels tile the screen, so they draw no background of their own: the frame is cleared to
// the window colour instead. On a software rasterizer (llvmpipe, a projector laptop without
// a GPU) that saves shading every pixel of the screen once more per frame.
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBackground;

struct Cell {
    float x, y, w, h;  // fractions of the work area
};

// Places the next panel window at a cell of the work area and draws it.
template <typename DrawFn>
void panel(const char* title, const Cell& cell, DrawFn draw, AppState& state) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin = viewport->WorkPos;
    const ImVec2 size = viewport->WorkSize;
    const float gap = 2.0f;
    ImGui::SetNextWindowPos({origin.x + size.x * cell.x + gap, origin.y + size.y * cell.y + gap});
    ImGui::SetNextWindowSize({size.x * cell.w - 2 * gap, size.y * cell.h - 2 * gap});
    // Every panel sees the model as edited by the panels before it: same-frame updates.
    state.updateDerived();
    if (ImGui::Begin(title, nullptr, kPanelFlags)) draw(state);
    ImGui::End();
}

void drawLogitLab(AppState& state) {
    panel("Logits s", {0.0f, 0.0f, 0.30f, 0.60f}, drawLogitsPanel, state);
    panel("Target q", {0.0f, 0.60f, 0.30f, 0.40f}, drawTargetPanel, state);
    panel("Softmax: s → z = s/τ → e^z → p", {0.30f, 0.0f, 0.32f, 0.60f}, drawSoftmaxPanel, state);
    panel("Probabilities p vs target q", {0.30f, 0.60f, 0.32f, 0.40f}, drawProbabilitiesPanel, state);
    panel("Losses and gradients ∇L", {0.62f, 0.0f, 0.38f, 0.60f}, drawLossesPanel, state);
    panel("Precision: naive vs shifted softmax", {0.62f, 0.60f, 0.38f, 0.40f}, drawPrecisionPanel, state);
}

void setScale(AppState& state, float scale) {
    state.view.pendingUiScale = std::clamp(std::round(scale * 20.0f) / 20.0f, 0.75f, 2.5f);
}

void drawMenuBar(AppState& state) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Screenshot", "F12")) state.view.screenshotRequested = true;
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.view.quitRequested = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        if (ImGui::MenuItem("Undo", "Ctrl+Z", false, !state.history.undo.empty())) state.undo();
        if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, !state.history.redo.empty())) state.redo();
        ImGui::Separator();
        if (ImGui::MenuItem("Randomize logits", "R")) randomizeLogits(state);
        if (ImGui::MenuItem("Zero logits", "0")) zeroLogits(state);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Dark theme", nullptr, state.view.darkTheme)) {
            state.view.darkTheme = !state.view.darkTheme;
            state.view.themeChanged = true;
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Larger UI", "Ctrl+=")) setScale(state, state.view.uiScale + 0.25f);
        if (ImGui::MenuItem("Smaller UI", "Ctrl+-")) setScale(state, state.view.uiScale - 0.25f);
        for (float s : {1.0f, 1.5f, 2.0f}) {
            char label[16];
            std::snprintf(label, sizeof label, "%.0f %%", s * 100);
            if (ImGui::MenuItem(label, nullptr, std::abs(state.view.uiScale - s) < 0.01f)) setScale(state, s);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Shortcuts", "F1")) state.view.showHelp = !state.view.showHelp;
        ImGui::EndMenu();
    }
    ImGui::Separator();
    const struct {
        const char* name;
        Workspace workspace;
    } spaces[] = {{"Logit Lab", Workspace::LogitLab}};
    for (const auto& space : spaces) {
        if (ImGui::MenuItem(space.name, nullptr, state.view.workspace == space.workspace)) {
            state.view.workspace = space.workspace;
        }
    }
    ImGui::EndMainMenuBar();
}

void handleShortcuts(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    const bool ctrl = io.KeyCtrl;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    if (ctrl && pressed(keys::kZ)) {
        if (io.KeyShift) state.redo();
        else state.undo();
    } else if (ctrl && pressed(keys::kY)) {
        state.redo();
    } else if (ctrl && (pressed(keys::kEqual) || pressed(keys::kKeypadAdd))) {
        setScale(state, state.view.uiScale + 0.25f);
    } else if (ctrl && (pressed(keys::kMinus) || pressed(keys::kKeypadSubtract))) {
        setScale(state, state.view.uiScale - 0.25f);
    } else if (ctrl && pressed(81 /* Q */)) {
        state.view.quitRequested = true;
    } else if (!ctrl) {
        if (pressed(keys::kR)) randomizeLogits(state);
        if (pressed(keys::kDigit0)) zeroLogits(state);
        for (int d = 1; d <= 9; ++d) {
            if (pressed(keys::kDigit0 + d)) setTrueClass(state, d - 1);
        }
        if (pressed(keys::kF1)) state.view.showHelp = !state.view.showHelp;
        if (pressed(keys::kF12)) state.view.screenshotRequested = true;
        if (pressed(keys::kEscape)) state.view.showHelp = false;
    }
}

void drawHelp(AppState& state) {
    if (!state.view.showHelp) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                             viewport->WorkPos.y + viewport->WorkSize.y * 0.5f},
                            ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.95f);
    if (ImGui::Begin("Keyboard shortcuts", &state.view.showHelp,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoCollapse)) {
        const char* rows[][2] = {
            {"Drag a logit bar", "change that logit (Shift: 10× finer)"},
            {"Double-click a bar", "type an exact value"},
            {"Click a class name", "make it the true class"},
            {"1 – 9", "true class 1 – 9"},
            {"R", "randomize the logits (seeded)"},
            {"0", "all logits 0"},
            {"Ctrl+Z / Ctrl+Shift+Z", "undo / redo"},
            {"Ctrl+= / Ctrl+-", "larger / smaller UI (75–250 %)"},
            {"F12", "save a screenshot of the window (PNG)"},
            {"F1 / Esc", "show / hide this help"},
            {"Ctrl+Q", "quit"},
        };
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
            for (const auto& row : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row[0]);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row[1]);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

void drawToasts(AppState& state) {
    const double now = ImGui::GetTime();
    state.toasts.erase(std::remove_if(state.toasts.begin(), state.toasts.end(),
                                      [now](const Toast& t) { return t.expiresAt < now; }),
                       state.toasts.end());
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    float y = viewport->WorkPos.y + viewport->WorkSize.y - 10.0f;
    for (size_t i = state.toasts.size(); i-- > 0;) {
        ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x - 10.0f, y}, ImGuiCond_Always, {1.0f, 1.0f});
        ImGui::SetNextWindowBgAlpha(0.92f);
        char id[32];
        std::snprintf(id, sizeof id, "##toast%zu", i);
        ImGui::Begin(id, nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
        if (state.toasts[i].error) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.3f, 1.0f), "%s", state.toasts[i].text.c_str());
        } else {
            ImGui::TextUnformatted(state.toasts[i].text.c_str());
        }
        y -= ImGui::GetWindowHeight() + 6.0f;
        ImGui::End();
    }
}

}  // namespace

void drawMainFrame(AppState& state) {
    handleShortcuts(state);
    state.updateDerived();
    drawMenuBar(state);
    switch (state.view.workspace) {
        case Workspace::LogitLab:
        case Workspace::Geometry:
        case Workspace::Training: drawLogitLab(state); break;
    }
    drawHelp(state);
    drawToasts(state);
    state.endFrame(ImGui::IsAnyItemActive());
}

}  // namespace losslab
