// Applying a lesson's steps to a LessonState, and `lesson check` (docs/lessons.md).
#include <filesystem>

#include "losslab/lesson.hpp"

#include "lesson_keys.hpp"

namespace losslab {

namespace {

std::string where(const Lesson& lesson, int line) {
    return lesson.path + ":" + std::to_string(line) + ": ";
}

}  // namespace

LessonContext lessonContextFor(const std::string& lessonPath, const std::string& presetDir) {
    LessonContext context;
    context.lessonDir = std::filesystem::path(lessonPath).parent_path().string();
    if (context.lessonDir.empty()) context.lessonDir = ".";
    context.presetDir = presetDir;
    return context;
}

std::optional<std::string> applyLessonSetting(const LessonSetting& setting,
                                              const LessonContext& context, LessonState* state) {
    const lesson_detail::KeySpec* spec = lesson_detail::findKey(setting.key);
    if (!spec || spec->role != lesson_detail::KeyRole::State) {
        return "unknown key '" + setting.key + "'";
    }
    if (auto e = spec->apply(setting.value, &context, state)) return setting.key + ": " + *e;
    return std::nullopt;
}

std::optional<std::string> applyLessonStep(const LessonStep& step, const LessonContext& context,
                                           LessonState* state, int* errorLine) {
    LessonState next = *state;
    next.trainSteps = 0;
    next.regressionSteps = 0;
    for (const LessonSetting& setting : step.settings) {
        if (auto e = applyLessonSetting(setting, context, &next)) {
            if (errorLine) *errorLine = setting.line;
            return e;
        }
    }
    if (auto e = lesson_detail::updateTraining(&next)) {
        if (errorLine) *errorLine = step.line;
        return e;
    }
    if (auto e = lesson_detail::updateRegression(&next)) {
        if (errorLine) *errorLine = step.line;
        return e;
    }
    lesson_detail::updateBackprop(&next);
    *state = std::move(next);
    return std::nullopt;
}

std::optional<std::string> checkLesson(const Lesson& lesson, const LessonContext& context,
                                       LessonReport* report) {
    LessonReport result;
    result.file = lesson.path;
    result.title = lesson.title;
    result.ok = true;
    auto evaluate = [&](const LessonExpression& e, const char* what, const LessonState& state,
                        bool* holds) -> std::optional<std::string> {
        double value = 0.0;
        if (auto error = evaluateLessonExpression(e.text, state, &value)) {
            return where(lesson, e.line) + what + " '" + e.text + "': " + *error;
        }
        *holds = value != 0.0;
        return std::nullopt;
    };
    LessonState state;
    for (const LessonStep& step : lesson.steps) {
        // Each step opens on the state the previous one opened with (its solution not applied).
        int line = step.line;
        if (auto e = applyLessonStep(step, context, &state, &line)) {
            return where(lesson, line) + *e;
        }
        LessonStepReport stepReport;
        stepReport.title = step.title;
        stepReport.ok = true;
        for (const LessonExpression& expect : step.expects) {
            bool holds = false;
            if (auto e = evaluate(expect, "expect", state, &holds)) return e;
            stepReport.expects.push_back({expect.text, holds});
            stepReport.ok = stepReport.ok && holds;
        }
        if (step.task) {
            LessonTaskResult task;
            task.expr = step.task->text;
            if (auto e = evaluate(*step.task, "task", state, &task.atStart)) return e;
            LessonState solved = state;
            LessonStep solution;
            solution.line = step.task->line;
            solution.settings = step.solution;
            if (auto e = applyLessonStep(solution, context, &solved, &line)) {
                return where(lesson, line) + "solution: " + *e;
            }
            if (auto e = evaluate(*step.task, "task", solved, &task.withSolution)) return e;
            stepReport.ok = stepReport.ok && !task.atStart && task.withSolution;
            stepReport.task = task;
        }
        result.ok = result.ok && stepReport.ok;
        result.steps.push_back(std::move(stepReport));
    }
    *report = std::move(result);
    return std::nullopt;
}

}  // namespace losslab
