#pragma once
// The plotting layer: a rectangle of the current ImGui window with data axes, on which
// panels draw bars, lines, markers, arrows, heatmaps and contours in data coordinates.
// It draws only with ImDrawList (no GL), so the same code renders on screen and headless.
#include <imgui.h>

#include <string>
#include <vector>

#include "plot/ticks.hpp"

namespace losslab::plot {

struct PlotOptions {
    const char* xLabel = nullptr;
    const char* yLabel = nullptr;
    bool xTicks = true;  // numeric ticks on the x axis (off for categorical axes)
    bool yTicks = true;
    bool grid = true;
    bool zeroLine = true;     // emphasize y = 0
    float leftMargin = -1;    // pixels; < 0 picks one that fits the y tick labels
    float bottomMargin = -1;  // pixels; < 0 picks one that fits the x tick labels
};

// Line widths and marker sizes that follow the theme (the projector theme draws thicker lines
// and bigger markers). Like ImGui's style, one per program, set when a theme is applied.
struct PlotStyle {
    float lineScale = 1.0f;    // multiplies every line's thickness
    float markerScale = 1.0f;  // multiplies every marker's radius
};
void setPlotStyle(const PlotStyle& style);
const PlotStyle& plotStyle();

// Colours that follow the current ImGui theme.
ImU32 textColor(float alpha = 1.0f);
ImU32 gridColor();
ImU32 frameColor();
ImU32 withAlpha(ImU32 color, float alpha);

class Plot {
  public:
    // Reserves `size` (pixels; ≤ 0 means "fill the available width/height") in the current
    // window as one item that takes mouse input.
    Plot(const char* id, ImVec2 size, Range x, Range y, const PlotOptions& options = {});
    ~Plot();
    Plot(const Plot&) = delete;
    Plot& operator=(const Plot&) = delete;

    const Transform& transform() const { return transform_; }
    ImDrawList* drawList() const { return drawList_; }
    ImVec2 innerMin() const { return {transform_.left, transform_.top}; }
    ImVec2 innerMax() const {
        return {transform_.left + transform_.width, transform_.top + transform_.height};
    }
    ImVec2 outerMin() const { return outerMin_; }
    ImVec2 outerMax() const { return outerMax_; }
    bool hovered() const { return hovered_; }
    bool clicked(int button = 0) const;      // pressed this frame inside the plot
    bool active() const { return active_; }  // mouse held after pressing inside
    ImVec2 mouse() const;
    double mouseX() const { return transform_.toDataX(mouse().x); }
    double mouseY() const { return transform_.toDataY(mouse().y); }

    // Frame, grid, ticks and axis labels (call first so data draws on top).
    void axes();
    // Category tick labels under the plot at x = 0, 1, …, n-1.
    void categoryLabels(const std::vector<std::string>& labels, int highlighted = -1,
                        ImU32 highlightColor = 0);
    void rect(double x0, double y0, double x1, double y1, ImU32 fill, ImU32 border = 0);
    void line(double x0, double y0, double x1, double y1, ImU32 color, float thickness = 1.5f);
    void polyline(const std::vector<double>& xs, const std::vector<double>& ys, ImU32 color,
                  float thickness = 1.5f, bool closed = false);
    void marker(double x, double y, ImU32 color, float radius = 5.0f, bool filled = true);
    // An arrow from (x0, y0) to (x1, y1) in data coordinates.
    // headLength 0: sized from the thickness. An outline drawn under an arrow passes the
    // arrow's head length plus a little, so that both heads share their tip.
    void arrow(double x0, double y0, double x1, double y1, ImU32 color, float thickness = 2.0f,
               float headLength = 0.0f);
    // A straight segment in data units, cut to the axes' ranges in double precision first (so
    // that an end a million plot-widths away keeps the segment's direction).
    void segment(double x0, double y0, double x1, double y1, ImU32 color, float thickness);
    void hline(double y, ImU32 color, float thickness = 1.0f);
    void vline(double x, ImU32 color, float thickness = 1.0f);
    // Text anchored at a data point; align (0,0) = top-left, (0.5,1) = centred above.
    void text(double x, double y, const char* text, ImU32 color, ImVec2 align = {0.5f, 1.0f});
    // A texture stretched over the data rectangle [x0,x1] x [y0,y1] (row 0 of the image at y1).
    void image(ImTextureID texture, double x0, double y0, double x1, double y1);

  private:
    const char* id_;
    ImDrawList* drawList_ = nullptr;
    Transform transform_;
    PlotOptions options_;
    ImVec2 outerMin_, outerMax_;
    bool hovered_ = false;
    bool active_ = false;
};

// A vertical colour bar for a heatmap: `colors` sampled evenly from low to high.
// colorBarWidth: the width that shows the bar and its widest tick label whole.
float colorBarWidth(Range values);
void colorBar(const char* id, ImVec2 size, const std::vector<ImU32>& colors, Range values,
              const char* label);

// A row of coloured swatches with names, laid out inline.
void legend(const std::vector<std::pair<std::string, ImU32>>& entries);

}  // namespace losslab::plot
