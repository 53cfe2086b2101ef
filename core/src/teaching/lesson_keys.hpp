#pragma once
// The keys of a lesson's `losslab` block (docs/lessons.md): ONE table that the parser (syntax), the
// step runner (applying) and the help text (lessonKeys) all read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/lesson.hpp"

namespace losslab::lesson_detail {

enum class KeyRole {
    State,   // acts on the LessonState (and may be a solution.KEY)
    Task,    // `task`: an expression
    Hint,    // `hint`: text
    Expect,  // `expect`: an expression, may repeat
};

// Checks the value's syntax when `state` is null (context may then be null too); otherwise
// applies it. Either way the message says why (without the key). On error the state is
// unchanged.
using ApplyFunction = std::optional<std::string> (*)(std::string_view value,
                                                     const LessonContext* context,
                                                     LessonState* state);

struct KeySpec {
    const char* key;
    const char* value;  // what the value is, for people
    KeyRole role;
    ApplyFunction apply;  // State keys only
};

const std::vector<KeySpec>& keyTable();
const KeySpec* findKey(std::string_view key);

inline constexpr const char* kSolutionPrefix = "solution.";

// Brings `training` and `trainingError` up to date with the scene's model and data, first
// training `trainSteps` updates (written back into scene.training). Returns an error only when
// training steps were asked for and cannot be taken.
std::optional<std::string> updateTraining(LessonState* state);
// Brings `regression` up to date with the scene's regression section, first checking that
// `regressionSteps` can be taken (they are taken by the app, which shows the descent).
std::optional<std::string> updateRegression(LessonState* state);
// Brings `backprop` up to date with the pinned x and the training model (never an error).
void updateBackprop(LessonState* state);

}  // namespace losslab::lesson_detail
