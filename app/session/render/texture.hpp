#pragma once
// An RGBA8 GL texture that panels can show with ImGui::Image; the only way panels get
// pixels onto the screen besides ImDrawList (rule 4: only platform/ and render/ call GL).
#include <imgui.h>

#include <cstdint>

namespace losslab {

class Texture {
  public:
    Texture() = default;
    ~Texture();
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;

    // Uploads width x height RGBA8 pixels, row 0 at the top. `smooth` picks linear filtering
    // (heatmaps of smooth functions) over nearest (pixel-exact regions).
    void upload(const std::uint8_t* rgba, int width, int height, bool smooth = true);
    bool valid() const { return id_ != 0; }
    ImTextureID id() const {
        return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id_));
    }
    int width() const { return width_; }
    int height() const { return height_; }

  private:
    unsigned id_ = 0;
    int width_ = 0, height_ = 0;
};

}  // namespace losslab
