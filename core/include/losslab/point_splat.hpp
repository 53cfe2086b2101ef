#pragma once
// Many data points drawn into an RGBA image on the CPU ("splatted"), for the Classifier panel
// when there are too many to draw as separate shapes: one texture quad then replaces a hundred
// thousand small circles, which a software rasterizer (llvmpipe on a projector laptop) cannot
// draw at frame rate. The image is cached and redrawn only when the points or the view change.
//
// - The image tiles the view like a DecisionView (decision.hpp): pixel (c, r) covers
//   [xMin + c·dx, xMin + (c + 1)·dx] and row 0 is the top (y = yMax).
// - Every point is a disc of radius `radius` pixels centred on its position, in its class
//   colour (classColor), with an `outline` ring of `outlineWidth` pixels around it; a test point
//   is a ring in its class colour with the `inside` colour in the middle (hollow). Edges are
//   anti-aliased by pixel coverage (clamp(r + ½ − distance, 0, 1)).
// - `sizes`, when given, scales each point's radius and outline by its factor in [0, 1]: a
//   point of size 1 is drawn as above, a point of size 0 leaves no ink at all (the Classifier's
//   gradient-share view, where a point the loss no longer pulls on vanishes).
// - Points are drawn in order (later ones on top) with "over" compositing; pixels no point
//   touches stay fully transparent (0, 0, 0, 0), so the image lies over anything.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "losslab/colormap.hpp"
#include "losslab/dataset.hpp"
#include "losslab/decision.hpp"

namespace losslab {

struct SplatStyle {
    float radius = 2.5f;        // pixels, > 0
    float outlineWidth = 1.0f;  // pixels, ≥ 0
    Rgb8 outline;               // ring around training points
    Rgb8 inside;                // the middle of a test point
};

// The discs of one point of size `size` ∈ [0, 1], in pixels: a training point is an outline
// disc of radius `outer` under its class's disc of `radius`; a test point is its class's disc
// of `radius` with the `inside` colour in a disc of `hole` (no ring when hole is 0). Views that
// draw a point on its own (the one being dragged) draw these discs.
struct PointDiscs {
    float outer = 0.0f;
    float radius = 0.0f;
    float hole = 0.0f;
};
PointDiscs pointDiscs(const SplatStyle& style, float size);

// Draws `data` (with one test flag per point, or an empty mask for "all training") into `out`
// (view.width x view.height, reusing its storage), each point scaled by its entry of `sizes`
// (empty: all 1). Errors (nothing written): a view that checkDecisionInputs would refuse, a
// mask or sizes of the wrong length, a size outside [0, 1] or not a number, a radius ≤ 0.
std::optional<std::string> splatPoints(const Dataset& data, const std::vector<std::uint8_t>& isTest,
                                       const DecisionView& view, const SplatStyle& style,
                                       Rgba8Image* out, const std::vector<float>& sizes = {});

}  // namespace losslab
