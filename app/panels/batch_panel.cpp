// Batch: a table of samples (lecture 004's three images by default), every loss of each row
// with the Losses panel's options, and the mean row: the data loss L = (1/N) Σ L_i.
#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/batch_edit.hpp"
#include "state/cache_key.hpp"

namespace losslab {

namespace {

std::string logitsText(const Vec& s) {
    std::string text;
    char number[32];
    for (Eigen::Index i = 0; i < s.size(); ++i) {
        std::snprintf(number, sizeof number, "%s%g", i ? ", " : "", s[i]);
        text += number;
    }
    return text;
}

std::string className(const AppState& state, int k) {
    const auto& names = state.model.classNames;
    return k < static_cast<int>(names.size()) ? names[static_cast<std::size_t>(k)]
                                              : std::to_string(k);
}

void drawToolbar(AppState& state) {
    BatchPanelState& batch = state.panels.batch;
    if (ImGui::SmallButton("Add current")) addCurrentToBatch(state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Append the Logits panel's s and true class");
    ImGui::SameLine();
    ImGui::BeginDisabled(batch.selected < 0);
    if (ImGui::SmallButton("Duplicate")) duplicateBatchRow(state, batch.selected);
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) removeBatchRow(state, batch.selected);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("Lecture rows")) resetBatchRows(state);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Lecture 004's cat, car and frog images: SVM losses 2.9, 0 and 12.9");
    }
    ImGui::SameLine();
    ImGui::TextDisabled("click a row: into the Logits panel; double-click s: type it");
}

// The logits cell: the values, or the text field while they are typed.
void drawLogitsCell(AppState& state, int r) {
    BatchPanelState& batch = state.panels.batch;
    const BatchTableRow& row = batch.rows[static_cast<std::size_t>(r)];
    if (batch.editing != r) {
        ImGui::TextUnformatted(logitsText(row.logits).c_str());
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
            batch.editing = r;
            batch.editError.clear();
            std::snprintf(batch.editText, sizeof batch.editText, "%s",
                          logitsText(row.logits).c_str());
        }
        return;
    }
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing() || !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##edit", batch.editText, sizeof batch.editText,
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
        if (auto error = setBatchRowLogits(state, r, batch.editText)) {
            batch.editError = *error;  // the row keeps its values
        } else {
            batch.editing = -1;
        }
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) batch.editing = -1;
}

}  // namespace

void updateBatchPanel(AppState& state, bool visible) {
    BatchPanelState& batch = state.panels.batch;
    if (!visible) return;
    const LossOptions& o = state.model.options;
    const std::uint64_t key =
        cacheKey({static_cast<double>(batch.revision), o.temperature, o.smoothing, o.margin,
                  o.gamma, static_cast<double>(o.logBase), o.hingeDivideByK ? 1.0 : 0.0});
    if (key == batch.evaluatedKey) return;
    batch.evaluatedKey = key;
    std::vector<BatchRow> rows;
    for (const BatchTableRow& row : batch.rows)
        rows.push_back({row.logits, row.label});
    batch.evaluation = evaluateBatch(rows, o);
}

void drawBatchPanel(AppState& state, PanelGpu& /*gpu*/) {
    BatchPanelState& batch = state.panels.batch;
    if (controlsShown(state)) drawToolbar(state);
    if (!batch.editError.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.3f, 1.0f), "%s", batch.editError.c_str());
    }
    const std::size_t count = batch.rows.size();
    if (batch.evaluation.rows.size() != count) return;  // the update step evaluates it
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("batch", 3 + kLossCount, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("sample");
    ImGui::TableSetupColumn("s");
    ImGui::TableSetupColumn("y");
    // The selected loss first (the one the lecture is about), then the others in their order.
    std::vector<int> order = {static_cast<int>(state.model.selectedLoss)};
    for (int l = 0; l < kLossCount; ++l) {
        if (l != order[0]) order.push_back(l);
    }
    for (int l : order)
        ImGui::TableSetupColumn(lossShortName(kAllLosses[static_cast<std::size_t>(l)]).data());
    ImGui::TableHeadersRow();
    batch.rowTops.assign(count, 0.0f);
    int clicked = -1;
    for (std::size_t r = 0; r < count; ++r) {
        const BatchTableRow& row = batch.rows[r];
        ImGui::PushID(static_cast<int>(r));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        batch.rowTops[r] = ImGui::GetCursorScreenPos().y;
        if (ImGui::Selectable(
                row.name.c_str(), batch.selected == static_cast<int>(r),
                ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
            clicked = static_cast<int>(r);
        }
        ImGui::TableNextColumn();
        drawLogitsCell(state, static_cast<int>(r));
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(classImColor(row.label)), "%s",
                           className(state, row.label).c_str());
        for (int l : order) {
            ImGui::TableNextColumn();
            ImGui::Text("%.4g", batch.evaluation.rows[r][static_cast<std::size_t>(l)].value);
        }
        ImGui::PopID();
    }
    // The mean row: the data loss of the batch.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("mean");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("L = (1/%zu) Σ L_i", count);
    ImGui::TableNextColumn();
    for (int l : order) {
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(accentColor()), "%.4g",
                           batch.evaluation.mean[static_cast<std::size_t>(l)]);
    }
    ImGui::EndTable();
    if (clicked >= 0 && batch.editing < 0) loadBatchRow(state, clicked);
}

}  // namespace losslab
