#pragma once
// A generated dataset in one call, for tests: generate(DatasetKind::Blobs, 200, 3, 0.1, 1).
// A generator error fails the calling test.
#include <gtest/gtest.h>

#include <cstdint>

#include "losslab/dataset.hpp"

namespace losslab::testing {

inline Dataset generate(DatasetKind kind, Eigen::Index n, int classes, double noise,
                        std::uint64_t seed) {
    GeneratorOptions options;
    options.kind = kind;
    options.points = n;
    options.classes = classes;
    options.noise = noise;
    options.seed = seed;
    Dataset data;
    const auto error = generateDataset(options, &data);
    EXPECT_FALSE(error.has_value()) << *error;
    return data;
}

}  // namespace losslab::testing
