#pragma once
// The options that shape a loss (SPEC §3), taken alike by `losslab eval` and `losslab train`:
// the softmax temperature T, label smoothing ε, the hinge margin Δ and the focal γ.
#include <optional>
#include <string>

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
// Checks the values and writes them into `options` (the log base is left as it is). On a bad
// value returns a one-line message naming the option, and `options` is untouched.
std::optional<std::string> applyLossShape(const LossShapeArgs& args, LossOptions* options);

// Sets `error` and returns false: the commands' way of giving up with a message.
inline bool fail(std::string* error, const std::string& message) {
    *error = message;
    return false;
}

}  // namespace losslab::cli
