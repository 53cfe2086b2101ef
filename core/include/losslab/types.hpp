#pragma once
// Common Eigen aliases used across the core library.
#include <Eigen/Core>

namespace losslab {

using Vec = Eigen::VectorXd;
using IntVec = Eigen::VectorXi;
// Batches are N x K with one sample per row; row-major keeps a sample's logits contiguous.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace losslab
