#include "losslab/batch.hpp"

#include "losslab/parse.hpp"
#include "losslab/targets.hpp"

namespace losslab {

std::optional<std::string> parseBatchText(std::string_view text, int maxClasses, int maxRows,
                                          std::vector<BatchRowText>* rows) {
    std::vector<BatchRowText> parsed;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t semicolon = text.find(';', start);
        const std::string_view row =
            trim(text.substr(start, semicolon == std::string_view::npos ? std::string_view::npos
                                                                        : semicolon - start));
        const std::string at = "row " + std::to_string(parsed.size()) + ": ";
        if (!row.empty()) {
            if (static_cast<int>(parsed.size()) == maxRows) {
                return "more than " + std::to_string(maxRows) + " rows";
            }
            const std::size_t colon = row.rfind(':');
            if (colon == std::string_view::npos) return at + "expected 's,s,...:y'";
            std::vector<double> values;
            if (auto e = parseDoubleList(row.substr(0, colon), &values)) return at + *e;
            const int k = static_cast<int>(values.size());
            if (k < 2 || k > maxClasses) {
                return at + "needs 2 to " + std::to_string(maxClasses) + " logits, got " +
                       std::to_string(k);
            }
            BatchRowText entry;
            entry.logits = Eigen::Map<const Vec>(values.data(), k);
            entry.label = std::string(trim(row.substr(colon + 1)));
            if (entry.label.empty()) return at + "the label after ':' is missing";
            parsed.push_back(std::move(entry));
        } else if (semicolon != std::string_view::npos) {
            return at + "empty row";
        }
        if (semicolon == std::string_view::npos) break;
        start = semicolon + 1;
    }
    if (parsed.empty()) return std::string("no rows ('s,s,s:y; s,s,s:y')");
    *rows = std::move(parsed);
    return std::nullopt;
}

BatchEvaluation evaluateBatch(const std::vector<BatchRow>& rows, const LossOptions& options) {
    BatchEvaluation out;
    out.mean.assign(kLossCount, 0.0);
    for (const BatchRow& row : rows) {
        const int k = static_cast<int>(row.logits.size());
        const Vec target = makeTarget(k, row.label, options.smoothing);
        out.rows.push_back(evaluateAllLosses(row.logits, row.label, target, options));
        for (int l = 0; l < kLossCount; ++l)
            out.mean[static_cast<std::size_t>(l)] +=
                out.rows.back()[static_cast<std::size_t>(l)].value;
    }
    if (!rows.empty()) {
        for (double& m : out.mean)
            m /= static_cast<double>(rows.size());
    }
    return out;
}

}  // namespace losslab
