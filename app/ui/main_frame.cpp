#include "ui/main_frame.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/autosave.hpp"
#include "io/csv_export.hpp"
#include "io/file_kinds.hpp"
#include "io/lesson_io.hpp"
#include "io/scene_io.hpp"
#include "panels/keys.hpp"
#include "panels/panels.hpp"
#include "plot/screen_plot.hpp"
#include "state/layout_edit.hpp"
#include "state/model_edit.hpp"
#include "state/regression_edit.hpp"
#include "state/training_edit.hpp"
#include "ui/figure_dialog.hpp"
#include "ui/file_dialog.hpp"
#include "ui/panel_export.hpp"
#include "ui/panel_registry.hpp"
#include "ui/presenter.hpp"
#include "ui/workspace_view.hpp"

namespace losslab {

namespace {

void openAndReport(AppState& state, const std::string& path,
                   ScenePresentation presentation = ScenePresentation::FromScene) {
    if (auto error = openScene(path, state, presentation)) {
        state.showToast(*error, true);
        return;
    }
    rememberRecent(state.fileDialog, path);
    state.showSceneNote = !state.sceneNote.empty();
    state.showToast("Opened " + path);
}

void saveCsv(AppState& state, const std::string& stem, const std::string& contents) {
    std::string path;
    if (auto error = exportCsv(stem, contents, &path)) {
        state.showToast("CSV export failed: " + *error, true);
    } else {
        state.showToast("Saved " + path);
    }
}

void saveScene(AppState& state, bool askForPath) {
    if (askForPath || state.scenePath.empty()) {
        openFileDialog(state.fileDialog, FileDialogState::Mode::Save, state.scenePath,
                       suggestedSceneFileName(state.sceneTitle));
        return;
    }
    if (auto error = saveSceneFile(state.scenePath, sceneFromState(state))) {
        state.showToast(*error, true);
    } else {
        state.showToast("Saved " + state.scenePath);
    }
}

// The CSV path, message and error flag of the table a CSV dialog loads or saves.
struct CsvFields {
    std::string& path;
    std::string& message;
    bool& error;
};
CsvFields csvFieldsOf(AppState& state, FileDialogState::CsvTable table) {
    if (table == FileDialogState::CsvTable::RegressionPoints) {
        FitPanelState& fit = state.regression.fit;
        return {fit.csvPath, fit.csvMessage, fit.csvError};
    }
    ClassifierPanelState& classifier = state.training.classifier;
    return {classifier.csvPath, classifier.csvMessage, classifier.csvError};
}

// Loads or saves the points of the dialog's table from or to `chosen`; the error, if any.
std::optional<std::string> applyCsvChoice(AppState& state, const std::string& chosen) {
    const FileDialogState& dialog = state.fileDialog;
    const bool regression = dialog.csvTable == FileDialogState::CsvTable::RegressionPoints;
    const bool saving = dialog.mode == FileDialogState::Mode::SaveCsv;
    std::optional<std::string> error = regression
                                           ? (saving ? saveRegressionFile(state.regression, chosen)
                                                     : loadRegressionFile(state.regression, chosen))
                                           : (saving ? savePointsFile(state.training, chosen)
                                                     : loadPointsFile(state.training, chosen));
    if (error) return error;
    CsvFields fields = csvFieldsOf(state, dialog.csvTable);
    fields.path = chosen;
    fields.message = (saving ? "Saved " : "Loaded ") + chosen;
    fields.error = false;
    state.showToast(fields.message);
    return std::nullopt;
}

void drawFileDialogAndApply(AppState& state) {
    FileDialogState& dialog = state.fileDialog;
    if (dialog.requested) {  // a panel's "Load…" or "Save…"
        const FileDialogState::Mode mode = *dialog.requested;
        dialog.requested.reset();
        std::error_code ec;
        const std::string current = csvFieldsOf(state, dialog.csvTable).path;
        openFileDialog(dialog, mode, std::filesystem::absolute(current, ec).string());
    }
    std::string chosen;
    if (!drawFileDialog(state.fileDialog, &chosen)) return;
    if (dialog.mode == FileDialogState::Mode::OpenCsv ||
        dialog.mode == FileDialogState::Mode::SaveCsv) {
        if (auto error = applyCsvChoice(state, chosen)) {
            dialog.error = *error;  // the dialog stays open; nothing changed
            return;
        }
        rememberRecent(dialog, chosen);
    } else if (state.fileDialog.mode == FileDialogState::Mode::OpenLesson) {
        if (auto error = openLesson(state, chosen)) {
            state.fileDialog.error = *error;  // the dialog stays open; nothing changed
            return;
        }
        rememberRecent(state.fileDialog, chosen);
    } else if (state.fileDialog.mode == FileDialogState::Mode::Open) {
        Scene scene;
        if (auto error = loadSceneFile(chosen, &scene)) {
            state.fileDialog.error = *error;  // the dialog stays open; nothing changed
            return;
        }
        openAndReport(state, chosen);
    } else {
        if (auto error = saveSceneFile(chosen, sceneFromState(state))) {
            state.fileDialog.error = *error;
            return;
        }
        state.scenePath = chosen;
        rememberRecent(state.fileDialog, chosen);
        state.showToast("Saved " + chosen);
    }
    state.fileDialog.visible = false;
}

void drawSceneNote(AppState& state) {
    if (!state.showSceneNote || state.sceneNote.empty()) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        {viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + 40.0f},
        ImGuiCond_Appearing, {0.5f, 0.0f});
    ImGui::SetNextWindowSize({std::min(viewport->WorkSize.x * 0.5f, ImGui::GetFontSize() * 40), 0},
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(0.97f);  // over a busy panel the note must stay readable
    const std::string title =
        (state.sceneTitle.empty() ? std::string("Scene") : state.sceneTitle) + "###scene-note";
    if (ImGui::Begin(title.c_str(), &state.showSceneNote,
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextWrapped("%s", state.sceneNote.c_str());
    }
    ImGui::End();
}

void drawRestoreOffer(AppState& state) {
    if (state.uncleanSessions.empty()) return;
    ImGui::OpenPopup("Restore a session?");
    if (ImGui::BeginPopupModal("Restore a session?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(
            state.uncleanSessions.size() == 1
                ? "A LossLab session did not close cleanly. Restore what it saved?"
                : "These LossLab sessions did not close cleanly. Restore one of them?");
        const UncleanSession* chosen = nullptr;
        for (const UncleanSession& session : state.uncleanSessions) {
            char when[64] = "";
            std::tm local{};
            if (session.savedAt != 0 && localtime_r(&session.savedAt, &local))
                std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local);
            ImGui::PushID(session.path.c_str());
            if (ImGui::Button("Restore")) chosen = &session;
            ImGui::SameLine();
            ImGui::Text("%s  %s", when,
                        session.title.empty() ? "(untitled)" : session.title.c_str());
            ImGui::PopID();
        }
        const bool fresh = ImGui::Button("Start fresh");
        if (chosen) {
            openAndReport(state, chosen->path);
            state.scenePath.clear();  // the autosave is not the user's file
        }
        if (chosen || fresh) {
            // Once one is restored (into this session's autosave) or all are declined, the
            // others are not offered again.
            dismissUncleanSessions(state.uncleanSessions);
            state.uncleanSessions.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void setScale(AppState& state, float scale) {
    state.requests.uiScale = std::clamp(std::round(scale * 20.0f) / 20.0f, 0.75f, 2.5f);
}

void setTheme(AppState& state, Theme theme) {
    state.view.theme = theme;
    state.requests.theme = true;
}

void drawViewMenu(AppState& state) {
    PresenterState& presenter = state.presenter;
    if (ImGui::BeginMenu("Panels")) {
        // Every panel can be shown in any workspace; the layout gives a new one the right edge.
        const std::vector<std::string> shown = layoutPanels(currentLayout(state));
        for (const PanelInfo& panel : allPanels()) {
            const bool isShown = std::find(shown.begin(), shown.end(), panel.name) != shown.end();
            if (ImGui::MenuItem(panel.title, nullptr, isShown, !isShown || shown.size() > 1)) {
                setPanelShown(state, panel.name, !isShown);
            }
        }
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Reset layout")) resetLayout(state);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("This workspace's panels and sizes as LossLab first showed them");
    if (ImGui::MenuItem("Back to the layout", "Esc", false, !presenter.focus.empty()))
        restoreLayout(state);
    ImGui::Separator();
    ImGui::TextDisabled("Presenter");
    if (ImGui::MenuItem("Full screen", "F11", presenter.fullscreen))
        state.requests.fullscreen = true;
    if (ImGui::MenuItem("Blank the screen", "B")) presenter.blank = true;
    if (ImGui::MenuItem("Hide controls", "H", presenter.hideControls))
        presenter.hideControls = !presenter.hideControls;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Panels show their plots only; keys and dragging still work");
    if (ImGui::MenuItem("Next", "PageDown / →")) presenterStep(state, +1);
    if (ImGui::MenuItem("Previous", "PageUp / ←")) presenterStep(state, -1);
    ImGui::Separator();
    const struct {
        Theme theme;
        const char* label;
    } themes[] = {{Theme::Dark, "Dark theme"},
                  {Theme::Light, "Light theme"},
                  {Theme::Projector, "Projector theme (high contrast, thick lines)"}};
    for (const auto& entry : themes) {
        if (ImGui::MenuItem(entry.label, nullptr, state.view.theme == entry.theme))
            setTheme(state, entry.theme);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Larger UI", "Ctrl+=")) setScale(state, state.view.uiScale + 0.25f);
    if (ImGui::MenuItem("Smaller UI", "Ctrl+-")) setScale(state, state.view.uiScale - 0.25f);
    for (float s : {1.0f, 1.5f, 2.0f}) {
        char label[16];
        std::snprintf(label, sizeof label, "%.0f %%", s * 100);
        if (ImGui::MenuItem(label, nullptr, std::abs(state.view.uiScale - s) < 0.01f))
            setScale(state, s);
    }
}

void openLessonAndReport(AppState& state, const std::string& path) {
    if (auto error = openLesson(state, path)) {
        state.showToast(*error, true);  // nothing changed
        return;
    }
    state.showToast(state.lesson.lesson->title + ": step " + std::to_string(state.lesson.step + 1) +
                    " (PageDown / → next)");
}

void drawLessonsMenu(AppState& state) {
    // Read from disk when the menu opens, not on every frame it stays open.
    const int frame = ImGui::GetFrameCount();
    if (frame != state.lessonMenuFrame + 1) state.lessonMenu = listLessons();
    state.lessonMenuFrame = frame;
    std::string chosen;
    for (const BuiltInLesson& lesson : state.lessonMenu) {
        const auto saved = state.view.lessonProgress.find(lesson.path);
        std::string where = std::to_string(lesson.steps) + " steps";
        if (saved != state.view.lessonProgress.end()) {
            where = "at step " + std::to_string(saved->second + 1) + " / " +
                    std::to_string(lesson.steps);
        }
        const bool open = state.lesson.lesson && state.lesson.lesson->path == lesson.path;
        if (ImGui::MenuItem(lesson.title.c_str(), where.c_str(), open)) chosen = lesson.path;
    }
    if (state.lessonMenu.empty()) ImGui::TextDisabled("no lessons in %s", lessonFolder().c_str());
    ImGui::Separator();
    if (ImGui::MenuItem("Open lesson file…")) {
        openFileDialog(state.fileDialog, FileDialogState::Mode::OpenLesson, lessonFolder() + "/");
    }
    if (ImGui::MenuItem("Start this lesson again", nullptr, false, state.lesson.lesson.has_value()))
        stepLesson(state, kLessonFirstStep);
    if (ImGui::MenuItem("Close lesson", nullptr, false, state.lesson.lesson.has_value()))
        closeLesson(state);
    if (!chosen.empty()) openLessonAndReport(state, chosen);
}

void drawMenuBar(AppState& state) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open scene…", "Ctrl+O")) {
            openFileDialog(state.fileDialog, FileDialogState::Mode::Open, state.scenePath);
        }
        if (ImGui::MenuItem("Save scene", "Ctrl+S")) saveScene(state, false);
        if (ImGui::MenuItem("Save scene as…", "Ctrl+Shift+S")) saveScene(state, true);
        if (ImGui::MenuItem("Open lesson…")) {
            openFileDialog(state.fileDialog, FileDialogState::Mode::OpenLesson,
                           state.lesson.lesson ? state.lesson.lesson->path : lessonFolder() + "/");
        }
        if (ImGui::BeginMenu("Presets")) {
            const int frame = ImGui::GetFrameCount();
            if (frame != state.presetMenuFrame + 1) state.presetMenu = listPresets();  // opened
            state.presetMenuFrame = frame;
            std::string chosen;
            for (const Preset& preset : state.presetMenu) {
                if (ImGui::MenuItem(preset.title.c_str())) chosen = preset.path;
            }
            if (!chosen.empty()) openAndReport(state, chosen, ScenePresentation::Keep);
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Export losses table (CSV)"))
            saveCsv(state, "losslab-losses", lossesTableCsv(state));
        if (ImGui::MenuItem("Export training history (CSV)")) {
            saveCsv(state, "losslab-training-history", trainingHistoryCsv(state.training));
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "The curves' measurements: every step of a short run; a long run "
                "keeps about %zu evenly spaced steps.\n`losslab train` writes "
                "every step.",
                2 * kCurveHistoryCapacity);
        }
        if (ImGui::MenuItem("Screenshot", "F12")) state.requests.screenshot = true;
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.requests.quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        if (ImGui::MenuItem("Undo", "Ctrl+Z", false, !state.history.undo.empty())) state.undo();
        if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, !state.history.redo.empty()))
            state.redo();
        ImGui::Separator();
        if (ImGui::MenuItem("Randomize logits", "R")) randomizeLogits(state);
        if (ImGui::MenuItem("Zero logits", "0")) zeroLogits(state);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        drawViewMenu(state);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Lessons")) {
        drawLessonsMenu(state);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Shortcuts", "F1"))
            state.presenter.showHelp = !state.presenter.showHelp;
        if (ImGui::MenuItem("About this scene", nullptr, false, !state.sceneNote.empty()))
            state.showSceneNote = true;
        ImGui::EndMenu();
    }
    ImGui::Separator();
    for (int w = 0; w < kWorkspaceCount; ++w) {
        const Workspace workspace = kAllWorkspaces[w];
        if (ImGui::MenuItem(workspaceTitle(workspace), nullptr,
                            state.view.workspace == workspace)) {
            switchWorkspace(state, workspace);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+%d", w + 1);
    }
    // What is hidden and how to get it back, at the right end of the bar (over no panel).
    const std::string hint = presenterHint(state);
    if (!hint.empty()) {
        const float width = ImGui::CalcTextSize(hint.c_str()).x;
        const float right = ImGui::GetWindowContentRegionMax().x;
        if (ImGui::GetCursorPosX() + width < right) {
            ImGui::SetCursorPosX(right - width);
            ImGui::TextDisabled("%s", hint.c_str());
        }
    }
    ImGui::EndMainMenuBar();
}

void handleShortcuts(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    const bool ctrl = io.KeyCtrl;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    // The Training and Regression workspaces have their own keys (digits pick the class of
    // new points, Ctrl+Z undoes point edits, Shift+R resets the run); their panels handle them.
    const bool training = state.view.workspace == Workspace::Training ||
                          state.view.workspace == Workspace::Regression;
    // Ctrl+1 … Ctrl+4: the workspaces in the menu bar's order.
    for (int w = 0; w < kWorkspaceCount; ++w) {
        if (ctrl && pressed(keys::kDigit0 + 1 + w)) {
            switchWorkspace(state, kAllWorkspaces[w]);
            return;
        }
    }
    if (!training && ctrl && pressed(keys::kZ)) {
        if (io.KeyShift)
            state.redo();
        else
            state.undo();
    } else if (!training && ctrl && pressed(keys::kY)) {
        state.redo();
    } else if (ctrl && (pressed(keys::kEqual) || pressed(keys::kKeypadAdd))) {
        setScale(state, state.view.uiScale + 0.25f);
    } else if (ctrl && (pressed(keys::kMinus) || pressed(keys::kKeypadSubtract))) {
        setScale(state, state.view.uiScale - 0.25f);
    } else if (ctrl && pressed(81 /* Q */)) {
        state.requests.quit = true;
    } else if (ctrl && pressed(79 /* O */)) {
        openFileDialog(state.fileDialog, FileDialogState::Mode::Open, state.scenePath);
    } else if (ctrl && pressed(keys::kS)) {
        saveScene(state, io.KeyShift);
    } else if (ctrl && pressed(keys::kR)) {
        // Record the panel under the mouse (MP4), or stop the recording.
        if (state.recording.active) {
            state.recording.stopRequested = true;
        } else if (!state.presenter.hoveredPanel.empty()) {
            startRecording(state, state.presenter.hoveredPanel, ".mp4");
        }
    } else if (!ctrl) {
        if (!training) {
            if (pressed(keys::kR) && !io.KeyShift) randomizeLogits(state);
            if (pressed(keys::kDigit0)) zeroLogits(state);
            for (int d = 1; d <= 9; ++d) {
                if (pressed(keys::kDigit0 + d)) setTrueClass(state, d - 1);
            }
        }
        if (pressed(keys::kF1)) state.presenter.showHelp = !state.presenter.showHelp;
        if (pressed(keys::kF12)) state.requests.screenshot = true;
        if (pressed(keys::kEscape)) state.presenter.showHelp = false;
    }
}

void drawHelp(AppState& state) {
    if (!state.presenter.showHelp) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                             viewport->WorkPos.y + viewport->WorkSize.y * 0.5f},
                            ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.95f);
    if (ImGui::Begin("Keyboard shortcuts", &state.presenter.showHelp,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoCollapse)) {
        const char* rows[][2] = {
            {"Drag a logit bar", "change that logit (Shift: 10× finer)"},
            {"Double-click a bar", "type an exact value"},
            {"Click a class name", "make it the true class"},
            {"1 – 9", "true class 1 – 9 (Logit Lab, Geometry)"},
            {"R", "randomize the logits (seeded)"},
            {"0", "all logits 0"},
            {"Ctrl+Z / Ctrl+Shift+Z", "undo / redo"},
            {"Ctrl+O / Ctrl+S / Ctrl+Shift+S", "open / save / save scene as"},
            {"Ctrl+= / Ctrl+-", "larger / smaller UI (75–250 %)"},
            {"Training: Space / S / Shift+R", "play or pause / one step / reset training"},
            {"Training: 1 – 9, click", "class of new points; add a point (drag: move it)"},
            {"Training: right-click / Shift+drag", "erase a point / erase a box"},
            {"Training: wheel / right-drag", "zoom / pan the data view"},
            {"Training: Ctrl+Z / Ctrl+Shift+Z", "undo / redo point edits"},
            {"Regression: click / drag / right-click",
             "add a point (drag: move it) / move a point / erase it"},
            {"Regression: Space / S / Shift+R", "play or pause / one step / reset descent"},
            {"Regression: Ctrl+Z / Ctrl+Shift+Z", "undo / redo point edits"},
            {"Ctrl+1 – Ctrl+4", "Logit Lab / Geometry / Training / Regression"},
            {"Drag the gap between panels", "resize them (View ▸ Reset layout undoes it)"},
            {"Double-click a title, or F",
             "fill the workspace with that panel; again or Esc: back"},
            {"PageDown / → , PageUp / ←",
             "next / previous lesson step, or preset (a clicker sends these);\n"
             "over the loss surface: one descent step"},
            {"Home / End", "first / last step of the open lesson"},
            {"F11 / B / H", "full screen / blank the screen / hide the controls"},
            {"F12", "save a screenshot of the window (PNG)"},
            {"Ctrl+R", "record the panel under the mouse (MP4); again: stop"},
            {"Right-click a title", "export a figure (PNG, SVG, PDF), record, screenshot"},
            {"F1 / Esc", "show / hide this help"},
            {"Ctrl+Q", "quit"},
        };
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
            for (const auto& row : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row[0]);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row[1]);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

void drawToasts(AppState& state) {
    const double now = ImGui::GetTime();
    constexpr double kToastSeconds = 4.0;
    for (Toast& toast : state.toasts) {
        if (toast.expiresAt < 0) toast.expiresAt = now + kToastSeconds;  // new or repeated
    }
    state.toasts.erase(std::remove_if(state.toasts.begin(), state.toasts.end(),
                                      [now](const Toast& t) { return t.expiresAt < now; }),
                       state.toasts.end());
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    float y = viewport->WorkPos.y + viewport->WorkSize.y - 10.0f;
    for (size_t i = state.toasts.size(); i-- > 0;) {
        ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x - 10.0f, y},
                                ImGuiCond_Always, {1.0f, 1.0f});
        ImGui::SetNextWindowBgAlpha(0.92f);
        char id[32];
        std::snprintf(id, sizeof id, "##toast%zu", i);
        ImGui::Begin(id, nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
        if (state.toasts[i].error) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.3f, 1.0f), "%s", state.toasts[i].text.c_str());
        } else {
            ImGui::TextUnformatted(state.toasts[i].text.c_str());
        }
        y -= ImGui::GetWindowHeight() + 6.0f;
        ImGui::End();
    }
}

// Export mode: one panel fills the window, without menus or overlays.
void drawSolo(AppState& state, PanelGpu& gpu) {
    const PanelInfo* info = findPanel(state.mode.soloPanel);
    if (!info) return;
    state.updateDerived();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags kSoloFlags =
        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground;
    if (ImGui::Begin(info->title, nullptr, kSoloFlags)) info->draw(state, gpu);
    ImGui::End();
}

void runUpdateSteps(AppState& state) {
    state.clockSeconds = ImGui::GetTime();
    const std::vector<std::string> visible = visiblePanels(state);
    state.updateDerived();
    for (UpdateStage stage : {UpdateStage::Advance, UpdateStage::Derive, UpdateStage::Read}) {
        for (const PanelInfo& panel : allPanels()) {
            if (!panel.update || panel.stage != stage) continue;
            const bool shown =
                std::find(visible.begin(), visible.end(), panel.name) != visible.end();
            panel.update(state, shown);
            state.updateDerived();  // an update may move the logits (a descent step)
        }
    }
    updateFigureDialog(state);
}

}  // namespace

void drawMainFrame(AppState& state, PanelGpu& gpu) {
    const bool solo = !state.mode.soloPanel.empty();
    if (!solo) {
        const bool wasBlank = state.presenter.blank;
        handlePresenterKeys(state);
        // The key that ends a blank screen does nothing else.
        if (!wasBlank) handleShortcuts(state);
        pollPanelExports(state);
    }
    runUpdateSteps(state);
    if (solo) {
        drawSolo(state, gpu);
        state.endFrame(ImGui::IsAnyItemActive());
        return;
    }
    drawMenuBar(state);
    drawWorkspace(state, gpu);
    drawHelp(state);
    drawSceneNote(state);
    drawFileDialogAndApply(state);
    drawFigureDialog(state, gpu);
    drawRestoreOffer(state);
    drawToasts(state);
    drawPresenterOverlays(state);
    state.endFrame(ImGui::IsAnyItemActive());
}

}  // namespace losslab
