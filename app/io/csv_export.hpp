#pragma once
// CSV exports for spreadsheets and papers: the losses table of the Logit Lab and the
// training history (every measurement of the run). Numbers use %.17g, so they round-trip.
#include <optional>
#include <string>

#include "state/app_state.hpp"

namespace losslab {

// Header: loss,key,value,grad_0,…,grad_{K-1}; one row per loss, in the table's order.
std::string lossesTableCsv(const AppState& state);
// Header: step,loss,data_loss,reg_loss,accuracy,grad_norm,weight_norm,test_loss,test_accuracy.
std::string trainingHistoryCsv(const TrainingState& training);
// Writes `contents` to the export folder as `stem`-<time>.csv; returns the path or an error.
std::optional<std::string> exportCsv(const std::string& stem, const std::string& contents,
                                     std::string* path);

}  // namespace losslab
