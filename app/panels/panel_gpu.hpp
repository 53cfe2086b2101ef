#pragma once
// How panels get pixels onto the screen besides ImDrawList (DESIGN.md rule 4): they hand the
// state's images and meshes to this interface, and the session's renderer keeps the GL objects
// (session/render/gpu_cache.hpp). Panels never call GL, and the state holds no GL object.
#include <imgui.h>

#include <array>
#include <cstdint>
#include <string>

#include "losslab/colormap.hpp"
#include "plot/screen_plot.hpp"
#include "state/surface_mesh.hpp"

namespace losslab {

// Images become textures through plot::TextureSource::texture.
class PanelGpu : public plot::TextureSource {
  public:
    // `mesh` lit and colour-mapped, seen by `camera`, at width x height pixels: rendered
    // again only when the mesh's revision, the camera, the size or the background changed.
    // Returns 0 with a message if the driver refuses. The texture's row 0 is the bottom row.
    virtual ImTextureID surface(const void* owner, const SurfaceMesh& mesh,
                                std::uint64_t meshRevision, int width, int height,
                                const OrbitCamera& camera, const float background[4],
                                std::string* error) = 0;
    // Where a normalized point of that surface lands in its image (pixels from the top-left);
    // false if it is behind the camera.
    virtual bool projectOnSurface(const void* owner, const std::array<float, 3>& point, int width,
                                  int height, const OrbitCamera& camera, ImVec2* pixel) = 0;
};

}  // namespace losslab
