#include "ui/workspace_view.hpp"

#include <imgui.h>

#include <cstdio>

#include "panels/keys.hpp"
#include "state/layout_edit.hpp"
#include "ui/figure_dialog.hpp"
#include "ui/panel_export.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {

namespace {

// Panels tile the work area, so they draw no background of their own: the frame is cleared to
// the window colour instead. On a software rasterizer (llvmpipe, a projector laptop without
// a GPU) that saves shading every pixel of the screen once more per frame.
// They never come to the front when clicked either: they do not overlap one another, and a
// floating window (the scene's note, the help) must stay above the panel being used.
constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
    ImGuiWindowFlags_NoBringToFrontOnFocus;

// Half the gap between two panels, in pixels at 100 %. The gap is where a splitter is grabbed,
// so it grows with the UI scale like every other target of the mouse.
constexpr float kHalfGap = 3.0f;

float halfGap(const AppState& state) {
    return kHalfGap * state.view.uiScale;
}

void drawPanelMenu(AppState& state, const char* name) {
    // Right-click on a panel's title bar.
    if (ImGui::BeginPopupContextItem("panel-menu")) {
        const bool maximized =
            state.presenter.focus.size() == 1 && state.presenter.focus[0] == name;
        if (ImGui::MenuItem(maximized ? "Back to the layout" : "Fill the workspace", "F"))
            toggleMaximized(state, name);
        if (ImGui::MenuItem(
                "Hide this panel", nullptr, false,
                state.presenter.focus.empty() && layoutPanels(currentLayout(state)).size() > 1)) {
            setPanelShown(state, name, false);
        }
        ImGui::Separator();
        const PanelInfo* panel = findPanel(name);
        if (ImGui::MenuItem("Export figure…", nullptr, false, panel && panel->figure)) {
            openFigureDialog(state, name);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "The plot alone as PNG, SVG or PDF: a chosen size, paper theme, no widgets");
        }
        RecordingState& recording = state.recording;
        if (recording.active && recording.panel == name) {
            if (ImGui::MenuItem("Stop recording", "Ctrl+R")) recording.stopRequested = true;
        } else if (ImGui::BeginMenu("Record", !recording.active)) {
            for (const char* extension : {".mp4", ".gif", ".webm"}) {
                const std::string label = std::string("as ") + (extension + 1);
                if (ImGui::MenuItem(label.c_str())) startRecording(state, name, extension);
            }
            ImGui::EndMenu();
        }
        if (ImGui::IsItemHovered() && !recording.active) {
            ImGui::SetTooltip(
                "Record this panel while you work (drag, train, turn a slider) until Stop or\n"
                "Ctrl+R: a video in the export folder");
        }
        if (ImGui::BeginMenu("Screenshot of panel")) {
            for (int scale : {1, 2, 4}) {
                char label[40];
                std::snprintf(label, sizeof label, "PNG at %d×", scale);
                if (ImGui::MenuItem(label)) startPanelExport(state, name, scale, false);
            }
            if (ImGui::MenuItem("PNG at 2×, transparent")) startPanelExport(state, name, 2, true);
            ImGui::EndMenu();
        }
        ImGui::EndPopup();
    }
}

// Drag the gaps between panels to resize them. A splitter takes the press only where no window
// is (the gap itself), so it never steals a click from a panel or a popup.
void handleSplitters(AppState& state, const LayoutRect& area) {
    PresenterState& presenter = state.presenter;
    const ImGuiIO& io = ImGui::GetIO();
    if (!presenter.focus.empty() || !state.mode.soloPanel.empty()) {
        presenter.splitterIndex = -1;
        return;
    }
    LayoutNode& layout = currentLayout(state);
    const std::vector<PlacedSplitter> splitters =
        placeSplitters(layout, area, 2.0 * halfGap(state) + 2.0);
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ImU32 highlight = ImGui::GetColorU32(ImGuiCol_SeparatorActive);
    if (presenter.splitterIndex >= 0) {
        if (!ImGui::IsMouseDown(0)) {
            presenter.splitterIndex = -1;
            return;
        }
        for (const PlacedSplitter& s : splitters) {
            if (s.path != presenter.splitterPath || s.index != presenter.splitterIndex) continue;
            const double offset = s.betweenColumns ? io.MousePos.x - presenter.splitterPressX
                                                   : io.MousePos.y - presenter.splitterPressY;
            LayoutNode moved = presenter.splitterStartLayout;
            if (moveSplitter(&moved, s.path, s.index, offset, area)) layout = std::move(moved);
            ImGui::SetMouseCursor(s.betweenColumns ? ImGuiMouseCursor_ResizeEW
                                                   : ImGuiMouseCursor_ResizeNS);
            draw->AddRectFilled(ImVec2(float(s.rect.x), float(s.rect.y)),
                                ImVec2(float(s.rect.x + s.rect.w), float(s.rect.y + s.rect.h)),
                                highlight);
        }
        return;
    }
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow) || ImGui::IsAnyItemActive() ||
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        return;
    }
    const ImVec2 mouse = io.MousePos;
    for (const PlacedSplitter& s : splitters) {
        const LayoutRect& r = s.rect;
        if (mouse.x < r.x || mouse.x > r.x + r.w || mouse.y < r.y || mouse.y > r.y + r.h) continue;
        ImGui::SetMouseCursor(s.betweenColumns ? ImGuiMouseCursor_ResizeEW
                                               : ImGuiMouseCursor_ResizeNS);
        draw->AddRectFilled(ImVec2(float(r.x), float(r.y)),
                            ImVec2(float(r.x + r.w), float(r.y + r.h)),
                            ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
        if (ImGui::IsMouseClicked(0)) {
            presenter.splitterPath = s.path;
            presenter.splitterIndex = s.index;
            presenter.splitterStartLayout = layout;
            presenter.splitterPressX = mouse.x;
            presenter.splitterPressY = mouse.y;
        }
        ImGui::SetTooltip("Drag to resize the panels on either side");
        return;
    }
}

}  // namespace

LayoutRect workArea() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    return {viewport->WorkPos.x, viewport->WorkPos.y, viewport->WorkSize.x, viewport->WorkSize.y};
}

void drawWorkspace(AppState& state, PanelGpu& gpu) {
    const LayoutRect area = workArea();
    handleSplitters(state, layoutArea(state, area));
    const float gap = halfGap(state);
    const ImGuiIO& io = ImGui::GetIO();
    std::string hovered;
    std::string toggle;  // a panel to maximize or restore once this frame is drawn
    bool anyTitle = false;
    for (const PlacedPanel& placed : placeWorkspace(state, area)) {
        const PanelInfo* info = findPanel(placed.panel);
        if (!info) continue;
        const LayoutRect& r = placed.rect;
        ImGui::SetNextWindowPos({static_cast<float>(r.x) + gap, static_cast<float>(r.y) + gap});
        ImGui::SetNextWindowSize(
            {static_cast<float>(r.w) - 2 * gap, static_cast<float>(r.h) - 2 * gap});
        // Every panel sees the model as edited by the panels before it: same-frame updates.
        state.updateDerived();
        const bool open = ImGui::Begin(info->title, nullptr, kPanelFlags);
        // The title bar: double-click fills the workspace with this panel, or goes back.
        const ImVec2 pos = ImGui::GetWindowPos();
        const bool overTitle = ImGui::IsWindowHovered() && io.MousePos.y >= pos.y &&
                               io.MousePos.y < pos.y + ImGui::GetFrameHeight();
        if (overTitle && ImGui::IsMouseDoubleClicked(0)) toggle = placed.panel;
        anyTitle = anyTitle || overTitle;
        if (overTitle && state.presenter.hoveredTitle != placed.panel) {
            state.presenter.hoveredTitle = placed.panel;
            state.presenter.hoveredTitleSince = ImGui::GetTime();
        }
        // After a moment: a pointer resting on a title in a lecture shows no tooltip at once.
        if (overTitle && ImGui::GetTime() - state.presenter.hoveredTitleSince > 0.8) {
            ImGui::SetTooltip(state.presenter.focus.empty()
                                  ? "Double-click or F: fill the workspace with this panel\n"
                                    "Right-click: export, hide"
                                  : "Double-click, F or Esc: back to the layout\n"
                                    "Right-click: export");
        }
        if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                   ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
            hovered = placed.panel;
        }
        if (open) {
            drawPanelMenu(state, info->name);
            info->draw(state, gpu);
        }
        if (state.recording.active && state.recording.panel == placed.panel) {
            markRecordedPanel(state);
        }
        ImGui::End();
    }
    state.presenter.hoveredPanel = hovered;
    if (!anyTitle) state.presenter.hoveredTitle.clear();
    if (!io.WantTextInput && !io.KeyCtrl && ImGui::IsKeyPressed(keys::kF, false) &&
        !hovered.empty() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        toggle = hovered;
    }
    if (!toggle.empty()) toggleMaximized(state, toggle);
}

}  // namespace losslab
