#pragma once
// Decision regions of a linear classifier in the plane of the data (docs/math.md): the raster the
// Classifier panel shows under the points, the per-class margin grids whose contours are the
// decision boundaries and the hinge margin lines, and the scores of the data points.
//
// The raster
// - A DecisionView of width x height pixels tiles the data rectangle [xMin, xMax] x [yMin, yMax];
//   pixel (c, r) is sampled at its centre x = xMin + (c + ½)·(xMax − xMin)/width,
//   y = yMax − (r + ½)·(yMax − yMin)/height: row 0 is the TOP row (as Rgba8Image says).
// - At every pixel: features φ(x) → scores s = W φ + b → p = softmax(s / T); the class is the
//   argmax of s (lowest index on ties, as predict() does) and the confidence c = max p.
// - Shading rule (regionMix / regionColor): the class colour k is mixed into the background
//   by m = weakMix + (strongMix − weakMix)·w, where w = (c − 1/K)/(1 − 1/K) ∈ [0, 1] is how far
//   the confidence is from "uniform" (1/K) towards "certain" (1); hard regions use m = strongMix
//   everywhere. Each channel is round(bg + (class − bg)·m). Pixels whose scores are not finite
//   (features overflow far outside the data) get the background colour. Alpha is 255.
//   Blending toward the panel background (rather than drawing class colours with alpha) keeps
//   the result identical on screen, in a PNG export and in a test.
//
// Work is done in blocks of whole image rows (about kDecisionBlockPixels pixels) laid out one
// class (or feature) a column, so that features, scores and the softmax are each a handful of
// vectorized Eigen operations per block and one matrix product; the buffers live in a
// DecisionWorkspace the caller keeps, so a redraw allocates nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losslab/classifier.hpp"
#include "losslab/colormap.hpp"
#include "losslab/dataset.hpp"
#include "losslab/features.hpp"
#include "losslab/grid.hpp"

namespace losslab {

inline constexpr int kDecisionBlockPixels = 2048;
// Largest raster side: matches the grids' limit and keeps a bad size from allocating gigabytes.
inline constexpr int kMaxDecisionSide = kMaxGridSide;

struct DecisionView {
    double xMin = -1.0;
    double xMax = 1.0;
    double yMin = -1.0;
    double yMax = 1.0;
    int width = 0;   // pixels, 1 … kMaxDecisionSide
    int height = 0;  // pixels, 1 … kMaxDecisionSide
};

enum class RegionShading {
    Confidence,  // class colour, stronger where the classifier is surer
    Hard,        // one flat colour per region
};

struct RegionStyle {
    RegionShading shading = RegionShading::Confidence;
    Rgb8 background;           // the colour a pixel fades to at confidence 1/K
    double weakMix = 0.12;     // share of the class colour at c = 1/K, in [0, 1]
    double strongMix = 0.62;   // share at c = 1 (and in hard regions), in [0, 1]
    double temperature = 1.0;  // T of p = softmax(s / T), finite and > 0
};

// The share m of the class colour at confidence c for K classes (see the shading rule).
double regionMix(const RegionStyle& style, double confidence, int classes);
// The colour of a pixel of class k at confidence c: exactly what computeDecisionImage writes.
Rgb8 regionColor(const RegionStyle& style, int classIndex, double confidence, int classes);

// Scratch buffers of one raster or grid evaluation; contents are an implementation detail.
struct DecisionWorkspace {
    Eigen::ArrayXd x, y;         // the block's sample positions
    Eigen::ArrayXXd features;    // block x D, column-major: one feature a column
    Eigen::ArrayXXd scores;      // block x K, column-major: one class a column
    Eigen::ArrayXXd rbfX, rbfY;  // the separable factors of the rbf bumps
    Eigen::ArrayXXd rbfColumns;  // rbf rasters: each column's share of the scores
    Eigen::ArrayXd best, second, total;
    Eigen::ArrayXi winner;
};

// Checks the view, the style and that `model` fits `map` (K ≥ 2, W of K x D(map), b of K,
// finite numbers, rbfWidth > 0); returns what is wrong.
std::optional<std::string> checkDecisionInputs(const LinearClassifier& model, FeatureMap map,
                                               double rbfWidth, const DecisionView& view,
                                               const RegionStyle& style);

// Fills `out` (width x height, reusing its storage). On invalid input returns the message of
// checkDecisionInputs and leaves `out` untouched. workspace may be null.
std::optional<std::string> computeDecisionImage(const LinearClassifier& model, FeatureMap map,
                                                double rbfWidth, const DecisionView& view,
                                                const RegionStyle& style, Rgba8Image* out,
                                                DecisionWorkspace* workspace = nullptr);

// The margin of every class at every node of `spec` (nodes, not pixels: see grid.hpp):
// (*out)[k] holds m_k(x) = s_k(x) − max_{j≠k} s_j(x). Region k is {m_k > 0}, so the 0-contour
// of m_k is the boundary of region k, and for the hinge losses the Δ-contour is the margin
// line: a point of class k inside it satisfies every margin s_k − s_j ≥ Δ. Non-finite scores
// give NaN nodes (the contour tracer skips them). `out` is resized to K grids and reuses their
// storage. On invalid input returns a message and leaves `out` untouched.
std::optional<std::string> computeClassMargins(const LinearClassifier& model, FeatureMap map,
                                               double rbfWidth, const GridSpec& spec,
                                               std::vector<Grid>* out,
                                               DecisionWorkspace* workspace = nullptr);

// The classifier on the data points: scores, argmax and the margin of each point's own class.
struct PointScores {
    RowMatrix scores;  // N x K
    IntVec predicted;  // argmax of each row, lowest index on ties
    Vec margins;       // s_y − max_{j≠y} s_j: > 0 correct, ≥ Δ outside the hinge margin
};
// Scores every point of `data` (labels must be below K). On a model that does not fit the
// features or labels out of range returns a message and leaves `out` untouched.
std::optional<std::string> scorePoints(const LinearClassifier& model, FeatureMap map,
                                       double rbfWidth, const Dataset& data, PointScores* out);

}  // namespace losslab
