#include "io/lesson_io.hpp"

#include <algorithm>
#include <filesystem>

#include "io/data_paths.hpp"
#include "io/scene_io.hpp"
#include "losslab/trainer.hpp"
#include "state/layout_edit.hpp"
#include "state/regression_edit.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

namespace fs = std::filesystem;

// The state step `last` opens with, rebuilt from the default scene through every step before
// it: what `losslab lesson check` sees, and what Back or a jump shows.
std::optional<std::string> replaySteps(const Lesson& lesson, const LessonContext& context, int last,
                                       LessonState* out) {
    LessonState replayed;
    for (int i = 0; i <= last; ++i) {
        int line = lesson.steps[static_cast<std::size_t>(i)].line;
        replayed.trainSteps = 0;  // a step trains only the updates it asks for itself
        if (auto error = applyLessonStep(lesson.steps[static_cast<std::size_t>(i)], context,
                                         &replayed, &line)) {
            return lesson.path + ":" + std::to_string(line) + ": " + *error;
        }
    }
    *out = std::move(replayed);
    return std::nullopt;
}

// Puts a lesson's state on screen: the scene (the presenter's theme and scale stay), the focus
// and the batch. applyScene checks before it changes anything, so an error changes nothing.
std::optional<std::string> showLessonState(const LessonState& lessonState, AppState& state) {
    if (auto error = applyScene(lessonState.scene, state, ScenePresentation::Keep)) return error;
    state.presenter.focus = lessonState.focus;
    if (!lessonState.batch.empty() && lessonState.batch != state.lesson.batch) {
        // The lesson's rows go into the batch table, where the class sees them.
        BatchPanelState& table = state.panels.batch;
        table.rows.clear();
        for (std::size_t r = 0; r < lessonState.batch.size(); ++r) {
            table.rows.push_back({"row " + std::to_string(r), lessonState.batch[r].logits,
                                  lessonState.batch[r].label});
        }
        table.selected = -1;
        ++table.revision;
    }
    state.lesson.batch = lessonState.batch;
    if (lessonState.regressionDescent && lessonState.regressionSteps > 0) {
        // The descent path the step asks for, from w = b = 0 on the scene's points.
        ensureRegressionReady(state);
        resetRegressionRun(state.regression);
        stepRegressionRun(state.regression, lessonState.regressionSteps);
    }
    if (lessonState.backpropX) {
        BackpropPanelState& backprop = state.panels.backprop;
        backprop.preset = BackpropPreset::ClassifierSample;
        backprop.pinned = true;
        backprop.pinnedX[0] = (*lessonState.backpropX)[0];
        backprop.pinnedX[1] = (*lessonState.backpropX)[1];
        backprop.pinnedLabel = lessonState.scene.logits.trueClass;
        backprop.revealed = 0;  // the teacher reveals the backward pass step by step
    }
    state.scenePath.clear();  // the lesson's state is not a file of the user's to save over
    state.showSceneNote = false;
    return std::nullopt;
}

void stepShown(AppState& state, int step) {
    LessonSession& session = state.lesson;
    session.step = step;
    session.hintShown = false;
    session.taskKey = ~std::uint64_t{0};
    state.view.lessonProgress[session.lesson->path] = step;
}

}  // namespace

std::string lessonFolder() {
    return dataPath("lessons");
}

std::vector<BuiltInLesson> listLessons() {
    std::vector<BuiltInLesson> lessons;
    std::error_code ec;
    for (fs::directory_iterator it(lessonFolder(), ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".md") continue;
        Lesson lesson;
        BuiltInLesson entry{it->path().stem().string(), it->path().string(), 0};
        if (!loadLessonFile(entry.path, &lesson)) {  // a broken one is listed; opening says why
            entry.title = lesson.title;
            entry.steps = static_cast<int>(lesson.steps.size());
        }
        lessons.push_back(std::move(entry));
    }
    std::sort(lessons.begin(), lessons.end(),
              [](const BuiltInLesson& a, const BuiltInLesson& b) { return a.path < b.path; });
    return lessons;
}

std::optional<std::string> openLesson(AppState& state, const std::string& path, int step) {
    std::error_code ec;
    const std::string absolute = fs::weakly_canonical(fs::absolute(path, ec), ec).string();
    Lesson lesson;
    if (auto error = loadLessonFile(absolute.empty() ? path : absolute, &lesson)) return error;
    const LessonContext context = lessonContextFor(lesson.path, presetFolder());
    // The whole lesson first: a key that cannot apply or a name that does not exist in any
    // step is an error now, not when the class reaches that step.
    LessonReport report;
    if (auto error = checkLesson(lesson, context, &report)) return error;
    const int count = static_cast<int>(lesson.steps.size());
    if (step < 0) {
        const auto saved = state.view.lessonProgress.find(lesson.path);
        step = saved == state.view.lessonProgress.end() ? 0 : saved->second;
    }
    step = std::clamp(step, 0, count - 1);
    LessonState lessonState;
    if (auto error = replaySteps(lesson, context, step, &lessonState)) return error;
    if (auto error = showLessonState(lessonState, state)) return lesson.path + ": " + *error;
    state.lesson = LessonSession{};
    state.lesson.lesson = std::move(lesson);
    state.lesson.context = context;
    state.lesson.batch = lessonState.batch;
    stepShown(state, step);
    return std::nullopt;
}

void closeLesson(AppState& state) {
    state.lesson = LessonSession{};
}

std::optional<std::string> goToLessonStep(AppState& state, int step) {
    LessonSession& session = state.lesson;
    if (!session.lesson) return std::string("no lesson is open");
    const Lesson& lesson = *session.lesson;
    if (step < 0 || step >= static_cast<int>(lesson.steps.size())) {
        return "the lesson has no step " + std::to_string(step + 1);
    }
    LessonState lessonState;
    if (step == session.step + 1) {
        // Next: the step's keys act on the state as the student left it.
        lessonState = lessonStateForExpressions(state, false);
        lessonState.scene = sceneFromState(state);
        int line = lesson.steps[static_cast<std::size_t>(step)].line;
        if (auto error = applyLessonStep(lesson.steps[static_cast<std::size_t>(step)],
                                         session.context, &lessonState, &line)) {
            return lesson.path + ":" + std::to_string(line) + ": " + *error;
        }
    } else if (auto error = replaySteps(lesson, session.context, step, &lessonState)) {
        return error;
    }
    if (auto error = showLessonState(lessonState, state)) return error;
    stepShown(state, step);
    return std::nullopt;
}

std::optional<std::string> showLessonSolution(AppState& state) {
    LessonSession& session = state.lesson;
    if (!session.lesson) return std::string("no lesson is open");
    const LessonStep& step = session.lesson->steps[static_cast<std::size_t>(session.step)];
    if (step.solution.empty()) return std::string("this step has no solution to show");
    LessonState lessonState = lessonStateForExpressions(state, false);
    lessonState.scene = sceneFromState(state);
    LessonStep solution;
    solution.line = step.line;
    solution.settings = step.solution;
    int line = step.line;
    if (auto error = applyLessonStep(solution, session.context, &lessonState, &line)) {
        return session.lesson->path + ":" + std::to_string(line) + ": " + *error;
    }
    if (auto error = showLessonState(lessonState, state)) return error;
    session.taskKey = ~std::uint64_t{0};
    return std::nullopt;
}

bool stepLesson(AppState& state, int direction) {
    LessonSession& session = state.lesson;
    if (!session.lesson) return false;
    const int last = static_cast<int>(session.lesson->steps.size()) - 1;
    int target = session.step + direction;
    if (direction == kLessonFirstStep) target = 0;
    if (direction == kLessonLastStep) target = last;
    if (target < 0 || target > last || target == session.step) return false;
    if (auto error = goToLessonStep(state, target)) {
        state.showToast(*error, true);
        return false;
    }
    return true;
}

LessonState lessonStateForExpressions(AppState& state, bool measureTraining) {
    LessonState lessonState;
    const ModelState& m = state.model;
    SceneLogits& logits = lessonState.scene.logits;
    logits.classNames = m.classNames;
    logits.logits = m.logits;
    logits.trueClass = m.trueClass;
    logits.useSoftTarget = m.useSoftTarget;
    logits.softTarget = m.softTarget;
    logits.options = m.options;
    logits.selectedLoss = m.selectedLoss;
    lessonState.scene.view.workspace = workspaceKey(state.view.workspace);
    lessonState.focus = state.presenter.focus;
    lessonState.batch = state.lesson.batch;
    TrainingState& ts = state.training;
    // Numbers checked at once: the worker (if any) finishes what it was given first.
    if (measureTraining) settleTraining(ts);
    const std::optional<Measurement> measured =
        measureTraining && ts.trainable ? measureModel(ts) : std::optional<Measurement>();
    if (measured) {
        const Measurement& now = *measured;
        LessonTrainingResult& result = lessonState.training;
        result.step = totalSteps(ts);
        result.loss = now.loss;
        result.accuracy = now.accuracy;
        result.wNorm = now.weightNorm;
        if (now.hasTest) result.testAccuracy = now.testAccuracy;
    } else if (measureTraining) {
        lessonState.trainingError = "the classifier has not been trained yet";
    }
    // reg.*: the exact fit the Regression workspace shows.
    ensureRegressionReady(state);
    if (const ExactFit* fit = chosenRegressionFit(state.regression)) {
        lessonState.regression.fit = *fit;
    } else {
        lessonState.regression.error = "regression: " + state.regression.fits.error;
    }
    // bp.*: the graph the Backprop panel shows (brought up to date while the panel is shown).
    const BackpropPanelState& backprop = state.panels.backprop;
    if (backprop.preset == BackpropPreset::ClassifierSample && backprop.message.empty() &&
        !backprop.graph.empty()) {
        lessonState.backprop.graph = backprop.result;
    } else {
        lessonState.backprop.error = "the Backprop panel shows no classifier sample";
    }
    return lessonState;
}

}  // namespace losslab
