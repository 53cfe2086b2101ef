// Losses: every loss of docs/math.md side by side — value, a bar, and ∇L as signed bars per class.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "losslab/features.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"
#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/layout_edit.hpp"
#include "state/model_edit.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

void drawOptions(AppState& state) {
    LossOptions& o = state.model.options;
    const float width = ImGui::GetFontSize() * 6.5f;
    float margin = static_cast<float>(o.margin);
    ImGui::SetNextItemWidth(width);
    if (ImGui::DragFloat("Δ margin", &margin, 0.01f, 0.01f, 10.0f, "%.2f",
                         ImGuiSliderFlags_AlwaysClamp)) {
        o.margin = margin;
        state.touchModel();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Hinge margin Δ: a rival must trail the true class by Δ to cost nothing.");
    ImGui::SameLine();
    float gamma = static_cast<float>(o.gamma);
    ImGui::SetNextItemWidth(width);
    if (ImGui::DragFloat("γ focal", &gamma, 0.01f, 0.0f, 10.0f, "%.2f",
                         ImGuiSliderFlags_AlwaysClamp)) {
        o.gamma = gamma;
        state.touchModel();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Focal γ: (1 − p)^γ down-weights well-classified classes; γ = 0 is cross-entropy.");
    ImGui::SameLine();
    const char* bases[] = {"log base e", "log base 2", "log base 10"};
    int base = static_cast<int>(o.logBase);
    ImGui::SetNextItemWidth(width * 1.2f);
    if (ImGui::Combo("##base", &base, bases, 3)) {
        o.logBase = static_cast<LogBase>(base);
        state.touchModel();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Base of the logs in CE, KL, focal and OvA (values in nats, bits or decimal digits)");
    ImGui::SameLine();
    if (ImGui::Checkbox("hinge ÷ K", &o.hingeDivideByK)) state.touchModel();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Divide the Weston–Watkins and squared hinge by K, as PyTorch's MultiMarginLoss does");
}

// Signed bars of ∇L per class in `area`, scaled to the largest |∂L/∂s| (printed at the right,
// so rows stay readable and comparable by number); the true class underlined. Returns the
// width of one class's slot.
float drawGradientBars(plot::Canvas& canvas, plot::Rect area, const Vec& grad, int trueClass) {
    const double scale = grad.cwiseAbs().maxCoeff();
    char scaleText[24];
    std::snprintf(scaleText, sizeof scaleText, "±%.2g", scale);
    const float textWidth = canvas.textSize("±0.00e-00").x;
    const float width = std::max(area.width() - textWidth, 10.0f);
    const float height = area.height();
    const plot::Vec2 p0 = area.min;
    const int k = static_cast<int>(grad.size());
    const float slot = width / k;
    const float mid = p0.y + height * 0.5f;
    canvas.line({p0.x, mid}, {p0.x + width, mid}, canvas.gridColor(), 1.0f);
    for (int i = 0; i < k; ++i) {
        const double g = scale > 0 ? std::clamp(grad[i] / scale, -1.0, 1.0) : 0.0;
        const float x0 = p0.x + slot * i + slot * 0.15f;
        const float x1 = p0.x + slot * (i + 1) - slot * 0.15f;
        const float y = mid - static_cast<float>(g) * height * 0.48f;
        canvas.fillRect({{x0, std::min(y, mid)}, {x1, std::max(y, mid)}},
                        g < 0 ? negativeColor() : positiveColor());
        if (i == trueClass) {
            canvas.line({x0, p0.y + height}, {x1, p0.y + height}, accentColor(canvas), 2.0f);
        }
    }
    canvas.text({p0.x + width + 4, mid - canvas.fontSize() * 0.5f}, canvas.textColor(0.7f),
                scaleText);
    return slot;
}

// The gradient bars in the current table cell, with a tooltip per class.
void drawGradientCell(const Vec& grad, int trueClass, float height) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 10.0f);
    ImGui::InvisibleButton("grad", ImVec2(width, height));
    plot::ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
    const float slot =
        drawGradientBars(canvas, {{p0.x, p0.y}, {p0.x + width, p0.y + height}}, grad, trueClass);
    if (ImGui::IsItemHovered()) {
        const int k = static_cast<int>(grad.size());
        const int i =
            std::clamp(static_cast<int>((ImGui::GetIO().MousePos.x - p0.x) / slot), 0, k - 1);
        ImGui::SetTooltip("∂L/∂s_%d = %+.6g\nGradient descent moves s_%d by −η·∂L/∂s_%d", i,
                          grad[i], i, i);
    }
}

// The length of a loss's value bar, 0–1: linear in the value or, on request, in log(1 + L).
double valueBarFraction(double value, double maxValue, bool logScale) {
    double fraction = maxValue > 0 ? value / maxValue : 0.0;
    if (logScale && maxValue > 0) fraction = std::log1p(value) / std::log1p(maxValue);
    return std::clamp(fraction, 0.0, 1.0);
}

// In the Training workspace, the point last hovered in the Classifier panel (while the
// points and the weights it was scored with are current).
std::optional<InspectedPoint> inspectedPoint(const AppState& state) {
    if (state.view.workspace != Workspace::Training) return std::nullopt;
    const TrainingState& ts = state.training;
    const ClassifierPanelState& ui = ts.classifier;
    const Eigen::Index i = ui.inspected;
    const LinearClassifier* model = displayModel(ts);
    if (i < 0 || ui.inspectedDataRevision != ts.dataRevision || i >= ts.data.size() || !model) {
        return std::nullopt;
    }
    InspectedPoint point;
    point.index = i;
    point.test = static_cast<std::size_t>(i) < ts.isTest.size() && ts.isTest[i] != 0;
    // Scored here, under the weights as they are now: the Classifier panel's scores of every
    // point are refreshed only while it is on screen.
    const RowMatrix x = ts.data.points.row(i);
    point.scores = model->scores(computeFeatures(ts.config.features, x, ts.config.rbfWidth))
                       .row(0)
                       .transpose();
    point.label = ts.data.labels[i];
    point.options = ts.config.lossOptions;
    const int k = static_cast<int>(point.scores.size());
    if (point.label < 0 || point.label >= k || k < 2) return std::nullopt;
    const Vec target = makeTarget(k, point.label, point.options.smoothing);
    point.losses = evaluateAllLosses(point.scores, point.label, target, point.options);
    point.margin = margin(point.scores, point.label);
    return point;
}

// Above the table in the Training workspace: which point, and a way into the Logit Lab.
void drawPointHeader(AppState& state, const InspectedPoint& point) {
    ImGui::Text("Point %lld, class %d%s: s = W·φ(x) + b", static_cast<long long>(point.index),
                point.label + 1, point.test ? " (test)" : "");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "The losses of the training point last hovered in the Classifier panel, under\n"
            "the current weights, with the Training panel's τ, ε, Δ, γ. Hover another point\n"
            "to switch.");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Open in Logit Lab")) {
        loadSample(state, point.scores, point.label, point.options);
        switchWorkspace(state, Workspace::LogitLab);
        state.showToast("Logit Lab: the scores of point " + std::to_string(point.index) +
                        " (Ctrl+Z goes back)");
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Load these scores, the class and the loss options into the Logit Lab, to\n"
            "drag them and see the softmax, the simplex and the loss surface of this point.");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Logit Lab's s")) state.training.classifier.inspected = -1;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the Logit Lab's vector s here again");
    ImGui::Checkbox("log-scale bars", &state.panels.losses.logScaleBars);
    ImGui::SameLine();
    ImGui::TextDisabled("margin m = s_y − max(s_j : j ≠ y) = %.3f", point.margin);
}

}  // namespace

void updateLossesPanel(AppState& state, bool visible) {
    // In the Training workspace the table follows the point last hovered in the Classifier.
    state.panels.losses.inspected = visible ? inspectedPoint(state) : std::nullopt;
}

void drawLossesPanel(AppState& state, PanelGpu& /*gpu*/) {
    ModelState& m = state.model;
    const DerivedState& d = state.derived;
    const std::optional<InspectedPoint>& point = state.panels.losses.inspected;
    if (!controlsShown(state)) {
        // Plots only: the table, under a line that says whose losses they are.
        if (point) {
            ImGui::Text("Point %lld, class %d", static_cast<long long>(point->index),
                        point->label + 1);
        }
    } else if (point) {
        drawPointHeader(state, *point);
    } else {
        drawOptions(state);
        ImGui::Checkbox("log-scale bars", &state.panels.losses.logScaleBars);
        ImGui::SameLine();
        ImGui::TextDisabled("margin m = s_y − max(s_j : j ≠ y) = %.3f", d.margin);
        if (state.view.workspace == Workspace::Training && ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "The Logit Lab's vector s. Hover a point in the Classifier panel to\n"
                "see that point's losses here.");
        }
    }
    const std::vector<LossValue>& losses = point ? point->losses : d.losses;
    const int trueClass = point ? point->label : m.trueClass;

    double maxValue = 0.0;
    for (const LossValue& v : losses)
        maxValue = std::max(maxValue, v.value);
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    // Rows share the panel's height so the table reads from the back of a lecture hall.
    const float rowHeight = std::max(
        ImGui::GetFrameHeight() * 1.5f,
        (ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing()) / kLossCount -
            5.0f);
    if (!ImGui::BeginTable("losses", 4, flags)) return;
    ImGui::TableSetupColumn("loss", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("L", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("∇L = ∂L/∂s per class", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    bool fullNames = true;
    for (size_t row = 0; row < kAllLosses.size(); ++row) {
        const Loss loss = kAllLosses[row];
        const LossValue& v = losses[row];
        ImGui::PushID(static_cast<int>(row));
        ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
        ImGui::TableNextColumn();
        // For a training point the row of the loss being trained is highlighted; the Logit
        // Lab's selection (which drives the simplex and surface views) is not touched.
        const bool selected = point ? state.training.config.loss == loss : m.selectedLoss == loss;
        const std::string name(lossName(loss));
        if (row == 0) {
            // One naming for the whole column: full names when the longest one fits.
            float widest = 0.0f;
            for (Loss each : kAllLosses) {
                widest =
                    std::max(widest, ImGui::CalcTextSize(std::string(lossName(each)).c_str()).x);
            }
            fullNames = widest <= ImGui::GetContentRegionAvail().x;
        }
        if (ImGui::Selectable(
                fullNames ? name.c_str() : lossShortName(loss).data(), selected,
                ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                ImVec2(0, rowHeight)) &&
            !point) {
            m.selectedLoss = loss;
            state.touchModel();
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s   [%s]\n%s\n%s", name.c_str(), std::string(lossKey(loss)).c_str(),
                              std::string(lossFormula(loss)).c_str(),
                              point ? "Highlighted: the loss the classifier is trained with."
                                    : "Click to select: the simplex and surface views follow it.");
        }
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        char value[32];
        std::snprintf(value, sizeof value, "%.5g", v.value);
        if (ImGui::CalcTextSize(value).x > ImGui::GetContentRegionAvail().x) {
            std::snprintf(value, sizeof value, "%.3g", v.value);  // narrow: fewer digits
        }
        ImGui::TextUnformatted(value);
        ImGui::TableNextColumn();
        {
            const ImVec2 p0 = ImGui::GetCursorScreenPos();
            const float width = ImGui::GetContentRegionAvail().x;
            const float h = rowHeight;
            const double fraction =
                valueBarFraction(v.value, maxValue, state.panels.losses.logScaleBars);
            ImGui::Dummy(ImVec2(width, h));
            ImGui::GetWindowDrawList()->AddRectFilled(
                {p0.x, p0.y + h * 0.2f},
                {p0.x + width * static_cast<float>(fraction), p0.y + h * 0.8f},
                selected ? accentColor() : plot::textColor(0.55f), 2.0f);
        }
        ImGui::TableNextColumn();
        drawGradientCell(v.grad, trueClass, rowHeight);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void figureLossesPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    const ModelState& m = state.model;
    const std::optional<InspectedPoint>& point = state.panels.losses.inspected;
    const std::vector<LossValue>& losses = point ? point->losses : state.derived.losses;
    const int trueClass = point ? point->label : m.trueClass;
    const Loss selectedLoss = point ? state.training.config.loss : m.selectedLoss;
    double maxValue = 0.0;
    for (const LossValue& v : losses)
        maxValue = std::max(maxValue, v.value);

    // Columns as on screen: name, value, a bar of the value, ∂L/∂s per class.
    const float font = canvas.fontSize();
    float nameWidth = 0.0f;
    for (Loss loss : kAllLosses)
        nameWidth = std::max(nameWidth, canvas.textSize(std::string(lossName(loss))).x);
    const bool fullNames = nameWidth <= area.width() * 0.3f;
    if (!fullNames) {
        nameWidth = 0.0f;
        for (Loss loss : kAllLosses)
            nameWidth = std::max(nameWidth, canvas.textSize(lossShortName(loss)).x);
    }
    const float valueWidth = canvas.textSize("0.00000e+00").x;
    const float gap = font * 0.8f;
    const float x1 = area.min.x + nameWidth + gap;
    const float x2 = x1 + valueWidth + gap;
    const float rest = std::max(area.max.x - x2 - gap, 20.0f);
    const float x3 = x2 + rest * 0.3f + gap;
    const float header = font * 1.5f;
    canvas.text({area.min.x, area.min.y}, canvas.textColor(0.7f), "loss");
    canvas.text({x1, area.min.y}, canvas.textColor(0.7f), "value");
    canvas.text({x3, area.min.y}, canvas.textColor(0.7f), "∇L = ∂L/∂s per class");
    const float rowHeight = (area.height() - header) / static_cast<float>(kAllLosses.size());
    for (std::size_t row = 0; row < kAllLosses.size(); ++row) {
        const Loss loss = kAllLosses[row];
        const LossValue& v = losses[row];
        const float top = area.min.y + header + rowHeight * static_cast<float>(row);
        const float mid = top + rowHeight * 0.5f;
        const bool selected = loss == selectedLoss;
        canvas.line({area.min.x, top}, {area.max.x, top}, canvas.gridColor(), 1.0f);
        const std::string name =
            fullNames ? std::string(lossName(loss)) : std::string(lossShortName(loss));
        canvas.text({area.min.x, mid - font * 0.5f},
                    selected ? accentColor(canvas) : canvas.textColor(), name);
        char value[32];
        std::snprintf(value, sizeof value, "%.5g", v.value);
        canvas.text({x1, mid - font * 0.5f}, canvas.textColor(), value);
        const double fraction =
            valueBarFraction(v.value, maxValue, state.panels.losses.logScaleBars);
        canvas.fillRect({{x2, top + rowHeight * 0.2f},
                         {x2 + rest * 0.3f * static_cast<float>(fraction), top + rowHeight * 0.8f}},
                        selected ? accentColor(canvas) : canvas.textColor(0.55f), 2.0f);
        drawGradientBars(canvas,
                         {{x3, top + rowHeight * 0.1f}, {area.max.x, top + rowHeight * 0.9f}},
                         v.grad, trueClass);
    }
}

}  // namespace losslab
