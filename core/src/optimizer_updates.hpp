#pragma once
// The two optimizer updates, written once for every parameter shape that trains in LossLab:
// the classifier's [W | b] matrix (trainer.cpp) and the regression line's (w, b)
// (regression/regression_descent.cpp). The formulas are PyTorch's, as trainer.hpp states:
//   sgd : v ← μ v + g (v = g on the first step), θ ← θ − lr·v
//   adam: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², t ← t + 1,
//         θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
#include <cmath>

#include "losslab/trainer.hpp"

namespace losslab::detail {

// One sgd update: v ← μ v + g (v = g on the first step), θ ← θ − lr·v.
template <typename Parameters>
void sgdUpdate(Parameters& theta, const Parameters& grad, Parameters& velocity, double lr,
               double momentum, bool firstStep) {
    if (momentum == 0) {
        theta -= lr * grad;
        return;
    }
    if (firstStep) {
        velocity = grad;
    } else {
        velocity = momentum * velocity + grad;
    }
    theta -= lr * velocity;
}

// Adam's two bias corrections for update number t (from 1): stepSize = lr / (1 − β1^t) and
// biasCorrection2Sqrt = √(1 − β2^t), computed in this order as torch.optim.Adam does.
struct AdamStep {
    double stepSize = 0.0;
    double biasCorrection2Sqrt = 0.0;
};
inline AdamStep adamStep(double lr, long long t) {
    const double updates = static_cast<double>(t);
    return {lr / (1.0 - std::pow(kAdamBeta1, updates)),
            std::sqrt(1.0 - std::pow(kAdamBeta2, updates))};
}

// One adam update, in the order of operations of torch.optim.Adam:
// θ ← θ − stepSize · m / (√v / biasCorrection2Sqrt + ε).
template <typename Parameters>
void adamUpdate(Parameters& theta, const Parameters& grad, Parameters& m, Parameters& v,
                const AdamStep& step) {
    m = kAdamBeta1 * m + (1.0 - kAdamBeta1) * grad;
    v.array() = kAdamBeta2 * v.array() + (1.0 - kAdamBeta2) * grad.array() * grad.array();
    theta.array() -=
        step.stepSize * (m.array() / (v.array().sqrt() / step.biasCorrection2Sqrt + kAdamEpsilon));
}

}  // namespace losslab::detail
