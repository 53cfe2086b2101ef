#pragma once
// Calibration of a classifier's confidence: the reliability diagram and the expected
// calibration error (Guo et al. 2017, "On Calibration of Modern Neural Networks").
//
// - Each sample has a confidence c = max_k p_k and a prediction argmax_k (lowest index on
//   ties); it is correct when the prediction equals its label.
// - Bins split [0, 1] into B equal intervals; a sample goes to bin min(⌊c·B⌋, B − 1), so
//   c = 1 lands in the last bin and every bin is [lower, upper) except the last, [lower, 1].
// - ECE = Σ_b (n_b / N)·|acc_b − conf_b| over the non-empty bins (acc_b the fraction correct,
//   conf_b the mean confidence of bin b); MCE = max_b |acc_b − conf_b|.
// - For scores, p = softmax(s / T). The hinge losses do not train probabilities: their
//   diagram shows the softmax of the scores, which is what a user of those scores would get.
#include <optional>
#include <string>
#include <vector>

#include "losslab/types.hpp"

namespace losslab {

inline constexpr int kMaxReliabilityBins = 1000;

struct ReliabilityBin {
    double lower = 0.0;
    double upper = 0.0;
    Eigen::Index count = 0;
    double meanConfidence = 0.0;  // 0 when empty
    double accuracy = 0.0;        // fraction correct, 0 when empty
};

struct ReliabilityDiagram {
    std::vector<ReliabilityBin> bins;
    Eigen::Index total = 0;
    double ece = 0.0;  // expected calibration error, 0 for no samples
    double mce = 0.0;  // maximum calibration error over non-empty bins
    double accuracy = 0.0;
    double meanConfidence = 0.0;
};

// From confidences and correctness flags (1 correct, 0 wrong). Errors (nothing written): a
// bin count outside [1, kMaxReliabilityBins], sizes that differ, a confidence that is not a
// finite number in [0, 1].
std::optional<std::string> reliabilityFromConfidences(const Vec& confidence, const IntVec& correct,
                                                      int bins, ReliabilityDiagram* out);

// From an N x K score matrix and N labels, with p = softmax(s / T) (T finite, > 0).
std::optional<std::string> reliabilityFromScores(const RowMatrix& scores, const IntVec& labels,
                                                 double temperature, int bins,
                                                 ReliabilityDiagram* out);

}  // namespace losslab
