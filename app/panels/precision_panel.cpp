// Precision: the naive and the max-shifted softmax in float16/32/64, so students see inf
// and NaN appear as the logits grow.
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "losslab/precision.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/model_edit.hpp"

namespace losslab {

void drawPrecisionPanel(AppState& state, PanelGpu& /*gpu*/) {
    const ModelState& m = state.model;
    const int k = m.classCount();
    if (controlsShown(state)) {
        if (ImGui::Button("×10 logits")) {
            for (int i = 0; i < k; ++i)
                setLogit(state, i, m.logits[i] * 10.0);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Multiply every logit by 10 (undo with Ctrl+Z)");
        ImGui::SameLine();
        if (ImGui::Button("÷10")) {
            for (int i = 0; i < k; ++i)
                setLogit(state, i, m.logits[i] / 10.0);
        }
        ImGui::SameLine();
    }
    ImGui::TextWrapped(
        "exp(z) overflows above z ≈ %.1f (float16), %.1f (float32), %.1f (float64). "
        "Subtracting max z first keeps every exp ≤ 1.",
        naiveOverflowThreshold(Precision::Half), naiveOverflowThreshold(Precision::Single),
        naiveOverflowThreshold(Precision::Double));

    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
    if (!ImGui::BeginTable("precision", k + 2, flags)) return;
    ImGui::TableSetupColumn("format");
    ImGui::TableSetupColumn("formula");
    for (int i = 0; i < k; ++i)
        ImGui::TableSetupColumn(m.classNames[static_cast<size_t>(i)].c_str());
    ImGui::TableHeadersRow();
    for (Precision precision : {Precision::Half, Precision::Single, Precision::Double}) {
        for (bool shifted : {false, true}) {
            const PrecisionSoftmax result =
                softmaxInPrecision(m.logits, m.options.temperature, precision, shifted);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(precisionName(precision));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(shifted ? "e^(z−max)/Σ" : "e^z/Σ e^z");
            for (int i = 0; i < k; ++i) {
                ImGui::TableNextColumn();
                const double p = result.probs[i];
                if (std::isnan(p)) {
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(positiveColor()), "NaN");
                } else if (std::isinf(p)) {
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(positiveColor()), "inf");
                } else {
                    ImGui::Text("%.4f", p);
                }
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace losslab
