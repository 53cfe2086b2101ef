#include "cli/backprop_command.hpp"

#include <CLI/CLI.hpp>
#include <vector>

#include "io/json_writer.hpp"
#include "losslab/backprop.hpp"
#include "losslab/parse.hpp"

namespace losslab::cli {

namespace {

// "linear, poly2, poly3": the feature maps backprop takes (every one but rbf).
std::string backpropFeatureList() {
    std::string out;
    for (FeatureMap map : kAllFeatureMaps) {
        if (!backpropSupports(map)) continue;
        if (!out.empty()) out += ", ";
        out += featureKey(map);
    }
    return out;
}

// "2 linear, 5 poly2, 9 poly3": D of each of them.
std::string backpropDimensionList() {
    std::string out;
    for (FeatureMap map : kAllFeatureMaps) {
        if (!backpropSupports(map)) continue;
        if (!out.empty()) out += ", ";
        out += std::to_string(featureDimension(map)) + " " + std::string(featureKey(map));
    }
    return out;
}

std::string lossList() {
    std::string out;
    for (Loss loss : kAllLosses) {
        if (!out.empty()) out += ", ";
        out += lossKey(loss);
    }
    return out;
}

}  // namespace

CLI::App* addBackpropCommand(CLI::App& app, BackpropArgs& args) {
    CLI::App* command = app.add_subcommand(
        "backprop",
        "Backpropagate the loss of one sample through the linear classifier "
        "x -> phi(x) -> s = W phi + b -> z = s/T -> p = softmax(z) -> loss, and print the "
        "forward values {phi, s, z, p, loss} and the gradients {s, W, b, x} of the loss as JSON");
    command->add_option("--x", args.x, "The point x: two numbers x1,x2")->required();
    command
        ->add_option("--W", args.weights,
                     "Weights W, K rows of D numbers: 'w00,w01;w10,w11;...' (D = " +
                         backpropDimensionList() + ")")
        ->required();
    command->add_option("--b", args.bias, "Bias b: K numbers")->required();
    command->add_option("--target", args.target, "True class y, 0-based")->required();
    command->add_option("--features", args.features, "Feature map: " + backpropFeatureList())
        ->capture_default_str();
    command->add_option("--loss", args.loss, "Loss: " + lossList())->capture_default_str();
    addLossShapeOptions(command, args.shape);
    addLogBaseOption(command, args.logBase);
    return command;
}

namespace {

// Core names the field of a bad sample ("W: …"); here it is the option of that name.
std::string asOptionMessage(const std::string& message) {
    for (const char* field : {"x: ", "W: ", "b: ", "target: ", "features: "}) {
        if (message.rfind(field, 0) == 0) return "--" + message;
    }
    return message;
}

}  // namespace

bool runBackpropCommand(const BackpropArgs& args, std::string* json, std::string* error) {
    BackpropSample sample;
    std::vector<double> x;
    if (auto e = parseDoubleList(args.x, &x)) return fail(error, "--x: " + *e);
    if (x.size() != 2) {
        return fail(error, "--x: needs 2 numbers (x1,x2), got " + std::to_string(x.size()));
    }
    sample.x = Eigen::Vector2d(x[0], x[1]);
    if (auto e = parseNumberRows(args.weights, kMaxBackpropClasses, &sample.weights)) {
        return fail(error, "--W: " + *e);
    }
    std::vector<double> bias;
    if (auto e = parseDoubleList(args.bias, &bias)) return fail(error, "--b: " + *e);
    sample.bias = Eigen::Map<const Vec>(bias.data(), static_cast<Eigen::Index>(bias.size()));
    const Eigen::Index classes = sample.weights.rows();
    if (args.target < 0 || args.target >= classes) {
        return fail(error, "--target: class " + std::to_string(args.target) +
                               " is out of range for K = " + std::to_string(classes) + " (0.." +
                               std::to_string(classes - 1) + ")");
    }
    sample.target = static_cast<int>(args.target);
    const std::optional<FeatureMap> features = featureFromKey(args.features);
    if (!features) {
        return fail(error,
                    "--features: '" + args.features + "' is not one of " + backpropFeatureList());
    }
    sample.features = *features;
    const std::optional<Loss> loss = lossFromKey(args.loss);
    if (!loss) return fail(error, "--loss: '" + args.loss + "' is not one of " + lossList());
    sample.loss = *loss;
    if (auto e = applyLossShape(args.shape, &sample.options)) return fail(error, *e);
    if (auto e = applyLogBase(args.logBase, &sample.options)) return fail(error, *e);

    Backprop result;
    if (auto e = runBackprop(sample, &result)) return fail(error, asOptionMessage(*e));

    JsonWriter w;
    w.beginObject();
    w.key("forward").beginObject();
    w.field("phi", result.phi);
    w.field("s", result.s);
    w.field("z", result.z);
    w.field("p", result.p);
    w.field("loss", result.loss);
    w.endObject();
    w.key("grad").beginObject();
    w.field("s", result.gradS);
    w.key("W").beginArray();
    for (Eigen::Index k = 0; k < result.gradW.rows(); ++k) {
        w.value(Vec(result.gradW.row(k).transpose()));
    }
    w.endArray();
    w.field("b", result.gradB);
    w.field("x", result.gradX);
    w.endObject();
    w.endObject();
    *json = w.str();
    return true;
}

}  // namespace losslab::cli
