#include "losslab/backprop.hpp"

#include <cmath>
#include <sstream>

#include "losslab/row_losses.hpp"
#include "losslab/softmax.hpp"
#include "losslab/targets.hpp"

namespace losslab {

namespace {

std::optional<std::string> checkSample(const BackpropSample& b) {
    if (!backpropSupports(b.features)) {
        return "features: " + std::string(featureKey(b.features)) + " is not supported here: its " +
               std::to_string(featureDimension(b.features)) + " features make a graph nobody reads";
    }
    if (!b.x.allFinite()) return std::string("x: must be two finite numbers");
    const Eigen::Index classes = b.weights.rows();
    const int dimension = featureDimension(b.features);
    if (classes < 2) {
        return "W: needs at least 2 rows (one per class), has " + std::to_string(classes);
    }
    if (b.weights.cols() != dimension) {
        return "W: rows have " + std::to_string(b.weights.cols()) + " entries but " +
               std::string(featureKey(b.features)) +
               " features have D = " + std::to_string(dimension) + " (W is K x D)";
    }
    if (!b.weights.allFinite()) return std::string("W: must be finite numbers");
    if (b.bias.size() != classes) {
        return "b: has " + std::to_string(b.bias.size()) +
               " entries but W has K = " + std::to_string(classes) + " rows";
    }
    if (!b.bias.allFinite()) return std::string("b: must be finite numbers");
    if (b.target < 0 || b.target >= classes) {
        return "target: class " + std::to_string(b.target) +
               " is out of range for K = " + std::to_string(classes) + " (0.." +
               std::to_string(classes - 1) + ")";
    }
    // The options' rules live with the batched losses; the target there is any valid one.
    const Vec uniform = Vec::Constant(classes, 1.0 / static_cast<double>(classes));
    return checkRowLossArguments(classes, b.target, uniform, b.options);
}

// ∂L/∂p of the losses that are functions of p (see backprop.hpp), in the units of the loss.
Vec lossGradientInP(Loss loss, const Vec& p, const Vec& logP, const Vec& q,
                    const LossOptions& options) {
    const Eigen::Index k = p.size();
    Vec grad = Vec::Zero(k);
    if (loss == Loss::Brier) return 2.0 * (p - q);
    for (Eigen::Index i = 0; i < k; ++i) {
        if (q[i] == 0) continue;  // the term q_i·(…) is 0 whatever p_i is
        if (loss == Loss::Focal) {
            const double oneMinusP = -std::expm1(logP[i]);
            const double gamma = options.gamma;
            // γ(1 − p)^(γ−1)·log p → 0 as p → 1, even for γ < 1.
            const double curvature = (gamma == 0.0 || oneMinusP <= 0.0)
                                         ? 0.0
                                         : gamma * std::pow(oneMinusP, gamma - 1.0) * logP[i];
            grad[i] = -q[i] * (std::pow(oneMinusP, gamma) / p[i] - curvature);
        } else {  // cross-entropy and KL (whose Σ q log q does not depend on p)
            grad[i] = -q[i] / p[i];
        }
    }
    return grad / lnOfBase(options.logBase);
}

bool resultIsFinite(const Backprop& r) {
    // ∂L/∂p, ∂L/∂e and ∂L/∂Σ may be infinite by design (backprop.hpp); the rest may not.
    return std::isfinite(r.loss) && r.z.allFinite() && std::isfinite(r.expSum) &&
           r.gradS.allFinite() && r.gradW.allFinite() && r.gradB.allFinite() &&
           r.gradPhi.allFinite() && r.gradX.allFinite() && r.gradZ.allFinite();
}

}  // namespace

bool backpropSupports(FeatureMap map) {
    return map != FeatureMap::Rbf;
}

std::optional<std::string> runBackprop(const BackpropSample& sample, Backprop* out) {
    if (auto error = checkSample(sample)) return error;
    const int classes = static_cast<int>(sample.weights.rows());
    const LossOptions& options = sample.options;
    const double temperature = options.temperature;
    Backprop r;

    // Forward.
    r.phi = featuresOf(sample.features, sample.x);
    if (!r.phi.allFinite()) {
        return "x: the " + std::string(featureKey(sample.features)) +
               " features overflow (coordinates too large)";
    }
    r.s = sample.weights * r.phi + sample.bias;
    if (!r.s.allFinite()) return std::string("overflow: the scores W φ + b are not finite");
    r.z = r.s / temperature;
    const double maxZ = r.z.maxCoeff();
    r.expShift = std::abs(maxZ) > kExpShiftLimit ? maxZ : 0.0;
    r.expZ = (r.z.array() - r.expShift).exp().matrix();
    r.expSum = r.expZ.sum();
    r.p = softmax(r.s, temperature);
    r.q = makeTarget(classes, sample.target, options.smoothing);
    const LossValue loss = evaluateLoss(sample.loss, r.s, sample.target, r.q, options);
    r.loss = loss.value;

    // Backward: ∂L/∂s from the loss itself, then the chain rule both ways.
    r.gradS = loss.grad;
    r.gradW = r.gradS * r.phi.transpose();
    r.gradB = r.gradS;
    r.gradPhi = sample.weights.transpose() * r.gradS;
    r.gradX = featureJacobian(sample.features, sample.x).transpose() * r.gradPhi;
    r.throughSoftmax = usesTemperature(sample.loss);
    if (r.throughSoftmax) {
        r.gradZ = temperature * r.gradS;
        r.gradP = lossGradientInP(sample.loss, r.p, logSoftmax(r.s, temperature), r.q, options);
        double gradDotP = 0.0;
        for (int i = 0; i < classes; ++i) {
            if (r.p[i] > 0) gradDotP += r.gradP[i] * r.p[i];
        }
        r.gradSum = -gradDotP / r.expSum;
        r.gradExp = ((r.gradP / r.expSum).array() + r.gradSum).matrix();
    }
    if (isHinge(sample.loss)) {
        // Active margins are where the loss's gradient is non-zero off the true class: the
        // loss decides (strictly > 0, hinge_cs's one rival), not a second copy of its rule.
        for (int j = 0; j < classes; ++j) {
            if (j != sample.target && r.gradS[j] != 0) r.activeMargins.push_back(j);
        }
    }
    if (!resultIsFinite(r)) {
        return std::string(
            "overflow: the loss or a gradient is not finite for these numbers (T too small, or "
            "x, W or b too large?)");
    }
    *out = std::move(r);
    return std::nullopt;
}

namespace {

RowMatrix asRow(const Vec& v) {
    return v.transpose();
}

RowMatrix asNumber(double x) {
    RowMatrix m(1, 1);
    m(0, 0) = x;
    return m;
}

std::string joined(const std::vector<int>& values) {
    std::string out;
    for (int v : values) {
        if (!out.empty()) out += ", ";
        out += std::to_string(v);
    }
    return out;
}

// Lecture 001's reading of ∂L/∂W for the hinge losses.
std::string hingeNote(const BackpropSample& sample, const Backprop& r) {
    const int y = sample.target;
    const std::string rows = joined(r.activeMargins);
    const std::size_t active = r.activeMargins.size();
    if (active == 0) {
        return "No margin is active: s_y beats every other score by Δ, the loss is 0 and no "
               "gradient flows back.";
    }
    std::ostringstream note;
    switch (sample.loss) {
        case Loss::HingeWW:
            note << "Active margins (s_j − s_y + Δ > 0): j = " << rows << ". Row j of ∂L/∂W is φ "
                 << "for each, row y = " << y << " is −" << active << "·φ";
            if (sample.options.hingeDivideByK) note << " (all divided by K)";
            note << ".";
            break;
        case Loss::SquaredHinge:
            note << "Active margins (s_j − s_y + Δ > 0): j = " << rows << ". Row j of ∂L/∂W is "
                 << "2·(s_j − s_y + Δ)·φ, row y = " << y << " minus their sum";
            if (sample.options.hingeDivideByK) note << " (all divided by K)";
            note << ".";
            break;
        default:  // hinge_cs
            note << "The strongest rival j = " << rows << " is within Δ of y = " << y
                 << ": row j of ∂L/∂W is φ, row y is −φ.";
            break;
    }
    return note.str();
}

}  // namespace

std::vector<GraphNode> backpropGraph(const BackpropSample& sample, const Backprop& r) {
    const bool soft = r.throughSoftmax;
    const RowMatrix none;
    const std::string offPath =
        isHinge(sample.loss)
            ? "The hinge losses work on the raw scores s: nothing flows back through here."
            : "ova_logistic takes σ(s_i) of each raw score: nothing flows back through here.";
    std::vector<GraphNode> nodes;
    nodes.push_back({"x", "x", asRow(sample.x), asRow(r.gradX),
                     "∂L/∂x = Jᵀ ∂L/∂φ, J = ∂φ/∂x of the " +
                         std::string(featureKey(sample.features)) + " features."});
    nodes.push_back({"phi", "φ(x)", asRow(r.phi), asRow(r.gradPhi), "∂L/∂φ = Wᵀ ∂L/∂s."});
    nodes.push_back({"W", "W", sample.weights, r.gradW,
                     isHinge(sample.loss) ? hingeNote(sample, r)
                                          : std::string("∂L/∂W = (∂L/∂s) φᵀ: row k is φ "
                                                        "scaled by ∂L/∂s_k.")});
    nodes.push_back({"b", "b", asRow(sample.bias), asRow(r.gradB), "∂L/∂b = ∂L/∂s."});
    nodes.push_back(
        {"s", "s = W φ + b", asRow(r.s), asRow(r.gradS),
         "∂L/∂s is the loss's own gradient (" + std::string(lossKey(sample.loss)) + ")."});
    nodes.push_back({"z", "z = s / T", asRow(r.z), soft ? asRow(r.gradZ) : none,
                     soft ? std::string("∂L/∂s = (∂L/∂z) / T.") : offPath});
    std::string expNote = soft ? "∂L/∂z_i = e_i · ∂L/∂e_i." : offPath;
    if (r.expShift != 0) {
        std::ostringstream shift;
        shift.precision(6);
        shift << "Shown shifted by c = max z = " << r.expShift
              << " (exp(max z) is outside the double range); p does not change. ";
        expNote = shift.str() + expNote;
    }
    nodes.push_back({"exp", r.expShift != 0 ? "e = exp(z − c)" : "e = exp(z)", asRow(r.expZ),
                     soft ? asRow(r.gradExp) : none, expNote});
    nodes.push_back({"sum", "Σ = Σ_i e_i", asNumber(r.expSum), soft ? asNumber(r.gradSum) : none,
                     soft ? std::string("Σ feeds every p_i = e_i / Σ.") : offPath});
    nodes.push_back(
        {"p", "p = e / Σ", asRow(r.p), soft ? asRow(r.gradP) : none,
         soft ? std::string("∂L/∂p of the loss written as a function of p.") : offPath});
    nodes.push_back({"loss", "L = " + std::string(lossKey(sample.loss)), asNumber(r.loss),
                     asNumber(1.0), "∂L/∂L = 1 starts the backward pass."});
    return nodes;
}

std::vector<CircuitNode> addMultiplyCircuit(double x, double y, double z) {
    const double q = x + y;
    const double f = q * z;
    const double gradF = 1.0;
    const double gradQ = z * gradF;  // multiply gate: the other input's value
    const double gradZ = q * gradF;
    const double gradX = gradQ;  // add gate: passes its gradient on
    const double gradY = gradQ;
    return {{"x", "x", x, gradX},
            {"y", "y", y, gradY},
            {"z", "z", z, gradZ},
            {"q", "q = x + y", q, gradQ},
            {"f", "f = q · z", f, gradF}};
}

std::vector<CircuitNode> sigmoidNeuronCircuit(double w0, double w1, double w2, double x0,
                                              double x1) {
    // Forward, gate by gate.
    const double w0x0 = w0 * x0;
    const double w1x1 = w1 * x1;
    const double dot = w0x0 + w1x1 + w2;
    const double neg = -dot;
    const double e = std::exp(neg);
    const double denominator = 1.0 + e;
    const double f = 1.0 / denominator;
    // Backward, each gate's local gradient times the gradient arriving from above.
    const double gradF = 1.0;
    const double gradDenominator = -1.0 / (denominator * denominator) * gradF;  // 1/u
    const double gradExp = gradDenominator;                                     // 1 + u
    const double gradNeg = e * gradExp;                                         // exp(u)
    const double gradDot = -gradNeg;                                            // −u
    const double gradW0x0 = gradDot;                                            // add gate
    const double gradW1x1 = gradDot;
    const double gradW2 = gradDot;
    return {{"w0", "w0", w0, x0 * gradW0x0},
            {"x0", "x0", x0, w0 * gradW0x0},
            {"w1", "w1", w1, x1 * gradW1x1},
            {"x1", "x1", x1, w1 * gradW1x1},
            {"w2", "w2", w2, gradW2},
            {"w0x0", "w0 · x0", w0x0, gradW0x0},
            {"w1x1", "w1 · x1", w1x1, gradW1x1},
            {"dot", "dot = w0·x0 + w1·x1 + w2", dot, gradDot},
            {"neg", "−dot", neg, gradNeg},
            {"exp", "exp(−dot)", e, gradExp},
            {"denominator", "1 + exp(−dot)", denominator, gradDenominator},
            {"f", "f = 1 / (1 + exp(−dot))", f, gradF}};
}

}  // namespace losslab
