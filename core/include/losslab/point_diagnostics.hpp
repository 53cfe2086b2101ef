#pragma once
// What the points of a dataset do under the current classifier: how hard each one pulls on its
// scores (its gradient share) and where the points land (the confusion matrix).
//
// Gradient share of point n: ‖∂L_n/∂s_n‖₂, the norm of the gradient of the point's own loss
// with respect to its scores, with the loss, loss options and features of a TrainerConfig. The
// objective's gradient is (1/N) Σ_n (∂L_n/∂s_n) φ_nᵀ (trainer.hpp), so the share says how much
// of each step a point asks for. Under the hinge losses a point past the margin has share 0
// (it is done); cross-entropy never lets a point go entirely. The regularization does not
// depend on the points and plays no part.
#include "losslab/classifier.hpp"
#include "losslab/dataset.hpp"
#include "losslab/trainer.hpp"

namespace losslab {

// One share per point (N entries; empty for an empty dataset), computed on the batched path the
// trainer uses (batchLoss in losses.hpp). The model must be K x D for config.features and the
// labels below K.
Vec gradientShares(const TrainerConfig& config, const LinearClassifier& model, const Dataset& data);

// confusionMatrix (classifier.hpp) of the model's scores on the dataset, features as in config.
Eigen::MatrixXi confusionMatrix(const TrainerConfig& config, const LinearClassifier& model,
                                const Dataset& data);

}  // namespace losslab
