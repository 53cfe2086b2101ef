#pragma once
// The eight losses of docs/math.md: value and gradient with respect to the raw logits s,
// for one sample and for a batch (mean over rows).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/softmax.hpp"
#include "losslab/types.hpp"

namespace losslab {

enum class Loss { CrossEntropy, KL, Focal, Brier, HingeWW, HingeCS, SquaredHinge, OvaLogistic };

// Which options of LossOptions a loss reads; the others leave its value unchanged.
enum LossOption : unsigned {
    kUsesTemperature = 1u << 0,  // T: works on z = s / T
    kUsesSmoothing = 1u << 1,    // ε: reads the (smoothed) target q
    kUsesMargin = 1u << 2,       // Δ
    kUsesGamma = 1u << 3,        // γ
    kUsesLogBase = 1u << 4,      // value and gradient are divided by ln b
    kUsesDivideByK = 1u << 5,    // hingeDivideByK: PyTorch's MultiMarginLoss convention
};

// The table of the losses: everything a caller may ask about a loss, in one place.
struct LossInfo {
    Loss loss;
    std::string_view key;        // "cross_entropy", as in docs/math.md and the CLI
    std::string_view name;       // "Cross-entropy", for people
    std::string_view shortName;  // "CE": the lectures' abbreviation, for narrow columns
    std::string_view formula;    // one line of plain-text math for tooltips
    unsigned options;            // LossOption bits
    bool hinge;                  // works on raw scores (no softmax)
};

inline constexpr unsigned kSoftmaxOptions = kUsesTemperature | kUsesSmoothing | kUsesLogBase;
inline constexpr unsigned kHingeOptions = kUsesMargin;

inline constexpr std::array<LossInfo, 8> kLossTable = {{
    {Loss::CrossEntropy, "cross_entropy", "Cross-entropy", "CE",
     "L = -Σ q_i log p_i      ∇ = (p - q) / T", kSoftmaxOptions, false},
    {Loss::KL, "kl", "KL divergence", "KL", "L = Σ q_i (log q_i - log p_i)      ∇ = (p - q) / T",
     kSoftmaxOptions, false},
    {Loss::Focal, "focal", "Focal", "Focal", "L = -Σ q_i (1 - p_i)^γ log p_i",
     kSoftmaxOptions | kUsesGamma, false},
    {Loss::Brier, "brier", "Brier", "Brier", "L = Σ (p_i - q_i)²      ∇ = Jᵀ·2(p - q) / T",
     kUsesTemperature | kUsesSmoothing, false},
    {Loss::HingeWW, "hinge_ww", "Hinge (Weston-Watkins)", "Hinge WW",
     "L = Σ_{j≠y} max(0, s_j - s_y + Δ)      (raw scores, no T, no ε)",
     kHingeOptions | kUsesDivideByK, true},
    {Loss::HingeCS, "hinge_cs", "Hinge (Crammer-Singer)", "Hinge CS",
     "L = max(0, Δ - (s_y - max_{j≠y} s_j))      (raw scores)", kHingeOptions, true},
    {Loss::SquaredHinge, "squared_hinge", "Squared hinge", "Sq. hinge",
     "L = Σ_{j≠y} max(0, s_j - s_y + Δ)²      (raw scores)", kHingeOptions | kUsesDivideByK, true},
    {Loss::OvaLogistic, "ova_logistic", "One-vs-all logistic", "OvA logistic",
     "L = Σ_i -[q_i log σ(s_i) + (1 - q_i) log(1 - σ(s_i))]      ∇ = σ(s) - q",
     kUsesSmoothing | kUsesLogBase, false},
}};
inline constexpr int kLossCount = static_cast<int>(kLossTable.size());

namespace detail {
constexpr std::array<Loss, kLossCount> lossesOfTable() {
    std::array<Loss, kLossCount> losses{};
    for (int i = 0; i < kLossCount; ++i)
        losses[i] = kLossTable[i].loss;
    return losses;
}
}  // namespace detail
// Every loss, in the order of the table (and of docs/math.md).
inline constexpr std::array<Loss, kLossCount> kAllLosses = detail::lossesOfTable();

const LossInfo& lossInfo(Loss loss);
inline std::string_view lossKey(Loss loss) {
    return lossInfo(loss).key;
}
inline std::string_view lossName(Loss loss) {
    return lossInfo(loss).name;
}
inline std::string_view lossShortName(Loss loss) {
    return lossInfo(loss).shortName;
}
inline std::string_view lossFormula(Loss loss) {
    return lossInfo(loss).formula;
}
std::optional<Loss> lossFromKey(std::string_view key);
inline bool isHinge(Loss loss) {
    return lossInfo(loss).hinge;
}  // ignores T and ε
inline bool usesOption(Loss loss, LossOption option) {
    return (lossInfo(loss).options & option) != 0;
}
inline bool usesLogBase(Loss loss) {
    return usesOption(loss, kUsesLogBase);
}
inline bool usesTemperature(Loss loss) {
    return usesOption(loss, kUsesTemperature);
}

struct LossOptions {
    double temperature = 1.0;  // T > 0, z = s / T
    double smoothing = 0.0;    // ε ∈ [0, 1]
    double margin = 1.0;       // Δ > 0 (hinge losses)
    double gamma = 2.0;        // γ ≥ 0 (focal)
    LogBase logBase = LogBase::E;
    bool hingeDivideByK = false;  // PyTorch MultiMarginLoss convention for hinge_ww / squared_hinge
};

// What is wrong with one option: its field ("temperature") and the rule it breaks ("must be
// a finite number > 0"). Each caller names the field its own way ("--temperature" on the
// command line, "loss.temperature" in a scene).
struct LossOptionProblem {
    std::string_view field;
    std::string_view rule;
    std::string message() const;  // "temperature: must be a finite number > 0"
};
// The one check of LossOptions' numbers (T, ε, Δ, γ), for core, the command line and the app.
std::optional<LossOptionProblem> checkLossOptions(const LossOptions& options);

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
