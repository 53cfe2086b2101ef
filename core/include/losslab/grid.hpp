#pragma once
// Loss grids for the "Loss surface" panel: a function sampled on a regular 2D grid, the
// selected loss over two chosen logits (the others held fixed), and the path of gradient
// descent on the logits. The simplex view lives in simplex.hpp and uses the same Grid.
//
// Conventions (every consumer relies on them):
// - Values are sampled at the grid's NODES, x_i = xMin + i·(xMax − xMin)/(nx − 1) for
//   i = 0..nx−1 (both ends included), y_j likewise. A heatmap texture of nx x ny texels
//   therefore has its texel centres on the nodes and extends half a cell beyond the ranges
//   (pixelCentreSpec builds the spec of a raster whose pixel centres are the nodes).
// - values are row-major, values[j·nx + i] is the node (x_i, y_j), and row 0 is at yMin
//   (mathematical orientation; an image's top row is row ny − 1, see colormap.hpp).
// - NaN marks "no value" (outside the simplex, a failed evaluation); minValue/maxValue and
//   the contour tracer skip it.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "losslab/losses.hpp"
#include "losslab/row_losses.hpp"
#include "losslab/types.hpp"

namespace losslab {

// Largest node count along one axis: keeps a mistyped size from allocating gigabytes.
inline constexpr int kMaxGridSide = 4096;

struct GridSpec {
    double xMin = 0.0;
    double xMax = 1.0;
    double yMin = 0.0;
    double yMax = 1.0;
    int nx = 0;  // nodes along x (≥ 2)
    int ny = 0;  // nodes along y (≥ 2)

    double dx() const { return (xMax - xMin) / (nx - 1); }
    double dy() const { return (yMax - yMin) / (ny - 1); }
    double x(int i) const { return xMin + i * dx(); }
    double y(int j) const { return yMin + j * dy(); }
    std::size_t nodeCount() const {
        return nx > 0 && ny > 0 ? static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) : 0;
    }
};

// Finite ranges with min < max and 2 ≤ nx, ny ≤ kMaxGridSide; returns what is wrong.
std::optional<std::string> checkGridSpec(const GridSpec& spec);

// The spec whose nodes are the centres of a width x height raster tiling [x0, x1] x [y0, y1]
// (node i at x0 + (i + ½)·(x1 − x0)/width).
GridSpec pixelCentreSpec(double x0, double x1, double y0, double y1, int width, int height);

// A square-celled window centred on (cx, cy): [cx − half, cx + half] in both axes, n x n nodes.
GridSpec centredSpec(double cx, double cy, double halfWidth, int n);

struct Grid {
    GridSpec spec;
    std::vector<double> values;  // spec.nodeCount() entries, see the conventions above
    double minValue = std::numeric_limits<double>::quiet_NaN();  // over finite values only
    double maxValue = std::numeric_limits<double>::quiet_NaN();  // NaN when none is finite

    bool empty() const { return values.empty(); }
    double at(int i, int j) const { return values[static_cast<std::size_t>(j) * spec.nx + i]; }
    double& at(int i, int j) { return values[static_cast<std::size_t>(j) * spec.nx + i]; }
    // Sets the spec and fills every node with NaN, reusing the allocation when it can.
    void reset(const GridSpec& newSpec);
    // Makes the grid empty (no nodes).
    void clear();
    // Recomputes minValue and maxValue from the finite values.
    void updateRange();
};

// A grid of f(x, y) at every node, for any callable f(double, double) -> double.
// Returns an empty grid when the spec is invalid (see checkGridSpec).
template <class Function>
Grid sampleGrid(const GridSpec& spec, Function&& f) {
    Grid grid;
    if (checkGridSpec(spec)) return grid;
    grid.reset(spec);
    for (int j = 0; j < spec.ny; ++j) {
        for (int i = 0; i < spec.nx; ++i)
            grid.at(i, j) = f(spec.x(i), spec.y(j));
    }
    grid.updateRange();
    return grid;
}

// Everything that selects "the loss of this sample" except the logits, which vary over a
// grid: the loss, the true class, the target and the options.
struct LossContext {
    Loss loss = Loss::CrossEntropy;
    int trueClass = 0;  // y; used by the hinge losses (and by the default target)
    Vec target;         // q, already smoothed (targets.hpp); empty means makeTarget(K, y, ε)
    LossOptions options;
};

// Checks the context for logits of `classes` entries; returns what is wrong.
std::optional<std::string> checkLossContext(const LossContext& context, Eigen::Index classes);
// The target the context stands for: context.target, or the smoothed one-hot e_y.
Vec resolvedTarget(const LossContext& context, Eigen::Index classes);

// Buffers of the grid evaluations, kept by the caller (a panel's state) between redraws so
// that recomputing a surface allocates nothing.
struct LossGridWorkspace {
    Eigen::ArrayXXd block;  // a block of grid nodes, one logit vector per row, column-major
    Eigen::ArrayXd values;
    Eigen::ArrayXXd grad;
    Eigen::ArrayXXd points;          // simplex view: the block's points p (rows x 3)
    std::vector<std::size_t> nodes;  // simplex view: the grid node of each block row
    RowLossWorkspace rows;
};

// The selected loss over the plane of two logits s_a (x axis) and s_b (y axis); every other
// logit stays at its value in the current logits.
struct LogitPlaneRequest {
    int axisA = 0;  // class whose logit runs along x
    int axisB = 1;  // class whose logit runs along y
    GridSpec spec;  // ranges are absolute logit values, e.g. centredSpec(s_a, s_b, 6, 256)
    bool withGradient = false;  // also fill gradA and gradB
};

struct LogitPlaneGrid {
    Grid loss;   // L(s) at every node
    Grid gradA;  // ∂L/∂s_a at every node (empty unless requested)
    Grid gradB;  // ∂L/∂s_b at every node (empty unless requested)
};

// Fills `out` (reusing its storage). Node values equal evaluateLoss at the node's logits up
// to rounding; hinge kinks stay sharp (no smoothing). On invalid input returns a message and
// leaves `out` untouched. workspace may be null (buffers are then allocated for this call).
std::optional<std::string> computeLogitPlane(const LossContext& context, const Vec& logits,
                                             const LogitPlaneRequest& request, LogitPlaneGrid* out,
                                             LossGridWorkspace* workspace = nullptr);

// Plain gradient descent on the logits of one sample: s ← s − η·∇L(s).
struct DescentOptions {
    double stepSize = 0.1;  // η > 0
    int steps = 100;        // number of updates, 0 ≤ steps ≤ kMaxDescentSteps
    bool onlyAxes = false;  // update only s_a and s_b (the loss-surface view), keep the rest
    int axisA = 0;
    int axisB = 1;
};
inline constexpr int kMaxDescentSteps = 1000000;

enum class DescentStop {
    Completed,   // every step was taken
    NonFinite,   // the next logits or loss were not finite; the path ends before them
    Stationary,  // the (restricted) gradient was exactly zero: no step would move
};

struct DescentPath {
    RowMatrix logits;  // (taken + 1) x K; row 0 is the start, row t the logits after t steps
    Vec losses;        // the loss at each row of `logits`
    DescentStop stop = DescentStop::Completed;
};

// Runs the descent from `start`. On invalid input returns a message and leaves `out` as is.
std::optional<std::string> descentPath(const LossContext& context, const Vec& start,
                                       const DescentOptions& options, DescentPath* out);

}  // namespace losslab
