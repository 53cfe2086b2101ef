#include "cli/loss_shape_args.hpp"

#include <CLI/CLI.hpp>
#include <string>

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
    LossOptions shaped = *options;
    shaped.temperature = args.temperature;
    shaped.smoothing = args.smoothing;
    shaped.margin = args.margin;
    shaped.gamma = args.gamma;
    // The one check of the options (losses.hpp), its field named as the flag that set it.
    if (auto problem = checkLossOptions(shaped)) {
        return "--" + std::string(problem->field) + ": " + std::string(problem->rule);
    }
    *options = shaped;
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
