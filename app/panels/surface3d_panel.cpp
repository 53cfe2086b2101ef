// 3D surface: the loss-surface grid as a lit, colour-mapped mesh (rendered offscreen into a
// texture), the current point and the descent path on it; drag to orbit, wheel to zoom.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "panels/panels.hpp"
#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"
#include "state/cache_key.hpp"
#include "state/surface_camera.hpp"

namespace losslab {

namespace {

float normalizedHeight(double value, const Grid& grid, bool logHeight) {
    if (!std::isfinite(value)) return NAN;
    const double lo = grid.minValue, hi = grid.maxValue;
    if (!(hi > lo)) return 0.0f;
    if (logHeight) {
        return static_cast<float>(std::log1p(value - lo) / std::log1p(hi - lo));
    }
    return static_cast<float>((value - lo) / (hi - lo));
}

void rebuildMesh(AppState& state) {
    Surface3DPanelState& ui = state.panels.surface3d;
    const SurfacePanelState& surface = state.panels.surface;
    const Grid& grid = surface.heatmap.grid;
    const Rgba8Image& image = surface.heatmap.image;
    const int nx = grid.spec.nx, ny = grid.spec.ny;
    if (grid.empty() || image.width != nx || image.height != ny) return;
    // The mesh takes every other node of a large grid: a quarter of the triangles, which is
    // what keeps a drag smooth on a software renderer, and at panel size the lit surface
    // looks the same (the 2D heatmap keeps every node). The stride must land on the last
    // node so that the mesh spans the whole window.
    const int stride = (nx > 100 && (nx - 1) % 2 == 0 && (ny - 1) % 2 == 0) ? 2 : 1;
    SurfaceMesh mesh;
    mesh.nx = (nx - 1) / stride + 1;
    mesh.ny = (ny - 1) / stride + 1;
    mesh.heights.resize(static_cast<size_t>(mesh.nx) * mesh.ny);
    mesh.colors.resize(mesh.heights.size() * 4);
    for (int j = 0; j < mesh.ny; ++j) {
        for (int i = 0; i < mesh.nx; ++i) {
            const int gi = i * stride, gj = j * stride;
            const size_t node = static_cast<size_t>(j) * mesh.nx + i;
            mesh.heights[node] = normalizedHeight(grid.at(gi, gj), grid, ui.logHeight);
            // The heatmap image has its top row at yMax; the mesh's row 0 is yMin.
            const size_t pixel = (static_cast<size_t>(ny - 1 - gj) * image.width + gi) * 4;
            std::memcpy(&mesh.colors[node * 4], &image.pixels[pixel], 4);
            mesh.colors[node * 4 + 3] = 255;
        }
    }
    const GridSpec& spec = grid.spec;
    auto toBox = [&spec](double a, double b) {
        return std::array<float, 2>{
            static_cast<float>((a - spec.xMin) / (spec.xMax - spec.xMin) * 2 - 1),
            static_cast<float>((b - spec.yMin) / (spec.yMax - spec.yMin) * 2 - 1)};
    };
    for (int r = 0; r < surface.descentShown; ++r) {
        const auto xy = toBox(surface.descent.logits(r, surface.resolvedA),
                              surface.descent.logits(r, surface.resolvedB));
        if (std::abs(xy[0]) > 1 || std::abs(xy[1]) > 1) continue;
        mesh.path.push_back(
            {{xy[0], xy[1], normalizedHeight(surface.descent.losses[r], grid, ui.logHeight)}});
    }
    const ModelState& m = state.model;
    const auto current = toBox(m.logits[surface.resolvedA], m.logits[surface.resolvedB]);
    const double currentLoss = state.derived.losses[static_cast<size_t>(m.selectedLoss)].value;
    mesh.marker = {{current[0], current[1],
                    std::max(0.0f, normalizedHeight(currentLoss, grid, ui.logHeight))}};
    mesh.showMarker = std::abs(current[0]) <= 1 && std::abs(current[1]) <= 1;
    ui.mesh = std::move(mesh);
    ui.meshRevision = freshRevision();
}

}  // namespace

void updateSurface3DPanel(AppState& state, bool visible) {
    if (!visible) return;
    Surface3DPanelState& ui = state.panels.surface3d;
    const SurfacePanelState& surface = state.panels.surface;
    refreshSurfaceGrid(state);  // shown alone (exported), the 3D view needs the grid itself
    if (surface.heatmap.grid.empty()) return;
    const std::uint64_t meshKey = surface.heatmap.inputsKey * 31 +
                                  static_cast<std::uint64_t>(surface.descentShown) * 2 +
                                  (ui.logHeight ? 1 : 0);
    if (meshKey != ui.meshKey) {
        rebuildMesh(state);
        ui.meshKey = meshKey;
    }
}

void drawSurface3DPanel(AppState& state, PanelGpu& gpu) {
    Surface3DPanelState& ui = state.panels.surface3d;
    const SurfacePanelState& surface = state.panels.surface;
    if (controlsShown(state)) {
        if (ImGui::Checkbox("log height", &ui.logHeight)) ui.meshKey = ~std::uint64_t{0};
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "Height log(1 + L − min): shows the shape of losses that span decades");
        }
        ImGui::SameLine();
        ImGui::TextDisabled("drag to orbit, wheel to zoom; same window as the Loss surface panel");
    }
    if (surface.heatmap.grid.empty()) {
        ImGui::TextWrapped("No surface: %s", surface.heatmap.error.c_str());
        return;
    }
    if (ui.mesh.nx == 0) return;  // the update step builds it (next frame after a change)
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const int width = std::max(16, static_cast<int>(avail.x));
    const int height = std::max(16, static_cast<int>(avail.y));
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const float background[4] = {bg.x, bg.y, bg.z, 1.0f};
    std::string error;
    const ImTextureID texture =
        gpu.surface(&ui, ui.mesh, ui.meshRevision, width, height, ui.camera, background, &error);
    if (!texture) {
        ImGui::TextColored(ImVec4(1, 0.5f, 0.3f, 1), "%s", error.c_str());
        return;
    }
    ui.renderWidth = width;
    ui.renderHeight = height;
    ui.imageMin = ImGui::GetCursorScreenPos();
    ui.imageSize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    // GL textures start at the bottom row: flip vertically.
    ImGui::Image(texture, ui.imageSize, ImVec2(0, 1), ImVec2(1, 0));
    ImGui::SetCursorScreenPos(ui.imageMin);
    ImGui::InvisibleButton("orbit", ui.imageSize);
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, 0.0f)) {
        ui.camera.yawDegrees -= io.MouseDelta.x * 0.4f;
        ui.camera.pitchDegrees =
            std::clamp(ui.camera.pitchDegrees + io.MouseDelta.y * 0.3f, 5.0f, 89.0f);
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
        ui.camera.distance =
            std::clamp(ui.camera.distance * std::exp(-0.1f * io.MouseWheel), 1.5f, 10.0f);
    }
    // Axis labels where the axes' ends land in the image.
    const ModelState& m = state.model;
    const std::string labels[] = {"s_" + m.classNames[static_cast<size_t>(surface.resolvedA)],
                                  "s_" + m.classNames[static_cast<size_t>(surface.resolvedB)], "L"};
    const std::array<float, 3> ends[] = {
        {{1.1f, -1.0f, 0.0f}}, {{-1.0f, 1.1f, 0.0f}}, {{-1.0f, -1.0f, 1.08f}}};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int i = 0; i < 3; ++i) {
        ImVec2 pixel;
        if (gpu.projectOnSurface(&ui, ends[i], width, height, ui.camera, &pixel)) {
            draw->AddText(ImVec2(ui.imageMin.x + pixel.x, ui.imageMin.y + pixel.y),
                          plot::textColor(), labels[i].c_str());
        }
    }
}

namespace {

plot::Vec2 at(plot::Rect area, const SurfacePixel& p) {
    return {area.min.x + p.x, area.min.y + p.y};
}

}  // namespace

// The surface as the screen shows it, drawn on the canvas: every quad of the mesh projected
// with the view's camera, lit as the renderer lights it, painted from the farthest to the
// nearest (a height field seen from above has no cycles for the painter's order to get wrong).
void figureSurface3DPanel(AppState& state, plot::Canvas& canvas, plot::Rect area) {
    updateSurface3DPanel(state, true);
    const Surface3DPanelState& ui = state.panels.surface3d;
    const SurfaceMesh& mesh = ui.mesh;
    const int nx = mesh.nx, ny = mesh.ny;
    if (nx < 2 || ny < 2) return;
    const int width = std::max(16, static_cast<int>(area.width()));
    const int height = std::max(16, static_cast<int>(area.height()));
    const SurfaceMatrix vp = surfaceViewProjection(ui.camera, width, height);
    const auto project = [&](const std::array<float, 3>& point, SurfacePixel* out) {
        return projectOnSurfaceView(vp, point, width, height, out);
    };
    std::vector<SurfacePixel> nodes(static_cast<std::size_t>(nx) * ny);
    std::vector<char> visible(nodes.size(), 0);
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            const std::size_t n = static_cast<std::size_t>(j) * nx + i;
            const float h = mesh.heights[n];
            visible[n] =
                std::isfinite(h) &&
                project({-1.0f + 2.0f * i / (nx - 1), -1.0f + 2.0f * j / (ny - 1), h}, &nodes[n]);
        }
    }
    struct Face {
        float depth;
        std::size_t corners[4];
        plot::Color color;
    };
    std::vector<Face> faces;
    faces.reserve(static_cast<std::size_t>(nx - 1) * (ny - 1));
    for (int j = 0; j + 1 < ny; ++j) {
        for (int i = 0; i + 1 < nx; ++i) {
            const std::size_t a = static_cast<std::size_t>(j) * nx + i, b = a + 1, c = a + nx,
                              d = c + 1;
            if (!visible[a] || !visible[b] || !visible[c] || !visible[d]) continue;
            const float shade = surfaceShade(surfaceNormal(mesh, i, j));
            int rgb[3] = {0, 0, 0};
            for (std::size_t corner : {a, b, c, d}) {
                for (int k = 0; k < 3; ++k)
                    rgb[k] += mesh.colors[corner * 4 + k];
            }
            const auto lit = [&](int k) { return static_cast<int>(rgb[k] / 4 * shade + 0.5f); };
            const float depth = nodes[a].depth + nodes[b].depth + nodes[c].depth + nodes[d].depth;
            faces.push_back({depth, {a, b, d, c}, plot::rgba(lit(0), lit(1), lit(2))});
        }
    }
    std::sort(faces.begin(), faces.end(),
              [](const Face& x, const Face& y) { return x.depth > y.depth; });

    plot::ClipScope clip(canvas, area);
    // The axes first: the surface covers what lies behind it.
    const plot::Color axisColor = canvas.textColor(0.6f);
    const std::array<float, 3> origin{{-1.0f, -1.0f, 0.0f}};
    const std::array<float, 3> ends[] = {
        {{1.0f, -1.0f, 0.0f}}, {{-1.0f, 1.0f, 0.0f}}, {{-1.0f, -1.0f, 1.0f}}};
    SurfacePixel o, e;
    for (const auto& end : ends) {
        if (project(origin, &o) && project(end, &e)) {
            canvas.line(at(area, o), at(area, e), axisColor, 1.2f * canvas.style().lineScale);
        }
    }
    std::vector<plot::Vec2> corners(4);
    for (const Face& face : faces) {
        for (int k = 0; k < 4; ++k)
            corners[k] = at(area, nodes[face.corners[k]]);
        canvas.fillPolygon(corners, face.color);
        // A hairline of the same colour closes the seams a vector renderer leaves between
        // neighbouring polygons.
        canvas.polyline(corners, face.color, 0.6f, true);
    }
    // The descent path on the surface and the current point.
    std::vector<plot::Vec2> path;
    for (const auto& p : mesh.path) {
        SurfacePixel pixel;
        if (project({p[0], p[1], p[2] + 0.01f}, &pixel)) path.push_back(at(area, pixel));
    }
    if (path.size() >= 2) {
        canvas.polyline(path, accentColor(canvas), 2.0f * canvas.style().lineScale, false);
    }
    SurfacePixel marker;
    if (mesh.showMarker &&
        project({mesh.marker[0], mesh.marker[1], mesh.marker[2] + 0.015f}, &marker)) {
        const float r = 5.0f * canvas.style().markerScale;
        canvas.fillCircle(at(area, marker), r, plot::rgba(255, 255, 255));
        canvas.circle(at(area, marker), r, plot::rgba(0, 0, 0), canvas.style().lineScale);
    }
    // Axis names where the axes end, as on screen.
    const SurfacePanelState& surface = state.panels.surface;
    const ModelState& m = state.model;
    const std::string labels[] = {"s_" + m.classNames[static_cast<std::size_t>(surface.resolvedA)],
                                  "s_" + m.classNames[static_cast<std::size_t>(surface.resolvedB)],
                                  "L"};
    const std::array<float, 3> labelAt[] = {
        {{1.1f, -1.0f, 0.0f}}, {{-1.0f, 1.1f, 0.0f}}, {{-1.0f, -1.0f, 1.08f}}};
    for (int i = 0; i < 3; ++i) {
        SurfacePixel pixel;
        if (project(labelAt[i], &pixel))
            canvas.text(at(area, pixel), canvas.textColor(), labels[i]);
    }
}

}  // namespace losslab
