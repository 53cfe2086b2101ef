#include "losslab/contour.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <utility>

namespace losslab {

namespace {

// Each grid edge that a contour crosses is named by one integer: the horizontal edge from
// node (i, j) to (i+1, j) is 2·(j·nx + i), the vertical edge from (i, j) to (i, j+1) is
// 2·(j·nx + i) + 1. Both cells sharing an edge name it the same way, which is what joins
// their segments and makes them agree on the crossing point.
using EdgeId = std::int64_t;

EdgeId horizontalEdge(const GridSpec& spec, int i, int j) {
    return 2 * (static_cast<EdgeId>(j) * spec.nx + i);
}
EdgeId verticalEdge(const GridSpec& spec, int i, int j) {
    return 2 * (static_cast<EdgeId>(j) * spec.nx + i) + 1;
}

// Where `level` crosses the edge: linear interpolation between its two nodes. The edge's
// constant coordinate is copied from the nodes, and (1 − t)·a + t·b is exactly a node's
// position when t is 0 or 1, so lines through nodes and along edges stay exact.
Eigen::Vector2d crossingPoint(const Grid& grid, EdgeId edge, double level) {
    const GridSpec& spec = grid.spec;
    const EdgeId node = edge / 2;
    const int i = static_cast<int>(node % spec.nx);
    const int j = static_cast<int>(node / spec.nx);
    const bool vertical = (edge % 2) != 0;
    const double v0 = grid.at(i, j);
    const double v1 = vertical ? grid.at(i, j + 1) : grid.at(i + 1, j);
    const double t = (level - v0) / (v1 - v0);  // v0 ≠ v1: one is above the level, one not
    if (vertical) return {spec.x(i), (1.0 - t) * spec.y(j) + t * spec.y(j + 1)};
    return {(1.0 - t) * spec.x(i) + t * spec.x(i + 1), spec.y(j)};
}

struct Segment {
    EdgeId from;
    EdgeId to;
};

// The segments of one level in one cell whose corners c0..c3 (counter-clockwise from the
// bottom left) are finite and not all on one side of the level (see contour.hpp for the rules).
void addCellSegments(const GridSpec& spec, int i, int j, const double (&c)[4], double level,
                     std::vector<Segment>& segments) {
    const int mask = (c[0] > level ? 1 : 0) | (c[1] > level ? 2 : 0) | (c[2] > level ? 4 : 0) |
                     (c[3] > level ? 8 : 0);
    const EdgeId bottom = horizontalEdge(spec, i, j);
    const EdgeId right = verticalEdge(spec, i + 1, j);
    const EdgeId top = horizontalEdge(spec, i, j + 1);
    const EdgeId left = verticalEdge(spec, i, j);
    if (mask == 5 || mask == 10) {
        const bool centreAbove = 0.25 * (c[0] + c[1] + c[2] + c[3]) > level;
        // Cut off corners 1 and 3 (bottom-right, top-left) or corners 0 and 2: the cut-off
        // pair is the one on the other side of the level from the centre.
        const bool cutOffOneAndThree = (mask == 5) == centreAbove;
        if (cutOffOneAndThree) {
            segments.push_back({bottom, right});
            segments.push_back({top, left});
        } else {
            segments.push_back({bottom, left});
            segments.push_back({right, top});
        }
        return;
    }
    std::array<EdgeId, 2> crossed{};
    int count = 0;
    if (((mask >> 0) & 1) != ((mask >> 1) & 1)) crossed[count++] = bottom;
    if (((mask >> 1) & 1) != ((mask >> 2) & 1)) crossed[count++] = right;
    if (((mask >> 3) & 1) != ((mask >> 2) & 1)) crossed[count++] = top;
    if (((mask >> 0) & 1) != ((mask >> 3) & 1)) crossed[count++] = left;
    if (count == 2) segments.push_back({crossed[0], crossed[1]});
}

// The segments of every level, in one pass over the cells: a cell is crossed by exactly the
// levels in [min corner, max corner), found by binary search in the sorted levels, so the
// cost is one visit per cell plus one per segment instead of one visit per cell and level.
// Entry l of the result belongs to levels[l]; non-finite levels get no segments.
std::vector<std::vector<Segment>> cellSegments(const Grid& grid,
                                               const std::vector<double>& levels) {
    const GridSpec& spec = grid.spec;
    std::vector<std::vector<Segment>> segments(levels.size());
    std::vector<std::pair<double, std::size_t>> sorted;
    for (std::size_t l = 0; l < levels.size(); ++l) {
        if (std::isfinite(levels[l])) sorted.emplace_back(levels[l], l);
    }
    std::sort(sorted.begin(), sorted.end());
    if (sorted.empty()) return segments;
    for (int j = 0; j + 1 < spec.ny; ++j) {
        for (int i = 0; i + 1 < spec.nx; ++i) {
            const double c[4] = {grid.at(i, j), grid.at(i + 1, j), grid.at(i + 1, j + 1),
                                 grid.at(i, j + 1)};
            if (!std::isfinite(c[0]) || !std::isfinite(c[1]) || !std::isfinite(c[2]) ||
                !std::isfinite(c[3])) {
                continue;
            }
            const double lo = std::min(std::min(c[0], c[1]), std::min(c[2], c[3]));
            const double hi = std::max(std::max(c[0], c[1]), std::max(c[2], c[3]));
            // Levels below every corner or at/above every corner leave the cell uncrossed.
            if (hi <= sorted.front().first || lo > sorted.back().first) continue;
            auto it = std::lower_bound(sorted.begin(), sorted.end(), lo,
                                       [](const auto& entry, double v) { return entry.first < v; });
            for (; it != sorted.end() && it->first < hi; ++it) {
                addCellSegments(spec, i, j, c, it->first, segments[it->second]);
            }
        }
    }
    return segments;
}

// Joins segments that share a crossing edge into polylines. Every crossing edge belongs to
// at most two cells and each cell uses it once, so the segments form disjoint paths and
// cycles; walking from any segment in both directions recovers its whole piece.
std::vector<Polyline> joinSegments(const Grid& grid, const std::vector<Segment>& segments,
                                   double level) {
    const std::size_t count = segments.size();
    // End e of segment s is "slot" 2s + e; partner[slot] is the slot sharing its edge.
    std::vector<std::pair<EdgeId, std::int64_t>> ends;
    ends.reserve(2 * count);
    for (std::size_t s = 0; s < count; ++s) {
        ends.emplace_back(segments[s].from, static_cast<std::int64_t>(2 * s));
        ends.emplace_back(segments[s].to, static_cast<std::int64_t>(2 * s + 1));
    }
    std::sort(ends.begin(), ends.end());
    std::vector<std::int64_t> partner(2 * count, -1);
    for (std::size_t e = 0; e + 1 < ends.size(); ++e) {
        if (ends[e].first == ends[e + 1].first) {
            partner[static_cast<std::size_t>(ends[e].second)] = ends[e + 1].second;
            partner[static_cast<std::size_t>(ends[e + 1].second)] = ends[e].second;
            ++e;
        }
    }
    auto edgeOf = [&](std::int64_t slot) {
        const Segment& seg = segments[static_cast<std::size_t>(slot / 2)];
        return slot % 2 == 0 ? seg.from : seg.to;
    };

    std::vector<bool> visited(count, false);
    std::vector<Polyline> lines;
    std::vector<EdgeId> forward;
    std::vector<EdgeId> backward;
    for (std::size_t first = 0; first < count; ++first) {
        if (visited[first]) continue;
        visited[first] = true;
        const auto firstSlot = static_cast<std::int64_t>(2 * first);
        forward.assign({segments[first].from, segments[first].to});
        backward.clear();
        bool closed = false;
        // Forward from the segment's "to" end.
        std::int64_t exitSlot = firstSlot + 1;
        while (true) {
            const std::int64_t next = partner[static_cast<std::size_t>(exitSlot)];
            if (next < 0) break;
            const std::size_t seg = static_cast<std::size_t>(next / 2);
            if (seg == first) {
                closed = true;
                break;
            }
            visited[seg] = true;
            exitSlot = next ^ 1;  // the other end of the segment just entered
            forward.push_back(edgeOf(exitSlot));
        }
        if (!closed) {
            exitSlot = firstSlot;  // backward from the "from" end
            while (true) {
                const std::int64_t next = partner[static_cast<std::size_t>(exitSlot)];
                if (next < 0) break;
                const std::size_t seg = static_cast<std::size_t>(next / 2);
                visited[seg] = true;
                exitSlot = next ^ 1;
                backward.push_back(edgeOf(exitSlot));
            }
        }
        Polyline line;
        line.closed = closed;
        line.points.reserve(backward.size() + forward.size());
        auto append = [&](EdgeId edge) {
            const Eigen::Vector2d point = crossingPoint(grid, edge, level);
            // A node exactly at the level makes zero-length segments: keep one point.
            if (line.points.empty() || point != line.points.back()) line.points.push_back(point);
        };
        for (auto it = backward.rbegin(); it != backward.rend(); ++it)
            append(*it);
        for (EdgeId edge : forward)
            append(edge);
        if (closed && line.points.size() > 1 && line.points.front() == line.points.back()) {
            line.points.pop_back();
        }
        if (line.points.size() >= 2) lines.push_back(std::move(line));
    }
    return lines;
}

// Count of the multiples k·step with lo < k·step < hi, and the first k.
std::pair<long long, long long> multiplesInside(double lo, double hi, double step) {
    const double first = std::floor(lo / step) + 1.0;
    const double last = std::ceil(hi / step) - 1.0;
    return {static_cast<long long>(first), static_cast<long long>(last - first + 1.0)};
}

// m·10^e, divided rather than multiplied for negative e so that 3·10^-1 prints as 0.3.
double scaledPower(double m, int e) {
    return e >= 0 ? m * std::pow(10.0, e) : m / std::pow(10.0, -e);
}

}  // namespace

std::vector<ContourLevel> traceContours(const Grid& grid, const std::vector<double>& levels) {
    std::vector<ContourLevel> out;
    out.reserve(levels.size());
    const bool usable = !grid.empty() && grid.values.size() == grid.spec.nodeCount() &&
                        grid.spec.nx >= 2 && grid.spec.ny >= 2;
    std::vector<std::vector<Segment>> segments;
    if (usable) segments = cellSegments(grid, levels);
    for (std::size_t l = 0; l < levels.size(); ++l) {
        ContourLevel contour;
        contour.level = levels[l];
        if (usable && std::isfinite(levels[l])) {
            contour.lines = joinSegments(grid, segments[l], levels[l]);
        }
        out.push_back(std::move(contour));
    }
    return out;
}

ContourLevel traceContour(const Grid& grid, double level) {
    return std::move(traceContours(grid, {level}).front());
}

std::vector<double> niceLevels(double lo, double hi, int minCount, int maxCount) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi) || minCount < 1 ||
        maxCount < minCount) {
        return {};
    }
    const double range = hi - lo;
    if (!std::isfinite(range)) return {};
    const double middle = 0.5 * (minCount + maxCount);
    // The usual steps first; the finer set only when none of them fits the count.
    const std::array<std::vector<double>, 2> mantissaGroups = {
        std::vector<double>{1.0, 2.0, 2.5, 5.0}, std::vector<double>{1.5, 3.0, 4.0, 6.0, 8.0}};
    const int baseExponent = static_cast<int>(std::floor(std::log10(range / middle)));
    double bestStep = 0.0;
    int bestExponent = 0;
    double bestMantissa = 0.0;
    double bestScore = std::numeric_limits<double>::infinity();
    for (const auto& group : mantissaGroups) {
        for (int e = baseExponent - 1; e <= baseExponent + 1; ++e) {
            for (double m : group) {
                const double step = scaledPower(m, e);
                if (!(step > 0) || !std::isfinite(step)) continue;
                const long long count = multiplesInside(lo, hi, step).second;
                const bool fits = count >= minCount && count <= maxCount;
                // Out-of-range counts are kept as a fallback, scored worse than any fit.
                const double score = std::abs(count - middle) + (fits ? 0.0 : 1e6);
                if (score < bestScore) {
                    bestScore = score;
                    bestStep = step;
                    bestExponent = e;
                    bestMantissa = m;
                }
            }
        }
        if (bestScore < 1e6) break;
    }
    if (!(bestStep > 0)) return {};
    const auto [firstMultiple, count] = multiplesInside(lo, hi, bestStep);
    std::vector<double> levels;
    if (count <= 0) return levels;
    levels.reserve(static_cast<std::size_t>(count));
    for (long long k = 0; k < count; ++k) {
        const double multiple = static_cast<double>(firstMultiple + k) * bestMantissa;
        const double level = scaledPower(multiple, bestExponent);
        if (level > lo && level < hi) levels.push_back(level);
    }
    return levels;
}

std::vector<double> logLevels(double lo, double hi, int targetCount) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > 0) || targetCount < 1) return {};
    if (lo <= 0) lo = hi * 1e-6;
    if (!(lo < hi)) return {};
    const int firstDecade = static_cast<int>(std::floor(std::log10(lo)));
    const int lastDecade = static_cast<int>(std::ceil(std::log10(hi)));
    const int decades = lastDecade - firstDecade;

    auto generate = [&](const std::vector<double>& multipliers, int decadeStep) {
        std::vector<double> levels;
        for (int e = firstDecade; e <= lastDecade; ++e) {
            // Every decadeStep-th power of ten, counted from 10^0 so the choice is stable.
            if (((e % decadeStep) + decadeStep) % decadeStep != 0) continue;
            for (double m : multipliers) {
                const double level = scaledPower(m, e);
                if (level > lo && level < hi) levels.push_back(level);
            }
        }
        return levels;
    };
    const std::array<std::vector<double>, 4> withinDecade = {
        std::vector<double>{1.0}, std::vector<double>{1.0, 3.0}, std::vector<double>{1.0, 2.0, 5.0},
        std::vector<double>{1.0, 1.5, 2.0, 3.0, 5.0, 7.0}};
    std::vector<double> best;
    double bestScore = std::numeric_limits<double>::infinity();
    auto consider = [&](std::vector<double> levels) {
        const double score = std::abs(static_cast<double>(levels.size()) - targetCount);
        if (score < bestScore) {  // strict: earlier (simpler) candidates win ties
            bestScore = score;
            best = std::move(levels);
        }
    };
    for (const auto& multipliers : withinDecade)
        consider(generate(multipliers, 1));
    const int widestStep = std::max(2, 2 * (decades / std::max(targetCount, 1)) + 2);
    for (int step = 2; step <= widestStep; ++step)
        consider(generate({1.0}, step));
    return best;
}

}  // namespace losslab
