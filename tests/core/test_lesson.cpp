// Lessons (docs/lessons.md): the Markdown reader (title, steps, prose, losslab blocks, line numbers
// in errors), every key, the expressions against core's own numbers, steps applied all or nothing,
// training steps, and the at_start/with_solution logic of `lesson check`.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "losslab/lesson.hpp"
#include "losslab/losses.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {
namespace {

Lesson parseOk(const std::string& markdown) {
    Lesson lesson;
    const auto error = parseLesson(markdown, "lesson.md", &lesson);
    EXPECT_FALSE(error.has_value()) << *error;
    return lesson;
}

std::string parseError(const std::string& markdown) {
    Lesson lesson;
    lesson.title = "untouched";
    const auto error = parseLesson(markdown, "lesson.md", &lesson);
    EXPECT_TRUE(error.has_value()) << markdown;
    EXPECT_EQ(lesson.title, "untouched") << "a failed parse must leave the output alone";
    return error.value_or("");
}

// A lesson of one step whose losslab block holds `lines` (the block's first line is line 5).
std::string oneStep(const std::string& lines) {
    return "# Title\n## Step\n\n```losslab\n" + lines + "```\n";
}

double eval(const std::string& expression, const LessonState& state) {
    double value = std::nan("");
    const auto error = evaluateLessonExpression(expression, state, &value);
    EXPECT_FALSE(error.has_value()) << expression << ": " << *error;
    return value;
}

std::string evalError(const std::string& expression, const LessonState& state) {
    double value = 0.0;
    const auto error = evaluateLessonExpression(expression, state, &value);
    EXPECT_TRUE(error.has_value()) << expression << " gave " << value;
    return error.value_or("");
}

LessonState applied(const std::string& lines, LessonState state = {}) {
    const Lesson lesson = parseOk(oneStep(lines));
    const auto error = applyLessonStep(lesson.steps.at(0), LessonContext{}, &state);
    EXPECT_FALSE(error.has_value()) << *error;
    return state;
}

// ---------------------------------------------------------------- the Markdown

TEST(LessonParse, TitleStepsProseAndLines) {
    const std::string md =
        "# Softmax *basics*\n"                     // 1
        "\n"                                       // 2
        "An introduction.\n"                       // 3
        "\n"                                       // 4
        "## First step\n"                          // 5
        "\n"                                       // 6
        "Some **bold**, *italic* and `code`\n"     // 7
        "with τ and ε.\n"                          // 8
        "\n"                                       // 9
        "- one\n"                                  // 10
        "  - nested **two**\n"                     // 11
        "\n"                                       // 12
        "3. three\n"                               // 13
        "4. four\n"                                // 14
        "\n"                                       // 15
        "### A sub-heading\n"                      // 16
        "\n"                                       // 17
        "> quoted\n"                               // 18
        "\n"                                       // 19
        "```python\n"                              // 20
        "print(1)\n"                               // 21
        "```\n"                                    // 22
        "\n"                                       // 23
        "```losslab\n"                             // 24
        "# a comment line\n"                       // 25
        "logits = 1, 2, 3   # trailing comment\n"  // 26
        "\n"                                       // 27
        "temperature = 2\n"                        // 28
        "```\n"                                    // 29
        "\n"                                       // 30
        "## Second step\n"                         // 31
        "Text.\n";                                 // 32
    const Lesson lesson = parseOk(md);
    EXPECT_EQ(lesson.title, "Softmax basics");
    EXPECT_EQ(lesson.path, "lesson.md");
    ASSERT_EQ(lesson.intro.size(), 1u);
    EXPECT_EQ(lesson.intro[0].spans.at(0).text, "An introduction.");
    ASSERT_EQ(lesson.steps.size(), 2u);
    const LessonStep& s = lesson.steps[0];
    EXPECT_EQ(s.title, "First step");
    EXPECT_EQ(s.line, 5);
    EXPECT_EQ(lesson.steps[1].title, "Second step");
    EXPECT_EQ(lesson.steps[1].line, 31);

    using K = ProseBlock::Kind;
    ASSERT_EQ(s.prose.size(), 8u);
    // Paragraph: styled spans, the soft break a space, no Markdown left.
    EXPECT_EQ(s.prose[0].kind, K::Paragraph);
    const std::vector<ProseSpan> expected = {{"Some ", false, false, false},
                                             {"bold", true, false, false},
                                             {", ", false, false, false},
                                             {"italic", false, true, false},
                                             {" and ", false, false, false},
                                             {"code", false, false, true},
                                             {" with τ and ε.", false, false, false}};
    EXPECT_EQ(s.prose[0].spans, expected);
    EXPECT_EQ(s.prose[1].kind, K::BulletItem);
    EXPECT_EQ(s.prose[1].level, 0);
    EXPECT_EQ(s.prose[1].spans.at(0).text, "one");
    EXPECT_EQ(s.prose[2].kind, K::BulletItem);
    EXPECT_EQ(s.prose[2].level, 1);
    ASSERT_EQ(s.prose[2].spans.size(), 2u);
    EXPECT_TRUE(s.prose[2].spans[1].bold);
    EXPECT_EQ(s.prose[3].kind, K::NumberedItem);
    EXPECT_EQ(s.prose[3].number, 3);
    EXPECT_EQ(s.prose[4].number, 4);
    EXPECT_EQ(s.prose[5].kind, K::Heading);
    EXPECT_EQ(s.prose[5].level, 3);
    EXPECT_EQ(s.prose[6].kind, K::Quote);
    // The python block stays prose; the losslab block does not.
    EXPECT_EQ(s.prose[7].kind, K::CodeBlock);
    EXPECT_EQ(s.prose[7].spans.at(0).text, "print(1)");
    ASSERT_EQ(s.settings.size(), 2u);
    EXPECT_EQ(s.settings[0].key, "logits");
    EXPECT_EQ(s.settings[0].value, "1, 2, 3");
    EXPECT_EQ(s.settings[0].line, 26);
    EXPECT_EQ(s.settings[1].key, "temperature");
    EXPECT_EQ(s.settings[1].line, 28);
    for (const ProseBlock& b : s.prose) {
        for (const ProseSpan& span : b.spans) {
            EXPECT_EQ(span.text.find("losslab"), std::string::npos);
            EXPECT_EQ(span.text.find("**"), std::string::npos);
        }
    }
}

TEST(LessonParse, OtherFencedBlocksAreCodeProse) {
    const Lesson lesson = parseOk(
        "# T\n## S\n```python\nx = 1\ny = 2\n```\n```\nplain\n```\n```losslab extra words\n"
        "logits = 1, 2\n```\n");
    const LessonStep& s = lesson.steps.at(0);
    ASSERT_EQ(s.prose.size(), 2u);
    EXPECT_EQ(s.prose[0].kind, ProseBlock::Kind::CodeBlock);
    ASSERT_EQ(s.prose[0].spans.size(), 1u);
    EXPECT_EQ(s.prose[0].spans[0].text, "x = 1\ny = 2");
    EXPECT_TRUE(s.prose[0].spans[0].code);
    EXPECT_EQ(s.prose[1].kind, ProseBlock::Kind::CodeBlock);
    ASSERT_EQ(s.settings.size(), 1u);  // the info string's first word decides
    EXPECT_EQ(s.settings[0].line, 11);
}

TEST(LessonParse, TwoBlocksInOneStepKeepTheirOrder) {
    const Lesson lesson = parseOk(
        "# T\n## S\n```losslab\nlogits = 1, 2, 3\nexpect = K == 3\n```\nMore prose.\n"
        "```losslab\nlogits = 1, 2\nexpect = K == 2\ntask = s0 > s1\nhint = raise s0\n"
        "hint = more\nsolution.logits = 3, 2\n```\n");
    const LessonStep& s = lesson.steps.at(0);
    ASSERT_EQ(s.settings.size(), 2u);
    EXPECT_EQ(s.settings[0].value, "1, 2, 3");
    EXPECT_EQ(s.settings[1].value, "1, 2");
    EXPECT_EQ(s.settings[1].line, 9);
    ASSERT_EQ(s.expects.size(), 2u);
    EXPECT_EQ(s.expects[1].text, "K == 2");
    EXPECT_EQ(s.expects[1].line, 10);
    ASSERT_TRUE(s.task.has_value());
    EXPECT_EQ(s.task->text, "s0 > s1");
    EXPECT_EQ(s.hint, "raise s0\nmore");
    ASSERT_EQ(s.solution.size(), 1u);
    EXPECT_EQ(s.solution[0].key, "logits");
    EXPECT_EQ(s.solution[0].line, 14);
    ASSERT_EQ(s.prose.size(), 1u);
    // ...and they apply in order: the second logits win.
    LessonState state;
    ASSERT_FALSE(applyLessonStep(s, LessonContext{}, &state));
    EXPECT_EQ(state.scene.logits.logits.size(), 2);
}

// One valid value for every key of the table: a key added without a value here fails.
const std::map<std::string, std::string>& sampleValues() {
    static const std::map<std::string, std::string> values = {
        {"scene", "01-cat-car-frog.json"},
        {"workspace", "geometry"},
        {"focus", "simplex, losses"},
        {"classes", "cat, car, frog"},
        {"logits", "3.2, 5.1, -1.7"},
        {"target", "car"},
        {"target_dist", "0.7, 0.2, 0.1"},
        {"temperature", "0.5"},
        {"smoothing", "0.1"},
        {"margin", "2"},
        {"gamma", "1"},
        {"log_base", "10"},
        {"loss", "hinge_ww"},
        {"batch", "3.2,5.1,-1.7:cat; 1.3,4.9,2.0:1"},
        {"train.data", "points.csv"},
        {"train.dataset", "spiral"},
        {"train.n", "60"},
        {"train.classes", "4"},
        {"train.noise", "0.2"},
        {"train.seed", "7"},
        {"train.features", "poly2"},
        {"train.loss", "focal"},
        {"train.optimizer", "adam"},
        {"train.lr", "0.05"},
        {"train.momentum", "0"},
        {"train.batch", "16"},
        {"train.steps", "5"},
        {"train.l2", "0.001"},
        {"train.l1", "0"},
        {"train.temperature", "2"},
        {"train.smoothing", "0.1"},
        {"train.margin", "0.5"},
        {"train.gamma", "3"},
        {"train.init", "random"},
        {"train.test_fraction", "0.25"},
        {"reg.data", "points.csv"},
        {"reg.points", "0,1; 1,2; 2,2.5"},
        {"reg.dataset", "line"},
        {"reg.n", "25"},
        {"reg.noise", "0.2"},
        {"reg.outliers", "2"},
        {"reg.seed", "4"},
        {"reg.loss", "huber"},
        {"reg.delta", "0.5"},
        {"reg.l2", "0.1"},
        {"reg.solver", "gd"},
        {"reg.optimizer", "adam"},
        {"reg.lr", "0.05"},
        {"reg.momentum", "0"},
        {"reg.steps", "20"},
        {"bp.x", "0.5, -1.2"},
        {"bp.features", "poly2"},
        {"bp.W", "1,0,0,0,0; 0,1,0,0,0; 0,0,1,0,0"},
        {"bp.b", "0.1, 0, -0.2"},
        {"task", "s0 > s1"},
        {"hint", "look at the bars"},
        {"expect", "K >= 2"},
        {"solution.KEY", "solution.logits = 9, 1, 1"},
    };
    return values;
}

TEST(LessonParse, EveryKeyIsAccepted) {
    std::string lines;
    int count = 0;
    for (const LessonKeyInfo& key : lessonKeys()) {
        const auto it = sampleValues().find(key.key);
        ASSERT_NE(it, sampleValues().end()) << "no sample value for key " << key.key;
        lines += key.key == "solution.KEY" ? it->second : key.key + " = " + it->second;
        lines += "\n";
        ++count;
    }
    // Every train option of `losslab train` (without dashes) and test_fraction are keys.
    for (const char* option :
         {"data", "dataset",     "n",         "classes",  "noise", "seed",  "features",
          "loss", "optimizer",   "lr",        "momentum", "batch", "steps", "l2",
          "l1",   "temperature", "smoothing", "margin",   "gamma", "init",  "test_fraction"}) {
        EXPECT_TRUE(sampleValues().count(std::string("train.") + option)) << option;
    }
    // Every option of `losslab regress` (without dashes) and the points are keys.
    for (const char* option :
         {"data", "points", "dataset", "n", "noise", "outliers", "seed", "loss", "delta", "l2",
          "solver", "optimizer", "lr", "momentum", "steps"}) {
        EXPECT_TRUE(sampleValues().count(std::string("reg.") + option)) << option;
    }
    const Lesson lesson = parseOk(oneStep(lines));
    const LessonStep& s = lesson.steps.at(0);
    EXPECT_EQ(static_cast<int>(s.settings.size()), count - 4);  // task hint expect solution
    EXPECT_TRUE(s.task.has_value());
    EXPECT_EQ(s.hint, "look at the bars");
    EXPECT_EQ(s.expects.size(), 1u);
    ASSERT_EQ(s.solution.size(), 1u);
    EXPECT_EQ(s.solution[0].value, "9, 1, 1");
    // Every solution.KEY of a state key parses too.
    for (const LessonSetting& setting : s.settings) {
        const Lesson withSolution = parseOk(
            oneStep("task = K > 0\nsolution." + setting.key + " = " + setting.value + "\n"));
        EXPECT_EQ(withSolution.steps.at(0).solution.at(0).key, setting.key);
    }
}

TEST(LessonParse, ErrorsNameFileLineAndWhat) {
    // The losslab block's first line is line 5.
    EXPECT_EQ(parseError(oneStep("logits = 1, 2\n\nx = 1\n")), "lesson.md:7: unknown key 'x'");
    EXPECT_EQ(parseError(oneStep("temperature = abc\n")),
              "lesson.md:5: temperature: 'abc' is not a number");
    EXPECT_EQ(parseError(oneStep("temperature = -1\n")),
              "lesson.md:5: temperature: must be a finite number > 0");
    EXPECT_EQ(parseError(oneStep("logits = 1, x\n")),
              "lesson.md:5: logits: entry 2: 'x' is not a number");
    EXPECT_EQ(parseError(oneStep("# only a comment\nlogits 1, 2\n")),
              "lesson.md:6: expected 'key = value', got 'logits 1, 2'");
    EXPECT_EQ(parseError(oneStep("loss = hinge\n")),
              "lesson.md:5: loss: 'hinge' is not one of cross_entropy, kl, focal, brier, "
              "hinge_ww, hinge_cs, squared_hinge, ova_logistic");
    EXPECT_EQ(parseError(oneStep("logits = 1\n")),
              "lesson.md:5: logits: needs 2 to 20 numbers, "
              "got 1");
    EXPECT_EQ(parseError(oneStep("classes = a, b, a\n")),
              "lesson.md:5: classes: the name 'a' appears twice");
    EXPECT_EQ(
        parseError(oneStep("target_dist = 0.5, 0.6\n")).rfind("lesson.md:5: target_dist: ", 0), 0u);
    EXPECT_EQ(parseError(oneStep("focus = nothing\n"))
                  .rfind("lesson.md:5: focus: 'nothing' is "
                         "not a panel",
                         0),
              0u);
    EXPECT_EQ(parseError(oneStep("workspace = kitchen\n")),
              "lesson.md:5: workspace: 'kitchen' is not one of logit_lab, geometry, training, "
              "regression");
    EXPECT_EQ(parseError(oneStep("train.steps = 1e3\n")),
              "lesson.md:5: train.steps: '1e3' is not a whole number");
    EXPECT_EQ(parseError(oneStep("batch = 1,2:0; 3\n")),
              "lesson.md:5: batch: row 1: expected 's,s,...:y'");
    EXPECT_EQ(parseError(oneStep("reg.points = 1,2; 3\n")),
              "lesson.md:5: reg.points: row 1 has 1 entries but row 0 has 2");
    EXPECT_EQ(parseError(oneStep("reg.points = 1,2,3; 3,4,5\n")),
              "lesson.md:5: reg.points: each point is x,y (2 numbers), not 3");
    EXPECT_EQ(parseError(oneStep("reg.points = 1,2\n")),
              "lesson.md:5: reg.points: points: 1 is fewer than 2 (a line needs two points)");
    EXPECT_EQ(parseError(oneStep("reg.loss = l3\n")),
              "lesson.md:5: reg.loss: 'l3' is not one of l2, l1, huber, log_cosh");
    EXPECT_EQ(parseError(oneStep("reg.solver = newton\n")),
              "lesson.md:5: reg.solver: 'newton' is not one of exact, gd");
    EXPECT_EQ(parseError(oneStep("reg.optimizer = adamw\n")),
              "lesson.md:5: reg.optimizer: 'adamw' is not one of sgd, adam");
    EXPECT_EQ(parseError(oneStep("bp.x = 1, 2, 3\n")),
              "lesson.md:5: bp.x: needs 2 numbers (x1,x2), got 3");
    EXPECT_EQ(parseError(oneStep("bp.features = rbf\n")),
              "lesson.md:5: bp.features: 'rbf' is not one of linear, poly2, poly3");
    EXPECT_EQ(parseError(oneStep("bp.W = 1,2; x,3\n")),
              "lesson.md:5: bp.W: row 1: entry 1: 'x' is not a number");
    EXPECT_EQ(parseError(oneStep("expect = p0 >\n")).rfind("lesson.md:5: expect: syntax error", 0),
              0u);
    EXPECT_EQ(parseError(oneStep("expect = sin(s0) > 0\n")),
              "lesson.md:5: expect: unknown function 'sin' (the functions are abs, min, max, "
              "log, exp, sqrt)");
    EXPECT_EQ(parseError(oneStep("task = s0 > 1\ntask = s1 > 1\n")),
              "lesson.md:6: a second task in this step (line 5 has one)");
    EXPECT_EQ(parseError(oneStep("logits = 1, 2\nsolution.logits = 3, 1\n")),
              "lesson.md:6: solution.logits: a solution needs a task in the same step");
    EXPECT_EQ(parseError(oneStep("task = s0 > 1\nsolution.expect = K > 1\n")),
              "lesson.md:6: solution.expect: a solution holds settings, not task, hint or expect");
    EXPECT_EQ(parseError(oneStep("task = s0 > 1\nsolution.tmperature = 2\n")),
              "lesson.md:6: unknown key 'solution.tmperature'");
    // A losslab block before the first step, named by its fence's line.
    EXPECT_EQ(parseError("# T\n\nIntro.\n\n```losslab\nlogits = 1, 2\n```\n## S\n"),
              "lesson.md:5: a losslab block before the first step ('## ' heading)");
    EXPECT_EQ(parseError("## S\ntext\n"),
              "lesson.md:1: no title: a lesson starts with a '# ' "
              "heading");
    EXPECT_EQ(parseError("\n\n# T\ntext\n"),
              "lesson.md:3: no steps: each step starts at a '## ' "
              "heading");
}

TEST(LessonParse, CrLfAndByteOrderMark) {
    const Lesson lesson = parseOk(
        "\xEF\xBB\xBF# T\r\n## S\r\n```losslab\r\nlogits = 1, 2\r\n"
        "target = 1\r\n```\r\n");
    ASSERT_EQ(lesson.steps.at(0).settings.size(), 2u);
    EXPECT_EQ(lesson.steps[0].settings[1].value, "1");
    EXPECT_EQ(lesson.steps[0].settings[1].line, 5);
    EXPECT_EQ(lesson.title, "T");
}

// ---------------------------------------------------------------- the expressions

TEST(LessonExpressions, EveryNameMatchesCore) {
    const LessonState state = applied(
        "classes = a, b, c, d\nlogits = 1, 2, 0.5, -1\ntarget = c\ntemperature = 2\n"
        "smoothing = 0.1\nmargin = 0.5\ngamma = 1\nlog_base = 2\n");
    const Vec s = (Vec(4) << 1, 2, 0.5, -1).finished();
    LossOptions o;
    o.temperature = 2;
    o.smoothing = 0.1;
    o.margin = 0.5;
    o.gamma = 1;
    o.logBase = LogBase::Two;
    const int y = 2;
    const Vec q = makeTarget(4, y, 0.1);
    const Vec p = softmax(s, 2);
    EXPECT_EQ(eval("K", state), 4);
    EXPECT_EQ(eval("y", state), 2);
    EXPECT_EQ(eval("T", state), 2);
    EXPECT_EQ(eval("eps", state), 0.1);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(eval("s" + std::to_string(i), state), s[i]);
        EXPECT_EQ(eval("p" + std::to_string(i), state), p[i]);
        EXPECT_EQ(eval("q" + std::to_string(i), state), q[i]);
    }
    EXPECT_EQ(eval("entropy", state), entropy(p, LogBase::Two));
    EXPECT_EQ(eval("margin", state), 0.5 - 2.0);
    double direct = 0.0;
    for (int i = 0; i < 4; ++i)
        direct += std::exp(s[i] / 2);
    EXPECT_NEAR(eval("lse", state), std::log(direct), 1e-12);
    EXPECT_EQ(eval("prediction", state), 1);
    const std::vector<LossValue> losses = evaluateAllLosses(s, y, q, o);
    for (int l = 0; l < kLossCount; ++l) {
        const std::string key(lossKey(kAllLosses[static_cast<std::size_t>(l)]));
        EXPECT_EQ(eval("loss." + key, state), losses[static_cast<std::size_t>(l)].value) << key;
        for (int i = 0; i < 4; ++i) {
            EXPECT_EQ(eval("grad." + key + "." + std::to_string(i), state),
                      losses[static_cast<std::size_t>(l)].grad[i])
                << key << " " << i;
        }
    }
    // A soft target replaces the one-hot one (then smoothed the same way).
    const LessonState soft = applied("target_dist = 0.1, 0.2, 0.3, 0.4\n", state);
    const Vec t = (Vec(4) << 0.1, 0.2, 0.3, 0.4).finished();
    EXPECT_EQ(eval("q3", soft), smoothTarget(t, 0.1)[3]);
    EXPECT_EQ(eval("loss.kl", soft), evaluateAllLosses(s, y, smoothTarget(t, 0.1), o)[1].value);
}

TEST(LessonExpressions, LectureNumbers) {
    const LessonState state;  // the default scene: cat, car, frog
    EXPECT_NEAR(eval("p1", state), 0.87, 0.005);
    EXPECT_EQ(eval("loss.hinge_ww", state),
              evaluateLoss(Loss::HingeWW, state.scene.logits.logits, 0, LossOptions{}).value);
    EXPECT_NEAR(eval("loss.hinge_ww", state), 2.9, 1e-12);
    EXPECT_NEAR(eval("grad.hinge_ww.1", state), 1.0, 0.0);
    EXPECT_NEAR(eval("grad.hinge_ww.0", state), -1.0, 0.0);
    EXPECT_NEAR(eval("lse", applied("logits = 0, 3, 0.2\n")), 3.105, 5e-4);
    EXPECT_NEAR(eval("loss.cross_entropy", applied("logits = 0,0,0,0,0,0,0,0,0,0\n")),
                std::log(10.0), 1e-12);
}

TEST(LessonExpressions, BatchOfTheSvmExample) {
    // docs/math.md: 2.9, 0 and 12.9, with labels given by name and by index.
    const LessonState state =
        applied("batch = 3.2,5.1,-1.7:cat; 1.3,4.9,2.0:car; 2.2,2.5,-3.1:2\ntemperature = 3\n");
    ASSERT_EQ(state.batch.size(), 3u);
    EXPECT_EQ(state.batch[1].label, 1);
    EXPECT_EQ(eval("batch.n", state), 3);
    EXPECT_NEAR(eval("batch.0.hinge_ww", state), 2.9, 1e-12);
    EXPECT_EQ(eval("batch.1.hinge_ww", state), 0);
    EXPECT_NEAR(eval("batch.2.hinge_ww", state), 12.9, 1e-12);
    EXPECT_NEAR(eval("batch.mean.hinge_ww", state), (2.9 + 0 + 12.9) / 3, 1e-12);
    // Every row as `losslab eval` with the scene's options (here T = 3).
    LossOptions o;
    o.temperature = 3;
    const Vec row2 = (Vec(3) << 2.2, 2.5, -3.1).finished();
    EXPECT_EQ(eval("batch.2.cross_entropy", state),
              evaluateLoss(Loss::CrossEntropy, row2, 2, o).value);
    // Rows have their own K.
    const LessonState mixed = applied("batch = 1,2:0; 1,2,3,4:3\n");
    EXPECT_NEAR(eval("batch.1.hinge_ww", mixed), 0, 0);
    EXPECT_NEAR(eval("batch.0.hinge_ww", mixed), 2, 1e-12);
    // Without a batch: n is 0 and the rest has no value.
    EXPECT_EQ(eval("batch.n", LessonState{}), 0);
    EXPECT_EQ(evalError("batch.mean.kl", LessonState{}),
              "unknown name 'batch.mean.kl' here: no batch is set (batch = s,s,s:y; s,s,s:y)");
}

TEST(LessonExpressions, OperatorsAndFunctions) {
    const LessonState state;
    EXPECT_NEAR(eval("log(10)", state), std::log(10.0), 1e-15);  // natural, not base 10
    EXPECT_EQ(eval("log(exp(2))", state), 2);
    EXPECT_EQ(eval("sqrt(16) + abs(-2) + min(3, 1, 2) + max(1, 5)", state), 4 + 2 + 1 + 5);
    EXPECT_EQ(eval("2^3 - 6/3", state), 6);
    EXPECT_EQ(eval("!0", state), 1);
    EXPECT_EQ(eval("!3", state), 0);
    EXPECT_EQ(eval("!(K == 3)", state), 0);
    EXPECT_EQ(eval("!(K == 2) && s1 > s0", state), 1);
    EXPECT_EQ(eval("K == 3 && s0 > s1", state), 0);
    EXPECT_EQ(eval("K == 2 || s1 >= 5.1", state), 1);
    EXPECT_EQ(eval("1 < 2", state), 1);
    EXPECT_EQ(eval("2 <= 1", state), 0);
    EXPECT_EQ(eval("K != 3", state), 0);
    EXPECT_EQ(eval("1.5e-3 * 2e3", state), 3);
}

TEST(LessonExpressions, Errors) {
    const LessonState state;
    EXPECT_EQ(evalError("loss.hinge > 0", state), "unknown name 'loss.hinge'");
    EXPECT_EQ(evalError("1 + pi", state), "unknown name 'pi'");
    EXPECT_EQ(evalError("sin(1)", state), "unknown name 'sin'");
    EXPECT_EQ(evalError("1 / (K - 3)", state),
              "the result is not a finite number (divides by zero or overflows)");
    EXPECT_EQ(evalError("log(0)", state),
              "the result is not a finite number (divides by zero or overflows)");
    EXPECT_EQ(evalError("s3", state), "unknown name 's3' here: K = 3, so indices go from 0 to 2");
    EXPECT_EQ(evalError("grad.kl.3", state),
              "unknown name 'grad.kl.3' here: K = 3, so indices go from 0 to 2");
    EXPECT_EQ(evalError("bp.loss > 0", state),
              "unknown name 'bp.loss' here: no sample is pinned (bp.x = x1,x2)");
    EXPECT_EQ(evalError("s0 = 5", state).rfind("syntax error: ", 0), 0u);
    EXPECT_NE(evalError("s0 = 5", state).find("(compare with ==)"), std::string::npos);
    EXPECT_EQ(evalError("1, 2", state), "gives 2 values (join conditions with && rather than ,)");
    EXPECT_EQ(evalError("(1 + 2", state).rfind("syntax error: ", 0), 0u);
    EXPECT_EQ(evalError("", state).rfind("syntax error: ", 0), 0u);
    // The state's names cannot be changed by an expression.
    EXPECT_EQ(eval("s0", state), 3.2);
}

// ---------------------------------------------------------------- the keys

TEST(LessonKeys, ClassesLogitsAndTargets) {
    LessonState state;
    const LessonContext context;
    auto set = [&](const std::string& key, const std::string& value) {
        return applyLessonSetting(LessonSetting{key, value, 1}, context, &state);
    };
    ASSERT_FALSE(set("target", "car"));
    EXPECT_EQ(state.scene.logits.trueClass, 1);
    ASSERT_FALSE(set("target", "2"));
    EXPECT_EQ(state.scene.logits.trueClass, 2);
    // More logits: the names are kept, new classes are "class k"; fewer: the true class clamps.
    ASSERT_FALSE(set("logits", "1, 2, 3, 4"));
    EXPECT_EQ(state.scene.logits.classNames,
              (std::vector<std::string>{"cat", "car", "frog", "class 3"}));
    ASSERT_FALSE(set("target", "3"));
    ASSERT_FALSE(set("logits", "1, 2"));
    EXPECT_EQ(state.scene.logits.classNames, (std::vector<std::string>{"cat", "car"}));
    EXPECT_EQ(state.scene.logits.trueClass, 1);
    EXPECT_EQ(state.scene.view.simplexClasses, (std::vector<int>{0, 1, 1}));
    // classes sets K and the names; new logits are 0.
    ASSERT_FALSE(set("classes", "dog, cat, bird"));
    EXPECT_EQ(state.scene.logits.logits, (Vec(3) << 1, 2, 0).finished());
    EXPECT_EQ(state.scene.logits.classNames[2], "bird");
    // A soft target must have K entries.
    EXPECT_EQ(*set("target_dist", "0.5, 0.5"), "target_dist: has 2 entries but K = 3");
    ASSERT_FALSE(set("target_dist", "0.5, 0.25, 0.25"));
    EXPECT_TRUE(state.scene.logits.useSoftTarget);
    ASSERT_FALSE(set("target", "bird"));
    EXPECT_FALSE(state.scene.logits.useSoftTarget);
    // Errors leave the state alone and name the key.
    const LessonState before = state;
    EXPECT_EQ(*set("target", "7"), "target: class 7 is out of range for K = 3 (0..2)");
    EXPECT_EQ(*set("target", "car"),
              "target: 'car' is neither a class index nor a class name (dog, cat, bird)");
    EXPECT_EQ(*set("focus", "logits, logits"), "focus: 'logits' is named twice");
    EXPECT_EQ(*set("focus", "logits, losses, simplex"), "focus: one or two panels, not 3");
    EXPECT_EQ(*set("nonsense", "1"), "unknown key 'nonsense'");
    EXPECT_EQ(*set("task", "1"), "unknown key 'task'");
    EXPECT_EQ(*set("reg.momentum", "-1"), "reg.momentum: must be a finite number >= 0");
    EXPECT_EQ(*set("bp.b", "1, 2, 3"), "bp.b: the classifier has no weights yet (set bp.W first)");
    EXPECT_EQ(state.scene.logits.trueClass, before.scene.logits.trueClass);
    EXPECT_EQ(state.scene.logits.classNames, before.scene.logits.classNames);
    EXPECT_EQ(state.focus, before.focus);
    // The loss-shaping keys reach the scene.
    ASSERT_FALSE(set("temperature", "0.5"));
    ASSERT_FALSE(set("smoothing", "0.2"));
    ASSERT_FALSE(set("margin", "3"));
    ASSERT_FALSE(set("gamma", "0"));
    ASSERT_FALSE(set("log_base", "10"));
    ASSERT_FALSE(set("loss", "focal"));
    ASSERT_FALSE(set("workspace", "training"));
    ASSERT_FALSE(set("focus", "simplex, losses"));
    const LossOptions& o = state.scene.logits.options;
    EXPECT_EQ(o.temperature, 0.5);
    EXPECT_EQ(o.smoothing, 0.2);
    EXPECT_EQ(o.margin, 3);
    EXPECT_EQ(o.gamma, 0);
    EXPECT_EQ(o.logBase, LogBase::Ten);
    EXPECT_EQ(state.scene.logits.selectedLoss, Loss::Focal);
    EXPECT_EQ(state.scene.view.workspace, "training");
    EXPECT_EQ(state.focus, (std::vector<std::string>{"simplex", "losses"}));
    EXPECT_EQ(*set("smoothing", "1.5"), "smoothing: must be in [0, 1]");
    EXPECT_EQ(*set("log_base", "3"), "log_base: '3' is not one of e, 2, 10");
}

TEST(LessonKeys, FilesFromTheLessonFolderOrThePresets) {
    namespace fs = std::filesystem;
    const fs::path root =
        fs::path(::testing::TempDir()) / ("losslab-lesson-" + std::to_string(getpid()));
    fs::create_directories(root / "lessons");
    fs::create_directories(root / "presets");
    Scene near;
    near.logits.logits = (Vec(4) << 1, -1, 2, 0).finished();
    near.logits.classNames = {"yes", "no", "maybe", "later"};
    near.logits.softTarget = (Vec(4) << 1, 0, 0, 0).finished();
    near.training.data.classes = 3;  // (a default Scene leaves it 0, which files refuse)
    ASSERT_FALSE(saveSceneFile((root / "lessons" / "near.json").string(), near));
    Scene preset;
    preset.logits.selectedLoss = Loss::Brier;
    preset.training.data.classes = 3;
    ASSERT_FALSE(saveSceneFile((root / "presets" / "preset.json").string(), preset));
    ASSERT_FALSE(saveSceneFile((root / "presets" / "near.json").string(), preset));
    const LessonContext context{(root / "lessons").string(), (root / "presets").string()};

    LessonState state;
    const auto nearError = applyLessonSetting({"scene", "near.json", 1}, context, &state);
    ASSERT_FALSE(nearError) << *nearError;
    EXPECT_EQ(state.scene.logits.classNames, near.logits.classNames);  // the lesson's folder first
    ASSERT_FALSE(applyLessonSetting({"scene", "preset.json", 1}, context, &state));
    EXPECT_EQ(state.scene.logits.selectedLoss, Loss::Brier);
    const auto missing = applyLessonSetting({"scene", "absent.json", 1}, context, &state);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->rfind("scene: no scene file 'absent.json'", 0), 0u) << *missing;
    std::ofstream(root / "lessons" / "broken.json") << "{\"version\": 1, \"logits\": 3}";
    const auto broken = applyLessonSetting({"scene", "broken.json", 1}, context, &state);
    ASSERT_TRUE(broken.has_value());
    EXPECT_NE(broken->find("logits: expected an object"), std::string::npos) << *broken;
    EXPECT_EQ(state.scene.logits.selectedLoss, Loss::Brier);  // unchanged

    // train.data: a points CSV next to the lesson (K from its labels); the generator keys
    // switch back to generated points.
    Dataset points;
    points.classes = 4;
    points.points = (RowMatrix(4, 2) << 0, 0, 1, 0, 0, 1, 1, 1).finished();
    points.labels = (IntVec(4) << 0, 1, 2, 3).finished();
    ASSERT_FALSE(savePointsCsv((root / "lessons" / "points.csv").string(), points));
    const Lesson lesson = parseOk(oneStep("train.data = points.csv\ntrain.test_fraction = 0\n"));
    ASSERT_FALSE(applyLessonStep(lesson.steps.at(0), context, &state));
    EXPECT_EQ(state.scene.training.data.size(), 4);
    EXPECT_EQ(state.scene.training.data.classes, 4);
    EXPECT_NEAR(eval("train.loss", state), std::log(4.0), 1e-12);
    ASSERT_FALSE(applyLessonSetting({"train.noise", "0.3", 1}, context, &state));
    EXPECT_EQ(state.scene.training.data.size(), 0);
    EXPECT_EQ(state.scene.training.data.classes, state.scene.training.generator.classes);
    const auto absent = applyLessonSetting({"train.data", "absent.csv", 1}, context, &state);
    ASSERT_TRUE(absent.has_value());
    EXPECT_EQ(absent->rfind("train.data: '", 0), 0u) << *absent;
    fs::remove_all(root);
}

TEST(LessonSteps, AllOrNothing) {
    const Lesson lesson =
        parseOk(oneStep("logits = 1, 2, 3, 4\nfocus = simplex\n"
                        "temperature = 4\ntarget = 9\n"));
    LessonState state;
    int line = 0;
    const auto error = applyLessonStep(lesson.steps.at(0), LessonContext{}, &state, &line);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(*error, "target: class 9 is out of range for K = 4 (0..3)");
    EXPECT_EQ(line, 8);
    // Nothing of the step applied, not even the keys before the bad one.
    EXPECT_EQ(state.scene.logits.logits.size(), 3);
    EXPECT_EQ(state.scene.logits.options.temperature, 1.0);
    EXPECT_TRUE(state.focus.empty());
}

TEST(LessonSteps, TrainingStepsLowerTheLoss) {
    const LessonState start = applied("train.dataset = blobs\ntrain.n = 120\n");
    EXPECT_EQ(eval("train.step", start), 0);
    const double initialLoss = eval("train.loss", start);
    EXPECT_NEAR(initialLoss, std::log(3.0), 1e-12);  // zero weights: uniform probabilities
    EXPECT_FALSE(start.scene.training.model.has_value());

    const LessonState trained = applied("train.steps = 50\n", start);
    EXPECT_EQ(eval("train.step", trained), 50);
    EXPECT_LT(eval("train.loss", trained), initialLoss);
    EXPECT_GT(eval("train.accuracy", trained), 0.9);
    EXPECT_GE(eval("train.test_accuracy", trained), 0.0);
    EXPECT_GT(eval("train.w_norm", trained), 0.0);
    ASSERT_TRUE(trained.scene.training.model.has_value());
    EXPECT_EQ(trained.scene.training.step, 50);
    EXPECT_EQ(trained.trainSteps, 50);

    // The next step continues from the trained model (warm) ...
    const LessonState more = applied("train.lr = 0.05\ntrain.steps = 10\n", trained);
    EXPECT_EQ(eval("train.step", more), 60);
    EXPECT_LT(eval("train.loss", more), eval("train.loss", trained));
    // ... and a step without train.steps trains nothing.
    const LessonState idle = applied("temperature = 2\n", more);
    EXPECT_EQ(eval("train.step", idle), 60);
    EXPECT_EQ(eval("train.loss", idle), eval("train.loss", more));
    // New features start over (cold).
    const LessonState cold = applied("train.features = poly2\n", more);
    EXPECT_EQ(eval("train.step", cold), 0);
    EXPECT_FALSE(cold.scene.training.model.has_value());
    EXPECT_NEAR(eval("train.loss", cold), std::log(3.0), 1e-12);
    // Without a test set there is no test accuracy.
    const LessonState noTest = applied("train.test_fraction = 0\n", start);
    EXPECT_EQ(evalError("train.test_accuracy", noTest),
              "unknown name 'train.test_accuracy' here: there is no test set "
              "(train.test_fraction = 0)");
}

TEST(LessonSteps, TrainKeysReachTheConfig) {
    const LessonState state = applied(
        "train.dataset = toy3\ntrain.features = poly3\ntrain.loss = hinge_cs\n"
        "train.optimizer = sgd\ntrain.momentum = 0.9\ntrain.lr = 0.01\ntrain.batch = 4\n"
        "train.l1 = 0.1\ntrain.l2 = 0.2\ntrain.temperature = 3\ntrain.smoothing = 0.3\n"
        "train.margin = 0.7\ntrain.gamma = 4\ntrain.init = random\ntrain.seed = 5\n"
        "train.test_fraction = 0.5\n");
    const SceneTraining& t = state.scene.training;
    EXPECT_EQ(t.generator.kind, DatasetKind::Toy3);
    EXPECT_EQ(t.generator.classes, 3);
    EXPECT_EQ(t.generator.seed, 5u);
    EXPECT_EQ(t.config.features, FeatureMap::Poly3);
    EXPECT_EQ(t.config.loss, Loss::HingeCS);
    EXPECT_EQ(t.config.momentum, 0.9);
    EXPECT_EQ(t.config.learningRate, 0.01);
    EXPECT_EQ(t.config.batchSize, 4);
    EXPECT_EQ(t.config.l1, 0.1);
    EXPECT_EQ(t.config.l2, 0.2);
    EXPECT_EQ(t.config.lossOptions.temperature, 3);
    EXPECT_EQ(t.config.lossOptions.smoothing, 0.3);
    EXPECT_EQ(t.config.lossOptions.margin, 0.7);
    EXPECT_EQ(t.config.lossOptions.gamma, 4);
    EXPECT_EQ(t.config.init, Initialization::Random);
    EXPECT_EQ(t.config.seed, 5u);
    EXPECT_EQ(t.testFraction, 0.5);
    // adam has no momentum; toy3 has 3 classes.
    LessonState adam = state;
    ASSERT_FALSE(applyLessonSetting({"train.optimizer", "adam", 1}, {}, &adam));
    EXPECT_EQ(adam.scene.training.config.momentum, 0.0);
    EXPECT_EQ(*applyLessonSetting({"train.momentum", "0.5", 1}, {}, &adam),
              "train.momentum: only sgd uses it (the optimizer is adam)");
    EXPECT_EQ(*applyLessonSetting({"train.classes", "4", 1}, {}, &adam),
              "train.classes: toy3 has exactly 3 classes");
}

// Lecture 004's outlier by hand: three points on y = x and one at (0, 6). The l2 line is
// y = x + 1.5 (the outlier lifts it by 6/4), J = mean r² = (3·1.5² + 4.5²)/4 = 6.75; the l1
// line stays y = x with J = 6/4; huber (δ = 1): w = 1 by symmetry and 3·b + (−1) = 0, so
// b = 1/3 and J = (3·(1/3)²/2 + (17/3 − 1/2))/4 = 4/3.
TEST(LessonSteps, RegressionKeysGiveTheExactFit) {
    const LessonState untouched = applied("logits = 1, 2\n");
    EXPECT_FALSE(untouched.scene.regression.has_value()) << "no reg key, no regression section";
    EXPECT_TRUE(std::isfinite(eval("reg.w", untouched))) << "the workspace's default points";

    const LessonState l2 = applied("reg.points = -1,-1; 0,0; 1,1; 0,6\nreg.loss = l2\n");
    ASSERT_TRUE(l2.scene.regression.has_value());
    EXPECT_EQ(l2.scene.regression->data.size(), 4);
    EXPECT_NEAR(eval("reg.w", l2), 1.0, 1e-12);
    EXPECT_NEAR(eval("reg.b", l2), 1.5, 1e-12);
    EXPECT_NEAR(eval("reg.objective", l2), 6.75, 1e-12);
    const LessonState l1 = applied("reg.loss = l1\n", l2);
    EXPECT_NEAR(eval("reg.w", l1), 1.0, 1e-9);
    EXPECT_NEAR(eval("reg.b", l1), 0.0, 1e-9);
    EXPECT_NEAR(eval("reg.objective", l1), 1.5, 1e-9);
    const LessonState huber = applied("reg.loss = huber\nreg.delta = 1\n", l1);
    EXPECT_NEAR(eval("reg.w", huber), 1.0, 1e-9);
    EXPECT_NEAR(eval("reg.b", huber), 1.0 / 3.0, 1e-9);
    EXPECT_NEAR(eval("reg.objective", huber), 4.0 / 3.0, 1e-9);
    // A huge δ is l2 at half its value.
    const LessonState wide = applied("reg.delta = 1e6\n", huber);
    EXPECT_NEAR(eval("reg.b", wide), 1.5, 1e-9);
    EXPECT_NEAR(eval("reg.objective", wide), 6.75 / 2, 1e-9);
    // λ2 = 0.5 on the slope: w = Sxy / (Sxx + nλ2) = 2 / (2 + 2), b = ȳ − w·x̄ = 1.5, and
    // J = (2² + 1.5² + 1² + 4.5²)/4 + 0.5·0.5² = 7.
    const LessonState ridge = applied("reg.loss = l2\nreg.l2 = 0.5\n", wide);
    EXPECT_NEAR(eval("reg.w", ridge), 0.5, 1e-12);
    EXPECT_NEAR(eval("reg.b", ridge), 1.5, 1e-12);
    EXPECT_NEAR(eval("reg.objective", ridge), 7.0, 1e-12);

    // The generator keys switch back to generated points; descent steps need the gd solver.
    const LessonState generated = applied("reg.n = 12\nreg.outliers = 0\nreg.noise = 0\n", l2);
    EXPECT_EQ(generated.scene.regression->data.size(), 0);
    EXPECT_NEAR(eval("reg.w", generated), kLineDatasetSlope, 1e-9) << "noise-free line";
    EXPECT_NEAR(eval("reg.b", generated), kLineDatasetIntercept, 1e-9);
    EXPECT_NEAR(eval("reg.objective", generated), 0.0, 1e-12);
    LessonState state = l2;
    int line = 0;
    const Lesson noSolver = parseOk(oneStep("reg.steps = 5\n"));
    EXPECT_EQ(*applyLessonStep(noSolver.steps.at(0), {}, &state, &line),
              "reg.steps: gradient-descent steps need reg.solver = gd");
    EXPECT_EQ(line, 2);
    const LessonState descent = applied("reg.solver = gd\nreg.steps = 5\nreg.lr = 0.2\n", l2);
    EXPECT_TRUE(descent.regressionDescent);
    EXPECT_EQ(descent.regressionSteps, 5);
    EXPECT_EQ(descent.scene.regression->learningRate, 0.2);
    EXPECT_EQ(applied("logits = 1, 2\n", descent).regressionSteps, 0) << "steps are per step";
    // Too many outliers for the points: the step says so when it asks for descent steps.
    const Lesson tooMany = parseOk(oneStep("reg.n = 3\nreg.outliers = 5\n"));
    LessonState bad = applied("logits = 1, 2\n");
    ASSERT_FALSE(applyLessonStep(tooMany.steps.at(0), {}, &bad));
    EXPECT_EQ(evalError("reg.w", bad).rfind("unknown name 'reg.w' here: regression: ", 0), 0u);
}

// Lecture 001's rule on a sample worked by hand: W = [[1, 0], [0, 1], [−1, 1]], b = 0,
// x = (1, 2), y = 0 gives s = (1, 2, 1); with the hinge both margins are active (2 and 1), so
// L = 3, row 0 of ∂L/∂W is −2·x, rows 1 and 2 are x, ∂L/∂s = (−2, 1, 1) and
// ∂L/∂x = Wᵀ ∂L/∂s = (−3, 2).
TEST(LessonSteps, BackpropKeysGiveTheGraph) {
    const LessonState hinge = applied(
        "train.dataset = toy3\nbp.features = linear\nbp.W = 1,0; 0,1; -1,1\nbp.b = 0,0,0\n"
        "bp.x = 1, 2\ntarget = 0\ntrain.loss = hinge_ww\n");
    ASSERT_TRUE(hinge.scene.training.model.has_value());
    EXPECT_EQ(hinge.scene.training.step, 0);
    EXPECT_EQ(eval("bp.loss", hinge), 3);
    EXPECT_EQ(eval("bp.dW.0.0", hinge), -2);
    EXPECT_EQ(eval("bp.dW.0.1", hinge), -4);
    EXPECT_EQ(eval("bp.dW.1.0", hinge), 1);
    EXPECT_EQ(eval("bp.dW.2.1", hinge), 2);
    EXPECT_EQ(eval("bp.db.0", hinge), -2);
    EXPECT_EQ(eval("bp.db.2", hinge), 1);
    EXPECT_EQ(eval("bp.dx.0", hinge), -3);
    EXPECT_EQ(eval("bp.dx.1", hinge), 2);
    EXPECT_EQ(evalError("bp.dW.3.0", hinge),
              "unknown name 'bp.dW.3.0' here: W is 3 x 2 (bp.dW.k.d, bp.db.k with k < 3, d < 2), "
              "x has 2 entries (bp.dx.0, bp.dx.1)");
    // Cross-entropy: ∂L/∂W = (p − e_y) xᵀ with p = softmax(1, 2, 1).
    const LessonState ce = applied("train.loss = cross_entropy\n", hinge);
    const double z = 2 * std::exp(1.0) + std::exp(2.0);
    const double p1 = std::exp(2.0) / z, p0 = std::exp(1.0) / z;
    EXPECT_NEAR(eval("bp.loss", ce), -std::log(p0), 1e-12);
    EXPECT_NEAR(eval("bp.dW.1.1", ce), 2 * p1, 1e-12);
    EXPECT_NEAR(eval("bp.db.0", ce), p0 - 1, 1e-12);
    EXPECT_NEAR(eval("bp.db.0 + bp.db.1 + bp.db.2", ce), 0.0, 1e-12);
    // The weights must fit the training data and the features.
    LessonState state = hinge;
    EXPECT_EQ(*applyLessonSetting({"bp.W", "1,0; 0,1", 1}, {}, &state),
              "bp.W: has 2 rows but the training data have 3 classes");
    EXPECT_EQ(*applyLessonSetting({"bp.W", "1,0,0; 0,1,0; 0,0,1", 1}, {}, &state),
              "bp.W: rows have 3 numbers but linear features have D = 2 (set bp.features first)");
    EXPECT_EQ(*applyLessonSetting({"bp.b", "1, 2", 1}, {}, &state),
              "bp.b: has 2 entries but W has K = 3 rows");
    // New features drop the weights: no graph until there are weights again.
    const LessonState cold = applied("bp.features = poly2\n", hinge);
    EXPECT_EQ(evalError("bp.loss", cold),
              "unknown name 'bp.loss' here: the classifier has no weights yet (bp.W, or "
              "train.steps)");
}

TEST(LessonSteps, TheStateStaysASavableScene) {
    for (const std::string& lines :
         {std::string("temperature = 2\n"),
          std::string("classes = a, b, c, d\nlogits = 1, 2, 3, 4\ntarget = d\n"
                      "target_dist = 0.1, 0.2, 0.3, 0.4\ntrain.dataset = spiral\ntrain.n = 40\n"
                      "train.classes = 4\ntrain.steps = 5\nworkspace = geometry\n")}) {
        const LessonState state = applied(lines);
        Scene parsed;
        const auto error = parseScene(formatScene(state.scene), &parsed);
        ASSERT_FALSE(error) << lines << *error;
        EXPECT_EQ(formatScene(parsed), formatScene(state.scene));
    }
}

// ---------------------------------------------------------------- lesson check

LessonReport check(const std::string& markdown) {
    const Lesson lesson = parseOk(markdown);
    LessonReport report;
    const auto error = checkLesson(lesson, LessonContext{}, &report);
    EXPECT_FALSE(error.has_value()) << *error;
    return report;
}

TEST(LessonCheck, TaskFalseAtStartTrueWithSolution) {
    const LessonReport good = check(
        "# Lesson\n## Win\n```losslab\nlogits = 1, 2\nexpect = s1 == 2\ntask = prediction == 0\n"
        "solution.logits = 3, 2\n```\n## Next\n```losslab\nexpect = s0 == 1\nexpect = s0 == 3\n"
        "```\n");
    EXPECT_EQ(good.file, "lesson.md");
    EXPECT_EQ(good.title, "Lesson");
    ASSERT_EQ(good.steps.size(), 2u);
    ASSERT_TRUE(good.steps[0].task.has_value());
    EXPECT_EQ(good.steps[0].task->expr, "prediction == 0");
    EXPECT_FALSE(good.steps[0].task->atStart);
    EXPECT_TRUE(good.steps[0].task->withSolution);
    EXPECT_TRUE(good.steps[0].ok);
    // The next step opens on the state the previous one opened with, not its solution.
    EXPECT_FALSE(good.steps[1].task.has_value());
    ASSERT_EQ(good.steps[1].expects.size(), 2u);
    EXPECT_TRUE(good.steps[1].expects[0].ok);
    EXPECT_FALSE(good.steps[1].expects[1].ok);
    EXPECT_EQ(good.steps[1].expects[1].expr, "s0 == 3");
    EXPECT_FALSE(good.steps[1].ok);
    EXPECT_FALSE(good.ok);

    // Already true when the step opens: not ok.
    const LessonReport early = check(
        "# L\n## S\n```losslab\nlogits = 3, 2\ntask = prediction == 0\nsolution.logits = 4, 2\n"
        "```\n");
    EXPECT_TRUE(early.steps.at(0).task->atStart);
    EXPECT_TRUE(early.steps[0].task->withSolution);
    EXPECT_FALSE(early.ok);
    // A solution that does not do the task: not ok.
    const LessonReport wrong = check(
        "# L\n## S\n```losslab\nlogits = 1, 2\ntask = prediction == 0\nsolution.logits = 1, 5\n"
        "```\n");
    EXPECT_FALSE(wrong.steps.at(0).task->atStart);
    EXPECT_FALSE(wrong.steps[0].task->withSolution);
    EXPECT_FALSE(wrong.ok);
    // A task with no solution stays false.
    const LessonReport none = check("# L\n## S\n```losslab\ntask = s0 > 100\n```\n");
    EXPECT_FALSE(none.steps.at(0).task->withSolution);
    EXPECT_FALSE(none.ok);
    // All expects hold and no task: ok.
    const LessonReport plain =
        check("# L\n## S\nJust text.\n## T\n```losslab\nexpect = K == 3\n```\n");
    EXPECT_TRUE(plain.ok);
    EXPECT_TRUE(plain.steps.at(0).ok);
}

TEST(LessonCheck, SolutionWithTrainingSteps) {
    const LessonReport report = check(
        "# L\n## Train\n```losslab\ntrain.n = 90\ntask = train.accuracy > 0.9\n"
        "solution.train.steps = 40\n```\n");
    EXPECT_FALSE(report.steps.at(0).task->atStart);
    EXPECT_TRUE(report.steps[0].task->withSolution);
    EXPECT_TRUE(report.ok);
}

TEST(LessonCheck, HardErrorsNameFileAndLine) {
    const Lesson unknown = parseOk("# L\n## S\n```losslab\nexpect = loss.hinge > 0\n```\n");
    LessonReport report;
    report.title = "untouched";
    EXPECT_EQ(checkLesson(unknown, {}, &report).value_or(""),
              "lesson.md:4: expect 'loss.hinge > 0': unknown name 'loss.hinge'");
    EXPECT_EQ(report.title, "untouched");
    // K depends on the step: s3 is known after logits of 4.
    const Lesson later = parseOk(
        "# L\n## A\n```losslab\nlogits = 1, 2, 3, 4\nexpect = s3 == 4\n```\n## B\n```losslab\n"
        "logits = 1, 2\nexpect = s3 == 4\n```\n");
    EXPECT_EQ(checkLesson(later, {}, &report).value_or(""),
              "lesson.md:10: expect 's3 == 4': unknown name 's3' here: K = 2, so indices go "
              "from 0 to 1");
    const Lesson badKey = parseOk("# L\n## S\n```losslab\nlogits = 1, 2\ntarget = 2\n```\n");
    EXPECT_EQ(checkLesson(badKey, {}, &report).value_or(""),
              "lesson.md:5: target: class 2 is out of range for K = 2 (0..1)");
    const Lesson badSolution =
        parseOk("# L\n## S\n```losslab\ntask = K == 4\nsolution.target = 7\n```\n");
    EXPECT_EQ(checkLesson(badSolution, {}, &report).value_or(""),
              "lesson.md:5: solution: target: class 7 is out of range for K = 3 (0..2)");
    const Lesson divide = parseOk("# L\n## S\n```losslab\ntask = 1 / (K - 3)\n```\n");
    EXPECT_EQ(checkLesson(divide, {}, &report).value_or(""),
              "lesson.md:4: task '1 / (K - 3)': the result is not a finite number (divides "
              "by zero or overflows)");
}

TEST(LessonFiles, LoadAndLimits) {
    const std::string path =
        ::testing::TempDir() + "/losslab-lesson-" + std::to_string(getpid()) + ".md";
    std::ofstream(path) << "# File\n## One\n";
    Lesson lesson;
    ASSERT_FALSE(loadLessonFile(path, &lesson));
    EXPECT_EQ(lesson.path, path);
    EXPECT_EQ(lesson.title, "File");
    std::ofstream(path) << "# File\n## One\n```losslab\nbogus = 1\n```\n";
    EXPECT_EQ(loadLessonFile(path, &lesson).value_or(""), path + ":4: unknown key 'bogus'");
    std::remove(path.c_str());
    EXPECT_EQ(loadLessonFile(path, &lesson).value_or("").rfind(path + ": cannot open", 0), 0u);
    EXPECT_EQ(loadLessonFile(::testing::TempDir(), &lesson).value_or(""),
              ::testing::TempDir() + ": not a regular file");
    const LessonContext context = lessonContextFor("/a/b/c.md", "/presets");
    EXPECT_EQ(context.lessonDir, "/a/b");
    EXPECT_EQ(context.presetDir, "/presets");
    EXPECT_EQ(lessonContextFor("c.md", "").lessonDir, ".");
}

}  // namespace
}  // namespace losslab
