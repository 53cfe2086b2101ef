#pragma once
// The one batched kernel of each loss (private to core). Every caller goes through it: the
// single sample (a batch of one), the rows of a grid or simplex (one shared target), the
// batches of training and the per-point read-outs (one label per row).
//
// A block of rows is laid out class by class (column-major: class i's logits of every row
// contiguous), so every step of a kernel is one vector operation across rows instead of a
// loop over the K ≤ 10 entries of one row.
//
// Targets: row r's target is q_i(r) = base_i + (i == label_r ? bump : 0). A shared target q
// with true class y is base = q, bump = 0, label_r = y; smoothed one-hot labels are
// base_i = ε/K, bump = 1 − ε.
#include <Eigen/Core>

#include "losslab/losses.hpp"
#include "losslab/row_losses.hpp"

namespace losslab::detail {

// What every row of a call shares: the loss, its options and the target's shape.
struct LossTerms {
    Loss loss = Loss::CrossEntropy;
    Eigen::Index classes = 0;
    Vec base;            // base_i
    double bump = 0.0;   // added to base at each row's label
    double sumQ = 0.0;   // Σ_i q_i(r), the same for every row
    double qLogQ = 0.0;  // Σ_i q_i log q_i (KL = cross-entropy + Σ q log q)
    double invT = 1.0;
    double margin = 1.0;
    double gamma = 2.0;
    double scale = 1.0;      // log base and divide-by-K, applied to the value
    double gradScale = 1.0;  // scale × the caller's factor (1/N for a mean), for the gradient
    // The true class of every row when they all share one (grids, a single sample), else −1:
    // the hinge kernels then skip its column instead of testing each row's label.
    int sharedClass = -1;
};

// A shared (already smoothed) target q and true class y for every row.
LossTerms sharedTargetTerms(Loss loss, Eigen::Index classes, int trueClass, const Vec& target,
                            const LossOptions& options, double gradFactor);
// Each row's own label, target = one-hot smoothed by options.smoothing (targets.hpp).
LossTerms labelTerms(Loss loss, Eigen::Index classes, const LossOptions& options,
                     double gradFactor);

// `rows` rows of K classes stored class by class: class i's values start at data + i·stride.
struct ConstColumns {
    const double* data;
    Eigen::Index stride;
    Eigen::Index rows;
    const double* ptr(Eigen::Index i) const { return data + i * stride; }
};
struct Columns {
    double* data;
    Eigen::Index stride;
    Eigen::Index rows;
    double* ptr(Eigen::Index i) const { return data + i * stride; }
};

// Sizes the scratch for blocks of up to blockRows rows (no reallocation when unchanged).
void reserveLossScratch(RowLossWorkspace& w, Eigen::Index blockRows, Eigen::Index classes);

// One block: values[r] = L(row r) × scale and, when grad is non-null, its columns receive
// ∂L/∂s × gradScale. labels[r] is row r's true class as a double (one lane width for every
// array of the block); values may not alias the scratch.
void blockLosses(const LossTerms& terms, const ConstColumns& s, const double* labels,
                 double* values, const Columns* grad, RowLossWorkspace& w);

// Rows [start, start + count) of row-major logits (count ≤ the reserved block rows): copied
// class by class into the scratch, evaluated, and the gradient copied back into the same
// rows of `grad` when non-null. labels as in blockLosses.
void rowMajorBlockLosses(const LossTerms& terms, const RowMatrix& logits, Eigen::Index start,
                         Eigen::Index count, const double* labels, double* values, RowMatrix* grad,
                         RowLossWorkspace& w);

}  // namespace losslab::detail
