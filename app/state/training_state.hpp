#pragma once
// The Training workspace's state: the dataset and its split, the trainer and its settings,
// the point-edit undo history, and the per-panel state of the Classifier, Training and
// Landscape panels (one struct each). Operations on it live in training_edit.hpp.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "losslab/calibration.hpp"
#include "losslab/dataset.hpp"
#include "losslab/decision.hpp"
#include "losslab/landscape.hpp"
#include "losslab/point_splat.hpp"
#include "losslab/scene.hpp"
#include "losslab/trainer.hpp"
#include "plot/ticks.hpp"
#include "state/background_job.hpp"
#include "state/panel_states.hpp"

namespace losslab {

// The points with their train/test flags: what an undo step restores.
struct PointSet {
    Dataset data;
    std::vector<std::uint8_t> isTest;
};

// Snapshots of the points before each edit (a drag is one edit). Bounded both in entries and
// in points held, so that editing a 100 000-point dataset does not keep gigabytes around.
struct PointEditHistory {
    std::vector<PointSet> undo;
    std::vector<PointSet> redo;
    static constexpr std::size_t kMaxEntries = 50;
    static constexpr Eigen::Index kMaxPoints = 2000000;  // summed over the entries of a stack
};

// Measurements kept for the curves, by the trainer and in the archive each: a run of millions of
// steps keeps this many, evenly spaced (thinned_series.hpp), so memory and the work to draw the
// curves stay bounded. A curve plot is a few hundred pixels wide.
inline constexpr std::size_t kCurveHistoryCapacity = 4096;

// The measurements of the whole run. The trainer restarts its own history whenever the data
// change (it precomputes the features), so segments before the last restart are kept here
// with their steps counted from the start of the run.
struct TrainingRun {
    // Earlier segments, steps already offset.
    ThinnedSeries<Measurement> archived{kCurveHistoryCapacity};
    long long stepOffset = 0;          // steps before the trainer's current segment
    std::vector<long long> dataEdits;  // steps at which the data changed (curve markers)
    ParameterPath path{4096};          // θ after each step, for the landscape
};

// ------------------------------------------------------------------ panel states

enum class ClassifierDrag { None, MovePoint, EraseBox, Pan };

// From this many points on, the scores of every point are computed off the UI thread.
inline constexpr Eigen::Index kOffThreadScoringPoints = 20000;

// The scores of every point and what the status line counts of them.
struct PointScoring {
    PointScores scores;
    Eigen::Index misclassified = 0;
    Eigen::Index insideMargin = 0;  // correct but with margin < Δ (hinge losses)
    Eigen::Index trainWrong = 0;    // misclassified training points
    Eigen::Index testWrong = 0;     // misclassified test points
};

// The points as of one dataRevision, shared read-only by the jobs that work on them off the UI
// thread: one copy per change of the points instead of one per job started (a copy of 10⁶
// points took the UI thread ~5 ms, and while training plays a job starts every few frames).
// The training and test sets are not in it: a job that needs them splits the points itself
// (splitByMask), off the UI thread.
struct PointsSnapshot {
    std::uint64_t dataRevision = 0;
    Dataset data;
    std::vector<std::uint8_t> isTest;
};

// A decision-region raster and what it shows.
struct RegionResult {
    Rgba8Image image;
    DecisionView view;
    RegionStyle style;
    std::string error;
    std::uint64_t key = 0;  // of the inputs it was drawn from
};

// A splatted image of the points and what it shows.
struct SplatResult {
    Rgba8Image image;
    DecisionView view;
    Eigen::Index leftOut = -1;
    std::uint64_t key = 0;  // of the inputs it was drawn from
    bool ok = false;
};

struct ClassifierPanelState {
    // The data view: centre and half-height in data units; the width follows the plot's aspect
    // so that a circle stays round.
    double centreX = 0.0;
    double centreY = 0.0;
    double halfHeight = 1.35;
    plot::Transform transform;  // where the plot was drawn last frame (hit tests, tests)
    // What the images were drawn for: the background they blend into and the size of a point
    // (font size × the theme's marker scale, in pixels). The draw step (or a figure) sets them.
    Rgb8 background{0, 0, 0};
    float pointScale = 1.0f;

    // Decision-region raster and its texture, recomputed when the key changes.
    bool hardRegions = false;
    bool showPoints = true;
    bool showBoundaries = true;
    bool showWeights = true;
    bool showMargins = true;
    std::uint64_t regionKey = ~std::uint64_t{0};
    DecisionView regionView;  // the view the raster covers
    RegionStyle regionStyle;  // and the shading it used (tests compute expected colours)
    Rgba8Image regionImage;
    std::uint64_t regionImageRevision = 0;  // bumped when regionImage changes
    DecisionWorkspace regionWorkspace;
    std::string regionError;
    // From kOffThreadScoringPoints training points on (when the frames must stay lean beside a
    // busy training thread) the raster is computed off the UI thread, the last one staying.
    BackgroundJob<RegionResult> regionJob;
    // Boundaries (0-contours of the class margins) and hinge margin lines (Δ-contours).
    std::uint64_t contourKey = ~std::uint64_t{0};
    std::vector<Grid> margins;
    std::vector<ContourLevel> boundaries;   // one entry per class
    std::vector<ContourLevel> marginLines;  // one entry per class (hinge losses only)
    DecisionWorkspace contourWorkspace;
    // Many points are drawn into an image (point_splat.hpp) instead of one shape each; from
    // kOffThreadScoringPoints on, off the UI thread (10⁶ points take most of a second), the
    // last image staying meanwhile. While a point is dragged the image leaves it out and it is
    // drawn on its own where the mouse has it, so the image is not redrawn every frame.
    std::uint64_t splatKey = ~std::uint64_t{0};
    DecisionView splatView;
    Rgba8Image splatImage;
    std::uint64_t splatImageRevision = 0;
    Eigen::Index splatLeftOut = -1;  // the point the shown image leaves out, −1 for none
    BackgroundJob<SplatResult> splatJob;
    // Scores of every point, for marks and hover read-outs.
    std::uint64_t pointsKey = ~std::uint64_t{0};
    PointScores pointScores;
    Eigen::Index misclassified = 0;
    Eigen::Index insideMargin = 0;  // correct but with margin < Δ (hinge losses)
    Eigen::Index trainWrong = 0, testWrong = 0;
    BackgroundJob<PointScoring> pointsJob;  // many points: the scores of a newer model

    // Mouse interaction.
    ClassifierDrag drag = ClassifierDrag::None;
    Eigen::Index dragPoint = -1;
    double grabOffsetX = 0.0, grabOffsetY = 0.0;  // point − mouse when a move started
    double boxStartX = 0.0, boxStartY = 0.0;      // data coordinates of an erase box's corner
    int panButton = -1;                           // 1 (right) or 2 (middle) while panning
    ImVec2 pressPos{0, 0};                        // where that button went down
    double panStartX = 0.0, panStartY = 0.0;      // view centre when panning started
    bool panMoved = false;                        // the press moved: a pan, not a right-click erase
    Eigen::Index hovered = -1;
    std::uint64_t hoverKey = 0;  // the mouse, view and points hoverHit was found for
    Eigen::Index hoverHit = -1;
    // The point whose losses the Losses panel shows in this workspace: the last one hovered,
    // while the points are as they were then (dataRevision); −1 for none.
    Eigen::Index inspected = -1;
    std::uint64_t inspectedDataRevision = 0;

    // Points CSV.
    std::string csvPath = "points.csv";
    std::string csvMessage;
    bool csvError = false;
};

// A reliability diagram, or why there is none.
struct ReliabilityResult {
    ReliabilityDiagram diagram;
    std::string error;
};

struct TrainingPanelState {
    bool logLoss = false;     // log-scale y axis of the loss and gradient-norm curves
    bool weightNorm = false;  // the bottom curve shows ‖W‖_F instead of ‖∇L‖
    std::uint64_t reliabilityKey = ~std::uint64_t{0};
    double reliabilityTime = -1.0;
    bool reliabilityOnTest = false;  // the diagram on the test set instead of the training set
    int reliabilityBins = 10;
    ReliabilityDiagram reliability;
    std::string reliabilityError;
    // Many points (kOffThreadScoringPoints): the diagram is computed off the UI thread.
    BackgroundJob<ReliabilityResult> reliabilityJob;
    // The loss, accuracy and gradient-norm plots as drawn last frame (hover read-out, tests).
    std::array<plot::Transform, 3> curveTransforms;
    long long hoverStep = -1;  // step under the mouse (read-out), or −1
    // The objective of the current weights (data loss and regularization apart), measured by the
    // update step whenever the weights or the settings changed (a scaled W before any step);
    // while training plays, a few times a second (a measurement is a pass over the data).
    std::optional<Measurement> objectiveNow;
    std::uint64_t objectiveKey = ~std::uint64_t{0};
    double objectiveTime = -1.0;  // UI clock of the last measurement
    // Decimated series, rebuilt every frame; kept here so their storage is reused.
    std::vector<double> xs, ys, plotXs, plotYs;
};

// A landscape slice computed off the UI thread, or why there is none.
struct LandscapeResult {
    LandscapeSlice slice;
    std::string error;
    long long step = 0;  // the run's step it shows
};

struct LandscapePanelState {
    SliceDirections directions = SliceDirections::RandomFilterNormalized;
    int entryA = 0, entryB = 1;  // WeightEntries: entries of θ = [W | b]
    std::uint64_t seed = 1;
    double zoom = 1.0;  // multiplies the automatic half-width
    int resolution = 33;
    HeatmapCache heatmap;
    LandscapeSlice slice;
    LandscapeWorkspace workspace;
    std::vector<Eigen::Vector2d> projectedPath;  // the path on the slice, as computed
    std::uint64_t computedKey = ~std::uint64_t{0};
    double computedTime = -1.0;  // ImGui time of the last computation (throttles it)
    long long computedStep = 0;
    std::uint64_t settingsRevision = 0;
    plot::Transform transform;
    // Many training points (kOffThreadScoringPoints): the slice is computed off the UI thread.
    BackgroundJob<LandscapeResult> job;
};

// ------------------------------------------------------------------ the worker's view

class TrainingWorker;  // training_worker.hpp

// The trainer as it was after the worker's latest finished step (training_worker.hpp): what the
// panels show while the worker trains on its own copy of the state.
struct TrainerView {
    bool ready = false;
    bool diverged = false;
    std::string message;  // Trainer::message()
    long long steps = 0;  // of the trainer's current segment
    long long epochs = 0;
    LinearClassifier model;
    std::vector<Measurement> history;    // of the current segment, as Trainer::history()
    std::optional<Measurement> current;  // the model itself on all the data (Trainer::measure())
};

// ------------------------------------------------------------------ the workspace

inline constexpr int kMaxTrainingClasses = 10;
inline constexpr int kMaxStepsPerFrame = 1000;
// Training is allowed this much of a frame (milliseconds) when many steps are asked for.
inline constexpr double kTrainingFrameBudgetMs = 12.0;

struct TrainingState {
    bool initialized = false;  // the first frame of the workspace generates the dataset

    GeneratorOptions generator;  // the preset the dataset came from
    double testFraction = 0.2;
    std::uint64_t splitSeed = 1;
    Dataset data;                      // every point (the user may edit them)
    std::vector<std::uint8_t> isTest;  // one flag per point of `data`, 1 = test
    Dataset train, test;               // the split, rebuilt when the points change
    int currentClass = 0;              // class of points added by a click
    bool addAsTest = false;
    PointEditHistory edits;

    TrainerConfig config;
    Trainer trainer;
    bool trainable = false;  // the trainer holds the current data (false: e.g. no points)
    std::string trainerError;
    std::string notice;          // what the last settings change did ("training restarted")
    bool noticeIsError = false;  // the notice is a refused setting, not what a change did
    bool playing = false;
    int stepsPerFrame = 1;
    TrainingStopRule stopRule;  // set with setStopRule (training_edit.hpp)
    std::string stopReason;     // why Play paused by itself ("stopped: loss 0.049 < 0.05 at …")
    TrainingRun run;

    // The app trains on a worker thread (training_worker.hpp): edits then change the points and
    // settings here at once and reach the worker's copy of this state in order; `trainer` stays
    // unused, and `shown`, `run`, `trainable` and `trainerError` are the worker's, as of its latest
    // finished step. Null (tests, the command line): `trainer` steps on the calling thread.
    // Shared only to allow an incomplete type here; one TrainingState owns it.
    std::shared_ptr<TrainingWorker> worker;
    TrainerView shown;
    std::uint64_t shownCommands = 0;       // worker commands applied in `shown`
    std::uint64_t shownModelRevision = 0;  // the worker's modelRevision in `shown`
    std::uint64_t shownPauses = 0;         // the worker's count of Play pausing by itself
    double stepsPerSecond = 0.0;           // the worker's training speed, 0 when idle

    // Revision counters: bumped whenever the points (dataRevision), the weights or the data
    // they were measured on (modelRevision) or the settings (configRevision) change.
    std::uint64_t dataRevision = 0;
    std::uint64_t modelRevision = 0;
    std::uint64_t configRevision = 0;
    std::shared_ptr<const PointsSnapshot> pointsSnapshot;  // sharedPoints() keeps it current
    // When the latest changes of the points were moves of one point (a drag), that point and
    // the dataRevision before its first move: a view of many points can draw the others once
    // and this one on its own while it moves. Holds while dataRevision == movingUntil.
    Eigen::Index movingPoint = -1;
    std::uint64_t movingSince = 0;
    std::uint64_t movingUntil = 0;
    // Loading a scene replaces `generator`, `data` and `config` directly and bumps
    // AppState::sceneRevision; the next frame notices and restarts training on them (an empty
    // `data` is generated from `generator`). A scene's saved weights go in pendingModel and are
    // taken as the starting point when their shape fits the data and features.
    std::uint64_t seenSceneRevision = 0;
    std::optional<LinearClassifier> pendingModel;

    ClassifierPanelState classifier;
    TrainingPanelState curves;
    LandscapePanelState landscape;
};

}  // namespace losslab
