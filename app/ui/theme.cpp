#include "ui/theme.hpp"

#include <imgui.h>

namespace losslab {

void applyTheme(bool dark, float scale) {
    ImGuiStyle style;
    if (dark) {
        ImGui::StyleColorsDark(&style);
    } else {
        ImGui::StyleColorsLight(&style);
    }
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace losslab
