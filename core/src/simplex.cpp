#include "losslab/simplex.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <sstream>

#include "losslab/row_losses.hpp"
#include "losslab/softmax.hpp"

namespace losslab {

namespace {

bool allFinite(const Vec& v) {
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        if (!std::isfinite(v[i])) return false;
    }
    return true;
}

bool validTemperature(double temperature) {
    return std::isfinite(temperature) && temperature > 0;
}

// The entries of the three shown classes as a vector (v_a, v_b, v_c).
Eigen::Vector3d shownEntries(const Vec& v, const SimplexClasses& shown) {
    return {v[shown.a], v[shown.b], v[shown.c]};
}

// α·(log p − mean log p) + mean u for a normalized p; see simplex.hpp for α.
// `spread` is ‖u − mean u‖ of the current logits (used by KeepNorm only).
Eigen::Vector3d logitsOfPoint(const Eigen::Vector3d& p, double meanLogit, double spread,
                              double temperature, SimplexScaling scaling) {
    Eigen::Vector3d logP;
    for (int k = 0; k < 3; ++k)
        logP[k] = std::log(std::max(p[k], kSimplexProbabilityFloor));
    const Eigen::Vector3d centred = logP.array() - logP.mean();
    double alpha = temperature;
    if (scaling == SimplexScaling::KeepNorm && spread > 0) {
        const double norm = centred.norm();
        // At the uniform point every α gives equal logits; keep α = T there.
        if (norm > 0) alpha = spread / norm;
    }
    return (alpha * centred).array() + meanLogit;
}

}  // namespace

std::optional<std::string> checkSimplexClasses(const SimplexClasses& shown, Eigen::Index classes) {
    for (int c : {shown.a, shown.b, shown.c}) {
        if (c < 0 || c >= classes) {
            std::ostringstream out;
            out << "simplex class " << c << " is not in [0, " << classes - 1 << "]";
            return out.str();
        }
    }
    if (shown.a == shown.b || shown.b == shown.c || shown.a == shown.c) {
        return "the simplex needs three different classes";
    }
    return std::nullopt;
}

Eigen::Vector2d simplexVertex(int corner) {
    switch (((corner % 3) + 3) % 3) {
        case 0:
            return {0.0, 0.0};
        case 1:
            return {1.0, 0.0};
        default:
            return {0.5, kSimplexHeight};
    }
}

Eigen::Vector2d simplexToPlane(const Eigen::Vector3d& barycentric) {
    return {barycentric[1] + 0.5 * barycentric[2], kSimplexHeight * barycentric[2]};
}

Eigen::Vector3d planeToSimplex(const Eigen::Vector2d& point) {
    const double c = point.y() / kSimplexHeight;
    const double b = point.x() - 0.5 * c;
    return {1.0 - b - c, b, c};
}

bool insideSimplex(const Eigen::Vector3d& barycentric, double tolerance) {
    return barycentric[0] >= -tolerance && barycentric[1] >= -tolerance &&
           barycentric[2] >= -tolerance;
}

Eigen::Vector3d clampToSimplex(const Eigen::Vector3d& barycentric) {
    if (!barycentric.allFinite()) return Eigen::Vector3d::Constant(1.0 / 3.0);
    // Projection onto {λ ≥ 0, Σλ = 1}: subtract the threshold θ that makes the positive
    // parts sum to 1 (found from the sorted coordinates).
    std::array<double, 3> sorted = {barycentric[0], barycentric[1], barycentric[2]};
    std::sort(sorted.begin(), sorted.end(), std::greater<double>());
    double cumulative = 0.0;
    double theta = 0.0;
    for (int j = 0; j < 3; ++j) {
        cumulative += sorted[j];
        const double candidate = (cumulative - 1.0) / (j + 1);
        if (sorted[j] - candidate > 0) theta = candidate;
    }
    Eigen::Vector3d out = (barycentric.array() - theta).max(0.0);
    return out / out.sum();
}

GridSpec simplexRasterSpec(int width, int height) {
    return pixelCentreSpec(0.0, 1.0, 0.0, kSimplexHeight, width, height);
}

SimplexScaling defaultSimplexScaling(Loss loss) {
    return isHinge(loss) ? SimplexScaling::KeepNorm : SimplexScaling::Temperature;
}

bool simplexGridDependsOnLogits(Loss loss, int classes, SimplexScaling scaling) {
    if (classes != 3 || scaling != SimplexScaling::Temperature) return true;
    switch (loss) {
        case Loss::CrossEntropy:
        case Loss::KL:
        case Loss::Focal:
        case Loss::Brier:
            return false;
        default:
            return true;
    }
}

std::optional<Eigen::Vector3d> conditionalProbabilities(const Vec& p, const SimplexClasses& shown) {
    if (checkSimplexClasses(shown, p.size())) return std::nullopt;
    const Eigen::Vector3d three = shownEntries(p, shown);
    if (!three.allFinite()) return std::nullopt;
    const double sum = three.sum();
    if (!(sum > 0)) return Eigen::Vector3d::Constant(1.0 / 3.0);
    return Eigen::Vector3d(three / sum);
}

std::optional<Eigen::Vector3d> logitsToSimplex(const Vec& logits, const SimplexClasses& shown,
                                               double temperature) {
    if (checkSimplexClasses(shown, logits.size()) || !allFinite(logits) ||
        !validTemperature(temperature)) {
        return std::nullopt;
    }
    const Eigen::Vector3d u = shownEntries(logits, shown);
    return Eigen::Vector3d(softmax(Vec(u), temperature));
}

std::optional<Vec> simplexToLogits(const Vec& logits, const SimplexClasses& shown,
                                   const Eigen::Vector3d& p, double temperature,
                                   SimplexScaling scaling) {
    if (checkSimplexClasses(shown, logits.size()) || !allFinite(logits) ||
        !validTemperature(temperature) || !p.allFinite() || (p.array() < 0).any() ||
        !(p.sum() > 0)) {
        return std::nullopt;
    }
    const Eigen::Vector3d u = shownEntries(logits, shown);
    const Eigen::Vector3d moved = logitsOfPoint(
        p / p.sum(), u.mean(), (u.array() - u.mean()).matrix().norm(), temperature, scaling);
    Vec out = logits;
    out[shown.a] = moved[0];
    out[shown.b] = moved[1];
    out[shown.c] = moved[2];
    return out;
}

std::optional<std::string> computeSimplexGrid(const LossContext& context, const Vec& logits,
                                              const SimplexGridRequest& request, Grid* out,
                                              LossGridWorkspace* workspace) {
    if (!out) return "no output grid";
    if (logits.size() < 3) return "the simplex needs at least 3 classes";
    if (!allFinite(logits)) return "logits must be finite numbers";
    const Eigen::Index k = logits.size();
    if (auto error = checkLossContext(context, k)) return error;
    if (auto error = checkSimplexClasses(request.classes, k)) return error;
    const GridSpec spec = simplexRasterSpec(request.width, request.height);
    if (auto error = checkGridSpec(spec)) return error;

    LossGridWorkspace local;
    LossGridWorkspace& w = workspace ? *workspace : local;
    const Vec target = resolvedTarget(context, k);
    const SimplexScaling scaling = request.scaling.value_or(defaultSimplexScaling(context.loss));
    const SimplexClasses& shown = request.classes;
    const Eigen::Vector3d u = shownEntries(logits, shown);
    const double meanLogit = u.mean();
    const double spread = (u.array() - meanLogit).matrix().norm();
    const double temperature = context.options.temperature;

    // Only pixels inside the triangle become rows of the (column-major) block; every other
    // column holds its class's current logit. Rows past `filled` keep stale but valid logits.
    const Eigen::Index blockRows = lossBlockRows(static_cast<Eigen::Index>(spec.nodeCount()), k);
    w.block.resize(blockRows, k);
    for (Eigen::Index i = 0; i < k; ++i)
        w.block.col(i).setConstant(logits[i]);
    w.points.resize(blockRows, 3);
    w.nodes.resize(static_cast<std::size_t>(blockRows));
    out->reset(spec);
    Eigen::Index filled = 0;
    // The logits of the block's points as in logitsOfPoint, vectorized across points (three
    // logs per pixel are most of the cost otherwise), then the loss of the block.
    auto flush = [&]() -> std::optional<std::string> {
        if (filled == 0) return std::nullopt;
        auto points = w.points.topRows(filled);
        points.colwise() /= points.rowwise().sum();
        points = points.max(kSimplexProbabilityFloor).log();
        points.colwise() -= points.rowwise().mean();
        for (Eigen::Index r = 0; r < filled; ++r) {
            double alpha = temperature;
            if (scaling == SimplexScaling::KeepNorm && spread > 0) {
                const double norm = points.row(r).matrix().norm();
                if (norm > 0) alpha = spread / norm;
            }
            w.block(r, shown.a) = alpha * points(r, 0) + meanLogit;
            w.block(r, shown.b) = alpha * points(r, 1) + meanLogit;
            w.block(r, shown.c) = alpha * points(r, 2) + meanLogit;
        }
        if (auto error = columnLosses(context.loss, w.block, context.trueClass, target,
                                      context.options, &w.values, nullptr, &w.rows)) {
            return error;
        }
        for (Eigen::Index r = 0; r < filled; ++r) {
            out->values[w.nodes[static_cast<std::size_t>(r)]] = w.values[r];
        }
        filled = 0;
        return std::nullopt;
    };
    for (int j = 0; j < spec.ny; ++j) {
        for (int i = 0; i < spec.nx; ++i) {
            const Eigen::Vector3d bary = planeToSimplex({spec.x(i), spec.y(j)});
            if (!insideSimplex(bary)) continue;
            w.points.row(filled) = bary.cwiseMax(0.0).transpose().array();
            w.nodes[static_cast<std::size_t>(filled)] =
                static_cast<std::size_t>(j) * static_cast<std::size_t>(spec.nx) +
                static_cast<std::size_t>(i);
            if (++filled == blockRows) {
                if (auto error = flush()) return error;
            }
        }
    }
    if (auto error = flush()) return error;
    out->updateRange();
    return std::nullopt;
}

std::optional<std::string> temperaturePath(const Vec& logits, const TemperaturePathRequest& request,
                                           TemperaturePath* out) {
    if (!out) return "no output path";
    if (logits.size() < 3) return "the simplex needs at least 3 classes";
    if (!allFinite(logits)) return "logits must be finite numbers";
    if (auto error = checkSimplexClasses(request.classes, logits.size())) return error;
    if (!validTemperature(request.hottest) || !validTemperature(request.coldest) ||
        !(request.coldest < request.hottest)) {
        return "temperatures must be finite with 0 < coldest < hottest";
    }
    if (request.points < 2 || request.points > 100000) return "points must be in [2, 100000]";

    const int n = request.points;
    TemperaturePath path;
    path.temperatures.resize(n);
    path.probabilities.resize(n, logits.size());
    path.plane.resize(static_cast<std::size_t>(n));
    const double logRatio = std::log(request.coldest / request.hottest);
    for (int t = 0; t < n; ++t) {
        // The last temperature is set exactly rather than through exp(log(·)).
        const double temperature =
            t == n - 1 ? request.coldest : request.hottest * std::exp(logRatio * t / (n - 1));
        path.temperatures[t] = temperature;
        const Vec p = softmax(logits, temperature);
        path.probabilities.row(t) = p.transpose();
        path.plane[static_cast<std::size_t>(t)] =
            simplexToPlane(*conditionalProbabilities(p, request.classes));
    }
    *out = std::move(path);
    return std::nullopt;
}

}  // namespace losslab
