#include "losslab/landscape.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "seeded_random.hpp"

namespace losslab {

RowMatrix packParameters(const LinearClassifier& model) {
    RowMatrix theta(model.classes(), model.dimension() + 1);
    theta.leftCols(model.dimension()) = model.weights;
    theta.col(model.dimension()) = model.bias;
    return theta;
}

LinearClassifier unpackParameters(const RowMatrix& theta) {
    const Eigen::Index dimension = theta.cols() - 1;
    return {theta.leftCols(dimension), theta.col(dimension)};
}

std::string_view sliceDirectionsKey(SliceDirections directions) {
    switch (directions) {
        case SliceDirections::WeightEntries:
            return "entries";
        case SliceDirections::RandomFilterNormalized:
            return "random";
        case SliceDirections::PathPca:
            return "pca";
    }
    return "";
}

// ---------------------------------------------------------------- ParameterPath

void ParameterPath::record(long long step, const RowMatrix& theta) {
    const std::vector<RowMatrix>& snapshots = series_.values();
    if (!snapshots.empty() &&
        (snapshots.front().rows() != theta.rows() || snapshots.front().cols() != theta.cols())) {
        clear();
    }
    if (!series_.empty() && step <= series_.steps().back()) {
        // The same step again (training restarted on new data from the same weights): the
        // newer snapshot replaces the last one.
        if (step == series_.steps().back()) series_.back() = theta;
        return;
    }
    series_.append(step, theta);
}

// ---------------------------------------------------------------- directions

namespace {

std::optional<std::string> checkRequest(const LandscapeRequest& request) {
    if (!std::isfinite(request.halfWidth) || request.halfWidth <= 0) {
        return std::string("range: must be a finite number > 0");
    }
    if (request.resolution < 2 || request.resolution > kMaxLandscapeSide) {
        return "resolution: " + std::to_string(request.resolution) + " is out of range [2, " +
               std::to_string(kMaxLandscapeSide) + "]";
    }
    if (request.maxPoints < 0) return std::string("points: the limit must be >= 0 (0 = all)");
    return std::nullopt;
}

double dot(const RowMatrix& a, const RowMatrix& b) {
    return a.cwiseProduct(b).sum();
}

// A Gaussian direction whose weight part of each row has the norm of the same row of θ*
// (or 1 where θ*'s row is zero) and whose bias column is zero.
RowMatrix filterNormalizedDirection(std::mt19937_64& engine, const RowMatrix& origin) {
    const Eigen::Index dimension = origin.cols() - 1;
    RowMatrix direction(origin.rows(), origin.cols());
    for (Eigen::Index k = 0; k < direction.rows(); ++k) {
        for (Eigen::Index d = 0; d < direction.cols(); ++d) {
            direction(k, d) = detail::standardNormal(engine);
        }
    }
    for (Eigen::Index k = 0; k < direction.rows(); ++k) {
        auto weights = direction.row(k).head(dimension);
        const double norm = weights.norm();
        const double target = origin.row(k).head(dimension).norm();
        if (norm > 0) weights *= (target > 0 ? target : 1.0) / norm;
        direction(k, dimension) = 0.0;
    }
    return direction;
}

// Leading two principal directions of the path around θ* (un-centred: the plane through θ*
// closest to the path). At most kPcaSnapshots evenly spaced snapshots are used, so the Gram
// matrix stays small whatever the path's length.
std::optional<std::string> pathDirections(const RowMatrix& origin,
                                          const std::vector<RowMatrix>* path, RowMatrix* directionA,
                                          RowMatrix* directionB) {
    constexpr std::size_t kPcaSnapshots = 256;
    const char* kNoPath = "path directions: train a few steps first (the path has not moved)";
    if (!path || path->empty()) return std::string(kNoPath);
    std::vector<const RowMatrix*> used;
    const std::size_t count = path->size();
    const std::size_t take = std::min(count, kPcaSnapshots);
    for (std::size_t i = 0; i < take; ++i) {
        const std::size_t index = take == 1 ? 0 : i * (count - 1) / (take - 1);
        const RowMatrix& theta = (*path)[index];
        if (theta.rows() == origin.rows() && theta.cols() == origin.cols()) {
            used.push_back(&theta);
        }
    }
    const Eigen::Index p = origin.size();
    const Eigen::Index t = static_cast<Eigen::Index>(used.size());
    Eigen::MatrixXd m(t, p);  // row i: θ_i − θ*, flattened row-major
    for (Eigen::Index i = 0; i < t; ++i) {
        const RowMatrix difference = *used[static_cast<std::size_t>(i)] - origin;
        m.row(i) = Eigen::Map<const Eigen::RowVectorXd>(difference.data(), p);
    }
    if (t == 0 || !(m.norm() > 0) || !m.allFinite()) return std::string(kNoPath);
    // Eigenvectors u of M Mᵀ (t x t) give the principal directions v = Mᵀ u / ‖Mᵀ u‖.
    const Eigen::MatrixXd gram = m * m.transpose();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
    if (solver.info() != Eigen::Success) return std::string("path directions: PCA failed");
    Eigen::VectorXd first = m.transpose() * solver.eigenvectors().col(t - 1);
    first.normalize();
    Eigen::VectorXd second;
    if (t >= 2) second = m.transpose() * solver.eigenvectors().col(t - 2);
    // A straight path spans one direction only: complete it with any orthogonal unit vector.
    if (t < 2 || !(second.norm() > 1e-12 * m.norm())) {
        second = Eigen::VectorXd::Zero(p);
        Eigen::Index smallest = 0;
        first.cwiseAbs().minCoeff(&smallest);
        second[smallest] = 1.0;
    }
    second -= second.dot(first) * first;  // exact orthogonality after rounding
    second.normalize();
    // Signs: the path starts at negative α and β and runs towards the origin.
    const Eigen::VectorXd start = m.row(0).transpose();
    if (start.dot(first) > 0) first = -first;
    if (start.dot(second) > 0) second = -second;
    *directionA = Eigen::Map<const RowMatrix>(first.data(), origin.rows(), origin.cols());
    *directionB = Eigen::Map<const RowMatrix>(second.data(), origin.rows(), origin.cols());
    return std::nullopt;
}

}  // namespace

std::optional<std::string> sliceDirections(const LandscapeRequest& request, const RowMatrix& origin,
                                           const std::vector<RowMatrix>* path,
                                           RowMatrix* directionA, RowMatrix* directionB) {
    if (auto error = checkRequest(request)) return error;
    if (origin.rows() < 1 || origin.cols() < 2) return std::string("model: has no parameters");
    switch (request.directions) {
        case SliceDirections::WeightEntries: {
            const Eigen::Index entries = origin.size();
            auto valid = [&](int e) { return e >= 0 && e < entries; };
            if (!valid(request.entryA) || !valid(request.entryB)) {
                return "entries: must be in [0, " + std::to_string(entries - 1) + "]";
            }
            if (request.entryA == request.entryB) {
                return std::string("entries: pick two different entries");
            }
            RowMatrix a = RowMatrix::Zero(origin.rows(), origin.cols());
            RowMatrix b = a;
            a.data()[request.entryA] = 1.0;
            b.data()[request.entryB] = 1.0;
            *directionA = std::move(a);
            *directionB = std::move(b);
            return std::nullopt;
        }
        case SliceDirections::RandomFilterNormalized: {
            std::mt19937_64 engine(request.seed);
            RowMatrix a = filterNormalizedDirection(engine, origin);
            RowMatrix b = filterNormalizedDirection(engine, origin);
            *directionA = std::move(a);
            *directionB = std::move(b);
            return std::nullopt;
        }
        case SliceDirections::PathPca:
            return pathDirections(origin, path, directionA, directionB);
    }
    return std::string("directions: unknown kind");
}

// ---------------------------------------------------------------- the slice

std::optional<std::string> computeLandscape(const TrainerConfig& config,
                                            const LinearClassifier& current, const Dataset& train,
                                            const LandscapeRequest& request,
                                            const std::vector<RowMatrix>* path, LandscapeSlice* out,
                                            LandscapeWorkspace* workspace) {
    RowMatrix directionA, directionB;
    if (auto error =
            sliceDirections(request, packParameters(current), path, &directionA, &directionB)) {
        return error;
    }
    return computeLandscapeAlong(config, current, train, request, directionA, directionB, out,
                                 workspace);
}

std::optional<std::string> computeLandscapeAlong(
    const TrainerConfig& config, const LinearClassifier& current, const Dataset& train,
    const LandscapeRequest& request, const RowMatrix& directionA, const RowMatrix& directionB,
    LandscapeSlice* out, LandscapeWorkspace* workspace) {
    if (auto error = checkRequest(request)) return error;
    if (auto error = checkTrainerConfig(config)) return error;
    const int dimension = featureDimension(config.features);
    const int classes = current.classes();
    if (classes < kMinClasses || current.dimension() != dimension ||
        current.bias.size() != classes) {
        return "model: " + std::string(featureKey(config.features)) + " features need W of K x " +
               std::to_string(dimension) + " and b of K";
    }
    if (!current.weights.allFinite() || !current.bias.allFinite()) {
        return std::string("model: weights must be finite");
    }
    if (train.size() < 1 || train.points.rows() != train.size() || train.points.cols() != 2) {
        return std::string("training set: has no points");
    }
    for (Eigen::Index i = 0; i < train.size(); ++i) {
        if (train.labels[i] < 0 || train.labels[i] >= classes) {
            return "training set: label " + std::to_string(train.labels[i]) + " is outside 0.." +
                   std::to_string(classes - 1);
        }
    }
    LandscapeSlice slice;
    slice.origin = packParameters(current);
    if (directionA.rows() != slice.origin.rows() || directionA.cols() != slice.origin.cols() ||
        directionB.rows() != slice.origin.rows() || directionB.cols() != slice.origin.cols()) {
        return std::string("directions: must have the shape of [W | b]");
    }
    if (!directionA.allFinite() || !directionB.allFinite()) {
        return std::string("directions: must be finite");
    }
    slice.directionA = directionA;
    slice.directionB = directionB;

    LandscapeWorkspace local;
    LandscapeWorkspace& ws = workspace ? *workspace : local;
    // The points the objective is evaluated on: all, or a seeded subsample in original order.
    const Eigen::Index n = train.size();
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(n));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
    if (request.maxPoints > 0 && n > request.maxPoints) {
        std::mt19937_64 engine(request.seed ^ 0x9e3779b97f4a7c15ull);
        detail::shuffle(engine, rows, static_cast<std::uint64_t>(n));
        rows.resize(static_cast<std::size_t>(request.maxPoints));
        std::sort(rows.begin(), rows.end());
    }
    const Eigen::Index used = static_cast<Eigen::Index>(rows.size());
    RowMatrix points(used, 2);
    ws.labels.resize(used);
    for (Eigen::Index i = 0; i < used; ++i) {
        points.row(i) = train.points.row(rows[static_cast<std::size_t>(i)]);
        ws.labels[i] = train.labels[rows[static_cast<std::size_t>(i)]];
    }
    const RowMatrix phi = computeFeatures(config.features, points, config.rbfWidth);
    if (!phi.allFinite()) {
        return "features: " + std::string(featureKey(config.features)) +
               " overflows for these points (coordinates too large)";
    }
    ws.features.resize(used, dimension + 1);
    ws.features.leftCols(dimension) = phi;
    ws.features.col(dimension).setOnes();
    // S(α, β) = Φ̃ (θ* + αδ + βη)ᵀ = S* + α Sδ + β Sη.
    ws.originScores.noalias() = ws.features * slice.origin.transpose();
    ws.scoresA.noalias() = ws.features * slice.directionA.transpose();
    ws.scoresB.noalias() = ws.features * slice.directionB.transpose();
    ws.nodeScores.resize(used, classes);
    ws.nodeTheta.resize(classes, dimension + 1);
    RowMatrix nodeWeights(classes, dimension);

    const GridSpec spec = centredSpec(0.0, 0.0, request.halfWidth, request.resolution);
    slice.objective.reset(spec);
    for (int j = 0; j < spec.ny; ++j) {
        const double beta = spec.y(j);
        for (int i = 0; i < spec.nx; ++i) {
            const double alpha = spec.x(i);
            ws.nodeScores = ws.originScores + alpha * ws.scoresA + beta * ws.scoresB;
            const double data =
                batchLoss(config.loss, ws.nodeScores, ws.labels, config.lossOptions, nullptr);
            ws.nodeTheta = slice.origin + alpha * slice.directionA + beta * slice.directionB;
            nodeWeights = ws.nodeTheta.leftCols(dimension);
            slice.objective.at(i, j) = data + regularization(config, nodeWeights);
        }
    }
    slice.objective.updateRange();
    slice.pointsUsed = used;
    *out = std::move(slice);
    return std::nullopt;
}

Eigen::Vector2d projectOntoSlice(const LandscapeSlice& slice, const RowMatrix& theta) {
    if (theta.rows() != slice.origin.rows() || theta.cols() != slice.origin.cols() ||
        slice.directionA.size() != theta.size() || slice.directionB.size() != theta.size()) {
        return Eigen::Vector2d::Zero();
    }
    const RowMatrix difference = theta - slice.origin;
    const double aa = dot(slice.directionA, slice.directionA);
    const double ab = dot(slice.directionA, slice.directionB);
    const double bb = dot(slice.directionB, slice.directionB);
    const double ra = dot(slice.directionA, difference);
    const double rb = dot(slice.directionB, difference);
    const double det = aa * bb - ab * ab;
    if (!(aa > 0)) return Eigen::Vector2d::Zero();
    // Nearly parallel directions: the normal equations are ill-conditioned, so project on δ.
    if (!(det > 1e-12 * aa * bb)) return {ra / aa, 0.0};
    return {(ra * bb - rb * ab) / det, (rb * aa - ra * ab) / det};
}

}  // namespace losslab
