#pragma once
// Rows of controls that wrap in a narrow panel (a projector's large UI) instead of running off
// its edge: before each item, sameLineIfRoom(its width) keeps it on the line when it fits.
#include <imgui.h>

namespace losslab {

// Puts the next item on this line when `width` more pixels fit there, else on the next.
inline void sameLineIfRoom(float width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right)
        ImGui::SameLine();
}

// The width of a button, and of a checkbox with its label.
inline float buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}
inline float checkboxWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
           ImGui::CalcTextSize(label, nullptr, true).x;
}

}  // namespace losslab
