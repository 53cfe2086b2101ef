#pragma once
// Regression losses on a line fit (lecture 004; the command-line contract is in
// `losslab regress --help`).
//
// Points (x_i, y_i), i = 1..n, the line ŷ = w·x + b and the residual r = ŷ − y. The losses
// of one point, with their derivative ψ(r) = dL/dr (= ∂L/∂ŷ):
//   l2       : r²                                        ψ = 2r
//   l1       : |r|                                       ψ = sign(r), 0 at r = 0
//   huber(δ) : r²/2 when |r| ≤ δ, else δ(|r| − δ/2)      ψ = clamp(r, −δ, δ)
//   log_cosh : log cosh r                                ψ = tanh r
// The objective is the mean over the points plus an L2 penalty on the slope only:
//   J(w, b) = (1/n) Σ L(r_i) + λ2·w²,
//   ∂J/∂w = (1/n) Σ ψ(r_i)·x_i + 2λ2·w,   ∂J/∂b = (1/n) Σ ψ(r_i).
//
// Likelihood view: l2 is, up to constants, the negative log-likelihood of Gaussian noise and
// l1 that of Laplace noise:
//   NLL_gauss(σ) = n·log(√(2π)·σ) + Σr²/(2σ²) = n·log(√(2π)·σ) + n·J_l2data/(2σ²),
//   NLL_laplace(β) = n·log(2β) + Σ|r|/β        = n·log(2β) + n·J_l1data/β,
// where J_l2data and J_l1data are the data terms (the mean) of the l2 and l1 objectives;
// their minima over the scale are at σ² = mean r² and β = mean |r|.
//
// Every function that can fail returns a message and leaves its outputs untouched.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "losslab/grid.hpp"
#include "losslab/trainer.hpp"
#include "losslab/types.hpp"

namespace losslab {

// ---------------------------------------------------------------------------------------
// Data

struct RegressionData {
    Vec x;  // n abscissas
    Vec y;  // n ordinates, y[i] belongs to x[i]

    Eigen::Index size() const { return x.size(); }
};

// At least two points are needed for a line; at most kMaxDatasetPoints (dataset.hpp) keep a
// file or a command line from exhausting memory.
inline constexpr Eigen::Index kMinRegressionPoints = 2;

// n in [kMinRegressionPoints, kMaxDatasetPoints], x and y of the same size, every value
// finite. The message says what is wrong ("points: 1 is fewer than 2").
std::optional<std::string> checkRegressionData(const RegressionData& data);
// True when every x is the same number: then the data say nothing about the slope.
bool allXEqual(const RegressionData& data);

// The seeded `line` dataset. The true line is y = kLineDatasetSlope·x + kLineDatasetIntercept.
// Point i has x_i uniform in [−1, 1) and y_i = true line at x_i + noise·N(0, 1). Then
// `outliers` distinct points, chosen uniformly at random, are lifted ABOVE the line by
// kLineDatasetOutlierLift·(1 + u), u uniform in [0, 1): an outlier lies 2 to 4 units above
// the line (plus its noise), on one side, so that l2 visibly tilts towards them while l1
// does not. Draw order (it fixes the numbers of a seed): the n x values, then the n noises,
// then the choice of outliers (a partial Fisher–Yates shuffle of the indices), then their
// lifts in the order they were chosen. The points keep the order of their x draws.
inline constexpr const char* kLineDatasetKey = "line";  // the dataset's name (--dataset line)
inline constexpr double kLineDatasetSlope = 0.8;
inline constexpr double kLineDatasetIntercept = 0.5;
inline constexpr double kLineDatasetOutlierLift = 2.0;

struct LineDatasetOptions {
    Eigen::Index points = 30;   // n in [kMinRegressionPoints, kMaxDatasetPoints]
    double noise = 0.3;         // finite, in [0, 10]
    Eigen::Index outliers = 3;  // in [0, n]
    std::uint64_t seed = 1;
};

// Names the field ("points", "noise", "outliers").
std::optional<std::string> checkLineDatasetOptions(const LineDatasetOptions& options);
// The same options always give the same points, bit for bit.
std::optional<std::string> generateLineDataset(const LineDatasetOptions& options,
                                               RegressionData* out);

// The x,y CSV: a header line `x,y`, then one point a line. Spaces around fields, CRLF line
// ends, a UTF-8 byte-order mark and blank lines are accepted; values must be finite numbers;
// at least kMinRegressionPoints and at most kMaxDatasetPoints points (the limits of the
// points CSV). Errors name the line: "line 4: y: 'abc' is not a number".
std::optional<std::string> parseRegressionCsv(std::string_view text, RegressionData* out);
// Reads a file of at most kMaxCsvBytes (dataset.hpp) and parses it.
std::optional<std::string> loadRegressionCsv(const std::string& path, RegressionData* out);
// %.17g values, so that parsing gives back the same doubles.
std::string formatRegressionCsv(const RegressionData& data);

// ---------------------------------------------------------------------------------------
// Losses and the objective

enum class RegressionLoss { L2, L1, Huber, LogCosh };
inline constexpr std::array<RegressionLoss, 4> kAllRegressionLosses = {
    RegressionLoss::L2, RegressionLoss::L1, RegressionLoss::Huber, RegressionLoss::LogCosh};

std::string_view regressionLossKey(RegressionLoss loss);  // "l2", "l1", "huber", "log_cosh"
std::optional<RegressionLoss> regressionLossFromKey(std::string_view key);
// "l2, l1, huber, log_cosh": every key, for help texts and messages.
std::string regressionLossKeyList();

inline constexpr double kDefaultHuberDelta = 1.0;

struct RegressionOptions {
    RegressionLoss loss = RegressionLoss::L2;
    double delta = kDefaultHuberDelta;  // δ of huber: finite, > 0 (other losses ignore it)
    double l2 = 0.0;                    // λ2: finite, ≥ 0
};

// Names the field ("delta", "l2"); delta is checked for huber only.
std::optional<std::string> checkRegressionOptions(const RegressionOptions& options);

struct PointLoss {
    double value = 0.0;       // L(r)
    double derivative = 0.0;  // ψ(r) = dL/dr
};
// One point's loss and its derivative in the residual (exact for every finite r; log_cosh is
// computed without overflow or cancellation).
PointLoss regressionPointLoss(RegressionLoss loss, double residual, double delta);

struct RegressionLine {
    double w = 0.0;  // slope
    double b = 0.0;  // intercept
};

struct RegressionObjective {
    double value = 0.0;     // dataLoss + regLoss
    double dataLoss = 0.0;  // (1/n) Σ L(r_i)
    double regLoss = 0.0;   // λ2·w²
    double gradW = 0.0;     // ∂J/∂w
    double gradB = 0.0;     // ∂J/∂b
};

// J(w, b) and its gradient in one pass over the points (data as checkRegressionData accepts,
// options as checkRegressionOptions accepts: the caller checks).
RegressionObjective evaluateRegressionObjective(const RegressionOptions& options,
                                                const RegressionData& data,
                                                const RegressionLine& line);

// r_i = w·x_i + b − y_i for every point.
Vec regressionResiduals(const RegressionData& data, const RegressionLine& line);

// The "effective weight" of each point in the fit: |∂L/∂ŷ_i| = |ψ(r_i)|, how hard point i
// pulls on the line (l2: 2|r|, grows without bound; l1: 1, or 0 on the line; huber:
// min(|r|, δ); log_cosh: |tanh r| < 1). Not divided by n.
Vec regressionEffectiveWeights(const RegressionOptions& options, const RegressionData& data,
                               const RegressionLine& line);

// J over a rectangle of (w, b): grid x is the slope w, grid y the intercept b, with the
// conventions of grid.hpp (nodes at both ends, row-major values[j·nx + i] = J(w_i, b_j),
// row 0 at b = yMin). Costs nx·ny·n loss evaluations.
std::optional<std::string> regressionObjectiveGrid(const RegressionOptions& options,
                                                   const RegressionData& data, const GridSpec& spec,
                                                   Grid* out);

// ---------------------------------------------------------------------------------------
// The exact fit

struct ExactFit {
    RegressionLine line;
    RegressionObjective objective;  // at `line`
    int iterations = 0;             // solver iterations (0 for the closed form of l2)
};

// The minimizer of J, to a relative 1e-9 in objective value (or better):
//   l2       : closed form, w = Sxy / (Sxx + n·λ2), b = ȳ − w·x̄ (centred sums).
//   l1       : for a slope w the best intercept is a median of y_i − w·x_i, and the profile
//              F(w) = min_b (1/n)Σ|r_i| is convex and the maximum of linear functions of w
//              (sum of the upper half of the y_i − w·x_i minus the lower half). Cutting
//              planes on F(w) + λ2·w² give, at every iteration, a lower bound on the minimum
//              next to the best value found; the solver stops when the two agree to 1e-12
//              relative (or to the rounding of the data), which certifies the fit. With an
//              even n the intercept is the midpoint of the two middle values.
//   huber, log_cosh : Newton's method on (w, b) with a backtracking line search, started from
//              the better of the l2 and l1 fits; where the Hessian is singular (huber with
//              every point beyond δ) the step is the iteratively reweighted least-squares one.
//              Stops when Newton's predicted decrease is below 1e-14 of the objective (after
//              one more full step), or when no step lowers it any more.
// Errors: the data or options as the checks above say, and "all x are equal" when λ2 = 0
// (the slope is then not determined; with λ2 > 0 the fit has w = 0 and b the location that
// minimizes the loss).
std::optional<std::string> solveRegressionExact(const RegressionOptions& options,
                                                const RegressionData& data, ExactFit* out);

// ---------------------------------------------------------------------------------------
// Gradient descent

struct RegressionDescentConfig {
    Optimizer optimizer = Optimizer::Sgd;  // trainer.hpp: the same sgd and adam as training
    double learningRate = 0.1;             // finite, > 0
    double momentum = 0.0;                 // μ ≥ 0, sgd only
    long long steps = 200;                 // updates, in [0, kMaxRegressionSteps]
    RegressionLine start;                  // the line before the first update (w = b = 0)
};

inline constexpr long long kMaxRegressionSteps = 10000000;

// The names of the two ways to fit (`losslab regress --solver`, a lesson's reg.solver).
inline constexpr const char* kRegressionExactSolver = "exact";
inline constexpr const char* kRegressionDescentSolver = "gd";

// Names the field ("learning rate", "momentum", "steps").
std::optional<std::string> checkRegressionDescentConfig(const RegressionDescentConfig& config);

// One entry a step: the line BEFORE update `step` and J there (as `losslab train`'s history),
// so history[0] is the start and history.size() is the number of updates applied.
struct RegressionDescentStep {
    long long step = 0;
    double objective = 0.0;
    RegressionLine line;
};

struct RegressionDescent {
    RegressionLine line;            // after the last update
    RegressionObjective objective;  // at `line`
    std::vector<RegressionDescentStep> history;
    // A step whose objective, gradient or line is not finite is undone: `line` is the last
    // line with a finite objective and gradient, and `diverged` says why it stopped
    // ("gradient descent diverged (objective became inf at step 24): learning rate too high?").
    bool diverged = false;
    std::string message;
};

std::optional<std::string> runRegressionDescent(const RegressionOptions& options,
                                                const RegressionDescentConfig& config,
                                                const RegressionData& data, RegressionDescent* out);

// The same descent one update at a time, for a caller that shows it moving (the app's
// Play/Step): the optimizer's state between updates. runRegressionDescent is these two
// functions in a loop, so both give the same lines bit for bit.
struct RegressionDescentState {
    RegressionLine line;                                     // after the updates so far
    RegressionObjective objective;                           // at `line`
    long long steps = 0;                                     // updates applied
    Eigen::Vector2d velocity = Eigen::Vector2d::Zero();      // sgd with momentum
    Eigen::Vector2d firstMoment = Eigen::Vector2d::Zero();   // adam
    Eigen::Vector2d secondMoment = Eigen::Vector2d::Zero();  // adam
    // Set by the update that would have left the finite numbers (that update is undone), or
    // at the start when J is not finite there; `message` as RegressionDescent's.
    bool diverged = false;
    std::string message;
};

// The state before the first update: config.start and J there (config.steps is not used).
std::optional<std::string> startRegressionDescent(const RegressionOptions& options,
                                                  const RegressionDescentConfig& config,
                                                  const RegressionData& data,
                                                  RegressionDescentState* out);
// One update with the same options, config and data the state was started with (the caller
// keeps them; no checks here). False, with nothing changed, once the run has diverged; false
// with `diverged` newly set when this update is the one that diverged.
bool stepRegressionDescent(const RegressionOptions& options, const RegressionDescentConfig& config,
                           const RegressionData& data, RegressionDescentState* state);

// ---------------------------------------------------------------------------------------
// The likelihood view

// NLL of residuals under N(0, σ²): n·log(√(2π)·σ) + Σr²/(2σ²). σ must be > 0; with σ = 0 the
// value is −inf when every residual is 0 and +inf otherwise (never NaN).
double gaussianNegLogLikelihood(const Vec& residuals, double sigma);
// NLL of residuals under Laplace(0, β): n·log(2β) + Σ|r|/β; β = 0 as above.
double laplaceNegLogLikelihood(const Vec& residuals, double beta);
// The maximum-likelihood scales: σ = √(mean r²), β = mean |r|.
double gaussianSigmaMle(const Vec& residuals);
double laplaceBetaMle(const Vec& residuals);

// The same NLLs written through the regression objectives, which makes the identity
// explicit: with n points and the data term of the l2 objective (mean r²) or of the l1
// objective (mean |r|), NLL_gauss = n·log(√(2π)σ) + n·meanSquared/(2σ²) and
// NLL_laplace = n·log(2β) + n·meanAbsolute/β. Equal to the functions above (to rounding).
double gaussianNllFromL2DataLoss(Eigen::Index n, double meanSquaredResidual, double sigma);
double laplaceNllFromL1DataLoss(Eigen::Index n, double meanAbsoluteResidual, double beta);

struct RegressionLikelihood {
    double gaussianSigma = 0.0;  // σ MLE
    double gaussianNll = 0.0;    // NLL_gauss at σ MLE = n·log(√(2π)σ) + n/2
    double laplaceBeta = 0.0;    // β MLE
    double laplaceNll = 0.0;     // NLL_laplace at β MLE = n·log(2β) + n
};
// Both noise models fitted to the residuals of `line` (−inf NLLs when every residual is 0).
RegressionLikelihood regressionLikelihood(const RegressionData& data, const RegressionLine& line);

}  // namespace losslab
