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

void stop(RegressionDescentState& state, const std::string& what, long long step) {
    state.diverged = true;
    state.message = "gradient descent diverged (" + what + " at step " + std::to_string(step) +
                    "): learning rate too high?";
}

}  // namespace

std::optional<std::string> startRegressionDescent(const RegressionOptions& options,
                                                  const RegressionDescentConfig& config,
                                                  const RegressionData& data,
                                                  RegressionDescentState* out) {
    if (auto error = checkRegressionOptions(options)) return error;
    if (auto error = checkRegressionDescentConfig(config)) return error;
    if (auto error = checkRegressionData(data)) return error;
    RegressionDescentState state;
    state.line = config.start;
    state.objective = evaluateRegressionObjective(options, data, state.line);
    if (!finite(state.objective)) stop(state, whatIsNotFinite(state.objective), 0);
    *out = std::move(state);
    return std::nullopt;
}

bool stepRegressionDescent(const RegressionOptions& options, const RegressionDescentConfig& config,
                           const RegressionData& data, RegressionDescentState* state) {
    if (state->diverged) return false;
    // θ = (w, b): both optimizers act element-wise, so slope and intercept are treated alike.
    Eigen::Vector2d theta{state->line.w, state->line.b};
    const Eigen::Vector2d grad{state->objective.gradW, state->objective.gradB};
    const long long step = state->steps;
    if (config.optimizer == Optimizer::Sgd) {
        detail::sgdUpdate(theta, grad, state->velocity, config.learningRate, config.momentum,
                          step == 0);
    } else {
        detail::adamUpdate(theta, grad, state->firstMoment, state->secondMoment,
                           detail::adamStep(config.learningRate, step + 1));
    }
    if (!theta.allFinite()) {
        stop(*state, "the line became not finite", step + 1);
        return false;
    }
    const RegressionLine next{theta[0], theta[1]};
    const RegressionObjective objective = evaluateRegressionObjective(options, data, next);
    if (!finite(objective)) {
        // The update is undone: the state keeps the last line with a finite objective.
        stop(*state, whatIsNotFinite(objective), step + 1);
        return false;
    }
    state->line = next;
    state->objective = objective;
    state->steps = step + 1;
    return true;
}

std::optional<std::string> runRegressionDescent(const RegressionOptions& options,
                                                const RegressionDescentConfig& config,
                                                const RegressionData& data,
                                                RegressionDescent* out) {
    RegressionDescentState state;
    if (auto error = startRegressionDescent(options, config, data, &state)) return error;
    RegressionDescent result;
    // A run of no steps does not look at J (a start where J is not finite is no divergence).
    if (config.steps == 0) {
        state.diverged = false;
        state.message.clear();
    }
    for (long long step = 0; step < config.steps && !state.diverged; ++step) {
        // J at the line before update `step`, finite here.
        result.history.push_back({step, state.objective.value, state.line});
        if (!stepRegressionDescent(options, config, data, &state)) break;
    }
    result.line = state.line;
    result.objective = state.objective;
    result.diverged = state.diverged;
    result.message = state.message;
    *out = std::move(result);
    return std::nullopt;
}

}  // namespace losslab
