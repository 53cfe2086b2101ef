#include "plot/ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace losslab::plot {

double niceStep(double span, int maxTicks) {
    if (!(span > 0) || !std::isfinite(span)) return 1.0;
    maxTicks = std::max(2, maxTicks);
    const double rough = span / (maxTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        const double step = factor * magnitude;
        if (span / step <= maxTicks - 1 + 1e-9) return step;
    }
    return 10.0 * magnitude;
}

namespace {
// How many multiples of `step` lie in [min, max].
double ticksIn(double min, double max, double step) {
    return std::floor(max / step + 1e-9) - std::ceil(min / step - 1e-9) + 1.0;
}
// The nice step below `step` (1, 2, 5 × 10^k).
double smallerNiceStep(double step) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const double mantissa = step / magnitude;
    if (mantissa > 4.5) return 2.0 * magnitude;
    if (mantissa > 1.5) return magnitude;
    return 0.5 * magnitude;
}
}  // namespace

double tickStep(double min, double max, int maxTicks) {
    const double step = niceStep(max - min, maxTicks);
    if (!std::isfinite(min) || !std::isfinite(max) || !(max > min)) return step;
    // niceStep leaves room for the worst alignment of the range; where the range sits better,
    // smaller steps may fit as well: take the smallest that does. Steps stay at least
    // span / (maxTicks − ½), so labels sized for maxTicks (ticksThatFit) still do not touch.
    maxTicks = std::max(2, maxTicks);
    const double shortest = (max - min) / (maxTicks - 0.5);
    double best = step;
    for (int i = 0; i < 4; ++i) {
        const double smaller = smallerNiceStep(best);
        if (smaller < shortest || ticksIn(min, max, smaller) > maxTicks) break;
        best = smaller;
    }
    return best;
}

std::vector<double> niceTicks(double min, double max, int maxTicks) {
    std::vector<double> ticks;
    if (!std::isfinite(min) || !std::isfinite(max) || !(max > min)) return ticks;
    const double step = tickStep(min, max, maxTicks);
    const double first = std::ceil(min / step - 1e-9) * step;
    for (int i = 0; i < 1000; ++i) {
        double v = first + i * step;
        if (v > max + step * 1e-9) break;
        if (std::abs(v) < step * 1e-9) v = 0.0;  // no "-0" or "1e-17"
        ticks.push_back(v);
    }
    return ticks;
}

std::string formatTick(double value, double step) {
    char buffer[32];
    const double magnitude = std::max(std::abs(value), step);
    if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-3)) {
        std::snprintf(buffer, sizeof buffer, "%.3g", value);
        return buffer;
    }
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    std::snprintf(buffer, sizeof buffer, "%.*f", std::min(decimals, 6), value);
    return buffer;
}

int ticksThatFit(float axisPixels, float labelPixels) {
    const float slot = labelPixels * 1.6f;  // label plus a gap of 60 % of its size
    return std::max(2, static_cast<int>(axisPixels / std::max(slot, 1.0f)) + 1);
}

float Transform::toPixelX(double v) const {
    return left + static_cast<float>((v - x.min) / x.span() * width);
}
float Transform::toPixelY(double v) const {
    return top + static_cast<float>((y.max - v) / y.span() * height);
}
double Transform::toDataX(float px) const {
    return x.min + (px - left) / width * x.span();
}
double Transform::toDataY(float py) const {
    return y.max - (py - top) / height * y.span();
}

Range symmetricRangeFor(const std::vector<double>& values, double minimumHalfSpan) {
    double largest = minimumHalfSpan;
    for (double v : values) {
        if (std::isfinite(v)) largest = std::max(largest, std::abs(v) * 1.15);
    }
    const double step = niceStep(largest, 4);
    const double half = std::ceil(largest / step) * step;
    return {-half, half};
}

bool clipSegment(double& x0, double& y0, double& x1, double& y1, Range x, Range y) {
    if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1)) {
        return false;
    }
    const double dx = x1 - x0, dy = y1 - y0;
    double t0 = 0.0, t1 = 1.0;
    // Keeps the part of the segment (parameter t in [t0, t1]) where p·t ≤ q.
    auto edge = [&t0, &t1](double p, double q) {
        if (p == 0.0) return q >= 0.0;
        const double r = q / p;
        if (p < 0.0) {
            if (r > t1) return false;
            t0 = std::max(t0, r);
        } else {
            if (r < t0) return false;
            t1 = std::min(t1, r);
        }
        return true;
    };
    if (!edge(-dx, x0 - x.min) || !edge(dx, x.max - x0) || !edge(-dy, y0 - y.min) ||
        !edge(dy, y.max - y0)) {
        return false;
    }
    const double ax = x0, ay = y0;
    x0 = ax + t0 * dx;
    y0 = ay + t0 * dy;
    x1 = ax + t1 * dx;
    y1 = ay + t1 * dy;
    return true;
}

}  // namespace losslab::plot
