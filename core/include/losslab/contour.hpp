#pragma once
// Iso-lines of a Grid (grid.hpp) by marching squares, and the choice of their levels.
//
// - Points are in the grid's own coordinates (x in [xMin, xMax], y in [yMin, yMax]),
//   linearly interpolated along the cell edges, so a linear function's contours are exact.
// - A node counts as "above" a level when its value is > level (a node exactly at the level
//   is below; the line then passes through that node).
// - Saddle cells (diagonal corners above, the other two below) are resolved by the mean of
//   the four corners: when it is above the level the above corners are joined through the
//   cell and the line cuts off the two below corners, otherwise the reverse. Neighbouring
//   cells never disagree, because each edge crossing is computed once from its two nodes.
// - Cells with a non-finite corner (NaN outside the simplex, ±inf) are skipped: lines end at
//   their border.
// - Segments are joined into polylines; a polyline that returns to its start is `closed`
//   and does not repeat its first point (draw it with a closing edge).
#include <vector>

#include <Eigen/Core>

#include "losslab/grid.hpp"

namespace losslab {

struct Polyline {
    std::vector<Eigen::Vector2d> points;
    bool closed = false;
};

struct ContourLevel {
    double level = 0.0;
    std::vector<Polyline> lines;  // empty when the level does not cross the grid
};

// The contours of `grid` at each level, in the order given. Non-finite levels and an empty
// grid give entries without lines.
std::vector<ContourLevel> traceContours(const Grid& grid, const std::vector<double>& levels);
// One level; the same as traceContours(grid, {level})[0].
ContourLevel traceContour(const Grid& grid, double level);

// Evenly spaced "nice" levels (multiples of 1, 2, 2.5 or 5 times a power of ten, and if no
// such step gives a count in range, of 1.5, 3, 4, 6 or 8 times one) strictly between lo and
// hi: between minCount and maxCount of them when the range allows, ascending. Empty when
// lo and hi are not finite with lo < hi, or the counts are not 1 ≤ minCount ≤ maxCount.
std::vector<double> niceLevels(double lo, double hi, int minCount = 8, int maxCount = 12);

// Log-spaced levels for values spanning decades (a loss between 1e-6 and 30): powers of ten,
// or 1-3, 1-2-5, 1-1.5-2-3-5-7 within each decade, or every n-th power of ten, whichever
// gives a count closest to targetCount; strictly between lo and hi, ascending. When lo ≤ 0
// the range starts at hi·1e-6 (a loss is ≥ 0, and its contours near 0 are what matters
// least). Empty when hi ≤ 0, the bounds are not finite or targetCount < 1.
std::vector<double> logLevels(double lo, double hi, int targetCount = 10);

}  // namespace losslab
