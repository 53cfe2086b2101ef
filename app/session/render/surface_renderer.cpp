#include "session/render/surface_renderer.hpp"

#include "state/surface_camera.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>

namespace losslab {

namespace {

constexpr const char* kVertexShader = R"(#version 330 core
layout(location = 0) in vec3 position;
layout(location = 1) in vec3 normal;
layout(location = 2) in vec4 color;
uniform mat4 viewProjection;
uniform float heightScale;
uniform float pointSize;
out vec3 vNormal;
out vec4 vColor;
void main() {
    gl_Position = viewProjection * vec4(position.xy, position.z * heightScale, 1.0);
    gl_PointSize = pointSize;
    vNormal = normal;
    vColor = color;
}
)";

constexpr const char* kFragmentShader = R"(#version 330 core
in vec3 vNormal;
in vec4 vColor;
uniform int lit;
uniform vec4 flatColor;
out vec4 fragColor;
void main() {
    if (lit == 0) { fragColor = flatColor; return; }
    vec3 n = normalize(vNormal);
    vec3 light = normalize(vec3(-0.4, -0.5, 0.9));  // as surfaceShade (state/surface_camera)
    // Two-sided: the underside of a surface seen from below is lit too.
    float diffuse = abs(dot(n, light));
    fragColor = vec4(vColor.rgb * (0.45 + 0.55 * diffuse), vColor.a);
}
)";

GLuint compile(GLenum type, const char* source, std::string* error) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        *error = std::string("surface shader: ") + log;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

struct Vertex {
    float position[3];
    float normal[3];
    std::uint8_t color[4];
};

}  // namespace

struct SurfaceRenderer::GlObjects {
    GLuint program = 0, meshVao = 0, meshVbo = 0, meshEbo = 0, lineVao = 0, lineVbo = 0;
    GLint viewProjection = -1, heightScale = -1, lit = -1, flatColor = -1, pointSize = -1;
    std::string error;

    GlObjects() {
        const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader, &error);
        const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader, &error);
        if (!vs || !fs) return;
        program = glCreateProgram();
        glAttachShader(program, vs);
        glAttachShader(program, fs);
        glLinkProgram(program);
        glDeleteShader(vs);
        glDeleteShader(fs);
        viewProjection = glGetUniformLocation(program, "viewProjection");
        heightScale = glGetUniformLocation(program, "heightScale");
        lit = glGetUniformLocation(program, "lit");
        flatColor = glGetUniformLocation(program, "flatColor");
        pointSize = glGetUniformLocation(program, "pointSize");
        for (GLuint* vao : {&meshVao, &lineVao})
            glGenVertexArrays(1, vao);
        glGenBuffers(1, &meshVbo);
        glGenBuffers(1, &meshEbo);
        glGenBuffers(1, &lineVbo);
        setupLayout(meshVao, meshVbo);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, meshEbo);
        setupLayout(lineVao, lineVbo);
        glBindVertexArray(0);
    }
    static void setupLayout(GLuint vao, GLuint vbo) {
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                              reinterpret_cast<void*>(offsetof(Vertex, position)));
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                              reinterpret_cast<void*>(offsetof(Vertex, normal)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Vertex),
                              reinterpret_cast<void*>(offsetof(Vertex, color)));
    }
    ~GlObjects() {
        if (program) glDeleteProgram(program);
        for (GLuint vao : {meshVao, lineVao}) {
            if (vao) glDeleteVertexArrays(1, &vao);
        }
        for (GLuint buffer : {meshVbo, meshEbo, lineVbo}) {
            if (buffer) glDeleteBuffers(1, &buffer);
        }
    }
};

SurfaceRenderer::SurfaceRenderer() : gl_(std::make_unique<GlObjects>()) {}
SurfaceRenderer::~SurfaceRenderer() = default;

void SurfaceRenderer::setMesh(const SurfaceMesh& mesh) {
    if (!gl_->program) return;
    GLint previousVao = 0;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &previousVao);
    const int nx = mesh.nx, ny = mesh.ny;
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices;
    if (nx >= 2 && ny >= 2 && mesh.heights.size() == static_cast<size_t>(nx) * ny &&
        mesh.colors.size() == static_cast<size_t>(nx) * ny * 4) {
        vertices.resize(static_cast<size_t>(nx) * ny);
        const float dx = 2.0f / (nx - 1), dy = 2.0f / (ny - 1);
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                Vertex& v = vertices[static_cast<size_t>(j) * nx + i];
                const float height = mesh.heights[static_cast<size_t>(j) * nx + i];
                v.position[0] = -1.0f + i * dx;
                v.position[1] = -1.0f + j * dy;
                v.position[2] = std::isfinite(height) ? height : 0.0f;
                const std::array<float, 3> normal = surfaceNormal(mesh, i, j);
                std::copy(normal.begin(), normal.end(), v.normal);
                for (int c = 0; c < 4; ++c)
                    v.color[c] = mesh.colors[(static_cast<size_t>(j) * nx + i) * 4 + c];
            }
        }
        indices.reserve(static_cast<size_t>(nx - 1) * (ny - 1) * 6);
        for (int j = 0; j + 1 < ny; ++j) {
            for (int i = 0; i + 1 < nx; ++i) {
                const std::uint32_t a = static_cast<std::uint32_t>(j * nx + i), b = a + 1,
                                    c = a + static_cast<std::uint32_t>(nx), d = c + 1;
                const bool finite =
                    std::isfinite(mesh.heights[a]) && std::isfinite(mesh.heights[b]) &&
                    std::isfinite(mesh.heights[c]) && std::isfinite(mesh.heights[d]);
                if (!finite) continue;  // a hole (e.g. outside the simplex)
                indices.insert(indices.end(), {a, b, d, a, d, c});
            }
        }
    }
    glBindVertexArray(gl_->meshVao);
    glBindBuffer(GL_ARRAY_BUFFER, gl_->meshVbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(Vertex)),
                 vertices.data(), GL_STATIC_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)), indices.data(),
                 GL_STATIC_DRAW);
    indexCount_ = static_cast<int>(indices.size());

    // Lines: the axes (6 vertices), then the path lifted a little above the surface.
    std::vector<Vertex> lines;
    auto add = [&lines](float x, float y, float z) {
        Vertex v{};
        v.position[0] = x, v.position[1] = y, v.position[2] = z;
        lines.push_back(v);
    };
    add(-1, -1, 0), add(1, -1, 0);
    add(-1, -1, 0), add(-1, 1, 0);
    add(-1, -1, 0), add(-1, -1, 1);
    for (const auto& p : mesh.path)
        add(p[0], p[1], p[2] + 0.01f);
    pathCount_ = static_cast<int>(mesh.path.size());
    showMarker_ = mesh.showMarker;
    marker_ = mesh.marker;
    add(marker_[0], marker_[1], marker_[2] + 0.015f);
    glBindVertexArray(gl_->lineVao);
    glBindBuffer(GL_ARRAY_BUFFER, gl_->lineVbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(lines.size() * sizeof(Vertex)),
                 lines.data(), GL_DYNAMIC_DRAW);
    glBindVertexArray(static_cast<GLuint>(previousVao));
}

bool SurfaceRenderer::render(int width, int height, const OrbitCamera& camera,
                             const float background[4], std::string* error) {
    if (!gl_->program) {
        *error = gl_->error.empty() ? "the 3D view could not start" : gl_->error;
        return false;
    }
    if (!target_.resize(width, height, error)) return false;
    GLint previousFbo = 0, previousProgram = 0, previousVao = 0, viewport[4];
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
    glGetIntegerv(GL_CURRENT_PROGRAM, &previousProgram);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &previousVao);
    glGetIntegerv(GL_VIEWPORT, viewport);
    const GLboolean depthWas = glIsEnabled(GL_DEPTH_TEST);
    const GLboolean blendWas = glIsEnabled(GL_BLEND);
    const GLboolean scissorWas = glIsEnabled(GL_SCISSOR_TEST);
    const GLboolean cullWas = glIsEnabled(GL_CULL_FACE);

    target_.bind();
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_PROGRAM_POINT_SIZE);
    glClearColor(background[0], background[1], background[2], background[3]);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glUseProgram(gl_->program);
    const SurfaceMatrix vp = surfaceViewProjection(camera, width, height);
    glUniformMatrix4fv(gl_->viewProjection, 1, GL_FALSE, vp.data());
    glUniform1f(gl_->heightScale, kSurfaceHeightScale);
    glUniform1f(gl_->pointSize, 1.0f);

    glUniform1i(gl_->lit, 1);
    glBindVertexArray(gl_->meshVao);
    glDrawElements(GL_TRIANGLES, indexCount_, GL_UNSIGNED_INT, nullptr);

    glUniform1i(gl_->lit, 0);
    glBindVertexArray(gl_->lineVao);
    const float axisColor[4] = {0.6f, 0.6f, 0.6f, 1.0f};
    glUniform4fv(gl_->flatColor, 1, axisColor);
    glDrawArrays(GL_LINES, 0, 6);
    if (pathCount_ > 0) {
        const float pathColor[4] = {1.0f, 1.0f, 1.0f, 1.0f};
        glUniform4fv(gl_->flatColor, 1, pathColor);
        glDrawArrays(GL_LINE_STRIP, 6, pathCount_);
        glUniform1f(gl_->pointSize, 4.0f);
        glDrawArrays(GL_POINTS, 6, pathCount_);
    }
    if (showMarker_) {
        const float markerColor[4] = {0.94f, 0.89f, 0.26f, 1.0f};  // Okabe–Ito yellow
        glUniform4fv(gl_->flatColor, 1, markerColor);
        glUniform1f(gl_->pointSize, 11.0f);
        glDisable(GL_DEPTH_TEST);  // the current point is never hidden behind a ridge
        glDrawArrays(GL_POINTS, 6 + pathCount_, 1);
    }

    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    glUseProgram(static_cast<GLuint>(previousProgram));
    glBindVertexArray(static_cast<GLuint>(previousVao));
    if (depthWas)
        glEnable(GL_DEPTH_TEST);
    else
        glDisable(GL_DEPTH_TEST);
    if (blendWas)
        glEnable(GL_BLEND);
    else
        glDisable(GL_BLEND);
    if (scissorWas)
        glEnable(GL_SCISSOR_TEST);
    else
        glDisable(GL_SCISSOR_TEST);
    if (cullWas)
        glEnable(GL_CULL_FACE);
    else
        glDisable(GL_CULL_FACE);
    return true;
}

ImTextureID SurfaceRenderer::texture() const {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(target_.colorTexture()));
}

bool SurfaceRenderer::project(const std::array<float, 3>& point, int width, int height,
                              const OrbitCamera& camera, ImVec2* pixel) const {
    SurfacePixel projected;
    if (!projectOnSurfaceView(surfaceViewProjection(camera, width, height), point, width, height,
                              &projected)) {
        return false;
    }
    *pixel = ImVec2(projected.x, projected.y);
    return true;
}

}  // namespace losslab
