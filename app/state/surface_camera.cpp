#include "state/surface_camera.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

namespace {

using Vec3 = std::array<float, 3>;

SurfaceMatrix multiply(const SurfaceMatrix& a, const SurfaceMatrix& b) {
    SurfaceMatrix r{};
    for (int c = 0; c < 4; ++c) {
        for (int row = 0; row < 4; ++row) {
            float sum = 0;
            for (int k = 0; k < 4; ++k)
                sum += a[k * 4 + row] * b[c * 4 + k];
            r[c * 4 + row] = sum;
        }
    }
    return r;
}

SurfaceMatrix perspective(float fovyRadians, float aspect, float near, float far) {
    const float f = 1.0f / std::tan(fovyRadians * 0.5f);
    SurfaceMatrix m{};
    m[0] = f / aspect;
    m[5] = f;
    m[10] = (far + near) / (near - far);
    m[11] = -1.0f;
    m[14] = 2.0f * far * near / (near - far);
    return m;
}

Vec3 normalize(Vec3 v) {
    const float n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return {v[0] / n, v[1] / n, v[2] / n};
}

float dot(const Vec3& a, const Vec3& b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

SurfaceMatrix lookAt(const Vec3& eye, const Vec3& centre, const Vec3& up) {
    auto sub = [](const Vec3& a, const Vec3& b) {
        return Vec3{a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    };
    auto cross = [](const Vec3& a, const Vec3& b) {
        return Vec3{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                    a[0] * b[1] - a[1] * b[0]};
    };
    const Vec3 f = normalize(sub(centre, eye));
    const Vec3 s = normalize(cross(f, up));
    const Vec3 u = cross(s, f);
    SurfaceMatrix m{};
    m[0] = s[0], m[4] = s[1], m[8] = s[2];
    m[1] = u[0], m[5] = u[1], m[9] = u[2];
    m[2] = -f[0], m[6] = -f[1], m[10] = -f[2];
    m[12] = -dot(s, eye), m[13] = -dot(u, eye), m[14] = dot(f, eye);
    m[15] = 1.0f;
    return m;
}

}  // namespace

SurfaceMatrix surfaceViewProjection(const OrbitCamera& camera, int width, int height) {
    const float yaw = camera.yawDegrees * 3.14159265f / 180.0f;
    const float pitch = std::clamp(camera.pitchDegrees, 5.0f, 89.0f) * 3.14159265f / 180.0f;
    const float distance = std::clamp(camera.distance, 1.5f, 10.0f);
    const Vec3 centre{{0.0f, 0.0f, kSurfaceHeightScale * 0.45f}};
    const Vec3 eye{{centre[0] + distance * std::cos(pitch) * std::cos(yaw),
                    centre[1] + distance * std::cos(pitch) * std::sin(yaw),
                    centre[2] + distance * std::sin(pitch)}};
    const SurfaceMatrix view = lookAt(eye, centre, {{0.0f, 0.0f, 1.0f}});
    const SurfaceMatrix projection = perspective(
        0.62f, static_cast<float>(width) / static_cast<float>(std::max(height, 1)), 0.1f, 50.0f);
    return multiply(projection, view);
}

bool projectOnSurfaceView(const SurfaceMatrix& vp, const std::array<float, 3>& point, int width,
                          int height, SurfacePixel* out) {
    const float x = point[0], y = point[1], z = point[2] * kSurfaceHeightScale;
    const float cx = vp[0] * x + vp[4] * y + vp[8] * z + vp[12];
    const float cy = vp[1] * x + vp[5] * y + vp[9] * z + vp[13];
    const float cw = vp[3] * x + vp[7] * y + vp[11] * z + vp[15];
    if (cw <= 1e-6f) return false;
    out->x = (cx / cw * 0.5f + 0.5f) * static_cast<float>(width);
    out->y = (1.0f - (cy / cw * 0.5f + 0.5f)) * static_cast<float>(height);
    out->depth = cw;  // the perspective's w is the distance along the view direction
    return true;
}

std::array<float, 3> surfaceNormal(const SurfaceMesh& mesh, int i, int j) {
    const int nx = mesh.nx, ny = mesh.ny;
    const float dx = 2.0f / static_cast<float>(nx - 1), dy = 2.0f / static_cast<float>(ny - 1);
    auto h = [&](int a, int b) {
        a = std::clamp(a, 0, nx - 1);
        b = std::clamp(b, 0, ny - 1);
        const float v = mesh.heights[static_cast<std::size_t>(b) * nx + a];
        return std::isfinite(v) ? v * kSurfaceHeightScale : 0.0f;
    };
    const float gx = (h(i + 1, j) - h(i - 1, j)) /
                     (dx * static_cast<float>(std::min(i + 1, nx - 1) - std::max(i - 1, 0)));
    const float gy = (h(i, j + 1) - h(i, j - 1)) /
                     (dy * static_cast<float>(std::min(j + 1, ny - 1) - std::max(j - 1, 0)));
    const float n = std::sqrt(gx * gx + gy * gy + 1.0f);
    return {-gx / n, -gy / n, 1.0f / n};
}

float surfaceShade(const std::array<float, 3>& normal) {
    // The renderer's fragment shader has the same light and the same two-sided diffuse term.
    const Vec3 light = normalize({-0.4f, -0.5f, 0.9f});
    return 0.45f + 0.55f * std::abs(dot(normal, light));
}

}  // namespace losslab
