// Regression data: the checks, the seeded `line` dataset and the x,y CSV (regression.hpp).
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

#include "../csv_text.hpp"
#include "../seeded_random.hpp"
#include "losslab/dataset.hpp"
#include "losslab/parse.hpp"
#include "losslab/regression.hpp"

namespace losslab {

namespace {

std::string range(Eigen::Index lo, Eigen::Index hi) {
    return "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

}  // namespace

std::optional<std::string> checkRegressionData(const RegressionData& data) {
    const Eigen::Index n = data.size();
    if (data.y.size() != n) {
        return "points: " + std::to_string(n) + " x values but " + std::to_string(data.y.size()) +
               " y values";
    }
    if (n < kMinRegressionPoints) {
        return "points: " + std::to_string(n) + " is fewer than " +
               std::to_string(kMinRegressionPoints) + " (a line needs two points)";
    }
    if (n > kMaxDatasetPoints) {
        return "points: " + std::to_string(n) + " is more than the limit of " +
               std::to_string(kMaxDatasetPoints);
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!std::isfinite(data.x[i]) || !std::isfinite(data.y[i])) {
            return "points: point " + std::to_string(i) + " is not finite";
        }
    }
    return std::nullopt;
}

bool allXEqual(const RegressionData& data) {
    return data.size() == 0 || data.x.minCoeff() == data.x.maxCoeff();
}

std::optional<std::string> checkLineDatasetOptions(const LineDatasetOptions& options) {
    if (options.points < kMinRegressionPoints || options.points > kMaxDatasetPoints) {
        return "points: " + std::to_string(options.points) + " is out of range " +
               range(kMinRegressionPoints, kMaxDatasetPoints);
    }
    if (!std::isfinite(options.noise) || options.noise < 0 || options.noise > 10) {
        return std::string("noise: must be a finite number in [0, 10]");
    }
    if (options.outliers < 0 || options.outliers > options.points) {
        return "outliers: " + std::to_string(options.outliers) + " is out of range " +
               range(0, options.points) + " (at most the number of points)";
    }
    return std::nullopt;
}

std::optional<std::string> generateLineDataset(const LineDatasetOptions& options,
                                               RegressionData* out) {
    if (auto error = checkLineDatasetOptions(options)) return error;
    const Eigen::Index n = options.points;
    std::mt19937_64 random(options.seed);
    RegressionData d;
    d.x.resize(n);
    d.y.resize(n);
    // Each loop draws one kind of number, in the order regression.hpp documents.
    for (Eigen::Index i = 0; i < n; ++i) {
        d.x[i] = -1.0 + 2.0 * detail::uniform01(random);
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        const double noise = options.noise * detail::standardNormal(random);
        d.y[i] = kLineDatasetSlope * d.x[i] + kLineDatasetIntercept + noise;
    }
    // The first `outliers` entries of a partial Fisher–Yates shuffle are distinct indices,
    // each equally likely.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    for (Eigen::Index k = 0; k < options.outliers; ++k) {
        const auto remaining = static_cast<std::uint64_t>(n - k);
        const auto pick = k + static_cast<Eigen::Index>(detail::uniformBelow(random, remaining));
        std::swap(order[static_cast<std::size_t>(k)], order[static_cast<std::size_t>(pick)]);
    }
    for (Eigen::Index k = 0; k < options.outliers; ++k) {
        const double lift = kLineDatasetOutlierLift * (1.0 + detail::uniform01(random));
        d.y[order[static_cast<std::size_t>(k)]] += lift;
    }
    *out = std::move(d);
    return std::nullopt;
}

std::optional<std::string> parseRegressionCsv(std::string_view text, RegressionData* out) {
    text = detail::withoutByteOrderMark(text);
    std::vector<double> xs;
    std::vector<double> ys;
    bool sawHeader = false;
    long long headerLine = 0;
    detail::LineReader lines(text);
    std::string_view line;
    while (lines.next(&line)) {
        const long long lineNumber = lines.number();
        if (trim(line).empty()) continue;
        const std::vector<std::string_view> fields = detail::splitFields(line);
        if (!sawHeader) {
            if (fields.size() != 2 || fields[0] != "x" || fields[1] != "y") {
                return detail::lineError(
                    lineNumber, "expected the header 'x,y', got " + detail::shownText(trim(line)));
            }
            sawHeader = true;
            headerLine = lineNumber;
            continue;
        }
        if (fields.size() != 2) {
            return detail::lineError(
                lineNumber, "expected 2 columns (x,y), got " + std::to_string(fields.size()));
        }
        if (static_cast<Eigen::Index>(xs.size()) >= kMaxDatasetPoints) {
            return detail::lineError(lineNumber, "too many points (the limit is " +
                                                     std::to_string(kMaxDatasetPoints) + ")");
        }
        double x = 0.0;
        double y = 0.0;
        if (auto error = parseFiniteDouble(fields[0], &x)) {
            return detail::lineError(lineNumber, "x: " + *error);
        }
        if (auto error = parseFiniteDouble(fields[1], &y)) {
            return detail::lineError(lineNumber, "y: " + *error);
        }
        xs.push_back(x);
        ys.push_back(y);
    }
    if (!sawHeader) return std::string("empty file (expected the header line 'x,y')");
    if (static_cast<Eigen::Index>(xs.size()) < kMinRegressionPoints) {
        return detail::lineError(headerLine, std::to_string(xs.size()) +
                                                 " data rows after the header (a line needs " +
                                                 std::to_string(kMinRegressionPoints) + ")");
    }
    RegressionData d;
    const auto n = static_cast<Eigen::Index>(xs.size());
    d.x = Eigen::Map<const Vec>(xs.data(), n);
    d.y = Eigen::Map<const Vec>(ys.data(), n);
    *out = std::move(d);
    return std::nullopt;
}

std::optional<std::string> loadRegressionCsv(const std::string& path, RegressionData* out) {
    std::string text;
    if (auto error = detail::readBoundedFile(path, kMaxCsvBytes, &text)) return error;
    return parseRegressionCsv(text, out);
}

std::string formatRegressionCsv(const RegressionData& data) {
    std::string out = "x,y\n";
    char line[64];
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        std::snprintf(line, sizeof line, "%.17g,%.17g\n", data.x[i], data.y[i]);
        out += line;
    }
    return out;
}

}  // namespace losslab
