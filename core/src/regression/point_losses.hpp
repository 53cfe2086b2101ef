#pragma once
// The four regression losses of one point, written once: the objective, the grid, the
// effective weights and the solvers all evaluate them through these functions
// (regression.hpp has the formulas).
#include <algorithm>
#include <cmath>

#include "losslab/regression.hpp"

namespace losslab::detail {

inline double residualOf(const RegressionLine& line, double x, double y) {
    return line.w * x + line.b - y;
}

inline PointLoss l2PointLoss(double r) {
    return {r * r, 2.0 * r};
}

inline PointLoss l1PointLoss(double r) {
    // sign(0) = 0: the subgradient the trainer also uses at a kink (trainer.hpp).
    return {std::abs(r), r > 0 ? 1.0 : (r < 0 ? -1.0 : 0.0)};
}

inline PointLoss huberPointLoss(double r, double delta) {
    const double size = std::abs(r);
    if (size <= delta) return {0.5 * r * r, r};
    return {delta * (size - 0.5 * delta), r > 0 ? delta : -delta};
}

// log cosh r and tanh r from one exponential and one log1p, without overflow or cancellation:
//   |r| ≤ 1: with m = e^|r| − 1 (expm1), cosh r − 1 = m²/(2(1 + m)), so
//            log cosh r = log1p(m²/(2(1 + m))) keeps every digit of the r²/2 of small
//            residuals, and tanh|r| = m(m + 2)/((1 + m)² + 1);
//   |r| > 1: with e = e^(−2|r|), log cosh r = |r| − log 2 + log1p(e) (≥ 0.43, nothing
//            cancels, nothing overflows) and tanh|r| = (1 − e)/(1 + e).
inline PointLoss logCoshPointLoss(double r) {
    const double size = std::abs(r);
    double value = 0.0;
    double tanhOfSize = 0.0;
    if (size <= 1.0) {
        const double m = std::expm1(size);
        value = std::log1p(m * m / (2.0 * (1.0 + m)));
        tanhOfSize = m * (m + 2.0) / ((1.0 + m) * (1.0 + m) + 1.0);
    } else {
        constexpr double kLog2 = 0.69314718055994530942;
        const double e = std::exp(-2.0 * size);
        value = size - kLog2 + std::log1p(e);
        tanhOfSize = (1.0 - e) / (1.0 + e);
    }
    return {value, r < 0 ? -tanhOfSize : tanhOfSize};
}

inline PointLoss pointLoss(RegressionLoss loss, double r, double delta) {
    switch (loss) {
        case RegressionLoss::L2:
            return l2PointLoss(r);
        case RegressionLoss::L1:
            return l1PointLoss(r);
        case RegressionLoss::Huber:
            return huberPointLoss(r, delta);
        case RegressionLoss::LogCosh:
            return logCoshPointLoss(r);
    }
    return {};
}

// What Newton's method needs of one point: the loss, ψ, the curvature ψ' (huber: 1 on the
// closed band |r| ≤ δ, 0 outside; log cosh: 1 − tanh² r) and the weight ψ(r)/r of iteratively
// reweighted least squares (ψ'(0) at r = 0). The quadratic L(r0) + ψ(r0)(r − r0) +
// ψ(r0)/(2 r0)·(r − r0)² lies above L for huber and log cosh (their ψ(r)/r falls with |r|),
// so a step on it never climbs: the solver's fallback where ψ' gives no curvature. Defined for
// the smooth losses (l2, huber, log cosh); l1 gets zeros.
struct NewtonTerms {
    PointLoss loss;
    double curvature = 0.0;
    double reweighting = 0.0;
};

inline NewtonTerms newtonTerms(RegressionLoss loss, double r, double delta) {
    NewtonTerms terms;
    terms.loss = pointLoss(loss, r, delta);
    switch (loss) {
        case RegressionLoss::L2:
            terms.curvature = 2.0;
            terms.reweighting = 2.0;
            break;
        case RegressionLoss::L1:
            break;
        case RegressionLoss::Huber: {
            const bool inBand = std::abs(r) <= delta;
            terms.curvature = inBand ? 1.0 : 0.0;
            terms.reweighting = inBand ? 1.0 : delta / std::abs(r);
            break;
        }
        case RegressionLoss::LogCosh: {
            const double t = terms.loss.derivative;
            terms.curvature = 1.0 - t * t;
            terms.reweighting = r != 0 ? t / r : 1.0;
            break;
        }
    }
    return terms;
}

}  // namespace losslab::detail
