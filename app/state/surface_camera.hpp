#pragma once
// Where the 3D surface view's camera puts things, as plain math: the GL renderer
// (session/render/surface_renderer.cpp) and the 3D panel's figure (drawn on any canvas) use
// the same projection, height scale, normals and light, so a figure shows what the screen does.
#include <array>

#include "state/surface_mesh.hpp"

namespace losslab {

// The value axis of the unit box, relative to its half-width.
inline constexpr float kSurfaceHeightScale = 1.1f;

// Column-major 4x4, as GLSL expects.
using SurfaceMatrix = std::array<float, 16>;

// Projection × view for `camera` looking at the unit box in a width x height image.
SurfaceMatrix surfaceViewProjection(const OrbitCamera& camera, int width, int height);

struct SurfacePixel {
    float x = 0, y = 0;  // pixels from the image's top-left corner
    float depth = 0;     // distance along the view direction (larger is farther)
};
// Where a normalized point (x, y in [−1, 1], z in [0, 1] before the height scale) lands; false
// if it is behind the camera.
bool projectOnSurfaceView(const SurfaceMatrix& viewProjection, const std::array<float, 3>& point,
                          int width, int height, SurfacePixel* out);

// The unit normal of the mesh's height field at node (i, j), from central differences in
// display units (heights times kSurfaceHeightScale).
std::array<float, 3> surfaceNormal(const SurfaceMesh& mesh, int i, int j);
// How bright a face with this normal is under the view's light, 0.45–1 (two-sided).
float surfaceShade(const std::array<float, 3>& normal);

}  // namespace losslab
