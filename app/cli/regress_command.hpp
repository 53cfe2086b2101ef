#pragma once
// `losslab regress`: fits the line ŷ = w·x + b to points from an x,y CSV or the seeded `line`
// dataset with one of the regression losses (losslab/regression.hpp), exactly or by gradient
// descent, and prints the fit as JSON. `losslab regress --help` states the contract.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace losslab::cli {

struct RegressArgs {
    std::string data;     // x,y CSV; exclusive with `dataset`
    std::string dataset;  // line
    long long points = 30;
    double noise = 0.3;
    long long outliers = 3;
    long long seed = 1;
    std::string loss;  // required: l2 | l1 | huber | log_cosh
    double delta = 1.0;
    double l2 = 0.0;
    std::string solver = "exact";
    std::string optimizer = "sgd";
    double lr = 0.1;
    double momentum = 0.0;
    long long steps = 200;
    // The gradient-descent options given on the command line (--optimizer, --lr, ...): with
    // --solver exact they are an error rather than silently ignored.
    std::vector<std::string> descentOptionsGiven;
};

// Registers the subcommand and its options on `app`; returns it.
CLI::App* addRegressCommand(CLI::App& app, RegressArgs& args);

// Validates the arguments, loads or generates the points, fits and builds the JSON document.
// On bad input returns false and sets `error` to a one-line message naming the argument (or
// the CSV line); nothing is printed. A diverging gradient descent is not an error: the JSON
// holds the history up to the last finite line and a "diverged" message.
bool runRegress(const RegressArgs& args, std::string* json, std::string* error);

}  // namespace losslab::cli
