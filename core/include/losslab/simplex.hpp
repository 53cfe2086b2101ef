#pragma once
// The probability simplex of three classes a, b, c (the "Simplex" panel): triangle
// geometry, the correspondence between a point p of the simplex and logits, the loss as a
// heatmap over the triangle, and the path of p as the temperature falls.
//
// Geometry: an equilateral triangle of side 1 in plane coordinates, class a at (0, 0),
// class b at (1, 0), class c at (½, √3/2). A point is given by its barycentric coordinates
// (λ_a, λ_b, λ_c), which are exactly the probabilities (p_a, p_b, p_c).
//
// From p to logits (the only definition used, by the heatmap and by dragging the point):
// the three chosen logits u = (s_a, s_b, s_c) are replaced by
//     u' = α·(log p − mean(log p)) + mean(u),
// and every other logit is held fixed. So the mean logit is preserved, and for every α the
// conditional softmax of the three chosen classes is
//     softmax(u'/T) ∝ p^{α/T}.
// - SimplexScaling::Temperature: α = T. Then softmax(u'/T) = p exactly (for K = 3 this is
//   the full softmax): the point you see is the probability vector you get. Used by every
//   probabilistic loss, by ova_logistic, and by dragging.
// - SimplexScaling::KeepNorm: α = ‖u − mean u‖ / ‖log p − mean log p‖, i.e. every point of
//   the triangle gets logits of the same spread as the current ones, pointing in the
//   direction of log p. The hinge losses see raw score differences, not probabilities, so
//   under the Temperature scaling their heatmap would be dominated by the huge differences
//   near the edges; at a fixed spread it shows where the margins hold. When the current
//   three logits are all equal (zero spread) it falls back to α = T.
// Both scalings map the current p (= conditional softmax of the current logits at T) back
// to the current logits (up to rounding, unless one of its probabilities is below the floor
// below), so the heatmap at the current point equals the current loss.
// Probabilities below kSimplexProbabilityFloor are raised to it before taking logs, so that
// the edges of the triangle map to finite logits.
#include <optional>
#include <string>
#include <vector>

#include "losslab/grid.hpp"
#include "losslab/losses.hpp"
#include "losslab/types.hpp"

namespace losslab {

inline constexpr double kSimplexHeight = 0.86602540378443864676;  // √3/2, the triangle's height
inline constexpr double kSimplexProbabilityFloor = 1e-12;

// The three classes shown at the corners a (bottom left), b (bottom right), c (top).
struct SimplexClasses {
    int a = 0;
    int b = 1;
    int c = 2;
};

// Distinct classes in [0, classes); returns what is wrong.
std::optional<std::string> checkSimplexClasses(const SimplexClasses& shown, Eigen::Index classes);

// Corner 0, 1, 2 (classes a, b, c) in plane coordinates; other indices wrap modulo 3.
Eigen::Vector2d simplexVertex(int corner);
// Barycentric (λ_a, λ_b, λ_c) → plane point Σ λ_k·vertex_k (λ need not be in the triangle).
Eigen::Vector2d simplexToPlane(const Eigen::Vector3d& barycentric);
// Plane point → barycentric coordinates summing to 1 (some negative outside the triangle).
Eigen::Vector3d planeToSimplex(const Eigen::Vector2d& point);
// True when every barycentric coordinate is ≥ −tolerance.
bool insideSimplex(const Eigen::Vector3d& barycentric, double tolerance = 1e-12);
// The point of the triangle closest to `barycentric` (Euclidean projection onto the
// simplex, the same as the closest point in the plane): for dragging past an edge.
Eigen::Vector3d clampToSimplex(const Eigen::Vector3d& barycentric);
// The raster covering the triangle's bounding box [0, 1] x [0, √3/2] with width x height
// pixels, as a grid whose nodes are the pixel centres (row 0 at the bottom edge).
GridSpec simplexRasterSpec(int width, int height);

enum class SimplexScaling { Temperature, KeepNorm };
// KeepNorm for the hinge losses, Temperature for the others (see the top of this file).
SimplexScaling defaultSimplexScaling(Loss loss);

// (p_a, p_b, p_c) / (p_a + p_b + p_c) of a probability vector p: the shown point.
// Uniform when the three are all 0. Empty optional on bad classes.
std::optional<Eigen::Vector3d> conditionalProbabilities(const Vec& p, const SimplexClasses& shown);
// The point of the current logits: the conditional softmax of (s_a, s_b, s_c)/T.
// Empty optional on invalid input (non-finite logits, T ≤ 0, bad classes).
std::optional<Eigen::Vector3d> logitsToSimplex(const Vec& logits, const SimplexClasses& shown,
                                               double temperature);
// The logits of point p (see the top of this file): `logits` with s_a, s_b, s_c replaced.
// p must be finite and ≥ 0 with a positive sum (it is normalized). Empty on invalid input.
std::optional<Vec> simplexToLogits(const Vec& logits, const SimplexClasses& shown,
                                   const Eigen::Vector3d& p, double temperature,
                                   SimplexScaling scaling = SimplexScaling::Temperature);

struct SimplexGridRequest {
    SimplexClasses classes;
    int width = 256;                        // raster over the bounding box [0, 1] x [0, √3/2]
    int height = 222;                       // 256·√3/2 ≈ 222 gives square pixels
    std::optional<SimplexScaling> scaling;  // empty: defaultSimplexScaling(loss)
};

// The selected loss at every pixel centre inside the triangle (NaN outside), evaluated at
// the logits simplexToLogits gives for that point. `out` is reused; on invalid input
// returns a message and leaves it untouched. workspace may be null.
std::optional<std::string> computeSimplexGrid(const LossContext& context, const Vec& logits,
                                              const SimplexGridRequest& request, Grid* out,
                                              LossGridWorkspace* workspace = nullptr);

// Whether computeSimplexGrid's result depends on the current logits at all. With K = 3 and
// the Temperature scaling, every pixel's logits are T·(log p − mean log p) + mean(u), and the
// losses built on the softmax (cross-entropy, KL, focal, Brier) do not change when every
// logit shifts by the same amount: the grid is then a function of p, the target and the
// options alone, and need not be recomputed while the logits are dragged. Other classes
// (K > 3), one-vs-all logistic (not shift-invariant) and the hinge losses' KeepNorm scaling
// (the spread of the logits) make it depend on them.
bool simplexGridDependsOnLogits(Loss loss, int classes, SimplexScaling scaling);

struct TemperaturePathRequest {
    double hottest = 20.0;  // first temperature (p near uniform)
    double coldest = 0.05;  // last temperature (p near the argmax vertex)
    int points = 100;       // log-spaced temperatures, 2 ≤ points ≤ 100000
    SimplexClasses classes;
};

struct TemperaturePath {
    Vec temperatures;                    // hottest → coldest, log-spaced
    RowMatrix probabilities;             // points x K: softmax(logits / T) for each temperature
    std::vector<Eigen::Vector2d> plane;  // the conditional p of the shown classes, in the plane
};

// p(T) = softmax(s/T) for the log-spaced temperatures. Returns a message on invalid input
// and leaves `out` untouched.
std::optional<std::string> temperaturePath(const Vec& logits, const TemperaturePathRequest& request,
                                           TemperaturePath* out);

}  // namespace losslab
