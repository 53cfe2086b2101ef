#pragma once
// `losslab backprop`: the loss of one sample pushed back through the linear classifier
// x → φ(x) → s = W φ + b → z = s/T → p → L, printed as JSON: the forward values (φ, s, z, p, L)
// and the gradients ∂L/∂s, ∂L/∂W, ∂L/∂b, ∂L/∂x (core/include/losslab/backprop.hpp).
#include <string>

#include "cli/loss_shape_args.hpp"

namespace CLI {
class App;
}

namespace losslab::cli {

struct BackpropArgs {
    std::string x;        // "0.5,-1.2"
    std::string weights;  // "w00,w01;w10,w11;w20,w21": K rows of D entries
    std::string bias;     // "0.1,0,-0.2"
    long long target = 0;
    std::string features = "linear";
    std::string loss = "cross_entropy";
    LossShapeArgs shape;  // T, ε, Δ, γ
    std::string logBase = "e";
};

// Registers the subcommand and its options on `app`; returns it.
CLI::App* addBackpropCommand(CLI::App& app, BackpropArgs& args);

// Validates the arguments and builds the JSON document. On bad input returns false and sets
// `error` to a one-line message naming the argument; nothing is printed.
bool runBackpropCommand(const BackpropArgs& args, std::string* json, std::string* error);

}  // namespace losslab::cli
