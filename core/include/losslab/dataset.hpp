#pragma once
// 2-D classification datasets: seeded generators, a train/test split, and the points CSV
// of docs/command-line.md. Every function that can fail returns an error message and leaves its
// output untouched, so a bad file or a bad parameter never half-replaces the caller's dataset.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "losslab/types.hpp"

namespace losslab {

struct Dataset {
    RowMatrix points;  // N x 2, one point (x1, x2) a row
    IntVec labels;     // N labels, each in [0, classes)
    int classes = 0;   // K ≥ 2 (a class may have no points)

    Eigen::Index size() const { return labels.size(); }
};

// Limits that keep a file or a command line from exhausting memory.
inline constexpr Eigen::Index kMaxDatasetPoints = 1000000;
inline constexpr int kMinClasses = 2;
inline constexpr int kMaxGeneratedClasses = 10;
inline constexpr int kMaxCsvClasses = 1000;
inline constexpr std::uintmax_t kMaxCsvBytes = 64u * 1024u * 1024u;

// The generators. All place their points roughly inside [-1, 1]², and `noise` is in the
// same units; points are generated class by class (class 0 first), with N/K points per
// class and the remainder going to the lowest classes.
//   blobs   : Gaussian blobs (std = noise) around K centres on the circle of radius 0.6.
//   spiral  : the CS231n K-arm spiral: arm k starts at angle 2πk/K, radius runs 0 → 1 while
//             the angle turns 4 radians; the angle is jittered with std 2·noise
//             (noise 0.1 gives CS231n's 0.2).
//   xor     : a K x K checkerboard on [-1, 1]² whose cell (i, j) has class (i + j) mod K
//             (K = 2 is the classic XOR of the quadrants); uniform in a cell, then jittered
//             with std = noise.
//   circles : concentric rings, class k at radius (k + 1)/K, jittered with std = noise.
//   moons   : K interleaving half circles (scikit-learn's two moons for K = 2, continued
//             left to right for more classes), scaled into [-1, 1] and jittered.
//   toy3    : the CS231n-style toy: 9 hand-placed points, 3 per class; needs K = 3 and
//             ignores N, noise and seed.
enum class DatasetKind { Blobs, Spiral, Xor, Circles, Moons, Toy3 };
inline constexpr std::array<DatasetKind, 6> kAllDatasetKinds = {
    DatasetKind::Blobs,   DatasetKind::Spiral, DatasetKind::Xor,
    DatasetKind::Circles, DatasetKind::Moons,  DatasetKind::Toy3};

std::string_view datasetKey(DatasetKind kind);  // "blobs", "spiral", ...
std::optional<DatasetKind> datasetFromKey(std::string_view key);

struct GeneratorOptions {
    DatasetKind kind = DatasetKind::Blobs;
    Eigen::Index points = 300;  // N in [1, kMaxDatasetPoints]
    int classes = 3;            // K in [kMinClasses, kMaxGeneratedClasses]
    double noise = 0.1;         // finite, in [0, 10]
    std::uint64_t seed = 1;
};

// Checks the options; the message names the field ("points", "classes", "noise").
std::optional<std::string> checkGeneratorOptions(const GeneratorOptions& options);
// Generates a dataset; the same options always give the same points, bit for bit.
// On bad options returns the message of checkGeneratorOptions and leaves `out` untouched.
std::optional<std::string> generateDataset(const GeneratorOptions& options, Dataset* out);

// Splits `all` into a training and a test set by a seeded shuffle: round(N·testFraction)
// points go to the test set, the rest (at least one) to training, both in shuffled order.
// testFraction must be in [0, 1). On error neither output is touched.
std::optional<std::string> splitDataset(const Dataset& all, double testFraction, std::uint64_t seed,
                                        Dataset* train, Dataset* test);

// Points CSV (docs/command-line.md): a header line `x1,x2,label`, then one point a line. Spaces
// around fields, CRLF line ends, a UTF-8 byte-order mark and blank lines are accepted. Coordinates
// must be finite numbers, labels whole numbers ≥ 0.
// `classes` = 0 infers K = max(max label + 1, 2), at most kMaxCsvClasses; a K > 0 given by
// the caller must be in [2, kMaxCsvClasses] and every label must be below it. At most
// kMaxDatasetPoints points. Errors name the line: "line 4: x2: 'abc' is not a number".
std::optional<std::string> parsePointsCsv(std::string_view text, int classes, Dataset* out);
// Reads a file of at most kMaxCsvBytes and parses it; errors also cover unreadable files.
std::optional<std::string> loadPointsCsv(const std::string& path, int classes, Dataset* out);

// Writes the CSV with %.17g coordinates, so that loading it gives back the same doubles.
std::string formatPointsCsv(const Dataset& data);
std::optional<std::string> savePointsCsv(const std::string& path, const Dataset& data);

}  // namespace losslab
