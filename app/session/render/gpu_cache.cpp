#include "session/render/gpu_cache.hpp"

#include <functional>

namespace losslab {

ImTextureID GpuCache::texture(const void* owner, const Rgba8Image& image, std::uint64_t revision,
                              bool smooth) {
    if (image.width <= 0 || image.height <= 0 || image.pixels.empty()) return ImTextureID{};
    std::unique_ptr<Image>& entry = images_[owner];
    if (!entry) entry = std::make_unique<Image>();
    if (entry->revision != revision || !entry->texture.valid()) {
        entry->texture.upload(image.pixels.data(), image.width, image.height, smooth);
        entry->revision = revision;
    }
    return entry->texture.id();
}

ImTextureID GpuCache::surface(const void* owner, const SurfaceMesh& mesh,
                              std::uint64_t meshRevision, int width, int height,
                              const OrbitCamera& camera, const float background[4],
                              std::string* error) {
    std::unique_ptr<Surface>& entry = surfaces_[owner];
    if (!entry) entry = std::make_unique<Surface>();
    if (entry->meshRevision != meshRevision) {
        entry->renderer.setMesh(mesh);
        entry->meshRevision = meshRevision;
        entry->renderKey = ~std::uint64_t{0};
    }
    // Render only when something changed: a software rasterizer draws the lit mesh in
    // milliseconds, and an orbiting view is the only thing that changes every frame.
    std::uint64_t key = meshRevision ^ (static_cast<std::uint64_t>(width) << 20) ^
                        (static_cast<std::uint64_t>(height) << 34);
    const float values[] = {camera.yawDegrees, camera.pitchDegrees, camera.distance,
                            background[0],     background[1],       background[2]};
    for (float v : values)
        key = key * 1099511628211ull ^ std::hash<float>{}(v);
    if (key != entry->renderKey) {
        if (!entry->renderer.render(width, height, camera, background, error)) {
            entry->renderKey = ~std::uint64_t{0};
            return ImTextureID{};
        }
        entry->renderKey = key;
    }
    return entry->renderer.texture();
}

bool GpuCache::projectOnSurface(const void* owner, const std::array<float, 3>& point, int width,
                                int height, const OrbitCamera& camera, ImVec2* pixel) {
    const auto it = surfaces_.find(owner);
    if (it == surfaces_.end()) return false;
    return it->second->renderer.project(point, width, height, camera, pixel);
}

void GpuCache::clear() {
    images_.clear();
    surfaces_.clear();
}

}  // namespace losslab
