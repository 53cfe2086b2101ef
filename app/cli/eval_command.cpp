#include "cli/eval_command.hpp"

#include <CLI/CLI.hpp>
#include <cmath>

#include "io/json_writer.hpp"
#include "losslab/batch.hpp"
#include "losslab/parse.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab::cli {

CLI::App* addEvalCommand(CLI::App& app, EvalArgs& args) {
    CLI::App* eval = app.add_subcommand(
        "eval",
        "Print the softmax, target, entropy, margin and every loss with its gradient "
        "for one logit vector, as JSON");
    CLI::Option* logits = eval->add_option("--logits", args.logits,
                                           "Comma-separated logits s, e.g. 3.2,5.1,-1.7 (K >= 2)");
    CLI::Option* target = eval->add_option("--target", args.target, "True class y, 0-based");
    CLI::Option* dist =
        eval->add_option("--target-dist", args.targetDist,
                         "Soft target distribution t (K entries, sum 1); smoothed like a one-hot");
    eval->add_option("--batch", args.batch,
                     "Instead of --logits/--target: rows 's,s,s:y; s,s,s:y' (y 0-based); "
                     "prints every row as eval does and each loss's mean")
        ->excludes(logits)
        ->excludes(target)
        ->excludes(dist);
    addLossShapeOptions(eval, args.shape);
    addLogBaseOption(eval, args.logBase);
    return eval;
}

namespace {

// What `losslab eval` prints for one vector s with true class y and target q.
void writeEval(JsonWriter& w, const Vec& s, int y, const Vec& q, const LossOptions& options,
               const std::vector<LossValue>& losses) {
    const Vec p = softmax(s, options.temperature);
    w.beginObject();
    w.field("logits", s);
    w.field("temperature", options.temperature);
    w.field("smoothing", options.smoothing);
    w.field("log_base", logBaseKey(options.logBase));
    w.field("probs", p);
    w.field("target", q);
    w.field("entropy", entropy(p, options.logBase));
    w.field("prediction", argmax(s));
    w.field("margin", margin(s, y));
    w.key("losses").beginObject();
    for (std::size_t l = 0; l < kAllLosses.size(); ++l) {
        w.key(lossKey(kAllLosses[l])).beginObject();
        w.field("value", losses[l].value);
        w.field("grad", losses[l].grad);
        w.endObject();
    }
    w.endObject();
    w.endObject();
}

// --batch: the rows (labels are class indices), then every row and the means.
bool runBatch(const EvalArgs& args, const LossOptions& options, std::string* json,
              std::string* error) {
    constexpr int kMaxBatchClasses = 1000000;
    constexpr int kMaxBatchRows = 1000000;
    std::vector<BatchRowText> text;
    if (auto e = parseBatchText(args.batch, kMaxBatchClasses, kMaxBatchRows, &text)) {
        return fail(error, "--batch: " + *e);
    }
    std::vector<BatchRow> rows;
    for (std::size_t r = 0; r < text.size(); ++r) {
        const int k = static_cast<int>(text[r].logits.size());
        long long y = 0;
        if (auto e = parseInteger(text[r].label, 0, k - 1, &y)) {
            return fail(error, "--batch: row " + std::to_string(r) + ": the class " + *e +
                                   " (K = " + std::to_string(k) + ")");
        }
        rows.push_back({text[r].logits, static_cast<int>(y)});
    }
    const BatchEvaluation batch = evaluateBatch(rows, options);
    JsonWriter w;
    w.beginObject();
    w.key("rows").beginArray();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int k = static_cast<int>(rows[r].logits.size());
        writeEval(w, rows[r].logits, rows[r].label, makeTarget(k, rows[r].label, options.smoothing),
                  options, batch.rows[r]);
    }
    w.endArray();
    w.key("mean").beginObject();
    for (std::size_t l = 0; l < kAllLosses.size(); ++l)
        w.field(lossKey(kAllLosses[l]), batch.mean[l]);
    w.endObject();
    w.endObject();
    *json = w.str();
    return true;
}

}  // namespace

bool runEval(const EvalArgs& args, std::string* json, std::string* error) {
    if (!args.batch.empty()) {
        LossOptions options;
        if (auto e = applyLossShape(args.shape, &options)) return fail(error, *e);
        if (auto e = applyLogBase(args.logBase, &options)) return fail(error, *e);
        return runBatch(args, options, json, error);
    }
    if (args.logits.empty()) return fail(error, "--logits (or --batch) is required");
    if (args.target == kNoTarget) {
        return fail(error, "--target is required with --logits");
    }
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
    if (auto e = applyLogBase(args.logBase, &options)) return fail(error, *e);
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

    const Vec q = smoothTarget(t, options.smoothing);
    JsonWriter w;
    writeEval(w, s, y, q, options, evaluateAllLosses(s, y, q, options));
    *json = w.str();
    return true;
}

}  // namespace losslab::cli
