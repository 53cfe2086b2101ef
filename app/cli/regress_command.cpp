#include "cli/regress_command.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <optional>
#include <type_traits>

#include "cli/fail.hpp"
#include "io/json_writer.hpp"
#include "losslab/dataset.hpp"
#include "losslab/regression.hpp"

namespace losslab::cli {

namespace {

constexpr const char* kExactSolver = kRegressionExactSolver;
constexpr const char* kDescentSolver = kRegressionDescentSolver;

// A short %g form for the help text (the JSON output keeps %.17g).
std::string shortNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// The contract of the command, shown by --help after the options.
std::string contractText() {
    return "Model: yhat = w*x + b, residual r = yhat - y. Losses of one point: l2 = r^2, "
           "l1 = |r|, huber = r^2/2 if |r| <= delta else delta*(|r| - delta/2), "
           "log_cosh = log cosh r. Objective: the mean over the points + l2 * w^2 "
           "(b is not regularized).\n"
           "--solver exact finds the minimum of the objective to a relative 1e-9 (closed form "
           "for l2; certified cutting planes for l1; Newton for huber and log_cosh); all x "
           "equal is an error unless --l2 > 0 (then w = 0). --solver gd starts at w = b = 0 "
           "and takes --steps updates of sgd (PyTorch momentum: v = g on the first step) or "
           "adam (beta1 0.9, beta2 0.999, eps 1e-8).\n"
           "Dataset line: y = " +
           shortNumber(kLineDatasetSlope) + "*x + " + shortNumber(kLineDatasetIntercept) +
           " + noise*N(0,1) with x uniform in [-1, 1); --outliers of the points, chosen at "
           "random, lifted 2 to 4 above the line.\n"
           "Output (JSON): {\"w\", \"b\", \"objective\": J(w, b), \"history\": one entry a gd "
           "step, [] for exact: {\"step\": i, \"objective\", \"w\", \"b\"} measured BEFORE "
           "update i, then \"loss\", \"delta\" (huber only), \"l2\", \"solver\", \"n\": points, "
           "\"data_loss\": mean loss, \"reg_loss\": l2*w^2, \"likelihood\": {\"gaussian_sigma\": "
           "sqrt(mean r^2), \"gaussian_nll\": n*log(sqrt(2*pi)*sigma) + sum r^2/(2 sigma^2), "
           "\"laplace_beta\": mean |r|, \"laplace_nll\": n*log(2*beta) + sum |r|/beta} (NLLs "
           "null when every residual is 0), and \"diverged\": why gd stopped, when it did "
           "(the fit is then the last finite line).\n"
           "Errors (one line on stderr, exit 2): unknown loss, delta <= 0 for huber, l2 < 0, "
           "lr <= 0, n < 2, a broken CSV (the line is named).";
}

}  // namespace

CLI::App* addRegressCommand(CLI::App& app, RegressArgs& args) {
    CLI::App* regress = app.add_subcommand(
        "regress",
        "Fit a line to 2-D points with a regression loss (l2, l1, huber, log_cosh), exactly or "
        "by gradient descent, and print the fit, the history and the likelihood view as JSON");
    regress->footer(contractText());
    CLI::Option* data =
        regress->add_option("--data", args.data, "Points CSV: header x,y, then one point a line");
    regress->add_option("--dataset", args.dataset,
                        std::string("Generate the points instead: ") + kLineDatasetKey);
    regress
        ->add_option("--n", args.points,
                     "Number of generated points (" + std::to_string(kMinRegressionPoints) + ".." +
                         std::to_string(kMaxDatasetPoints) + ")")
        ->capture_default_str()
        ->excludes(data);
    regress->add_option("--noise", args.noise, "Std of the noise on y, in [0, 10]")
        ->capture_default_str()
        ->excludes(data);
    regress->add_option("--outliers", args.outliers, "Points lifted far above the line (0..n)")
        ->capture_default_str()
        ->excludes(data);
    regress->add_option("--seed", args.seed, "Seed of the generated points")
        ->capture_default_str()
        ->excludes(data);
    regress->add_option("--loss", args.loss, "Loss: " + regressionLossKeyList())->required();
    regress
        ->add_option("--delta", args.delta,
                     "Huber's delta > 0 (the other losses ignore it and its value)")
        ->capture_default_str();
    regress->add_option("--l2", args.l2, "L2 penalty lambda2 >= 0 on the slope (lambda2 * w^2)")
        ->capture_default_str();
    regress
        ->add_option("--solver", args.solver,
                     std::string("Solver: ") + kExactSolver + " (the minimum) or " +
                         kDescentSolver + " (gradient descent)")
        ->capture_default_str();
    // The gradient-descent options note that they were given, for the check in runRegress.
    auto descentOption = [&](const std::string& name, auto& target, const std::string& help,
                             const std::string& defaultText) {
        using Value = std::remove_reference_t<decltype(target)>;
        regress
            ->add_option_function<Value>(
                name,
                [&args, &target, name](const Value& value) {
                    target = value;
                    args.descentOptionsGiven.push_back(name);
                },
                help)
            ->default_str(defaultText);
    };
    descentOption("--optimizer", args.optimizer, "gd optimizer: sgd or adam", "sgd");
    descentOption("--lr", args.lr, "gd learning rate > 0", "0.1");
    descentOption("--momentum", args.momentum, "gd sgd momentum >= 0 (PyTorch convention)", "0");
    descentOption("--steps", args.steps,
                  "gd updates (0.." + std::to_string(kMaxRegressionSteps) + ")", "200");
    return regress;
}

namespace {

bool makeOptions(const RegressArgs& args, RegressionOptions* options, std::string* error) {
    const std::optional<RegressionLoss> loss = regressionLossFromKey(args.loss);
    if (!loss) {
        return fail(error, "--loss: '" + args.loss + "' is not one of " + regressionLossKeyList());
    }
    options->loss = *loss;
    options->delta = args.delta;
    options->l2 = args.l2;
    if (auto e = checkRegressionOptions(*options)) return fail(error, "--" + *e);
    return true;
}

bool makeDescentConfig(const RegressArgs& args, RegressionDescentConfig* config,
                       std::string* error) {
    const std::optional<Optimizer> optimizer = optimizerFromKey(args.optimizer);
    if (!optimizer) {
        return fail(error, "--optimizer: '" + args.optimizer + "' is not one of sgd, adam");
    }
    config->optimizer = *optimizer;
    config->learningRate = args.lr;
    config->momentum = args.momentum;
    config->steps = args.steps;
    if (auto e = checkRegressionDescentConfig(*config)) {
        // The core names its fields in words; the command line names its options.
        if (e->rfind("learning rate:", 0) == 0) return fail(error, "--lr:" + e->substr(14));
        return fail(error, "--" + *e);
    }
    return true;
}

bool makeData(const RegressArgs& args, RegressionData* data, std::string* error) {
    const bool fromFile = !args.data.empty();
    const bool generated = !args.dataset.empty();
    if (fromFile && generated) {
        return fail(error, "--data and --dataset: give one of them, not both");
    }
    if (!fromFile && !generated) {
        return fail(error, "--data FILE or --dataset line is required");
    }
    if (fromFile) {
        if (auto e = loadRegressionCsv(args.data, data)) {
            return fail(error, "--data '" + args.data + "': " + *e);
        }
        return true;
    }
    if (args.dataset != kLineDatasetKey) {
        return fail(error, "--dataset: '" + args.dataset + "' is not one of " + kLineDatasetKey);
    }
    if (args.seed < 0) return fail(error, "--seed: must be >= 0");
    LineDatasetOptions options;
    options.points = args.points;
    options.noise = args.noise;
    options.outliers = args.outliers;
    options.seed = static_cast<std::uint64_t>(args.seed);
    if (auto e = generateLineDataset(options, data)) {
        // The core names the fields points, noise, outliers; the options are --n, --noise, ...
        if (e->rfind("points:", 0) == 0) return fail(error, "--n:" + e->substr(7));
        return fail(error, "--" + *e);
    }
    return true;
}

void writeLikelihood(JsonWriter& w, const RegressionLikelihood& likelihood) {
    w.beginObject();
    w.field("gaussian_sigma", likelihood.gaussianSigma);
    w.key("gaussian_nll");
    std::isfinite(likelihood.gaussianNll) ? w.value(likelihood.gaussianNll) : w.null();
    w.field("laplace_beta", likelihood.laplaceBeta);
    w.key("laplace_nll");
    std::isfinite(likelihood.laplaceNll) ? w.value(likelihood.laplaceNll) : w.null();
    w.endObject();
}

}  // namespace

bool runRegress(const RegressArgs& args, std::string* json, std::string* error) {
    // Options first: a typo in --lr should not wait for a 64 MB file to load.
    RegressionOptions options;
    if (!makeOptions(args, &options, error)) return false;
    const bool descent = args.solver == kDescentSolver;
    if (!descent && args.solver != kExactSolver) {
        return fail(error, "--solver: '" + args.solver + "' is not one of " + kExactSolver + ", " +
                               kDescentSolver);
    }
    if (!descent && !args.descentOptionsGiven.empty()) {
        return fail(error, args.descentOptionsGiven.front() + ": only --solver " + kDescentSolver +
                               " uses it");
    }
    RegressionDescentConfig descentConfig;
    if (descent && !makeDescentConfig(args, &descentConfig, error)) return false;
    RegressionData data;
    if (!makeData(args, &data, error)) return false;

    RegressionLine line;
    RegressionObjective objective;
    RegressionDescent run;
    if (descent) {
        if (auto e = runRegressionDescent(options, descentConfig, data, &run)) {
            return fail(error, *e);
        }
        line = run.line;
        objective = run.objective;
    } else {
        ExactFit fit;
        if (auto e = solveRegressionExact(options, data, &fit)) return fail(error, *e);
        line = fit.line;
        objective = fit.objective;
    }

    JsonWriter w;
    w.beginObject();
    w.field("w", line.w);
    w.field("b", line.b);
    w.field("objective", objective.value);
    w.key("history").beginArray();
    for (const RegressionDescentStep& step : run.history) {
        w.beginObject();
        w.field("step", step.step);
        w.field("objective", step.objective);
        w.field("w", step.line.w);
        w.field("b", step.line.b);
        w.endObject();
    }
    w.endArray();
    w.field("loss", regressionLossKey(options.loss));
    if (options.loss == RegressionLoss::Huber) w.field("delta", options.delta);
    w.field("l2", options.l2);
    w.field("solver", descent ? kDescentSolver : kExactSolver);
    w.field("n", static_cast<long long>(data.size()));
    w.field("data_loss", objective.dataLoss);
    w.field("reg_loss", objective.regLoss);
    w.key("likelihood");
    writeLikelihood(w, regressionLikelihood(data, line));
    if (run.diverged) w.field("diverged", run.message);
    w.endObject();
    *json = w.str();
    return true;
}

}  // namespace losslab::cli
