#pragma once
// Backpropagation through the linear classifier for one sample (lecture 001), as a graph that
// a panel reveals one node at a time and `losslab backprop` prints:
//
//   x → φ(x) → s = W φ + b → z = s / T → e = exp(z − c) → Σ = Σ_i e_i → p = e / Σ → L
//                 ↑ W, b
//
// Forward: every node's value. Backward: the gradient of the loss of this one sample arriving
// at every node. ∂L/∂s is the loss's own gradient (losses.hpp, never re-derived here); the rest
// follows by the chain rule:
//   ∂L/∂W = (∂L/∂s) φᵀ,   ∂L/∂b = ∂L/∂s,   ∂L/∂φ = Wᵀ ∂L/∂s,   ∂L/∂x = Jᵀ ∂L/∂φ
// with J = ∂φ/∂x (features.hpp), and towards the softmax
//   ∂L/∂z = T·∂L/∂s,   ∂L/∂Σ = −(∂L/∂p · p)/Σ,   ∂L/∂e_i = (∂L/∂p)_i/Σ + ∂L/∂Σ,
// where ∂L/∂p is that of the loss written as a function of p:
//   cross_entropy, kl: −q_i/p_i (0 where q_i = 0);   brier: 2(p − q);
//   focal: −q_i[(1 − p_i)^γ/p_i − γ(1 − p_i)^(γ−1) log p_i]   (the log-based ones / ln b).
// Only those four losses are functions of p. The hinge losses take the raw scores s, and
// ova_logistic σ(s_i) of each raw score: for them z, e, Σ and p are shown but carry no
// gradient. A probability that underflows to 0 while its target is not 0 (a loss of hundreds of
// nats) makes ∂L/∂p, ∂L/∂e and ∂L/∂Σ infinite, which they then are; ∂L/∂z and everything
// below it always stay finite.
//
// The exp node shows exp(z − c) with c = 0, as the lectures write e^{s_i}, unless exp(max z)
// would overflow or underflow (|max z| > kExpShiftLimit); then c = max z, which changes neither
// p nor anything after it (softmax is shift invariant) and is said in the node's note.
//
// Hinge losses, lecture 001's rule: a margin term max(0, s_j − s_y + Δ) is active when it is
// > 0; hinge_ww gives row j of ∂L/∂W a +φ for each active j and row y −(#active)·φ.
#include <optional>
#include <string>
#include <vector>

#include "losslab/features.hpp"
#include "losslab/losses.hpp"
#include "losslab/types.hpp"

namespace losslab {

inline constexpr double kExpShiftLimit = 700.0;  // exp(±700) is within the double range
// Rows of W a sample may have (a bound for typed matrices, far above any class count in use).
inline constexpr Eigen::Index kMaxBackpropClasses = 1000;

// The feature maps a sample may use: all but rbf, whose 25 bumps make a graph nobody reads.
bool backpropSupports(FeatureMap map);

// One sample of the linear classifier, as `losslab backprop --help` describes it.
struct BackpropSample {
    Eigen::Vector2d x = Eigen::Vector2d::Zero();
    FeatureMap features = FeatureMap::Linear;  // linear, poly2 or poly3
    RowMatrix weights;                         // W, K x D (D of the features)
    Vec bias;                                  // b, K
    int target = 0;                            // y, in 0..K−1
    Loss loss = Loss::CrossEntropy;
    LossOptions options;  // T, ε, Δ, γ, log base (and the hinge's divide-by-K switch)
};

// Everything the graph shows. Gradients are those of the loss of this sample.
struct Backprop {
    // Forward.
    Vec phi;                // φ(x), D
    Vec s;                  // W φ + b, K
    Vec z;                  // s / T
    double expShift = 0.0;  // c
    Vec expZ;               // e = exp(z − c)
    double expSum = 0.0;    // Σ e
    Vec p;                  // softmax(z)
    Vec q;                  // the target: one-hot e_y smoothed by ε (targets.hpp)
    double loss = 0.0;

    // Backward.
    bool throughSoftmax = false;  // the loss is a function of p (usesTemperature in losses.hpp)
    Vec gradP;                    // ∂L/∂p; empty unless throughSoftmax
    Vec gradExp;                  // ∂L/∂e; empty unless throughSoftmax
    double gradSum = 0.0;         // ∂L/∂Σ; 0 unless throughSoftmax
    Vec gradZ;                    // ∂L/∂z; empty unless throughSoftmax
    Vec gradS;                    // ∂L/∂s
    RowMatrix gradW;              // ∂L/∂W, K x D
    Vec gradB;                    // ∂L/∂b
    Vec gradPhi;                  // ∂L/∂φ
    Vec gradX;                    // ∂L/∂x, 2
    // Hinge losses: the classes j ≠ y whose margin term is active (for hinge_cs at most the
    // strongest rival), ascending; empty for the other losses.
    std::vector<int> activeMargins;
};

// Checks a sample and computes the graph. Errors (out untouched) start with the field they are
// about: "x: ", "W: ", "b: ", "target: ", "features: " (see backpropSupports), an option
// ("temperature: must be …"), or "overflow: " when a value or gradient is not finite although
// the input is.
std::optional<std::string> runBackprop(const BackpropSample& sample, Backprop* out);

// One node of the graph: its forward value and the gradient arriving at it.
struct GraphNode {
    std::string key;      // "x", "phi", "W", "b", "s", "z", "exp", "sum", "p", "loss"
    std::string formula;  // for people: "s = W φ + b"
    RowMatrix value;      // a vector as 1 x n, W as K x D, a number as 1 x 1
    RowMatrix gradient;  // ∂L/∂(node), the value's shape; 0 x 0 where the loss does not reach it
    std::string note;    // what to notice: the active margins, the exp shift, an unused node
};

// The nodes in forward order (x, phi, W, b, s, z, exp, sum, p, loss); the backward pass visits
// them in reverse. `result` must come from runBackprop(sample, …).
std::vector<GraphNode> backpropGraph(const BackpropSample& sample, const Backprop& result);

// Lecture 001's toy circuits: scalar gates, each node with its forward value and ∂f/∂node.
struct CircuitNode {
    std::string key;      // "x", "q", "f", …
    std::string formula;  // "q = x + y"
    double value = 0.0;
    double gradient = 0.0;
};

// f = (x + y)·z: nodes x, y, z, q = x + y, f = q·z (forward order). An add gate hands its
// gradient to both inputs; a multiply gate gives each input the other's value times it.
std::vector<CircuitNode> addMultiplyCircuit(double x, double y, double z);

// The sigmoid neuron f = σ(w0·x0 + w1·x1 + w2) = 1 / (1 + exp(−(w0·x0 + w1·x1 + w2))), one gate a
// node as the lecture draws it: w0, x0, w1, x1, w2, w0x0 = w0·x0, w1x1 = w1·x1,
// dot = w0x0 + w1x1 + w2, neg = −dot, exp = exp(neg), denominator = 1 + exp, f = 1/denominator.
// ∂f/∂dot equals σ(dot)(1 − σ(dot)), the shortcut the lecture points out.
std::vector<CircuitNode> sigmoidNeuronCircuit(double w0, double w1, double w2, double x0,
                                              double x1);

}  // namespace losslab
