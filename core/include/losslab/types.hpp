#pragma once
// Common Eigen aliases used across the core library.
#include <Eigen/Core>

namespace losslab {

using Vec = Eigen::VectorXd;
using IntVec = Eigen::VectorXi;
// Batches are N x K with one sample per row; row-major keeps a sample's logits contiguous.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Whether every entry is finite, read in storage order: Eigen's allFinite() walks a row-major
// matrix column by column (a stride of a row per value), which took 190 ms over the 10⁶ x 26
// features of an rbf training set.
inline bool allFiniteValues(const RowMatrix& m) {
    return Eigen::Map<const Eigen::ArrayXd>(m.data(), m.size()).allFinite();
}

}  // namespace losslab
