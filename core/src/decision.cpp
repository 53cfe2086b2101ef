#include "losslab/decision.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace losslab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Rounds a channel value that is already in [0, 255] (a mix of two bytes): halves go up,
// the same as std::round for non-negative numbers, without a library call per pixel.
std::uint8_t roundChannel(double value) {
    return static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0) + 0.5);
}

struct ChannelMix {
    double r, g, b;
};

std::optional<std::string> checkModel(const LinearClassifier& model, FeatureMap map,
                                      double rbfWidth) {
    const int dimension = featureDimension(map);
    if (model.classes() < kMinClasses) {
        return "model: needs at least " + std::to_string(kMinClasses) + " classes";
    }
    if (model.dimension() != dimension || model.bias.size() != model.classes()) {
        std::ostringstream out;
        out << "model: " << featureKey(map) << " features need W of K x " << dimension
            << " and b of K, got W of " << model.weights.rows() << " x " << model.weights.cols()
            << " and b of " << model.bias.size();
        return out.str();
    }
    if (!model.weights.allFinite() || !model.bias.allFinite()) {
        return std::string("model: weights must be finite");
    }
    if (!std::isfinite(rbfWidth) || rbfWidth <= 0) {
        return std::string("rbf width: must be a finite number > 0");
    }
    return std::nullopt;
}

// Sizes the workspace for blocks of `capacity` samples, K classes and D features; a
// workspace that already has these sizes is left alone (no allocation).
void prepare(DecisionWorkspace& ws, Eigen::Index capacity, Eigen::Index classes,
             Eigen::Index dimension) {
    auto ensure = [](Eigen::ArrayXXd& a, Eigen::Index rows, Eigen::Index cols) {
        if (a.rows() != rows || a.cols() != cols) a.resize(rows, cols);
    };
    auto ensureVector = [](auto& a, Eigen::Index rows) {
        if (a.size() != rows) a.resize(rows);
    };
    ensureVector(ws.x, capacity);
    ensureVector(ws.y, capacity);
    ensure(ws.features, capacity, dimension);
    ensure(ws.scores, capacity, classes);
    ensure(ws.rbfX, capacity, kRbfGridSide);
    ensure(ws.rbfY, capacity, kRbfGridSide);
    ensureVector(ws.best, capacity);
    ensureVector(ws.second, capacity);
    ensureVector(ws.total, capacity);
    ensureVector(ws.winner, capacity);
}

// Features of the first n samples (ws.x, ws.y) into ws.features, column by column, in the
// order of computeFeatures (features.hpp) and with the same products, so that the values
// agree with it exactly for the polynomial maps.
void blockFeatures(FeatureMap map, double rbfWidth, DecisionWorkspace& ws, Eigen::Index n) {
    const auto x = ws.x.head(n);
    const auto y = ws.y.head(n);
    auto f = ws.features.topRows(n);
    if (map == FeatureMap::Rbf) {
        // exp(−|p − c|²/(2σ²)) = exp(−(x − c1)²/(2σ²)) · exp(−(y − c2)²/(2σ²)): ten exps per
        // sample instead of twenty-five.
        const double scale = -1.0 / (2.0 * rbfWidth * rbfWidth);
        for (int i = 0; i < kRbfGridSide; ++i) {
            const double c1 = rbfCentre(i).x();
            const double c2 = rbfCentre(i * kRbfGridSide).y();
            ws.rbfX.col(i).head(n) = (scale * (x - c1).square()).exp();
            ws.rbfY.col(i).head(n) = (scale * (y - c2).square()).exp();
        }
        for (int j = 0; j < kRbfGridSide; ++j) {
            for (int i = 0; i < kRbfGridSide; ++i) {
                f.col(j * kRbfGridSide + i) = ws.rbfX.col(i).head(n) * ws.rbfY.col(j).head(n);
            }
        }
        return;
    }
    f.col(0) = x;
    f.col(1) = y;
    if (map == FeatureMap::Linear) return;
    f.col(2) = x * x;
    f.col(3) = x * y;
    f.col(4) = y * y;
    if (map == FeatureMap::Poly2) return;
    f.col(5) = x * x * x;
    f.col(6) = x * x * y;
    f.col(7) = x * y * y;
    f.col(8) = y * y * y;
}

// rbf features factor into a column part and a row part (see blockFeatures), and so do the
// scores: s_k(x, y) = b_k + Σ_j gy_j(y) · A_kj(x) with A_kj(x) = Σ_i W_k,(5j+i) · gx_i(x).
// Every row of a raster has the same columns, so A is computed once per raster and a pixel
// costs 5 multiply-adds per class instead of 10 exps, 25 products and a 25 x K product.
void rbfRasterScores(const LinearClassifier& model, double rbfWidth, DecisionWorkspace& ws,
                     Eigen::Index n, Eigen::Index width, bool columnsReady) {
    const int classes = model.classes();
    const double scale = -1.0 / (2.0 * rbfWidth * rbfWidth);
    if (!columnsReady) {
        const auto x = ws.x.head(width);
        ws.rbfColumns.resize(width, classes * kRbfGridSide);
        for (int i = 0; i < kRbfGridSide; ++i) {
            ws.rbfX.col(i).head(width) = (scale * (x - rbfCentre(i).x()).square()).exp();
        }
        for (int k = 0; k < classes; ++k) {
            for (int j = 0; j < kRbfGridSide; ++j) {
                auto a = ws.rbfColumns.col(k * kRbfGridSide + j);
                a.setZero();
                for (int i = 0; i < kRbfGridSide; ++i) {
                    a += model.weights(k, j * kRbfGridSide + i) * ws.rbfX.col(i).head(width);
                }
            }
        }
    }
    for (Eigen::Index r = 0; r < n / width; ++r) {
        const double y = ws.y[r * width];
        double gy[kRbfGridSide];
        for (int j = 0; j < kRbfGridSide; ++j) {
            const double d = y - rbfCentre(j * kRbfGridSide).y();
            gy[j] = std::exp(scale * d * d);
        }
        for (int k = 0; k < classes; ++k) {
            auto s = ws.scores.col(k).segment(r * width, width);
            s.setConstant(model.bias[k]);
            for (int j = 0; j < kRbfGridSide; ++j) {
                s += gy[j] * ws.rbfColumns.col(k * kRbfGridSide + j);
            }
        }
    }
}

// Scores of the first n samples into ws.scores (one class a column). The samples are whole
// rows of `width` pixels with the same columns in every row; `columnsReady` says an earlier
// block of the same raster already did the per-column work.
void blockScores(const LinearClassifier& model, FeatureMap map, double rbfWidth,
                 DecisionWorkspace& ws, Eigen::Index n, Eigen::Index width, bool columnsReady) {
    if (map == FeatureMap::Rbf) {
        rbfRasterScores(model, rbfWidth, ws, n, width, columnsReady);
        return;
    }
    blockFeatures(map, rbfWidth, ws, n);
    auto scores = ws.scores.topRows(n);
    scores.matrix().noalias() = ws.features.topRows(n).matrix() * model.weights.transpose();
    for (int k = 0; k < model.classes(); ++k) {
        scores.col(k) += model.bias[k];
    }
}

// Runs `body(firstRow, rowCount, n)` over blocks of whole rows of a rows x width raster, with
// ws.x/ws.y of the block's n = rowCount·width samples filled from xs (per column) and
// yOfRow(row).
template <typename YOfRow, typename Body>
void forEachRowBlock(DecisionWorkspace& ws, int rows, const Eigen::ArrayXd& xs, YOfRow yOfRow,
                     Body body) {
    const Eigen::Index width = xs.size();
    const int rowsPerBlock =
        static_cast<int>(std::max<Eigen::Index>(1, kDecisionBlockPixels / width));
    for (int first = 0; first < rows; first += rowsPerBlock) {
        const int count = std::min(rowsPerBlock, rows - first);
        for (int r = 0; r < count; ++r) {
            ws.x.segment(r * width, width) = xs;
            ws.y.segment(r * width, width).setConstant(yOfRow(first + r));
        }
        body(first, count, static_cast<Eigen::Index>(count) * width);
    }
}

Eigen::Index blockCapacity(int width) {
    const Eigen::Index rowsPerBlock = std::max(1, kDecisionBlockPixels / width);
    return rowsPerBlock * width;
}

ChannelMix toMix(const Rgb8& c) {
    return {static_cast<double>(c.r), static_cast<double>(c.g), static_cast<double>(c.b)};
}

}  // namespace

double regionMix(const RegionStyle& style, double confidence, int classes) {
    if (style.shading == RegionShading::Hard) return style.strongMix;
    const double uniform = 1.0 / std::max(classes, 2);
    const double w = std::clamp((confidence - uniform) / (1.0 - uniform), 0.0, 1.0);
    return style.weakMix + (style.strongMix - style.weakMix) * w;
}

Rgb8 regionColor(const RegionStyle& style, int classIndex, double confidence, int classes) {
    if (!std::isfinite(confidence)) return style.background;
    const ChannelMix bg = toMix(style.background);
    const ChannelMix c = toMix(classColor(classIndex));
    const double m = regionMix(style, confidence, classes);
    return {roundChannel(bg.r + (c.r - bg.r) * m), roundChannel(bg.g + (c.g - bg.g) * m),
            roundChannel(bg.b + (c.b - bg.b) * m)};
}

std::optional<std::string> checkDecisionInputs(const LinearClassifier& model, FeatureMap map,
                                               double rbfWidth, const DecisionView& view,
                                               const RegionStyle& style) {
    if (auto error = checkModel(model, map, rbfWidth)) return error;
    if (!std::isfinite(view.xMin) || !std::isfinite(view.xMax) || !std::isfinite(view.yMin) ||
        !std::isfinite(view.yMax) || !(view.xMin < view.xMax) || !(view.yMin < view.yMax)) {
        return std::string("view: ranges must be finite with min < max");
    }
    if (view.width < 1 || view.height < 1 || view.width > kMaxDecisionSide ||
        view.height > kMaxDecisionSide) {
        std::ostringstream out;
        out << "view: needs 1 to " << kMaxDecisionSide << " pixels per side, got " << view.width
            << " x " << view.height;
        return out.str();
    }
    if (!std::isfinite(style.temperature) || style.temperature <= 0) {
        return std::string("temperature: must be a finite number > 0");
    }
    auto share = [](double m) { return std::isfinite(m) && m >= 0 && m <= 1; };
    if (!share(style.weakMix) || !share(style.strongMix)) {
        return std::string("shading: colour shares must be in [0, 1]");
    }
    return std::nullopt;
}

std::optional<std::string> computeDecisionImage(const LinearClassifier& model, FeatureMap map,
                                                double rbfWidth, const DecisionView& view,
                                                const RegionStyle& style, Rgba8Image* out,
                                                DecisionWorkspace* workspace) {
    if (auto error = checkDecisionInputs(model, map, rbfWidth, view, style)) return error;
    DecisionWorkspace local;
    DecisionWorkspace& ws = workspace ? *workspace : local;
    const int classes = model.classes();
    prepare(ws, blockCapacity(view.width), classes, model.dimension());
    out->width = view.width;
    out->height = view.height;
    out->pixels.resize(static_cast<std::size_t>(view.width) * view.height * 4);

    const double dx = (view.xMax - view.xMin) / view.width;
    const double dy = (view.yMax - view.yMin) / view.height;
    const Eigen::ArrayXd xs =
        view.xMin + dx * (Eigen::ArrayXd::LinSpaced(view.width, 0, view.width - 1) + 0.5);
    auto yOfRow = [&](int r) { return view.yMax - (r + 0.5) * dy; };

    // Per-class colour differences and the mix of every confidence, hoisted out of the loop.
    std::vector<ChannelMix> colors(static_cast<std::size_t>(classes));
    const ChannelMix bg = toMix(style.background);
    for (int k = 0; k < classes; ++k) {
        const ChannelMix c = toMix(classColor(k));
        colors[static_cast<std::size_t>(k)] = {c.r - bg.r, c.g - bg.g, c.b - bg.b};
    }
    const double invT = 1.0 / style.temperature;
    const double uniform = 1.0 / classes;
    const bool hard = style.shading == RegionShading::Hard;

    forEachRowBlock(ws, view.height, xs, yOfRow, [&](int firstRow, int, Eigen::Index n) {
        blockScores(model, map, rbfWidth, ws, n, xs.size(), firstRow > 0);
        const auto scores = ws.scores.topRows(n);
        auto best = ws.best.head(n);
        auto winner = ws.winner.head(n);
        best = scores.col(0);
        winner.setZero();
        for (int k = 1; k < classes; ++k) {
            // Strict >: the lowest index wins ties, as predict() does.
            winner = (scores.col(k) > best).select(k, winner);
            best = best.max(scores.col(k));
        }
        // max p = e^0 / Σ_j e^((s_j − max s)/T) = 1 / Σ_j e^((s_j − max s)/T).
        auto total = ws.total.head(n);
        total = ((scores.col(0) - best) * invT).exp();
        for (int k = 1; k < classes; ++k) {
            total += ((scores.col(k) - best) * invT).exp();
        }
        // The colour share of every pixel, vectorized; NaN where the scores were not finite.
        auto mix = ws.second.head(n);
        if (hard) {
            mix.setConstant(style.strongMix);
        } else {
            const double spread = style.strongMix - style.weakMix;
            mix = style.weakMix +
                  spread * ((total.inverse() - uniform) / (1.0 - uniform)).max(0.0).min(1.0);
        }
        mix = (total.isFinite() && best.isFinite()).select(mix, kNaN);
        std::uint8_t* pixel = out->pixels.data() + static_cast<std::size_t>(firstRow) *
                                                       static_cast<std::size_t>(view.width) * 4;
        for (Eigen::Index i = 0; i < n; ++i, pixel += 4) {
            const double m = mix[i];
            pixel[3] = 255;
            if (!(m >= 0)) {  // NaN: non-finite scores
                pixel[0] = style.background.r;
                pixel[1] = style.background.g;
                pixel[2] = style.background.b;
                continue;
            }
            const ChannelMix& c = colors[static_cast<std::size_t>(winner[i])];
            pixel[0] = roundChannel(bg.r + c.r * m);
            pixel[1] = roundChannel(bg.g + c.g * m);
            pixel[2] = roundChannel(bg.b + c.b * m);
        }
    });
    return std::nullopt;
}

std::optional<std::string> computeClassMargins(const LinearClassifier& model, FeatureMap map,
                                               double rbfWidth, const GridSpec& spec,
                                               std::vector<Grid>* out,
                                               DecisionWorkspace* workspace) {
    if (auto error = checkModel(model, map, rbfWidth)) return error;
    if (auto error = checkGridSpec(spec)) return "grid: " + *error;
    DecisionWorkspace local;
    DecisionWorkspace& ws = workspace ? *workspace : local;
    const int classes = model.classes();
    prepare(ws, blockCapacity(spec.nx), classes, model.dimension());
    out->resize(static_cast<std::size_t>(classes));
    for (Grid& grid : *out) {
        grid.reset(spec);
    }
    Eigen::ArrayXd xs(spec.nx);
    for (int i = 0; i < spec.nx; ++i) {
        xs[i] = spec.x(i);
    }
    auto yOfRow = [&](int j) { return spec.y(j); };
    constexpr double kLowest = -std::numeric_limits<double>::infinity();

    forEachRowBlock(ws, spec.ny, xs, yOfRow, [&](int firstRow, int, Eigen::Index n) {
        blockScores(model, map, rbfWidth, ws, n, xs.size(), firstRow > 0);
        const auto scores = ws.scores.topRows(n);
        // The largest and second-largest score of each node, and which class is largest:
        // max_{j≠k} s_j is the second largest for the winner and the largest for the others.
        auto best = ws.best.head(n);
        auto second = ws.second.head(n);
        auto winner = ws.winner.head(n);
        best = scores.col(0);
        second.setConstant(kLowest);
        winner.setZero();
        for (int k = 1; k < classes; ++k) {
            second = second.max(best.min(scores.col(k)));
            winner = (scores.col(k) > best).select(k, winner);
            best = best.max(scores.col(k));
        }
        const std::size_t offset = static_cast<std::size_t>(firstRow) * spec.nx;
        for (int k = 0; k < classes; ++k) {
            double* values = (*out)[static_cast<std::size_t>(k)].values.data() + offset;
            for (Eigen::Index i = 0; i < n; ++i) {
                const double s = scores(i, k);
                const double rival = winner[i] == k ? second[i] : best[i];
                const double m = s - rival;
                values[i] = std::isfinite(s) && std::isfinite(rival) ? m : kNaN;
            }
        }
    });
    for (Grid& grid : *out) {
        grid.updateRange();
    }
    return std::nullopt;
}

std::optional<std::string> scorePoints(const LinearClassifier& model, FeatureMap map,
                                       double rbfWidth, const Dataset& data, PointScores* out) {
    if (auto error = checkModel(model, map, rbfWidth)) return error;
    if (data.points.cols() != 2 || data.points.rows() != data.labels.size()) {
        return std::string("points: must be N x 2 with one label each");
    }
    const int classes = model.classes();
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        if (data.labels[i] < 0 || data.labels[i] >= classes) {
            return "points: label " + std::to_string(data.labels[i]) + " of point " +
                   std::to_string(i) + " is outside 0.." + std::to_string(classes - 1);
        }
    }
    PointScores result;
    model.scores(computeFeatures(map, data.points, rbfWidth), &result.scores);
    predict(result.scores, &result.predicted);
    result.margins.resize(data.size());
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        const int y = data.labels[i];
        double rival = -std::numeric_limits<double>::infinity();
        for (int j = 0; j < classes; ++j) {
            if (j != y) rival = std::max(rival, result.scores(i, j));
        }
        result.margins[i] = result.scores(i, y) - rival;
    }
    *out = std::move(result);
    return std::nullopt;
}

}  // namespace losslab
