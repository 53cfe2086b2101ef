#include "losslab/losses.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <vector>

#include "losslab/targets.hpp"

namespace losslab {

std::string_view lossKey(Loss loss) {
    switch (loss) {
        case Loss::CrossEntropy:
            return "cross_entropy";
        case Loss::KL:
            return "kl";
        case Loss::Focal:
            return "focal";
        case Loss::Brier:
            return "brier";
        case Loss::HingeWW:
            return "hinge_ww";
        case Loss::HingeCS:
            return "hinge_cs";
        case Loss::SquaredHinge:
            return "squared_hinge";
        case Loss::OvaLogistic:
            return "ova_logistic";
    }
    return "";
}

std::string_view lossShortName(Loss loss) {
    switch (loss) {
        case Loss::CrossEntropy:
            return "CE";
        case Loss::KL:
            return "KL";
        case Loss::Focal:
            return "Focal";
        case Loss::Brier:
            return "Brier";
        case Loss::HingeWW:
            return "Hinge WW";
        case Loss::HingeCS:
            return "Hinge CS";
        case Loss::SquaredHinge:
            return "Sq. hinge";
        case Loss::OvaLogistic:
            return "OvA logistic";
    }
    return "";
}

std::string_view lossName(Loss loss) {
    switch (loss) {
        case Loss::CrossEntropy:
            return "Cross-entropy";
        case Loss::KL:
            return "KL divergence";
        case Loss::Focal:
            return "Focal";
        case Loss::Brier:
            return "Brier";
        case Loss::HingeWW:
            return "Hinge (Weston-Watkins)";
        case Loss::HingeCS:
            return "Hinge (Crammer-Singer)";
        case Loss::SquaredHinge:
            return "Squared hinge";
        case Loss::OvaLogistic:
            return "One-vs-all logistic";
    }
    return "";
}

std::string_view lossFormula(Loss loss) {
    switch (loss) {
        case Loss::CrossEntropy:
            return "L = -Σ q_i log p_i      ∇ = (p - q) / T";
        case Loss::KL:
            return "L = Σ q_i (log q_i - log p_i)      ∇ = (p - q) / T";
        case Loss::Focal:
            return "L = -Σ q_i (1 - p_i)^γ log p_i";
        case Loss::Brier:
            return "L = Σ (p_i - q_i)²      ∇ = Jᵀ·2(p - q) / T";
        case Loss::HingeWW:
            return "L = Σ_{j≠y} max(0, s_j - s_y + Δ)      (raw scores, no T, no ε)";
        case Loss::HingeCS:
            return "L = max(0, Δ - (s_y - max_{j≠y} s_j))      (raw scores)";
        case Loss::SquaredHinge:
            return "L = Σ_{j≠y} max(0, s_j - s_y + Δ)²      (raw scores)";
        case Loss::OvaLogistic:
            return "L = Σ_i -[q_i log σ(s_i) + (1 - q_i) log(1 - σ(s_i))]      ∇ = σ(s) - q";
    }
    return "";
}

std::optional<Loss> lossFromKey(std::string_view key) {
    for (Loss loss : kAllLosses) {
        if (lossKey(loss) == key) return loss;
    }
    return std::nullopt;
}

bool isHinge(Loss loss) {
    return loss == Loss::HingeWW || loss == Loss::HingeCS || loss == Loss::SquaredHinge;
}

bool usesLogBase(Loss loss) {
    return loss == Loss::CrossEntropy || loss == Loss::KL || loss == Loss::Focal ||
           loss == Loss::OvaLogistic;
}

bool usesTemperature(Loss loss) {
    return !isHinge(loss) && loss != Loss::OvaLogistic;
}

namespace {

// Scratch space reused across rows so the per-row kernels never allocate.
struct Workspace {
    explicit Workspace(Eigen::Index classes) : logp(classes), p(classes), q(classes) {}
    Vec logp, p, q;
};

// log p and p of z = s/T for one row, stable for any finite s.
// The max term of Σ exp is exactly 1, so log1p of the others keeps tiny losses exact.
void rowLogSoftmax(const double* s, Eigen::Index k, double invT, Workspace& w) {
    const Eigen::Index maxIndex = std::max_element(s, s + k) - s;
    const double sMax = s[maxIndex];
    double others = 0.0;
    for (Eigen::Index i = 0; i < k; ++i) {
        w.logp[i] = (s[i] - sMax) * invT;
        if (i != maxIndex) others += std::exp(w.logp[i]);
    }
    const double logSum = std::log1p(others);
    for (Eigen::Index i = 0; i < k; ++i) {
        w.logp[i] -= logSum;
        w.p[i] = std::exp(w.logp[i]);
    }
}

// Each kernel returns the loss of one row in natural units and, when g is non-null,
// writes ∂L/∂s. Scaling (log base, 1/N, divide-by-K) is applied by the caller.
double crossEntropyRow(const double* s, const double* q, Eigen::Index k, double invT, double* g,
                       Workspace& w, bool kl) {
    rowLogSoftmax(s, k, invT, w);
    double value = 0.0;
    for (Eigen::Index i = 0; i < k; ++i) {
        if (q[i] > 0) value += q[i] * ((kl ? std::log(q[i]) : 0.0) - w.logp[i]);
        if (g) g[i] = (w.p[i] - q[i]) * invT;
    }
    return value;
}

double focalRow(const double* s, const double* q, Eigen::Index k, double invT, double gamma,
                double* g, Workspace& w) {
    rowLogSoftmax(s, k, invT, w);
    double value = 0.0;
    double sumDl = 0.0;  // Σ_i ∂L/∂log p_i
    for (Eigen::Index i = 0; i < k; ++i) {
        const double oneMinusP = -std::expm1(w.logp[i]);  // 1 − p_i without cancellation
        const double weight = std::pow(oneMinusP, gamma);
        double dl = 0.0;
        if (q[i] > 0) {
            value -= q[i] * weight * w.logp[i];
            // d/dlog p of −q (1−p)^γ log p = −q[(1−p)^γ − γ(1−p)^{γ−1} p log p]; the second
            // term tends to 0 as p → 1 even when γ < 1.
            const double curvature =
                (gamma == 0.0 || oneMinusP <= 0.0)
                    ? 0.0
                    : gamma * std::pow(oneMinusP, gamma - 1.0) * w.p[i] * w.logp[i];
            dl = -q[i] * (weight - curvature);
        }
        w.q[i] = dl;
        sumDl += dl;
    }
    if (g) {
        // ∂log p_i/∂z_j = δ_ij − p_j, so ∂L/∂z_j = dl_j − p_j Σ_i dl_i.
        for (Eigen::Index j = 0; j < k; ++j)
            g[j] = (w.q[j] - w.p[j] * sumDl) * invT;
    }
    return value;
}

double brierRow(const double* s, const double* q, Eigen::Index k, double invT, double* g,
                Workspace& w) {
    rowLogSoftmax(s, k, invT, w);
    double value = 0.0;
    double pDotD = 0.0;
    for (Eigen::Index i = 0; i < k; ++i) {
        const double diff = w.p[i] - q[i];
        value += diff * diff;
        pDotD += w.p[i] * 2.0 * diff;
    }
    if (g) {
        // Jᵀd with J = diag(p) − p pᵀ: p_j (d_j − p·d).
        for (Eigen::Index j = 0; j < k; ++j) {
            g[j] = w.p[j] * (2.0 * (w.p[j] - q[j]) - pDotD) * invT;
        }
    }
    return value;
}

double hingeWWRow(const double* s, Eigen::Index k, int y, double delta, double* g, bool squared) {
    double value = 0.0;
    double sumAtY = 0.0;
    for (Eigen::Index j = 0; j < k; ++j) {
        if (g) g[j] = 0.0;
        if (j == y) continue;
        const double term = s[j] - s[y] + delta;
        if (term > 0) {
            value += squared ? term * term : term;
            const double d = squared ? 2.0 * term : 1.0;
            if (g) g[j] = d;
            sumAtY += d;
        }
    }
    if (g) g[y] = -sumAtY;
    return value;
}

double hingeCSRow(const double* s, Eigen::Index k, int y, double delta, double* g) {
    Eigen::Index rival = -1;
    for (Eigen::Index j = 0; j < k; ++j) {
        if (g) g[j] = 0.0;
        if (j != y && (rival < 0 || s[j] > s[rival])) rival = j;
    }
    const double value = delta - (s[y] - s[rival]);
    if (value <= 0) return 0.0;
    if (g) {
        g[rival] = 1.0;
        g[y] = -1.0;
    }
    return value;
}

double ovaLogisticRow(const double* s, const double* q, Eigen::Index k, double* g) {
    double value = 0.0;
    for (Eigen::Index i = 0; i < k; ++i) {
        value += binaryCrossEntropyWithLogit(s[i], q[i]);
        if (g) g[i] = sigmoid(s[i]) - q[i];
    }
    return value;
}

// Dispatches one row to its kernel; returns the value with every scale applied and
// scales the gradient the same way.
double rowLoss(Loss loss, const double* s, const double* q, Eigen::Index k, int y,
               const LossOptions& o, double* g, Workspace& w) {
    const double invT = 1.0 / o.temperature;
    double value = 0.0;
    switch (loss) {
        case Loss::CrossEntropy:
            value = crossEntropyRow(s, q, k, invT, g, w, false);
            break;
        case Loss::KL:
            value = crossEntropyRow(s, q, k, invT, g, w, true);
            break;
        case Loss::Focal:
            value = focalRow(s, q, k, invT, o.gamma, g, w);
            break;
        case Loss::Brier:
            value = brierRow(s, q, k, invT, g, w);
            break;
        case Loss::HingeWW:
            value = hingeWWRow(s, k, y, o.margin, g, false);
            break;
        case Loss::HingeCS:
            value = hingeCSRow(s, k, y, o.margin, g);
            break;
        case Loss::SquaredHinge:
            value = hingeWWRow(s, k, y, o.margin, g, true);
            break;
        case Loss::OvaLogistic:
            value = ovaLogisticRow(s, q, k, g);
            break;
    }
    // Only the squared hinge can exceed the double range for finite logits ((2e300)² is
    // not representable): it saturates at the largest double instead of becoming inf.
    value = std::min(value, std::numeric_limits<double>::max());
    double scale = 1.0;
    if (usesLogBase(loss)) scale /= lnOfBase(o.logBase);
    if (o.hingeDivideByK && (loss == Loss::HingeWW || loss == Loss::SquaredHinge)) {
        scale /= static_cast<double>(k);
    }
    if (scale != 1.0) {
        value *= scale;
        if (g) {
            for (Eigen::Index i = 0; i < k; ++i)
                g[i] *= scale;
        }
    }
    return value;
}

// Elements per block of the cross-entropy fast path: 16 K doubles (128 KiB) stay in L2.
constexpr Eigen::Index kBlockElements = 16384;

// log1p(x) for x ≥ 0, vectorized: log(u)·x/(u − 1) with u = 1 + x corrects the rounding
// of u (Goldberg's trick), and is x itself when u rounds to 1.
// Eigen's select() is not vectorized, so the logs are taken in a separate pass first.
void log1pInPlace(Eigen::ArrayXd& x, Eigen::ArrayXd& scratch) {
    scratch = (x + 1.0).log();
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double u = 1.0 + x[i];
        if (u != 1.0) x[i] = scratch[i] * x[i] / (u - 1.0);
    }
}

// Σ of a short contiguous row: Eigen vectorizes the reduction (the compiler may not reorder a
// floating-point sum by itself); for a handful of entries a plain loop has less overhead.
inline double contiguousSum(const double* x, Eigen::Index k) {
    if (k <= 4) {
        double sum = 0.0;
        for (Eigen::Index i = 0; i < k; ++i)
            sum += x[i];
        return sum;
    }
    return Eigen::Map<const Eigen::ArrayXd>(x, k).sum();
}

// Mean cross-entropy (or KL) of a batch with smoothed one-hot targets, vectorized over a
// block of rows at a time: one pass for the shifted logits, one flat exp, one vectorized
// log1p over the block's rows, one pass for the gradient.
double batchCrossEntropy(const RowMatrix& logits, const IntVec& labels, const LossOptions& o,
                         RowMatrix* grad, bool kl) {
    const Eigen::Index n = logits.rows();
    const Eigen::Index k = logits.cols();
    const double invT = 1.0 / o.temperature;
    const double eps = o.smoothing;
    const double offTarget = eps / static_cast<double>(k);
    const double onTarget = 1.0 - eps + offTarget;
    const double invN = 1.0 / static_cast<double>(n);
    const double lnb = lnOfBase(o.logBase);
    // Σ q log q is a constant of the targets; KL = CE − H(q).
    double targetNegEntropy = 0.0;
    if (kl) {
        if (onTarget > 0) targetNegEntropy += onTarget * std::log(onTarget);
        if (offTarget > 0) targetNegEntropy += (k - 1) * offTarget * std::log(offTarget);
    }

    const Eigen::Index blockRows = std::min(n, std::max<Eigen::Index>(1, kBlockElements / k));
    RowMatrix z(blockRows, k);         // shifted logits, then their exp
    Eigen::ArrayXd others(blockRows);  // Σ exp of each row's non-max entries
    Eigen::ArrayXd linear(blockRows);  // −Σ q_i z_i of each row
    Eigen::ArrayXd logSum(blockRows), scratch(blockRows);
    // Gradient = (p − q)/(T·N·ln b), with p = exp(z)/(1 + others).
    const double gradScale = invT * invN / lnb;
    double total = 0.0;
    for (Eigen::Index start = 0; start < n; start += blockRows) {
        const Eigen::Index rows = std::min(blockRows, n - start);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double* s = logits.row(start + r).data();
            double sMax = s[0];
            for (Eigen::Index i = 1; i < k; ++i)
                sMax = s[i] > sMax ? s[i] : sMax;
            double* zr = z.row(r).data();
            for (Eigen::Index i = 0; i < k; ++i)
                zr[i] = (s[i] - sMax) * invT;
            const double sumZ = contiguousSum(zr, k);
            linear[r] = -((onTarget - offTarget) * zr[labels[start + r]] + offTarget * sumZ);
        }
        Eigen::Map<Eigen::ArrayXd> flat(z.data(), rows * k);
        flat = flat.exp();
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double* e = z.row(r).data();
            others[r] = contiguousSum(e, k) - 1.0;
            if (others[r] < 1e-3) {
                // Confident row: Σ − 1 has cancelled most digits. The max entry's exp is
                // exactly 1, so sum the entries below 1 and count the other ties instead;
                // log1p then keeps a loss of 1e-48 from being rounded to 0.
                double below = 0.0;
                double ties = -1.0;
                for (Eigen::Index i = 0; i < k; ++i) {
                    if (e[i] < 1.0)
                        below += e[i];
                    else
                        ties += 1.0;
                }
                others[r] = below + ties;
            }
        }
        logSum = others.head(rows);
        log1pInPlace(logSum, scratch);
        total += (logSum + linear.head(rows)).sum();
        if (grad) {
            for (Eigen::Index r = 0; r < rows; ++r) {
                const double scale = gradScale / (1.0 + others[r]);
                const double shift = offTarget * gradScale;
                double* g = grad->row(start + r).data();
                const double* e = z.row(r).data();
                for (Eigen::Index i = 0; i < k; ++i)
                    g[i] = e[i] * scale - shift;
                g[labels[start + r]] -= (onTarget - offTarget) * gradScale;
            }
        }
    }
    return (total * invN + targetNegEntropy) / lnb;
}

}  // namespace

LossValue evaluateLoss(Loss loss, const Vec& s, int y, const Vec& q, const LossOptions& options) {
    assert(s.size() == q.size() && y >= 0 && y < s.size());
    LossValue out;
    out.grad.resize(s.size());
    Workspace w(s.size());
    out.value = rowLoss(loss, s.data(), q.data(), s.size(), y, options, out.grad.data(), w);
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
    if (loss == Loss::CrossEntropy || loss == Loss::KL) {
        return batchCrossEntropy(logits, labels, options, grad, loss == Loss::KL);
    }
    Workspace w(k);
    Vec q(k);
    const double offTarget = options.smoothing / static_cast<double>(k);
    const double invN = 1.0 / static_cast<double>(n);
    double total = 0.0;
    for (Eigen::Index r = 0; r < n; ++r) {
        const int y = labels[r];
        q.setConstant(offTarget);
        q[y] += 1.0 - options.smoothing;
        double* g = grad ? grad->row(r).data() : nullptr;
        total += rowLoss(loss, logits.row(r).data(), q.data(), k, y, options, g, w);
    }
    if (grad) *grad *= invN;
    return total * invN;
}

Vec perSampleLoss(Loss loss, const RowMatrix& logits, const IntVec& labels,
                  const LossOptions& options) {
    const Eigen::Index n = logits.rows();
    const Eigen::Index k = logits.cols();
    Workspace w(k);
    Vec q(k);
    Vec out(n);
    const double offTarget = options.smoothing / static_cast<double>(k);
    for (Eigen::Index r = 0; r < n; ++r) {
        q.setConstant(offTarget);
        q[labels[r]] += 1.0 - options.smoothing;
        out[r] = rowLoss(loss, logits.row(r).data(), q.data(), k, labels[r], options, nullptr, w);
    }
    return out;
}

}  // namespace losslab
