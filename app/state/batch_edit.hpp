#pragma once
// Edits of the batch table (the Batch panel's buttons and cells call these; so do tests).
#include <optional>
#include <string>

#include "state/app_state.hpp"

namespace losslab {

// Appends the Logits panel's vector and true class as a new row.
void addCurrentToBatch(AppState& state);
void duplicateBatchRow(AppState& state, int row);
void removeBatchRow(AppState& state, int row);
// Replaces a row's logits from text "3.2, 5.1, -1.7" (2..20 finite numbers); the label is
// clamped into the new K. On an error the row is unchanged.
std::optional<std::string> setBatchRowLogits(AppState& state, int row, const std::string& text);
// The lecture's three images again.
void resetBatchRows(AppState& state);
// Loads a row into the Logits panel (K, logits, true class; undoable).
void loadBatchRow(AppState& state, int row);

}  // namespace losslab
