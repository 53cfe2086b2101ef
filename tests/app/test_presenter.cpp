// Layouts and presenter mode on real headless frames: splitters resize neighbours, a title's
// double-click maximizes and restores, focus gives panels the whole work area, layouts survive
// scenes and settings, update steps run once a frame whatever is on screen, and the presenter
// keys (B, H, F11, PageDown/PageUp, →/←) do what presentation software does.
#include <imgui_internal.h>  // FindWindowByName: where a panel's window really is

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/scene_io.hpp"
#include "io/settings.hpp"
#include "losslab/features.hpp"
#include "losslab/scene.hpp"
#include "panels/keys.hpp"
#include "panels/panels.hpp"
#include "plot/plot.hpp"
#include "session_fixture.hpp"
#include "state/layout_edit.hpp"
#include "state/training_edit.hpp"
#include "ui/panel_registry.hpp"
#include "ui/workspace_view.hpp"

namespace losslab {
namespace {

class Presenter : public testing::HeadlessSession {
  protected:
    void SetUp() override {
        HeadlessSession::SetUp();
        state().mode.allowChildProcesses = false;
    }

    // The window of a panel as ImGui placed it in the last frame.
    ImRect panelRect(const char* name) {
        const PanelInfo* info = findPanel(name);
        EXPECT_NE(info, nullptr) << name;
        if (!info) return {};
        const ImGuiWindow* window = ImGui::FindWindowByName(info->title);
        EXPECT_NE(window, nullptr) << name;
        if (!window || !window->WasActive) return {};
        return window->Rect();
    }
    bool panelDrawn(const char* name) {
        const ImGuiWindow* window = ImGui::FindWindowByName(findPanel(name)->title);
        return window && window->WasActive;
    }
    // The centre of the title bar of a panel's window.
    ImVec2 titleOf(const char* name) {
        const ImRect r = panelRect(name);
        return {std::floor(r.GetCenter().x), std::floor(r.Min.y + ImGui::GetFrameHeight() * 0.5f)};
    }
    void doubleClick(ImVec2 at) {
        click(at.x, at.y);
        click(at.x, at.y);
    }
    LayoutRect area() { return workArea(); }
};

TEST_F(Presenter, RegistryNamesAreTheLayoutsPanelNames) {
    // One list of names: what scenes and settings may name is what the app can draw.
    EXPECT_EQ(panelNames(), knownPanelNames());
}

TEST_F(Presenter, WorkspaceAndThemeNamesAreTheScenesOwnAndRoundTrip) {
    ASSERT_EQ(sceneWorkspaceKeys().size(), static_cast<std::size_t>(kWorkspaceCount));
    for (Workspace w : kAllWorkspaces) {
        Workspace back = Workspace::LogitLab;
        ASSERT_TRUE(workspaceFromKey(workspaceKey(w), &back));
        EXPECT_EQ(back, w);
    }
    ASSERT_EQ(sceneThemeKeys().size(), 3u);
    for (Theme t : {Theme::Dark, Theme::Light, Theme::Projector}) {
        Theme back = Theme::Dark;
        ASSERT_TRUE(themeFromKey(themeKey(t), &back));
        EXPECT_EQ(back, t);
    }
    EXPECT_STREQ(themeKey(Theme::Projector), "projector");
    Theme unchanged = Theme::Light;
    EXPECT_FALSE(themeFromKey("sepia", &unchanged));
    EXPECT_EQ(unchanged, Theme::Light);
}

TEST_F(Presenter, DefaultLayoutTilesTheWorkAreaWithEveryPanel) {
    for (Workspace w : kAllWorkspaces) {
        state().view.workspace = w;
        frames(2);
        const LayoutRect a = area();
        double covered = 0;
        for (const std::string& name : layoutPanels(currentLayout(state()))) {
            ASSERT_TRUE(panelDrawn(name.c_str())) << name;
            const ImRect r = panelRect(name.c_str());
            EXPECT_GE(r.Min.x, a.x - 0.5) << name;
            EXPECT_LE(r.Max.x, a.x + a.w + 0.5) << name;
            covered += r.GetWidth() * r.GetHeight();
        }
        // The gaps between panels (the splitters' handles) are all that is not covered.
        EXPECT_GT(covered, 0.95 * a.w * a.h) << workspaceKey(w);
        EXPECT_LE(covered, a.w * a.h) << workspaceKey(w);
    }
}

TEST_F(Presenter, DraggingASplitterResizesBothNeighbours) {
    const ImRect logitsBefore = panelRect("logits");
    const ImRect softmaxBefore = panelRect("softmax");
    const ImRect lossesBefore = panelRect("losses");
    // The gap between the logits column and the softmax column.
    const float gapX = std::floor((logitsBefore.Max.x + softmaxBefore.Min.x) * 0.5f);
    const float y = std::floor(logitsBefore.GetCenter().y);
    drag(gapX, y, 120.0f, 0.0f, 6);
    const ImRect logitsAfter = panelRect("logits");
    const ImRect softmaxAfter = panelRect("softmax");
    EXPECT_NEAR(logitsAfter.GetWidth() - logitsBefore.GetWidth(), 120.0f, 1.5f);
    EXPECT_NEAR(softmaxAfter.GetWidth() - softmaxBefore.GetWidth(), -120.0f, 1.5f);
    EXPECT_NEAR(softmaxAfter.Max.x, softmaxBefore.Max.x, 0.5f);  // its other edge stays
    // The panels below follow their column; the third column is untouched.
    EXPECT_NEAR(panelRect("target").GetWidth(), logitsAfter.GetWidth(), 0.5f);
    EXPECT_NEAR(panelRect("losses").GetWidth(), lossesBefore.GetWidth(), 0.5f);
    // A press inside a panel is the panel's, not a splitter's.
    const LayoutNode before = currentLayout(state());
    drag(std::floor(logitsAfter.GetCenter().x), std::floor(logitsAfter.Max.y - 30), 80.0f, 0.0f);
    EXPECT_EQ(currentLayout(state()), before);
}

TEST_F(Presenter, ARowSplitterResizesTheRowsAbove) {
    const ImRect logits = panelRect("logits");
    const ImRect target = panelRect("target");
    const float gapY = std::floor((logits.Max.y + target.Min.y) * 0.5f);
    drag(std::floor(logits.GetCenter().x), gapY, 0.0f, -90.0f, 5);
    EXPECT_NEAR(panelRect("logits").GetHeight() - logits.GetHeight(), -90.0f, 1.5f);
    EXPECT_NEAR(panelRect("target").GetHeight() - target.GetHeight(), 90.0f, 1.5f);
}

TEST_F(Presenter, DoubleClickOnATitleFillsTheWorkspaceAndAgainRestores) {
    const ImRect before = panelRect("losses");
    doubleClick(titleOf("losses"));
    ASSERT_EQ(state().presenter.focus, std::vector<std::string>{"losses"});
    frames(1);
    const ImRect big = panelRect("losses");
    const LayoutRect a = area();
    EXPECT_GT(big.GetWidth(), a.w - 10);
    EXPECT_GT(big.GetHeight(), a.h - 10);
    EXPECT_FALSE(panelDrawn("logits"));  // the others are not drawn
    doubleClick(titleOf("losses"));
    EXPECT_TRUE(state().presenter.focus.empty());
    frames(1);
    EXPECT_NEAR(panelRect("losses").GetWidth(), before.GetWidth(), 0.5f);
    EXPECT_TRUE(panelDrawn("logits"));
}

TEST_F(Presenter, FOverAPanelMaximizesItAndEscRestores) {
    const ImRect softmax = panelRect("softmax");
    moveTo(std::floor(softmax.GetCenter().x), std::floor(softmax.GetCenter().y));
    key(keys::kF);
    EXPECT_EQ(state().presenter.focus, std::vector<std::string>{"softmax"});
    key(keys::kEscape);
    EXPECT_TRUE(state().presenter.focus.empty());
}

TEST_F(Presenter, FocusGivesOnePanelTheWholeAreaAndTwoHalvesSideBySide) {
    ASSERT_FALSE(focusPanels(state(), {"simplex"}));
    frames(2);
    const LayoutRect a = area();
    const ImRect one = panelRect("simplex");
    EXPECT_GT(one.GetWidth(), a.w - 10);
    EXPECT_GT(one.GetHeight(), a.h - 10);
    ASSERT_FALSE(focusPanels(state(), {"simplex", "losses"}));
    frames(2);
    const ImRect left = panelRect("simplex");
    const ImRect right = panelRect("losses");
    EXPECT_NEAR(left.GetWidth(), a.w / 2, 8);
    EXPECT_NEAR(right.GetWidth(), a.w / 2, 8);
    EXPECT_LT(left.Max.x, right.Min.x);
    EXPECT_GT(left.GetHeight(), a.h - 10);
    // Bad lists change nothing.
    EXPECT_TRUE(focusPanels(state(), {"nope"}));
    EXPECT_TRUE(focusPanels(state(), {"simplex", "simplex"}));
    EXPECT_TRUE(focusPanels(state(), {"a", "b", "c"}));
    EXPECT_TRUE(focusPanels(state(), {}));
    EXPECT_EQ(state().presenter.focus, (std::vector<std::string>{"simplex", "losses"}));
    EXPECT_EQ(splitPanelList(" simplex , losses"), (std::vector<std::string>{"simplex", "losses"}));
}

TEST_F(Presenter, ViewMenuShowsAndHidesPanelsAndResetBringsTheDefaultBack) {
    ASSERT_TRUE(setPanelShown(state(), "precision", false));
    frames(2);
    EXPECT_FALSE(panelDrawn("precision"));
    EXPECT_FALSE(layoutContains(currentLayout(state()), "precision"));
    ASSERT_TRUE(setPanelShown(state(), "simplex", true));  // any panel in any workspace
    frames(2);
    EXPECT_TRUE(panelDrawn("simplex"));
    EXPECT_FALSE(setPanelShown(state(), "simplex", true));
    resetLayout(state());
    frames(2);
    EXPECT_EQ(currentLayout(state()), defaultLayouts()[0]);
    EXPECT_TRUE(panelDrawn("precision"));
    EXPECT_FALSE(panelDrawn("simplex"));
}

TEST_F(Presenter, LayoutSurvivesASceneSavedAndOpened) {
    LayoutNode& layout = currentLayout(state());
    ASSERT_TRUE(moveSplitter(&layout, {}, 0, 150.0, area()));
    ASSERT_TRUE(removePanelFromLayout(&layout, "precision"));
    const LayoutNode changed = layout;
    const std::string text = formatScene(sceneFromState(state()));
    EXPECT_NE(text.find("\"layouts\""), std::string::npos);
    resetLayout(state());
    Scene scene;
    ASSERT_FALSE(parseScene(text, &scene));
    ASSERT_FALSE(applyScene(scene, state()));
    EXPECT_EQ(currentLayout(state()), changed);
    frames(2);
    EXPECT_FALSE(panelDrawn("precision"));
}

TEST_F(Presenter, AnOldSceneWithoutLayoutsLoadsAndKeepsTheLayoutInUse) {
    LayoutNode& layout = currentLayout(state());
    ASSERT_TRUE(moveSplitter(&layout, {}, 1, -60.0, area()));
    const LayoutNode mine = layout;
    const std::string preset =
        std::string(LOSSLAB_SOURCE_DIR) + "/assets/scenes/01-cat-car-frog.json";
    Scene scene;
    ASSERT_FALSE(loadSceneFile(preset, &scene));
    ASSERT_TRUE(scene.view.layouts.empty());
    ASSERT_FALSE(openScene(preset, state()));
    frames(2);
    state().view.workspace = Workspace::LogitLab;
    EXPECT_EQ(currentLayout(state()), mine);
}

TEST_F(Presenter, LayoutSurvivesTheSettingsFile) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "losslab-test-settings.json").string();
    ViewState view;
    view.theme = Theme::Projector;
    ASSERT_TRUE(moveSplitter(&view.layouts[2], {}, 0, 40.0, {0, 0, 800, 600}));
    ASSERT_TRUE(addPanelToLayout(&view.layouts[1], "precision"));
    view.lessonProgress["/lessons/a.md"] = 3;  // where the student left each lesson
    view.lessonProgress["/lessons/b.md"] = 0;
    ASSERT_FALSE(saveSettings(path, view));
    ViewState loaded;
    EXPECT_FALSE(loadSettings(path, &loaded));
    EXPECT_EQ(loaded.theme, Theme::Projector);
    EXPECT_EQ(loaded.lessonProgress, view.lessonProgress);
    for (int w = 0; w < kWorkspaceCount; ++w)
        EXPECT_EQ(loaded.layouts[w], view.layouts[w]) << w;
    // A broken layout is reported, and that workspace keeps its default.
    {
        std::ofstream out(path);
        out << R"({"layouts": {"geometry": {"split": "row", "fractions": [1], "children": ["x"]}}})";
    }
    ViewState fallback;
    const auto warning = loadSettings(path, &fallback);
    ASSERT_TRUE(warning);
    EXPECT_NE(warning->find("geometry"), std::string::npos) << *warning;
    EXPECT_EQ(fallback.layouts[1], defaultLayouts()[1]);
    std::filesystem::remove(path);
}

TEST_F(Presenter, TrainerStepsExactlyOncePerFrameWhateverIsOnScreen) {
    state().view.workspace = Workspace::Training;
    frames(2);
    TrainingState& ts = state().training;
    ASSERT_TRUE(ts.trainable);
    ts.stepsPerFrame = 1;
    ts.playing = true;
    auto stepsOver = [&](int n) {
        const long long before = totalSteps(ts);
        frames(n);
        return totalSteps(ts) - before;
    };
    EXPECT_EQ(stepsOver(10), 10);  // all three training panels on screen
    ASSERT_FALSE(focusPanels(state(), {"classifier"}));
    EXPECT_EQ(stepsOver(10), 10);
    ASSERT_FALSE(focusPanels(state(), {"simplex"}));  // none of the training panels
    EXPECT_EQ(stepsOver(10), 10);
    restoreLayout(state());
    state().view.workspace = Workspace::LogitLab;  // another workspace: the run goes on
    EXPECT_EQ(stepsOver(10), 10);
}

TEST_F(Presenter, DescendWorksThroughItsFunctionWithNoSurfaceOnScreen) {
    ASSERT_EQ(state().view.workspace, Workspace::LogitLab);
    const double lossBefore = state().derived.losses[0].value;
    const Vec start = state().model.logits;
    ASSERT_TRUE(startSurfaceDescent(state()));
    frames(20);
    EXPECT_FALSE(panelDrawn("surface"));
    EXPECT_EQ(state().panels.surface.descentShown, 21);
    EXPECT_LT(state().derived.losses[0].value, lossBefore);
    resetSurfaceDescent(state());
    frames(1);
    EXPECT_EQ(state().model.logits, start);
}

TEST_F(Presenter, BlankScreenIsBlackUntilAnyKey) {
    key(keys::kB);
    ASSERT_TRUE(state().presenter.blank);
    session->renderFrame();
    const Image image = session->capture();
    session->present();
    for (std::size_t i = 0; i < image.rgba.size(); i += 4 * 997) {
        ASSERT_EQ(image.rgba[i] + image.rgba[i + 1] + image.rgba[i + 2], 0) << i;
    }
    const Vec logits = state().model.logits;
    key(keys::kR);  // any key: back, and R does not also randomize the logits
    EXPECT_FALSE(state().presenter.blank);
    EXPECT_EQ(state().model.logits, logits);
}

TEST_F(Presenter, HideControlsLeavesThePlotsMoreRoomAndDraggingStillWorks) {
    const float withControls = state().panels.logits.barsTransform.height;
    key(keys::kH);
    ASSERT_TRUE(state().presenter.hideControls);
    frames(2);
    const plot::Transform t = state().panels.logits.barsTransform;
    EXPECT_GT(t.height, withControls + 10);
    // Drag the true class's bar up: the logit follows, controls or not.
    const int y = state().model.trueClass;
    const double before = state().model.logits[y];
    drag(std::floor(t.toPixelX(y)), std::floor(t.toPixelY(before * 0.5)), 0.0f, -40.0f);
    EXPECT_GT(state().model.logits[y], before + 0.5);
    key(keys::kH);
    EXPECT_FALSE(state().presenter.hideControls);
}

TEST_F(Presenter, F11AsksForFullScreenWhichHeadlessCannotGive) {
    key(keys::kF11);
    EXPECT_FALSE(state().requests.fullscreen);  // the session took the request
    EXPECT_FALSE(state().presenter.fullscreen);
}

TEST_F(Presenter, NextAndPreviousStepThroughThePresets) {
    const std::vector<Preset> presets = listPresets();
    ASSERT_GE(presets.size(), 3u);
    moveTo(-100, -100);  // over no panel
    key(keys::kPageDown);
    EXPECT_EQ(state().scenePath, presets[0].path);
    key(keys::kRight);
    EXPECT_EQ(state().scenePath, presets[1].path);
    key(keys::kPageUp);
    EXPECT_EQ(state().scenePath, presets[0].path);
    key(keys::kLeft);  // nothing before the first
    EXPECT_EQ(state().scenePath, presets[0].path);
}

TEST_F(Presenter, OverTheLossSurfaceNextTakesOneDescentStep) {
    state().view.workspace = Workspace::Geometry;
    frames(3);
    const ImRect surface = panelRect("surface");
    moveTo(std::floor(surface.GetCenter().x), std::floor(surface.GetCenter().y));
    const Vec start = state().model.logits;
    const double lossBefore = state().derived.losses[0].value;
    key(keys::kRight);
    EXPECT_EQ(state().panels.surface.descentShown, 2);
    EXPECT_FALSE(state().panels.surface.descending);  // the clicker steps, not the frames
    EXPECT_LT(state().derived.losses[0].value, lossBefore);
    key(keys::kPageDown);
    EXPECT_EQ(state().panels.surface.descentShown, 3);
    key(keys::kLeft);
    key(keys::kPageUp);
    EXPECT_EQ(state().panels.surface.descentShown, 1);
    EXPECT_TRUE(state().model.logits.isApprox(start, 1e-12));
    EXPECT_TRUE(state().scenePath.empty());  // no preset was opened
}

TEST_F(Presenter, ProjectorThemeIsBlackOnWhiteWithThickerLines) {
    state().view.theme = Theme::Projector;
    state().requests.theme = true;
    frames(2);
    EXPECT_GT(plot::plotStyle().lineScale, 1.5f);
    EXPECT_GT(plot::plotStyle().markerScale, 1.2f);
    session->renderFrame();
    const Image image = session->capture();
    session->present();
    // The gap between panels shows the cleared background: white.
    const ImRect logits = panelRect("logits");
    const int x = static_cast<int>(logits.Max.x) + 2;
    const int y = static_cast<int>(logits.GetCenter().y);
    const std::size_t i = (static_cast<std::size_t>(y) * image.width + x) * 4;
    EXPECT_EQ(image.rgba[i], 255);
    EXPECT_EQ(image.rgba[i + 1], 255);
    EXPECT_EQ(image.rgba[i + 2], 255);
    const ImVec4 text = ImGui::GetStyle().Colors[ImGuiCol_Text];
    EXPECT_EQ(text.x + text.y + text.z, 0.0f);
    state().view.theme = Theme::Dark;
    state().requests.theme = true;
    frames(1);
    EXPECT_EQ(plot::plotStyle().lineScale, 1.0f);
}

TEST_F(Presenter, ATrainingPanelShownInAnotherWorkspaceGetsItsData) {
    ASSERT_EQ(state().view.workspace, Workspace::LogitLab);
    ASSERT_FALSE(state().training.initialized);
    // The Losses panel first: the workspace does not follow the classifier here.
    ASSERT_FALSE(focusPanels(state(), {"losses", "classifier"}));
    frames(2);
    const TrainingState& ts = state().training;
    EXPECT_TRUE(ts.initialized);
    EXPECT_EQ(ts.data.size(), ts.generator.points);
    EXPECT_TRUE(ts.trainable);
}

TEST_F(Presenter, TheKeyOrClickThatEndsABlankScreenDoesNothingElse) {
    state().view.workspace = Workspace::Training;
    frames(3);
    const TrainingState& ts = state().training;
    const Eigen::Index points = ts.data.size();
    key(keys::kB);
    ASSERT_TRUE(state().presenter.blank);
    key(keys::kSpace);  // would play
    EXPECT_FALSE(state().presenter.blank);
    EXPECT_FALSE(ts.playing);
    key(keys::kB);
    const plot::Transform& t = ts.classifier.transform;
    click(std::floor(t.left + 5), std::floor(t.top + 5));  // would add a point
    EXPECT_FALSE(state().presenter.blank);
    EXPECT_EQ(ts.data.size(), points);
    key(keys::kB);
    moveTo(std::floor(t.left + t.width / 2), std::floor(t.top + t.height / 2));
    key(keys::kF);  // would fill the workspace with the classifier
    EXPECT_FALSE(state().presenter.blank);
    EXPECT_TRUE(state().presenter.focus.empty());
    key(keys::kF);  // now it does
    EXPECT_EQ(state().presenter.focus, std::vector<std::string>{"classifier"});
}

TEST_F(Presenter, SteppingThroughPresetsKeepsThePresentersThemeAndScale) {
    state().view.theme = Theme::Projector;
    state().requests.theme = true;
    state().requests.uiScale = 1.5f;
    frames(2);
    moveTo(-100, -100);
    key(keys::kPageDown);
    key(keys::kPageDown);
    EXPECT_FALSE(state().scenePath.empty());
    EXPECT_EQ(state().view.theme, Theme::Projector);
    EXPECT_FLOAT_EQ(state().view.uiScale, 1.5f);
    EXPECT_EQ(state().requests.uiScale, 0.0f);
    // A scene file of the user's own brings its saved theme back.
    const std::string preset =
        std::string(LOSSLAB_SOURCE_DIR) + "/assets/scenes/01-cat-car-frog.json";
    ASSERT_FALSE(openScene(preset, state()));
    frames(1);
    EXPECT_EQ(state().view.theme, Theme::Dark);
    EXPECT_FLOAT_EQ(state().view.uiScale, 1.0f);
}

TEST_F(Presenter, ASplitterStopsAtItsLimitAndFollowsThePointerBack) {
    const ImRect logits = panelRect("logits");
    const ImRect softmax = panelRect("softmax");
    const float gapX = std::floor((logits.Max.x + softmax.Min.x) * 0.5f);
    const float y = std::floor(logits.GetCenter().y);
    // Far right, past the softmax column's minimum, then back to 100 px right of the start.
    press(gapX, y);
    for (int i = 1; i <= 5; ++i)
        moveTo(gapX + 150.0f * i, y);
    const ImRect squeezed = panelRect("softmax");
    EXPECT_NEAR(squeezed.GetWidth() + 6.0f, kMinLayoutFraction * area().w, 2.0f);
    for (int i = 1; i <= 5; ++i)
        moveTo(gapX + 750.0f - 130.0f * i, y);
    release();
    // The boundary is where the pointer is: 100 px right of where it started.
    EXPECT_NEAR(panelRect("logits").GetWidth() - logits.GetWidth(), 100.0f, 1.5f);
}

TEST_F(Presenter, ASceneWhoseLayoutNamesAPanelTwiceIsRefusedWhole) {
    Scene scene;
    scene.view.layouts["logit_lab"] =
        layoutRow({layoutLeaf("logits"), layoutLeaf("logits")}, {0.5, 0.5});
    scene.logits.logits = (Vec(3) << 1.0, 2.0, 3.0).finished();
    const std::string path =
        (std::filesystem::temp_directory_path() / "losslab-twice.json").string();
    {
        std::ofstream out(path);
        out << formatScene(scene);
    }
    const Vec logits = state().model.logits;
    const auto error = openScene(path, state());
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("twice"), std::string::npos) << *error;
    EXPECT_EQ(state().model.logits, logits);
    EXPECT_EQ(currentLayout(state()), defaultLayouts()[0]);
    std::filesystem::remove(path);
}

TEST_F(Presenter, TheInspectedPointsLossesFollowTheWeightsWithTheClassifierHidden) {
    state().view.workspace = Workspace::Training;
    frames(3);
    TrainingState& ts = state().training;
    ts.classifier.inspected = 7;
    ts.classifier.inspectedDataRevision = ts.dataRevision;
    ASSERT_FALSE(focusPanels(state(), {"losses"}));
    ts.stepsPerFrame = 5;
    ts.playing = true;
    frames(20);
    ts.playing = false;
    frames(1);
    const std::optional<InspectedPoint>& point = state().panels.losses.inspected;
    ASSERT_TRUE(point);
    const RowMatrix x = ts.data.points.row(7);
    const Vec now = displayModel(ts)
                        ->scores(computeFeatures(ts.config.features, x, ts.config.rbfWidth))
                        .row(0)
                        .transpose();
    EXPECT_TRUE(point->scores.isApprox(now, 1e-12)) << point->scores.transpose();
    EXPECT_GT(now.norm(), 0.0);  // trained away from the zero start
}

TEST_F(Presenter, EscClosesTheTopmostThingOnly) {
    ASSERT_FALSE(focusPanels(state(), {"simplex"}));
    state().presenter.showHelp = true;
    key(keys::kEscape);
    EXPECT_FALSE(state().presenter.showHelp);
    EXPECT_EQ(state().presenter.focus, std::vector<std::string>{"simplex"});
    key(keys::kEscape);
    EXPECT_TRUE(state().presenter.focus.empty());
}

TEST_F(Presenter, SwitchingWorkspaceEndsTheFocusAndASplitterDrag) {
    ASSERT_FALSE(focusPanels(state(), {"precision"}));
    state().presenter.splitterIndex = 0;
    switchWorkspace(state(), Workspace::Geometry);
    EXPECT_TRUE(state().presenter.focus.empty());
    EXPECT_EQ(state().presenter.splitterIndex, -1);
    // A preset in another workspace switches too.
    ASSERT_FALSE(focusPanels(state(), {"precision"}));
    const std::string training =
        std::string(LOSSLAB_SOURCE_DIR) + "/assets/scenes/09-cs231n-toy.json";
    Scene scene;
    ASSERT_FALSE(loadSceneFile(training, &scene));
    ASSERT_EQ(scene.view.workspace, "training");
    ASSERT_FALSE(openScene(training, state(), ScenePresentation::Keep));
    EXPECT_EQ(state().view.workspace, Workspace::Training);
    EXPECT_TRUE(state().presenter.focus.empty());
}

}  // namespace
}  // namespace losslab
