#include "losslab/dataset.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <vector>

#include "csv_text.hpp"
#include "losslab/parse.hpp"
#include "seeded_random.hpp"

namespace losslab {

std::string_view datasetKey(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::Blobs:
            return "blobs";
        case DatasetKind::Spiral:
            return "spiral";
        case DatasetKind::Xor:
            return "xor";
        case DatasetKind::Circles:
            return "circles";
        case DatasetKind::Moons:
            return "moons";
        case DatasetKind::Toy3:
            return "toy3";
    }
    return "";
}

std::optional<DatasetKind> datasetFromKey(std::string_view key) {
    for (DatasetKind kind : kAllDatasetKinds) {
        if (datasetKey(kind) == key) return kind;
    }
    return std::nullopt;
}

std::optional<std::string> checkGeneratorOptions(const GeneratorOptions& options) {
    if (options.kind == DatasetKind::Toy3) {
        if (options.classes != 3) {
            return "classes: toy3 has exactly 3 classes, got " + std::to_string(options.classes);
        }
        return std::nullopt;
    }
    if (options.points < 1 || options.points > kMaxDatasetPoints) {
        return "points: " + std::to_string(options.points) + " is out of range [1, " +
               std::to_string(kMaxDatasetPoints) + "]";
    }
    if (options.classes < kMinClasses || options.classes > kMaxGeneratedClasses) {
        return "classes: " + std::to_string(options.classes) + " is out of range [" +
               std::to_string(kMinClasses) + ", " + std::to_string(kMaxGeneratedClasses) + "]";
    }
    if (!std::isfinite(options.noise) || options.noise < 0 || options.noise > 10) {
        return std::string("noise: must be a finite number in [0, 10]");
    }
    return std::nullopt;
}

namespace {

using detail::kPi;
using detail::standardNormal;
using detail::uniform01;
// The generators draw from one engine; every draw goes through these helpers.
using Random = std::mt19937_64;

// Number of points of class k when N points are shared by K classes.
Eigen::Index pointsOfClass(Eigen::Index n, int classes, int k) {
    return n / classes + (k < n % classes ? 1 : 0);
}

// Position of the i-th of `count` points along a curve parameter in [0, 1].
double along(Eigen::Index i, Eigen::Index count) {
    return count > 1 ? static_cast<double>(i) / static_cast<double>(count - 1) : 0.0;
}

// Writes one point. Random draws are taken into named variables before any call like
// this one, because the evaluation order of function arguments is unspecified and the
// sequence of draws must not depend on the compiler.
void put(Dataset& d, Eigen::Index row, double x1, double x2, int label) {
    d.points(row, 0) = x1;
    d.points(row, 1) = x2;
    d.labels[row] = label;
}

void generateToy3(Dataset& d) {
    // Three points per class, one class per region of the plane, placed by hand so that a
    // linear classifier separates them and the weight vectors point into their regions.
    constexpr double kPoints[9][2] = {{0.50, 0.45},  {0.75, 0.25},  {0.25, 0.80},
                                      {-0.45, 0.30}, {-0.30, 0.75}, {-0.75, 0.15},
                                      {0.65, -0.45}, {0.30, -0.60}, {-0.35, -0.55}};
    d.classes = 3;
    d.points.resize(9, 2);
    d.labels.resize(9);
    for (int i = 0; i < 9; ++i) {
        put(d, i, kPoints[i][0], kPoints[i][1], i / 3);
    }
}

// Fills one class's rows of `d`; `point(i, count, random, &x1, &x2)` gives its i-th point.
template <typename PointOfClass>
void generateByClass(Dataset& d, Eigen::Index n, Random& random, PointOfClass point) {
    Eigen::Index row = 0;
    for (int k = 0; k < d.classes; ++k) {
        const Eigen::Index count = pointsOfClass(n, d.classes, k);
        for (Eigen::Index i = 0; i < count; ++i) {
            double x1 = 0.0;
            double x2 = 0.0;
            point(k, i, count, random, &x1, &x2);
            put(d, row++, x1, x2, k);
        }
    }
}

}  // namespace

std::optional<std::string> generateDataset(const GeneratorOptions& options, Dataset* out) {
    if (auto error = checkGeneratorOptions(options)) return error;
    Dataset d;
    if (options.kind == DatasetKind::Toy3) {
        generateToy3(d);
        *out = std::move(d);
        return std::nullopt;
    }
    const Eigen::Index n = options.points;
    const int classes = options.classes;
    const double noise = options.noise;
    d.classes = classes;
    d.points.resize(n, 2);
    d.labels.resize(n);
    Random random(options.seed);
    switch (options.kind) {
        case DatasetKind::Blobs:
            generateByClass(
                d, n, random,
                [&](int k, Eigen::Index, Eigen::Index, Random& r, double* x1, double* x2) {
                    constexpr double kRadius = 0.6;
                    const double angle = 2.0 * kPi * k / classes;
                    const double jitter1 = noise * standardNormal(r);
                    const double jitter2 = noise * standardNormal(r);
                    *x1 = kRadius * std::cos(angle) + jitter1;
                    *x2 = kRadius * std::sin(angle) + jitter2;
                });
            break;
        case DatasetKind::Spiral:
            generateByClass(
                d, n, random,
                [&](int k, Eigen::Index i, Eigen::Index count, Random& r, double* x1, double* x2) {
                    constexpr double kTurn = 4.0;  // radians an arm turns from centre to rim
                    const double radius = along(i, count);
                    const double jitter = 2.0 * noise * standardNormal(r);
                    const double angle = 2.0 * kPi * k / classes + kTurn * radius + jitter;
                    *x1 = radius * std::sin(angle);
                    *x2 = radius * std::cos(angle);
                });
            break;
        case DatasetKind::Xor:
            generateByClass(
                d, n, random,
                [&](int k, Eigen::Index, Eigen::Index, Random& r, double* x1, double* x2) {
                    const double cell = 2.0 / classes;
                    const int column = static_cast<int>(
                        detail::uniformBelow(r, static_cast<std::uint64_t>(classes)));
                    const int row = (k - column + classes) % classes;  // (column + row) mod K = k
                    const double u1 = uniform01(r);
                    const double u2 = uniform01(r);
                    const double jitter1 = noise * standardNormal(r);
                    const double jitter2 = noise * standardNormal(r);
                    *x1 = -1.0 + cell * (column + u1) + jitter1;
                    *x2 = -1.0 + cell * (row + u2) + jitter2;
                });
            break;
        case DatasetKind::Circles:
            generateByClass(
                d, n, random,
                [&](int k, Eigen::Index, Eigen::Index, Random& r, double* x1, double* x2) {
                    const double radius = static_cast<double>(k + 1) / classes;
                    const double angle = 2.0 * kPi * uniform01(r);
                    const double jitter1 = noise * standardNormal(r);
                    const double jitter2 = noise * standardNormal(r);
                    *x1 = radius * std::cos(angle) + jitter1;
                    *x2 = radius * std::sin(angle) + jitter2;
                });
            break;
        case DatasetKind::Moons:
            generateByClass(
                d, n, random,
                [&](int k, Eigen::Index i, Eigen::Index count, Random& r, double* x1, double* x2) {
                    // Moon k is the upper (k even) or lower (k odd) unit half circle centred at
                    // (k, 0) or (k, 0.5): x spans [-1, K] and y spans [-0.5, 1] before scaling.
                    const double t = kPi * along(i, count);
                    const double side = k % 2 == 0 ? 1.0 : -1.0;
                    const double centreY = k % 2 == 0 ? 0.0 : 0.5;
                    const double scale = 2.0 / (classes + 1);
                    const double jitter1 = noise * standardNormal(r);
                    const double jitter2 = noise * standardNormal(r);
                    *x1 = (k + side * std::cos(t) - 0.5 * (classes - 1)) * scale + jitter1;
                    *x2 = (centreY + side * std::sin(t) - 0.25) * scale + jitter2;
                });
            break;
        case DatasetKind::Toy3:
            break;  // handled above
    }
    *out = std::move(d);
    return std::nullopt;
}

std::optional<std::string> splitDataset(const Dataset& all, double testFraction, std::uint64_t seed,
                                        Dataset* train, Dataset* test) {
    const Eigen::Index n = all.size();
    if (!std::isfinite(testFraction) || testFraction < 0 || testFraction >= 1) {
        return std::string("test fraction: must be in [0, 1)");
    }
    if (n < 1 || all.points.rows() != n || all.points.cols() != 2) {
        return std::string("dataset: no points to split");
    }
    const Eigen::Index testCount =
        std::min<Eigen::Index>(std::llround(static_cast<double>(n) * testFraction), n - 1);
    IntVec order(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        order[i] = static_cast<int>(i);
    }
    std::mt19937_64 random(seed);
    detail::shuffle(random, order, static_cast<std::uint64_t>(n));

    auto gather = [&](Eigen::Index first, Eigen::Index count) {
        Dataset part;
        part.classes = all.classes;
        part.points.resize(count, 2);
        part.labels.resize(count);
        for (Eigen::Index i = 0; i < count; ++i) {
            part.points.row(i) = all.points.row(order[first + i]);
            part.labels[i] = all.labels[order[first + i]];
        }
        return part;
    };
    Dataset testPart = gather(0, testCount);
    Dataset trainPart = gather(testCount, n - testCount);
    *train = std::move(trainPart);
    *test = std::move(testPart);
    return std::nullopt;
}

std::optional<std::string> parsePointsCsv(std::string_view text, int classes, Dataset* out) {
    if (classes != 0 && (classes < kMinClasses || classes > kMaxCsvClasses)) {
        return "classes: " + std::to_string(classes) + " is out of range [" +
               std::to_string(kMinClasses) + ", " + std::to_string(kMaxCsvClasses) + "]";
    }
    text = detail::withoutByteOrderMark(text);
    const int labelLimit = classes != 0 ? classes : kMaxCsvClasses;
    std::vector<double> coordinates;
    std::vector<int> labels;
    bool sawHeader = false;
    long long headerLine = 0;
    int maxLabel = -1;
    detail::LineReader lines(text);
    std::string_view line;
    while (lines.next(&line)) {
        const long long lineNumber = lines.number();
        if (trim(line).empty()) continue;
        const std::vector<std::string_view> fields = detail::splitFields(line);
        if (!sawHeader) {
            if (fields.size() != 3 || fields[0] != "x1" || fields[1] != "x2" ||
                fields[2] != "label") {
                return detail::lineError(lineNumber, "expected the header 'x1,x2,label', got " +
                                                         detail::shownText(trim(line)));
            }
            sawHeader = true;
            headerLine = lineNumber;
            continue;
        }
        if (fields.size() != 3) {
            return detail::lineError(lineNumber, "expected 3 columns (x1,x2,label), got " +
                                                     std::to_string(fields.size()));
        }
        if (static_cast<Eigen::Index>(labels.size()) >= kMaxDatasetPoints) {
            return detail::lineError(lineNumber, "too many points (the limit is " +
                                                     std::to_string(kMaxDatasetPoints) + ")");
        }
        double x1 = 0.0;
        double x2 = 0.0;
        if (auto error = parseFiniteDouble(fields[0], &x1)) {
            return detail::lineError(lineNumber, "x1: " + *error);
        }
        if (auto error = parseFiniteDouble(fields[1], &x2)) {
            return detail::lineError(lineNumber, "x2: " + *error);
        }
        long long label = 0;
        if (auto error = parseInteger(fields[2], LLONG_MIN, LLONG_MAX, &label)) {
            return detail::lineError(lineNumber, "label: " + *error);
        }
        if (label < 0) {
            return detail::lineError(
                lineNumber, "label: " + std::to_string(label) + " is negative (labels are 0..K-1)");
        }
        if (label >= labelLimit) {
            if (classes != 0) {
                return detail::lineError(lineNumber, "label: " + std::to_string(label) +
                                                         " is not below the number of classes " +
                                                         std::to_string(classes) +
                                                         " (labels are 0.." +
                                                         std::to_string(classes - 1) + ")");
            }
            return detail::lineError(lineNumber,
                                     "label: " + std::to_string(label) + " exceeds the limit of " +
                                         std::to_string(kMaxCsvClasses) + " classes (labels 0.." +
                                         std::to_string(kMaxCsvClasses - 1) + ")");
        }
        coordinates.push_back(x1);
        coordinates.push_back(x2);
        labels.push_back(static_cast<int>(label));
        maxLabel = std::max(maxLabel, static_cast<int>(label));
    }
    if (!sawHeader) return std::string("empty file (expected the header line 'x1,x2,label')");
    if (labels.empty()) {
        return detail::lineError(headerLine, "no data rows after the header");
    }
    Dataset d;
    const auto n = static_cast<Eigen::Index>(labels.size());
    d.points = Eigen::Map<const RowMatrix>(coordinates.data(), n, 2);
    d.labels = Eigen::Map<const IntVec>(labels.data(), n);
    d.classes = classes != 0 ? classes : std::max(maxLabel + 1, kMinClasses);
    *out = std::move(d);
    return std::nullopt;
}

std::optional<std::string> loadPointsCsv(const std::string& path, int classes, Dataset* out) {
    std::string text;
    if (auto error = detail::readBoundedFile(path, kMaxCsvBytes, &text)) return error;
    return parsePointsCsv(text, classes, out);
}

std::string formatPointsCsv(const Dataset& data) {
    std::string out = "x1,x2,label\n";
    char line[96];
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        std::snprintf(line, sizeof line, "%.17g,%.17g,%d\n", data.points(i, 0), data.points(i, 1),
                      data.labels[i]);
        out += line;
    }
    return out;
}

std::optional<std::string> savePointsCsv(const std::string& path, const Dataset& data) {
    return detail::writeWholeFile(path, formatPointsCsv(data));
}

}  // namespace losslab
