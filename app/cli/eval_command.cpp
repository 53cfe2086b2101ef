#include "cli/eval_command.hpp"

#include <CLI/CLI.hpp>
#include <cmath>

#include "io/json_writer.hpp"
#include "losslab/parse.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab::cli {

CLI::App* addEvalCommand(CLI::App& app, EvalArgs& args) {
    CLI::App* eval = app.add_subcommand(
        "eval",
        "Print the softmax, target, entropy, margin and every loss with its gradient "
        "for one logit vector, as JSON");
    eval->add_option("--logits", args.logits,
                     "Comma-separated logits s, e.g. 3.2,5.1,-1.7 (K >= 2)")
        ->required();
    eval->add_option("--target", args.target, "True class y, 0-based")->required();
    eval->add_option("--target-dist", args.targetDist,
                     "Soft target distribution t (K entries, sum 1); smoothed like a one-hot");
    addLossShapeOptions(eval, args.shape);
    eval->add_option("--log-base", args.logBase, "Base of the logs: e, 2 or 10")
        ->capture_default_str();
    return eval;
}

bool runEval(const EvalArgs& args, std::string* json, std::string* error) {
    std::vector<double> logitList;
    if (auto e = parseDoubleList(args.logits, &logitList)) return fail(error, "--logits: " + *e);
    const int k = static_cast<int>(logitList.size());
    if (k < 2) return fail(error, "--logits: need at least 2 classes, got " + std::to_string(k));
    constexpr int kMaxLogitClasses = 1000000;
    if (k > kMaxLogitClasses) return fail(error, "--logits: at most 1000000 classes");
    if (args.target < 0 || args.target >= k) {
        return fail(error, "--target: class " + std::to_string(args.target) +
                               " is out of range for K = " + std::to_string(k) + " (0.." +
                               std::to_string(k - 1) + ")");
    }
    LossOptions options;
    if (auto e = applyLossShape(args.shape, &options)) return fail(error, *e);
    LogBase base = LogBase::E;
    if (!parseLogBase(args.logBase, &base)) {
        return fail(error, "--log-base: '" + args.logBase + "' is not one of e, 2, 10");
    }
    const Vec s = Eigen::Map<const Vec>(logitList.data(), k);
    const int y = static_cast<int>(args.target);
    Vec t = oneHot(k, y);
    if (!args.targetDist.empty()) {
        std::vector<double> dist;
        if (auto e = parseDoubleList(args.targetDist, &dist)) {
            return fail(error, "--target-dist: " + *e);
        }
        if (static_cast<int>(dist.size()) != k) {
            return fail(error, "--target-dist: has " + std::to_string(dist.size()) +
                                   " entries but --logits has " + std::to_string(k));
        }
        t = Eigen::Map<const Vec>(dist.data(), k);
        if (auto e = checkDistribution(t)) return fail(error, "--target-dist: " + *e);
    }

    options.logBase = base;
    const Vec q = smoothTarget(t, options.smoothing);
    const Vec p = softmax(s, options.temperature);

    JsonWriter w;
    w.beginObject();
    w.field("logits", s);
    w.field("temperature", options.temperature);
    w.field("smoothing", options.smoothing);
    w.field("log_base", logBaseKey(base));
    w.field("probs", p);
    w.field("target", q);
    w.field("entropy", entropy(p, base));
    w.field("prediction", argmax(s));
    w.field("margin", margin(s, y));
    w.key("losses").beginObject();
    for (Loss loss : kAllLosses) {
        const LossValue result = evaluateLoss(loss, s, y, q, options);
        w.key(lossKey(loss)).beginObject();
        w.field("value", result.value);
        w.field("grad", result.grad);
        w.endObject();
    }
    w.endObject();
    w.endObject();
    *json = w.str();
    return true;
}

}  // namespace losslab::cli
