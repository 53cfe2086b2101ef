#pragma once
// The training objective on a 2-D slice of weight space (the "Weight-space landscape" panel).
//
// Parameters are θ = [W | b], a K x (D + 1) matrix (row k: class k's weights, then its bias),
// as the trainer keeps them. "Entry" e of θ is its row-major element e = k·(D + 1) + d
// (d = D is the bias b_k). A slice through the current parameters θ* along two directions
// δ and η (same shape as θ) is
//     f(α, β) = L(θ* + α·δ + β·η),        L the objective of trainer.hpp on the training set,
// so f(0, 0) is the objective at the current weights. The directions:
//   - WeightEntries: δ = e_a, η = e_b, two chosen entries of θ (α, β are their offsets);
//   - RandomFilterNormalized: Gaussian directions drawn from a seed, "filter-normalized" as in
//     Li et al. 2018 ("Visualizing the Loss Landscape of Neural Nets"): the weight part of
//     row k of δ (class k's weight vector, the linear model's "filter") is rescaled to the
//     norm of w_k, and the bias entries of δ are zero (Li et al. leave one-dimensional
//     parameters out). A row whose weights are all zero (training from zeros, step 0) keeps a
//     direction of norm 1, so the slice is never degenerate. α = ±1 then means "a step as
//     large as the weights themselves" in every row.
//   - PathPca: the two leading principal directions of the training path relative to θ*
//     (Li et al. §7): the plane through θ* that the path lies closest to, unit-length
//     directions, α and β in parameter units. Random directions in high dimension are nearly
//     orthogonal to the path, so the path projected on them barely moves; this plane shows it.
//
// The path is projected onto the slice by least squares: (α_t, β_t) minimizes
// ‖θ_t − θ* − α δ − β η‖ (for orthogonal directions simply the dot products).
//
// Scores are linear in θ, so the scores on the slice are S* + α·Sδ + β·Sη with the three N x K
// matrices computed once; each node then costs one batchLoss over N x K numbers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losslab/classifier.hpp"
#include "losslab/dataset.hpp"
#include "losslab/grid.hpp"
#include "losslab/thinned_series.hpp"
#include "losslab/trainer.hpp"

namespace losslab {

// θ = [W | b] of a model, and back.
RowMatrix packParameters(const LinearClassifier& model);
LinearClassifier unpackParameters(const RowMatrix& theta);

enum class SliceDirections { WeightEntries, RandomFilterNormalized, PathPca };
std::string_view sliceDirectionsKey(SliceDirections directions);  // "entries", "random", "pca"

inline constexpr int kMaxLandscapeSide = 512;

struct LandscapeRequest {
    SliceDirections directions = SliceDirections::RandomFilterNormalized;
    int entryA = 0;  // WeightEntries: entries of θ along x and y (different)
    int entryB = 1;
    std::uint64_t seed = 1;  // RandomFilterNormalized
    double halfWidth = 1.0;  // α and β run over [−halfWidth, halfWidth] (finite, > 0)
    int resolution = 41;     // nodes per axis, 2 … kMaxLandscapeSide (odd puts a node at 0)
    // The objective over at most this many training points (a seeded subsample); 0: all.
    Eigen::Index maxPoints = 0;
};

struct LandscapeSlice {
    RowMatrix origin;             // θ*, K x (D + 1)
    RowMatrix directionA;         // δ
    RowMatrix directionB;         // η
    Grid objective;               // f(α, β) at the nodes: x is α, y is β
    Eigen::Index pointsUsed = 0;  // training points the objective was evaluated on
};

// Buffers kept between recomputations (contents are an implementation detail).
struct LandscapeWorkspace {
    RowMatrix features;  // Φ̃ = [Φ | 1] of the points used
    IntVec labels;
    RowMatrix originScores, scoresA, scoresB, nodeScores;
    RowMatrix nodeTheta;
};

// The recorded parameters of a training run, thinned to at most `capacity` snapshots (see
// thinned_series.hpp): a long run costs bounded memory and the path keeps its shape.
class ParameterPath {
  public:
    explicit ParameterPath(std::size_t capacity = 2048) : series_(capacity < 2 ? 2 : capacity) {}
    void clear() { series_.clear(); }
    // Records θ after `step` updates. Steps increase: the same step again replaces its snapshot,
    // an earlier one is ignored. A snapshot of another shape than the path's starts a new path.
    void record(long long step, const RowMatrix& theta);
    // Whether record(step, ·) could keep a snapshot (so that callers skip packing θ).
    bool wants(long long step) const {
        return series_.empty() || step == series_.steps().back() || series_.accepts(step);
    }
    // Forgets the last snapshot if it was taken at `step` (an update the trainer undid).
    void dropLastAt(long long step) { series_.dropLastAt(step); }
    const std::vector<RowMatrix>& snapshots() const { return series_.values(); }
    const std::vector<long long>& steps() const { return series_.steps(); }
    bool empty() const { return series_.empty(); }
    long long stride() const { return series_.stride(); }

  private:
    ThinnedSeries<RowMatrix> series_;
};

// The two directions of a slice through θ* (checks the request; `path` is used by PathPca and
// may be null otherwise). On error returns the message and writes nothing.
std::optional<std::string> sliceDirections(const LandscapeRequest& request, const RowMatrix& origin,
                                           const std::vector<RowMatrix>* path,
                                           RowMatrix* directionA, RowMatrix* directionB);

// The objective of `config` on the slice through `current` (W of K x D for config.features).
// On invalid input (bad request, a model that does not fit, no training points, labels out of
// range, PathPca without a path that leaves θ*) returns a message and leaves `out` untouched.
std::optional<std::string> computeLandscape(const TrainerConfig& config,
                                            const LinearClassifier& current, const Dataset& train,
                                            const LandscapeRequest& request,
                                            const std::vector<RowMatrix>* path, LandscapeSlice* out,
                                            LandscapeWorkspace* workspace = nullptr);

// The same along directions the caller already has (from sliceDirections, e.g. after looking
// at the path's extent along them to pick halfWidth); request.directions, entries and seed
// are not used for the directions (the seed still picks the subsample). The directions must
// have θ's shape and be finite.
std::optional<std::string> computeLandscapeAlong(
    const TrainerConfig& config, const LinearClassifier& current, const Dataset& train,
    const LandscapeRequest& request, const RowMatrix& directionA, const RowMatrix& directionB,
    LandscapeSlice* out, LandscapeWorkspace* workspace = nullptr);

// (α, β) of θ on the slice (least squares; the origin maps to (0, 0)). θ must have the slice's
// shape; otherwise (0, 0).
Eigen::Vector2d projectOntoSlice(const LandscapeSlice& slice, const RowMatrix& theta);

}  // namespace losslab
