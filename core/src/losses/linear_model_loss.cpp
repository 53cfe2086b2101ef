#include "linear_model_loss.hpp"

#include <algorithm>
#include <vector>

#include "loss_kernels.hpp"
#include "losslab/parallel.hpp"
#include "losslab/row_losses.hpp"
#include "numerics.hpp"
#include "small_transpose.hpp"

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

// The products with Φ̃ when it has C ≤ kLoopColumns columns, C known at compile time (the copy
// of its rows column by column is SmallTranspose<C>): GCC then keeps the C running sums of the
// products in registers: one pass over the block per class for the scores, not one per (class,
// column).
template <int C>
struct SmallProducts {
    static constexpr int kColumns = C;

    // S = Φ̃ θᵀ class by class: row r's score of class c sums φ_d θ_cd in the order d = 0, 1, ….
    static void scores(const double* __restrict phi, Eigen::Index stride, Eigen::Index rows,
                       const RowMatrix& theta, double* __restrict out) {
        for (Eigen::Index c = 0; c < theta.rows(); ++c) {
            double weight[C];
            for (int d = 0; d < C; ++d)
                weight[d] = theta(c, d);
            double* __restrict sc = out + c * stride;
            for (Eigen::Index r = 0; r < rows; ++r) {
                double sum = 0.0;
                for (int d = 0; d < C; ++d)
                    sum += phi[d * stride + r] * weight[d];
                sc[r] = sum;
            }
        }
    }

    // grad(c, d) += Σ_r G(r, c)·φ_d(r), each sum in a fixed order (orderedDot).
    static void gradient(const double* g, Eigen::Index stride, const double* phi, Eigen::Index rows,
                         RowMatrix& grad) {
        for (Eigen::Index c = 0; c < grad.rows(); ++c) {
            for (int d = 0; d < C; ++d)
                grad(c, d) += orderedDot(g + c * stride, phi + d * stride, rows);
        }
    }
};

// Calls f(SmallProducts<C>{}) for columns = C ≤ kLoopColumns and returns true, else false.
template <typename F>
bool withSmallProducts(Eigen::Index columns, F&& f) {
    static_assert(kLoopColumns == 4, "one case per column count below");
    switch (columns) {
        case 1:
            f(SmallProducts<1>{});
            return true;
        case 2:
            f(SmallProducts<2>{});
            return true;
        case 3:
            f(SmallProducts<3>{});
            return true;
        case 4:
            f(SmallProducts<4>{});
            return true;
        default:
            return false;
    }
}

// The argmax of each row of a block of scores, the lowest index on ties, as a double (one
// lane width with the scores, so that the compares and selects vectorize). The outputs are
// restrict: without it GCC keeps this loop scalar, with a branch per row.
void argmaxRows(const double* scores, Eigen::Index stride, Eigen::Index k, Eigen::Index rows,
                double* __restrict best, double* __restrict bestScore) {
    std::copy(scores, scores + rows, bestScore);
    std::fill(best, best + rows, 0.0);
    for (Eigen::Index c = 1; c < k; ++c) {
        const double* __restrict sc = scores + c * stride;
        const double index = static_cast<double>(c);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double s = sc[r];
            const double b = bestScore[r];
            const bool better = s > b;
            best[r] = better ? index : best[r];
            bestScore[r] = better ? s : b;
        }
    }
}

// Kahan sums of the rows' losses in kLossLanes interleaved lanes (row r of a block goes to
// lane r mod kLossLanes): one compensated sum is a chain of four dependent additions per
// row, and independent lanes let the processor overlap them. Blocks and chunks have fixed
// sizes, so the lanes, and the result, do not depend on the number of threads.
constexpr int kLossLanes = 4;
struct LaneSums {
    numerics::CompensatedSum lane[kLossLanes];
    void add(const double* values, Eigen::Index rows) {
        Eigen::Index r = 0;
        for (; r + kLossLanes <= rows; r += kLossLanes) {
            for (int l = 0; l < kLossLanes; ++l)
                lane[l].add(values[r + l]);
        }
        for (int l = 0; r < rows; ++r, ++l)
            lane[l].add(values[r]);
    }
    long double value() const {
        long double total = 0.0L;
        for (const numerics::CompensatedSum& l : lane)
            total += l.value();
        return total;
    }
};

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
    LaneSums lossSum;
    for (Eigen::Index start = first; start < first + count; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, first + count - start);
        const Eigen::Index stride = blockRows;
        // Φ̃ block class by class (a transposing copy), then S = Φ̃ θᵀ in the same layout.
        double* phi = w.features.data();
        double* scores = w.loss.logits.data();
        const double* src = features.data() + start * columns;
        const bool small = withSmallProducts(columns, [&](auto products) {
            SmallTranspose<decltype(products)::kColumns>::toColumns(src, rows, phi, stride);
            products.scores(phi, stride, rows, theta, scores);
        });
        if (!small) {
            w.features.topRows(rows) = features.middleRows(start, rows).array();
            w.loss.logits.topRows(rows).matrix().noalias() =
                w.features.topRows(rows).matrix() * theta.transpose();
        }
        // Accuracy: the argmax of each row, the lowest index on ties, as selects.
        double* best = w.loss.gathered.data();
        argmaxRows(scores, stride, k, rows, best, w.loss.rowMax.data());
        for (Eigen::Index r = 0; r < rows; ++r) {
            w.loss.labels[r] = static_cast<double>(labels[start + r]);
            out.correct += best[r] == w.loss.labels[r] ? 1 : 0;
        }
        const ConstColumns s{scores, stride, rows};
        const Columns g{w.loss.grad.data(), stride, rows};
        blockLosses(terms, s, w.loss.labels.data(), w.values.data(), withGrad ? &g : nullptr,
                    w.loss);
        lossSum.add(w.values.data(), rows);
        if (!withGrad) continue;
        // ∂/∂θ = Gᵀ Φ̃ over the block's rows.
        const bool smallGrad = withSmallProducts(columns, [&](auto products) {
            products.gradient(g.data, stride, phi, rows, out.grad);
        });
        if (!smallGrad) {
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
