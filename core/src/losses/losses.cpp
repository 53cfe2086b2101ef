// The losses' public entry points (losses.hpp, row_losses.hpp): the table's look-ups, the one
// check of the options, and every way of calling the batched kernels (loss_kernels.hpp).
#include "losslab/losses.hpp"

#include <cassert>
#include <cmath>
#include <sstream>

#include "loss_kernels.hpp"
#include "losslab/parallel.hpp"
#include "losslab/row_losses.hpp"
#include "losslab/targets.hpp"

namespace losslab {

const LossInfo& lossInfo(Loss loss) {
    for (const LossInfo& info : kLossTable) {
        if (info.loss == loss) return info;
    }
    assert(false && "every Loss has a row in kLossTable");
    return kLossTable[0];
}

std::optional<Loss> lossFromKey(std::string_view key) {
    for (const LossInfo& info : kLossTable) {
        if (info.key == key) return info.loss;
    }
    return std::nullopt;
}

std::string LossOptionProblem::message() const {
    return std::string(field) + ": " + std::string(rule);
}

std::optional<LossOptionProblem> checkLossOptions(const LossOptions& options) {
    if (!std::isfinite(options.temperature) || !(options.temperature > 0)) {
        return LossOptionProblem{"temperature", "must be a finite number > 0"};
    }
    if (!(options.smoothing >= 0.0 && options.smoothing <= 1.0)) {
        return LossOptionProblem{"smoothing", "must be in [0, 1]"};
    }
    if (!std::isfinite(options.margin) || !(options.margin > 0)) {
        return LossOptionProblem{"margin", "must be a finite number > 0"};
    }
    if (!std::isfinite(options.gamma) || !(options.gamma >= 0)) {
        return LossOptionProblem{"gamma", "must be a finite number >= 0"};
    }
    return std::nullopt;
}

namespace {

using detail::Columns;
using detail::ConstColumns;
using detail::LossTerms;

// Scratch of the calling thread for the batch entry points, so that a training step allocates
// nothing once the sizes are known. Only ever touched by its own thread.
RowLossWorkspace& threadScratch() {
    thread_local RowLossWorkspace scratch;
    return scratch;
}

// Σ of a chunk's values in a fixed order (four running sums, then their sum): the same result
// whichever thread or buffer address, unlike a reduction that peels to an aligned address.
double orderedSum(const double* x, Eigen::Index count) {
    double lanes[4] = {0.0, 0.0, 0.0, 0.0};
    Eigen::Index i = 0;
    for (; i + 4 <= count; i += 4) {
        for (int lane = 0; lane < 4; ++lane)
            lanes[lane] += x[i + lane];
    }
    for (; i < count; ++i)
        lanes[0] += x[i];
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}

// Per-sample values (and, when grad is non-null, gradients × terms.gradScale) of the rows
// [first, first + count) of a labelled batch, in blocks through the kernel.
void labelledRows(const LossTerms& terms, const RowMatrix& logits, const IntVec& labels,
                  Eigen::Index first, Eigen::Index count, double* values, RowMatrix* grad) {
    RowLossWorkspace& w = threadScratch();
    const Eigen::Index blockRows = lossBlockRows(count, logits.cols());
    detail::reserveLossScratch(w, blockRows, logits.cols());
    for (Eigen::Index start = first; start < first + count; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, first + count - start);
        for (Eigen::Index r = 0; r < rows; ++r)
            w.labels[r] = static_cast<double>(labels[start + r]);
        detail::rowMajorBlockLosses(terms, logits, start, rows, w.labels.data(),
                                    values + (start - first), grad, w);
    }
}

}  // namespace

LossValue evaluateLoss(Loss loss, const Vec& s, int y, const Vec& q, const LossOptions& options) {
    assert(s.size() == q.size() && y >= 0 && y < s.size());
    const Eigen::Index k = s.size();
    // A batch of one: the kernel's column layout of a single row is the row itself.
    const LossTerms terms = detail::sharedTargetTerms(loss, k, y, q, options, 1.0);
    RowLossWorkspace w;
    detail::reserveLossScratch(w, 1, k);
    w.labels[0] = static_cast<double>(y);
    LossValue out;
    out.grad.resize(k);
    const ConstColumns logits{s.data(), 1, 1};
    const Columns grad{out.grad.data(), 1, 1};
    detail::blockLosses(terms, logits, w.labels.data(), &out.value, &grad, w);
    return out;
}

LossValue evaluateLoss(Loss loss, const Vec& s, int y, const LossOptions& options) {
    return evaluateLoss(loss, s, y, makeTarget(static_cast<int>(s.size()), y, options.smoothing),
                        options);
}

std::vector<LossValue> evaluateAllLosses(const Vec& s, int y, const Vec& q,
                                         const LossOptions& options) {
    std::vector<LossValue> values;
    values.reserve(kAllLosses.size());
    for (Loss loss : kAllLosses)
        values.push_back(evaluateLoss(loss, s, y, q, options));
    return values;
}

double batchLoss(Loss loss, const RowMatrix& logits, const IntVec& labels,
                 const LossOptions& options, RowMatrix* grad) {
    const Eigen::Index n = logits.rows();
    const Eigen::Index k = logits.cols();
    assert(labels.size() == n && n > 0 && k > 0);
    if (grad) grad->resize(n, k);
    const double invN = 1.0 / static_cast<double>(n);
    const LossTerms terms = detail::labelTerms(loss, k, options, invN);
    // Fixed chunks, each summed on its own, then the sums in chunk order: the same bits on
    // any number of threads (parallel.hpp).
    const std::ptrdiff_t chunks = chunkCount(n);
    std::vector<double> chunkSums(static_cast<std::size_t>(chunks));
    parallelFor(chunks, [&](std::ptrdiff_t chunk) {
        const Eigen::Index first = chunk * kParallelChunkRows;
        const Eigen::Index count = std::min<Eigen::Index>(kParallelChunkRows, n - first);
        double values[kParallelChunkRows];
        labelledRows(terms, logits, labels, first, count, values, grad);
        chunkSums[static_cast<std::size_t>(chunk)] = orderedSum(values, count);
    });
    double total = 0.0;
    for (double sum : chunkSums)
        total += sum;
    return total * invN;
}

Vec perSampleLoss(Loss loss, const RowMatrix& logits, const IntVec& labels,
                  const LossOptions& options) {
    const Eigen::Index n = logits.rows();
    Vec out(n);
    if (n == 0) return out;
    const LossTerms terms = detail::labelTerms(loss, logits.cols(), options, 1.0);
    parallelFor(chunkCount(n), [&](std::ptrdiff_t chunk) {
        const Eigen::Index first = chunk * kParallelChunkRows;
        const Eigen::Index count = std::min<Eigen::Index>(kParallelChunkRows, n - first);
        labelledRows(terms, logits, labels, first, count, out.data() + first, nullptr);
    });
    return out;
}

// ---- row_losses.hpp: many logit vectors sharing one target ----

namespace {

// Rows per block: the kernels make several passes over a block (max, shift, exp, sums,
// gradient), each over a few scratch arrays of 2 K doubles (16 KiB each), which then stay in
// the L1 cache (48 KiB per core here); blocks of 8 K doubles spilled to L2 and the training
// step and the big-K gradients ran about 20 % slower. At least 16 rows, so vectors stay full
// for large K.
constexpr Eigen::Index kBlockElements = 2048;
constexpr Eigen::Index kMinBlockRows = 16;

}  // namespace

Eigen::Index lossBlockRows(Eigen::Index rows, Eigen::Index classes) {
    return std::min(rows,
                    std::max(kMinBlockRows, kBlockElements / std::max<Eigen::Index>(classes, 1)));
}

std::optional<std::string> checkRowLossArguments(Eigen::Index classes, int trueClass,
                                                 const Vec& target, const LossOptions& options) {
    std::ostringstream out;
    if (classes < 2) {
        out << "need at least 2 classes, got " << classes;
        return out.str();
    }
    if (trueClass < 0 || trueClass >= classes) {
        out << "true class " << trueClass << " is not in [0, " << classes - 1 << "]";
        return out.str();
    }
    if (target.size() != classes) {
        out << "target has " << target.size() << " entries, logits have " << classes;
        return out.str();
    }
    if (auto error = checkDistribution(target)) return "target: " + *error;
    if (auto problem = checkLossOptions(options)) return problem->message();
    return std::nullopt;
}

namespace {

// Many rows sharing one target, in blocks: checks the arguments, sizes the outputs, and calls
// block(terms, start, rows, labels, workspace) for every block of rows. Both layouts (rows or
// columns) differ only in how a block reaches the kernel.
template <typename Values, typename Grad, typename Block>
std::optional<std::string> sharedTargetBlocks(Loss loss, Eigen::Index n, Eigen::Index k,
                                              int trueClass, const Vec& target,
                                              const LossOptions& options, Values* values,
                                              Grad* grad, RowLossWorkspace* workspace,
                                              Block&& block) {
    if (!values) return "no output for the values";
    if (auto error = checkRowLossArguments(k, trueClass, target, options)) return error;
    values->resize(n);
    if (grad) grad->resize(n, k);
    if (n == 0) return std::nullopt;
    RowLossWorkspace local;
    RowLossWorkspace& w = workspace ? *workspace : local;
    const LossTerms terms = detail::sharedTargetTerms(loss, k, trueClass, target, options, 1.0);
    const Eigen::Index blockRows = lossBlockRows(n, k);
    detail::reserveLossScratch(w, blockRows, k);
    w.labels.setConstant(static_cast<double>(trueClass));
    for (Eigen::Index start = 0; start < n; start += blockRows) {
        block(terms, start, std::min(blockRows, n - start), w);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> rowLosses(Loss loss, const RowMatrix& logits, int trueClass,
                                     const Vec& target, const LossOptions& options, Vec* values,
                                     RowMatrix* grad, RowLossWorkspace* workspace) {
    return sharedTargetBlocks(
        loss, logits.rows(), logits.cols(), trueClass, target, options, values, grad, workspace,
        [&](const LossTerms& terms, Eigen::Index start, Eigen::Index rows, RowLossWorkspace& w) {
            detail::rowMajorBlockLosses(terms, logits, start, rows, w.labels.data(),
                                        values->data() + start, grad, w);
        });
}

std::optional<std::string> columnLosses(Loss loss, const Eigen::ArrayXXd& logits, int trueClass,
                                        const Vec& target, const LossOptions& options,
                                        Eigen::ArrayXd* values, Eigen::ArrayXXd* grad,
                                        RowLossWorkspace* workspace) {
    const Eigen::Index n = logits.rows();
    return sharedTargetBlocks(
        loss, n, logits.cols(), trueClass, target, options, values, grad, workspace,
        [&](const LossTerms& terms, Eigen::Index start, Eigen::Index rows, RowLossWorkspace& w) {
            const ConstColumns s{logits.data() + start, n, rows};
            const Columns g{grad ? grad->data() + start : nullptr, n, rows};
            detail::blockLosses(terms, s, w.labels.data(), values->data() + start,
                                grad ? &g : nullptr, w);
        });
}

}  // namespace losslab
