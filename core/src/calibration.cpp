#include "losslab/calibration.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

std::optional<std::string> reliabilityFromConfidences(const Vec& confidence, const IntVec& correct,
                                                      int bins, ReliabilityDiagram* out) {
    if (bins < 1 || bins > kMaxReliabilityBins) {
        return "bins: " + std::to_string(bins) + " is out of range [1, " +
               std::to_string(kMaxReliabilityBins) + "]";
    }
    if (confidence.size() != correct.size()) {
        return "confidences: " + std::to_string(confidence.size()) + " values but " +
               std::to_string(correct.size()) + " correctness flags";
    }
    for (Eigen::Index i = 0; i < confidence.size(); ++i) {
        const double c = confidence[i];
        if (!std::isfinite(c) || c < 0 || c > 1) {
            return "confidences: value " + std::to_string(i) + " is not a number in [0, 1]";
        }
    }
    ReliabilityDiagram result;
    result.bins.resize(static_cast<std::size_t>(bins));
    std::vector<double> confidenceSum(static_cast<std::size_t>(bins), 0.0);
    std::vector<Eigen::Index> correctCount(static_cast<std::size_t>(bins), 0);
    for (int b = 0; b < bins; ++b) {
        result.bins[static_cast<std::size_t>(b)].lower = static_cast<double>(b) / bins;
        result.bins[static_cast<std::size_t>(b)].upper = static_cast<double>(b + 1) / bins;
    }
    const Eigen::Index n = confidence.size();
    Eigen::Index allCorrect = 0;
    double allConfidence = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double c = confidence[i];
        const std::size_t b =
            static_cast<std::size_t>(std::min(static_cast<int>(c * bins), bins - 1));
        ++result.bins[b].count;
        confidenceSum[b] += c;
        if (correct[i] != 0) {
            ++correctCount[b];
            ++allCorrect;
        }
        allConfidence += c;
    }
    result.total = n;
    if (n == 0) {
        *out = std::move(result);
        return std::nullopt;
    }
    for (std::size_t b = 0; b < result.bins.size(); ++b) {
        ReliabilityBin& bin = result.bins[b];
        if (bin.count == 0) continue;
        const double count = static_cast<double>(bin.count);
        bin.meanConfidence = confidenceSum[b] / count;
        bin.accuracy = static_cast<double>(correctCount[b]) / count;
        const double gap = std::abs(bin.accuracy - bin.meanConfidence);
        result.ece += count / static_cast<double>(n) * gap;
        result.mce = std::max(result.mce, gap);
    }
    result.accuracy = static_cast<double>(allCorrect) / static_cast<double>(n);
    result.meanConfidence = allConfidence / static_cast<double>(n);
    *out = std::move(result);
    return std::nullopt;
}

std::optional<std::string> reliabilityFromScores(const RowMatrix& scores, const IntVec& labels,
                                                 double temperature, int bins,
                                                 ReliabilityDiagram* out) {
    if (!std::isfinite(temperature) || temperature <= 0) {
        return std::string("temperature: must be a finite number > 0");
    }
    if (scores.rows() != labels.size()) {
        return "scores: " + std::to_string(scores.rows()) + " rows but " +
               std::to_string(labels.size()) + " labels";
    }
    if (scores.rows() > 0 && scores.cols() < 1) return std::string("scores: no classes");
    if (!allFiniteValues(scores)) return std::string("scores: must be finite");
    const Eigen::Index n = scores.rows();
    Vec confidence(n);
    IntVec correct(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto row = scores.row(i);
        Eigen::Index best = 0;
        for (Eigen::Index k = 1; k < row.size(); ++k) {
            if (row[k] > row[best]) best = k;  // strict: lowest index on ties
        }
        // max p = 1 / Σ_k exp((s_k − max s)/T), which is ≥ 1/K and ≤ 1 exactly.
        const double total = ((row.array() - row[best]) / temperature).exp().sum();
        confidence[i] = std::min(1.0, 1.0 / total);
        correct[i] = best == labels[i] ? 1 : 0;
    }
    return reliabilityFromConfidences(confidence, correct, bins, out);
}

}  // namespace losslab
