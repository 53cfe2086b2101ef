#pragma once
// One state struct per panel (rule 3 of DESIGN.md: no UI state in function statics).
#include <imgui.h>  // ImVec2 only: where things were drawn, for hit tests

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "losslab/backprop.hpp"
#include "losslab/batch.hpp"
#include "losslab/colormap.hpp"
#include "losslab/contour.hpp"
#include "losslab/grid.hpp"
#include "losslab/losses.hpp"
#include "losslab/simplex.hpp"
#include "losslab/types.hpp"
#include "plot/ticks.hpp"
#include "state/point_views_state.hpp"
#include "state/surface_mesh.hpp"

namespace losslab {

struct LogitsPanelState {
    int dragging = -1;  // class whose bar is being dragged, or -1
    double dragStartLogit = 0.0;
    float dragStartMouseY = 0.0f;
    plot::Range frozenRange;  // the y range stays put while a bar is dragged
    int editing = -1;         // class whose value is typed in the popup
    double editValue = 0.0;
    double shiftBy = 1.0;  // "shift all by c"
    std::uint64_t randomSeed = 1;
    plot::Transform barsTransform;  // where the bars were drawn last frame (hit tests, tests)
};

// LSE(z) between its bounds max z ≤ LSE(z) ≤ max z + log K (lecture 000), in nats.
struct LogSumExpView {
    double value = 0.0;
    double lower = 0.0;  // max z
    double upper = 0.0;  // max z + log K
};

// K = 2 seen as one logit (lectures 000 and 004): p₁ = σ(d) with d = z₁ − z₀ = (s₁ − s₀)/τ, and
// cross-entropy equal to binary cross-entropy on d against q₁.
struct BinarySoftmaxView {
    double difference = 0.0;          // d = z₁ − z₀
    double p1 = 0.0;                  // σ(d)
    double target1 = 0.0;             // q₁ (smoothed as the target is)
    double crossEntropy = 0.0;        // the Losses panel's value, in the chosen log base
    double binaryCrossEntropy = 0.0;  // BCE(d, q₁) in the same base
};

struct SoftmaxPanelState {
    plot::Transform probsTransform;                      // the p bars as drawn last frame
    float sliderLeft = 0, sliderRight = 0, sliderY = 0;  // the temperature slider, pixels
    // Derived by the update step from the model.
    LogSumExpView logSumExp;
    std::optional<BinarySoftmaxView> binary;  // set only when K = 2
};

struct TargetPanelState {
    int dragging = -1;  // soft-target bar being dragged
};

// One training point seen through the losses: its scores s = W·φ(x) + b under the current
// weights, its label, and the Training panel's loss options.
struct InspectedPoint {
    Eigen::Index index = -1;
    bool test = false;
    Vec scores;
    int label = 0;
    LossOptions options;
    std::vector<LossValue> losses;  // indexed like kAllLosses
    double margin = 0.0;
};

struct LossesPanelState {
    bool logScaleBars = false;
    std::optional<InspectedPoint> inspected;  // set by the update step in the Training workspace
};

struct PrecisionPanelState {
    int multiplierExponent = 0;  // the logits shown are s × 10^exponent
};

// A heatmap with its contours and texture, recomputed only when its inputs change.
struct HeatmapCache {
    std::uint64_t inputsKey = ~std::uint64_t{0};  // revision the data was computed for
    Grid grid;
    std::vector<ContourLevel> contours;
    ColorScale scale;
    Rgba8Image image;
    std::uint64_t imageRevision = 0;  // bumped whenever `image` changes (the GPU copy follows)
    LossGridWorkspace workspace;
    std::string error;  // why the grid could not be computed, shown in the panel
    // The colour bar's name for the value: L for a loss, J for the regression objective.
    const char* valueSymbol = "L";
};

struct SimplexPanelState {
    SimplexClasses shown;  // the three classes at the corners (K > 3: the user's choice)
    HeatmapCache heatmap;
    TemperaturePath temperaturePath;
    Eigen::Vector3d point{1.0 / 3, 1.0 / 3, 1.0 / 3};       // current conditional p
    Eigen::Vector3d stepTarget{1.0 / 3, 1.0 / 3, 1.0 / 3};  // where −∇L moves it
    bool dragging = false;
    plot::Transform transform;  // the triangle's plot, last frame
    int resolution = 200;
    std::uint64_t settingsRevision = 0;          // bumped when a control of this panel changes
    std::uint64_t pointKey = ~std::uint64_t{0};  // what point, path and step were computed for
};

struct SurfacePanelState {
    int axisA = -1, axisB = -1;           // the two logits on the axes; -1: true class and rival
    double halfWidth = 6.0;               // the window is [s − half, s + half] in both logits
    double centreA = 0.0, centreB = 0.0;  // window centre (follows the logits unless descending)
    HeatmapCache heatmap;
    LogitPlaneGrid plane;
    std::optional<Loss> compareLoss;  // contours of a second loss on the same window
    HeatmapCache compare;
    LogitPlaneGrid comparePlane;
    // Gradient descent on the logits, animated one step per frame.
    double stepSize = 0.3;
    DescentPath descent;
    int descentShown = 0;  // rows of descent.logits revealed so far
    bool descending = false;
    std::optional<Vec> descentStart;  // logits before "Descend", for "Reset"
    plot::Transform transform;
    // Odd, so that the 3D view's mesh can take every other node and still span the window.
    int resolution = 161;
    std::uint64_t settingsRevision = 0;
    std::uint64_t ownRevision = 0;     // model revision after our own descent step
    int resolvedA = 0, resolvedB = 1;  // the axes in use this frame
};

struct Surface3DPanelState {
    OrbitCamera camera;
    std::uint64_t meshKey = ~std::uint64_t{0};  // what `mesh` was built from
    SurfaceMesh mesh;                           // built in the update step; the GPU copy follows
    std::uint64_t meshRevision = 0;
    bool logHeight = false;  // heights as log(1 + L): hinge and squared hinge span decades
    int renderWidth = 0, renderHeight = 0;
    ImVec2 imageMin{0, 0}, imageSize{0, 0};  // where the view was drawn last frame
};

// The batch table: samples (a name, logits, a true class), every loss of each and the mean.
struct BatchTableRow {
    std::string name;
    Vec logits;
    int label = 0;
};
// Lecture 004's three images (CS231n): cat, car and frog scored by one linear classifier.
std::vector<BatchTableRow> lectureBatchRows();

struct BatchPanelState {
    std::vector<BatchTableRow> rows = lectureBatchRows();
    std::uint64_t revision = 0;  // bumped by every edit of the rows
    int selected = -1;           // the row last clicked
    // Derived in the update step: every loss of each row and the means.
    std::uint64_t evaluatedKey = ~std::uint64_t{0};
    BatchEvaluation evaluation;
    // Typing a row's logits: which row, and the text being typed.
    int editing = -1;
    char editText[512] = {};
    std::string editError;
    std::vector<float> rowTops;  // screen y of each row as drawn last frame (hit tests, tests)
};

// The backpropagation graph (lecture 001): one sample of the Training workspace's classifier, or
// one of the lecture's toy circuits, with its forward values and the gradients that the
// backward pass has revealed so far, one node per step.
enum class BackpropPreset { ClassifierSample, AddMultiply, SigmoidNeuron };
inline constexpr const char* kBackpropPresetNames[] = {"classifier sample", "f = (x + y)·z",
                                                       "sigmoid neuron"};

struct BackpropPanelState {
    BackpropPreset preset = BackpropPreset::ClassifierSample;
    // The sample: the point last hovered in the Classifier panel, unless one is pinned (or none
    // was hovered); then this x and class, which the panel's fields edit.
    bool pinned = false;
    double pinnedX[2] = {0.5, -1.2};
    int pinnedLabel = 0;
    // The toy circuits' inputs, the lecture's values by default.
    double addMultiplyInputs[3] = {-2.0, 5.0, -4.0};          // x, y, z
    double sigmoidInputs[5] = {2.0, -3.0, -3.0, -1.0, -2.0};  // w0, w1, w2, x0, x1
    // Gradients revealed so far, from the loss back: the first `revealed` of backwardOrder.
    int revealed = 0;

    // Derived by the update step.
    std::string message;            // why there is no graph (rbf features, no classifier yet)
    std::string sampleLabel;        // which sample the graph is of, for people
    Eigen::Index sampleIndex = -1;  // the data point's index, or −1 for a pinned x
    BackpropSample sample;
    Backprop result;
    std::vector<GraphNode> graph;      // the classifier sample's nodes, forward order
    std::vector<CircuitNode> circuit;  // a toy circuit's nodes, forward order
    std::vector<int> backwardOrder;    // node indices in the order the backward pass reveals them
};

struct PanelStates {
    LogitsPanelState logits;
    SoftmaxPanelState softmax;
    TargetPanelState target;
    LossesPanelState losses;
    PrecisionPanelState precision;
    SimplexPanelState simplex;
    SurfacePanelState surface;
    Surface3DPanelState surface3d;
    BatchPanelState batch;
    BackpropPanelState backprop;
    // The Classifier's own state is TrainingState::classifier; its gradient-share sizing is here.
    PointSharesState pointShares;
    ConfusionPanelState confusion;
};

}  // namespace losslab
