// Lessons in the app, on real headless frames: opening one applies its first step (scene,
// keys, focus) and shows the lesson bar; PageDown applies the next step; the task's ✓ appears
// the moment a drag satisfies it, and "Show me" satisfies it; Back shows a step as it opens; a
// malformed lesson changes nothing.
#include <imgui_internal.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "io/lesson_io.hpp"
#include "panels/keys.hpp"
#include "session_fixture.hpp"
#include "state/layout_edit.hpp"
#include "state/model_edit.hpp"
#include "state/regression_edit.hpp"
#include "state/training_edit.hpp"
#include "ui/panel_registry.hpp"

namespace losslab {
namespace {

const std::string kFirstLesson =
    std::string(LOSSLAB_SOURCE_DIR) + "/assets/lessons/000-k-class-losses.md";

class Lessons : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().mode.allowChildProcesses = false;
    }
    bool panelDrawn(const char* name) {
        const ImGuiWindow* window = ImGui::FindWindowByName(findPanel(name)->title);
        return window && window->WasActive;
    }
    void open(int step = 0) {
        ASSERT_FALSE(openLesson(state(), kFirstLesson, step));
        frames(2);
    }
    // The step whose task is to bring the hinge loss to 0 (the built-in lesson's last).
    int svmStep() {
        const Lesson& lesson = *state().lesson.lesson;
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            if (lesson.steps[i].task &&
                lesson.steps[i].task->text.find("hinge_ww") != std::string::npos) {
                return static_cast<int>(i);
            }
        }
        ADD_FAILURE() << "no hinge task in " << kFirstLesson;
        return 0;
    }
};

TEST_F(Lessons, OpeningAppliesTheFirstStepAndShowsTheLessonBar) {
    open();
    const LessonSession& lessonSession = state().lesson;
    ASSERT_TRUE(lessonSession.lesson);
    EXPECT_EQ(lessonSession.step, 0);
    const LessonStep& first = lessonSession.lesson->steps[0];
    EXPECT_EQ(first.title, "Scores become probabilities");
    EXPECT_EQ(state().model.logits, (Vec(3) << 3.2, 5.1, -1.7).finished());
    EXPECT_EQ(state().presenter.focus, (std::vector<std::string>{"softmax", "probabilities"}));
    EXPECT_TRUE(panelDrawn("lesson"));
    EXPECT_TRUE(panelDrawn("softmax"));
    EXPECT_FALSE(panelDrawn("logits"));
    EXPECT_EQ(state().view.lessonProgress[lessonSession.lesson->path], 0);
}

TEST_F(Lessons, PageDownAppliesTheNextStepAndPageUpGoesBack) {
    open();
    moveTo(-100, -100);  // over no panel: the keys are the lesson's
    key(keys::kPageDown);
    EXPECT_EQ(state().lesson.step, 1);
    EXPECT_EQ(state().model.logits, (Vec(3) << 0.0, 3.0, 0.2).finished());
    EXPECT_EQ(state().presenter.focus, std::vector<std::string>{"softmax"});
    key(keys::kRight);
    EXPECT_EQ(state().lesson.step, 2);
    EXPECT_EQ(state().model.classCount(), 10);
    key(keys::kPageUp);
    EXPECT_EQ(state().lesson.step, 1);
    EXPECT_EQ(state().model.logits, (Vec(3) << 0.0, 3.0, 0.2).finished());
    key(keys::kEnd);
    EXPECT_EQ(state().lesson.step, static_cast<int>(state().lesson.lesson->steps.size()) - 1);
    key(keys::kHome);
    EXPECT_EQ(state().lesson.step, 0);
    EXPECT_TRUE(state().scenePath.empty());  // no preset was opened by the keys
}

TEST_F(Lessons, TheTaskIsDoneTheMomentADragSatisfiesIt) {
    open();
    ASSERT_FALSE(goToLessonStep(state(), svmStep()));
    frames(2);
    EXPECT_FALSE(state().lesson.taskDone);
    EXPECT_NEAR(state().derived.losses[static_cast<int>(Loss::HingeWW)].value, 2.9, 1e-12);
    // Drag the cat's bar up until it leads the car by the margin: 3.2 → above 6.1.
    const plot::Transform& t = state().panels.logits.barsTransform;
    ASSERT_GT(t.height, 50.0f);
    const float x = std::floor(t.toPixelX(0.0));
    const float from = std::floor(t.toPixelY(1.6));
    const float pixelsPerUnit = static_cast<float>(1.0 / t.unitsPerPixelY());
    drag(x, from, 0.0f, -std::ceil(3.4f * pixelsPerUnit), 8);
    ASSERT_GT(state().model.logits[0], 6.1);
    EXPECT_EQ(state().derived.losses[static_cast<int>(Loss::HingeWW)].value, 0.0);
    EXPECT_TRUE(state().lesson.taskDone);
    EXPECT_TRUE(state().lesson.taskError.empty()) << state().lesson.taskError;
}

TEST_F(Lessons, ShowMeSatisfiesTheTaskAndBackRebuildsTheStep) {
    open();
    const int step = svmStep();
    ASSERT_FALSE(goToLessonStep(state(), step));
    frames(2);
    ASSERT_FALSE(state().lesson.taskDone);
    ASSERT_FALSE(showLessonSolution(state()));
    frames(2);
    EXPECT_TRUE(state().lesson.taskDone);
    EXPECT_EQ(state().model.logits[0], 6.5);
    // Next applies the step's keys to the state as the student left it: the temperature,
    // which the step does not set, stays; the logits, which it sets, are the step's.
    ASSERT_FALSE(goToLessonStep(state(), step - 1));
    setTemperature(state(), 2.5);
    ASSERT_FALSE(goToLessonStep(state(), step));
    frames(2);
    EXPECT_EQ(state().model.options.temperature, 2.5);
    EXPECT_EQ(state().model.logits[0], 3.2);
    EXPECT_FALSE(state().lesson.taskDone);
    // A jump rebuilds the step as it opens, through every step before it.
    setTemperature(state(), 2.5);
    ASSERT_FALSE(goToLessonStep(state(), 0));
    ASSERT_FALSE(goToLessonStep(state(), step));
    EXPECT_EQ(state().model.options.temperature, 1.0);
}

TEST_F(Lessons, AMalformedLessonChangesNothingAndSaysWhere) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "losslab-bad-lesson.md").string();
    {
        std::ofstream out(path);
        out << "# Bad\n\n## One\n\nText.\n\n```losslab\nlogits = 1, 2, 3\n"
               "temprature = 2\n```\n";
    }
    const Vec logits = state().model.logits;
    const auto error = openLesson(state(), path);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find(":9:"), std::string::npos) << *error;  // the line of the bad key
    EXPECT_NE(error->find("temprature"), std::string::npos) << *error;
    EXPECT_FALSE(state().lesson.lesson);
    EXPECT_EQ(state().model.logits, logits);
    // An expression naming nothing is refused when the lesson opens, not when a class gets there.
    {
        std::ofstream out(path);
        out << "# Bad\n\n## One\n\n```losslab\nexpect = K == 3\n```\n\n## Two\n\n"
               "```losslab\nexpect = loss.hinge > 0\n```\n";
    }
    const auto unknown = openLesson(state(), path);
    ASSERT_TRUE(unknown);
    EXPECT_NE(unknown->find("loss.hinge"), std::string::npos) << *unknown;
    EXPECT_FALSE(state().lesson.lesson);
    std::filesystem::remove(path);
}

TEST_F(Lessons, ALessonResumesWhereTheStudentLeftIt) {
    open();
    ASSERT_FALSE(goToLessonStep(state(), 2));
    closeLesson(state());
    frames(2);
    EXPECT_FALSE(panelDrawn("lesson"));
    ASSERT_FALSE(openLesson(state(), kFirstLesson));  // no step given: where it was left
    EXPECT_EQ(state().lesson.step, 2);
    EXPECT_EQ(state().model.classCount(), 10);
}

TEST_F(Lessons, EveryBuiltInLessonIsListedAndOpens) {
    const std::vector<BuiltInLesson> lessons = listLessons();
    ASSERT_FALSE(lessons.empty());
    for (const BuiltInLesson& lesson : lessons) {
        EXPECT_GT(lesson.steps, 0) << lesson.path;
        ASSERT_FALSE(openLesson(state(), lesson.path, 0)) << lesson.path;
        frames(1);
    }
}

// Opens a built-in lesson at the step of that title.
int openAtStep(AppState& state, const std::string& file, const std::string& title) {
    const std::string path = std::string(LOSSLAB_SOURCE_DIR) + "/assets/lessons/" + file;
    EXPECT_FALSE(openLesson(state, path, 0));
    const Lesson& lesson = *state.lesson.lesson;
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        if (lesson.steps[i].title == title) {
            EXPECT_FALSE(goToLessonStep(state, static_cast<int>(i)));
            return static_cast<int>(i);
        }
    }
    ADD_FAILURE() << "no step '" << title << "' in " << path;
    return -1;
}

// Lecture 001's backprop steps: the step's W and x reach the Training model and the Backprop
// panel (pinned, nothing revealed yet), the panel's graph has the hand-worked gradients, and
// moving the pinned x as the solution does satisfies the task.
TEST_F(Lessons, BackpropStepsPinTheSampleAndTheWeights) {
    openAtStep(state(), "001-svm-and-softmax.md", "From the scores back to the weights");
    frames(2);
    const BackpropPanelState& backprop = state().panels.backprop;
    EXPECT_TRUE(backprop.pinned);
    EXPECT_EQ(backprop.pinnedX[0], 1.0);
    EXPECT_EQ(backprop.pinnedX[1], 2.0);
    EXPECT_EQ(backprop.revealed, 0);
    EXPECT_TRUE(panelDrawn("backprop"));
    const LinearClassifier* model = displayModel(state().training);
    ASSERT_TRUE(model);
    EXPECT_EQ(model->weights, (RowMatrix(3, 2) << 1, 0, 0, 1, -1, 1).finished());
    ASSERT_TRUE(backprop.message.empty()) << backprop.message;
    EXPECT_EQ(backprop.result.loss, 3.0);
    EXPECT_EQ(backprop.result.gradW.row(0), (Eigen::RowVector2d(-2, -4)));
    // The next step: the task reads the panel's gradients.
    moveTo(-100, -100);
    key(keys::kPageDown);
    frames(2);
    EXPECT_FALSE(state().lesson.taskDone);
    EXPECT_TRUE(state().lesson.taskError.empty()) << state().lesson.taskError;
    ASSERT_FALSE(showLessonSolution(state()));
    frames(3);
    EXPECT_EQ(state().panels.backprop.pinnedX[0], 2.0);
    EXPECT_EQ(state().panels.backprop.result.gradW.row(2), (Eigen::RowVector2d(0, 0)));
    EXPECT_TRUE(state().lesson.taskDone) << state().lesson.taskError;
}

// Lecture 004's regression steps: the points and the loss reach the Regression workspace, a
// step with reg.solver = gd opens with its descent steps taken, and the task reads the
// workspace's exact fit.
TEST_F(Lessons, RegressionStepsReachTheWorkspace) {
    openAtStep(state(), "004-svm-vs-softmax.md", "L1 is a Laplace, and robust");
    frames(2);
    const RegressionState& rs = state().regression;
    EXPECT_EQ(state().view.workspace, Workspace::Regression);
    EXPECT_EQ(rs.data.size(), 4);
    EXPECT_EQ(rs.options.loss, RegressionLoss::L1);
    const ExactFit* fit = chosenRegressionFit(rs);
    ASSERT_TRUE(fit);
    EXPECT_NEAR(fit->line.b, 0.0, 1e-9);
    openAtStep(state(), "004-svm-vs-softmax.md", "Forty points and three outliers");
    frames(2);
    EXPECT_EQ(state().regression.data.size(), 43);
    EXPECT_EQ(state().regression.run.descent.steps, 200);
    EXPECT_FALSE(state().lesson.taskDone);
    ASSERT_FALSE(showLessonSolution(state()));
    frames(2);
    EXPECT_EQ(state().regression.options.loss, RegressionLoss::L1);
    EXPECT_TRUE(state().lesson.taskDone) << state().lesson.taskError;
}

}  // namespace
}  // namespace losslab
