#pragma once
// Scene files: everything a user set, as versioned JSON. A scene is parsed completely and
// validated before anything uses it, so a bad file changes nothing; every error names the
// field ("logits.values[2]: not a finite number"). Formatting is deterministic: a scene
// opened and saved again is byte-for-byte the same file.
//
// Limits (documented in the README): K ≤ 20 logits in the logit lab, K ≤ 1000 classes in a
// dataset, N ≤ 1,000,000 points, files ≤ 64 MB, class names ≤ 64 bytes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/classifier.hpp"
#include "losslab/dataset.hpp"
#include "losslab/layout.hpp"
#include "losslab/losses.hpp"
#include "losslab/point_diagnostics.hpp"
#include "losslab/regression.hpp"
#include "losslab/trainer.hpp"

namespace losslab {

inline constexpr int kSceneVersion = 1;
inline constexpr std::uintmax_t kMaxSceneBytes = 64u * 1024u * 1024u;
inline constexpr int kMaxSceneLogits = 20;
inline constexpr std::size_t kMaxClassNameBytes = 64;

struct SceneLogits {
    std::vector<std::string> classNames = {"cat", "car", "frog"};
    Vec logits = (Vec(3) << 3.2, 5.1, -1.7).finished();
    int trueClass = 0;
    bool useSoftTarget = false;
    Vec softTarget = (Vec(3) << 1.0, 0.0, 0.0).finished();
    LossOptions options;
    Loss selectedLoss = Loss::CrossEntropy;
};

// Play pauses by itself when the training loss falls below `lossBelow` or after `afterSteps`
// updates (0 turns each off; docs/command-line.md, "stop").
struct TrainingStopRule {
    double lossBelow = 0.0;
    long long afterSteps = 0;
    bool operator==(const TrainingStopRule& o) const {
        return lossBelow == o.lossBelow && afterSteps == o.afterSteps;
    }
    bool operator!=(const TrainingStopRule& o) const { return !(*this == o); }
};

struct SceneTraining {
    GeneratorOptions generator;
    Dataset data;  // the points as the user left them (may differ from the generator)
    double testFraction = 0.2;
    TrainerConfig config;
    std::optional<LinearClassifier> model;  // the weights when saved, if training had started
    long long step = 0;                     // updates that produced `model`
    TrainingStopRule stop;                  // written only when one of its parts is on
};

// The Regression workspace (regression.hpp): its points, loss and gradient-descent settings.
struct SceneRegression {
    // What Regenerate draws. By default lecture 004's picture: 40 points on the line and three
    // outliers (seed 3 puts them where they tilt the l2 line and leave the l1 line alone).
    LineDatasetOptions dataset = {43, 0.3, 3, 3};
    RegressionData data;        // the points as the user left them; empty: drawn from `dataset`
    RegressionOptions options;  // loss, δ, λ2
    Optimizer optimizer = Optimizer::Sgd;
    double learningRate = 0.1;
    double momentum = 0.0;
};

struct SceneView {
    std::string workspace = "logit_lab";  // logit_lab, geometry, training, regression
    std::string theme = "dark";           // dark, light, projector
    double uiScale = 1.0;                 // 0.75 … 2.5
    double surfaceHalfWidth = 6.0;        // loss-surface window
    std::vector<int> simplexClasses = {0, 1, 2};
    // How the Classifier sizes its training points (classifier_point_size: equal,
    // gradient_share). Written only when not equal, so that older scenes save back as they were.
    PointSizing classifierPointSizing = PointSizing::Equal;
    // Workspace key (sceneWorkspaceKeys) → that workspace's panel layout, whose leaves are
    // knownPanelNames(). Empty: the app's defaults. Only those keys are saved.
    std::map<std::string, LayoutNode> layouts;
};

struct Scene {
    int version = kSceneVersion;
    std::string title;  // shown in the window title and the Presets menu
    std::string note;   // a paragraph shown in the app (what to try, what to see)
    SceneLogits logits;
    SceneTraining training;  // training.data empty: the app generates it from `generator`
    // Written only when set, so that scenes from before the Regression workspace stay as they
    // were; a scene without it opens with the workspace's defaults.
    std::optional<SceneRegression> regression;
    SceneView view;
};

// The workspaces a scene may name (view.workspace, view.layouts): logit_lab, geometry, training,
// regression.
// The app's Workspace enum follows this order.
const std::vector<std::string>& sceneWorkspaceKeys();
// The themes a scene may name (view.theme): dark, light, projector; the app's Theme enum
// follows this order.
const std::vector<std::string>& sceneThemeKeys();
// "a, b, c": a list of keys for an error message.
std::string joinKeys(const std::vector<std::string>& keys);

// K becomes `classes`: the first names, logits and target entries are kept; new classes get
// logit 0 and the name "class k" (the next number not taken); the soft target is renormalized
// (uniform if nothing is left of it); the true class is clamped. What the app's class-count
// edit and a lesson's `logits`/`classes` keys both do.
void resizeClasses(int classes, std::vector<std::string>* names, Vec* logits, Vec* softTarget,
                   int* trueClass);

// Parses and validates. On error `out` is untouched.
std::optional<std::string> parseScene(std::string_view json, Scene* out);
// Deterministic JSON (two-space indent, fixed key order, shortest round-trip numbers).
std::string formatScene(const Scene& scene);
// Reads at most kMaxSceneBytes from a regular file and parses it.
std::optional<std::string> loadSceneFile(const std::string& path, Scene* out);
// Writes atomically: a temporary file in the same folder, fsync, then rename over `path`;
// a crash at any moment leaves either the old file or the new one, never a torn one.
std::optional<std::string> writeFileAtomically(const std::string& path, std::string_view contents);
std::optional<std::string> saveSceneFile(const std::string& path, const Scene& scene);

}  // namespace losslab
