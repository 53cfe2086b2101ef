#pragma once
// An offscreen framebuffer: colour only for 2D frames (the headless platform, panel export),
// colour + depth for the 3D surface view.
#include <cstdint>
#include <string>
#include <vector>

namespace losslab {

class Framebuffer {
  public:
    // A depth buffer is not free on a software rasterizer: llvmpipe clears and stores it tile
    // by tile, about 2 ms a frame at 1600x900, so 2D targets go without one.
    enum class Depth { None, WithDepth };
    explicit Framebuffer(Depth depth) : withDepth_(depth == Depth::WithDepth) {}
    ~Framebuffer();
    Framebuffer(const Framebuffer&) = delete;
    Framebuffer& operator=(const Framebuffer&) = delete;

    // (Re)allocates storage; returns false with a message if the driver refuses.
    bool resize(int width, int height, std::string* error);
    void bind() const;
    static void bindDefault();
    unsigned colorTexture() const { return color_; }
    int width() const { return width_; }
    int height() const { return height_; }

  private:
    void release();
    bool withDepth_;
    unsigned fbo_ = 0, color_ = 0, depth_ = 0;
    int width_ = 0, height_ = 0;
};

// RGBA8 pixels, top row first.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
};

// Reads the currently bound framebuffer into an image (flipped so row 0 is the top).
Image readPixels(int width, int height);
// Writes a PNG; returns false with a message naming the path on failure.
bool writePng(const Image& image, const std::string& path, std::string* error);

}  // namespace losslab
