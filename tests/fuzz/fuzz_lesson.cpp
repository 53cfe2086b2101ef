// Fuzz target: lesson files. Any input must give a parsed lesson or a "FILE:LINE: what" message,
// never a crash; a parsed lesson's steps are applied (train.* keys left out, so that a mutated
// `train.n` or `train.steps` cannot make one input run for minutes) and its expressions, and a
// few fixed ones, are evaluated: each gives a finite value or a message.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "losslab/lesson.hpp"

namespace {

void evaluate(const std::string& expression, const losslab::LessonState& state) {
    double value = 0.0;
    if (!losslab::evaluateLessonExpression(expression, state, &value) && !std::isfinite(value))
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    losslab::Lesson lesson;
    if (auto error = losslab::parseLesson(text, "fuzz.md", &lesson)) {
        if (error->rfind("fuzz.md:", 0) != 0) std::abort();
        return 0;
    }
    if (lesson.title.empty() || lesson.steps.empty()) std::abort();
    losslab::LessonState state;
    const losslab::LessonContext context;
    for (const losslab::LessonStep& step : lesson.steps) {
        losslab::LessonStep cheap = step;
        cheap.settings.clear();
        for (const losslab::LessonSetting& setting : step.settings) {
            if (setting.key.rfind("train.", 0) != 0) cheap.settings.push_back(setting);
        }
        losslab::applyLessonStep(cheap, context, &state);
        for (const losslab::LessonExpression& expect : step.expects)
            evaluate(expect.text, state);
        if (step.task) evaluate(step.task->text, state);
        for (const char* fixed : {"K + lse + entropy", "loss.kl - grad.focal.0", "batch.n",
                                  "batch.mean.brier", "!(p0 < q0) || s1 == 2"})
            evaluate(fixed, state);
    }
    return 0;
}
