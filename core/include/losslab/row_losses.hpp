#pragma once
// The loss of many logit vectors that share one target: what a loss surface or a simplex
// heatmap needs, where every grid node is the same sample with different logits.
//
// batchLoss (losses.hpp) returns only the mean over rows and takes integer labels; here each
// row keeps its own value and gradient, the target q may be any (soft) distribution, and
// the work is vectorized across rows. Each row's value and gradient equal
// evaluateLoss(loss, row, trueClass, target, options) up to rounding (a few ulp).
//
// Two layouts of the same N x K logits (one logit vector per row):
// - rowLosses takes a RowMatrix (a sample's logits contiguous), the layout of batches;
// - columnLosses takes a column-major Eigen::ArrayXXd, one class's logits of every row
//   contiguous. The kernels work in this layout (each step is one vector operation across
//   rows), so a caller that builds its rows anyway (the grids) should build them so.
#include <optional>
#include <string>

#include "losslab/losses.hpp"
#include "losslab/types.hpp"

namespace losslab {

// Scratch buffers reused between calls, so a repeated evaluation (a surface redrawn while a
// slider moves) allocates nothing. Its contents are an implementation detail.
struct RowLossWorkspace {
    Eigen::ArrayXXd logits;      // a block of rows in column-major layout (rowLosses only)
    Eigen::ArrayXXd shifted;     // z = (s − max s)/T, or −|s|
    Eigen::ArrayXXd expShifted;  // exp(z)
    Eigen::ArrayXXd grad;        // a block of the gradient (rowLosses only)
    Eigen::ArrayXXd perClass;    // focal: ∂L/∂log p; ova: log1p(exp(−|s|))
    Eigen::ArrayXd rowMax, others, ties, logSum, invDen, sumPerRow, scratch;
    Eigen::ArrayXd gathered;  // each row's logit of its true class (hinge losses)
    Eigen::ArrayXd labels;    // each row's true class, as a double
};

// Checks the arguments of rowLosses/columnLosses without computing anything; returns a
// message naming what is wrong, or nothing. `classes` is the number of logits per row.
std::optional<std::string> checkRowLossArguments(Eigen::Index classes, int trueClass,
                                                 const Vec& target, const LossOptions& options);

// For every row r of `logits` (N x K): (*values)[r] = L(row r) and, when grad is non-null,
// grad->row(r) = ∂L/∂s at row r (not divided by N). `target` is q, already smoothed (see
// targets.hpp), shared by every row; trueClass is y, used by the hinge losses. values and
// grad are resized as needed (no reallocation when the size is unchanged). On invalid
// arguments returns the message of checkRowLossArguments and leaves the outputs untouched.
// workspace may be null (buffers are then allocated for this call only).
std::optional<std::string> rowLosses(Loss loss, const RowMatrix& logits, int trueClass,
                                     const Vec& target, const LossOptions& options, Vec* values,
                                     RowMatrix* grad, RowLossWorkspace* workspace = nullptr);

// How many rows columnLosses processes at a time for N rows of K classes (a few scratch
// arrays of that many rows stay in cache). A caller that feeds it blocks of its own (the
// grids) makes them this size, so that one call is one block.
Eigen::Index lossBlockRows(Eigen::Index rows, Eigen::Index classes);

// The same for logits in column-major layout: logits(r, i) is class i's logit in row r, and
// grad (when non-null) receives ∂L/∂s in the same layout.
std::optional<std::string> columnLosses(Loss loss, const Eigen::ArrayXXd& logits, int trueClass,
                                        const Vec& target, const LossOptions& options,
                                        Eigen::ArrayXd* values, Eigen::ArrayXXd* grad,
                                        RowLossWorkspace* workspace = nullptr);

}  // namespace losslab
