#include "losslab/point_diagnostics.hpp"

#include <cassert>

#include "losslab/features.hpp"
#include "losslab/losses.hpp"

namespace losslab {

namespace {

RowMatrix scoresOf(const TrainerConfig& config, const LinearClassifier& model,
                   const Dataset& data) {
    const RowMatrix features = computeFeatures(config.features, data.points, config.rbfWidth);
    assert(features.cols() == model.dimension());
    return model.scores(features);
}

}  // namespace

Vec gradientShares(const TrainerConfig& config, const LinearClassifier& model,
                   const Dataset& data) {
    const Eigen::Index n = data.size();
    if (n == 0) return Vec();
    const RowMatrix scores = scoresOf(config, model, data);
    RowMatrix meanGrad;
    batchLoss(config.loss, scores, data.labels, config.lossOptions, &meanGrad);
    // batchLoss gives ∂(mean loss)/∂S, whose row n is (1/N)·∂L_n/∂s_n.
    return meanGrad.rowwise().norm() * static_cast<double>(n);
}

Eigen::MatrixXi confusionMatrix(const TrainerConfig& config, const LinearClassifier& model,
                                const Dataset& data) {
    return confusionMatrix(scoresOf(config, model, data), data.labels);
}

}  // namespace losslab
