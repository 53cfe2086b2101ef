#pragma once
// The hot path of training (private to core): the mean cross-entropy (or KL) of a linear
// classifier on 2D points, its gradient with respect to θ = [W | b] and the accuracy, in one
// pass over the data that never stores the N x K scores.
//
// It computes what scoresOf + batchLoss + Gᵀ Φ̃ compute in trainer.cpp, to rounding, but
// with the rows of a block laid out class by class, so that every stage (scores, max, exp,
// log, gradient sums) runs over full SIMD vectors of rows instead of over the K ≤ 10 entries
// of one row. The loops are plain on purpose: GCC vectorizes them (compares and selects
// included, which Eigen 3.4 evaluates one scalar at a time); exp and log go through Eigen,
// whose vectorized versions libm does not offer without -ffast-math.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "losslab/losses.hpp"
#include "losslab/softmax.hpp"
#include "losslab/types.hpp"

namespace losslab::detail {

struct LinearCrossEntropyResult {
    double loss = 0.0;         // mean data loss (in the chosen log base; KL when asked)
    Eigen::Index correct = 0;  // rows whose argmax (lowest index on ties) is the label
};

// Φ̃ = [x, y, 1] (N x 3, the augmented linear features), θ = Classes x 3, labels in
// [0, Classes). `grad` (when non-null, already Classes x 3) receives ∂L/∂θ of the mean loss.
template <int Classes>
LinearCrossEntropyResult linearCrossEntropy(const RowMatrix& features, const RowMatrix& theta,
                                            const IntVec& labels, const LossOptions& options,
                                            bool kl, RowMatrix* grad) {
    constexpr int kBlock = 64;  // rows per block: the block's arrays stay in L1
    using Flat = Eigen::Map<Eigen::Array<double, kBlock * Classes, 1>>;
    using Column = Eigen::Map<Eigen::Array<double, kBlock, 1>>;

    const Eigen::Index n = features.rows();
    const double invT = 1.0 / options.temperature;
    const double offTarget = options.smoothing / static_cast<double>(Classes);
    const double onMinusOff = 1.0 - options.smoothing;  // q_y − q_other
    const double invN = 1.0 / static_cast<double>(n);
    const double lnb = lnOfBase(options.logBase);
    const double gradScale = invT * invN / lnb;  // ∂L/∂s = (p − q)/(T·N·ln b)
    double targetNegEntropy = 0.0;               // Σ q log q; KL = cross-entropy + Σ q log q
    if (kl) {
        const double onTarget = onMinusOff + offTarget;
        if (onTarget > 0) targetNegEntropy += onTarget * std::log(onTarget);
        if (offTarget > 0) targetNegEntropy += (Classes - 1) * offTarget * std::log(offTarget);
    }
    double w[3][Classes];
    for (int k = 0; k < Classes; ++k) {
        for (int d = 0; d < 3; ++d)
            w[d][k] = theta(k, d);
    }

    // Labels are kept as doubles so that every array of the block has the same lane width.
    alignas(64) double x[kBlock], y[kBlock], label[kBlock], valid[kBlock];
    alignas(64) double z[Classes][kBlock];  // scores, then (s − max)/T, then exp of that
    alignas(64) double rowMax[kBlock], best[kBlock], linear[kBlock], others[kBlock];
    alignas(64) double u[kBlock], logU[kBlock], hits[kBlock] = {};
    // Each lane's running loss with its rounding error (Kahan), so that the mean of N equal
    // losses is that loss to the last digit or two, as a pairwise sum would give.
    alignas(64) double total[kBlock] = {}, lost[kBlock] = {};
    alignas(64) double gradSums[3][Classes][kBlock] = {};
    for (Eigen::Index start = 0; start < n; start += kBlock) {
        const Eigen::Index rows = std::min<Eigen::Index>(kBlock, n - start);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double* f = features.row(start + r).data();
            x[r] = f[0];
            y[r] = f[1];
            label[r] = labels[start + r];
            valid[r] = 1.0;
        }
        // The last block's unused rows: finite values, no label, no weight.
        for (Eigen::Index r = rows; r < kBlock; ++r) {
            x[r] = y[r] = valid[r] = 0.0;
            label[r] = -1.0;
        }

        for (int k = 0; k < Classes; ++k) {
            for (int r = 0; r < kBlock; ++r)
                z[k][r] = x[r] * w[0][k] + y[r] * w[1][k] + w[2][k];
        }
        for (int r = 0; r < kBlock; ++r)
            rowMax[r] = z[0][r];
        for (int k = 1; k < Classes; ++k) {
            for (int r = 0; r < kBlock; ++r)
                rowMax[r] = z[k][r] > rowMax[r] ? z[k][r] : rowMax[r];
        }
        for (int r = 0; r < kBlock; ++r)
            best[r] = Classes - 1;
        for (int k = Classes - 2; k >= 0; --k) {
            for (int r = 0; r < kBlock; ++r)
                best[r] = z[k][r] == rowMax[r] ? k : best[r];
        }
        for (int r = 0; r < kBlock; ++r)
            hits[r] += best[r] == label[r] ? 1.0 : 0.0;

        // z = (s − max)/T ≤ 0; the cross-entropy is log Σ exp z − Σ q_i z_i.
        for (int r = 0; r < kBlock; ++r)
            linear[r] = 0.0;
        for (int k = 0; k < Classes; ++k) {
            for (int r = 0; r < kBlock; ++r) {
                z[k][r] = (z[k][r] - rowMax[r]) * invT;
                const double q = label[r] == k ? onMinusOff + offTarget : offTarget;
                linear[r] -= q * z[k][r];
            }
        }
        Flat flat(&z[0][0]);
        flat = flat.exp();
        // Σ_{i≠argmax} exp z_i without cancellation: the max entries' exps are exactly 1, so
        // sum the entries below 1 and, apart, count the other ties (a tiny entry added to a
        // running −1 would be lost); log1p then keeps tiny losses.
        alignas(64) double ties[kBlock];
        for (int r = 0; r < kBlock; ++r) {
            others[r] = 0.0;
            ties[r] = -1.0;
        }
        for (int k = 0; k < Classes; ++k) {
            for (int r = 0; r < kBlock; ++r) {
                const bool below = z[k][r] < 1.0;
                others[r] += below ? z[k][r] : 0.0;
                ties[r] += below ? 0.0 : 1.0;
            }
        }
        for (int r = 0; r < kBlock; ++r)
            others[r] += ties[r];
        for (int r = 0; r < kBlock; ++r)
            u[r] = 1.0 + others[r];
        Column logColumn(logU);
        logColumn = Column(u).log();
        for (int r = 0; r < kBlock; ++r) {
            // log1p(x) = log(u)·x/(u − 1) for u = 1 + x (exact where u rounds to 1).
            const double logSum = u[r] == 1.0 ? others[r] : logU[r] * others[r] / (u[r] - 1.0);
            const double term = valid[r] * (logSum + linear[r]) - lost[r];
            const double next = total[r] + term;
            lost[r] = (next - total[r]) - term;
            total[r] = next;
        }

        if (grad) {
            for (int k = 0; k < Classes; ++k) {
                for (int r = 0; r < kBlock; ++r) {
                    const double q = label[r] == k ? onMinusOff + offTarget : offTarget;
                    const double g = valid[r] * gradScale * (z[k][r] / u[r] - q);
                    gradSums[0][k][r] += g * x[r];
                    gradSums[1][k][r] += g * y[r];
                    gradSums[2][k][r] += g;
                }
            }
        }
    }
    if (grad) {
        for (int k = 0; k < Classes; ++k) {
            for (int d = 0; d < 3; ++d) {
                double sum = 0.0;
                for (int r = 0; r < kBlock; ++r)
                    sum += gradSums[d][k][r];
                (*grad)(k, d) = sum;
            }
        }
    }
    long double sum = 0.0L;
    double correct = 0.0;
    for (int r = 0; r < kBlock; ++r) {
        sum += static_cast<long double>(total[r]) - static_cast<long double>(lost[r]);
        correct += hits[r];  // counts below 2^53: exact
    }
    LinearCrossEntropyResult result;
    result.loss = (static_cast<double>(sum) * invN + targetNegEntropy) / lnb;
    result.correct = static_cast<Eigen::Index>(correct);
    return result;
}

}  // namespace losslab::detail
