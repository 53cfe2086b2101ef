#include "ui/main_frame.hpp"

#include <imgui.h>

namespace losslab {

void drawMainFrame(AppState& state) {
    state.updateDerived();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("LossLab", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::TextUnformatted("Logits s and softmax p = softmax(s / τ)");
    if (ImGui::BeginTable("logits", 3, ImGuiTableFlags_Borders)) {
        ImGui::TableSetupColumn("class");
        ImGui::TableSetupColumn("logit s");
        ImGui::TableSetupColumn("probability p");
        ImGui::TableHeadersRow();
        for (int i = 0; i < state.model.classCount(); ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(state.model.classNames[i].c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", state.model.logits[i]);
            ImGui::TableNextColumn();
            ImGui::ProgressBar(static_cast<float>(state.derived.probs[i]), ImVec2(-1, 0));
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace losslab
