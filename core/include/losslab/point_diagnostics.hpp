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
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "losslab/classifier.hpp"
#include "losslab/dataset.hpp"
#include "losslab/trainer.hpp"

namespace losslab {

// One share per point (N entries; empty for an empty dataset), computed on the batched path the
// trainer uses (batchLoss in losses.hpp). The model must be K x D for config.features and the
// labels below K.
Vec gradientShares(const TrainerConfig& config, const LinearClassifier& model, const Dataset& data);

// How the Classifier draws its training points: all the same size, or each with an area in
// proportion to its gradient share (the largest share fills the full disc; a share of 0 leaves
// nothing). Test points take no part in the gradient (shareSizes gives them 1).
enum class PointSizing { Equal, GradientShare };
inline constexpr PointSizing kAllPointSizings[] = {PointSizing::Equal, PointSizing::GradientShare};
std::string_view pointSizingKey(PointSizing sizing);  // "equal", "gradient_share" (scene files)
std::optional<PointSizing> pointSizingFromKey(std::string_view key);
std::string_view pointSizingLabel(PointSizing sizing);  // "equal", "gradient share" (menus)

// Radius factors in [0, 1] for splatPoints (point_splat.hpp): sqrt(share_n / max share) for the
// points with isTest 0 (so that a disc's area is in proportion to its share) and 1 for test
// points. An empty mask means all are training points. All shares 0 (every point done): every
// training point gets 0. Shares must be finite and ≥ 0, one per point.
std::vector<float> shareSizes(const Vec& shares, const std::vector<std::uint8_t>& isTest);

// confusionMatrix (classifier.hpp) of the model's scores on the dataset, features as in config.
Eigen::MatrixXi confusionMatrix(const TrainerConfig& config, const LinearClassifier& model,
                                const Dataset& data);

}  // namespace losslab
