// Target: one-hot or soft labels, and label smoothing ε.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels/bar_chart.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "state/model_edit.hpp"

namespace losslab {

namespace {

// The target's kind (one-hot or soft labels) and the label smoothing ε.
void drawTargetControls(AppState& state) {
    ModelState& m = state.model;
    const int k = m.classCount();
    int mode = m.useSoftTarget ? 1 : 0;
    if (ImGui::RadioButton("one-hot e_y", &mode, 0)) {
        m.useSoftTarget = false;
        state.touchModel();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Hard label: the true class (click a name under the logits, or press 1–9)");
    ImGui::SameLine();
    if (ImGui::RadioButton("soft labels t", &mode, 1) && !m.useSoftTarget) {
        m.useSoftTarget = true;
        if (m.softTarget.size() != k || std::abs(m.softTarget.sum() - 1.0) > 1e-9) {
            m.softTarget = Vec::Zero(k);
            m.softTarget[m.trueClass] = 1.0;
        }
        state.touchModel();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "A distribution over classes (e.g. an ambiguous image: 0.5 dog, 0.5 cat).\nDrag the "
            "bars; they stay normalized.");

    float eps = static_cast<float>(m.options.smoothing);
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 3);
    if (ImGui::SliderFloat("ε", &eps, 0.0f, 1.0f, "smoothing ε = %.3f",
                           ImGuiSliderFlags_AlwaysClamp)) {
        setSmoothing(state, eps);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Label smoothing: q = (1 − ε)·t + ε/K.\nThe true class gets 1 − ε + ε/K, the others "
            "ε/K.");
    }
    const double onTarget = 1.0 - m.options.smoothing + m.options.smoothing / k;
    ImGui::TextDisabled("q_y = %.4f, others %.4f", onTarget, m.options.smoothing / k);
}

}  // namespace

void drawTargetPanel(AppState& state, PanelGpu& /*gpu*/) {
    ModelState& m = state.model;
    TargetPanelState& ui = state.panels.target;
    const int k = m.classCount();

    if (controlsShown(state)) drawTargetControls(state);

    BarChartOptions options;
    options.title = m.useSoftTarget ? "q (drag t)" : "q";
    options.range = {0.0, 1.15};
    const plot::Transform t =
        drawClassBars("q-bars", ImVec2(0, 0), state.derived.target, m.classNames, options);
    // Soft targets: the bar under the mouse at the press follows the mouse while held.
    if (m.useSoftTarget && ImGui::IsItemActive() && ImGui::IsMouseDown(0)) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (ui.dragging < 0) {
            ui.dragging = std::clamp(static_cast<int>(std::lround(t.toDataX(mouse.x))), 0, k - 1);
        }
        setSoftTargetEntry(state, ui.dragging, std::clamp(t.toDataY(mouse.y), 0.0, 1.0));
    } else {
        ui.dragging = -1;
    }
}

}  // namespace losslab
