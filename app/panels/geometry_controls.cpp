#include "panels/geometry_controls.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "state/model_edit.hpp"

namespace losslab {

void drawTemperatureAndSmoothing(AppState& state, float width) {
    float temperature = static_cast<float>(state.model.options.temperature);
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderFloat("##tau", &temperature, static_cast<float>(kMinTemperature),
                           static_cast<float>(kMaxTemperature), "τ = %.3f",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
        setTemperature(state, temperature);
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Temperature τ: p = softmax(s/τ). High τ flattens everything.");
    ImGui::SameLine();
    float eps = static_cast<float>(state.model.options.smoothing);
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderFloat("##eps", &eps, 0.0f, 1.0f, "ε = %.3f", ImGuiSliderFlags_AlwaysClamp)) {
        setSmoothing(state, eps);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Label smoothing ε: the target moves off the vertex to (1 − ε)e_y + ε/K,\n"
            "and so does the minimum of every proper loss.");
    }
}

bool classCombo(const char* label, const ModelState& model, int* index, float width) {
    ImGui::SetNextItemWidth(width);
    bool changed = false;
    const int k = model.classCount();
    *index = std::clamp(*index, 0, k - 1);
    if (ImGui::BeginCombo(label, model.classNames[static_cast<size_t>(*index)].c_str())) {
        for (int i = 0; i < k; ++i) {
            if (ImGui::Selectable(model.classNames[static_cast<size_t>(i)].c_str(), i == *index)) {
                changed = i != *index;
                *index = i;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

ImVec2 fitAspect(ImVec2 available, double dataWidth, double dataHeight) {
    const float aspect = static_cast<float>(dataWidth / dataHeight);
    ImVec2 size = available;
    if (size.x / std::max(size.y, 1.0f) > aspect) {
        size.x = size.y * aspect;
    } else {
        size.y = size.x / aspect;
    }
    return size;
}

}  // namespace losslab
