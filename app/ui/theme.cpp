#include "ui/theme.hpp"

#include <imgui.h>

#include "plot/screen_plot.hpp"

namespace losslab {

namespace {

// High contrast for a projector: black on white (a projector washes out dark backgrounds and
// thin grey lines), frames and widgets outlined, the accent kept saturated.
void projectorColors(ImGuiStyle* style) {
    ImGui::StyleColorsLight(style);
    ImVec4* c = style->Colors;
    const ImVec4 black(0.0f, 0.0f, 0.0f, 1.0f);
    const ImVec4 white(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Text] = black;
    c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1.0f);
    c[ImGuiCol_WindowBg] = white;
    c[ImGuiCol_ChildBg] = white;
    c[ImGuiCol_PopupBg] = white;
    c[ImGuiCol_MenuBarBg] = ImVec4(0.90f, 0.90f, 0.90f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.75f);
    c[ImGuiCol_FrameBg] = ImVec4(0.92f, 0.92f, 0.92f, 1.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.85f, 0.85f, 0.85f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.78f, 0.78f, 0.78f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.06f);
}

}  // namespace

void applyTheme(Theme theme, float scale) {
    ImGuiStyle style;
    switch (theme) {
        case Theme::Dark:
            ImGui::StyleColorsDark(&style);
            break;
        case Theme::Light:
            ImGui::StyleColorsLight(&style);
            break;
        case Theme::Projector:
            projectorColors(&style);
            break;
    }
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 2.0f;
    style.WindowBorderSize = 1.0f;
    style.FrameBorderSize = theme == Theme::Projector ? 1.0f : 0.0f;
    // A slider's value is printed centred over its track, and ImGui's default grab (a 10 px
    // block in a strong colour) sat on one of its digits: "τ = [1].000". A thin grab in a
    // half-transparent colour still shows where the value is and leaves every digit readable.
    style.GrabMinSize = 4.0f;
    for (ImGuiCol col : {ImGuiCol_SliderGrab, ImGuiCol_SliderGrabActive}) {
        style.Colors[col].w = 0.55f;
    }
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
    plot::PlotStyle plotStyle;
    if (theme == Theme::Projector) {
        plotStyle.lineScale = 1.8f;
        plotStyle.markerScale = 1.5f;
    }
    plot::setPlotStyle(plotStyle);
}

}  // namespace losslab
