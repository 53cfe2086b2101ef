#include "losslab/trainer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <optional>
#include <utility>

#include "losses/linear_model_loss.hpp"
#include "optimizer_updates.hpp"
#include "seeded_random.hpp"

namespace losslab {

std::string_view optimizerKey(Optimizer optimizer) {
    switch (optimizer) {
        case Optimizer::Sgd:
            return "sgd";
        case Optimizer::Adam:
            return "adam";
        case Optimizer::AdamW:
            return "adamw";
    }
    return "";
}

std::optional<Optimizer> optimizerFromKey(std::string_view key) {
    for (Optimizer optimizer : kAllOptimizers) {
        if (optimizerKey(optimizer) == key) return optimizer;
    }
    return std::nullopt;
}

std::string optimizerKeyList() {
    std::string out;
    for (Optimizer optimizer : kAllOptimizers) {
        if (!out.empty()) out += ", ";
        out += optimizerKey(optimizer);
    }
    return out;
}

double adamwWeightDecay(double l2) {
    return 2.0 * l2;
}

std::string_view initializationKey(Initialization init) {
    switch (init) {
        case Initialization::Zeros:
            return "zeros";
        case Initialization::Random:
            return "random";
    }
    return "";
}

std::optional<Initialization> initializationFromKey(std::string_view key) {
    for (Initialization init : {Initialization::Zeros, Initialization::Random}) {
        if (initializationKey(init) == key) return init;
    }
    return std::nullopt;
}

std::optional<std::string> checkTrainerConfig(const TrainerConfig& config) {
    auto finiteAtLeast = [](double x, double lo) { return std::isfinite(x) && x >= lo; };
    auto finitePositive = [](double x) { return std::isfinite(x) && x > 0; };
    if (!finitePositive(config.learningRate)) {
        return std::string("learning rate: must be a finite number > 0");
    }
    if (!finiteAtLeast(config.momentum, 0)) {
        return std::string("momentum: must be a finite number >= 0");
    }
    if (config.optimizer != Optimizer::Sgd && config.momentum != 0) {
        return std::string(
            "momentum: only sgd uses it (adam and adamw have their own beta1 = 0.9)");
    }
    if (config.batchSize < 0) return std::string("batch size: must be >= 0 (0 = full batch)");
    if (!finiteAtLeast(config.l1, 0)) return std::string("l1: must be a finite number >= 0");
    if (!finiteAtLeast(config.l2, 0)) return std::string("l2: must be a finite number >= 0");
    if (auto problem = checkLossOptions(config.lossOptions)) return problem->message();
    if (!finitePositive(config.rbfWidth)) {
        return std::string("rbf width: must be a finite number > 0");
    }
    return std::nullopt;
}

namespace {
// λ2‖W‖²_F + λ1‖W‖₁ of W or of the W block of θ = [W | b].
template <typename Weights>
double regularizationOf(const TrainerConfig& config, const Weights& weights) {
    double reg = 0.0;
    if (config.l2 != 0) reg += config.l2 * weights.squaredNorm();
    if (config.l1 != 0) reg += config.l1 * weights.cwiseAbs().sum();
    return reg;
}
}  // namespace

double regularization(const TrainerConfig& config, const RowMatrix& weights) {
    return regularizationOf(config, weights);
}

namespace {

// Φ̃ = [Φ | 1]: the features of `points` with a column of ones for the bias.
RowMatrix augmentedFeatures(const TrainerConfig& config, const RowMatrix& points) {
    const RowMatrix phi = computeFeatures(config.features, points, config.rbfWidth);
    RowMatrix out(phi.rows(), phi.cols() + 1);
    out.leftCols(phi.cols()) = phi;
    out.col(phi.cols()).setOnes();
    return out;
}

// Whether a gradient holds the L2 penalty's 2·λ2·W: adamw leaves it out and decays W itself.
enum class L2Gradient { Included, LeftOut };

L2Gradient l2GradientFor(const TrainerConfig& config) {
    return config.optimizer == Optimizer::AdamW ? L2Gradient::LeftOut : L2Gradient::Included;
}

// The objective on one batch, for θ = [W | b] and Φ̃ = [Φ | 1], and (when `grad` is non-null)
// ∂L/∂θ, without the L2 term when `l2` says so (the value always has it). The data term is
// one pass of the batched loss kernel over Φ̃ θᵀ (losses/linear_model_loss.hpp), spread over
// the thread pool with the same bits on any number of threads.
ObjectiveValue augmentedObjective(const TrainerConfig& config, const RowMatrix& theta,
                                  const RowMatrix& features, const IntVec& labels, RowMatrix* grad,
                                  double* accuracyOut = nullptr,
                                  L2Gradient l2 = L2Gradient::Included) {
    const Eigen::Index dimension = theta.cols() - 1;
    const auto weights = theta.leftCols(dimension);
    ObjectiveValue value;
    const detail::LinearModelLoss data =
        detail::linearModelLoss(config.loss, config.lossOptions, features, theta, labels, grad);
    value.dataLoss = data.loss;
    if (accuracyOut) {
        *accuracyOut = static_cast<double>(data.correct) / static_cast<double>(features.rows());
    }
    value.regLoss = regularizationOf(config, weights);
    value.loss = value.dataLoss + value.regLoss;
    if (grad) {
        // The bias is not regularized.
        if (config.l2 != 0 && l2 == L2Gradient::Included) {
            grad->leftCols(dimension) += (2.0 * config.l2) * weights;
        }
        // Eigen's sign() is 0 at 0, the subgradient docs/math.md asks for.
        if (config.l1 != 0) {
            grad->leftCols(dimension) += config.l1 * weights.array().sign().matrix();
        }
    }
    return value;
}

// ‖g + 2·λ2·[W | 0]‖₂ for a gradient g of θ = [W | b] that leaves the L2 term out, without a
// temporary: ‖g‖² + 4λ2⟨g_W, W⟩ + 4λ2²‖W‖² (clamped at 0 against rounding).
double normWithL2Term(const RowMatrix& grad, const RowMatrix& theta, double l2) {
    if (l2 == 0) return grad.norm();
    const Eigen::Index dimension = theta.cols() - 1;
    const auto weights = theta.leftCols(dimension);
    const double cross = grad.leftCols(dimension).cwiseProduct(weights).sum();
    const double squared =
        grad.squaredNorm() + 4.0 * l2 * cross + 4.0 * l2 * l2 * weights.squaredNorm();
    return std::sqrt(std::max(squared, 0.0));
}

RowMatrix thetaOf(const LinearClassifier& model) {
    RowMatrix theta(model.classes(), model.dimension() + 1);
    theta.leftCols(model.dimension()) = model.weights;
    theta.col(model.dimension()) = model.bias;
    return theta;
}

}  // namespace

ObjectiveValue evaluateObjective(const TrainerConfig& config, const LinearClassifier& model,
                                 const RowMatrix& features, const IntVec& labels,
                                 LinearClassifier* gradient) {
    assert(features.cols() == model.dimension() && features.rows() == labels.size());
    const Eigen::Index dimension = model.dimension();
    RowMatrix augmented(features.rows(), dimension + 1);
    augmented.leftCols(dimension) = features;
    augmented.col(dimension).setOnes();
    RowMatrix grad(model.classes(), dimension + 1);
    const ObjectiveValue value =
        augmentedObjective(config, thetaOf(model), augmented, labels, gradient ? &grad : nullptr);
    if (gradient) {
        gradient->weights = grad.leftCols(dimension);
        gradient->bias = grad.col(dimension);
    }
    return value;
}

namespace {

std::optional<std::string> checkDataset(const Dataset& data, const char* name, int classes) {
    const std::string prefix = std::string(name) + " set: ";
    if (data.points.cols() != 2 || data.points.rows() != data.labels.size()) {
        return prefix + "points must be N x 2 with one label each";
    }
    if (!allFiniteValues(data.points)) return prefix + "points must be finite";
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        if (data.labels[i] < 0 || data.labels[i] >= classes) {
            return prefix + "label " + std::to_string(data.labels[i]) + " of point " +
                   std::to_string(i) + " is outside 0.." + std::to_string(classes - 1);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> Trainer::reset(const TrainerConfig& config, const Dataset& train,
                                          const Dataset* test) {
    if (auto error = checkTrainerConfig(config)) return error;
    const int classes = train.classes;
    if (classes < kMinClasses) {
        return "training set: needs at least " + std::to_string(kMinClasses) + " classes";
    }
    if (train.size() < 1) return std::string("training set: has no points");
    if (auto error = checkDataset(train, "training", classes)) return error;
    const bool hasTest = test != nullptr && test->size() > 0;
    if (hasTest) {
        if (test->classes != classes) {
            return "test set: has " + std::to_string(test->classes) +
                   " classes but the training set has " + std::to_string(classes);
        }
        if (auto error = checkDataset(*test, "test", classes)) return error;
    }
    RowMatrix trainFeatures = augmentedFeatures(config, train.points);
    RowMatrix testFeatures;
    if (hasTest) testFeatures = augmentedFeatures(config, test->points);
    if (!allFiniteValues(trainFeatures) || !allFiniteValues(testFeatures)) {
        return "features: " + std::string(featureKey(config.features)) +
               " overflows for these points (coordinates too large)";
    }

    // Valid: from here on nothing can fail, so the trainer is replaced as a whole.
    config_ = config;
    classes_ = classes;
    trainFeatures_ = std::move(trainFeatures);
    trainLabels_ = train.labels;
    hasTest_ = hasTest;
    testFeatures_ = std::move(testFeatures);
    testLabels_ = hasTest ? test->labels : IntVec();
    startOver();
    return std::nullopt;
}

void Trainer::startOver() {
    const TrainerConfig& config = config_;
    const int classes = classes_;
    engine_.seed(config.seed);

    const int dimension = featureDimension(config.features);
    LinearClassifier initial = LinearClassifier::zeros(classes, dimension);
    if (config.init == Initialization::Random) {
        for (int k = 0; k < classes; ++k) {
            for (int d = 0; d < dimension; ++d) {
                initial.weights(k, d) = kRandomInitStd * detail::standardNormal(engine_);
            }
        }
    }

    const Eigen::Index n = trainFeatures_.rows();
    const Eigen::Index columns = dimension + 1;
    fullGrad_.resize(classes, columns);
    batchGrad_.resize(classes, columns);
    order_.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        order_[i] = static_cast<int>(i);
    }
    cursor_ = 0;
    if (!fullBatch()) {
        const Eigen::Index batch = config.batchSize;
        const Eigen::Index tail = n % batch;
        batchFeatures_.resize(batch, columns);
        batchLabels_.resize(batch);
        tailFeatures_.resize(tail, columns);
        tailLabels_.resize(tail);
        detail::shuffle(engine_, order_, static_cast<std::uint64_t>(n));
    }
    ready_ = true;
    setModel(initial);
}

std::optional<std::string> Trainer::movePoint(bool test, Eigen::Index row, double x, double y) {
    if (!ready_) return std::string("move: the trainer has no data yet");
    RowMatrix& features = test ? testFeatures_ : trainFeatures_;
    if ((test && !hasTest_) || row < 0 || row >= features.rows()) {
        return "move: no point " + std::to_string(row) + " in the " + (test ? "test" : "training") +
               " set";
    }
    if (!std::isfinite(x) || !std::isfinite(y)) return std::string("move: points must be finite");
    RowMatrix point(1, 2);
    point << x, y;
    const RowMatrix moved = augmentedFeatures(config_, point);
    if (!moved.allFinite()) {
        return "features: " + std::string(featureKey(config_.features)) +
               " overflows for these points (coordinates too large)";
    }
    features.row(row) = moved.row(0);
    // What reset() on the moved data and then setModel(model()) do, features aside.
    const LinearClassifier current = model_;
    startOver();
    setModel(current);
    return std::nullopt;
}

std::optional<std::string> Trainer::setModel(const LinearClassifier& model) {
    if (!ready_) return std::string("model: the trainer has no data yet");
    const int dimension = featureDimension(config_.features);
    if (model.weights.rows() != classes_ || model.weights.cols() != dimension ||
        model.bias.size() != classes_) {
        return "model: expected W of " + std::to_string(classes_) + " x " +
               std::to_string(dimension) + " and b of " + std::to_string(classes_);
    }
    if (!model.weights.allFinite() || !model.bias.allFinite()) {
        return std::string("model: weights must be finite");
    }
    model_ = model;
    theta_ = thetaOf(model);
    const RowMatrix zero = RowMatrix::Zero(classes_, dimension + 1);
    optimizer_ = {zero, zero, zero, 0};
    previousTheta_ = theta_;
    previousOptimizer_ = optimizer_;
    history_.clear();
    steps_ = 0;
    epochs_ = 0;
    diverged_ = false;
    message_.clear();
    return std::nullopt;
}

void Trainer::setHistoryCapacity(std::size_t capacity) {
    history_.setCapacity(capacity);
}

bool Trainer::fullBatch() const {
    return config_.batchSize == 0 || config_.batchSize >= trainFeatures_.rows();
}

void Trainer::copyThetaToModel() {
    const Eigen::Index dimension = theta_.cols() - 1;
    model_.weights = theta_.leftCols(dimension);
    model_.bias = theta_.col(dimension);
}

Measurement Trainer::measureInto() {
    Measurement m;
    m.step = steps_;
    // fullGrad_ is the gradient the optimizer uses (adamw's leaves the L2 term out); the
    // measurement reports the objective's own gradient either way.
    const L2Gradient l2 = l2GradientFor(config_);
    const ObjectiveValue value = augmentedObjective(config_, theta_, trainFeatures_, trainLabels_,
                                                    &fullGrad_, &m.accuracy, l2);
    m.loss = value.loss;
    m.dataLoss = value.dataLoss;
    m.regLoss = value.regLoss;
    m.gradNorm = l2 == L2Gradient::Included ? fullGrad_.norm()
                                            : normWithL2Term(fullGrad_, theta_, config_.l2);
    m.weightNorm = theta_.leftCols(theta_.cols() - 1).norm();
    if (hasTest_) {
        m.hasTest = true;
        m.testLoss = augmentedObjective(config_, theta_, testFeatures_, testLabels_, nullptr,
                                        &m.testAccuracy)
                         .dataLoss;
    }
    return m;
}

Measurement Trainer::measure() {
    if (!ready_) return {};
    return measureInto();
}

bool Trainer::nextBatch() {
    const Eigen::Index n = trainFeatures_.rows();
    const Eigen::Index size = std::min(config_.batchSize, n - cursor_);
    const bool tail = size < config_.batchSize;
    RowMatrix& features = tail ? tailFeatures_ : batchFeatures_;
    IntVec& labels = tail ? tailLabels_ : batchLabels_;
    for (Eigen::Index i = 0; i < size; ++i) {
        const int row = order_[cursor_ + i];
        features.row(i) = trainFeatures_.row(row);
        labels[i] = trainLabels_[row];
    }
    cursor_ += size;
    if (cursor_ == n) {
        cursor_ = 0;
        ++epochs_;
        detail::shuffle(engine_, order_, static_cast<std::uint64_t>(n));
    }
    return tail;
}

void Trainer::applyUpdate(const RowMatrix& grad) {
    OptimizerState& o = optimizer_;
    if (config_.optimizer == Optimizer::Sgd) {
        detail::sgdUpdate(theta_, grad, o.velocity, config_.learningRate, config_.momentum,
                          o.updates == 0);
        ++o.updates;
        return;
    }
    ++o.updates;
    if (config_.optimizer == Optimizer::AdamW && config_.l2 != 0) {
        // torch.optim.AdamW: param.mul_(1 − lr·weight_decay) before the adam step; the bias
        // column is not decayed (it is not regularized).
        const double decay = 1.0 - config_.learningRate * adamwWeightDecay(config_.l2);
        theta_.leftCols(theta_.cols() - 1) *= decay;
    }
    detail::adamUpdate(theta_, grad, o.firstMoment, o.secondMoment,
                       detail::adamStep(config_.learningRate, o.updates));
}

void Trainer::stop(const std::string& what) {
    diverged_ = true;
    message_ = "training diverged (" + what + " at step " + std::to_string(steps_) +
               "): learning rate too high?";
}

namespace {
const char* nonFiniteName(double x) {
    return std::isnan(x) ? "nan" : "inf";
}
}  // namespace

bool Trainer::step() {
    if (!ready_ || diverged_) return false;
    const Measurement now = measureInto();
    if (!std::isfinite(now.loss) || !std::isfinite(now.gradNorm)) {
        // The last update went where the loss overflows: undo it.
        const std::string what = std::isfinite(now.loss)
                                     ? std::string("gradient became ") + nonFiniteName(now.gradNorm)
                                     : std::string("loss became ") + nonFiniteName(now.loss);
        if (steps_ > 0) {
            theta_ = previousTheta_;
            optimizer_ = previousOptimizer_;
            copyThetaToModel();
            --steps_;
            history_.dropLastAt(steps_);  // measured before the update just undone
        }
        stop(what);
        return false;
    }
    const RowMatrix* grad = &fullGrad_;
    if (fullBatch()) {
        ++epochs_;
    } else {
        const bool tail = nextBatch();
        augmentedObjective(config_, theta_, tail ? tailFeatures_ : batchFeatures_,
                           tail ? tailLabels_ : batchLabels_, &batchGrad_, nullptr,
                           l2GradientFor(config_));
        if (!batchGrad_.allFinite()) {
            stop("mini-batch gradient became inf");
            return false;
        }
        grad = &batchGrad_;
    }
    // Copies into storage of the same size: no allocation.
    previousTheta_ = theta_;
    previousOptimizer_.velocity = optimizer_.velocity;
    previousOptimizer_.firstMoment = optimizer_.firstMoment;
    previousOptimizer_.secondMoment = optimizer_.secondMoment;
    previousOptimizer_.updates = optimizer_.updates;
    applyUpdate(*grad);
    if (!theta_.allFinite()) {
        theta_ = previousTheta_;
        optimizer_ = previousOptimizer_;
        stop("weights became inf");
        return false;
    }
    copyThetaToModel();
    history_.append(now.step, now);
    ++steps_;
    return true;
}

long long Trainer::run(long long count) {
    long long done = 0;
    while (done < count && step()) {
        ++done;
    }
    return done;
}

}  // namespace losslab
