// The exact fit of every regression loss (regression.hpp says what each solver does and
// when it stops).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "losslab/regression.hpp"
#include "point_losses.hpp"

namespace losslab {

namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

// The points with x centred on its mean. The solvers fit ŷ = w·(x − x̄) + c: then the slope
// and the offset are decoupled for l2 and well scaled for Newton wherever the points lie;
// b = c − w·x̄. When every x is the same number the centred x are set to exactly 0 (the mean
// of equal numbers need not round back to them), so the slope drops out cleanly.
struct CentredData {
    Vec xc;
    Vec y;
    double xMean = 0.0;
};

CentredData centre(const RegressionData& data) {
    CentredData centred;
    centred.y = data.y;
    if (allXEqual(data)) {
        centred.xMean = data.x[0];
        centred.xc = Vec::Zero(data.size());
    } else {
        centred.xMean = data.x.mean();
        centred.xc = data.x.array() - centred.xMean;
    }
    return centred;
}

RegressionLine uncentred(double w, double c, double xMean) {
    return {w, c - w * xMean};
}

// ---- l2: the closed form ---------------------------------------------------------------

// Minimizes (1/n)Σ(w·xc + c − y)² + λ2·w²: c = ȳ (Σxc = 0), and 0 = ∂/∂w gives
// w·(Sxx + n·λ2) = Sxy with Sxx = Σxc², Sxy = Σxc·(y − ȳ).
RegressionLine solveL2(const CentredData& d, double l2) {
    const double n = static_cast<double>(d.y.size());
    const double yMean = d.y.mean();
    const double sxx = d.xc.squaredNorm();
    const double sxy = d.xc.dot((d.y.array() - yMean).matrix());
    const double denominator = sxx + n * l2;
    const double w = denominator > 0 ? sxy / denominator : 0.0;
    return uncentred(w, yMean, d.xMean);
}

// ---- l1: cutting planes on the profile over the slope -----------------------------------

// A line below the l1 profile F of the slope (L1Profile): F(v) ≥ value + slope·(v − w) for
// every v, with equality at v = w.
struct Cut {
    double w = 0.0;
    double value = 0.0;
    double slope = 0.0;

    double at(double v) const { return value + slope * (v - w); }
};

// F(w) = min_c (1/n) Σ |c − z_i| with z_i = y_i − w·xc_i. With h = ⌊n/2⌋, F is the sum of
// the h largest z minus the sum of the h smallest, over n (a median c cancels out); as the
// maximum over all splits into two groups of h of (Σ_upper z − Σ_lower z)/n it is convex, and
// the split that attains it at w gives a line below F touching it at w.
class L1Profile {
  public:
    explicit L1Profile(const CentredData& d) : n_(d.y.size()), entries_(d.y.size()) {
        for (Eigen::Index i = 0; i < n_; ++i) {
            entries_[static_cast<std::size_t>(i)] = {0.0, d.xc[i], d.y[i]};
        }
    }

    Cut cutAt(double w) {
        split(w);
        const std::size_t h = half();
        const double pivot = entries_[h].z;
        // Sums of distances from the pivot: every term ≥ 0, so nothing cancels when the fit
        // is close.
        double value = 0.0;
        double slope = 0.0;
        for (std::size_t i = 0; i < h; ++i) {
            value += pivot - entries_[i].z;
            slope += entries_[i].x;  // dz/dw = −x, lower half counted negatively
        }
        for (std::size_t i = upperStart(); i < entries_.size(); ++i) {
            value += entries_[i].z - pivot;
            slope -= entries_[i].x;
        }
        const double n = static_cast<double>(n_);
        return {w, value / n, slope / n};
    }

    // The best offset c for slope w: the median of the z_i (for an even n, the midpoint of
    // the two middle values).
    double medianAt(double w) {
        split(w);
        const std::size_t h = half();
        if (n_ % 2 == 1) return entries_[h].z;
        double lowerMax = entries_[0].z;
        for (std::size_t i = 1; i < h; ++i) {
            lowerMax = std::max(lowerMax, entries_[i].z);
        }
        return 0.5 * (lowerMax + entries_[h].z);
    }

    // The cuts that hold as w → −∞ (z_i ≈ −w·x_i: the upper half is the h largest x) and as
    // w → +∞ (the h smallest x), written at w = 0. Their slopes are −/+ (sum of the h largest
    // x − sum of the h smallest) / n, nonzero unless every x is equal.
    Cut asymptoticCut(bool towardsMinusInfinity) {
        for (Entry& e : entries_) {
            e.z = towardsMinusInfinity ? e.x : -e.x;
        }
        partition();
        double value = 0.0;
        double slope = 0.0;
        const std::size_t h = half();
        for (std::size_t i = 0; i < h; ++i) {
            value -= entries_[i].y;
            slope += entries_[i].x;
        }
        for (std::size_t i = upperStart(); i < entries_.size(); ++i) {
            value += entries_[i].y;
            slope -= entries_[i].x;
        }
        const double n = static_cast<double>(n_);
        return {0.0, value / n, slope / n};
    }

  private:
    struct Entry {
        double z;
        double x;
        double y;
    };

    std::size_t half() const { return static_cast<std::size_t>(n_ / 2); }
    // For an odd n the middle entry belongs to neither half.
    std::size_t upperStart() const { return static_cast<std::size_t>(n_ - n_ / 2); }

    void split(double w) {
        for (Entry& e : entries_) {
            e.z = e.y - w * e.x;
        }
        partition();
    }
    // Entries [0, h) hold the h smallest z and entry h the next one; ties go either way, which
    // changes the cut's slope only between valid subgradients.
    void partition() {
        const auto middle = entries_.begin() + static_cast<std::ptrdiff_t>(half());
        std::nth_element(entries_.begin(), middle, entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.z < b.z; });
    }

    Eigen::Index n_;
    std::vector<Entry> entries_;
};

// The minimum over v of max(lo(v), hi(v)) + λ2·v², and where it is: a lower bound on
// min F(v) + λ2·v², since both cuts lie below F.
struct ModelMinimum {
    double w = 0.0;
    double value = 0.0;
};

ModelMinimum minimizeModel(const Cut& lo, const Cut& hi, double l2) {
    auto model = [&](double v) { return std::max(lo.at(v), hi.at(v)) + l2 * v * v; };
    // The minimizer of a maximum of two convex pieces is where they cross or where one of
    // them is stationary; evaluating the model at every candidate and keeping the lowest
    // finds it without deciding which case holds.
    double candidates[3];
    int count = 0;
    if (lo.slope != hi.slope) {
        candidates[count++] =
            (hi.value - lo.value + lo.slope * lo.w - hi.slope * hi.w) / (lo.slope - hi.slope);
    }
    if (l2 > 0) {
        candidates[count++] = -lo.slope / (2.0 * l2);
        candidates[count++] = -hi.slope / (2.0 * l2);
    }
    ModelMinimum best{0.0, std::numeric_limits<double>::infinity()};
    for (int k = 0; k < count; ++k) {
        const double value = model(candidates[k]);
        if (value < best.value) best = {candidates[k], value};
    }
    return best;
}

constexpr int kMaxL1Iterations = 500;
// Stop when the best value and the lower bound agree to this relative gap (a thousand times
// tighter than the contract of regression.hpp) ...
constexpr double kL1RelativeGap = 1e-12;

struct L1Solution {
    RegressionLine line;
    int iterations = 0;
};

L1Solution solveL1(const CentredData& d, double l2) {
    L1Profile profile(d);
    if (d.xc.isZero(0)) {
        // Every x equal (λ2 > 0 here): the slope only costs, so w = 0 and c is the median.
        return {uncentred(0.0, profile.medianAt(0.0), d.xMean), 0};
    }
    // ... or to the rounding of the z_i = y_i − w·xc_i that every evaluation sums.
    const double meanAbsY = d.y.cwiseAbs().mean();
    const double meanAbsX = d.xc.cwiseAbs().mean();
    auto roundingOf = [&](double w) {
        return 16.0 * kEpsilon * (meanAbsY + std::abs(w) * meanAbsX);
    };

    Cut lo = profile.asymptoticCut(true);
    Cut hi = profile.asymptoticCut(false);
    auto objectiveAt = [&](const Cut& cut) { return cut.value + l2 * cut.w * cut.w; };
    auto subgradientAt = [&](const Cut& cut) { return cut.slope + 2.0 * l2 * cut.w; };

    // The first cut at the l2 slope, usually close; then each cut where the model is lowest.
    Cut best = profile.cutAt(solveL2(d, l2).w);
    double bestValue = objectiveAt(best);
    Cut cut = best;
    int iterations = 1;
    for (; iterations <= kMaxL1Iterations; ++iterations) {
        const double subgradient = subgradientAt(cut);
        if (subgradient == 0) break;  // the cut is flat at its point: a minimum
        (subgradient < 0 ? lo : hi) = cut;
        const ModelMinimum lower = minimizeModel(lo, hi, l2);
        const double gap = bestValue - lower.value;
        if (gap <= kL1RelativeGap * bestValue + roundingOf(best.w)) break;
        if (lower.w == cut.w) break;  // no new point to learn from: rounding has the last word
        cut = profile.cutAt(lower.w);
        const double value = objectiveAt(cut);
        if (value < bestValue) {
            best = cut;
            bestValue = value;
        }
    }
    return {uncentred(best.w, profile.medianAt(best.w), d.xMean), iterations};
}

// ---- huber and log cosh: Newton with a line search --------------------------------------

struct SmoothState {
    double value = 0.0;
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero();
    Eigen::Matrix2d reweighted = Eigen::Matrix2d::Zero();  // the IRLS matrix
};

// f(w, c) = (1/n) Σ L(w·xc_i + c − y_i) + λ2·w², its gradient, Hessian and IRLS matrix.
SmoothState smoothStateAt(const RegressionOptions& options, const CentredData& d,
                          const Eigen::Vector2d& theta, bool withMatrices) {
    SmoothState s;
    double loss = 0.0, psi = 0.0, psiX = 0.0;
    double h00 = 0.0, h01 = 0.0, h11 = 0.0, m00 = 0.0, m01 = 0.0, m11 = 0.0;
    const Eigen::Index n = d.y.size();
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x = d.xc[i];
        const double r = theta[0] * x + theta[1] - d.y[i];
        const detail::NewtonTerms t = detail::newtonTerms(options.loss, r, options.delta);
        const PointLoss& p = t.loss;
        loss += p.value;
        psi += p.derivative;
        psiX += p.derivative * x;
        if (withMatrices) {
            const double curvature = t.curvature;
            const double weight = t.reweighting;
            h00 += curvature * x * x;
            h01 += curvature * x;
            h11 += curvature;
            m00 += weight * x * x;
            m01 += weight * x;
            m11 += weight;
        }
    }
    const double count = static_cast<double>(n);
    const double l2 = options.l2;
    s.value = loss / count + l2 * theta[0] * theta[0];
    s.gradient = {psiX / count + 2.0 * l2 * theta[0], psi / count};
    if (withMatrices) {
        s.hessian << h00 / count + 2.0 * l2, h01 / count, h01 / count, h11 / count;
        s.reweighted << m00 / count + 2.0 * l2, m01 / count, m01 / count, m11 / count;
    }
    return s;
}

// −A⁻¹g when A is safely positive definite, else nothing.
std::optional<Eigen::Vector2d> descentDirection(const Eigen::Matrix2d& a,
                                                const Eigen::Vector2d& g) {
    const double det = a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0);
    if (!(a(0, 0) > 0 && a(1, 1) > 0 && det > 1e-12 * a(0, 0) * a(1, 1))) return std::nullopt;
    const Eigen::Vector2d d{-(a(1, 1) * g[0] - a(0, 1) * g[1]) / det,
                            -(a(0, 0) * g[1] - a(1, 0) * g[0]) / det};
    if (!(g.dot(d) < 0)) return std::nullopt;
    return d;
}

constexpr int kMaxNewtonIterations = 100;
constexpr double kNewtonRelativeDecrease = 1e-14;
constexpr double kRoundingOfSums = 1e-12;
constexpr int kMaxHalvings = 60;

struct SmoothSolution {
    RegressionLine line;
    int iterations = 0;
};

SmoothSolution solveSmooth(const RegressionOptions& options, const CentredData& d,
                           const Eigen::Vector2d& start) {
    Eigen::Vector2d theta = start;
    int iterations = 0;
    for (; iterations < kMaxNewtonIterations; ++iterations) {
        const SmoothState s = smoothStateAt(options, d, theta, true);
        std::optional<Eigen::Vector2d> direction = descentDirection(s.hessian, s.gradient);
        if (!direction) direction = descentDirection(s.reweighted, s.gradient);
        if (!direction) direction = -s.gradient;
        const double slopeAlong = s.gradient.dot(*direction);
        // Newton's predicted decrease ½·gᵀA⁻¹g. Below kNewtonRelativeDecrease of f the
        // objective is final (the contract asks for 1e-9); one last full step, kept unless f
        // rises beyond that, still takes the gradient down towards rounding.
        const double predicted = -0.5 * slopeAlong;
        if (!(predicted > kNewtonRelativeDecrease * s.value)) {
            const Eigen::Vector2d polished = theta + *direction;
            const double value = smoothStateAt(options, d, polished, false).value;
            if (value <= s.value * (1 + kNewtonRelativeDecrease)) theta = polished;
            break;
        }
        // Backtracking (Armijo) with a strict decrease: a step that leaves f unchanged is no
        // progress. When even the full step cannot lower f and the predicted decrease is at
        // the rounding of a sum of n losses, halving will not help either: stop.
        double step = 1.0;
        bool decreased = false;
        for (int halving = 0; halving < kMaxHalvings; ++halving, step *= 0.5) {
            const Eigen::Vector2d trial = theta + step * *direction;
            const double value = smoothStateAt(options, d, trial, false).value;
            if (value < s.value && value <= s.value + 1e-4 * step * slopeAlong) {
                theta = trial;
                decreased = true;
                break;
            }
            if (halving == 0 && !(value < s.value) && predicted <= kRoundingOfSums * s.value) {
                break;
            }
        }
        if (!decreased) break;
    }
    return {uncentred(theta[0], theta[1], d.xMean), iterations};
}

// The shortest %g form that reads back as the same double, for messages.
std::string shortestNumber(double value) {
    char text[32];
    for (int digits = 6; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        if (std::strtod(text, nullptr) == value) break;
    }
    return text;
}

Eigen::Vector2d centredParameters(const RegressionLine& line, double xMean) {
    return {line.w, line.b + line.w * xMean};
}

}  // namespace

std::optional<std::string> solveRegressionExact(const RegressionOptions& options,
                                                const RegressionData& data, ExactFit* out) {
    if (auto error = checkRegressionOptions(options)) return error;
    if (auto error = checkRegressionData(data)) return error;
    if (allXEqual(data) && options.l2 == 0) {
        return "all x are equal (x = " + shortestNumber(data.x[0]) +
               "): the slope is not determined; vary x or use an l2 penalty > 0";
    }
    const CentredData centred = centre(data);
    ExactFit fit;
    switch (options.loss) {
        case RegressionLoss::L2:
            fit.line = solveL2(centred, options.l2);
            break;
        case RegressionLoss::L1: {
            const L1Solution solution = solveL1(centred, options.l2);
            fit.line = solution.line;
            fit.iterations = solution.iterations;
            break;
        }
        case RegressionLoss::Huber:
        case RegressionLoss::LogCosh: {
            // Start from the better of the l2 fit and the l1 fit. Near 0 both losses are r²/2,
            // half of l2, and (1/2)·mean r² + λ2·w² is half of the l2 objective with 2·λ2;
            // far out both grow like |r|, and with a tiny δ huber is nearly l1.
            const RegressionLine l2Start = solveL2(centred, 2.0 * options.l2);
            const RegressionLine l1Start = solveL1(centred, options.l2).line;
            const bool l1Better = evaluateRegressionObjective(options, data, l1Start).value <
                                  evaluateRegressionObjective(options, data, l2Start).value;
            const RegressionLine start = l1Better ? l1Start : l2Start;
            const SmoothSolution solution =
                solveSmooth(options, centred, centredParameters(start, centred.xMean));
            fit.line = solution.line;
            fit.iterations = solution.iterations;
            break;
        }
    }
    fit.objective = evaluateRegressionObjective(options, data, fit.line);
    if (!std::isfinite(fit.line.w) || !std::isfinite(fit.line.b) ||
        !std::isfinite(fit.objective.value)) {
        return std::string("the fit is not finite: the data are too large to fit in doubles");
    }
    *out = fit;
    return std::nullopt;
}

}  // namespace losslab
