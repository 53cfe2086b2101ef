// Gradient descent on the regression line with the optimizers of training (regression.hpp).
#include <cmath>

#include "../optimizer_updates.hpp"
#include "losslab/regression.hpp"

namespace losslab {

std::optional<std::string> checkRegressionDescentConfig(const RegressionDescentConfig& config) {
    if (!(std::isfinite(config.learningRate) && config.learningRate > 0)) {
        return std::string("learning rate: must be a finite number > 0");
    }
    if (!(std::isfinite(config.momentum) && config.momentum >= 0)) {
        return std::string("momentum: must be a finite number >= 0");
    }
    if (config.optimizer != Optimizer::Sgd && config.momentum != 0) {
        return std::string("momentum: only sgd uses it (adam has its own beta1 = 0.9)");
    }
    if (config.steps < 0 || config.steps > kMaxRegressionSteps) {
        return "steps: " + std::to_string(config.steps) + " is out of range [0, " +
               std::to_string(kMaxRegressionSteps) + "]";
    }
    if (!std::isfinite(config.start.w) || !std::isfinite(config.start.b)) {
        return std::string("start: the starting line must be finite");
    }
    return std::nullopt;
}

namespace {

bool finite(const RegressionObjective& objective) {
    return std::isfinite(objective.value) && std::isfinite(objective.gradW) &&
           std::isfinite(objective.gradB);
}

// What became non-finite first, for the message.
std::string whatIsNotFinite(const RegressionObjective& objective) {
    if (!std::isfinite(objective.value)) {
        return std::string("objective became ") + (std::isnan(objective.value) ? "nan" : "inf");
    }
    return "gradient became not finite";
}

}  // namespace

std::optional<std::string> runRegressionDescent(const RegressionOptions& options,
                                                const RegressionDescentConfig& config,
                                                const RegressionData& data,
                                                RegressionDescent* out) {
    if (auto error = checkRegressionOptions(options)) return error;
    if (auto error = checkRegressionDescentConfig(config)) return error;
    if (auto error = checkRegressionData(data)) return error;

    RegressionDescent result;
    // θ = (w, b): both optimizers act element-wise, so slope and intercept are treated alike.
    Eigen::Vector2d theta{config.start.w, config.start.b};
    Eigen::Vector2d velocity = Eigen::Vector2d::Zero();
    Eigen::Vector2d firstMoment = Eigen::Vector2d::Zero();
    Eigen::Vector2d secondMoment = Eigen::Vector2d::Zero();
    auto lineOf = [](const Eigen::Vector2d& t) { return RegressionLine{t[0], t[1]}; };
    auto stop = [&](const std::string& what, long long step) {
        result.diverged = true;
        result.message = "gradient descent diverged (" + what + " at step " + std::to_string(step) +
                         "): learning rate too high?";
    };

    RegressionObjective objective = evaluateRegressionObjective(options, data, lineOf(theta));
    if (!finite(objective) && config.steps > 0) stop(whatIsNotFinite(objective), 0);
    for (long long step = 0; step < config.steps && !result.diverged; ++step) {
        // Here `objective` is J at θ, finite: measured before update `step`.
        result.history.push_back({step, objective.value, lineOf(theta)});
        const Eigen::Vector2d grad{objective.gradW, objective.gradB};
        const Eigen::Vector2d previous = theta;
        if (config.optimizer == Optimizer::Sgd) {
            detail::sgdUpdate(theta, grad, velocity, config.learningRate, config.momentum,
                              step == 0);
        } else {
            detail::adamUpdate(theta, grad, firstMoment, secondMoment,
                               detail::adamStep(config.learningRate, step + 1));
        }
        if (!theta.allFinite()) {
            theta = previous;
            stop("the line became not finite", step + 1);
            break;
        }
        const RegressionObjective next = evaluateRegressionObjective(options, data, lineOf(theta));
        if (!finite(next)) {
            // Undo the update: the result is the last line with a finite objective.
            theta = previous;
            stop(whatIsNotFinite(next), step + 1);
            break;
        }
        objective = next;
    }
    result.line = lineOf(theta);
    result.objective = objective;
    *out = std::move(result);
    return std::nullopt;
}

}  // namespace losslab
