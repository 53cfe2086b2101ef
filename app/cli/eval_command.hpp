#pragma once
// `losslab eval`: every loss and gradient of one logit vector as JSON (docs/command-line.md), or of
// every row of a batch with each loss's mean (docs/command-line.md).
#include <limits>
#include <string>
#include <vector>

#include "cli/loss_shape_args.hpp"
#include "losslab/losses.hpp"

namespace CLI {
class App;
}

namespace losslab::cli {

inline constexpr long long kNoTarget = std::numeric_limits<long long>::min();  // not given

struct EvalArgs {
    std::string logits;            // "3.2,5.1,-1.7"
    long long target = kNoTarget;  // true class index
    std::string targetDist;        // optional soft target "0.7,0.2,0.1"
    LossShapeArgs shape;           // T, ε, Δ, γ
    std::string logBase = "e";
    std::string
        batch;  // --batch "s,s,s:y; s,s,s:y" (docs/command-line.md): every row, and the mean
};

// Registers the subcommand and its options on `app`; returns it.
CLI::App* addEvalCommand(CLI::App& app, EvalArgs& args);

// Validates the arguments and builds the JSON document. On bad input returns false
// and sets `error` to a one-line message naming the argument; nothing is printed.
bool runEval(const EvalArgs& args, std::string* json, std::string* error);

}  // namespace losslab::cli
