#pragma once
// Seeded random numbers that are identical on every platform and standard library.
// std::mt19937_64 is fully specified by the standard, but the std distributions (and
// std::shuffle) are not: libstdc++ and libc++ turn the same engine output into different
// numbers. Datasets and training runs must be reproducible from a seed alone, so the few
// distributions LossLab needs are written here on top of the raw engine output.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>

namespace losslab::detail {

inline constexpr double kPi = 3.14159265358979323846;

// Uniform in [0, 1) with 53 random bits.
inline double uniform01(std::mt19937_64& engine) {
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

// Standard normal by the Box–Muller transform; 1 − u keeps the log argument in (0, 1].
// Two draws per call, so the stream position depends only on the number of calls.
inline double standardNormal(std::mt19937_64& engine) {
    const double u = uniform01(engine);
    const double angle = 2.0 * kPi * uniform01(engine);
    return std::sqrt(-2.0 * std::log(1.0 - u)) * std::cos(angle);
}

// Uniform integer in [0, n) for n ≥ 1, without modulo bias: draws in the top partial
// range of the 64-bit output are rejected.
inline std::uint64_t uniformBelow(std::mt19937_64& engine, std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x = engine();
    while (x >= limit) {
        x = engine();
    }
    return x % n;
}

// Fisher–Yates shuffle of the first n entries of any indexable range.
template <typename Range>
void shuffle(std::mt19937_64& engine, Range& range, std::uint64_t n) {
    for (std::uint64_t i = n; i > 1; --i) {
        const std::uint64_t j = uniformBelow(engine, i);
        std::swap(range[static_cast<std::ptrdiff_t>(i - 1)], range[static_cast<std::ptrdiff_t>(j)]);
    }
}

}  // namespace losslab::detail
