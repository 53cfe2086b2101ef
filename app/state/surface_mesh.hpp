#pragma once
// What the 3D surface view shows, as plain data (no GL): the state builds it in the surface
// panel's update step and the renderer uploads it when its revision changes.
#include <array>
#include <cstdint>
#include <vector>

namespace losslab {

struct OrbitCamera {
    float yawDegrees = -35.0f;   // rotation about the vertical axis
    float pitchDegrees = 30.0f;  // elevation above the x-y plane, clamped to [5, 89]
    float distance = 5.6f;       // from the centre of the unit box, clamped to [1.5, 10]
};

// The surface in normalized coordinates: x, y in [−1, 1] (the grid's two axes), z in [0, 1]
// (the value), one RGBA colour per node. Nodes are row-major, row 0 at y = −1.
struct SurfaceMesh {
    int nx = 0, ny = 0;
    std::vector<float> heights;              // nx·ny, NaN = hole
    std::vector<std::uint8_t> colors;        // nx·ny·4
    std::vector<std::array<float, 3>> path;  // polyline on the surface, normalized coords
    std::array<float, 3> marker{{0, 0, 0}};  // the current point
    bool showMarker = true;
};

}  // namespace losslab
