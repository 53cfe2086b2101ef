#pragma once
// Training a linear classifier on a 2-D dataset (docs/math.md).
//
// Objective on a batch of N samples with features Φ (N x D) and scores S = Φ Wᵀ + b:
//   L(W, b) = (1/N) Σ_n loss(s_n, y_n) + λ2·‖W‖²_F + λ1·‖W‖₁      (the bias is not regularized)
//   ∂L/∂W = Gᵀ Φ + 2 λ2 W + λ1 sign(W)   (sign(0) = 0),   ∂L/∂b = Gᵀ 1,
// where G = ∂(mean loss)/∂S is what batchLoss (losses.hpp) computes.
//
// Optimizers follow PyTorch's definitions exactly (torch.optim.SGD with dampening 0 and no
// Nesterov; torch.optim.Adam with amsgrad off and weight_decay 0 — the regularization is
// part of the objective above, not decoupled; torch.optim.AdamW with amsgrad off):
//   sgd  : v ← μ v + g (v = g on the first step), θ ← θ − lr·v
//   adam : m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², t ← t + 1,
//          θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
//   adamw: the L2 penalty is decoupled instead: with weight_decay = 2·λ2, first
//          W ← W − lr·weight_decay·W (b is not decayed), then the adam update above with a
//          gradient g that leaves out the 2·λ2·W term (λ1 stays in g). One step thus decays W by
//          the factor (1 − 2·lr·λ2), as an sgd step on the penalty λ2‖W‖²_F does; adam instead
//          divides the penalty's gradient by √v, so large weights are barely pulled back.
//          With λ2 = 0 adamw is adam exactly.
// The measured objective (loss, regLoss, gradNorm) is the same L(W, b) whatever the optimizer.
//
// History: the measurement with step i is taken on the whole training set (and the test set,
// if any) BEFORE update i, so history()[0] is the initial model; measure() gives the model
// after the last update. The history keeps every step (entry i has step i) unless a capacity
// is set (setHistoryCapacity): then it is thinned as thinned_series.hpp describes, so that an app
// training for hours at a thousand steps a frame keeps a bounded record (and draws its curves in
// bounded time). A step whose loss, gradient or weights become non-finite is undone (the model
// returns to the last state with a finite loss), and the trainer stops with a message.
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/classifier.hpp"
#include "losslab/dataset.hpp"
#include "losslab/features.hpp"
#include "losslab/losses.hpp"
#include "losslab/thinned_series.hpp"

namespace losslab {

enum class Optimizer { Sgd, Adam, AdamW };
// Every optimizer, in the order menus and help texts list them.
inline constexpr std::array<Optimizer, 3> kAllOptimizers = {Optimizer::Sgd, Optimizer::Adam,
                                                            Optimizer::AdamW};
std::string_view optimizerKey(Optimizer optimizer);  // "sgd", "adam", "adamw"
std::optional<Optimizer> optimizerFromKey(std::string_view key);
// "sgd, adam, adamw": the keys of kAllOptimizers, for help texts and error messages.
std::string optimizerKeyList();
// PyTorch's weight_decay of adamw for the L2 penalty λ2 (decoupled, on W only): 2·λ2.
double adamwWeightDecay(double l2);

// zeros: W = 0, b = 0. random: W_kd ~ N(0, kRandomInitStd²) from the seed, b = 0.
enum class Initialization { Zeros, Random };
std::string_view initializationKey(Initialization init);  // "zeros", "random"
std::optional<Initialization> initializationFromKey(std::string_view key);

inline constexpr double kAdamBeta1 = 0.9;
inline constexpr double kAdamBeta2 = 0.999;
inline constexpr double kAdamEpsilon = 1e-8;
inline constexpr double kRandomInitStd = 0.01;

struct TrainerConfig {
    Loss loss = Loss::CrossEntropy;
    LossOptions lossOptions;  // temperature, smoothing, margin, gamma, log base
    Optimizer optimizer = Optimizer::Sgd;
    double learningRate = 0.1;   // finite, > 0
    double momentum = 0.0;       // μ ≥ 0, sgd only
    Eigen::Index batchSize = 0;  // 0 (or ≥ N) = full batch
    double l1 = 0.0;             // λ1 ≥ 0
    double l2 = 0.0;             // λ2 ≥ 0
    Initialization init = Initialization::Zeros;
    std::uint64_t seed = 1;  // random init and the mini-batch shuffles
    FeatureMap features = FeatureMap::Linear;
    double rbfWidth = kDefaultRbfWidth;  // σ of the rbf features
};

// Checks every field; the message names it ("learning rate: ...").
std::optional<std::string> checkTrainerConfig(const TrainerConfig& config);

struct ObjectiveValue {
    double loss = 0.0;      // dataLoss + regLoss
    double dataLoss = 0.0;  // mean loss over the batch
    double regLoss = 0.0;   // λ2‖W‖²_F + λ1‖W‖₁
};

// λ2‖W‖²_F + λ1‖W‖₁.
double regularization(const TrainerConfig& config, const RowMatrix& weights);
// L(W, b) on one batch (features N x D, labels N) and, when `gradient` is non-null, its
// gradient with respect to W and b (same shapes as the model). Allocates its scratch space;
// the Trainer keeps its own.
ObjectiveValue evaluateObjective(const TrainerConfig& config, const LinearClassifier& model,
                                 const RowMatrix& features, const IntVec& labels,
                                 LinearClassifier* gradient);

struct Measurement {
    long long step = 0;  // updates applied before this measurement
    double loss = 0.0;   // objective on the training set
    double dataLoss = 0.0;
    double regLoss = 0.0;
    double accuracy = 0.0;    // on the training set
    double gradNorm = 0.0;    // ‖∂L/∂(W, b)‖₂ of the training-set objective
    double weightNorm = 0.0;  // ‖W‖_F (the bias left out, as the regularization does)
    bool hasTest = false;
    double testLoss = 0.0;  // mean data loss on the test set (no regularization term)
    double testAccuracy = 0.0;
};

class Trainer {
  public:
    // Starts over with a new configuration and data: features are computed, the model is
    // initialized, history and optimizer state are cleared. On an invalid configuration or
    // dataset returns the message and leaves the trainer exactly as it was.
    std::optional<std::string> reset(const TrainerConfig& config, const Dataset& train,
                                     const Dataset* test = nullptr);
    // Moves point `row` of the training set (or of the test set, `test`) to (x, y) and starts
    // over from the current model: what reset() on the moved data and then setModel(model())
    // do, computing the features of that one point instead of every point's (a drag over 10⁶
    // points). On an error (no such point, non-finite features) nothing changes.
    std::optional<std::string> movePoint(bool test, Eigen::Index row, double x, double y);
    // Replaces the model (same K and D) and clears history and optimizer state, as if
    // training started from it.
    std::optional<std::string> setModel(const LinearClassifier& model);

    // One optimizer update; false (and nothing changes) when not ready or stopped.
    bool step();
    // Up to `count` updates; returns how many were applied.
    long long run(long long count);
    // The current model on the whole training (and test) set.
    Measurement measure();

    bool ready() const { return ready_; }
    bool diverged() const { return diverged_; }
    // Why training stopped, e.g. "training diverged (loss became inf at step 24): learning rate
    // too high?"; empty while training can go on.
    const std::string& message() const { return message_; }
    long long steps() const { return steps_; }
    long long epochs() const { return epochs_; }  // completed passes over the training set
    const std::vector<Measurement>& history() const { return history_.values(); }
    // At most `capacity` history entries from now on (0: every step, the default); thins the
    // history at once if it holds more. Kept across reset().
    void setHistoryCapacity(std::size_t capacity);
    const LinearClassifier& model() const { return model_; }
    const TrainerConfig& config() const { return config_; }
    int classes() const { return classes_; }

  private:
    // The trainer works on θ = [W | b] (K x (D+1)) and features Φ̃ = [Φ | 1] (N x (D+1)):
    // then S = Φ̃ θᵀ and ∂L/∂θ = Gᵀ Φ̃ are one matrix product each, with no separate passes
    // for the bias, and the optimizers treat W and b alike (they act element-wise), but for
    // adamw's decay, which skips the last column.
    struct OptimizerState {
        RowMatrix velocity;      // sgd momentum buffer
        RowMatrix firstMoment;   // adam m
        RowMatrix secondMoment;  // adam v
        long long updates = 0;   // t, and "v = g" on sgd's first step
    };

    // The start of a run on the data and settings already set: the seeded engine, the initial
    // model, a fresh order of the mini-batches, no history.
    void startOver();
    bool fullBatch() const;
    Measurement measureInto();  // also leaves the training-set gradient in fullGrad_
    // Gathers the next mini-batch; returns true for the shorter last batch of an epoch.
    bool nextBatch();
    void applyUpdate(const RowMatrix& grad);
    void copyThetaToModel();
    void stop(const std::string& what);

    TrainerConfig config_;
    bool ready_ = false;
    bool diverged_ = false;
    std::string message_;
    int classes_ = 0;
    long long steps_ = 0;
    long long epochs_ = 0;

    RowMatrix trainFeatures_;  // Φ̃ of the training set
    IntVec trainLabels_;
    bool hasTest_ = false;
    RowMatrix testFeatures_;  // Φ̃ of the test set
    IntVec testLabels_;

    RowMatrix theta_;         // [W | b]
    LinearClassifier model_;  // the same numbers as theta_, split for callers
    OptimizerState optimizer_;
    // θ and the optimizer state before the last update, restored on divergence.
    RowMatrix previousTheta_;
    OptimizerState previousOptimizer_;
    ThinnedSeries<Measurement> history_;

    // Mini-batches: a permutation of the training rows, reshuffled at each epoch.
    std::mt19937_64 engine_;
    IntVec order_;
    Eigen::Index cursor_ = 0;

    // Buffers reused by every step, so that training allocates nothing per step. Full
    // mini-batches and the shorter last batch of an epoch keep separate buffers, so that
    // neither is ever resized.
    RowMatrix fullGrad_;
    RowMatrix batchFeatures_;
    RowMatrix tailFeatures_;
    IntVec batchLabels_, tailLabels_;
    RowMatrix batchGrad_;
};

}  // namespace losslab
