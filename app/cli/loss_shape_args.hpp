#pragma once
// The options that shape a loss (docs/math.md), taken alike by `losslab eval`, `losslab train` and
// `losslab backprop`: the softmax temperature T, label smoothing ε, the hinge margin Δ and the
// focal γ; and the log base, which eval and backprop take (train keeps natural logs).
#include <optional>
#include <string>

#include "cli/fail.hpp"
#include "losslab/losses.hpp"

namespace CLI {
class App;
}

namespace losslab::cli {

struct LossShapeArgs {
    double temperature = 1.0;
    double smoothing = 0.0;
    double margin = 1.0;
    double gamma = 2.0;
};

// Registers --temperature, --smoothing, --margin and --gamma on `command`.
void addLossShapeOptions(CLI::App* command, LossShapeArgs& args);
// Checks the values and writes T, ε, Δ and γ into `options` (its other fields, e.g. the log
// base, are not touched). On a bad value returns a one-line message naming the option, and
// `options` is untouched.
std::optional<std::string> applyLossShape(const LossShapeArgs& args, LossOptions* options);

// Registers --log-base (e, 2 or 10) on `command`, stored as text in `logBase`.
void addLogBaseOption(CLI::App* command, std::string& logBase);
// Parses the text into options->logBase; on a bad value returns a one-line message naming
// --log-base, and `options` is untouched.
std::optional<std::string> applyLogBase(const std::string& logBase, LossOptions* options);

}  // namespace losslab::cli
