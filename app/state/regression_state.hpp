#pragma once
// The Regression workspace's state (lecture 004: which loss a line fit minimizes, and what
// noise it assumes): the points, the loss and its options, a gradient-descent run taken one
// step at a time, the exact fits of every loss, the point-edit undo history, and one state
// struct per panel (Fit, Regression surface, Residuals and likelihood, Controls). Operations
// on it live in regression_edit.hpp; the math is core's (losslab/regression.hpp).
#include <imgui.h>  // ImVec2 only: where the mouse went down

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losslab/regression.hpp"
#include "losslab/scene.hpp"
#include "plot/ticks.hpp"
#include "state/panel_states.hpp"

namespace losslab {

// Snapshots of the points before each edit (a drag is one edit), bounded like the Training
// workspace's (training_state.hpp).
struct RegressionEditHistory {
    std::vector<RegressionData> undo;
    std::vector<RegressionData> redo;
    static constexpr std::size_t kMaxEntries = 50;
    static constexpr Eigen::Index kMaxPoints = 2000000;  // summed over the entries of a stack
};

// The exact minimizer of every loss on the current points and options (index: the loss's
// place in kAllRegressionLosses), with what each point contributes under the chosen loss.
struct RegressionFits {
    std::uint64_t key = ~std::uint64_t{0};  // data and options they were computed for
    std::array<std::optional<ExactFit>, kAllRegressionLosses.size()> fits;
    std::string error;  // why there is no fit ("fewer than 2 points", "all x are equal")
    // Of the chosen loss's fit: r_i, |∂L/∂ŷ_i| and the two noise models fitted to r.
    Vec residuals;
    Vec weights;
    RegressionLikelihood likelihood;
};

// The line under gradient descent, one update per Step (or per frame while playing).
struct RegressionRun {
    RegressionDescentState descent;
    bool ready = false;  // `descent` was started on the current points and settings
    std::string error;   // why it could not start (too few points)
    // The lines it went through, for the surface: thinned to every other one when full, so
    // that a long run keeps its whole shape in bounded memory.
    std::vector<RegressionLine> path;
    long long pathStride = 1;  // steps between consecutive entries of `path`
    bool playing = false;
    int stepsPerFrame = 1;
    static constexpr std::size_t kMaxPath = 4096;
};

inline constexpr int kMaxRegressionStepsPerFrame = 200;

// ------------------------------------------------------------------ panel states

enum class FitDrag { None, MovePoint };

struct FitPanelState {
    plot::Range viewX{-1.0, 1.0}, viewY{-1.0, 1.0};  // data view
    bool viewStale = true;                           // fit the view to the points on the next frame
    plot::Transform transform;  // where the plot was drawn last frame (hit tests, tests)
    FitDrag drag = FitDrag::None;
    Eigen::Index dragPoint = -1;
    double grabOffsetX = 0.0, grabOffsetY = 0.0;  // point − mouse when a move started
    bool rightPressed = false;                    // a right click in progress (erase on release)
    Eigen::Index hovered = -1;
    std::string csvPath = "regression.csv";
    std::string csvMessage;
    bool csvError = false;
};

// The surface's cache: its colour bar names the objective J(w, b) of regression.hpp.
inline HeatmapCache objectiveHeatmap() {
    HeatmapCache cache;
    cache.valueSymbol = "J";
    return cache;
}

struct RegressionSurfacePanelState {
    double zoom = 1.0;  // multiplies the automatic half-widths of the (w, b) window
    int resolution = 101;
    HeatmapCache heatmap = objectiveHeatmap();
    plot::Transform transform;
};

// The histogram of the residuals: counts per bin over [low, low + bins·width).
struct ResidualHistogram {
    double low = 0.0;
    double width = 1.0;
    std::vector<int> counts;
};

struct ResidualsPanelState {
    std::uint64_t key = ~std::uint64_t{0};
    ResidualHistogram histogram;
    plot::Transform transform;
};

// ------------------------------------------------------------------ the workspace

struct RegressionState {
    bool initialized = false;  // the first frame of the workspace draws the dataset

    LineDatasetOptions dataset = SceneRegression{}.dataset;  // what Regenerate draws
    RegressionData data;                                     // the points (the user may edit them)
    RegressionOptions options;                               // the chosen loss, δ, λ2
    RegressionDescentConfig descent;  // optimizer, learning rate, momentum (steps unused)
    RegressionEditHistory edits;
    std::uint64_t outliersAdded =
        0;  // seeds "Add outlier", so that the same clicks give the same points

    RegressionFits fits;
    RegressionRun run;
    std::string notice;  // what the last action did or why it was refused
    bool noticeIsError = false;

    // Bumped when the points (dataRevision) or the loss options (optionsRevision) change.
    std::uint64_t dataRevision = 0;
    std::uint64_t optionsRevision = 0;
    // A scene replaces the fields above and bumps AppState::sceneRevision; the next frame
    // notices and starts over on them.
    std::uint64_t seenSceneRevision = 0;
    // The scene in use had a regression section: saving writes one even when it holds the
    // defaults (a scene without one stays without one while nothing here changes).
    bool sceneHasSection = false;

    FitPanelState fit;
    RegressionSurfacePanelState surface;
    ResidualsPanelState residuals;
};

}  // namespace losslab
