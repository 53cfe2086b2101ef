#include "losslab/row_losses.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "losslab/targets.hpp"

namespace losslab {

namespace {

// Rows per block: a few scratch arrays of 8 K doubles (64 KiB each) stay in L2 while every
// pass of the block runs over them. At least 16 rows, so vectors stay full for large K.
constexpr Eigen::Index kBlockElements = 8192;
constexpr Eigen::Index kMinBlockRows = 16;

// Eigen's vectorized exp clamps its argument near −709 and so returns ~1e-308 where the true
// value is 0 (exp(−1e300)). Harmless in a sum, but the focal gradient multiplies p by log p,
// and 1e-308 · (−4e300) is not 0. Below this bound the result is set to 0 (exp(−708) is
// already below the smallest normal double, so nothing measurable is lost).
constexpr double kExpUnderflow = -708.0;

using ArrayMap = Eigen::Map<Eigen::ArrayXd>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXd>;

// `rows` rows of K classes stored class by class: class i's values start at data + i·stride.
struct ConstColumns {
    const double* data;
    Eigen::Index stride;
    Eigen::Index rows;
    const double* ptr(Eigen::Index i) const { return data + i * stride; }
    ConstArrayMap col(Eigen::Index i) const { return {ptr(i), rows}; }
};

struct Columns {
    double* data;
    Eigen::Index stride;
    Eigen::Index rows;
    double* ptr(Eigen::Index i) const { return data + i * stride; }
    ArrayMap col(Eigen::Index i) const { return {ptr(i), rows}; }
};

// The first `rows` rows of a scratch array sized blockRows x K.
Columns scratchColumns(Eigen::ArrayXXd& a, Eigen::Index rows) {
    return {a.data(), a.rows(), rows};
}

// What every row shares: the target, its positive entries and the scales of the options.
struct SharedTerms {
    Eigen::Index classes = 0;
    int trueClass = 0;
    const double* q = nullptr;
    std::vector<Eigen::Index> positive;  // classes with q_i > 0 (0·log p_i is 0, even at p_i = 0)
    double sumPositiveQ = 0.0;           // Σ q_i, so the cross-entropy is Σq·LSE − Σ q_i z_i
    double qLogQ = 0.0;                  // Σ q_i log q_i: KL = cross-entropy + Σ q log q
    double invT = 1.0;
    double scale = 1.0;  // log base and divide-by-K, applied to value and gradient alike
};

SharedTerms makeSharedTerms(Loss loss, Eigen::Index classes, int trueClass, const Vec& target,
                            const LossOptions& options) {
    SharedTerms t;
    t.classes = classes;
    t.trueClass = trueClass;
    t.q = target.data();
    for (Eigen::Index i = 0; i < classes; ++i) {
        if (target[i] > 0) {
            t.positive.push_back(i);
            t.sumPositiveQ += target[i];
            t.qLogQ += target[i] * std::log(target[i]);
        }
    }
    t.invT = 1.0 / options.temperature;
    if (usesLogBase(loss)) t.scale /= lnOfBase(options.logBase);
    if (options.hingeDivideByK && (loss == Loss::HingeWW || loss == Loss::SquaredHinge)) {
        t.scale /= static_cast<double>(classes);
    }
    return t;
}

// exp of `count` values, vectorized, and exactly 0 below kExpUnderflow.
void flushedExp(const double* x, Eigen::Index count, double* out) {
    ArrayMap(out, count) = ConstArrayMap(x, count).exp();
    for (Eigen::Index i = 0; i < count; ++i)
        out[i] = x[i] < kExpUnderflow ? 0.0 : out[i];
}

// log(1 + x) for x ≥ 0: one vectorized log of u = 1 + x, then log(u)·x/(u − 1) corrects the
// rounding of u (Goldberg's trick), and is x itself when u rounds to 1.
void log1pOfNonNegative(const double* x, Eigen::Index count, double* out) {
    ArrayMap(out, count) = (ConstArrayMap(x, count) + 1.0).log();
    for (Eigen::Index i = 0; i < count; ++i) {
        const double excess = (1.0 + x[i]) - 1.0;
        const double safe = excess == 0.0 ? 1.0 : excess;
        out[i] = excess == 0.0 ? x[i] : out[i] * x[i] / safe;
    }
}

// For a block: z = (s − max s)/T into w.shifted, exp(z) into w.expShifted, and per row
// others = Σ_{i≠argmax} exp(z_i), logSum = log(1 + others) = LSE(z), invDen = 1/(1 + others).
// The max entries have z exactly 0 and exp exactly 1; `others` sums the entries below the
// max and counts the ties beyond one, so a loss of 1e-48 is not lost in 1 + 1e-48 − 1.
void softmaxColumns(const ConstColumns& s, double invT, Eigen::Index k, RowLossWorkspace& w) {
    const Eigen::Index rows = s.rows;
    auto rowMax = w.rowMax.head(rows);
    rowMax = s.col(0);
    for (Eigen::Index i = 1; i < k; ++i)
        rowMax = rowMax.max(s.col(i));
    const Columns z = scratchColumns(w.shifted, rows);
    const Columns e = scratchColumns(w.expShifted, rows);
    double* below = w.others.data();
    double* ties = w.sumPerRow.data();
    std::fill(below, below + rows, 0.0);
    std::fill(ties, ties + rows, -1.0);  // the max itself is not one of the "others"
    for (Eigen::Index i = 0; i < k; ++i) {
        // The difference is taken before dividing by T so that neither overflows.
        z.col(i) = (s.col(i) - rowMax) * invT;
        flushedExp(z.ptr(i), rows, e.ptr(i));
        const double* zi = z.ptr(i);
        double* ei = e.ptr(i);
        for (Eigen::Index r = 0; r < rows; ++r) {
            ei[r] = zi[r] == 0.0 ? 1.0 : ei[r];
            below[r] += zi[r] < 0.0 ? ei[r] : 0.0;
            ties[r] += zi[r] == 0.0 ? 1.0 : 0.0;
        }
    }
    w.others.head(rows) += w.sumPerRow.head(rows);
    log1pOfNonNegative(w.others.data(), rows, w.logSum.data());
    w.invDen.head(rows) = 1.0 / (1.0 + w.others.head(rows));
}

// Cross-entropy (kl = false) or KL: Σq·LSE(z) − Σ q_i z_i (+ Σ q log q), ∇ = (p − q)/T.
void crossEntropyColumns(const SharedTerms& t, Eigen::Index rows, bool kl, RowLossWorkspace& w,
                         ArrayMap values, const Columns* grad) {
    const Columns z = scratchColumns(w.shifted, rows);
    values = w.logSum.head(rows) * t.sumPositiveQ;
    for (Eigen::Index i : t.positive)
        values -= t.q[i] * z.col(i);
    if (kl) values += t.qLogQ;
    if (!grad) return;
    const Columns e = scratchColumns(w.expShifted, rows);
    const double gScale = t.invT * t.scale;
    auto pScale = w.scratch.head(rows);
    pScale = w.invDen.head(rows) * gScale;
    for (Eigen::Index i = 0; i < t.classes; ++i)
        grad->col(i) = e.col(i) * pScale - t.q[i] * gScale;
}

// Σ (p_i − q_i)², ∇ = Jᵀd/T with d = 2(p − q), J = diag(p) − p pᵀ: p_j (d_j − p·d)/T.
void brierColumns(const SharedTerms& t, Eigen::Index rows, RowLossWorkspace& w, ArrayMap values,
                  const Columns* grad) {
    const Columns e = scratchColumns(w.expShifted, rows);
    const auto invDen = w.invDen.head(rows);
    auto pDotD = w.sumPerRow.head(rows);
    values.setZero();
    pDotD.setZero();
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        const auto p = e.col(i) * invDen;
        const auto diff = p - t.q[i];
        values += diff * diff;
        pDotD += p * 2.0 * diff;
    }
    if (!grad) return;
    const double gScale = t.invT * t.scale;
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        const auto p = e.col(j) * invDen;
        grad->col(j) = p * (2.0 * (p - t.q[j]) - pDotD) * gScale;
    }
}

// −Σ q_i (1 − p_i)^γ log p_i, through ∂L/∂log p_i = −q_i[(1−p_i)^γ − γ(1−p_i)^{γ−1} p_i log p_i]
// and ∂log p_i/∂z_j = δ_ij − p_j.
void focalColumns(const SharedTerms& t, Eigen::Index rows, double gamma, RowLossWorkspace& w,
                  ArrayMap values, const Columns* grad) {
    const Columns z = scratchColumns(w.shifted, rows);
    const Columns e = scratchColumns(w.expShifted, rows);
    const Columns dl = scratchColumns(w.perClass, rows);
    const double* others = w.others.data();
    const double* invDen = w.invDen.data();
    const double* logSum = w.logSum.data();
    double* weight = w.scratch.data();
    double* sumDl = w.sumPerRow.data();
    double* value = values.data();
    values.setZero();
    std::fill(sumDl, sumDl + rows, 0.0);
    const bool integerGamma = gamma == std::floor(gamma) && gamma <= 4.0;
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        const double q = t.q[i];
        double* dli = dl.ptr(i);
        if (!(q > 0)) {
            std::fill(dli, dli + rows, 0.0);
            continue;
        }
        const double* zi = z.ptr(i);
        const double* ei = e.ptr(i);
        // 1 − p without cancellation: only a max entry (z = 0) can have p near 1, and its
        // complement is exactly others/(1 + others). Kept in dli until the weight is known.
        for (Eigen::Index r = 0; r < rows; ++r) {
            dli[r] = zi[r] == 0.0 ? others[r] * invDen[r] : 1.0 - ei[r] * invDen[r];
        }
        // (1 − p)^γ: products for the usual integer γ, exp(γ·log(1 − p)) otherwise (relative
        // error ~γ·|log(1 − p)|·1e-16; Eigen's own vectorized pow is avoided because GCC 12
        // reports its AVX-512 code as using uninitialized values, and warnings are errors).
        const ConstArrayMap oneMinusP(dli, rows);
        ArrayMap weights(weight, rows);
        if (!integerGamma) {
            weights = oneMinusP.log() * gamma;
            flushedExp(weight, rows, weight);
        } else if (gamma == 0.0) {
            weights.setOnes();
        } else {
            weights = oneMinusP;
            for (int power = 1; power < static_cast<int>(gamma); ++power)
                weights *= oneMinusP;
        }
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double logP = zi[r] - logSum[r];
            const double p = ei[r] * invDen[r];
            const double complement = dli[r];
            value[r] -= q * weight[r] * logP;
            // γ(1−p)^{γ−1} as γ·(1−p)^γ/(1−p); the term vanishes at p = 1 and for γ = 0.
            const bool curved = gamma != 0.0 && complement > 0.0;
            const double safe = curved ? complement : 1.0;
            const double curvature = curved ? gamma * (weight[r] / safe) * p * logP : 0.0;
            dli[r] = -q * (weight[r] - curvature);
            sumDl[r] += dli[r];
        }
    }
    if (!grad) return;
    const double gScale = t.invT * t.scale;
    const ConstArrayMap sum(sumDl, rows);
    const ConstArrayMap inv(invDen, rows);
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        grad->col(j) = (dl.col(j) - e.col(j) * inv * sum) * gScale;
    }
}

// Σ_{j≠y} max(0, s_j − s_y + Δ) (squared: its square), ∇ = 1 (2·term) at each active j and
// minus their sum at y. A term is active when > 0 strictly: the kink stays sharp.
template <bool Squared>
void hingeWWColumns(const ConstColumns& s, const SharedTerms& t, double delta, RowLossWorkspace& w,
                    ArrayMap values, const Columns* grad) {
    const Eigen::Index rows = s.rows;
    const int y = t.trueClass;
    const double* sy = s.ptr(y);
    double* value = values.data();
    double* sumAtY = w.sumPerRow.data();
    values.setZero();
    std::fill(sumAtY, sumAtY + rows, 0.0);
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        if (j == y) continue;
        const double* sj = s.ptr(j);
        double* g = grad ? grad->ptr(j) : w.scratch.data();
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double term = sj[r] - sy[r] + delta;
            const bool active = term > 0;
            value[r] += active ? (Squared ? term * term : term) : 0.0;
            g[r] = active ? (Squared ? 2.0 * term : 1.0) : 0.0;
            sumAtY[r] += g[r];
        }
    }
    if (grad) grad->col(y) = -w.sumPerRow.head(rows);
}

// max(0, Δ − (s_y − max_{j≠y} s_j)), ∇ = +1 at the strongest rival (lowest index on ties),
// −1 at y, when active.
void hingeCSColumns(const ConstColumns& s, const SharedTerms& t, double delta, RowLossWorkspace& w,
                    ArrayMap values, const Columns* grad) {
    const Eigen::Index rows = s.rows;
    const int y = t.trueClass;
    const Eigen::Index first = y == 0 ? 1 : 0;
    double* best = w.rowMax.data();
    double* rival = w.scratch.data();  // the rival's index, as a double for vector selects
    std::copy(s.ptr(first), s.ptr(first) + rows, best);
    std::fill(rival, rival + rows, static_cast<double>(first));
    for (Eigen::Index j = first + 1; j < t.classes; ++j) {
        if (j == y) continue;
        const double* sj = s.ptr(j);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const bool stronger = sj[r] > best[r];  // strictly: the lowest index wins ties
            best[r] = stronger ? sj[r] : best[r];
            rival[r] = stronger ? static_cast<double>(j) : rival[r];
        }
    }
    const double* sy = s.ptr(y);
    double* value = values.data();
    for (Eigen::Index r = 0; r < rows; ++r) {
        const double v = delta - (sy[r] - best[r]);
        value[r] = v > 0 ? v : 0.0;
    }
    if (!grad) return;
    for (Eigen::Index j = 0; j < t.classes; ++j)
        grad->col(j).setZero();
    for (Eigen::Index r = 0; r < rows; ++r) {
        if (!(value[r] > 0)) continue;
        grad->ptr(static_cast<Eigen::Index>(rival[r]))[r] = 1.0;
        grad->ptr(y)[r] = -1.0;
    }
}

// Σ_i q_i·softplus(−s_i) + (1 − q_i)·softplus(s_i) = −Σ[q log σ(s) + (1−q) log σ(−s)],
// softplus(x) = max(x, 0) + log1p(exp(−|x|)) as in softmax.cpp; ∇ = σ(s) − q.
void ovaLogisticColumns(const ConstColumns& s, const SharedTerms& t, RowLossWorkspace& w,
                        ArrayMap values, const Columns* grad) {
    const Eigen::Index rows = s.rows;
    const Columns expNegAbs = scratchColumns(w.expShifted, rows);
    const Columns tail = scratchColumns(w.perClass, rows);
    double* value = values.data();
    values.setZero();
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        const double* si = s.ptr(i);
        double* ei = expNegAbs.ptr(i);
        double* li = tail.ptr(i);
        expNegAbs.col(i) = -s.col(i).abs();
        flushedExp(ei, rows, ei);
        log1pOfNonNegative(ei, rows, li);
        const double q = t.q[i];
        double* g = grad ? grad->ptr(i) : nullptr;
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double softplusPos = std::max(si[r], 0.0) + li[r];
            const double softplusNeg = std::max(-si[r], 0.0) + li[r];
            value[r] += q * softplusNeg + (1.0 - q) * softplusPos;
        }
        if (g) {
            for (Eigen::Index r = 0; r < rows; ++r) {
                const double sigma = si[r] >= 0 ? 1.0 / (1.0 + ei[r]) : ei[r] / (1.0 + ei[r]);
                g[r] = (sigma - q) * t.scale;
            }
        }
    }
}

// One block of rows: values[0..rows) and, when grad is non-null, its columns.
void blockLosses(Loss loss, const ConstColumns& s, const SharedTerms& t, const LossOptions& options,
                 double* valuesOut, const Columns* grad, RowLossWorkspace& w) {
    const Eigen::Index rows = s.rows;
    ArrayMap values(valuesOut, rows);
    switch (loss) {
        case Loss::CrossEntropy:
        case Loss::KL:
            softmaxColumns(s, t.invT, t.classes, w);
            crossEntropyColumns(t, rows, loss == Loss::KL, w, values, grad);
            break;
        case Loss::Brier:
            softmaxColumns(s, t.invT, t.classes, w);
            brierColumns(t, rows, w, values, grad);
            break;
        case Loss::Focal:
            softmaxColumns(s, t.invT, t.classes, w);
            focalColumns(t, rows, options.gamma, w, values, grad);
            break;
        case Loss::HingeWW:
            hingeWWColumns<false>(s, t, options.margin, w, values, grad);
            break;
        case Loss::SquaredHinge:
            hingeWWColumns<true>(s, t, options.margin, w, values, grad);
            break;
        case Loss::HingeCS:
            hingeCSColumns(s, t, options.margin, w, values, grad);
            break;
        case Loss::OvaLogistic:
            ovaLogisticColumns(s, t, w, values, grad);
            break;
    }
    // As in losses.cpp: only the squared hinge can exceed the double range for finite logits;
    // it saturates at the largest double instead of becoming inf. Then the shared scale (the
    // gradient kernels applied it already).
    values = values.min(std::numeric_limits<double>::max()) * t.scale;
    if (grad && (loss == Loss::HingeWW || loss == Loss::SquaredHinge || loss == Loss::HingeCS) &&
        t.scale != 1.0) {
        for (Eigen::Index i = 0; i < t.classes; ++i)
            grad->col(i) *= t.scale;
    }
}

void reserveScratch(RowLossWorkspace& w, Eigen::Index blockRows, Eigen::Index k) {
    // Eigen's resize keeps the allocation when the size is unchanged.
    w.shifted.resize(blockRows, k);
    w.expShifted.resize(blockRows, k);
    w.perClass.resize(blockRows, k);
    for (Eigen::ArrayXd* a :
         {&w.rowMax, &w.others, &w.logSum, &w.invDen, &w.sumPerRow, &w.scratch}) {
        a->resize(blockRows);
    }
}

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
    if (!std::isfinite(options.temperature) || !(options.temperature > 0)) {
        return "temperature must be a finite number > 0";
    }
    if (!(options.smoothing >= 0.0 && options.smoothing <= 1.0)) {
        return "smoothing must be in [0, 1]";
    }
    if (!std::isfinite(options.margin) || !(options.margin > 0)) {
        return "margin must be a finite number > 0";
    }
    if (!std::isfinite(options.gamma) || !(options.gamma >= 0)) {
        return "gamma must be a finite number >= 0";
    }
    return std::nullopt;
}

std::optional<std::string> rowLosses(Loss loss, const RowMatrix& logits, int trueClass,
                                     const Vec& target, const LossOptions& options, Vec* values,
                                     RowMatrix* grad, RowLossWorkspace* workspace) {
    if (!values) return "no output for the values";
    if (auto error = checkRowLossArguments(logits.cols(), trueClass, target, options)) {
        return error;
    }
    const Eigen::Index n = logits.rows();
    const Eigen::Index k = logits.cols();
    values->resize(n);
    if (grad) grad->resize(n, k);
    if (n == 0) return std::nullopt;
    RowLossWorkspace local;
    RowLossWorkspace& w = workspace ? *workspace : local;
    const SharedTerms terms = makeSharedTerms(loss, k, trueClass, target, options);
    const Eigen::Index blockRows = lossBlockRows(n, k);
    reserveScratch(w, blockRows, k);
    w.logits.resize(blockRows, k);
    if (grad) w.grad.resize(blockRows, k);
    for (Eigen::Index start = 0; start < n; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, n - start);
        // Row-major to column-major (a transposing copy), and back for the gradient.
        w.logits.topRows(rows) = logits.middleRows(start, rows).array();
        const ConstColumns s{w.logits.data(), blockRows, rows};
        const Columns g = scratchColumns(w.grad, rows);
        blockLosses(loss, s, terms, options, values->data() + start, grad ? &g : nullptr, w);
        if (grad) grad->middleRows(start, rows) = w.grad.topRows(rows).matrix();
    }
    return std::nullopt;
}

std::optional<std::string> columnLosses(Loss loss, const Eigen::ArrayXXd& logits, int trueClass,
                                        const Vec& target, const LossOptions& options,
                                        Eigen::ArrayXd* values, Eigen::ArrayXXd* grad,
                                        RowLossWorkspace* workspace) {
    if (!values) return "no output for the values";
    if (auto error = checkRowLossArguments(logits.cols(), trueClass, target, options)) {
        return error;
    }
    const Eigen::Index n = logits.rows();
    const Eigen::Index k = logits.cols();
    values->resize(n);
    if (grad) grad->resize(n, k);
    if (n == 0) return std::nullopt;
    RowLossWorkspace local;
    RowLossWorkspace& w = workspace ? *workspace : local;
    const SharedTerms terms = makeSharedTerms(loss, k, trueClass, target, options);
    const Eigen::Index blockRows = lossBlockRows(n, k);
    reserveScratch(w, blockRows, k);
    for (Eigen::Index start = 0; start < n; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, n - start);
        const ConstColumns s{logits.data() + start, n, rows};
        const Columns g{grad ? grad->data() + start : nullptr, n, rows};
        blockLosses(loss, s, terms, options, values->data() + start, grad ? &g : nullptr, w);
    }
    return std::nullopt;
}

}  // namespace losslab
