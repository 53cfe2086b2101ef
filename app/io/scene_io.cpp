#include "io/scene_io.hpp"

#include <algorithm>

#include "state/layout_edit.hpp"
#include "state/training_edit.hpp"

namespace losslab {

namespace {

bool isDefaultRegression(const SceneRegression& r) {
    const SceneRegression d;
    return r.dataset.points == d.dataset.points && r.dataset.noise == d.dataset.noise &&
           r.dataset.outliers == d.dataset.outliers && r.dataset.seed == d.dataset.seed &&
           r.data.size() == 0 && r.options.loss == d.options.loss &&
           r.options.delta == d.options.delta && r.options.l2 == d.options.l2 &&
           r.optimizer == d.optimizer && r.learningRate == d.learningRate &&
           r.momentum == d.momentum;
}

}  // namespace

Scene sceneFromState(const AppState& state) {
    Scene scene;
    scene.title = state.sceneTitle;
    scene.note = state.sceneNote;
    const ModelState& m = state.model;
    scene.logits.classNames = m.classNames;
    scene.logits.logits = m.logits;
    scene.logits.trueClass = m.trueClass;
    scene.logits.useSoftTarget = m.useSoftTarget;
    scene.logits.softTarget = m.softTarget;
    scene.logits.options = m.options;
    scene.logits.selectedLoss = m.selectedLoss;
    const TrainingState& t = state.training;
    scene.training.generator = t.generator;
    // Points that are exactly what the generator makes are not written out: the scene stays
    // small, and opening it regenerates them bit for bit.
    Dataset generated;
    const bool asGenerated = !generateDataset(t.generator, &generated) &&
                             generated.size() == t.data.size() &&
                             generated.points == t.data.points && generated.labels == t.data.labels;
    if (!asGenerated) scene.training.data = t.data;
    scene.training.data.classes = t.data.classes > 0 ? t.data.classes : t.generator.classes;
    scene.training.config = t.config;
    scene.training.stop = t.stopRule;
    if (hasWeights(t)) {
        scene.training.model = currentModel(t);
        scene.training.step = totalSteps(t);
    } else if (t.pendingModel) {
        scene.training.model = t.pendingModel;  // opened but not shown yet
    }
    const RegressionState& r = state.regression;
    SceneRegression regression;
    regression.dataset = r.dataset;
    // As for the training points: the dataset's own points are not written out.
    RegressionData drawn;
    const bool regressionAsGenerated = !generateLineDataset(r.dataset, &drawn) &&
                                       drawn.size() == r.data.size() && drawn.x == r.data.x &&
                                       drawn.y == r.data.y;
    if (!regressionAsGenerated) regression.data = r.data;
    regression.options = r.options;
    regression.optimizer = r.descent.optimizer;
    regression.learningRate = r.descent.learningRate;
    regression.momentum = r.descent.momentum;
    // Like the layouts, written only when it differs from what a scene without it opens with,
    // so that the presets from before the Regression workspace save back as they were.
    if (r.sceneHasSection || !isDefaultRegression(regression)) scene.regression = regression;
    scene.view.workspace = workspaceKey(state.view.workspace);
    scene.view.theme = themeKey(state.view.theme);
    scene.view.uiScale = state.view.uiScale;
    scene.view.surfaceHalfWidth = state.panels.surface.halfWidth;
    const SimplexClasses& shown = state.panels.simplex.shown;
    scene.view.simplexClasses = {shown.a, shown.b, shown.c};
    scene.view.classifierPointSizing = state.panels.pointShares.sizing;
    // Only layouts that differ from the defaults are written: a scene saved by a newer
    // LossLab with better defaults still opens with them.
    const std::array<LayoutNode, kWorkspaceCount> defaults = defaultLayouts();
    for (int w = 0; w < kWorkspaceCount; ++w) {
        if (state.view.layouts[w] != defaults[w])
            scene.view.layouts[workspaceKey(static_cast<Workspace>(w))] = state.view.layouts[w];
    }
    return scene;
}

std::optional<std::string> applyScene(const Scene& scene, AppState& state,
                                      ScenePresentation presentation) {
    const int k = static_cast<int>(scene.logits.logits.size());
    if (k < kMinLogitClasses || k > kMaxLogitClasses) {
        return "logits: the app shows 2 to 20 classes, the scene has " + std::to_string(k);
    }
    if (static_cast<int>(scene.logits.classNames.size()) != k ||
        scene.logits.softTarget.size() != k) {
        return std::string("logits: class names, values and soft target differ in length");
    }
    for (int c : scene.view.simplexClasses) {
        if (c < 0 || c >= k) return std::string("view.simplex_classes: class out of range");
    }
    // A scene without points asks for the generator's dataset.
    Dataset data = scene.training.data;
    if (data.size() == 0) {
        if (auto error = generateDataset(scene.training.generator, &data))
            return "training.generator: " + *error;
    }
    // The regression points: the scene's, or its dataset's (a scene from before the workspace:
    // the defaults).
    const SceneRegression regression = scene.regression.value_or(SceneRegression{});
    RegressionData regressionData = regression.data;
    if (regressionData.size() == 0) {
        if (auto error = generateLineDataset(regression.dataset, &regressionData))
            return "regression.dataset: " + *error;
    }
    // Everything checked: apply as a whole. Logits beyond the UI's range are clamped the
    // same way typed values are.
    ModelState m;
    m.classNames = scene.logits.classNames;
    m.logits = scene.logits.logits.cwiseMax(-kMaxAbsLogit).cwiseMin(kMaxAbsLogit);
    m.trueClass = scene.logits.trueClass;
    m.useSoftTarget = scene.logits.useSoftTarget;
    m.softTarget = scene.logits.softTarget;
    m.options = scene.logits.options;
    m.options.temperature = std::clamp(m.options.temperature, kMinTemperature, kMaxTemperature);
    m.selectedLoss = scene.logits.selectedLoss;
    state.model = m;
    state.touchModel();
    state.history.undo.clear();
    state.history.redo.clear();
    state.history.stable = state.model;

    state.training.generator = scene.training.generator;
    state.training.data = std::move(data);
    state.training.config = scene.training.config;
    state.training.stopRule = scene.training.stop;
    state.training.playing = false;
    state.training.pendingModel = scene.training.model;  // applied when its shape fits

    RegressionState& r = state.regression;
    r.dataset = regression.dataset;
    r.data = std::move(regressionData);
    r.options = regression.options;
    r.descent.optimizer = regression.optimizer;
    r.descent.learningRate = regression.learningRate;
    r.descent.momentum = regression.momentum;
    r.run.playing = false;  // the next frame starts over on them (sceneRevision)
    r.sceneHasSection = scene.regression.has_value();

    state.sceneTitle = scene.title;
    state.sceneNote = scene.note;
    ViewState& view = state.view;
    Workspace workspace = Workspace::LogitLab;
    workspaceFromKey(scene.view.workspace, &workspace);  // the parser accepted only known names
    switchWorkspace(state, workspace);
    state.presenter.splitterIndex = -1;  // a drag began on the layout the scene may replace
    if (presentation == ScenePresentation::FromScene) {
        Theme theme = Theme::Dark;
        themeFromKey(scene.view.theme, &theme);
        if (theme != view.theme) {
            view.theme = theme;
            state.requests.theme = true;
        }
        if (static_cast<float>(scene.view.uiScale) != view.uiScale)
            state.requests.uiScale = static_cast<float>(scene.view.uiScale);
    }
    // A scene's layouts replace the ones in use; a scene without them (older files, or
    // workspaces left as LossLab arranges them) keeps the panels where the user put them, so
    // that stepping through presets in a lecture does not undo the teacher's arrangement.
    for (const auto& [key, layout] : scene.view.layouts) {
        Workspace w;
        if (workspaceFromKey(key, &w) && !validateLayout(layout, knownPanelNames()))
            view.layouts[static_cast<int>(w)] = layout;
    }
    state.panels.surface.halfWidth = scene.view.surfaceHalfWidth;
    ++state.panels.surface.settingsRevision;
    state.panels.simplex.shown = {scene.view.simplexClasses[0], scene.view.simplexClasses[1],
                                  scene.view.simplexClasses[2]};
    ++state.panels.simplex.settingsRevision;
    state.panels.pointShares.sizing = scene.view.classifierPointSizing;
    ++state.sceneRevision;
    return std::nullopt;
}

std::optional<std::string> openScene(const std::string& path, AppState& state,
                                     ScenePresentation presentation) {
    Scene scene;
    if (auto error = loadSceneFile(path, &scene)) return error;
    if (auto error = applyScene(scene, state, presentation)) return path + ": " + *error;
    state.scenePath = path;
    return std::nullopt;
}

}  // namespace losslab

#include <filesystem>

#include "io/data_paths.hpp"

namespace losslab {

std::string presetFolder() {
    return dataPath("scenes");
}

std::vector<Preset> listPresets() {
    namespace fs = std::filesystem;
    std::vector<Preset> presets;
    std::error_code ec;
    for (fs::directory_iterator it(presetFolder(), ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".json") continue;
        Scene scene;
        if (loadSceneFile(it->path().string(), &scene)) continue;  // a broken preset is skipped
        presets.push_back(
            {scene.title.empty() ? it->path().stem().string() : scene.title, it->path().string()});
    }
    std::sort(presets.begin(), presets.end(),
              [](const Preset& a, const Preset& b) { return a.path < b.path; });
    return presets;
}

}  // namespace losslab
