#pragma once
// The linear classifier of docs/math.md: scores s = W φ(x) + b, W ∈ R^{K×D}, b ∈ R^K.
// For a batch of N feature rows Φ (N x D) the scores are S = Φ Wᵀ + 1 bᵀ (N x K).
#include "losslab/types.hpp"

namespace losslab {

struct LinearClassifier {
    RowMatrix weights;  // W, K x D: row k is the weight vector of class k
    Vec bias;           // b, K

    static LinearClassifier zeros(int classes, int dimension);
    int classes() const { return static_cast<int>(weights.rows()); }
    int dimension() const { return static_cast<int>(weights.cols()); }

    // S = Φ Wᵀ + b into `out` (resized if needed, so a kept buffer is reused).
    void scores(const RowMatrix& features, RowMatrix* out) const;
    RowMatrix scores(const RowMatrix& features) const;
};

// argmax of each row of an N x K score matrix, lowest index on ties.
void predict(const RowMatrix& scores, IntVec* out);
IntVec predict(const RowMatrix& scores);
// Fraction of rows whose argmax equals the label, in [0, 1]; 0 for an empty batch.
double accuracy(const RowMatrix& scores, const IntVec& labels);
// The K x K confusion matrix of an N x K score matrix: entry (i, j) counts the rows with label i
// whose argmax (lowest index on ties, as predict) is j. Rows are true classes, columns
// predictions; the trace over N is accuracy(). Labels must lie in [0, K).
Eigen::MatrixXi confusionMatrix(const RowMatrix& scores, const IntVec& labels);

}  // namespace losslab
