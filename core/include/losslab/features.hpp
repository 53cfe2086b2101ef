#pragma once
// Feature maps φ: R² → R^D for the linear classifier (docs/math.md), in the exact the order of
// docs/math.md:
//   linear → [x1, x2]                                         D = 2
//   poly2  → [x1, x2, x1², x1·x2, x2²]                        D = 5
//   poly3  → poly2 then [x1³, x1²·x2, x1·x2², x2³]            D = 9
//   rbf    → 25 Gaussian bumps exp(−|x − c|² / (2σ²)), one per centre c of the fixed 5 x 5
//            grid {−1, −0.5, 0, 0.5, 1}², in row-major order (c2 outer, c1 inner: the first
//            five centres have c2 = −1). D = 25.
//            The grid is fixed rather than fitted to the data, so the same map serves the
//            training set, the test set and the decision-region image of any view, and every
//            generated dataset (which lies in about [−1, 1]²) is covered.
//            σ defaults to 0.5, the grid spacing: neighbouring bumps overlap at e^(−1/2).
#include <array>
#include <optional>
#include <string_view>

#include "losslab/types.hpp"

namespace losslab {

enum class FeatureMap { Linear, Poly2, Poly3, Rbf };
inline constexpr std::array<FeatureMap, 4> kAllFeatureMaps = {FeatureMap::Linear, FeatureMap::Poly2,
                                                              FeatureMap::Poly3, FeatureMap::Rbf};

inline constexpr int kRbfGridSide = 5;
inline constexpr double kRbfGridMin = -1.0;
inline constexpr double kRbfGridMax = 1.0;
inline constexpr double kDefaultRbfWidth = 0.5;

std::string_view featureKey(FeatureMap map);  // "linear", "poly2", "poly3", "rbf"
std::optional<FeatureMap> featureFromKey(std::string_view key);

// D, the number of features of the map.
int featureDimension(FeatureMap map);
// Centre of rbf feature `index` (0 ≤ index < 25), for drawing the bumps.
Eigen::Vector2d rbfCentre(int index);

// Maps an N x 2 point matrix to the N x D feature matrix `out` (resized if needed, so a
// caller that keeps `out` allocates once). rbfWidth is σ > 0, used by rbf only.
void computeFeatures(FeatureMap map, const RowMatrix& points, RowMatrix* out,
                     double rbfWidth = kDefaultRbfWidth);
RowMatrix computeFeatures(FeatureMap map, const RowMatrix& points,
                          double rbfWidth = kDefaultRbfWidth);

// φ(x) of one point, D entries in the order above.
Vec featuresOf(FeatureMap map, const Eigen::Vector2d& x, double rbfWidth = kDefaultRbfWidth);
// The Jacobian ∂φ/∂x of one point, D x 2: row d is the gradient of feature d, so that the
// gradient of anything reaching φ flows back to the point as ∂L/∂x = Jᵀ ∂L/∂φ.
RowMatrix featureJacobian(FeatureMap map, const Eigen::Vector2d& x,
                          double rbfWidth = kDefaultRbfWidth);

}  // namespace losslab
