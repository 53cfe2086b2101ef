#include "loss_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"
#include "numerics.hpp"
#include "small_transpose.hpp"

namespace losslab::detail {

namespace {

using numerics::ArrayMap;
using numerics::ConstArrayMap;

Columns scratchColumns(Eigen::ArrayXXd& a, Eigen::Index rows) {
    return {a.data(), a.rows(), rows};
}

// The target's shape and the scales of the options; base and bump are set by the caller.
LossTerms termsOf(Loss loss, Eigen::Index classes, const LossOptions& options, Vec base,
                  double bump, double gradFactor) {
    LossTerms t;
    t.loss = loss;
    t.classes = classes;
    t.base = std::move(base);
    t.bump = bump;
    t.invT = 1.0 / options.temperature;
    t.margin = options.margin;
    t.gamma = options.gamma;
    if (usesLogBase(loss)) t.scale /= lnOfBase(options.logBase);
    if (options.hingeDivideByK && usesOption(loss, kUsesDivideByK)) {
        t.scale /= static_cast<double>(classes);
    }
    t.gradScale = t.scale * gradFactor;
    return t;
}

// Σ q and Σ q log q over the positive entries of one row's target.
void addTargetSums(const Vec& q, LossTerms& t) {
    for (Eigen::Index i = 0; i < q.size(); ++i) {
        if (q[i] > 0) {
            t.sumQ += q[i];
            t.qLogQ += q[i] * std::log(q[i]);
        }
    }
}

// Row r's target entry of class i.
inline double targetOf(const LossTerms& t, Eigen::Index i, double label) {
    return t.base[i] + (label == static_cast<double>(i) ? t.bump : 0.0);
}

// One class i of softmaxColumns, in one pass over its rows: z = (s − max)/T (left in zi at
// least when KeepZ), e = exp(z) (exactly 0 below kExpUnderflow, exactly 1 at the max), and per row
// the pieces of the log-sum-exp (numerics.hpp): others += e below the max, ties += 1 at it. With
// TargetDot also dot += q_i·z_i where q_i > 0 (0·log p is 0, even at z = −∞). The arrays are
// distinct.
template <bool TargetDot, bool KeepZ>
void softmaxClass(const double* __restrict si, const double* __restrict rowMax,
                  const double* __restrict labels, double invT, double base, double bump,
                  double classIndex, Eigen::Index rows, double* __restrict zi,
                  double* __restrict ei, double* __restrict others, double* __restrict ties,
                  double* __restrict dot) {
#ifdef LOSSLAB_DOUBLE_LANES
    // By hand with libmvec's exp in the middle: one pass instead of one per step, and the last
    // rows (masked lanes) through the same exp as the others.
    using L = numerics::DoubleLanes;
    const auto step = [&](Eigen::Index r, auto tail) {
        constexpr bool kTail = decltype(tail)::value;
        const Eigen::Index n = rows - r;
        const auto load = [&](const double* p) {
            if constexpr (kTail)
                return L::loadFirst(p + r, n);
            else
                return L::load(p + r);
        };
        const auto store = [&](double* p, L::V v) {
            if constexpr (kTail)
                L::storeFirst(p + r, v, n);
            else
                L::store(p + r, v);
        };
        // The difference is taken before dividing by T so that neither overflows.
        const L::V z = L::mul(L::sub(load(si), load(rowMax)), L::all(invT));
        if constexpr (KeepZ) store(zi, z);
        const L::Mask top = L::equal(z, L::all(0.0));
        const L::V e = L::select(top, L::all(1.0), numerics::flushedExpLanes(z));
        store(ei, e);
        store(others, L::add(load(others), L::select(L::less(z, L::all(0.0)), e, L::all(0.0))));
        store(ties, L::add(load(ties), L::select(top, L::all(1.0), L::all(0.0))));
        if constexpr (TargetDot) {
            const L::V q = L::select(L::equal(load(labels), L::all(classIndex)),
                                     L::all(base + bump), L::all(base));
            const L::V term = L::select(L::less(L::all(0.0), q), L::mul(q, z), L::all(0.0));
            store(dot, L::add(load(dot), term));
        }
    };
    Eigen::Index r = 0;
    for (; r + L::kCount <= rows; r += L::kCount)
        step(r, std::false_type{});
    if (r < rows) step(r, std::true_type{});
#else
    for (Eigen::Index r = 0; r < rows; ++r)
        zi[r] = (si[r] - rowMax[r]) * invT;  // the difference first: neither overflows
    numerics::flushedExp(zi, rows, ei);
    for (Eigen::Index r = 0; r < rows; ++r) {
        const bool top = zi[r] == 0.0;
        const double e = top ? 1.0 : ei[r];
        ei[r] = e;
        others[r] += zi[r] < 0.0 ? e : 0.0;
        ties[r] += top ? 1.0 : 0.0;
        if constexpr (TargetDot) {
            const double q = base + (labels[r] == classIndex ? bump : 0.0);
            dot[r] += q > 0.0 ? q * zi[r] : 0.0;
        }
    }
#endif
}

// For a block: exp(z) with z = (s − max s)/T into w.expShifted, and per row others,
// logSum = LSE(z) and invDen = 1/Σ exp z (numerics.hpp). With KeepZ also z into w.shifted
// (the focal loss reads it), with TargetDot w.sumPerRow = Σ_i q_i z_i over the classes with
// q_i > 0 (the cross-entropy's value).
template <bool TargetDot, bool KeepZ>
void softmaxColumns(const ConstColumns& s, const LossTerms& t, const double* labels,
                    RowLossWorkspace& w) {
    const Eigen::Index rows = s.rows;
    double* rowMax = w.rowMax.data();
    std::copy(s.ptr(0), s.ptr(0) + rows, rowMax);
    for (Eigen::Index i = 1; i < t.classes; ++i) {
        const double* si = s.ptr(i);
        for (Eigen::Index r = 0; r < rows; ++r)
            rowMax[r] = si[r] > rowMax[r] ? si[r] : rowMax[r];
    }
    const Columns z = scratchColumns(w.shifted, rows);
    const Columns e = scratchColumns(w.expShifted, rows);
    double* others = w.others.data();
    double* ties = w.ties.data();
    double* dot = w.sumPerRow.data();
    std::fill(others, others + rows, 0.0);
    std::fill(ties, ties + rows, -1.0);  // the max itself is not one of the "others"
    if (TargetDot) std::fill(dot, dot + rows, 0.0);
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        softmaxClass<TargetDot, KeepZ>(s.ptr(i), rowMax, labels, t.invT, t.base[i], t.bump,
                                       static_cast<double>(i), rows, z.ptr(i), e.ptr(i), others,
                                       ties, dot);
    }
    numerics::finishShiftedLogSumExp(rows, others, ties, w.logSum.data(), w.invDen.data());
}

// Cross-entropy (kl = false) or KL: Σq·LSE(z) − Σ q_i z_i (+ Σ q log q), ∇ = (p − q)/T.
// softmaxColumns<true, …> has left Σ q_i z_i in w.sumPerRow.
void crossEntropyColumns(const LossTerms& t, Eigen::Index rows, const double* labels, bool kl,
                         RowLossWorkspace& w, double* value, const Columns* grad) {
    const double* logSum = w.logSum.data();
    const double* dot = w.sumPerRow.data();
    for (Eigen::Index r = 0; r < rows; ++r)
        value[r] = logSum[r] * t.sumQ - dot[r];
    if (kl) {
        for (Eigen::Index r = 0; r < rows; ++r)
            value[r] += t.qLogQ;
    }
    if (!grad) return;
    const Columns e = scratchColumns(w.expShifted, rows);
    const double gScale = t.invT * t.gradScale;
    double* pScale = w.scratch.data();
    for (Eigen::Index r = 0; r < rows; ++r)
        pScale[r] = w.invDen[r] * gScale;
    const double bump = t.bump * gScale;
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        const double shift = t.base[i] * gScale;
        const double classIndex = static_cast<double>(i);
        const double* ei = e.ptr(i);
        double* gi = grad->ptr(i);
        // The label's bump as a select: one vector pass instead of a scattered correction.
        for (Eigen::Index r = 0; r < rows; ++r)
            gi[r] = (ei[r] * pScale[r] - shift) - (labels[r] == classIndex ? bump : 0.0);
    }
}

// Σ (p_i − q_i)², ∇ = Jᵀd/T with d = 2(p − q), J = diag(p) − p pᵀ: p_j (d_j − p·d)/T.
void brierColumns(const LossTerms& t, Eigen::Index rows, const double* labels, RowLossWorkspace& w,
                  double* value, const Columns* grad) {
    const Columns e = scratchColumns(w.expShifted, rows);
    const double* invDen = w.invDen.data();
    double* pDotD = w.sumPerRow.data();
    std::fill(value, value + rows, 0.0);
    std::fill(pDotD, pDotD + rows, 0.0);
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        const double* ei = e.ptr(i);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double p = ei[r] * invDen[r];
            const double diff = p - targetOf(t, i, labels[r]);
            value[r] += diff * diff;
            pDotD[r] += p * 2.0 * diff;
        }
    }
    if (!grad) return;
    const double gScale = t.invT * t.gradScale;
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        const double* ej = e.ptr(j);
        double* gj = grad->ptr(j);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double p = ej[r] * invDen[r];
            gj[r] = p * (2.0 * (p - targetOf(t, j, labels[r])) - pDotD[r]) * gScale;
        }
    }
}

// One class i of focalColumns: its term added to value, ∂L/∂log p_i into dl (which holds
// 1 − p_i on entry) and added to sumDl. The arrays are distinct (restrict) and the target's
// pieces are values: GCC then vectorizes the loop, which it otherwise keeps scalar.
void focalClass(const double* __restrict zi, const double* __restrict ei,
                const double* __restrict logSum, const double* __restrict invDen,
                const double* __restrict weight, const double* __restrict labels, double base,
                double bump, double classIndex, double gamma, Eigen::Index rows,
                double* __restrict value, double* __restrict dl, double* __restrict sumDl) {
    for (Eigen::Index r = 0; r < rows; ++r) {
        const double q = base + (labels[r] == classIndex ? bump : 0.0);
        const double logP = zi[r] - logSum[r];
        const double p = ei[r] * invDen[r];
        const double complement = dl[r];
        // γ(1−p)^{γ−1} as γ·(1−p)^γ/(1−p); the term vanishes at p = 1 and for γ = 0.
        const bool curved = (gamma != 0.0) & (complement > 0.0);
        const double safe = curved ? complement : 1.0;
        const double curvature = curved ? gamma * (weight[r] / safe) * p * logP : 0.0;
        const bool counted = q > 0;
        value[r] -= counted ? q * weight[r] * logP : 0.0;
        dl[r] = counted ? -q * (weight[r] - curvature) : 0.0;
        sumDl[r] += dl[r];
    }
}

// −Σ q_i (1 − p_i)^γ log p_i, through ∂L/∂log p_i = −q_i[(1−p_i)^γ − γ(1−p_i)^{γ−1} p_i log p_i]
// and ∂log p_i/∂z_j = δ_ij − p_j.
void focalColumns(const LossTerms& t, Eigen::Index rows, const double* labels, RowLossWorkspace& w,
                  double* value, const Columns* grad) {
    const double gamma = t.gamma;
    const Columns z = scratchColumns(w.shifted, rows);
    const Columns e = scratchColumns(w.expShifted, rows);
    const Columns dl = scratchColumns(w.perClass, rows);
    const double* others = w.others.data();
    const double* invDen = w.invDen.data();
    const double* logSum = w.logSum.data();
    double* weight = w.scratch.data();
    double* sumDl = w.sumPerRow.data();
    std::fill(value, value + rows, 0.0);
    std::fill(sumDl, sumDl + rows, 0.0);
    const bool integerGamma = gamma == std::floor(gamma) && gamma <= 4.0;
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        double* dli = dl.ptr(i);
        if (!(t.base[i] > 0) && !(t.bump > 0)) {
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
            numerics::flushedExp(weight, rows, weight);
        } else if (gamma == 0.0) {
            weights.setOnes();
        } else {
            weights = oneMinusP;
            for (int power = 1; power < static_cast<int>(gamma); ++power)
                weights *= oneMinusP;
        }
        focalClass(zi, ei, logSum, invDen, weight, labels, t.base[i], t.bump,
                   static_cast<double>(i), gamma, rows, value, dli, sumDl);
    }
    if (!grad) return;
    const double gScale = t.invT * t.gradScale;
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        const double* dlj = dl.ptr(j);
        const double* ej = e.ptr(j);
        double* gj = grad->ptr(j);
        for (Eigen::Index r = 0; r < rows; ++r)
            gj[r] = (dlj[r] - ej[r] * invDen[r] * sumDl[r]) * gScale;
    }
}

// Each row's logit of its true class, s_y.
void gatherTrueLogits(const ConstColumns& s, const double* labels, double* out) {
    for (Eigen::Index r = 0; r < s.rows; ++r)
        out[r] = s.ptr(static_cast<Eigen::Index>(labels[r]))[r];
}

// One rival class j of hingeWWColumns: its terms added to value, its ∂ to sumAtY and g. The
// arrays are distinct (restrict) and the tests are bitwise: GCC then vectorizes the loop,
// where it otherwise keeps it scalar with a branch per row. Shared: every row's true class
// is another column (labels is not read).
template <bool Squared, bool Shared>
void hingeWWClass(const double* __restrict sj, const double* __restrict sy,
                  const double* __restrict labels, double classIndex, double delta, double gScale,
                  Eigen::Index rows, double* __restrict value, double* __restrict sumAtY,
                  double* __restrict g) {
    for (Eigen::Index r = 0; r < rows; ++r) {
        const double term = sj[r] - sy[r] + delta;
        bool rival = true;
        if constexpr (!Shared) rival = labels[r] != classIndex;
        const bool active = rival & (term > 0);
        value[r] += active ? (Squared ? term * term : term) : 0.0;
        const double d = active ? (Squared ? 2.0 * term : 1.0) : 0.0;
        sumAtY[r] += d;
        g[r] = d * gScale;
    }
}

// Σ_{j≠y} max(0, s_j − s_y + Δ) (squared: its square), ∇ = 1 (2·term) at each active j and
// minus their sum at y. A term is active when > 0 strictly: the kink stays sharp.
template <bool Squared>
void hingeWWColumns(const ConstColumns& s, const LossTerms& t, const double* labels,
                    RowLossWorkspace& w, double* value, const Columns* grad) {
    const Eigen::Index rows = s.rows;
    const double delta = t.margin;
    const bool shared = t.sharedClass >= 0;
    // One true class: its logits are a column of s; else each row's own, gathered.
    const double* sy = shared ? s.ptr(t.sharedClass) : w.gathered.data();
    if (!shared) gatherTrueLogits(s, labels, w.gathered.data());
    double* sumAtY = w.sumPerRow.data();
    std::fill(value, value + rows, 0.0);
    std::fill(sumAtY, sumAtY + rows, 0.0);
    const double gScale = t.gradScale;
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        if (j == t.sharedClass) continue;
        double* g = grad ? grad->ptr(j) : w.scratch.data();
        const double classIndex = static_cast<double>(j);
        if (shared) {
            hingeWWClass<Squared, true>(s.ptr(j), sy, labels, classIndex, delta, gScale, rows,
                                        value, sumAtY, g);
        } else {
            hingeWWClass<Squared, false>(s.ptr(j), sy, labels, classIndex, delta, gScale, rows,
                                         value, sumAtY, g);
        }
    }
    if (!grad) return;
    if (shared) {
        double* gy = grad->ptr(t.sharedClass);
        for (Eigen::Index r = 0; r < rows; ++r)
            gy[r] = -sumAtY[r] * gScale;
        return;
    }
    for (Eigen::Index r = 0; r < rows; ++r)
        grad->ptr(static_cast<Eigen::Index>(labels[r]))[r] = -sumAtY[r] * gScale;
}

// max(0, Δ − (s_y − max_{j≠y} s_j)), ∇ = +1 at the strongest rival (lowest index on ties),
// −1 at y, when active.
void hingeCSColumns(const ConstColumns& s, const LossTerms& t, const double* labels,
                    RowLossWorkspace& w, double* value, const Columns* grad) {
    const Eigen::Index rows = s.rows;
    double* best = w.rowMax.data();
    double* rival = w.scratch.data();  // the rival's index, as a double for vector selects
    std::fill(best, best + rows, 0.0);
    std::fill(rival, rival + rows, -1.0);
    for (Eigen::Index j = 0; j < t.classes; ++j) {
        const double* sj = s.ptr(j);
        const double classIndex = static_cast<double>(j);
        for (Eigen::Index r = 0; r < rows; ++r) {
            // Strictly stronger: the lowest index wins ties.
            const bool stronger = labels[r] != classIndex && (rival[r] < 0.0 || sj[r] > best[r]);
            best[r] = stronger ? sj[r] : best[r];
            rival[r] = stronger ? classIndex : rival[r];
        }
    }
    double* sy = w.gathered.data();
    gatherTrueLogits(s, labels, sy);
    for (Eigen::Index r = 0; r < rows; ++r) {
        const double v = t.margin - (sy[r] - best[r]);
        value[r] = v > 0 ? v : 0.0;
    }
    if (!grad) return;
    for (Eigen::Index j = 0; j < t.classes; ++j)
        std::fill(grad->ptr(j), grad->ptr(j) + rows, 0.0);
    for (Eigen::Index r = 0; r < rows; ++r) {
        if (!(value[r] > 0)) continue;
        grad->ptr(static_cast<Eigen::Index>(rival[r]))[r] = t.gradScale;
        grad->ptr(static_cast<Eigen::Index>(labels[r]))[r] = -t.gradScale;
    }
}

// Σ_i q_i·softplus(−s_i) + (1 − q_i)·softplus(s_i) = −Σ[q log σ(s) + (1−q) log σ(−s)],
// ∇ = σ(s) − q.
void ovaLogisticColumns(const ConstColumns& s, const LossTerms& t, const double* labels,
                        RowLossWorkspace& w, double* value, const Columns* grad) {
    const Eigen::Index rows = s.rows;
    const Columns expNegAbs = scratchColumns(w.expShifted, rows);
    const Columns tail = scratchColumns(w.perClass, rows);
    std::fill(value, value + rows, 0.0);
    for (Eigen::Index i = 0; i < t.classes; ++i) {
        const double* si = s.ptr(i);
        double* ei = expNegAbs.ptr(i);
        double* li = tail.ptr(i);
        for (Eigen::Index r = 0; r < rows; ++r)
            ei[r] = -std::abs(si[r]);
        numerics::flushedExp(ei, rows, ei);
        numerics::log1pOfNonNegative(ei, rows, li);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double q = targetOf(t, i, labels[r]);
            value[r] += q * numerics::softplusFromTail(-si[r], li[r]) +
                        (1.0 - q) * numerics::softplusFromTail(si[r], li[r]);
        }
        if (!grad) continue;
        double* g = grad->ptr(i);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double q = targetOf(t, i, labels[r]);
            g[r] = (numerics::sigmoidFromExpNegAbs(si[r], ei[r]) - q) * t.gradScale;
        }
    }
}

// Calls f(SmallTranspose<K>{}) for K in [2, kMaxSmallTranspose] and returns true, else false.
constexpr Eigen::Index kMaxSmallTranspose = 10;
template <int K, typename F>
bool withSmallTranspose(Eigen::Index classes, F&& f) {
    if constexpr (K > kMaxSmallTranspose) {
        return false;
    } else {
        if (classes == K) {
            f(SmallTranspose<K>{});
            return true;
        }
        return withSmallTranspose<K + 1>(classes, f);
    }
}

}  // namespace

LossTerms sharedTargetTerms(Loss loss, Eigen::Index classes, int trueClass, const Vec& target,
                            const LossOptions& options, double gradFactor) {
    LossTerms t = termsOf(loss, classes, options, target, 0.0, gradFactor);
    t.sharedClass = trueClass;
    addTargetSums(target, t);
    return t;
}

LossTerms labelTerms(Loss loss, Eigen::Index classes, const LossOptions& options,
                     double gradFactor) {
    const double offTarget = options.smoothing / static_cast<double>(classes);
    LossTerms t = termsOf(loss, classes, options, Vec::Constant(classes, offTarget),
                          1.0 - options.smoothing, gradFactor);
    // Every row's target is a permutation of the same smoothed one-hot vector.
    addTargetSums(makeTarget(static_cast<int>(classes), 0, options.smoothing), t);
    return t;
}

void reserveLossScratch(RowLossWorkspace& w, Eigen::Index blockRows, Eigen::Index classes) {
    // Eigen's resize keeps the allocation when the size is unchanged.
    for (Eigen::ArrayXXd* a : {&w.shifted, &w.expShifted, &w.perClass})
        a->resize(blockRows, classes);
    for (Eigen::ArrayXd* a : {&w.rowMax, &w.others, &w.ties, &w.logSum, &w.invDen, &w.sumPerRow,
                              &w.scratch, &w.gathered, &w.labels}) {
        a->resize(blockRows);
    }
}

void blockLosses(const LossTerms& t, const ConstColumns& s, const double* labels, double* values,
                 const Columns* grad, RowLossWorkspace& w) {
    const Eigen::Index rows = s.rows;
    switch (t.loss) {
        case Loss::CrossEntropy:
        case Loss::KL:
            softmaxColumns<true, false>(s, t, labels, w);
            crossEntropyColumns(t, rows, labels, t.loss == Loss::KL, w, values, grad);
            break;
        case Loss::Brier:
            softmaxColumns<false, false>(s, t, labels, w);
            brierColumns(t, rows, labels, w, values, grad);
            break;
        case Loss::Focal:
            softmaxColumns<false, true>(s, t, labels, w);
            focalColumns(t, rows, labels, w, values, grad);
            break;
        case Loss::HingeWW:
            hingeWWColumns<false>(s, t, labels, w, values, grad);
            break;
        case Loss::SquaredHinge:
            hingeWWColumns<true>(s, t, labels, w, values, grad);
            break;
        case Loss::HingeCS:
            hingeCSColumns(s, t, labels, w, values, grad);
            break;
        case Loss::OvaLogistic:
            ovaLogisticColumns(s, t, labels, w, values, grad);
            break;
    }
    // Only the squared hinge can exceed the double range for finite logits ((2e300)² is not
    // representable): it saturates at the largest double instead of becoming inf.
    constexpr double kLargest = std::numeric_limits<double>::max();
    for (Eigen::Index r = 0; r < rows; ++r)
        values[r] = (values[r] > kLargest ? kLargest : values[r]) * t.scale;
}

void rowMajorBlockLosses(const LossTerms& terms, const RowMatrix& logits, Eigen::Index start,
                         Eigen::Index count, const double* labels, double* values, RowMatrix* grad,
                         RowLossWorkspace& w) {
    const Eigen::Index k = logits.cols();
    const Eigen::Index blockRows = w.shifted.rows();
    w.logits.resize(blockRows, k);
    // Row-major to column-major (a transposing copy), and back for the gradient.
    const double* rows = logits.data() + start * k;
    const bool small = withSmallTranspose<2>(
        k, [&](auto transpose) { transpose.toColumns(rows, count, w.logits.data(), blockRows); });
    if (!small) w.logits.topRows(count) = logits.middleRows(start, count).array();
    const ConstColumns s{w.logits.data(), blockRows, count};
    if (!grad) {
        blockLosses(terms, s, labels, values, nullptr, w);
        return;
    }
    w.grad.resize(blockRows, k);
    const Columns g{w.grad.data(), blockRows, count};
    blockLosses(terms, s, labels, values, &g, w);
    double* gradRows = grad->data() + start * k;
    const bool smallGrad = withSmallTranspose<2>(
        k, [&](auto transpose) { transpose.toRows(w.grad.data(), blockRows, count, gradRows); });
    if (!smallGrad) grad->middleRows(start, count) = w.grad.topRows(count).matrix();
}

}  // namespace losslab::detail
