#pragma once
// `losslab train`: trains the linear classifier on a points CSV or a generated dataset and
// prints the history, the weights and the final measurement as JSON (docs/command-line.md).
#include <string>

#include "cli/loss_shape_args.hpp"

namespace CLI {
class App;
}

namespace losslab::cli {

struct TrainArgs {
    std::string data;     // points CSV (x1,x2,label); exclusive with `dataset`
    std::string dataset;  // blobs | spiral | xor | circles | moons | toy3
    long long points = 300;
    long long classes = 3;
    bool classesGiven = false;  // --classes on the command line: with --data it fixes K
    double noise = 0.1;
    long long seed = 1;
    std::string features = "linear";
    std::string loss = "cross_entropy";
    std::string optimizer = "sgd";
    double lr = 0.1;
    double momentum = 0.0;
    long long batch = 0;
    long long steps = 100;
    double l2 = 0.0;
    double l1 = 0.0;
    LossShapeArgs shape;  // T, ε, Δ, γ
    std::string init = "zeros";
};

// Limits of the command line, so that a typo cannot ask for terabytes.
inline constexpr long long kMaxTrainSteps = 10000000;
inline constexpr long long kMaxTrainBatch = 1000000;

// Registers the subcommand and its options on `app`; returns it.
CLI::App* addTrainCommand(CLI::App& app, TrainArgs& args);

// Validates the arguments, loads or generates the data, trains and builds the JSON
// document. On bad input returns false and sets `error` to a one-line message naming the
// argument (or the CSV line); nothing is printed. If training diverges, the JSON holds the
// history up to the last finite state and a "diverged" message.
bool runTrain(const TrainArgs& args, std::string* json, std::string* error);

}  // namespace losslab::cli
