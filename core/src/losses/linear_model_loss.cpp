#include "linear_model_loss.hpp"

#include <algorithm>
#include <vector>

#include "loss_kernels.hpp"
#include "losslab/parallel.hpp"
#include "losslab/row_losses.hpp"
#include "numerics.hpp"

namespace losslab::detail {

namespace {

// Φ̃ with at most this many columns (linear features: x, y, 1) is multiplied by plain loops
// over rows, which GCC vectorizes; for this long, thin shape Eigen's general products spend
// most of their time packing operands. Wider features (rbf) use Eigen's products.
constexpr Eigen::Index kLoopColumns = 4;

// Scratch of one thread: the loss kernel's, a block of Φ̃ class by class, the block's values.
struct LinearScratch {
    RowLossWorkspace loss;
    Eigen::ArrayXXd features;  // blockRows x (D+1), column-major
    Eigen::ArrayXd values;
};

LinearScratch& threadScratch() {
    thread_local LinearScratch scratch;
    return scratch;
}

// What one chunk of rows adds up to; chunks are combined in order.
struct ChunkSums {
    long double loss = 0.0L;
    Eigen::Index correct = 0;
    RowMatrix grad;  // K x (D+1)
};

// Σ_r a[r]·b[r] in a fixed order (eight running sums, which GCC keeps in vector registers).
double orderedDot(const double* a, const double* b, Eigen::Index count) {
    double lanes[8] = {};
    Eigen::Index r = 0;
    for (; r + 8 <= count; r += 8) {
        for (int lane = 0; lane < 8; ++lane)
            lanes[lane] += a[r + lane] * b[r + lane];
    }
    for (; r < count; ++r)
        lanes[0] += a[r] * b[r];
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
           ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

void chunkLoss(const LossTerms& terms, const RowMatrix& features, const RowMatrix& theta,
               const IntVec& labels, Eigen::Index first, Eigen::Index count, bool withGrad,
               ChunkSums& out) {
    const Eigen::Index k = theta.rows();
    const Eigen::Index columns = features.cols();
    LinearScratch& w = threadScratch();
    const Eigen::Index blockRows = lossBlockRows(count, k);
    reserveLossScratch(w.loss, blockRows, k);
    w.loss.logits.resize(blockRows, k);
    w.loss.grad.resize(blockRows, k);
    w.features.resize(blockRows, columns);
    w.values.resize(blockRows);
    if (withGrad) out.grad.setZero(k, columns);
    numerics::CompensatedSum lossSum;
    for (Eigen::Index start = first; start < first + count; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, first + count - start);
        const Eigen::Index stride = blockRows;
        // Φ̃ block class by class (a transposing copy), then S = Φ̃ θᵀ in the same layout.
        w.features.topRows(rows) = features.middleRows(start, rows).array();
        double* scores = w.loss.logits.data();
        const double* phi = w.features.data();
        if (columns <= kLoopColumns) {
            for (Eigen::Index c = 0; c < k; ++c) {
                double* sc = scores + c * stride;
                std::fill(sc, sc + rows, 0.0);
                for (Eigen::Index d = 0; d < columns; ++d) {
                    const double weight = theta(c, d);
                    const double* phid = phi + d * stride;
                    for (Eigen::Index r = 0; r < rows; ++r)
                        sc[r] += phid[r] * weight;
                }
            }
        } else {
            w.loss.logits.topRows(rows).matrix().noalias() =
                w.features.topRows(rows).matrix() * theta.transpose();
        }
        // Accuracy: the argmax of each row, the lowest index on ties, as selects.
        double* best = w.loss.gathered.data();
        double* bestScore = w.loss.rowMax.data();
        std::copy(scores, scores + rows, bestScore);
        std::fill(best, best + rows, 0.0);
        for (Eigen::Index c = 1; c < k; ++c) {
            const double* sc = scores + c * stride;
            for (Eigen::Index r = 0; r < rows; ++r) {
                const bool better = sc[r] > bestScore[r];
                best[r] = better ? static_cast<double>(c) : best[r];
                bestScore[r] = better ? sc[r] : bestScore[r];
            }
        }
        for (Eigen::Index r = 0; r < rows; ++r) {
            w.loss.labels[r] = static_cast<double>(labels[start + r]);
            out.correct += best[r] == w.loss.labels[r] ? 1 : 0;
        }
        const ConstColumns s{scores, stride, rows};
        const Columns g{w.loss.grad.data(), stride, rows};
        blockLosses(terms, s, w.loss.labels.data(), w.values.data(), withGrad ? &g : nullptr,
                    w.loss);
        for (Eigen::Index r = 0; r < rows; ++r)
            lossSum.add(w.values[r]);
        if (!withGrad) continue;
        // ∂/∂θ = Gᵀ Φ̃ over the block's rows.
        if (columns <= kLoopColumns) {
            for (Eigen::Index c = 0; c < k; ++c) {
                for (Eigen::Index d = 0; d < columns; ++d) {
                    out.grad(c, d) += orderedDot(g.ptr(c), phi + d * stride, rows);
                }
            }
        } else {
            out.grad.noalias() +=
                w.loss.grad.topRows(rows).matrix().transpose() * w.features.topRows(rows).matrix();
        }
    }
    out.loss = lossSum.value();
}

}  // namespace

LinearModelLoss linearModelLoss(Loss loss, const LossOptions& options, const RowMatrix& features,
                                const RowMatrix& theta, const IntVec& labels, RowMatrix* grad) {
    const Eigen::Index n = features.rows();
    const double invN = 1.0 / static_cast<double>(n);
    const LossTerms terms = labelTerms(loss, theta.rows(), options, invN);
    std::vector<ChunkSums> chunks(static_cast<std::size_t>(chunkCount(n)));
    parallelFor(static_cast<std::ptrdiff_t>(chunks.size()), [&](std::ptrdiff_t chunk) {
        const Eigen::Index first = chunk * kParallelChunkRows;
        const Eigen::Index count = std::min<Eigen::Index>(kParallelChunkRows, n - first);
        chunkLoss(terms, features, theta, labels, first, count, grad != nullptr,
                  chunks[static_cast<std::size_t>(chunk)]);
    });
    // In chunk order, whatever thread computed which chunk.
    LinearModelLoss result;
    long double total = 0.0L;
    if (grad) grad->setZero(theta.rows(), theta.cols());
    for (const ChunkSums& chunk : chunks) {
        total += chunk.loss;
        result.correct += chunk.correct;
        if (grad) *grad += chunk.grad;
    }
    result.loss = static_cast<double>(total) * invN;
    return result;
}

}  // namespace losslab::detail
