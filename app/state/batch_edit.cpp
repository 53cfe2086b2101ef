#include "state/batch_edit.hpp"

#include <algorithm>
#include <cmath>

#include "losslab/parse.hpp"
#include "state/model_edit.hpp"

namespace losslab {

namespace {

bool valid(const AppState& state, int row) {
    return row >= 0 && row < static_cast<int>(state.panels.batch.rows.size());
}

void changed(AppState& state) {
    ++state.panels.batch.revision;
}

}  // namespace

std::vector<BatchTableRow> lectureBatchRows() {
    return {{"cat image", (Vec(3) << 3.2, 5.1, -1.7).finished(), 0},
            {"car image", (Vec(3) << 1.3, 4.9, 2.0).finished(), 1},
            {"frog image", (Vec(3) << 2.2, 2.5, -3.1).finished(), 2}};
}

void addCurrentToBatch(AppState& state) {
    BatchPanelState& batch = state.panels.batch;
    batch.rows.push_back({"sample " + std::to_string(batch.rows.size() + 1), state.model.logits,
                          state.model.trueClass});
    batch.selected = static_cast<int>(batch.rows.size()) - 1;
    changed(state);
}

void duplicateBatchRow(AppState& state, int row) {
    if (!valid(state, row)) return;
    BatchPanelState& batch = state.panels.batch;
    BatchTableRow copy = batch.rows[static_cast<std::size_t>(row)];
    copy.name += " (copy)";
    batch.rows.insert(batch.rows.begin() + row + 1, std::move(copy));
    batch.selected = row + 1;
    changed(state);
}

void removeBatchRow(AppState& state, int row) {
    if (!valid(state, row)) return;
    BatchPanelState& batch = state.panels.batch;
    batch.rows.erase(batch.rows.begin() + row);
    batch.selected = std::min(batch.selected, static_cast<int>(batch.rows.size()) - 1);
    changed(state);
}

std::optional<std::string> setBatchRowLogits(AppState& state, int row, const std::string& text) {
    if (!valid(state, row)) return std::string("no such row");
    std::vector<double> values;
    if (auto error = parseDoubleList(text, &values)) return error;
    const int k = static_cast<int>(values.size());
    if (k < kMinLogitClasses || k > kMaxLogitClasses) {
        return "a row needs 2 to 20 logits, got " + std::to_string(k);
    }
    for (double v : values) {
        if (std::abs(v) > kMaxAbsLogit) return std::string("a logit beyond ±10000");
    }
    BatchTableRow& entry = state.panels.batch.rows[static_cast<std::size_t>(row)];
    entry.logits = Eigen::Map<const Vec>(values.data(), k);
    entry.label = std::min(entry.label, k - 1);
    changed(state);
    return std::nullopt;
}

void resetBatchRows(AppState& state) {
    state.panels.batch.rows = lectureBatchRows();
    state.panels.batch.selected = -1;
    changed(state);
}

void loadBatchRow(AppState& state, int row) {
    if (!valid(state, row)) return;
    const BatchTableRow& entry = state.panels.batch.rows[static_cast<std::size_t>(row)];
    setClassCount(state, static_cast<int>(entry.logits.size()));
    setLogits(state, entry.logits);
    setTrueClass(state, entry.label);
    state.panels.batch.selected = row;
}

}  // namespace losslab
