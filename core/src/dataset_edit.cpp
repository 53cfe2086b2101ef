#include "losslab/dataset_edit.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "seeded_random.hpp"

namespace losslab {

std::vector<std::uint8_t> splitMask(Eigen::Index points, double testFraction, std::uint64_t seed) {
    const Eigen::Index n = std::max<Eigen::Index>(points, 0);
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(n), 0);
    if (n == 0) return mask;
    if (!(testFraction > 0)) testFraction = 0;  // also NaN
    testFraction = std::min(testFraction, 1.0);
    Eigen::Index tests =
        static_cast<Eigen::Index>(std::llround(static_cast<double>(n) * testFraction));
    tests = std::min(tests, n - 1);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::mt19937_64 engine(seed);
    detail::shuffle(engine, order, static_cast<std::uint64_t>(n));
    for (Eigen::Index i = 0; i < tests; ++i) {
        mask[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = 1;
    }
    return mask;
}

void splitByMask(const Dataset& all, const std::vector<std::uint8_t>& mask, Dataset* train,
                 Dataset* test) {
    const Eigen::Index n = all.size();
    Eigen::Index tests = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (mask[static_cast<std::size_t>(i)] != 0) ++tests;
    }
    Dataset a, b;
    a.classes = b.classes = all.classes;
    a.points.resize(n - tests, 2);
    a.labels.resize(n - tests);
    b.points.resize(tests, 2);
    b.labels.resize(tests);
    Eigen::Index ia = 0, ib = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        Dataset& to = mask[static_cast<std::size_t>(i)] != 0 ? b : a;
        Eigen::Index& row = mask[static_cast<std::size_t>(i)] != 0 ? ib : ia;
        to.points.row(row) = all.points.row(i);
        to.labels[row] = all.labels[i];
        ++row;
    }
    *train = std::move(a);
    *test = std::move(b);
}

Eigen::Index nearestPoint(const RowMatrix& points, double x, double y, double pixelsPerUnitX,
                          double pixelsPerUnitY, double maxPixels) {
    Eigen::Index best = -1;
    double bestSquared = maxPixels * maxPixels;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const double dx = (points(i, 0) - x) * pixelsPerUnitX;
        const double dy = (points(i, 1) - y) * pixelsPerUnitY;
        const double squared = dx * dx + dy * dy;
        if (squared <= bestSquared) {
            bestSquared = squared;
            best = i;
        }
    }
    return best;
}

std::vector<Eigen::Index> pointsInBox(const RowMatrix& points, double x0, double y0, double x1,
                                      double y1) {
    const double left = std::min(x0, x1), right = std::max(x0, x1);
    const double bottom = std::min(y0, y1), top = std::max(y0, y1);
    std::vector<Eigen::Index> inside;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        const double x = points(i, 0), y = points(i, 1);
        if (x >= left && x <= right && y >= bottom && y <= top) inside.push_back(i);
    }
    return inside;
}

Eigen::Index appendPoint(Dataset* data, double x, double y, int label) {
    const Eigen::Index n = data->size();
    data->points.conservativeResize(n + 1, 2);
    data->labels.conservativeResize(n + 1);
    data->points(n, 0) = x;
    data->points(n, 1) = y;
    data->labels[n] = label;
    return n;
}

void erasePoints(Dataset* data, const std::vector<Eigen::Index>& indices,
                 std::vector<std::uint8_t>* mask) {
    const Eigen::Index n = data->size();
    std::vector<std::uint8_t> erase(static_cast<std::size_t>(n), 0);
    for (Eigen::Index i : indices) {
        if (i >= 0 && i < n) erase[static_cast<std::size_t>(i)] = 1;
    }
    Eigen::Index kept = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (erase[static_cast<std::size_t>(i)] != 0) continue;
        if (kept != i) {
            data->points.row(kept) = data->points.row(i);
            data->labels[kept] = data->labels[i];
            if (mask)
                (*mask)[static_cast<std::size_t>(kept)] = (*mask)[static_cast<std::size_t>(i)];
        }
        ++kept;
    }
    data->points.conservativeResize(kept, 2);
    data->labels.conservativeResize(kept);
    if (mask) mask->resize(static_cast<std::size_t>(kept));
}

}  // namespace losslab
