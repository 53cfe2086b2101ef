#include "render/gpu_cache.hpp"

namespace losslab {

ImTextureID GpuCache::texture(const void* owner, const Rgba8Image& image, std::uint64_t revision,
                              bool smooth) {
    if (image.width <= 0 || image.height <= 0 || image.pixels.empty()) return ImTextureID{};
    std::unique_ptr<Entry>& entry = textures_[owner];
    if (!entry) entry = std::make_unique<Entry>();
    if (entry->revision != revision || !entry->texture.valid()) {
        entry->texture.upload(image.pixels.data(), image.width, image.height, smooth);
        entry->revision = revision;
    }
    return entry->texture.id();
}

GpuCache::Surface& GpuCache::surface(const void* owner) {
    std::unique_ptr<Surface>& entry = surfaces_[owner];
    if (!entry) entry = std::make_unique<Surface>();
    return *entry;
}

void GpuCache::clear() {
    textures_.clear();
    surfaces_.clear();
}

}  // namespace losslab
