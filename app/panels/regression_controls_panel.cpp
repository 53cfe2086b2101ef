// Regression controls: the loss and its options (δ, λ2), gradient descent (play / step /
// reset, optimizer, learning rate, momentum), the points (add or remove outliers, undo, CSV,
// a new dataset), and the exact fit of every loss side by side. Its update step also runs the
// descent while it plays and takes the workspace's keys.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "panels/csv_chooser_buttons.hpp"
#include "panels/keys.hpp"
#include "panels/panels.hpp"
#include "panels/regression_view.hpp"
#include "panels/row_layout.hpp"
#include "plot/screen_plot.hpp"
#include "state/regression_edit.hpp"

namespace losslab {

namespace {

constexpr Optimizer kOptimizers[] = {Optimizer::Sgd, Optimizer::Adam};

ImVec4 errorColor() {
    return ImVec4(1.0f, 0.42f, 0.3f, 1.0f);
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

void refuse(RegressionState& rs, const std::optional<std::string>& error) {
    if (!error) return;
    rs.notice = *error;
    rs.noticeIsError = true;
}

bool sliderDouble(const char* id, double* value, float lo, float hi, const char* format,
                  ImGuiSliderFlags flags = 0) {
    float v = static_cast<float>(*value);
    if (!ImGui::SliderFloat(id, &v, lo, hi, format, flags | ImGuiSliderFlags_AlwaysClamp))
        return false;
    *value = static_cast<double>(v);
    return true;
}

void drawLossRow(RegressionState& rs) {
    const float font = ImGui::GetFontSize();
    RegressionOptions next = rs.options;
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("loss");
    sameLineIfRoom(font * 6.0f);
    ImGui::SetNextItemWidth(font * 6.0f);
    const std::string current(regressionLossKey(next.loss));
    if (ImGui::BeginCombo("##reg-loss", current.c_str())) {
        for (RegressionLoss loss : kAllRegressionLosses) {
            const std::string key(regressionLossKey(loss));
            ImGui::PushStyleColor(ImGuiCol_Text, regressionLossColor(loss));
            if (ImGui::Selectable(key.c_str(), loss == next.loss)) {
                next.loss = loss;
                changed = true;
            }
            ImGui::PopStyleColor();
        }
        ImGui::EndCombo();
    }
    tooltip(
        "The loss whose fit is bold and whose objective the surface shows:\n"
        "l2 = r², l1 = |r|, huber = r²/2 for |r| ≤ δ else δ(|r| − δ/2), log_cosh = log cosh r");
    sameLineIfRoom(font * 6.0f);
    ImGui::BeginDisabled(next.loss != RegressionLoss::Huber);
    ImGui::SetNextItemWidth(font * 6.0f);
    changed |= sliderDouble("##reg-delta", &next.delta, 0.01f, 10.0f, "δ = %.3g",
                            ImGuiSliderFlags_Logarithmic);
    ImGui::EndDisabled();
    tooltip("δ of huber: quadratic within δ of the line, linear beyond (huge δ: l2/2; tiny: l1·δ)");
    sameLineIfRoom(font * 6.5f);
    ImGui::SetNextItemWidth(font * 6.5f);
    changed |=
        sliderDouble("##reg-l2", &next.l2, 0.0f, 10.0f, "λ2 = %.3g", ImGuiSliderFlags_Logarithmic);
    tooltip("λ2: the objective adds λ2·w² (the slope only; b is not regularized)");
    if (changed) refuse(rs, setRegressionOptions(rs, next));
}

void drawTransport(RegressionState& rs) {
    const float font = ImGui::GetFontSize();
    RegressionRun& run = rs.run;
    const ImVec2 big(font * 4.6f, 0);
    ImGui::BeginDisabled(!run.ready || (run.descent.diverged && !run.playing));
    if (ImGui::Button(run.playing ? "‖ Pause" : "▶ Play", big)) toggleRegressionPlay(rs);
    ImGui::EndDisabled();
    tooltip("Run gradient descent on (w, b) continuously (Space)");
    sameLineIfRoom(buttonWidth("Step"));
    ImGui::BeginDisabled(!run.ready || run.descent.diverged);
    if (ImGui::Button("Step")) {
        run.playing = false;
        stepRegressionRun(rs, 1);
    }
    ImGui::EndDisabled();
    tooltip("One update (S)");
    sameLineIfRoom(buttonWidth("Reset"));
    if (ImGui::Button("Reset")) resetRegressionRun(rs);
    tooltip("Back to w = b = 0 (Shift+R)");
    sameLineIfRoom(font * 7.0f);
    ImGui::SetNextItemWidth(font * 7.0f);
    ImGui::SliderInt("##reg-spf", &run.stepsPerFrame, 1, kMaxRegressionStepsPerFrame,
                     run.stepsPerFrame == 1 ? "%d step / frame" : "%d steps / frame",
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    tooltip("Updates per frame while playing");

    RegressionDescentConfig next = rs.descent;
    bool changed = false;
    ImGui::SetNextItemWidth(font * 4.5f);
    const std::string current(optimizerKey(next.optimizer));
    if (ImGui::BeginCombo("##reg-opt", current.c_str())) {
        for (Optimizer optimizer : kOptimizers) {
            if (ImGui::Selectable(std::string(optimizerKey(optimizer)).c_str(),
                                  optimizer == next.optimizer)) {
                next.optimizer = optimizer;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    tooltip("Optimizer: sgd (with momentum μ) or adam (β1 0.9, β2 0.999), as in Training");
    sameLineIfRoom(font * 7.0f);
    ImGui::SetNextItemWidth(font * 7.0f);
    changed |= sliderDouble("##reg-lr", &next.learningRate, 1e-4f, 10.0f, "lr = %.3g",
                            ImGuiSliderFlags_Logarithmic);
    tooltip("Learning rate (too high and the run diverges: it stops and says so)");
    sameLineIfRoom(font * 6.0f);
    ImGui::BeginDisabled(next.optimizer != Optimizer::Sgd);
    ImGui::SetNextItemWidth(font * 6.0f);
    changed |= sliderDouble("##reg-mom", &next.momentum, 0.0f, 0.99f, "μ = %.2f");
    ImGui::EndDisabled();
    tooltip("Momentum of sgd (v ← μv + g)");
    if (changed) refuse(rs, setRegressionDescent(rs, next));
}

void drawRunStatus(const RegressionState& rs) {
    const RegressionRun& run = rs.run;
    if (!run.ready) {
        ImGui::TextColored(errorColor(), "gradient descent: %s", run.error.c_str());
        return;
    }
    const RegressionDescentState& d = run.descent;
    ImGui::Text("descent: step %lld   w = %.4g, b = %.4g   J = %.5g", d.steps, d.line.w, d.line.b,
                d.objective.value);
    if (d.diverged) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(errorColor(), "%s (stopped; lower lr, then Reset)", d.message.c_str());
        ImGui::PopTextWrapPos();
    }
}

void drawPointButtons(AppState& state) {
    RegressionState& rs = state.regression;
    FitPanelState& ui = rs.fit;
    const float font = ImGui::GetFontSize();
    if (ImGui::Button("Add outlier")) {
        if (auto error = addRegressionOutlier(rs)) refuse(rs, error);
    }
    tooltip("A point 2 to 4 units above the l1 line, at random x: watch the l2 line swing");
    sameLineIfRoom(buttonWidth("Remove outliers"));
    ImGui::BeginDisabled(regressionOutliers(rs).empty());
    if (ImGui::Button("Remove outliers")) removeRegressionOutliers(rs);
    ImGui::EndDisabled();
    tooltip("Erase the points with |r| > 3.5·σ̂ from the l1 line (σ̂ = 1.4826·median |r|)");
    sameLineIfRoom(buttonWidth("Undo"));
    ImGui::BeginDisabled(rs.edits.undo.empty());
    if (ImGui::Button("Undo")) undoRegressionEdit(rs);
    ImGui::EndDisabled();
    tooltip("Undo the last point edit (Ctrl+Z)");
    sameLineIfRoom(buttonWidth("Redo"));
    ImGui::BeginDisabled(rs.edits.redo.empty());
    if (ImGui::Button("Redo")) redoRegressionEdit(rs);
    ImGui::EndDisabled();
    tooltip("Redo (Ctrl+Shift+Z)");
    sameLineIfRoom(buttonWidth("CSV…"));
    if (ImGui::Button("CSV…")) ImGui::OpenPopup("regression-csv");
    tooltip("Load or save the points as a CSV file with the header x,y");
    if (ImGui::BeginPopup("regression-csv")) {
        ImGui::SetNextItemWidth(font * 18.0f);
        ImGui::InputText("path", &ui.csvPath);
        drawCsvChooserButtons(state, FileDialogState::CsvTable::RegressionPoints);
        if (ImGui::Button("Load")) {
            const auto error = loadRegressionFile(rs, ui.csvPath);
            ui.csvError = error.has_value();
            ui.csvMessage = error ? *error : "Loaded " + ui.csvPath;
            if (!error) ImGui::CloseCurrentPopup();
        }
        sameLineIfRoom(buttonWidth("Save"));
        if (ImGui::Button("Save")) {
            const auto error = saveRegressionFile(rs, ui.csvPath);
            ui.csvError = error.has_value();
            ui.csvMessage = error ? *error : "Saved " + ui.csvPath;
            if (!error) ImGui::CloseCurrentPopup();
        }
        if (!ui.csvMessage.empty()) {
            ImGui::TextColored(ui.csvError ? errorColor() : ImVec4(0.5f, 0.8f, 0.5f, 1), "%s",
                               ui.csvMessage.c_str());
        }
        ImGui::EndPopup();
    }
}

void drawDatasetRow(RegressionState& rs) {
    const float font = ImGui::GetFontSize();
    LineDatasetOptions& o = rs.dataset;
    bool regenerate = false;
    int points = static_cast<int>(o.points);
    ImGui::SetNextItemWidth(font * 5.5f);
    if (ImGui::SliderInt("##reg-n", &points, 2, 1000, "n = %d", ImGuiSliderFlags_Logarithmic))
        o.points = std::clamp(points, 2, 1000);
    o.outliers = std::min(o.outliers, o.points);
    regenerate |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Number of points, outliers included (applied when you let go)");
    sameLineIfRoom(font * 5.5f);
    ImGui::SetNextItemWidth(font * 5.5f);
    float noise = static_cast<float>(o.noise);
    if (ImGui::SliderFloat("##reg-noise", &noise, 0.0f, 2.0f, "noise %.2f"))
        o.noise = std::clamp(static_cast<double>(noise), 0.0, 10.0);
    regenerate |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Standard deviation of the Gaussian noise around y = 0.8x + 0.5");
    sameLineIfRoom(font * 5.5f);
    int outliers = static_cast<int>(o.outliers);
    ImGui::SetNextItemWidth(font * 5.5f);
    if (ImGui::SliderInt("##reg-out", &outliers, 0, std::min<int>(20, static_cast<int>(o.points)),
                         "outliers %d"))
        o.outliers = std::clamp<Eigen::Index>(outliers, 0, o.points);
    regenerate |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("How many of the points are lifted 2 to 4 units above the line");
    sameLineIfRoom(font * 5.0f);
    int seed = static_cast<int>(o.seed);
    ImGui::SetNextItemWidth(font * 5.0f);
    if (ImGui::InputInt("##reg-seed", &seed)) {
        o.seed = static_cast<std::uint64_t>(std::max(seed, 0));
        regenerate = true;
    }
    tooltip("Seed: the same settings and seed give the same points");
    sameLineIfRoom(buttonWidth("Regenerate"));
    if (ImGui::Button("Regenerate")) regenerate = true;
    tooltip("Draw the dataset again (undo brings back your edited points)");
    if (regenerate) refuse(rs, regenerateRegressionData(rs));
}

// Every loss's exact fit side by side: the chosen one highlighted.
void drawFitsTable(const RegressionState& rs) {
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("exact-fits", 4, kFlags)) return;
    ImGui::TableSetupColumn("exact fit");
    ImGui::TableSetupColumn("w");
    ImGui::TableSetupColumn("b");
    ImGui::TableSetupColumn("J at its minimum");
    ImGui::TableHeadersRow();
    for (RegressionLoss loss : kAllRegressionLosses) {
        const auto& fit = rs.fits.fits[regressionLossIndex(loss)];
        ImGui::TableNextRow();
        if (loss == rs.options.loss) {
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, regressionLossColor(loss, 0.25f));
        }
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(regressionLossColor(loss)), "%s%s",
                           std::string(regressionLossKey(loss)).c_str(),
                           loss == rs.options.loss ? " (chosen)" : "");
        if (!fit) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            ImGui::TextDisabled("—");
            continue;
        }
        ImGui::TableNextColumn();
        ImGui::Text("%.4g", fit->line.w);
        ImGui::TableNextColumn();
        ImGui::Text("%.4g", fit->line.b);
        ImGui::TableNextColumn();
        ImGui::Text("%.5g", fit->objective.value);
    }
    ImGui::EndTable();
}

// The workspace's keys. The main frame's global handler leaves to this one the keys that mean
// something else in the Logit Lab (digits, R, Ctrl+Z).
void handleRegressionKeys(AppState& state) {
    RegressionState& rs = state.regression;
    const ImGuiIO& io = ImGui::GetIO();
    if (state.view.workspace != Workspace::Regression || io.WantTextInput) return;
    auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    if (io.KeyCtrl) {
        if (pressed(keys::kZ)) {
            if (io.KeyShift) {
                redoRegressionEdit(rs);
            } else {
                undoRegressionEdit(rs);
            }
        } else if (pressed(keys::kY)) {
            redoRegressionEdit(rs);
        }
        return;
    }
    if (pressed(keys::kSpace)) toggleRegressionPlay(rs);
    if (pressed(keys::kS, true) && !io.KeyShift) {
        rs.run.playing = false;
        stepRegressionRun(rs, 1);
    }
    if (pressed(keys::kR) && io.KeyShift) resetRegressionRun(rs);
}

}  // namespace

void updateRegressionControlsPanel(AppState& state, bool visible) {
    prepareRegression(state, visible);
    RegressionState& rs = state.regression;
    if (!rs.initialized) return;
    handleRegressionKeys(state);
    if (rs.run.playing) stepRegressionRun(rs, rs.run.stepsPerFrame);
    refreshRegressionFits(rs);
}

void drawRegressionControlsPanel(AppState& state, PanelGpu& /*gpu*/) {
    RegressionState& rs = state.regression;
    if (!rs.notice.empty()) {
        state.showToast(rs.notice, rs.noticeIsError);
        rs.notice.clear();
        rs.noticeIsError = false;
    }
    if (controlsShown(state)) {
        drawLossRow(rs);
        drawTransport(rs);
        drawPointButtons(state);
        drawDatasetRow(rs);
        ImGui::Separator();
    }
    drawRunStatus(rs);
    const std::string problem = regressionFitProblem(rs);
    if (!problem.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(errorColor(), "%s", problem.c_str());
        ImGui::PopTextWrapPos();
    }
    drawFitsTable(rs);
}

}  // namespace losslab
