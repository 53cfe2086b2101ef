#pragma once
// The eight losses of docs/math.md: value and gradient with respect to the raw logits s,
// for one sample and for a batch (mean over rows).
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "losslab/softmax.hpp"
#include "losslab/types.hpp"

namespace losslab {

enum class Loss { CrossEntropy, KL, Focal, Brier, HingeWW, HingeCS, SquaredHinge, OvaLogistic };
inline constexpr int kLossCount = 8;
inline constexpr std::array<Loss, kLossCount> kAllLosses = {
    Loss::CrossEntropy, Loss::KL,      Loss::Focal,        Loss::Brier,
    Loss::HingeWW,      Loss::HingeCS, Loss::SquaredHinge, Loss::OvaLogistic};

std::string_view lossKey(Loss loss);   // "cross_entropy", as in docs/math.md and the CLI
std::string_view lossName(Loss loss);  // "Cross-entropy", for people
// "CE": the abbreviation lectures use, where the full name does not fit (a narrow column).
std::string_view lossShortName(Loss loss);
std::string_view lossFormula(Loss loss);  // one line of plain-text math for tooltips
std::optional<Loss> lossFromKey(std::string_view key);
bool isHinge(Loss loss);      // ignores T and ε, works on raw scores
bool usesLogBase(Loss loss);  // value and gradient are divided by ln b
bool usesTemperature(Loss loss);

struct LossOptions {
    double temperature = 1.0;  // T > 0, z = s / T
    double smoothing = 0.0;    // ε ∈ [0, 1]
    double margin = 1.0;       // Δ > 0 (hinge losses)
    double gamma = 2.0;        // γ ≥ 0 (focal)
    LogBase logBase = LogBase::E;
    bool hingeDivideByK = false;  // PyTorch MultiMarginLoss convention for hinge_ww / squared_hinge
};

struct LossValue {
    double value = 0.0;
    Vec grad;  // ∂L/∂s, same length as s
};

// One sample. q is the target distribution already smoothed (see targets.hpp);
// y is the true class, used by the hinge losses (and by nothing else).
LossValue evaluateLoss(Loss loss, const Vec& s, int y, const Vec& q, const LossOptions& options);
// Convenience: target = smoothed one-hot e_y with options.smoothing.
LossValue evaluateLoss(Loss loss, const Vec& s, int y, const LossOptions& options);
// Every loss of one sample, in the order of kAllLosses (the losses table).
std::vector<LossValue> evaluateAllLosses(const Vec& s, int y, const Vec& q,
                                         const LossOptions& options);

// A batch of N samples (rows of `logits`, N x K) with integer labels; targets are the
// one-hot labels smoothed by options.smoothing. Returns the mean loss over rows; when
// `grad` is non-null it receives ∂(mean loss)/∂logits (N x K, resized if needed).
// Vectorized over the whole block; allocates nothing per row.
double batchLoss(Loss loss, const RowMatrix& logits, const IntVec& labels,
                 const LossOptions& options, RowMatrix* grad);

// Per-sample losses of a batch (length N), for hover read-outs and calibration.
Vec perSampleLoss(Loss loss, const RowMatrix& logits, const IntVec& labels,
                  const LossOptions& options);

}  // namespace losslab
