#pragma once
// Plots on screen: plot::Canvas drawn with an ImGui draw list, and a plot that is one ImGui
// item taking the mouse. The plot code itself (plot.hpp) does not know which canvas it has.
#include <imgui.h>

#include <string>
#include <vector>

#include "plot/canvas.hpp"
#include "plot/plot.hpp"

namespace losslab::plot {

// Line widths and marker sizes that follow the theme (the projector theme draws thicker lines
// and bigger markers). Like ImGui's style, one per program, set when a theme is applied.
struct PlotStyle {
    float lineScale = 1.0f;    // multiplies every line's thickness
    float markerScale = 1.0f;  // multiplies every marker's radius
};
void setPlotStyle(const PlotStyle& style);
const PlotStyle& plotStyle();

// Colours that follow the current ImGui theme (for widgets drawn beside plots).
Color textColor(float alpha = 1.0f);

// Where images become textures on screen (the session's GPU cache).
class TextureSource {
  public:
    virtual ~TextureSource() = default;
    // The texture showing `image`, uploaded again only when `revision` differs from the one
    // uploaded for `owner` (the state object the image belongs to). An empty image gives 0.
    virtual ImTextureID texture(const void* owner, const Rgba8Image& image, std::uint64_t revision,
                                bool smooth = true) = 0;
};

// A canvas over an ImGui draw list, in the current ImGui font and theme.
class ImGuiCanvas : public Canvas {
  public:
    // `textures` may be null: images are then left out.
    ImGuiCanvas(ImDrawList* drawList, TextureSource* textures);
    const CanvasStyle& style() const override { return style_; }
    float fontSize() const override;
    Vec2 textSize(std::string_view text) override;
    void line(Vec2 a, Vec2 b, Color color, float thickness) override;
    void polyline(const std::vector<Vec2>& points, Color color, float thickness,
                  bool closed) override;
    void fillRect(Rect rect, Color color, float rounding) override;
    void strokeRect(Rect rect, Color color, float thickness, float rounding) override;
    void fillPolygon(const std::vector<Vec2>& points, Color color) override;
    void circle(Vec2 centre, float radius, Color color, float thickness) override;
    void fillCircle(Vec2 centre, float radius, Color color) override;
    void text(Vec2 topLeft, Color color, std::string_view text) override;
    void image(const CanvasImage& image, Rect rect) override;
    void pushClip(Rect rect) override;
    void popClip() override;

  private:
    ImDrawList* drawList_;
    TextureSource* textures_;
    CanvasStyle style_;
    std::vector<ImVec2> scratch_;
};

inline ImVec2 toImVec2(Vec2 v) {
    return {v.x, v.y};
}
inline Vec2 fromImVec2(ImVec2 v) {
    return {v.x, v.y};
}

// The ImGui item a ScreenPlot occupies and the canvas it draws on: a base, so that both exist
// before the Plot that uses them is built.
struct ScreenItem {
    ScreenItem(const char* id, ImVec2 size, TextureSource* textures);
    ImGuiCanvas screenCanvas;
    Rect itemRect;
    bool itemHovered = false;
    bool itemActive = false;
};

// A plot that is one ImGui item in the current window, `size` pixels (≤ 0: the available
// width/height less that much), taking the mouse.
class ScreenPlot : private ScreenItem, public Plot {
  public:
    ScreenPlot(const char* id, ImVec2 size, Range x, Range y, const PlotOptions& options = {},
               TextureSource* textures = nullptr);

    bool hovered() const { return itemHovered; }
    bool clicked(int button = 0) const;         // pressed this frame inside the plot
    bool active() const { return itemActive; }  // mouse held after pressing inside
    ImVec2 mouse() const;
    double mouseX() const { return transform().toDataX(mouse().x); }
    double mouseY() const { return transform().toDataY(mouse().y); }
};

// A colour bar as an ImGui item of `size` at the cursor.
void colorBar(const char* id, ImVec2 size, const std::vector<Color>& colors, Range values,
              const char* label);
// A row of swatches with names, laid out inline with ImGui's cursor.
void legend(const LegendEntries& entries);

}  // namespace losslab::plot
