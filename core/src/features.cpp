#include "losslab/features.hpp"

#include <cassert>
#include <cmath>

#include "losses/numerics.hpp"

namespace losslab {

std::string_view featureKey(FeatureMap map) {
    switch (map) {
        case FeatureMap::Linear:
            return "linear";
        case FeatureMap::Poly2:
            return "poly2";
        case FeatureMap::Poly3:
            return "poly3";
        case FeatureMap::Rbf:
            return "rbf";
    }
    return "";
}

std::optional<FeatureMap> featureFromKey(std::string_view key) {
    for (FeatureMap map : kAllFeatureMaps) {
        if (featureKey(map) == key) return map;
    }
    return std::nullopt;
}

int featureDimension(FeatureMap map) {
    switch (map) {
        case FeatureMap::Linear:
            return 2;
        case FeatureMap::Poly2:
            return 5;
        case FeatureMap::Poly3:
            return 9;
        case FeatureMap::Rbf:
            return kRbfGridSide * kRbfGridSide;
    }
    return 0;
}

Eigen::Vector2d rbfCentre(int index) {
    assert(index >= 0 && index < kRbfGridSide * kRbfGridSide);
    const double spacing = (kRbfGridMax - kRbfGridMin) / (kRbfGridSide - 1);
    return {kRbfGridMin + spacing * (index % kRbfGridSide),
            kRbfGridMin + spacing * (index / kRbfGridSide)};
}

void computeFeatures(FeatureMap map, const RowMatrix& points, RowMatrix* out, double rbfWidth) {
    assert(points.cols() == 2 && rbfWidth > 0);
    const Eigen::Index n = points.rows();
    const int dimension = featureDimension(map);
    out->resize(n, dimension);
    if (map == FeatureMap::Rbf) {
        const double scale = -1.0 / (2.0 * rbfWidth * rbfWidth);
        std::array<Eigen::Vector2d, kRbfGridSide * kRbfGridSide> centres;
        for (int c = 0; c < dimension; ++c) {
            centres[c] = rbfCentre(c);
        }
        // The exponents first, then one vectorized exp over all of them (in place): 10⁶ points
        // took half a second with a call of std::exp each.
        for (Eigen::Index i = 0; i < n; ++i) {
            const double x1 = points(i, 0);
            const double x2 = points(i, 1);
            for (int c = 0; c < dimension; ++c) {
                const double d1 = x1 - centres[c].x();
                const double d2 = x2 - centres[c].y();
                (*out)(i, c) = scale * (d1 * d1 + d2 * d2);
            }
        }
        // A row's values do not depend on where it falls in the call (numerics.hpp), so one
        // point's features are those it has among many.
        numerics::flushedExp(out->data(), out->size(), out->data());
        return;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x1 = points(i, 0);
        const double x2 = points(i, 1);
        double* f = out->row(i).data();
        f[0] = x1;
        f[1] = x2;
        if (map == FeatureMap::Linear) continue;
        f[2] = x1 * x1;
        f[3] = x1 * x2;
        f[4] = x2 * x2;
        if (map == FeatureMap::Poly2) continue;
        f[5] = x1 * x1 * x1;
        f[6] = x1 * x1 * x2;
        f[7] = x1 * x2 * x2;
        f[8] = x2 * x2 * x2;
    }
}

RowMatrix computeFeatures(FeatureMap map, const RowMatrix& points, double rbfWidth) {
    RowMatrix out;
    computeFeatures(map, points, &out, rbfWidth);
    return out;
}

Vec featuresOf(FeatureMap map, const Eigen::Vector2d& x, double rbfWidth) {
    RowMatrix point(1, 2);
    point << x.x(), x.y();
    return computeFeatures(map, point, rbfWidth).row(0).transpose();
}

RowMatrix featureJacobian(FeatureMap map, const Eigen::Vector2d& x, double rbfWidth) {
    assert(rbfWidth > 0);
    const int dimension = featureDimension(map);
    RowMatrix jacobian = RowMatrix::Zero(dimension, 2);
    if (map == FeatureMap::Rbf) {
        // ∂/∂x exp(−|x − c|²/(2σ²)) = −(x − c)/σ² · exp(…).
        const Vec phi = featuresOf(map, x, rbfWidth);
        const double invSigma2 = 1.0 / (rbfWidth * rbfWidth);
        for (int c = 0; c < dimension; ++c) {
            const Eigen::Vector2d centre = rbfCentre(c);
            const double scale = -invSigma2 * phi[c];
            jacobian(c, 0) = scale * (x.x() - centre.x());
            jacobian(c, 1) = scale * (x.y() - centre.y());
        }
        return jacobian;
    }
    const double x1 = x.x();
    const double x2 = x.y();
    jacobian.row(0) << 1, 0;  // x1
    jacobian.row(1) << 0, 1;  // x2
    if (map == FeatureMap::Linear) return jacobian;
    jacobian.row(2) << 2 * x1, 0;  // x1²
    jacobian.row(3) << x2, x1;     // x1·x2
    jacobian.row(4) << 0, 2 * x2;  // x2²
    if (map == FeatureMap::Poly2) return jacobian;
    jacobian.row(5) << 3 * x1 * x1, 0;        // x1³
    jacobian.row(6) << 2 * x1 * x2, x1 * x1;  // x1²·x2
    jacobian.row(7) << x2 * x2, 2 * x1 * x2;  // x1·x2²
    jacobian.row(8) << 0, 3 * x2 * x2;        // x2³
    return jacobian;
}

}  // namespace losslab
