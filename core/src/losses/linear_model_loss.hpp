#pragma once
// The loss of a linear model on a batch, the hot path of training (private to core): the mean
// loss of the scores S = Φ̃ θᵀ, its gradient with respect to θ and the accuracy, in one pass
// over the data that never stores the N x K scores. The loss itself is the batched kernel of
// loss_kernels.hpp, block by block; chunks of rows go to the thread pool (parallel.hpp) and
// are combined in a fixed order, so the result does not depend on the number of threads.
#include "losslab/losses.hpp"
#include "losslab/types.hpp"

namespace losslab::detail {

struct LinearModelLoss {
    double loss = 0.0;         // mean loss over the rows (log base and options applied)
    Eigen::Index correct = 0;  // rows whose argmax of S (lowest index on ties) is the label
};

// features = Φ̃ (N x (D+1), N ≥ 1), theta = K x (D+1), labels in [0, K). When grad is
// non-null it receives ∂(mean loss)/∂θ (K x (D+1), resized if needed).
LinearModelLoss linearModelLoss(Loss loss, const LossOptions& options, const RowMatrix& features,
                                const RowMatrix& theta, const IntVec& labels, RowMatrix* grad);

}  // namespace losslab::detail
