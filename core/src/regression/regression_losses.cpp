// The regression losses, the objective and what is derived from it point by point: residuals,
// effective weights, the (w, b) grid and the likelihood view (regression.hpp).
#include <cmath>
#include <limits>

#include "losslab/regression.hpp"
#include "point_losses.hpp"

namespace losslab {

std::string_view regressionLossKey(RegressionLoss loss) {
    switch (loss) {
        case RegressionLoss::L2:
            return "l2";
        case RegressionLoss::L1:
            return "l1";
        case RegressionLoss::Huber:
            return "huber";
        case RegressionLoss::LogCosh:
            return "log_cosh";
    }
    return "";
}

std::optional<RegressionLoss> regressionLossFromKey(std::string_view key) {
    for (RegressionLoss loss : kAllRegressionLosses) {
        if (regressionLossKey(loss) == key) return loss;
    }
    return std::nullopt;
}

std::string regressionLossKeyList() {
    std::string list;
    for (RegressionLoss loss : kAllRegressionLosses) {
        if (!list.empty()) list += ", ";
        list += regressionLossKey(loss);
    }
    return list;
}

std::optional<std::string> checkRegressionOptions(const RegressionOptions& options) {
    if (options.loss == RegressionLoss::Huber &&
        !(std::isfinite(options.delta) && options.delta > 0)) {
        return std::string("delta: must be a finite number > 0");
    }
    if (!(std::isfinite(options.l2) && options.l2 >= 0)) {
        return std::string("l2: must be a finite number >= 0");
    }
    return std::nullopt;
}

PointLoss regressionPointLoss(RegressionLoss loss, double residual, double delta) {
    return detail::pointLoss(loss, residual, delta);
}

namespace {

struct Sums {
    double loss = 0.0;
    double psi = 0.0;   // Σ ψ(r_i)
    double psiX = 0.0;  // Σ ψ(r_i)·x_i
};

// One pass over the points with the loss chosen outside the loop, so that each loss gets a
// loop of its own that the compiler can vectorize.
template <typename Loss>
Sums sumOver(const RegressionData& data, const RegressionLine& line, Loss loss) {
    Sums sums;
    const Eigen::Index n = data.size();
    for (Eigen::Index i = 0; i < n; ++i) {
        const PointLoss p = loss(detail::residualOf(line, data.x[i], data.y[i]));
        sums.loss += p.value;
        sums.psi += p.derivative;
        sums.psiX += p.derivative * data.x[i];
    }
    return sums;
}

Sums sumLosses(const RegressionOptions& options, const RegressionData& data,
               const RegressionLine& line) {
    switch (options.loss) {
        case RegressionLoss::L2:
            return sumOver(data, line, [](double r) { return detail::l2PointLoss(r); });
        case RegressionLoss::L1:
            return sumOver(data, line, [](double r) { return detail::l1PointLoss(r); });
        case RegressionLoss::Huber: {
            const double delta = options.delta;
            return sumOver(data, line,
                           [delta](double r) { return detail::huberPointLoss(r, delta); });
        }
        case RegressionLoss::LogCosh:
            return sumOver(data, line, [](double r) { return detail::logCoshPointLoss(r); });
    }
    return {};
}

}  // namespace

RegressionObjective evaluateRegressionObjective(const RegressionOptions& options,
                                                const RegressionData& data,
                                                const RegressionLine& line) {
    const Sums sums = sumLosses(options, data, line);
    const double n = static_cast<double>(data.size());
    RegressionObjective objective;
    objective.dataLoss = sums.loss / n;
    objective.regLoss = options.l2 * line.w * line.w;
    objective.value = objective.dataLoss + objective.regLoss;
    objective.gradW = sums.psiX / n + 2.0 * options.l2 * line.w;
    objective.gradB = sums.psi / n;
    return objective;
}

Vec regressionResiduals(const RegressionData& data, const RegressionLine& line) {
    Vec residuals(data.size());
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        residuals[i] = detail::residualOf(line, data.x[i], data.y[i]);
    }
    return residuals;
}

Vec regressionEffectiveWeights(const RegressionOptions& options, const RegressionData& data,
                               const RegressionLine& line) {
    Vec weights(data.size());
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        const double r = detail::residualOf(line, data.x[i], data.y[i]);
        weights[i] = std::abs(detail::pointLoss(options.loss, r, options.delta).derivative);
    }
    return weights;
}

std::optional<std::string> regressionObjectiveGrid(const RegressionOptions& options,
                                                   const RegressionData& data, const GridSpec& spec,
                                                   Grid* out) {
    if (auto error = checkRegressionOptions(options)) return error;
    if (auto error = checkRegressionData(data)) return error;
    if (auto error = checkGridSpec(spec)) return "grid: " + *error;
    Grid grid;
    grid.reset(spec);
    for (int j = 0; j < spec.ny; ++j) {
        for (int i = 0; i < spec.nx; ++i) {
            const RegressionLine line{spec.x(i), spec.y(j)};
            grid.at(i, j) = evaluateRegressionObjective(options, data, line).value;
        }
    }
    grid.updateRange();
    *out = std::move(grid);
    return std::nullopt;
}

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kLogSqrtTwoPi = 0.91893853320467274178;  // log √(2π)
constexpr double kLog2 = 0.69314718055994530942;

// The value of a negative log-likelihood whose scale is 0: the density is a spike at 0, so
// the NLL is −inf when every residual sits on it and +inf otherwise. (An infinite scale,
// from residuals beyond the double range, gives +inf: never NaN.)
double zeroScaleNll(double residualSum) {
    return residualSum == 0 ? -kInfinity : kInfinity;
}

}  // namespace

double gaussianNllFromL2DataLoss(Eigen::Index n, double meanSquaredResidual, double sigma) {
    const double count = static_cast<double>(n);
    if (!(sigma > 0)) return zeroScaleNll(meanSquaredResidual);
    if (!std::isfinite(sigma)) return kInfinity;
    return count * (kLogSqrtTwoPi + std::log(sigma)) +
           count * meanSquaredResidual / (2.0 * sigma * sigma);
}

double laplaceNllFromL1DataLoss(Eigen::Index n, double meanAbsoluteResidual, double beta) {
    const double count = static_cast<double>(n);
    if (!(beta > 0)) return zeroScaleNll(meanAbsoluteResidual);
    if (!std::isfinite(beta)) return kInfinity;
    return count * (kLog2 + std::log(beta)) + count * meanAbsoluteResidual / beta;
}

double gaussianNegLogLikelihood(const Vec& residuals, double sigma) {
    const double n = static_cast<double>(residuals.size());
    const double sumSquares = residuals.squaredNorm();
    if (!(sigma > 0)) return zeroScaleNll(sumSquares);
    if (!std::isfinite(sigma)) return kInfinity;
    return n * (kLogSqrtTwoPi + std::log(sigma)) + sumSquares / (2.0 * sigma * sigma);
}

double laplaceNegLogLikelihood(const Vec& residuals, double beta) {
    const double n = static_cast<double>(residuals.size());
    const double sumAbsolute = residuals.cwiseAbs().sum();
    if (!(beta > 0)) return zeroScaleNll(sumAbsolute);
    if (!std::isfinite(beta)) return kInfinity;
    return n * (kLog2 + std::log(beta)) + sumAbsolute / beta;
}

double gaussianSigmaMle(const Vec& residuals) {
    if (residuals.size() == 0) return 0.0;
    return std::sqrt(residuals.squaredNorm() / static_cast<double>(residuals.size()));
}

double laplaceBetaMle(const Vec& residuals) {
    if (residuals.size() == 0) return 0.0;
    return residuals.cwiseAbs().sum() / static_cast<double>(residuals.size());
}

RegressionLikelihood regressionLikelihood(const RegressionData& data, const RegressionLine& line) {
    const Vec residuals = regressionResiduals(data, line);
    RegressionLikelihood likelihood;
    likelihood.gaussianSigma = gaussianSigmaMle(residuals);
    likelihood.gaussianNll = gaussianNegLogLikelihood(residuals, likelihood.gaussianSigma);
    likelihood.laplaceBeta = laplaceBetaMle(residuals);
    likelihood.laplaceNll = laplaceNegLogLikelihood(residuals, likelihood.laplaceBeta);
    return likelihood;
}

}  // namespace losslab
