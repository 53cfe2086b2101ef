// Logits: one bar per class, dragged with the mouse; click a name for the true class.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/model_edit.hpp"

namespace losslab {

namespace {

int nearestCategory(double x, int count) {
    return std::clamp(static_cast<int>(std::lround(x)), 0, count - 1);
}

void drawToolbar(AppState& state) {
    LogitsPanelState& ui = state.panels.logits;
    const int k = state.model.classCount();
    ImGui::TextUnformatted("K");
    ImGui::SameLine();
    ImGui::BeginDisabled(k <= kMinLogitClasses);
    if (ImGui::ArrowButton("##fewer", ImGuiDir_Left)) setClassCount(state, k - 1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Remove the last class");
    ImGui::SameLine();
    ImGui::Text("%d", k);
    ImGui::SameLine();
    ImGui::BeginDisabled(k >= kMaxLogitClasses);
    if (ImGui::ArrowButton("##more", ImGuiDir_Right)) setClassCount(state, k + 1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Add a class (up to 20)");
    ImGui::SameLine();
    if (ImGui::Button("Randomize")) randomizeLogits(state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Random logits, N(0, 2.5²), seeded  [R]");
    ImGui::SameLine();
    if (ImGui::Button("Zero")) zeroLogits(state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("All logits 0: p is uniform and CE = log K  [0]");
    ImGui::SameLine();
    if (ImGui::Button("Shift all by")) shiftLogits(state, ui.shiftBy);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Adds c to every logit. softmax(s + c) = softmax(s):\n"
            "the probabilities and every softmax-based loss stay the same.");
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    double shift = ui.shiftBy;
    if (ImGui::InputDouble("##shift", &shift, 0.0, 0.0, "%.2f") && std::isfinite(shift)) {
        ui.shiftBy = std::clamp(shift, -1000.0, 1000.0);
    }
}

void drawValuePopup(AppState& state) {
    LogitsPanelState& ui = state.panels.logits;
    if (ImGui::BeginPopup("edit-logit")) {
        if (ui.editing >= 0 && ui.editing < state.model.classCount()) {
            ImGui::Text("Logit of %s",
                        state.model.classNames[static_cast<size_t>(ui.editing)].c_str());
            if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
            const bool enter = ImGui::InputDouble("##value", &ui.editValue, 0.0, 0.0, "%.6g",
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
            if (!std::isfinite(ui.editValue)) ui.editValue = state.model.logits[ui.editing];
            ImGui::TextDisabled("|s| ≤ %g; Enter to apply", kMaxAbsLogit);
            if (enter || ImGui::Button("Apply")) {
                setLogit(state, ui.editing, ui.editValue);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void drawNamesEditor(AppState& state) {
    if (!ImGui::CollapsingHeader("Class names and exact values")) return;
    const int k = state.model.classCount();
    if (ImGui::BeginTable("names", 3, ImGuiTableFlags_SizingStretchProp)) {
        for (int i = 0; i < k; ++i) {
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(classImColor(i)),
                               ImGuiColorEditFlags_NoTooltip,
                               ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
            ImGui::TableNextColumn();
            char name[64];
            std::snprintf(name, sizeof name, "%s",
                          state.model.classNames[static_cast<size_t>(i)].c_str());
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputText("##name", name, sizeof name)) renameClass(state, i, name);
            ImGui::TableNextColumn();
            double value = state.model.logits[i];
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputDouble("##logit", &value, 0.1, 1.0, "%.4g")) setLogit(state, i, value);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

plot::Range logitRange(const AppState& state) {
    const LogitsPanelState& ui = state.panels.logits;
    const Vec& logits = state.model.logits;
    std::vector<double> values(logits.data(), logits.data() + logits.size());
    return ui.dragging >= 0 ? ui.frozenRange : plot::symmetricRangeFor(values, 6.0);
}

plot::PlotOptions logitPlotOptions() {
    plot::PlotOptions options;
    options.xTicks = false;
    options.yLabel = "logit s";
    return options;
}

// The bars with their values (★ on the prediction) and the names, the true class marked.
void drawLogitBars(const AppState& state, plot::Plot& plot) {
    const LogitsPanelState& ui = state.panels.logits;
    const ModelState& m = state.model;
    const plot::Range yRange = plot.transform().y;
    plot.axes();
    std::vector<std::string> names(m.classNames.begin(), m.classNames.end());
    for (int i = 0; i < m.classCount(); ++i) {
        const bool prediction = i == state.derived.prediction;
        plot.rect(i - 0.35, 0.0, i + 0.35, m.logits[i], classImColor(i, 0.85f),
                  ui.dragging == i ? plot.textColor() : 0);
        char label[32];
        std::snprintf(label, sizeof label, "%.2f%s", m.logits[i], prediction ? " ★" : "");
        const double labelY = std::clamp(m.logits[i], yRange.min, yRange.max);
        plot.text(i, labelY, label, plot.textColor(), {0.5f, m.logits[i] >= 0 ? 1.1f : -0.1f});
    }
    plot.categoryLabels(names, m.trueClass, accentColor(plot.canvas()));
}

}  // namespace

void figureLogitsPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    const int k = state.model.classCount();
    plot::Plot plot(canvas, area, {-0.5, k - 0.5}, logitRange(state), logitPlotOptions());
    drawLogitBars(state, plot);
}

void drawLogitsPanel(AppState& state, PanelGpu& /*gpu*/) {
    LogitsPanelState& ui = state.panels.logits;
    ModelState& m = state.model;
    const int k = m.classCount();
    if (controlsShown(state)) drawToolbar(state);

    const plot::Range yRange = logitRange(state);
    const float namesHeight = ImGui::GetFrameHeightWithSpacing() * 1.3f;
    plot::ScreenPlot plot("logit-bars", ImVec2(0, -namesHeight), {-0.5, k - 0.5}, yRange,
                          logitPlotOptions());
    drawLogitBars(state, plot);

    // Input: press on a bar column to drag it (relative, so the value does not jump);
    // press on a name to make it the true class; double-click to type a value.
    const plot::Transform& t = plot.transform();
    ui.barsTransform = t;
    const ImGuiIO& io = ImGui::GetIO();
    if (plot.clicked(0)) {
        const int i = nearestCategory(plot.mouseX(), k);
        if (io.MousePos.y > plot.innerMax().y) {
            setTrueClass(state, i);
        } else if (ImGui::IsMouseDoubleClicked(0)) {
            ui.editing = i;
            ui.editValue = m.logits[i];
            ui.dragging = -1;
            ImGui::OpenPopup("edit-logit");
        } else {
            ui.dragging = i;
            ui.dragStartLogit = m.logits[i];
            ui.dragStartMouseY = io.MousePos.y;
            ui.frozenRange = yRange;
        }
    }
    if (ui.dragging >= 0 && ui.dragging < k) {
        if (plot.active() && ImGui::IsMouseDown(0)) {
            const float fine = io.KeyShift ? 0.1f : 1.0f;
            const double delta = (ui.dragStartMouseY - io.MousePos.y) * fine * t.unitsPerPixelY();
            const double value = ui.dragStartLogit + delta;
            if (value != m.logits[ui.dragging]) setLogit(state, ui.dragging, value);
        } else {
            ui.dragging = -1;
        }
    }
    if (plot.hovered() && ui.dragging < 0) {
        const int i = nearestCategory(plot.mouseX(), k);
        if (io.MousePos.y > plot.innerMax().y) {
            ImGui::SetTooltip("Click: make %s the true class (y = %d)",
                              m.classNames[static_cast<size_t>(i)].c_str(), i);
        } else {
            ImGui::SetTooltip(
                "%s: s = %.4g, p = %.4f\nDrag to change (Shift: fine), double-click to type",
                m.classNames[static_cast<size_t>(i)].c_str(), m.logits[i], state.derived.probs[i]);
        }
    }
    drawValuePopup(state);
    drawNamesEditor(state);
}

}  // namespace losslab
