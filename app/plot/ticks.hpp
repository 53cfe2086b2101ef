#pragma once
// Axis arithmetic for the plotting layer: nice tick values and data <-> pixel transforms.
// Pure math (no ImGui), unit-tested on its own.
#include <string>
#include <vector>

namespace losslab::plot {

struct Range {
    double min = 0.0;
    double max = 1.0;
    double span() const { return max - min; }
};

// Tick positions at "nice" steps (1, 2 or 5 × 10^k) covering [min, max], at most
// `maxTicks` of them (at least 2 when the range is non-empty).
std::vector<double> niceTicks(double min, double max, int maxTicks);
// The step niceTicks uses for [min, max]: the smallest nice step that puts at most
// `maxTicks` ticks in the range (e.g. −1, 0, 1 on [−1.03, 1.03] with 3, not 0 alone).
double tickStep(double min, double max, int maxTicks);
// A nice step that fits `maxTicks` ticks in any range of this span, wherever it starts.
double niceStep(double span, int maxTicks);
// Formats a tick value with just enough decimals for the step ("0.25", "1e+03", "-2").
std::string formatTick(double value, double step);
// How many ticks of labels `labelPixels` wide fit in `axisPixels` with a gap between them.
int ticksThatFit(float axisPixels, float labelPixels);

// Maps a data rectangle onto a pixel rectangle (y grows upwards in data, downwards in pixels).
struct Transform {
    float left = 0, top = 0, width = 1, height = 1;  // pixel rectangle
    Range x, y;                                      // data ranges
    float toPixelX(double v) const;
    float toPixelY(double v) const;
    double toDataX(float px) const;
    double toDataY(float py) const;
    // Data units per pixel along each axis.
    double unitsPerPixelX() const { return x.span() / width; }
    double unitsPerPixelY() const { return y.span() / height; }
};

// A symmetric range around 0 that holds every value with some head-room, in nice steps.
Range symmetricRangeFor(const std::vector<double>& values, double minimumHalfSpan);

// Cuts the segment (x0, y0)→(x1, y1) to the box x × y in place (Liang–Barsky, in double, so
// that an end far outside keeps the segment's direction); false when no part of it is inside
// or an end is not finite.
bool clipSegment(double& x0, double& y0, double& x1, double& y1, Range x, Range y);

}  // namespace losslab::plot
