#include "losslab/point_diagnostics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

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

struct SizingNames {
    PointSizing sizing;
    std::string_view key;
    std::string_view label;
};
constexpr SizingNames kSizingNames[] = {
    {PointSizing::Equal, "equal", "equal"},
    {PointSizing::GradientShare, "gradient_share", "gradient share"}};

bool isTestPoint(const std::vector<std::uint8_t>& isTest, Eigen::Index i) {
    return static_cast<std::size_t>(i) < isTest.size() && isTest[static_cast<std::size_t>(i)];
}

}  // namespace

std::string_view pointSizingKey(PointSizing sizing) {
    for (const SizingNames& names : kSizingNames)
        if (names.sizing == sizing) return names.key;
    return "equal";
}

std::optional<PointSizing> pointSizingFromKey(std::string_view key) {
    for (const SizingNames& names : kSizingNames)
        if (names.key == key) return names.sizing;
    return std::nullopt;
}

std::string_view pointSizingLabel(PointSizing sizing) {
    for (const SizingNames& names : kSizingNames)
        if (names.sizing == sizing) return names.label;
    return "equal";
}

std::vector<float> shareSizes(const Vec& shares, const std::vector<std::uint8_t>& isTest) {
    assert(isTest.empty() || isTest.size() == static_cast<std::size_t>(shares.size()));
    double largest = 0.0;
    for (Eigen::Index i = 0; i < shares.size(); ++i)
        if (!isTestPoint(isTest, i)) largest = std::max(largest, shares[i]);
    std::vector<float> sizes(static_cast<std::size_t>(shares.size()), 1.0f);
    for (Eigen::Index i = 0; i < shares.size(); ++i) {
        if (isTestPoint(isTest, i)) continue;
        const double fraction = largest > 0 ? shares[i] / largest : 0.0;
        sizes[static_cast<std::size_t>(i)] =
            static_cast<float>(std::sqrt(std::clamp(fraction, 0.0, 1.0)));
    }
    return sizes;
}

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
