// Datasets: seeded generators, the train/test split and the points CSV (docs/command-line.md).
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <tuple>

#include "../support/datasets.hpp"
#include "losslab/dataset.hpp"

namespace losslab {
namespace {

using testing::generate;

bool identical(const Dataset& a, const Dataset& b) {
    if (a.classes != b.classes || a.size() != b.size()) return false;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        // Bit-for-bit: the doubles must be equal, not merely close.
        if (a.points(i, 0) != b.points(i, 0) || a.points(i, 1) != b.points(i, 1) ||
            a.labels[i] != b.labels[i]) {
            return false;
        }
    }
    return true;
}

constexpr double kTwoPi = 6.283185307179586;

const DatasetKind kGenerated[] = {DatasetKind::Blobs, DatasetKind::Spiral, DatasetKind::Xor,
                                  DatasetKind::Circles, DatasetKind::Moons};

TEST(Dataset, KeysRoundTrip) {
    for (DatasetKind kind : kAllDatasetKinds) {
        ASSERT_TRUE(datasetFromKey(datasetKey(kind)).has_value());
        EXPECT_EQ(*datasetFromKey(datasetKey(kind)), kind);
    }
    EXPECT_EQ(datasetKey(DatasetKind::Spiral), "spiral");
    EXPECT_FALSE(datasetFromKey("gaussians").has_value());
}

TEST(Dataset, GeneratorsHaveTheRequestedSizeClassesAndLabels) {
    for (DatasetKind kind : kGenerated) {
        for (int classes : {2, 3, 7, 10}) {
            const Eigen::Index n = 301;
            const Dataset d = generate(kind, n, classes, 0.1, 5);
            SCOPED_TRACE(std::string(datasetKey(kind)) + " K=" + std::to_string(classes));
            EXPECT_EQ(d.classes, classes);
            ASSERT_EQ(d.size(), n);
            ASSERT_EQ(d.points.rows(), n);
            ASSERT_EQ(d.points.cols(), 2);
            EXPECT_TRUE(d.points.allFinite());
            EXPECT_GE(d.labels.minCoeff(), 0);
            EXPECT_LT(d.labels.maxCoeff(), classes);
            // Balanced: N/K points per class, the remainder to the lowest classes.
            for (int k = 0; k < classes; ++k) {
                const auto count = (d.labels.array() == k).count();
                EXPECT_EQ(count, n / classes + (k < n % classes ? 1 : 0)) << "class " << k;
            }
            // Roughly inside [-1, 1]² (noise 0.1 adds a few standard deviations at most).
            EXPECT_LT(d.points.cwiseAbs().maxCoeff(), 1.8);
        }
    }
}

TEST(Dataset, GeneratorsAreDeterministicPerSeed) {
    for (DatasetKind kind : kGenerated) {
        SCOPED_TRACE(std::string(datasetKey(kind)));
        const Dataset a = generate(kind, 200, 4, 0.2, 42);
        const Dataset b = generate(kind, 200, 4, 0.2, 42);
        const Dataset c = generate(kind, 200, 4, 0.2, 43);
        EXPECT_TRUE(identical(a, b));
        EXPECT_FALSE(identical(a, c));
    }
}

TEST(Dataset, NoiseFreeGeometry) {
    // Blobs sit exactly on their centres on the circle of radius 0.6.
    const Dataset blobs = generate(DatasetKind::Blobs, 4, 4, 0.0, 1);
    for (Eigen::Index i = 0; i < 4; ++i) {
        EXPECT_NEAR(blobs.points.row(i).norm(), 0.6, 1e-15);
        const double angle = std::atan2(blobs.points(i, 1), blobs.points(i, 0));
        EXPECT_NEAR(std::remainder(angle - kTwoPi * blobs.labels[i] / 4, kTwoPi), 0.0, 1e-12);
    }
    // Rings: class k at radius (k + 1)/K.
    const Dataset circles = generate(DatasetKind::Circles, 60, 3, 0.0, 1);
    for (Eigen::Index i = 0; i < circles.size(); ++i) {
        EXPECT_NEAR(circles.points.row(i).norm(), (circles.labels[i] + 1) / 3.0, 1e-14);
    }
    // XOR with two classes: class 0 where x1·x2 > 0.
    const Dataset xorData = generate(DatasetKind::Xor, 400, 2, 0.0, 3);
    for (Eigen::Index i = 0; i < xorData.size(); ++i) {
        EXPECT_EQ(xorData.labels[i], xorData.points(i, 0) * xorData.points(i, 1) > 0 ? 0 : 1);
    }
    // Spiral arms run from the centre to radius 1.
    const Dataset spiral = generate(DatasetKind::Spiral, 30, 3, 0.0, 1);
    EXPECT_NEAR(spiral.points.row(0).norm(), 0.0, 1e-15);
    EXPECT_NEAR(spiral.points.row(9).norm(), 1.0, 1e-15);
}

TEST(Dataset, Toy3IsFixed) {
    const Dataset a = generate(DatasetKind::Toy3, 300, 3, 0.1, 1);
    const Dataset b = generate(DatasetKind::Toy3, 5, 3, 0.5, 99);
    EXPECT_EQ(a.size(), 9);
    EXPECT_EQ(a.classes, 3);
    EXPECT_TRUE(identical(a, b));
    for (int k = 0; k < 3; ++k) {
        EXPECT_EQ((a.labels.array() == k).count(), 3);
    }
    GeneratorOptions options;
    options.kind = DatasetKind::Toy3;
    options.classes = 4;
    Dataset untouched;
    const auto error = generateDataset(options, &untouched);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("classes"), std::string::npos) << *error;
    EXPECT_EQ(untouched.size(), 0);
}

TEST(Dataset, BadGeneratorOptionsNameTheField) {
    struct Case {
        Eigen::Index points;
        int classes;
        double noise;
        const char* field;
    };
    for (const Case& c :
         {Case{0, 3, 0.1, "points"}, Case{1000001, 3, 0.1, "points"}, Case{10, 1, 0.1, "classes"},
          Case{10, 11, 0.1, "classes"}, Case{10, 3, -0.1, "noise"}, Case{10, 3, NAN, "noise"},
          Case{10, 3, 11, "noise"}}) {
        GeneratorOptions options;
        options.points = c.points;
        options.classes = c.classes;
        options.noise = c.noise;
        Dataset data = generate(DatasetKind::Blobs, 5, 2, 0.1, 1);
        const auto error = generateDataset(options, &data);
        ASSERT_TRUE(error.has_value()) << c.field;
        EXPECT_EQ(error->rfind(c.field, 0), 0u) << *error;
        EXPECT_EQ(data.size(), 5) << "the output must stay as it was";
    }
}

TEST(Dataset, SplitIsASeededPartition) {
    const Dataset all = generate(DatasetKind::Moons, 101, 2, 0.1, 7);
    Dataset train, test;
    ASSERT_FALSE(splitDataset(all, 0.3, 11, &train, &test).has_value());
    EXPECT_EQ(test.size(), 30);
    EXPECT_EQ(train.size(), 71);
    EXPECT_EQ(train.classes, 2);
    EXPECT_EQ(test.classes, 2);
    // Together they are exactly the original points.
    std::multiset<std::tuple<double, double, int>> original, parts;
    for (Eigen::Index i = 0; i < all.size(); ++i) {
        original.emplace(all.points(i, 0), all.points(i, 1), all.labels[i]);
    }
    for (const Dataset* part : {&train, &test}) {
        for (Eigen::Index i = 0; i < part->size(); ++i) {
            parts.emplace(part->points(i, 0), part->points(i, 1), part->labels[i]);
        }
    }
    EXPECT_EQ(original, parts);
    // Same seed, same split; another seed, another split.
    Dataset train2, test2, train3, test3;
    ASSERT_FALSE(splitDataset(all, 0.3, 11, &train2, &test2).has_value());
    ASSERT_FALSE(splitDataset(all, 0.3, 12, &train3, &test3).has_value());
    EXPECT_TRUE(identical(train, train2));
    EXPECT_TRUE(identical(test, test2));
    EXPECT_FALSE(identical(test, test3));
    // A bad fraction is an error and leaves the outputs alone.
    EXPECT_TRUE(splitDataset(all, 1.0, 1, &train2, &test2).has_value());
    EXPECT_TRUE(splitDataset(all, -0.1, 1, &train2, &test2).has_value());
    EXPECT_TRUE(identical(train, train2));
}

TEST(PointsCsv, RoundTripIsExact) {
    Dataset data = generate(DatasetKind::Spiral, 50, 3, 0.3, 2);
    data.points(0, 0) = 0.1;  // not representable in few digits
    data.points(1, 1) = -1e-300;
    const std::string text = formatPointsCsv(data);
    EXPECT_EQ(text.rfind("x1,x2,label\n", 0), 0u);
    Dataset back;
    const auto error = parsePointsCsv(text, 0, &back);
    ASSERT_FALSE(error.has_value()) << *error;
    EXPECT_TRUE(identical(data, back));

    char path[] = "/tmp/losslab_points_XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    ASSERT_FALSE(savePointsCsv(path, data).has_value());
    Dataset loaded;
    const auto loadError = loadPointsCsv(path, 0, &loaded);
    std::remove(path);
    ASSERT_FALSE(loadError.has_value()) << *loadError;
    EXPECT_TRUE(identical(data, loaded));
}

TEST(PointsCsv, ClassesAreInferredOrGiven) {
    Dataset d;
    ASSERT_FALSE(parsePointsCsv("x1,x2,label\n0,0,0\n1,1,2\n", 0, &d).has_value());
    EXPECT_EQ(d.classes, 3);  // max label + 1
    ASSERT_FALSE(parsePointsCsv("x1,x2,label\n0,0,0\n", 0, &d).has_value());
    EXPECT_EQ(d.classes, 2);  // never fewer than two
    ASSERT_FALSE(parsePointsCsv("x1,x2,label\n0,0,0\n1,1,2\n", 5, &d).has_value());
    EXPECT_EQ(d.classes, 5);
    // Lenient where it is harmless: BOM, CRLF, spaces, blank lines.
    ASSERT_FALSE(parsePointsCsv("\xEF\xBB\xBFx1, x2 ,label\r\n\r\n 0.5 , -2,1\r\n\n", 0, &d));
    ASSERT_EQ(d.size(), 1);
    EXPECT_EQ(d.points(0, 0), 0.5);
    EXPECT_EQ(d.points(0, 1), -2.0);
    EXPECT_EQ(d.labels[0], 1);
}

struct BadCsv {
    std::string text;
    int classes;
    std::string mustMention;  // e.g. "line 3"
    std::string andMention;
};

class PointsCsvBad : public ::testing::TestWithParam<BadCsv> {};

TEST_P(PointsCsvBad, ErrorNamesTheLineAndLeavesTheDatasetAlone) {
    Dataset d = generate(DatasetKind::Blobs, 7, 2, 0.1, 1);
    const Dataset before = d;
    const auto error = parsePointsCsv(GetParam().text, GetParam().classes, &d);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find(GetParam().mustMention), std::string::npos) << *error;
    EXPECT_NE(error->find(GetParam().andMention), std::string::npos) << *error;
    EXPECT_EQ(error->find('\n'), std::string::npos) << "one line: " << *error;
    EXPECT_TRUE(identical(d, before));
}

INSTANTIATE_TEST_SUITE_P(
    All, PointsCsvBad,
    ::testing::Values(BadCsv{"", 0, "empty file", "x1,x2,label"},
                      BadCsv{"\n  \n", 0, "empty file", "header"},
                      BadCsv{"0.5,0.2,1\n1,2,0\n", 0, "line 1", "header"},
                      BadCsv{"x,y,label\n1,2,0\n", 0, "line 1", "header"},
                      BadCsv{"x1,x2,label\n", 0, "no data rows", "line 1"},
                      BadCsv{"x1,x2,label\n1,2,0\n3,abc,1\n", 0, "line 3",
                             "x2: 'abc' is not a number"},
                      BadCsv{"x1,x2,label\n1e400,2,0\n", 0, "line 2", "finite"},
                      BadCsv{"x1,x2,label\nnan,2,0\n", 0, "line 2", "x1"},
                      BadCsv{"x1,x2,label\ninf,2,0\n", 0, "line 2", "x1"},
                      BadCsv{"x1,x2,label\n1,2\n", 0, "line 2", "3 columns"},
                      BadCsv{"x1,x2,label\n1,2,0,4\n", 0, "line 2", "got 4"},
                      BadCsv{"x1,x2,label\n1,2,-1\n", 0, "line 2", "negative"},
                      BadCsv{"x1,x2,label\n1,2,1.5\n", 0, "line 2", "whole number"},
                      BadCsv{"x1,x2,label\n1,2,\n", 0, "line 2", "label"},
                      BadCsv{"x1,x2,label\n1,2,0\n1,2,3\n", 3, "line 3", "number of classes 3"},
                      BadCsv{"x1,x2,label\n1,2,1000\n", 0, "line 2", "limit of 1000 classes"},
                      BadCsv{"x1,x2,label\n1,2,0\n\n\n5,6,x\n", 0, "line 5", "label"},
                      BadCsv{"x1,x2,label\n1,2,0\n", 1, "classes", "out of range"},
                      BadCsv{"x1,x2,label\n1,2,0\n", 1001, "classes", "out of range"}),
    [](const ::testing::TestParamInfo<BadCsv>& param) {
        return "case" + std::to_string(param.index);
    });

TEST(PointsCsv, TooManyPoints) {
    std::string text = "x1,x2,label\n";
    for (Eigen::Index i = 0; i < kMaxDatasetPoints + 1; ++i) {
        text += "0,0,0\n";
    }
    Dataset d;
    const auto error = parsePointsCsv(text, 0, &d);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("line " + std::to_string(kMaxDatasetPoints + 2)), std::string::npos)
        << *error;
    EXPECT_NE(error->find("too many points"), std::string::npos) << *error;
}

TEST(PointsCsv, FileErrors) {
    Dataset d;
    const auto missing = loadPointsCsv("/nonexistent/points.csv", 0, &d);
    ASSERT_TRUE(missing.has_value());
    EXPECT_NE(missing->find("cannot open"), std::string::npos) << *missing;
    const auto directory = loadPointsCsv("/tmp", 0, &d);
    ASSERT_TRUE(directory.has_value());
    EXPECT_EQ(d.size(), 0);
}

TEST(PointsCsv, FileLargerThanTheLimit) {
    char path[] = "/tmp/losslab_big_XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    // A sparse file: the size limit must trigger before any parsing.
    ASSERT_EQ(ftruncate(fd, static_cast<off_t>(kMaxCsvBytes) + 1), 0);
    close(fd);
    Dataset d;
    const auto error = loadPointsCsv(path, 0, &d);
    std::remove(path);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("64 MB"), std::string::npos) << *error;
}

}  // namespace
}  // namespace losslab
