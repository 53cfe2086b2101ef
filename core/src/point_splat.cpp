#include "losslab/point_splat.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

namespace {

// "Over" compositing of a colour with coverage `alpha` onto a straight-alpha pixel.
void blendOver(std::uint8_t* pixel, const Rgb8& color, float alpha) {
    if (alpha <= 0.0f) return;
    const float below = pixel[3] / 255.0f;
    const float out = alpha + below * (1.0f - alpha);
    auto channel = [&](std::uint8_t dst, std::uint8_t src) {
        const float mixed = (src * alpha + dst * below * (1.0f - alpha)) / out;
        return static_cast<std::uint8_t>(std::min(mixed + 0.5f, 255.0f));
    };
    pixel[0] = channel(pixel[0], color.r);
    pixel[1] = channel(pixel[1], color.g);
    pixel[2] = channel(pixel[2], color.b);
    pixel[3] = static_cast<std::uint8_t>(std::min(out * 255.0f + 0.5f, 255.0f));
}

float coverage(float radius, float distance) {
    return std::clamp(radius + 0.5f - distance, 0.0f, 1.0f);
}

}  // namespace

PointDiscs pointDiscs(const SplatStyle& style, float size) {
    PointDiscs discs;
    discs.radius = style.radius * size;
    discs.outer = discs.radius + style.outlineWidth * size;
    // A test point's ring is as wide as the outline, at least 1.5 pixels so it reads.
    discs.hole = std::max(discs.radius - std::max(style.outlineWidth * size, 1.5f), 0.0f);
    return discs;
}

std::optional<std::string> splatPoints(const Dataset& data, const std::vector<std::uint8_t>& isTest,
                                       const DecisionView& view, const SplatStyle& style,
                                       Rgba8Image* out, const std::vector<float>& sizes) {
    if (!std::isfinite(view.xMin) || !std::isfinite(view.xMax) || !std::isfinite(view.yMin) ||
        !std::isfinite(view.yMax) || !(view.xMin < view.xMax) || !(view.yMin < view.yMax)) {
        return std::string("view: ranges must be finite with min < max");
    }
    if (view.width < 1 || view.height < 1 || view.width > kMaxDecisionSide ||
        view.height > kMaxDecisionSide) {
        return "view: needs 1 to " + std::to_string(kMaxDecisionSide) + " pixels per side";
    }
    if (!isTest.empty() && isTest.size() != static_cast<std::size_t>(data.size())) {
        return std::string("points: one test flag per point, or none");
    }
    if (!sizes.empty() && sizes.size() != static_cast<std::size_t>(data.size())) {
        return std::string("points: one size per point, or none");
    }
    for (float size : sizes) {
        if (!(size >= 0.0f && size <= 1.0f)) return std::string("points: sizes must lie in [0, 1]");
    }
    if (!(style.radius > 0) || !(style.outlineWidth >= 0)) {
        return std::string("style: the radius must be > 0 and the outline ≥ 0");
    }
    out->width = view.width;
    out->height = view.height;
    out->pixels.assign(static_cast<std::size_t>(view.width) * view.height * 4, 0);
    const double scaleX = view.width / (view.xMax - view.xMin);
    const double scaleY = view.height / (view.yMax - view.yMin);
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        const float size = sizes.empty() ? 1.0f : sizes[static_cast<std::size_t>(i)];
        if (size <= 0.0f) continue;  // no ink at all, not even a sub-pixel trace
        const PointDiscs discs = pointDiscs(style, size);
        const float radius = discs.radius;
        const float outer = discs.outer;
        const float hole = discs.hole;
        const int reach = static_cast<int>(std::ceil(outer + 1.0f));
        const double px = (data.points(i, 0) - view.xMin) * scaleX;
        const double py = (view.yMax - data.points(i, 1)) * scaleY;
        if (!(px > -reach && px < view.width + reach && py > -reach && py < view.height + reach)) {
            continue;  // outside the view (or not finite)
        }
        const bool test = !isTest.empty() && isTest[static_cast<std::size_t>(i)] != 0;
        const Rgb8 color = classColor(data.labels[i]);
        const int c0 = std::max(static_cast<int>(std::floor(px)) - reach, 0);
        const int c1 = std::min(static_cast<int>(std::floor(px)) + reach, view.width - 1);
        const int r0 = std::max(static_cast<int>(std::floor(py)) - reach, 0);
        const int r1 = std::min(static_cast<int>(std::floor(py)) + reach, view.height - 1);
        for (int r = r0; r <= r1; ++r) {
            std::uint8_t* row = out->pixels.data() + static_cast<std::size_t>(r) * view.width * 4;
            for (int c = c0; c <= c1; ++c) {
                const float dx = static_cast<float>(c + 0.5 - px);
                const float dy = static_cast<float>(r + 0.5 - py);
                const float distance = std::sqrt(dx * dx + dy * dy);
                if (distance > outer + 0.5f) continue;
                std::uint8_t* pixel = row + static_cast<std::size_t>(c) * 4;
                if (test) {
                    blendOver(pixel, color, coverage(radius, distance));
                    if (hole > 0) blendOver(pixel, style.inside, coverage(hole, distance));
                } else {
                    if (style.outlineWidth > 0) {
                        blendOver(pixel, style.outline, coverage(outer, distance));
                    }
                    blendOver(pixel, color, coverage(radius, distance));
                }
            }
        }
    }
    return std::nullopt;
}

}  // namespace losslab
