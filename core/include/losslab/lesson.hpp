#pragma once
// Lessons (docs/lessons.md): a Markdown file whose `## ` steps each carry prose, settings in a
// fenced `losslab` block, a task, a hint, a solution and expectations. This header holds the whole
// engine without any UI: parsing (cmark), the keys that act on a LessonState, the expressions
// (muParser) and `lesson check`.
//
// Decisions where docs/lessons.md is silent (docs for lesson writers):
// - The title is the first `# ` heading before the first `## ` step; a lesson without one, or
//   without any step, is an error. Prose between the title and the first step is `intro`.
// - A `losslab` block (the first word of a fenced block's info string is `losslab`) before the
//   first step is an error. A step may hold several blocks: their lines are read in order.
//   Other fenced blocks stay in the prose as CodeBlock.
// - In a `losslab` block, `#` starts a comment wherever it appears (so a hint cannot contain
//   `#`); blank lines are skipped; every other line is `key = value` (split at the first `=`).
//   `hint` may repeat: its lines are joined with a newline. `task` may appear once a step;
//   `solution.*` keys need a task in the same step.
// - `logits` sets K (2..20, as scene files): when K changes, the first names are kept and new
//   classes are named "class k" (the next free number), as the app's class-count edit does.
//   `classes` sets K and the names (unique, non-empty); logits of new classes are 0. The true
//   class is clamped into the new range, the soft target is resized and renormalized.
// - `target` is a class index if it is a whole number, else a class name; it switches the
//   target back to one-hot. `target_dist` must have K entries (K at the time it applies),
//   non-negative, summing to 1 within 1e-6 (as `losslab eval --target-dist` and scene files).
// - `batch` rows each have their own K (2..20); a row's label is an index below that K or one
//   of the current class names (whose index must be below that K). Rows are evaluated like
//   `losslab eval` with the scene's T, ε, Δ, γ and log base. At most kMaxLessonBatchRows rows.
// - `train.*` keys act on the scene's training setup. Keys that change what the weights mean
//   (dataset, n, classes, noise, seed, data, features, init) drop the trained model (a cold
//   restart, as in the app); the others keep it and training continues from it (warm).
//   `train.optimizer = adam` sets the momentum to 0 (adam has none). `train.data` loads a points
//   CSV relative to the lesson's folder; the generator keys switch back to generated points.
//   `train.steps` is at most kMaxLessonTrainSteps. The train/test split is the app's (the
//   dataset_edit.hpp mask with seed 1).
// - `scene` replaces the whole scene (focus and batch stay); `workspace` is one of the scene
//   workspaces; `focus` is one or two distinct panel names.
// - `reg.*` keys act on the scene's regression section (created with the workspace's defaults
//   on first use). `reg.points` and `reg.data` replace the points; the generator keys (dataset,
//   n, noise, outliers, seed) switch back to generated points. `reg.steps = N` takes N
//   gradient-descent updates from w = b = 0 when the step opens, and only with
//   `reg.solver = gd` (set in this step or an earlier one); at most kMaxLessonTrainSteps.
//   `reg.w`, `reg.b` and `reg.objective` are always the exact fit's (docs/lessons.md), measured
//   after every step.
// - `bp.*` keys set the backpropagation view's sample. Its classifier is the training model:
//   `bp.features` sets the training features (linear, poly2 or poly3; a cold restart, as
//   `train.features`), `bp.W` the weights (K rows, K the training data's class count, of D
//   numbers, D that of the features; the bias is kept if it has K entries, else zeros) and
//   `bp.b` the bias (after bp.W, or a trained model). `bp.x` pins the sample's x; its class is
//   the scene's true class (`target`), its loss and options those of training (`train.loss`,
//   `train.temperature`, …), as the Backprop panel takes them. The names `bp.*` need a pinned
//   x and a model.
// - Expressions: `log` is natural; `!x` is 1 when x == 0; comparisons, `&&`, `||` give 1 or 0;
//   the only functions are abs, min, max (any number of arguments), log, exp and sqrt; muParser's
//   `c ? a : b` also works. A name without a value here (train.test_accuracy without a test set,
//   batch.* without a batch) is an error naming the reason; `entropy` is in the scene's log base.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "losslab/backprop.hpp"
#include "losslab/batch.hpp"
#include "losslab/regression.hpp"
#include "losslab/scene.hpp"
#include "losslab/types.hpp"

namespace losslab {

inline constexpr std::uintmax_t kMaxLessonBytes = 4u * 1024u * 1024u;
inline constexpr int kMaxLessonBatchRows = 100;
inline constexpr long long kMaxLessonTrainSteps = 100000;

struct LessonSetting {
    std::string key;
    std::string value;
    int line = 0;  // line in the file, from 1
};
struct LessonExpression {
    std::string text;
    int line = 0;
};

// The step's prose, for the app to draw: blocks of styled spans (no Markdown left in them).
struct ProseSpan {
    std::string text;
    bool bold = false, italic = false, code = false;
    bool operator==(const ProseSpan& o) const {
        return text == o.text && bold == o.bold && italic == o.italic && code == o.code;
    }
};
struct ProseBlock {
    enum class Kind { Paragraph, Heading, BulletItem, NumberedItem, CodeBlock, Quote };
    Kind kind = Kind::Paragraph;
    int level = 0;   // heading level; list depth from 0
    int number = 0;  // NumberedItem
    std::vector<ProseSpan> spans;
};

struct LessonStep {
    std::string title;
    int line = 0;
    std::vector<ProseBlock> prose;        // the text between this `## ` and the next, without
                                          // losslab blocks
    std::vector<LessonSetting> settings;  // state keys, in file order
    std::optional<LessonExpression> task;
    std::string hint;
    std::vector<LessonSetting> solution;  // solution.KEY with the prefix removed, in order
    std::vector<LessonExpression> expects;
};

struct Lesson {
    std::string title;
    std::string path;
    std::vector<ProseBlock> intro;  // prose between the title and the first step
    std::vector<LessonStep> steps;
};

// Parses and checks the syntax of every key and value (known key, numbers that parse, class
// lists, loss keys, expression syntax, ...). Errors are one line "FILE:LINE: what" (FILE as
// given). Expression names are checked by checkLesson (they depend on K at that step). On error
// `out` is untouched.
std::optional<std::string> parseLesson(std::string_view markdown, const std::string& file,
                                       Lesson* out);
// Reads at most kMaxLessonBytes from a regular file and parses it; errors start with the path.
std::optional<std::string> loadLessonFile(const std::string& path, Lesson* out);

// The keys of a `losslab` block and what their values are (one table in core, for help texts).
struct LessonKeyInfo {
    std::string key;
    std::string value;
};
std::vector<LessonKeyInfo> lessonKeys();

// The state a lesson's keys act on and its expressions read.
struct LessonTrainingResult {
    long long step = 0;  // updates that produced scene.training.model
    double loss = std::numeric_limits<double>::quiet_NaN();
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();  // NaN: no test set
    double wNorm = std::numeric_limits<double>::quiet_NaN();
};
// The regression the names reg.* read: the exact fit of the scene's points with its loss
// options (the workspace's default points when the scene has no regression section).
struct LessonRegressionResult {
    std::optional<ExactFit> fit;
    std::string error;  // why there is no fit (empty: there is one)
};
// The backpropagation view's sample and graph, for the names bp.*.
struct LessonBackpropResult {
    std::optional<Backprop> graph;
    std::string error;  // why there is no graph (empty: there is one)
};
struct LessonState {
    Scene scene;                     // logits, target, options, selected loss, training, view
    std::vector<std::string> focus;  // `focus`
    std::vector<BatchRow> batch;     // `batch`
    long long trainSteps = 0;        // `train.steps` of the step being applied (0: none)
    LessonTrainingResult training;   // the model after those steps, measured (see below)
    std::string trainingError;       // why `training` has no values (empty: it has them)
    bool regressionDescent = false;  // `reg.solver = gd`
    long long regressionSteps = 0;   // `reg.steps` of the step being applied (0: none)
    LessonRegressionResult regression;
    std::optional<Eigen::Vector2d> backpropX;  // `bp.x`: the pinned sample
    LessonBackpropResult backprop;
};

// `scene` resolves relative to lessonDir, else as a file name in presetDir; `train.data`
// relative to lessonDir.
struct LessonContext {
    std::string lessonDir;
    std::string presetDir;
};
// The context of a lesson file: its folder, and the given preset folder.
LessonContext lessonContextFor(const std::string& lessonPath, const std::string& presetDir);

// Applies one key (docs/lessons.md table) to the state; on error the state is unchanged and the
// message names the key and why ("target: class 5 is out of range for K = 3").
std::optional<std::string> applyLessonSetting(const LessonSetting& setting,
                                              const LessonContext& context, LessonState* state);
// Applies the step's settings in order (all or nothing), then trains `trainSteps` updates if
// asked (from scene.training.model if it fits, else a fresh initialisation per the config; the
// trained model and the total step count are written back into scene.training.model/step).
// `training` then holds the measurement of the current model on the training data (also when no
// step was taken; when the data cannot be trained on, its values are NaN and `trainingError`
// says why, which is an error only if the step asked for training steps). On error the state
// is unchanged and, when errorLine is given, it receives the line of the failing key (or of the
// step when training failed). Then `regression` and `backprop` are measured likewise (an error
// only when the step asked for descent steps that cannot be taken).
std::optional<std::string> applyLessonStep(const LessonStep& step, const LessonContext& context,
                                           LessonState* state, int* errorLine = nullptr);

// Every name an expression may use in `state` that has a value, with its value (K, y, T, eps,
// s0.., p0.., q0.., entropy, margin, lse, prediction, loss.KEY, grad.KEY.i, batch.*, train.*,
// reg.*, bp.*).
std::vector<std::pair<std::string, double>> lessonNames(const LessonState& state);
// Evaluates an expression of docs/lessons.md in `state`. Errors: syntax, an unknown name ("unknown
// name 'loss.hinge'"), a name with no value here, a result that is not finite ("divides by zero or
// overflows"). Comparisons and && || ! give 1 or 0.
std::optional<std::string> evaluateLessonExpression(std::string_view expression,
                                                    const LessonState& state, double* value);
// Syntax only (any name is accepted): what parseLesson checks.
std::optional<std::string> checkLessonExpressionSyntax(std::string_view expression);

// lesson check (docs/lessons.md): walks every step from the default scene (LessonState{}), reports.
struct LessonExpectResult {
    std::string expr;
    bool ok = false;
};
struct LessonTaskResult {
    std::string expr;
    bool atStart = false;
    bool withSolution = false;
};
struct LessonStepReport {
    std::string title;
    std::vector<LessonExpectResult> expects;
    std::optional<LessonTaskResult> task;
    bool ok = false;  // every expect holds, and the task (if any) is false, then true
};
struct LessonReport {
    std::string file, title;
    std::vector<LessonStepReport> steps;
    bool ok = false;
};
// Hard errors (a key that cannot apply, an unknown name, an expression that cannot be
// evaluated) are returned as "FILE:LINE: what" and mean exit 2.
std::optional<std::string> checkLesson(const Lesson& lesson, const LessonContext& context,
                                       LessonReport* report);

}  // namespace losslab
