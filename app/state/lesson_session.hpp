#pragma once
// The lesson open in the app: which step is shown, what the student asked to see, and whether
// the step's task holds right now (the lesson panel's update step keeps that live).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losslab/lesson.hpp"

namespace losslab {

struct LessonSession {
    std::optional<Lesson> lesson;  // none: no lesson open
    LessonContext context;
    int step = 0;                 // the step shown, from 0
    std::vector<BatchRow> batch;  // the rows the lesson's `batch` key set
    bool hintShown = false;
    // The task, evaluated against the state whenever what it reads changes.
    std::uint64_t taskKey = ~std::uint64_t{0};
    bool taskDone = false;
    std::string taskError;  // why the task could not be evaluated (an unknown name, 1/0)
};

}  // namespace losslab
