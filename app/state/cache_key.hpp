#pragma once
// A cache key from the values a derived image or grid depends on (FNV-1a over their bytes):
// panels recompute what they show only when the key changes.
#include <cstdint>
#include <cstring>
#include <initializer_list>

namespace losslab {

inline std::uint64_t cacheKey(std::initializer_list<double> values) {
    std::uint64_t hash = 14695981039346656037ull;
    for (double v : values) {
        unsigned char bytes[sizeof(double)];
        std::memcpy(bytes, &v, sizeof v);
        for (unsigned char b : bytes) {
            hash ^= b;
            hash *= 1099511628211ull;
        }
    }
    return hash;
}

}  // namespace losslab
