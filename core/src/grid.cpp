#include "losslab/grid.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "losslab/targets.hpp"

namespace losslab {

namespace {

bool allFinite(const Vec& v) {
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        if (!std::isfinite(v[i])) return false;
    }
    return true;
}

std::optional<std::string> checkLogits(const Vec& logits) {
    if (logits.size() < 2) return "need at least 2 logits";
    if (!allFinite(logits)) return "logits must be finite numbers";
    return std::nullopt;
}

std::optional<std::string> checkAxis(const char* name, int axis, Eigen::Index classes) {
    if (axis >= 0 && axis < classes) return std::nullopt;
    std::ostringstream out;
    out << name << " " << axis << " is not a class in [0, " << classes - 1 << "]";
    return out.str();
}

}  // namespace

std::optional<std::string> checkGridSpec(const GridSpec& spec) {
    if (!std::isfinite(spec.xMin) || !std::isfinite(spec.xMax) || !std::isfinite(spec.yMin) ||
        !std::isfinite(spec.yMax)) {
        return "grid ranges must be finite";
    }
    if (!(spec.xMin < spec.xMax) || !(spec.yMin < spec.yMax)) {
        return "grid ranges must have min < max";
    }
    if (spec.nx < 2 || spec.ny < 2 || spec.nx > kMaxGridSide || spec.ny > kMaxGridSide) {
        std::ostringstream out;
        out << "grid needs 2 to " << kMaxGridSide << " nodes per axis, got " << spec.nx << " x "
            << spec.ny;
        return out.str();
    }
    return std::nullopt;
}

GridSpec pixelCentreSpec(double x0, double x1, double y0, double y1, int width, int height) {
    GridSpec spec;
    const double halfX = width > 0 ? 0.5 * (x1 - x0) / width : 0.0;
    const double halfY = height > 0 ? 0.5 * (y1 - y0) / height : 0.0;
    spec.xMin = x0 + halfX;
    spec.xMax = x1 - halfX;
    spec.yMin = y0 + halfY;
    spec.yMax = y1 - halfY;
    spec.nx = width;
    spec.ny = height;
    return spec;
}

GridSpec centredSpec(double cx, double cy, double halfWidth, int n) {
    GridSpec spec;
    spec.xMin = cx - halfWidth;
    spec.xMax = cx + halfWidth;
    spec.yMin = cy - halfWidth;
    spec.yMax = cy + halfWidth;
    spec.nx = n;
    spec.ny = n;
    return spec;
}

void Grid::reset(const GridSpec& newSpec) {
    spec = newSpec;
    values.assign(spec.nodeCount(), std::numeric_limits<double>::quiet_NaN());
    minValue = maxValue = std::numeric_limits<double>::quiet_NaN();
}

void Grid::clear() {
    spec = GridSpec{};
    values.clear();
    minValue = maxValue = std::numeric_limits<double>::quiet_NaN();
}

void Grid::updateRange() {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo <= hi) {
        minValue = lo;
        maxValue = hi;
    } else {
        minValue = maxValue = std::numeric_limits<double>::quiet_NaN();
    }
}

std::optional<std::string> checkLossContext(const LossContext& context, Eigen::Index classes) {
    if (classes < 2) return "need at least 2 classes";
    if (context.trueClass < 0 || context.trueClass >= classes) {
        std::ostringstream out;
        out << "true class " << context.trueClass << " is not in [0, " << classes - 1 << "]";
        return out.str();
    }
    if (context.target.size() != 0 && context.target.size() != classes) {
        std::ostringstream out;
        out << "target has " << context.target.size() << " entries, logits have " << classes;
        return out.str();
    }
    // Before the target is built from the smoothing.
    if (auto problem = checkLossOptions(context.options)) return problem->message();
    return checkRowLossArguments(classes, context.trueClass, resolvedTarget(context, classes),
                                 context.options);
}

Vec resolvedTarget(const LossContext& context, Eigen::Index classes) {
    if (context.target.size() == classes) return context.target;
    return makeTarget(static_cast<int>(classes), context.trueClass, context.options.smoothing);
}

std::optional<std::string> computeLogitPlane(const LossContext& context, const Vec& logits,
                                             const LogitPlaneRequest& request, LogitPlaneGrid* out,
                                             LossGridWorkspace* workspace) {
    if (!out) return "no output grid";
    if (auto error = checkLogits(logits)) return error;
    const Eigen::Index k = logits.size();
    if (auto error = checkLossContext(context, k)) return error;
    if (auto error = checkAxis("axis a", request.axisA, k)) return error;
    if (auto error = checkAxis("axis b", request.axisB, k)) return error;
    if (request.axisA == request.axisB) return "the two axes must be different classes";
    if (auto error = checkGridSpec(request.spec)) return error;

    LossGridWorkspace local;
    LossGridWorkspace& w = workspace ? *workspace : local;
    const Vec target = resolvedTarget(context, k);
    const GridSpec& spec = request.spec;
    const Eigen::Index nodes = static_cast<Eigen::Index>(spec.nodeCount());
    const Eigen::Index blockRows = lossBlockRows(nodes, k);
    // Column-major block: every column starts as its class's current logit, and only the two
    // axis columns change from node to node. Rows past the last node of the final block keep
    // stale values: computed, never read.
    w.block.resize(blockRows, k);
    for (Eigen::Index i = 0; i < k; ++i)
        w.block.col(i).setConstant(logits[i]);

    out->loss.reset(spec);
    if (request.withGradient) {
        out->gradA.reset(spec);
        out->gradB.reset(spec);
    } else {
        out->gradA.clear();
        out->gradB.clear();
    }
    double* columnA = w.block.col(request.axisA).data();
    double* columnB = w.block.col(request.axisB).data();
    Eigen::ArrayXXd* grad = request.withGradient ? &w.grad : nullptr;
    int i = 0;  // the node (i, j) of the next block row
    int j = 0;
    for (Eigen::Index start = 0; start < nodes; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, nodes - start);
        for (Eigen::Index r = 0; r < rows; ++r) {
            columnA[r] = spec.x(i);
            columnB[r] = spec.y(j);
            if (++i == spec.nx) {
                i = 0;
                ++j;
            }
        }
        if (auto error = columnLosses(context.loss, w.block, context.trueClass, target,
                                      context.options, &w.values, grad, &w.rows)) {
            return error;
        }
        const auto offset = static_cast<std::ptrdiff_t>(start);
        std::copy(w.values.data(), w.values.data() + rows, out->loss.values.begin() + offset);
        if (grad) {
            const double* gradA = w.grad.col(request.axisA).data();
            const double* gradB = w.grad.col(request.axisB).data();
            std::copy(gradA, gradA + rows, out->gradA.values.begin() + offset);
            std::copy(gradB, gradB + rows, out->gradB.values.begin() + offset);
        }
    }
    out->loss.updateRange();
    if (request.withGradient) {
        out->gradA.updateRange();
        out->gradB.updateRange();
    }
    return std::nullopt;
}

std::optional<std::string> descentPath(const LossContext& context, const Vec& start,
                                       const DescentOptions& options, DescentPath* out) {
    if (!out) return "no output path";
    if (auto error = checkLogits(start)) return error;
    const Eigen::Index k = start.size();
    if (auto error = checkLossContext(context, k)) return error;
    if (!std::isfinite(options.stepSize) || !(options.stepSize > 0)) {
        return "step size must be a finite number > 0";
    }
    if (options.steps < 0 || options.steps > kMaxDescentSteps) {
        std::ostringstream message;
        message << "steps must be in [0, " << kMaxDescentSteps << "]";
        return message.str();
    }
    if (options.onlyAxes) {
        if (auto error = checkAxis("axis a", options.axisA, k)) return error;
        if (auto error = checkAxis("axis b", options.axisB, k)) return error;
    }

    const Vec target = resolvedTarget(context, k);
    DescentPath path;
    // Rows are added as the path grows (a path that stops early never holds a million rows).
    Eigen::Index capacity = std::min<Eigen::Index>(options.steps + 1, 1024);
    path.logits.resize(capacity, k);
    path.losses.resize(capacity);
    Vec s = start;
    LossValue current = evaluateLoss(context.loss, s, context.trueClass, target, context.options);
    path.logits.row(0) = s.transpose();
    path.losses[0] = current.value;
    Eigen::Index taken = 0;
    if (!std::isfinite(current.value)) path.stop = DescentStop::NonFinite;
    while (path.stop == DescentStop::Completed && taken < options.steps) {
        Vec step = current.grad;
        if (options.onlyAxes) {
            step.setZero();
            step[options.axisA] = current.grad[options.axisA];
            step[options.axisB] = current.grad[options.axisB];
        }
        if ((step.array() == 0.0).all()) {
            path.stop = DescentStop::Stationary;
            break;
        }
        Vec next = s - options.stepSize * step;
        if (!allFinite(next)) {
            path.stop = DescentStop::NonFinite;
            break;
        }
        LossValue nextValue =
            evaluateLoss(context.loss, next, context.trueClass, target, context.options);
        if (!std::isfinite(nextValue.value) || !allFinite(nextValue.grad)) {
            path.stop = DescentStop::NonFinite;
            break;
        }
        ++taken;
        if (taken == capacity) {
            capacity = std::min<Eigen::Index>(2 * capacity, options.steps + 1);
            path.logits.conservativeResize(capacity, k);
            path.losses.conservativeResize(capacity);
        }
        s = std::move(next);
        current = std::move(nextValue);
        path.logits.row(taken) = s.transpose();
        path.losses[taken] = current.value;
    }
    path.logits.conservativeResize(taken + 1, k);
    path.losses.conservativeResize(taken + 1);
    *out = std::move(path);
    return std::nullopt;
}

}  // namespace losslab
