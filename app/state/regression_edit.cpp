#include "state/regression_edit.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "losslab/scene.hpp"
#include "state/cache_key.hpp"

namespace losslab {

namespace {

// ---------------------------------------------------------------- the run

void recordPath(RegressionRun& run) {
    const RegressionDescentState& d = run.descent;
    if (d.steps % run.pathStride != 0) return;
    if (run.path.size() >= RegressionRun::kMaxPath) {
        // Keep every other entry: the path keeps its shape, its spacing doubles.
        std::vector<RegressionLine> thinned;
        thinned.reserve(run.path.size() / 2 + 1);
        for (std::size_t i = 0; i < run.path.size(); i += 2)
            thinned.push_back(run.path[i]);
        run.path = std::move(thinned);
        run.pathStride *= 2;
        if (d.steps % run.pathStride != 0) return;
    }
    run.path.push_back(d.line);
}

// Starts the descent from `start` on the current points and settings, with a new path.
void startRun(RegressionState& rs, RegressionLine start) {
    RegressionRun& run = rs.run;
    RegressionDescentConfig config = rs.descent;
    config.start = start;
    run.path.clear();
    run.pathStride = 1;
    run.ready = false;
    if (auto error = startRegressionDescent(rs.options, config, rs.data, &run.descent)) {
        run.error = *error;
        run.playing = false;
        return;
    }
    run.error.clear();
    run.ready = true;
    recordPath(run);
    if (run.descent.diverged) run.playing = false;
}

// The line the run has reached, to continue from after a change (w = b = 0 before any run).
RegressionLine currentLine(const RegressionState& rs) {
    return rs.run.ready ? rs.run.descent.line : RegressionLine{};
}

void pointsChanged(RegressionState& rs) {
    ++rs.dataRevision;
    startRun(rs, currentLine(rs));
}

void pushUndo(std::vector<RegressionData>& stack, RegressionData data) {
    stack.push_back(std::move(data));
    Eigen::Index held = 0;
    for (const RegressionData& entry : stack)
        held += entry.size();
    // The oldest entries go first; the newest always stays.
    while (stack.size() > 1 && (stack.size() > RegressionEditHistory::kMaxEntries ||
                                held > RegressionEditHistory::kMaxPoints)) {
        held -= stack.front().size();
        stack.erase(stack.begin());
    }
}

// Replaces every point (a new dataset, a file, an undo step): the view fits them again.
void replacePoints(RegressionState& rs, RegressionData data) {
    rs.data = std::move(data);
    rs.fit.viewStale = true;
    rs.fit.drag = FitDrag::None;
    rs.fit.dragPoint = -1;
    rs.fit.hovered = -1;
    pointsChanged(rs);
}

// σ̂ = 1.4826 · median |r| of the l1 fit: a scale of the noise that the outliers do not inflate.
double robustScale(const Vec& residuals) {
    std::vector<double> magnitudes(static_cast<std::size_t>(residuals.size()));
    for (Eigen::Index i = 0; i < residuals.size(); ++i)
        magnitudes[static_cast<std::size_t>(i)] = std::abs(residuals[i]);
    if (magnitudes.empty()) return 0.0;
    const std::size_t middle = magnitudes.size() / 2;
    std::nth_element(magnitudes.begin(), magnitudes.begin() + middle, magnitudes.end());
    double median = magnitudes[middle];
    if (magnitudes.size() % 2 == 0) {
        median =
            0.5 * (median + *std::max_element(magnitudes.begin(), magnitudes.begin() + middle));
    }
    return 1.4826 * median;
}

const ExactFit* l1Fit(const RegressionState& rs) {
    const auto& fit = rs.fits.fits[regressionLossIndex(RegressionLoss::L1)];
    return fit ? &*fit : nullptr;
}

// A uniform double in [0, 1) from the top 53 bits: the same on every platform, unlike the
// standard distributions.
double unit(std::mt19937_64& random) {
    return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

}  // namespace

void ensureRegressionReady(AppState& state) {
    RegressionState& rs = state.regression;
    const bool sceneChanged = rs.seenSceneRevision != state.sceneRevision;
    if (!rs.initialized || sceneChanged) {
        rs.seenSceneRevision = state.sceneRevision;
        rs.initialized = true;
        rs.edits = RegressionEditHistory{};
        rs.run.playing = false;
        if (rs.data.size() == 0) {
            RegressionData generated;
            if (generateLineDataset(rs.dataset, &generated)) {
                rs.dataset = SceneRegression{}.dataset;
                generateLineDataset(rs.dataset, &generated);
            }
            rs.data = std::move(generated);
        }
        if (checkRegressionOptions(rs.options)) rs.options = RegressionOptions{};
        if (checkRegressionDescentConfig(rs.descent)) rs.descent = RegressionDescentConfig{};
        rs.fit.viewStale = true;
        rs.notice.clear();
        ++rs.dataRevision;
        ++rs.optionsRevision;
        startRun(rs, RegressionLine{});
    }
    refreshRegressionFits(rs);
}

std::size_t regressionLossIndex(RegressionLoss loss) {
    const auto& all = kAllRegressionLosses;
    return static_cast<std::size_t>(std::find(all.begin(), all.end(), loss) - all.begin());
}

void refreshRegressionFits(RegressionState& rs) {
    RegressionFits& f = rs.fits;
    const std::uint64_t key =
        cacheKey({static_cast<double>(rs.dataRevision), static_cast<double>(rs.optionsRevision)});
    if (key == f.key) return;
    f.key = key;
    f.error.clear();
    for (std::size_t i = 0; i < kAllRegressionLosses.size(); ++i) {
        RegressionOptions options = rs.options;
        options.loss = kAllRegressionLosses[i];
        ExactFit fit;
        f.fits[i].reset();
        if (auto error = solveRegressionExact(options, rs.data, &fit)) {
            f.error = *error;
            continue;
        }
        f.fits[i] = fit;
    }
    f.residuals.resize(0);
    f.weights.resize(0);
    f.likelihood = RegressionLikelihood{};
    if (const ExactFit* chosen = chosenRegressionFit(rs)) {
        f.residuals = regressionResiduals(rs.data, chosen->line);
        f.weights = regressionEffectiveWeights(rs.options, rs.data, chosen->line);
        f.likelihood = regressionLikelihood(rs.data, chosen->line);
    }
}

const ExactFit* chosenRegressionFit(const RegressionState& rs) {
    const auto& fit = rs.fits.fits[regressionLossIndex(rs.options.loss)];
    return fit ? &*fit : nullptr;
}

void beginRegressionEdit(RegressionState& rs) {
    pushUndo(rs.edits.undo, rs.data);
    rs.edits.redo.clear();
}

Eigen::Index addRegressionPoint(RegressionState& rs, double x, double y) {
    const Eigen::Index index = rs.data.size();
    rs.data.x.conservativeResize(index + 1);
    rs.data.y.conservativeResize(index + 1);
    rs.data.x[index] = x;
    rs.data.y[index] = y;
    pointsChanged(rs);
    return index;
}

void moveRegressionPoint(RegressionState& rs, Eigen::Index index, double x, double y) {
    if (index < 0 || index >= rs.data.size()) return;
    if (rs.data.x[index] == x && rs.data.y[index] == y) return;
    rs.data.x[index] = x;
    rs.data.y[index] = y;
    pointsChanged(rs);
}

void eraseRegressionPoint(RegressionState& rs, Eigen::Index index) {
    const Eigen::Index n = rs.data.size();
    if (index < 0 || index >= n) return;
    const Eigen::Index tail = n - index - 1;
    rs.data.x.segment(index, tail) = rs.data.x.tail(tail).eval();
    rs.data.y.segment(index, tail) = rs.data.y.tail(tail).eval();
    rs.data.x.conservativeResize(n - 1);
    rs.data.y.conservativeResize(n - 1);
    if (rs.fit.hovered >= n - 1) rs.fit.hovered = -1;
    pointsChanged(rs);
}

bool undoRegressionEdit(RegressionState& rs) {
    if (rs.edits.undo.empty()) return false;
    RegressionData previous = std::move(rs.edits.undo.back());
    rs.edits.undo.pop_back();
    pushUndo(rs.edits.redo, rs.data);
    replacePoints(rs, std::move(previous));
    return true;
}

bool redoRegressionEdit(RegressionState& rs) {
    if (rs.edits.redo.empty()) return false;
    RegressionData next = std::move(rs.edits.redo.back());
    rs.edits.redo.pop_back();
    pushUndo(rs.edits.undo, rs.data);
    replacePoints(rs, std::move(next));
    return true;
}

std::optional<std::string> regenerateRegressionData(RegressionState& rs) {
    RegressionData generated;
    if (auto error = generateLineDataset(rs.dataset, &generated)) return error;
    beginRegressionEdit(rs);
    replacePoints(rs, std::move(generated));
    return std::nullopt;
}

std::vector<Eigen::Index> regressionOutliers(const RegressionState& rs) {
    std::vector<Eigen::Index> outliers;
    const ExactFit* fit = l1Fit(rs);
    if (!fit) return outliers;
    const Vec residuals = regressionResiduals(rs.data, fit->line);
    const double scale = robustScale(residuals);
    // With most points exactly on the line σ̂ is 0: then any point off it (beyond rounding)
    // is an outlier.
    const double yScale = rs.data.y.size() > 0 ? rs.data.y.cwiseAbs().maxCoeff() : 0.0;
    const double threshold = std::max(kOutlierScales * scale, 1e-9 * std::max(yScale, 1.0));
    for (Eigen::Index i = 0; i < residuals.size(); ++i) {
        if (std::abs(residuals[i]) > threshold) outliers.push_back(i);
    }
    return outliers;
}

std::optional<std::string> addRegressionOutlier(RegressionState& rs) {
    refreshRegressionFits(rs);
    const ExactFit* fit = l1Fit(rs);
    if (!fit) {
        return "Add outlier needs a line to lift it above: " +
               (rs.fits.error.empty() ? std::string("no fit") : rs.fits.error);
    }
    std::mt19937_64 random(rs.dataset.seed * 0x9E3779B97F4A7C15ull + ++rs.outliersAdded);
    // In the middle 60 % of the points' x range: an outlier in y, not a point of leverage at an
    // end, where even the l1 line must follow it (it passes through two of the points).
    const double xMin = rs.data.x.minCoeff(), xMax = rs.data.x.maxCoeff();
    const double x = xMin + (xMax - xMin) * (0.2 + 0.6 * unit(random));
    const double scale = robustScale(regressionResiduals(rs.data, fit->line));
    const double lift = std::max(kLineDatasetOutlierLift, 6.0 * scale) * (1.0 + unit(random));
    beginRegressionEdit(rs);
    addRegressionPoint(rs, x, fit->line.w * x + fit->line.b + lift);
    return std::nullopt;
}

std::size_t removeRegressionOutliers(RegressionState& rs) {
    refreshRegressionFits(rs);
    const std::vector<Eigen::Index> outliers = regressionOutliers(rs);
    if (outliers.empty()) return 0;
    beginRegressionEdit(rs);
    RegressionData kept;
    const Eigen::Index n = rs.data.size();
    const Eigen::Index left = n - static_cast<Eigen::Index>(outliers.size());
    kept.x.resize(left);
    kept.y.resize(left);
    Eigen::Index next = 0;
    std::size_t skip = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (skip < outliers.size() && outliers[skip] == i) {
            ++skip;
            continue;
        }
        kept.x[next] = rs.data.x[i];
        kept.y[next] = rs.data.y[i];
        ++next;
    }
    rs.data = std::move(kept);
    rs.fit.hovered = -1;
    pointsChanged(rs);
    return outliers.size();
}

std::optional<std::string> loadRegressionFile(RegressionState& rs, const std::string& path) {
    RegressionData loaded;
    if (auto error = loadRegressionCsv(path, &loaded)) return error;
    beginRegressionEdit(rs);
    replacePoints(rs, std::move(loaded));
    return std::nullopt;
}

std::optional<std::string> saveRegressionFile(const RegressionState& rs, const std::string& path) {
    return writeFileAtomically(path, formatRegressionCsv(rs.data));
}

std::optional<std::string> setRegressionOptions(RegressionState& rs,
                                                const RegressionOptions& options) {
    if (auto error = checkRegressionOptions(options)) return error;
    if (options.loss == rs.options.loss && options.delta == rs.options.delta &&
        options.l2 == rs.options.l2) {
        return std::nullopt;
    }
    rs.options = options;
    ++rs.optionsRevision;
    startRun(rs, currentLine(rs));
    return std::nullopt;
}

std::optional<std::string> setRegressionDescent(RegressionState& rs,
                                                const RegressionDescentConfig& config) {
    RegressionDescentConfig next = rs.descent;
    next.optimizer = config.optimizer;
    next.learningRate = config.learningRate;
    next.momentum = config.optimizer == Optimizer::Sgd ? config.momentum : 0.0;
    if (auto error = checkRegressionDescentConfig(next)) return error;
    rs.descent = next;
    // A learning rate that diverged is usually lowered next: the run continues from the last
    // finite line it reached.
    startRun(rs, currentLine(rs));
    return std::nullopt;
}

void resetRegressionRun(RegressionState& rs) {
    rs.run.playing = false;
    startRun(rs, RegressionLine{});
}

long long stepRegressionRun(RegressionState& rs, long long count) {
    RegressionRun& run = rs.run;
    if (!run.ready) return 0;
    long long done = 0;
    while (done < count && stepRegressionDescent(rs.options, rs.descent, rs.data, &run.descent)) {
        ++done;
        recordPath(run);
    }
    if (run.descent.diverged) run.playing = false;
    return done;
}

void toggleRegressionPlay(RegressionState& rs) {
    rs.run.playing = !rs.run.playing && rs.run.ready && !rs.run.descent.diverged;
}

}  // namespace losslab
