// Softmax: the pipeline s → z = s/τ → e^{z − max z} → p, and the temperature slider.
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "panels/bar_chart.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "state/model_edit.hpp"

namespace losslab {

namespace {

// A logarithmic temperature slider with a tick at τ = 1 (its midpoint: 0.05·20 = 1).
void drawTemperatureSlider(AppState& state) {
    float temperature = static_cast<float>(state.model.options.temperature);
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 7.5f);
    const ImVec2 sliderMin = ImGui::GetCursorScreenPos();
    if (ImGui::SliderFloat("##temperature", &temperature, static_cast<float>(kMinTemperature),
                           static_cast<float>(kMaxTemperature), "τ = %.3f",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
        setTemperature(state, temperature);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Temperature τ divides the logits: p = softmax(s / τ).\n"
            "τ → 0: p → one-hot on the argmax.  τ → ∞: p → uniform.\n"
            "Ctrl+click to type a value.");
    }
    const ImVec2 sliderMax = ImGui::GetItemRectMax();
    SoftmaxPanelState& ui = state.panels.softmax;
    ui.sliderLeft = sliderMin.x;
    ui.sliderRight = sliderMax.x;
    ui.sliderY = (sliderMin.y + sliderMax.y) * 0.5f;
    const float grab = ImGui::GetStyle().GrabMinSize;
    const float midX = sliderMin.x + grab * 0.5f + (sliderMax.x - sliderMin.x - grab) * 0.5f;
    ImGui::GetWindowDrawList()->AddLine({midX, sliderMax.y - 4}, {midX, sliderMax.y},
                                        plot::textColor(0.8f), 2.0f);
    ImGui::SameLine();
    if (ImGui::Button("τ = 1")) setTemperature(state, 1.0);
}

}  // namespace

void drawSoftmaxPanel(AppState& state, PanelGpu& /*gpu*/) {
    const ModelState& m = state.model;
    const DerivedState& d = state.derived;
    const int k = m.classCount();
    if (controlsShown(state)) drawTemperatureSlider(state);

    const Vec& z = d.scaledLogits;
    const double logK = std::log(static_cast<double>(k)) / lnOfBase(m.options.logBase);
    ImGui::Text("Entropy H(p) = %.4f   (max log K = %.4f, base %s)", d.entropy, logK,
                logBaseKey(m.options.logBase));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("H(p) = −Σ p_i log p_i: 0 for one-hot, log K for uniform.");

    const float avail = ImGui::GetContentRegionAvail().y;
    const float chartHeight = std::max(avail / 3.0f - ImGui::GetStyle().ItemSpacing.y, 60.0f);
    std::vector<double> zValues(z.data(), z.data() + k);
    BarChartOptions zOptions;
    zOptions.title = "z = s / τ";
    zOptions.range = plot::symmetricRangeFor(zValues, 2.0);
    zOptions.valueFormat = "%.2f";
    zOptions.categoryNames = false;
    drawClassBars("z-bars", ImVec2(0, chartHeight), z, m.classNames, zOptions);

    BarChartOptions eOptions;
    eOptions.title = "e^(z − max z)";
    eOptions.range = {0.0, 1.15};
    eOptions.categoryNames = false;
    drawClassBars("exp-bars", ImVec2(0, chartHeight), d.shiftedExp, m.classNames, eOptions);

    BarChartOptions pOptions;
    pOptions.title = "p = e / Σe";
    pOptions.range = {0.0, 1.15};
    pOptions.markClass = d.prediction;
    state.panels.softmax.probsTransform =
        drawClassBars("p-bars", ImVec2(0, 0), d.probs, m.classNames, pOptions);
}

}  // namespace losslab
