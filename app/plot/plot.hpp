#pragma once
// The plotting layer: a rectangle of a canvas with data axes, on which panels draw bars, lines,
// markers, arrows, heatmaps and contours in data coordinates. It draws only through
// plot::Canvas, so one panel's plot code draws on screen (screen_plot.hpp) and into a figure.
#include <string>
#include <utility>
#include <vector>

#include "plot/canvas.hpp"
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

class Plot {
  public:
    // The plot fills `outer` on `canvas`: margins for ticks and labels, the data rectangle
    // inside. Drawing is clipped to `outer` while the plot lives.
    Plot(Canvas& canvas, Rect outer, Range x, Range y, const PlotOptions& options = {});
    virtual ~Plot();
    Plot(const Plot&) = delete;
    Plot& operator=(const Plot&) = delete;

    Canvas& canvas() const { return canvas_; }
    const Transform& transform() const { return transform_; }
    Vec2 innerMin() const { return {transform_.left, transform_.top}; }
    Vec2 innerMax() const {
        return {transform_.left + transform_.width, transform_.top + transform_.height};
    }
    Vec2 outerMin() const { return outer_.min; }
    Vec2 outerMax() const { return outer_.max; }
    float fontSize() const { return canvas_.fontSize(); }
    Color textColor(float a = 1.0f) const { return canvas_.textColor(a); }
    Color gridColor() const { return canvas_.gridColor(); }
    Color frameColor() const { return canvas_.frameColor(); }
    float markerScale() const { return canvas_.style().markerScale; }

    // Frame, grid, ticks and axis labels (call first so data draws on top).
    void axes();
    // Category tick labels under the plot at x = 0, 1, …, n-1.
    void categoryLabels(const std::vector<std::string>& labels, int highlighted = -1,
                        Color highlightColor = 0);
    void rect(double x0, double y0, double x1, double y1, Color fill, Color border = 0);
    void line(double x0, double y0, double x1, double y1, Color color, float thickness = 1.5f);
    void polyline(const std::vector<double>& xs, const std::vector<double>& ys, Color color,
                  float thickness = 1.5f, bool closed = false);
    void marker(double x, double y, Color color, float radius = 5.0f, bool filled = true);
    // An arrow from (x0, y0) to (x1, y1) in data coordinates.
    // headLength 0: sized from the thickness. An outline drawn under an arrow passes the
    // arrow's head length plus a little, so that both heads share their tip.
    void arrow(double x0, double y0, double x1, double y1, Color color, float thickness = 2.0f,
               float headLength = 0.0f);
    // A straight segment in data units, cut to the axes' ranges in double precision first (so
    // that an end a million plot-widths away keeps the segment's direction).
    void segment(double x0, double y0, double x1, double y1, Color color, float thickness);
    void hline(double y, Color color, float thickness = 1.0f);
    void vline(double x, Color color, float thickness = 1.0f);
    // Text anchored at a data point; align (0,0) = top-left, (0.5,1) = centred above.
    void text(double x, double y, const std::string& text, Color color, Vec2 align = {0.5f, 1.0f});
    // An image stretched over the data rectangle [x0,x1] x [y0,y1] (row 0 of the image at y1).
    void image(const CanvasImage& image, double x0, double y0, double x1, double y1);

  private:
    Canvas& canvas_;
    Rect outer_;
    Transform transform_;
    PlotOptions options_;
};

// The width a vertical colour bar needs for its bar and its widest tick label.
float colorBarWidth(Canvas& canvas, Range values);
// A vertical colour bar filling `area`: `colors` sampled evenly from low to high.
void colorBar(Canvas& canvas, Rect area, const std::vector<Color>& colors, Range values,
              const char* label);

using LegendEntries = std::vector<std::pair<std::string, Color>>;
// A row of coloured swatches with names from `topLeft`, wrapping at `maxWidth`; returns the
// height it took.
float legend(Canvas& canvas, Vec2 topLeft, float maxWidth, const LegendEntries& entries);

}  // namespace losslab::plot
