#pragma once
// Row-major rows (row r at src + r·K) to columns (entry i at dst + i·stride), and back, for a
// width K known at compile time (private to core). Eigen's general transposing assignment
// moves one element at a time through its generic loop; with K fixed GCC unrolls the inner loop
// and, on the way back, assembles each column's vector from single loads (on the way in it still
// moves one element at a time for K = 10, which AVX-512 gathers did not measurably beat in the
// kernels). Used for a block of logits (K classes) by the loss kernels and for a block of features
// (K columns of Φ̃) by the linear model's loss.
#include <Eigen/Core>

namespace losslab::detail {

template <int K>
struct SmallTranspose {
    static void toColumns(const double* __restrict src, Eigen::Index rows, double* __restrict dst,
                          Eigen::Index stride) {
        for (Eigen::Index r = 0; r < rows; ++r) {
            for (int i = 0; i < K; ++i)
                dst[i * stride + r] = src[r * K + i];
        }
    }
    static void toRows(const double* __restrict src, Eigen::Index stride, Eigen::Index rows,
                       double* __restrict dst) {
        for (Eigen::Index r = 0; r < rows; ++r) {
            for (int i = 0; i < K; ++i)
                dst[r * K + i] = src[i * stride + r];
        }
    }
};

}  // namespace losslab::detail
