#pragma once
// The 3D view of a loss surface: a lit, colour-mapped height field rendered offscreen into a
// texture (so it shows in an ImGui panel and exports headless like any other panel), with
// a polyline on the surface (the descent path) and the three axes.
#include <imgui.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "session/render/framebuffer.hpp"
#include "state/surface_mesh.hpp"

namespace losslab {

class SurfaceRenderer {
  public:
    SurfaceRenderer();
    ~SurfaceRenderer();
    SurfaceRenderer(const SurfaceRenderer&) = delete;
    SurfaceRenderer& operator=(const SurfaceRenderer&) = delete;

    // Replaces the mesh (call only when the surface changed: it re-uploads vertex buffers).
    void setMesh(const SurfaceMesh& mesh);
    // Renders at width x height pixels with the given camera and background; returns false
    // with a message if GL refuses. The result stays in texture() until the next render.
    bool render(int width, int height, const OrbitCamera& camera, const float background[4],
                std::string* error);
    ImTextureID texture() const;
    // Where a normalized point lands in the rendered image (pixels from its top-left), so
    // labels can be drawn with ImGui; false if it is behind the camera.
    bool project(const std::array<float, 3>& point, int width, int height,
                 const OrbitCamera& camera, ImVec2* pixel) const;

  private:
    struct GlObjects;
    std::unique_ptr<GlObjects> gl_;
    Framebuffer target_{Framebuffer::Depth::WithDepth};
    int indexCount_ = 0;
    int pathCount_ = 0;
    bool showMarker_ = true;
    std::array<float, 3> marker_{{0, 0, 0}};
};

}  // namespace losslab
