// The lesson bar: the open lesson's step (its prose, "step 3 / 12"), the step's task with a
// live ✓, Hint, Show me, and Back / Next. Placed by the layout beside whatever the step shows.
#include <imgui.h>

#include <cmath>
#include <string>

#include "io/lesson_io.hpp"
#include "panels/panels.hpp"
#include "panels/prose_view.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/cache_key.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

const LessonStep* currentStep(const AppState& state) {
    const LessonSession& session = state.lesson;
    if (!session.lesson || session.step < 0 ||
        session.step >= static_cast<int>(session.lesson->steps.size())) {
        return nullptr;
    }
    return &session.lesson->steps[static_cast<std::size_t>(session.step)];
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

void drawTask(AppState& state, const LessonStep& step) {
    LessonSession& session = state.lesson;
    const ImU32 done = IM_COL32(0, 158, 115, 255);  // Okabe–Ito bluish green
    ImGui::Separator();
    if (session.taskDone) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(done), "✓ Task done");
    } else {
        ImGui::TextUnformatted("☐ Task");
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", step.task->text.c_str());
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("The task is done when this holds; the ✓ appears the moment it does.");
    }
    if (!session.taskError.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.3f, 1.0f), "%s", session.taskError.c_str());
    }
    if (!controlsShown(state)) {
        if (session.hintShown) ImGui::TextWrapped("%s", step.hint.c_str());
        return;
    }
    if (!step.hint.empty()) {
        if (ImGui::SmallButton(session.hintShown ? "Hide hint" : "Hint")) {
            session.hintShown = !session.hintShown;
        }
        ImGui::SameLine();
    }
    ImGui::BeginDisabled(step.solution.empty());
    if (ImGui::SmallButton("Show me")) {
        if (auto error = showLessonSolution(state)) state.showToast(*error, true);
    }
    ImGui::EndDisabled();
    tooltip("Apply the step's solution (Ctrl+Z is not needed: Back rebuilds the step)");
    if (session.hintShown) ImGui::TextWrapped("%s", step.hint.c_str());
}

void drawNavigation(AppState& state) {
    const LessonSession& session = state.lesson;
    const int count = static_cast<int>(session.lesson->steps.size());
    ImGui::BeginDisabled(session.step == 0);
    if (ImGui::Button("← Back")) stepLesson(state, -1);
    ImGui::EndDisabled();
    tooltip("Previous step, as it opens (PageUp or ←; Home: the first)");
    ImGui::SameLine();
    ImGui::BeginDisabled(session.step + 1 >= count);
    if (ImGui::Button("Next →")) stepLesson(state, +1);
    ImGui::EndDisabled();
    tooltip("Next step (PageDown or →, what a presentation clicker sends; End: the last)");
}

}  // namespace

void updateLessonPanel(AppState& state, bool /*visible*/) {
    LessonSession& session = state.lesson;
    const LessonStep* step = currentStep(state);
    if (!step || !step->task) {
        session.taskDone = false;
        session.taskError.clear();
        return;
    }
    // Evaluated again only when something it may read has changed.
    const TrainingState& ts = state.training;
    const BackpropPanelState& backprop = state.panels.backprop;
    const bool readsTraining = step->task->text.find("train.") != std::string::npos;
    const std::uint64_t key = cacheKey(
        {static_cast<double>(state.modelRevision), static_cast<double>(session.step),
         static_cast<double>(ts.modelRevision), static_cast<double>(ts.dataRevision),
         static_cast<double>(ts.configRevision), static_cast<double>(state.presenter.focus.size()),
         static_cast<double>(state.view.workspace),
         static_cast<double>(state.regression.dataRevision),
         static_cast<double>(state.regression.optionsRevision), backprop.sample.x[0],
         backprop.sample.x[1], static_cast<double>(backprop.sample.target)});
    if (key == session.taskKey) return;
    session.taskKey = key;
    double value = 0.0;
    const LessonState lessonState = lessonStateForExpressions(state, readsTraining);
    if (auto error = evaluateLessonExpression(step->task->text, lessonState, &value)) {
        session.taskDone = false;
        // Before the classifier has trained, a task about training is simply not done yet.
        session.taskError = readsTraining && !lessonState.trainingError.empty() ? "" : *error;
        return;
    }
    session.taskError.clear();
    session.taskDone = value != 0.0;
}

void drawLessonPanel(AppState& state, PanelGpu& /*gpu*/) {
    const LessonSession& session = state.lesson;
    const LessonStep* step = currentStep(state);
    if (!step) {
        ImGui::TextWrapped(
            "No lesson is open. Lessons ▸ pick one, or File ▸ Open lesson… for a lesson file.");
        return;
    }
    const Lesson& lesson = *session.lesson;
    ImGui::Text("Step %d / %d", session.step + 1, static_cast<int>(lesson.steps.size()));
    if (controlsShown(state)) {  // hidden by the presenter: the keys still step
        ImGui::SameLine();
        drawNavigation(state);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", lesson.title.c_str());
    ImGui::PopStyleColor();
    ImGui::Separator();
    const float reserve = step->task ? ImGui::GetFrameHeightWithSpacing() * 3.5f : 0.0f;
    ImGui::BeginChild("lesson-prose", ImVec2(0, -reserve), false);
    std::vector<ProseBlock> title{ProseBlock{ProseBlock::Kind::Heading, 2, 0, {{step->title}}}};
    drawProse(title);
    if (session.step == 0) drawProse(lesson.intro);
    drawProse(step->prose);
    ImGui::EndChild();
    if (step->task) drawTask(state, *step);
}

}  // namespace losslab
