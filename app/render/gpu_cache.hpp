#pragma once
// The GL objects that show what the state holds: textures of the state's images and the 3D
// surface renderer. The session owns one; panels get it in their draw step. The state itself
// holds only pixels and revisions (DESIGN.md rule 4), so it can be copied, reset and tested
// without a GL context, and the same panel draws on screen, headless and into a figure.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <unordered_map>

#include "losslab/colormap.hpp"
#include "render/surface_renderer.hpp"
#include "render/texture.hpp"

namespace losslab {

class GpuCache {
  public:
    GpuCache() = default;
    GpuCache(const GpuCache&) = delete;
    GpuCache& operator=(const GpuCache&) = delete;

    // The texture showing `image`, uploaded again only when `revision` differs from the one
    // uploaded for `owner` (the state object the image belongs to). An empty image gives 0.
    ImTextureID texture(const void* owner, const Rgba8Image& image, std::uint64_t revision,
                        bool smooth = true);

    // The 3D renderer of `owner`, with the mesh revision it last received and the key of its
    // last render (so a panel re-renders only when the mesh, camera or size changed).
    struct Surface {
        SurfaceRenderer renderer;
        std::uint64_t meshRevision = ~std::uint64_t{0};
        std::uint64_t renderKey = ~std::uint64_t{0};
    };
    Surface& surface(const void* owner);

    // Frees every GL object (call while the context is current).
    void clear();

  private:
    struct Entry {
        std::uint64_t revision = ~std::uint64_t{0};
        Texture texture;
    };
    std::unordered_map<const void*, std::unique_ptr<Entry>> textures_;
    std::unordered_map<const void*, std::unique_ptr<Surface>> surfaces_;
};

}  // namespace losslab
