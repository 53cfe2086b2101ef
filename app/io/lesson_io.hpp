#pragma once
// Lessons in the app (docs/lessons.md): opening one, going to a step, "Show me", and the state a
// step's task is evaluated in. A lesson is checked whole before it opens (every step applied,
// every expression evaluated, as `losslab lesson check` does), so a broken file never opens
// half-applied: the error names the file and line, and the state stays as it was.
#include <optional>
#include <string>
#include <vector>

#include "losslab/lesson.hpp"
#include "state/app_state.hpp"

namespace losslab {

// The built-in lessons (assets/lessons/*.md, by file name); BuiltInLesson is in app_state.hpp.
std::string lessonFolder();
std::vector<BuiltInLesson> listLessons();

// Opens a lesson at `step` (from 0; −1: where the student left it, else the first step).
std::optional<std::string> openLesson(AppState& state, const std::string& path, int step = -1);
void closeLesson(AppState& state);
// Shows another step. The next one applies its keys to the state as it is (with the student's
// own changes); any other is rebuilt from the first step, so that Back and a jump show the step
// as it opens. On an error the state is unchanged.
std::optional<std::string> goToLessonStep(AppState& state, int step);
// "Show me": the step's solution keys, applied to the state as it is.
std::optional<std::string> showLessonSolution(AppState& state);
// Next (+1) or previous (−1) step, or the first / last (Home / End). False at either end
// (an error is a toast).
inline constexpr int kLessonFirstStep = -1000;
inline constexpr int kLessonLastStep = 1000;
bool stepLesson(AppState& state, int direction);

// The state the expressions of the open lesson read: the model, the lesson's batch, and the
// trained classifier measured now (`measureTraining`: run a measurement; it costs a pass over
// the training data).
LessonState lessonStateForExpressions(AppState& state, bool measureTraining);

}  // namespace losslab
