#pragma once
// A cache key from the values a derived image or grid depends on (FNV-1a over their bytes):
// panels recompute what they show only when the key changes.
#include <atomic>
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

// A revision no image or mesh has had before in this process. The GPU keeps a copy per owner
// and revision (panels/panel_gpu.hpp); drawn from one counter, a revision never comes back
// after a panel's state is reset, so an old copy can never pass for a new image.
inline std::uint64_t freshRevision() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
}

}  // namespace losslab
