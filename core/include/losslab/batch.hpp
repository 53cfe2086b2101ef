#pragma once
// A batch of samples (docs/command-line.md): rows of logits, each with its true class, evaluated
// row by row exactly as `losslab eval` evaluates one vector, and the mean of every loss over the
// rows (the data loss L = (1/N) Σ L_i of the lectures). `losslab eval --batch`, a lesson's `batch`
// key and its `batch.*` names all use these.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/losses.hpp"
#include "losslab/types.hpp"

namespace losslab {

struct BatchRow {
    Vec logits;     // this row's K entries (rows may differ in K)
    int label = 0;  // its true class, below its K
    bool operator==(const BatchRow& other) const {
        return label == other.label && logits.size() == other.logits.size() &&
               logits == other.logits;
    }
    bool operator!=(const BatchRow& other) const { return !(*this == other); }
};

// A row as written: the label is resolved by the caller (an index, or a class name in lessons).
struct BatchRowText {
    Vec logits;
    std::string label;
};

// Parses "s,s,s:y; s,s,s:y": every row 2..maxClasses finite numbers, then ':' and a label; at
// most maxRows rows; an empty row between semicolons is an error. Errors name the row from 0
// ("row 1: the label after ':' is missing").
std::optional<std::string> parseBatchText(std::string_view text, int maxClasses, int maxRows,
                                          std::vector<BatchRowText>* rows);

struct BatchEvaluation {
    std::vector<std::vector<LossValue>> rows;  // per row, indexed like kAllLosses
    std::vector<double> mean;                  // per loss, indexed like kAllLosses
};
// Each row with the one-hot target of its label, smoothed by options.smoothing, and the
// options' T, Δ, γ and log base; the mean of each loss's value over the rows.
BatchEvaluation evaluateBatch(const std::vector<BatchRow>& rows, const LossOptions& options);

}  // namespace losslab
