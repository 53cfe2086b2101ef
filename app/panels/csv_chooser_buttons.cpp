#include "panels/csv_chooser_buttons.hpp"

#include <imgui.h>

namespace losslab {

void drawCsvChooserButtons(AppState& state, FileDialogState::CsvTable table) {
    const auto choose = [&](FileDialogState::Mode mode) {
        state.fileDialog.csvTable = table;
        state.fileDialog.requested = mode;
        ImGui::CloseCurrentPopup();
    };
    if (ImGui::Button("Load…")) choose(FileDialogState::Mode::OpenCsv);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Choose the table to load in a file dialog");
    ImGui::SameLine();
    if (ImGui::Button("Save…")) choose(FileDialogState::Mode::SaveCsv);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Choose where to save the points in a file dialog");
}

}  // namespace losslab
