// Marching squares (contour.hpp): shapes whose iso-lines are known exactly, saddles, NaN
// holes, and the choice of levels.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "losslab/contour.hpp"

namespace losslab {
namespace {

double polygonArea(const std::vector<Eigen::Vector2d>& points) {
    double twice = 0.0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Eigen::Vector2d& a = points[i];
        const Eigen::Vector2d& b = points[(i + 1) % points.size()];
        twice += a.x() * b.y() - b.x() * a.y();
    }
    return 0.5 * std::abs(twice);
}

bool onBoundary(const GridSpec& spec, const Eigen::Vector2d& p) {
    const double eps = 1e-12;
    return std::abs(p.x() - spec.xMin) < eps || std::abs(p.x() - spec.xMax) < eps ||
           std::abs(p.y() - spec.yMin) < eps || std::abs(p.y() - spec.yMax) < eps;
}

TEST(Contours, RadialBowlGivesClosedCircles) {
    const GridSpec spec{-2.0, 2.0, -2.0, 2.0, 81, 81};
    const Grid bowl = sampleGrid(spec, [](double x, double y) { return x * x + y * y; });
    const std::vector<double> levels = {0.25, 1.0, 2.25, 3.0, 3.7};
    const auto contours = traceContours(bowl, levels);
    ASSERT_EQ(contours.size(), levels.size());
    for (const ContourLevel& contour : contours) {
        const double radius = std::sqrt(contour.level);
        ASSERT_EQ(contour.lines.size(), 1u) << "level " << contour.level;
        const Polyline& circle = contour.lines[0];
        EXPECT_TRUE(circle.closed) << "level " << contour.level;
        // One crossing per grid edge cut by the circle: about 4 per cell width of diameter.
        EXPECT_GT(circle.points.size(), static_cast<std::size_t>(4 * 2 * radius / 0.05 * 0.9));
        for (const Eigen::Vector2d& p : circle.points) {
            // Linear interpolation of r² along an edge of 0.05 errs by at most h²/4 in r².
            EXPECT_NEAR(p.norm(), radius, 0.05 * 0.05 / 4 / radius) << "level " << contour.level;
        }
        // Consecutive points are neighbours on the circle (no jumps across it) ...
        for (std::size_t i = 0; i < circle.points.size(); ++i) {
            const Eigen::Vector2d& a = circle.points[i];
            const Eigen::Vector2d& b = circle.points[(i + 1) % circle.points.size()];
            EXPECT_LT((a - b).norm(), 0.05 * std::sqrt(2.0) + 1e-12);
            EXPECT_GT((a - b).norm(), 0.0);  // and never repeated
        }
        // ... and the polygon encloses the disk.
        EXPECT_NEAR(polygonArea(circle.points), M_PI * contour.level, 0.01 * M_PI * contour.level);
    }
    // Levels outside the values give nothing.
    EXPECT_TRUE(traceContour(bowl, -1.0).lines.empty());
    EXPECT_TRUE(traceContour(bowl, 100.0).lines.empty());
    // A level beyond the corners' circle cuts only the corners: four open arcs.
    const ContourLevel corners = traceContour(bowl, 6.0);
    ASSERT_EQ(corners.lines.size(), 4u);
    for (const Polyline& arc : corners.lines) {
        EXPECT_FALSE(arc.closed);
        EXPECT_TRUE(onBoundary(spec, arc.points.front()));
        EXPECT_TRUE(onBoundary(spec, arc.points.back()));
    }
}

TEST(Contours, PlaneGivesStraightLinesAcrossTheGrid) {
    const GridSpec spec{-1.0, 1.0, -2.0, 2.0, 41, 61};
    auto plane = [](double x, double y) { return 2.0 * x + 3.0 * y + 1.0; };
    const Grid grid = sampleGrid(spec, plane);
    const std::vector<double> levels = niceLevels(grid.minValue, grid.maxValue);
    ASSERT_GE(levels.size(), 8u);
    for (const ContourLevel& contour : traceContours(grid, levels)) {
        ASSERT_EQ(contour.lines.size(), 1u) << "level " << contour.level;
        const Polyline& line = contour.lines[0];
        EXPECT_FALSE(line.closed);
        ASSERT_GE(line.points.size(), 2u);
        // Linear interpolation is exact for a linear function: every point is on the line.
        for (const Eigen::Vector2d& p : line.points) {
            EXPECT_NEAR(plane(p.x(), p.y()), contour.level, 1e-12);
        }
        // It runs from one side of the grid to another, monotonically along (−3, 2).
        EXPECT_TRUE(onBoundary(spec, line.points.front()));
        EXPECT_TRUE(onBoundary(spec, line.points.back()));
        const Eigen::Vector2d along(-3.0, 2.0);
        const double direction = (line.points.back() - line.points.front()).dot(along) > 0 ? 1 : -1;
        for (std::size_t i = 1; i < line.points.size(); ++i) {
            // (Rounding of nodes that lie on the line may reverse a step by an ulp.)
            EXPECT_GT(direction * (line.points[i] - line.points[i - 1]).dot(along), -1e-12);
        }
    }
}

TEST(Contours, LevelThroughNodesPassesThroughThem) {
    // f = x on nodes x = −1, −0.5, 0, 0.5, 1: level 0 runs exactly along the column x = 0.
    const Grid grid =
        sampleGrid(GridSpec{-1.0, 1.0, 0.0, 3.0, 5, 4}, [](double x, double) { return x; });
    const ContourLevel zero = traceContour(grid, 0.0);
    ASSERT_EQ(zero.lines.size(), 1u);
    EXPECT_EQ(zero.lines[0].points.size(), 4u);  // one point per node row, no duplicates
    for (const Eigen::Vector2d& p : zero.lines[0].points)
        EXPECT_EQ(p.x(), 0.0);
}

// The two segments of the saddle cell 2 x 2 grid with corners c0 (bottom left), c1, c2, c3
// counter-clockwise, as sets of the edges their ends lie on.
std::set<std::set<char>> saddleSegments(double c0, double c1, double c2, double c3, double level) {
    Grid grid = sampleGrid(GridSpec{0.0, 1.0, 0.0, 1.0, 2, 2}, [](double, double) { return 0.0; });
    grid.at(0, 0) = c0;
    grid.at(1, 0) = c1;
    grid.at(1, 1) = c2;
    grid.at(0, 1) = c3;
    auto edge = [](const Eigen::Vector2d& p) {
        if (p.y() == 0.0) return 'B';
        if (p.x() == 1.0) return 'R';
        if (p.y() == 1.0) return 'T';
        return 'L';
    };
    std::set<std::set<char>> out;
    for (const Polyline& line : traceContour(grid, level).lines) {
        EXPECT_EQ(line.points.size(), 2u);
        EXPECT_FALSE(line.closed);
        out.insert({edge(line.points.front()), edge(line.points.back())});
    }
    return out;
}

TEST(Contours, SaddleCellsFollowTheCentreValue) {
    using Pairs = std::set<std::set<char>>;
    // Corners 0 and 2 are 1 (above), corners 1 and 3 are 0; the centre is 0.5.
    // Level 0.4: the centre is above, so the above corners connect through the cell and the
    // lines cut off the below corners 1 (bottom–right) and 3 (top–left).
    EXPECT_EQ(saddleSegments(1, 0, 1, 0, 0.4), (Pairs{{'B', 'R'}, {'T', 'L'}}));
    // Level 0.6: the centre is below; the lines cut off the above corners 0 and 2.
    EXPECT_EQ(saddleSegments(1, 0, 1, 0, 0.6), (Pairs{{'B', 'L'}, {'R', 'T'}}));
    // The mirror image: corners 1 and 3 above.
    EXPECT_EQ(saddleSegments(0, 1, 0, 1, 0.4), (Pairs{{'B', 'L'}, {'R', 'T'}}));
    EXPECT_EQ(saddleSegments(0, 1, 0, 1, 0.6), (Pairs{{'B', 'R'}, {'T', 'L'}}));
}

TEST(Contours, SaddleFieldKeepsTheHyperbolaBranchesApart) {
    // f = x·y + c on an even number of nodes: the middle cell straddles the origin and is a
    // saddle at level 0. The true branches x·y = −c lie in quadrants II and IV when c > 0,
    // I and III when c < 0; a wrong saddle choice joins branches across the middle.
    for (double c : {0.001, -0.001}) {
        const Grid grid = sampleGrid(GridSpec{-1.0, 1.0, -1.0, 1.0, 20, 20},
                                     [c](double x, double y) { return x * y + c; });
        const ContourLevel zero = traceContour(grid, 0.0);
        ASSERT_EQ(zero.lines.size(), 2u) << "c = " << c;
        std::set<int> quadrants;
        for (const Polyline& branch : zero.lines) {
            EXPECT_FALSE(branch.closed);
            const bool right = branch.points.front().x() > 0;
            const bool up = branch.points.front().y() > 0;
            for (const Eigen::Vector2d& p : branch.points) {
                EXPECT_EQ(p.x() > 0, right) << "c = " << c;
                EXPECT_EQ(p.y() > 0, up) << "c = " << c;
            }
            quadrants.insert(right ? (up ? 1 : 4) : (up ? 2 : 3));
        }
        EXPECT_EQ(quadrants, (c > 0 ? std::set<int>{2, 4} : std::set<int>{1, 3}));
    }
    // Off the saddle: every level of x·y gives two open branches, on both sides.
    const Grid saddle = sampleGrid(GridSpec{-1.0, 1.0, -1.0, 1.0, 33, 33},
                                   [](double x, double y) { return x * y; });
    for (double level : {-0.5, -0.1, 0.1, 0.5}) {
        const ContourLevel contour = traceContour(saddle, level);
        EXPECT_EQ(contour.lines.size(), 2u) << level;
        for (const Polyline& line : contour.lines) {
            EXPECT_FALSE(line.closed);
            for (const Eigen::Vector2d& p : line.points) {
                // x·y is linear along every grid edge, so the crossings are exact.
                EXPECT_NEAR(p.x() * p.y(), level, 1e-12) << level;
            }
        }
    }
    // Exactly through the saddle nodes (level 0 on nodes x = 0, y = 0): lines along the axes;
    // whatever the pairing, every point is on an axis.
    const ContourLevel axes = traceContour(saddle, 0.0);
    EXPECT_FALSE(axes.lines.empty());
    for (const Polyline& line : axes.lines) {
        for (const Eigen::Vector2d& p : line.points) {
            EXPECT_NEAR(std::min(std::abs(p.x()), std::abs(p.y())), 0.0, 1e-12);
        }
    }
}

TEST(Contours, NaNCellsAreSkipped) {
    // The bowl with a NaN disk of radius 0.5 around (1, 0): the circle r = 1 is cut there.
    const GridSpec spec{-2.0, 2.0, -2.0, 2.0, 81, 81};
    const Grid holed = sampleGrid(spec, [](double x, double y) {
        return std::hypot(x - 1.0, y) < 0.5 ? NAN : x * x + y * y;
    });
    const ContourLevel cut = traceContour(holed, 1.0);
    ASSERT_EQ(cut.lines.size(), 1u);
    EXPECT_FALSE(cut.lines[0].closed);
    for (const Eigen::Vector2d& p : cut.lines[0].points) {
        EXPECT_NEAR(p.norm(), 1.0, 1e-3);
        // Never inside the hole (an edge between two nodes outside it may dip in by h²/8r).
        EXPECT_GE(std::hypot(p.x() - 1.0, p.y()), 0.5 - 1e-3);
    }
    // Fully NaN, empty, or a NaN level: no lines and no crash.
    const Grid allNaN = sampleGrid(spec, [](double, double) { return NAN; });
    EXPECT_TRUE(traceContour(allNaN, 0.0).lines.empty());
    EXPECT_TRUE(traceContour(Grid{}, 0.0).lines.empty());
    const Grid bowl = sampleGrid(spec, [](double x, double y) { return x * x + y * y; });
    EXPECT_TRUE(traceContour(bowl, NAN).lines.empty());
    EXPECT_EQ(traceContours(bowl, {}).size(), 0u);
}

// All levels are traced in one pass over the cells; each level's lines must be exactly
// what tracing that level alone gives, whatever the order of the levels, with repeats, a
// NaN level, levels outside the values and levels exactly at node values, on a field with
// holes and saddles.
TEST(Contours, ManyLevelsAtOnceEqualOneAtATime) {
    const GridSpec spec{-3.0, 3.0, -2.0, 2.0, 57, 41};
    Grid field = sampleGrid(spec, [](double x, double y) {
        return std::sin(2.0 * x) * std::cos(3.0 * y) + 0.3 * x * y;
    });
    field.values[100] = NAN;
    field.values[700] = INFINITY;
    const double atNode = field.at(10, 10);
    const std::vector<double> levels = {0.5, -0.75, 0.5, NAN, 9.0, -9.0, 0.0, atNode, 0.25, -0.1};
    const auto together = traceContours(field, levels);
    ASSERT_EQ(together.size(), levels.size());
    std::size_t lines = 0;
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const ContourLevel alone = traceContour(field, levels[l]);
        SCOPED_TRACE("level " + std::to_string(levels[l]));
        ASSERT_EQ(together[l].lines.size(), alone.lines.size());
        for (std::size_t i = 0; i < alone.lines.size(); ++i) {
            EXPECT_EQ(together[l].lines[i].closed, alone.lines[i].closed);
            EXPECT_EQ(together[l].lines[i].points, alone.lines[i].points);
        }
        lines += alone.lines.size();
    }
    EXPECT_GT(lines, 20u);                   // the field really is crossed many times
    EXPECT_TRUE(together[3].lines.empty());  // NaN level
    EXPECT_TRUE(together[4].lines.empty());  // above every value
    EXPECT_TRUE(together[5].lines.empty());  // below every value
    EXPECT_FALSE(together[7].lines.empty());
}

TEST(ContourLevels, NiceLevelsAreEvenlySpacedRoundNumbers) {
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> exponent(-8.0, 8.0);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    std::vector<std::pair<double, double>> ranges = {{0, 1},       {0.003, 7.3},  {-5, 1234},
                                                     {2.30, 2.31}, {-1e-9, 1e-9}, {1, 1.0 + 1e-6}};
    for (int n = 0; n < 500; ++n) {
        const double scale = std::pow(10.0, exponent(rng));
        const double lo = unit(rng) * scale;
        ranges.emplace_back(lo, lo + scale * (0.01 + std::abs(unit(rng))));
    }
    for (const auto& [lo, hi] : ranges) {
        const std::vector<double> levels = niceLevels(lo, hi);
        ASSERT_GE(levels.size(), 8u) << lo << " " << hi;
        ASSERT_LE(levels.size(), 12u) << lo << " " << hi;
        // The step is m·10^e with m one of the listed mantissas.
        const double measured = levels[1] - levels[0];
        const double power = std::pow(10.0, std::floor(std::log10(measured) + 1e-9));
        double step = 0.0;
        for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
            if (std::abs(measured / power - m) < 1e-6) step = m * power;
        }
        ASSERT_GT(step, 0.0) << "step " << measured << " is not nice";
        for (std::size_t i = 0; i < levels.size(); ++i) {
            EXPECT_GT(levels[i], lo);
            EXPECT_LT(levels[i], hi);
            // Multiples of the step (to the rounding of the level itself), evenly spaced.
            const double multiple = levels[i] / step;
            EXPECT_NEAR(multiple, std::round(multiple), 1e-9 + 1e-15 * std::abs(multiple));
            if (i > 0) {
                EXPECT_NEAR(levels[i] - levels[i - 1], step,
                            1e-9 * step + 1e-15 * std::abs(levels[i]));
            }
        }
    }
    EXPECT_EQ(niceLevels(0, 1), (std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}));
    EXPECT_TRUE(niceLevels(1, 1).empty());
    EXPECT_TRUE(niceLevels(2, 1).empty());
    EXPECT_TRUE(niceLevels(0, NAN).empty());
    EXPECT_TRUE(niceLevels(-INFINITY, 0).empty());
    EXPECT_TRUE(niceLevels(0, 1, 5, 3).empty());
}

TEST(ContourLevels, LogLevelsSpanTheDecades) {
    struct Case {
        double lo, hi;
    };
    for (const Case& c :
         {Case{1e-6, 30}, Case{0.01, 5}, Case{1e-300, 100}, Case{0.5, 2}, Case{3, 3000}}) {
        const std::vector<double> levels = logLevels(c.lo, c.hi, 10);
        ASSERT_GE(levels.size(), 3u) << c.lo << " " << c.hi;
        EXPECT_LE(levels.size(), 20u);
        for (std::size_t i = 0; i < levels.size(); ++i) {
            EXPECT_GT(levels[i], c.lo);
            EXPECT_LT(levels[i], c.hi);
            if (i > 0) {
                EXPECT_GT(levels[i], levels[i - 1]);
            }
            const double mantissa =
                levels[i] / std::pow(10.0, std::floor(std::log10(levels[i]) + 1e-9));
            bool nice = false;
            for (double m : {1.0, 1.5, 2.0, 3.0, 5.0, 7.0})
                nice = nice || std::abs(mantissa - m) < 1e-9;
            EXPECT_TRUE(nice) << levels[i];
        }
    }
    // Ten powers of ten strictly inside, ten asked for: exactly those.
    EXPECT_EQ(logLevels(1e-6, 2e4, 10).size(), 10u);
    EXPECT_EQ(logLevels(1e-6, 2e4, 10).front(), 1e-5);
    EXPECT_EQ(logLevels(1e-6, 2e4, 10).back(), 1e4);
    // 300 decades → every n-th power of ten, about as many as asked.
    const auto wide = logLevels(1e-300, 100, 10);
    EXPECT_NEAR(static_cast<double>(wide.size()), 10.0, 3.0);
    // A loss whose minimum is 0 starts at max·1e-6.
    const auto fromZero = logLevels(0.0, 10.0, 10);
    ASSERT_FALSE(fromZero.empty());
    EXPECT_GT(fromZero.front(), 10.0 * 1e-6);
    EXPECT_LT(fromZero.front(), 1e-4);
    EXPECT_TRUE(logLevels(1, -1).empty());
    EXPECT_TRUE(logLevels(NAN, 1).empty());
    EXPECT_TRUE(logLevels(2, 1).empty());
}

}  // namespace
}  // namespace losslab
