#pragma once
// The GL objects that show what the state holds: textures of the state's images and the 3D
// surface renderers, keyed by the state object they show. The session owns one and hands it
// to the panels as their PanelGpu; AppState holds only pixels and revisions, so it can be
// copied, reset and tested without a GL context.
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "panels/panel_gpu.hpp"
#include "session/render/surface_renderer.hpp"
#include "session/render/texture.hpp"

namespace losslab {

class GpuCache final : public PanelGpu {
  public:
    GpuCache() = default;
    GpuCache(const GpuCache&) = delete;
    GpuCache& operator=(const GpuCache&) = delete;

    ImTextureID texture(const void* owner, const Rgba8Image& image, std::uint64_t revision,
                        bool smooth = true) override;
    ImTextureID surface(const void* owner, const SurfaceMesh& mesh, std::uint64_t meshRevision,
                        int width, int height, const OrbitCamera& camera, const float background[4],
                        std::string* error) override;
    bool projectOnSurface(const void* owner, const std::array<float, 3>& point, int width,
                          int height, const OrbitCamera& camera, ImVec2* pixel) override;

    // Frees every GL object (call while the context is current).
    void clear();

  private:
    struct Image {
        std::uint64_t revision = ~std::uint64_t{0};
        Texture texture;
    };
    struct Surface {
        SurfaceRenderer renderer;
        std::uint64_t meshRevision = ~std::uint64_t{0};
        std::uint64_t renderKey = ~std::uint64_t{0};  // mesh, size, camera, background
    };
    std::unordered_map<const void*, std::unique_ptr<Image>> images_;
    std::unordered_map<const void*, std::unique_ptr<Surface>> surfaces_;
};

}  // namespace losslab
