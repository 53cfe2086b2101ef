// Softmax: the pipeline s → z = s/τ → e^{z − max z} → p, the temperature slider, LSE(z) between
// its bounds, and with K = 2 the sigmoid that softmax then is (lectures 000 and 004).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "losslab/softmax.hpp"
#include "panels/bar_chart.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
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

// LSE(z) on a number line from max z to max z + log K: where in its bounds it sits. The bounds
// and LSE are labelled with their numbers, so the line needs no tick row.
plot::PlotOptions logSumExpPlotOptions() {
    plot::PlotOptions options;
    options.xTicks = options.yTicks = options.grid = options.zeroLine = false;
    options.leftMargin = 4;
    options.bottomMargin = 0;
    return options;
}

plot::Range logSumExpXRange(const LogSumExpView& view) {
    const double pad = std::max(0.3 * (view.upper - view.lower), 0.1);
    return {view.lower - pad, view.upper + pad};
}

constexpr plot::Range kNumberLineY{0.0, 1.0};

void drawLogSumExpPlot(const AppState& state, plot::Plot& plot) {
    const LogSumExpView& view = state.panels.softmax.logSumExp;
    plot.axes();
    const plot::Color bound = plot.textColor(0.6f);
    plot.line(view.lower, 0.5, view.upper, 0.5, plot.textColor(0.3f), 6.0f);
    plot.line(view.lower, 0.36, view.lower, 0.64, bound, 2.0f);
    plot.line(view.upper, 0.36, view.upper, 0.64, bound, 2.0f);
    plot.text(view.lower, 0.97, "max z", bound, {0.5f, 0.0f});
    plot.text(view.upper, 0.97, "max z + log K", bound, {0.5f, 0.0f});
    char label[64];
    const plot::Color accent = accentColor(plot.canvas());
    plot.marker(view.value, 0.5, accent, 6.0f);
    std::snprintf(label, sizeof label, "LSE = %.3f", view.value);
    plot.text(view.value, 0.03, label, accent, {0.5f, 1.0f});
}

// The sigmoid σ(d) over the logit difference d = z₁ − z₀, with the current point on it.
plot::PlotOptions sigmoidPlotOptions() {
    plot::PlotOptions options;
    options.xLabel = "d = z₁ − z₀";
    options.yLabel = "p₁ = σ(d)";
    return options;
}

plot::Range sigmoidXRange(const BinarySoftmaxView& view) {
    const double half = std::clamp(std::abs(view.difference) * 1.25, 6.0, 60.0);
    return {-half, half};
}

constexpr plot::Range kSigmoidY{-0.05, 1.12};

void drawSigmoidPlot(const AppState& state, plot::Plot& plot) {
    const BinarySoftmaxView& view = *state.panels.softmax.binary;
    const plot::Range x = sigmoidXRange(view);
    plot.axes();
    plot.hline(1.0, plot.gridColor());
    plot.hline(0.5, plot.gridColor());
    constexpr int kSamples = 241;
    std::vector<double> xs(kSamples), ys(kSamples);
    for (int i = 0; i < kSamples; ++i) {
        xs[static_cast<size_t>(i)] = x.min + (x.max - x.min) * i / (kSamples - 1);
        ys[static_cast<size_t>(i)] = sigmoid(xs[static_cast<size_t>(i)]);
    }
    plot.polyline(xs, ys, classImColor(1), 2.0f);
    const double d = std::clamp(view.difference, x.min, x.max);
    const plot::Color guide = plot.textColor(0.4f);
    plot.line(d, 0.0, d, view.p1, guide, 1.0f);
    plot.line(x.min, view.p1, d, view.p1, guide, 1.0f);
    plot.marker(d, view.p1, accentColor(plot.canvas()), 6.0f);
    char label[64];
    std::snprintf(label, sizeof label, "p₁ = σ(%.2f) = %.3f", view.difference, view.p1);
    const bool right = d < 0.5 * (x.min + x.max);
    plot.text(d, view.p1, label, plot.textColor(0.9f), {right ? -0.08f : 1.08f, 1.1f});
}

void drawBinaryNumbers(const AppState& state) {
    const BinarySoftmaxView& view = *state.panels.softmax.binary;
    const ModelState& m = state.model;
    ImGui::Text("K = 2: p₁ = σ(z₁ − z₀) = σ(%.3f) = %.4f", view.difference, view.p1);
    ImGui::Text("CE = %.4f = BCE(d, q₁ = %.2f) = %.4f (base %s)", view.crossEntropy, view.target1,
                view.binaryCrossEntropy, logBaseKey(m.options.logBase));
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Cross-entropy of two classes is binary cross-entropy on one logit d = z₁ − z₀:\n"
            "−q₀ log p₀ − q₁ log p₁ = q₁·softplus(−d) + q₀·softplus(d).");
    }
    ImGui::TextDisabled("σ = ∇LSE: ∂LSE(z)/∂z₁ = e^z₁ / Σe^z = σ(z₁ − z₀)");
}

}  // namespace

void updateSoftmaxPanel(AppState& state, bool /*visible*/) {
    SoftmaxPanelState& ui = state.panels.softmax;
    const ModelState& m = state.model;
    const double temperature = m.options.temperature;
    const LogSumExpBounds bounds = logSumExpBounds(m.logits, temperature);
    ui.logSumExp = {logSumExp(m.logits, temperature), bounds.lower, bounds.upper};
    if (m.classCount() != 2) {
        ui.binary.reset();
        return;
    }
    const DerivedState& d = state.derived;
    BinarySoftmaxView view;
    view.difference = d.scaledLogits[1] - d.scaledLogits[0];
    view.p1 = sigmoid(view.difference);
    view.target1 = d.target[1];
    view.crossEntropy = d.losses[static_cast<size_t>(Loss::CrossEntropy)].value;
    view.binaryCrossEntropy =
        binaryCrossEntropyWithLogit(view.difference, view.target1) / lnOfBase(m.options.logBase);
    ui.binary = view;
}

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

    const SoftmaxPanelState& ui = state.panels.softmax;
    const LogSumExpView& lse = ui.logSumExp;
    ImGui::Text("LSE(z) = %.4f ∈ [%.3f, %.3f] = [max z, max z + log K]", lse.value, lse.lower,
                lse.upper);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "LSE(z) = log Σ e^z_i, a soft maximum (natural log): near max z when one logit\n"
            "dominates, max z + log K when all are equal. Its gradient is softmax(z).");
    }
    const float font = ImGui::GetFontSize();
    {
        plot::ScreenPlot numberLine("lse-line", ImVec2(0, font * 3.0f), logSumExpXRange(lse),
                                    kNumberLineY, logSumExpPlotOptions());
        drawLogSumExpPlot(state, numberLine);
    }
    if (ui.binary) drawBinaryNumbers(state);

    const float avail = ImGui::GetContentRegionAvail().y;
    const float sigmoidHeight = ui.binary ? std::max(avail * 0.4f, font * 7) : 0.0f;
    const float chartHeight =
        std::max((avail - sigmoidHeight) / 3.0f - ImGui::GetStyle().ItemSpacing.y, 60.0f);
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
    state.panels.softmax.probsTransform = drawClassBars(
        "p-bars", ImVec2(0, ui.binary ? chartHeight : 0.0f), d.probs, m.classNames, pOptions);
    if (ui.binary) {
        plot::ScreenPlot sigmoidPlot("sigmoid", ImVec2(0, 0), sigmoidXRange(*ui.binary), kSigmoidY,
                                     sigmoidPlotOptions());
        drawSigmoidPlot(state, sigmoidPlot);
    }
}

void figureSoftmaxPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    updateSoftmaxPanel(state, true);
    const SoftmaxPanelState& ui = state.panels.softmax;
    if (ui.binary) {
        plot::Plot plot(canvas, area, sigmoidXRange(*ui.binary), kSigmoidY, sigmoidPlotOptions());
        drawSigmoidPlot(state, plot);
        return;
    }
    plot::Plot plot(canvas, area, logSumExpXRange(ui.logSumExp), kNumberLineY,
                    logSumExpPlotOptions());
    drawLogSumExpPlot(state, plot);
}

}  // namespace losslab
