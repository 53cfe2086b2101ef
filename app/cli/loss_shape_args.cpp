#include "cli/loss_shape_args.hpp"

#include <CLI/CLI.hpp>
#include <cmath>

namespace losslab::cli {

void addLossShapeOptions(CLI::App* command, LossShapeArgs& args) {
    command->add_option("--temperature", args.temperature, "Softmax temperature T > 0 (z = s / T)")
        ->capture_default_str();
    command->add_option("--smoothing", args.smoothing, "Label smoothing eps in [0, 1]")
        ->capture_default_str();
    command->add_option("--margin", args.margin, "Hinge margin Delta > 0")->capture_default_str();
    command->add_option("--gamma", args.gamma, "Focal loss gamma >= 0")->capture_default_str();
}

std::optional<std::string> applyLossShape(const LossShapeArgs& args, LossOptions* options) {
    if (!std::isfinite(args.temperature) || args.temperature <= 0) {
        return "--temperature: must be a finite number > 0";
    }
    if (!std::isfinite(args.smoothing) || args.smoothing < 0 || args.smoothing > 1) {
        return "--smoothing: must be in [0, 1]";
    }
    if (!std::isfinite(args.margin) || args.margin <= 0) {
        return "--margin: must be a finite number > 0";
    }
    if (!std::isfinite(args.gamma) || args.gamma < 0) {
        return "--gamma: must be a finite number >= 0";
    }
    options->temperature = args.temperature;
    options->smoothing = args.smoothing;
    options->margin = args.margin;
    options->gamma = args.gamma;
    return std::nullopt;
}

void addLogBaseOption(CLI::App* command, std::string& logBase) {
    command->add_option("--log-base", logBase, "Base of the logs: e, 2 or 10")
        ->capture_default_str();
}

std::optional<std::string> applyLogBase(const std::string& logBase, LossOptions* options) {
    if (!parseLogBase(logBase, &options->logBase)) {
        return "--log-base: '" + logBase + "' is not one of e, 2, 10";
    }
    return std::nullopt;
}

}  // namespace losslab::cli
