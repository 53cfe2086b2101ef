#pragma once
// Editing a 2-D dataset point by point (the Classifier panel: add, move, erase, box-erase)
// and a train/test split that stays put while points are edited.
//
// splitDataset (dataset.hpp) shuffles the points into two new datasets, so adding one point
// would reshuffle every assignment. Here the split is a mask, one flag per point: edits carry
// the flags along with the points, and only regenerating (or changing the fraction) draws a
// new mask.
#include <cstdint>
#include <vector>

#include "losslab/dataset.hpp"

namespace losslab {

// One flag per point, 1 = test. Exactly round(N·testFraction) flags are set (at most N − 1 when
// N ≥ 1, so training keeps a point), chosen by a seeded shuffle: the same N, fraction and seed
// give the same mask. testFraction is clamped to [0, 1).
std::vector<std::uint8_t> splitMask(Eigen::Index points, double testFraction, std::uint64_t seed);

// The points whose flag is 0 (train) and 1 (test), in their original order, with the classes
// of `all`. mask must have one flag per point.
void splitByMask(const Dataset& all, const std::vector<std::uint8_t>& mask, Dataset* train,
                 Dataset* test);

// The point nearest to (x, y) when distances are measured in pixels: Δx·pixelsPerUnitX and
// Δy·pixelsPerUnitY. Returns −1 when none is within maxPixels. Ties go to the higher index
// (the point drawn last, on top).
Eigen::Index nearestPoint(const RowMatrix& points, double x, double y, double pixelsPerUnitX,
                          double pixelsPerUnitY, double maxPixels);

// Indices of the points inside the box spanned by two corners (any order, edges included).
std::vector<Eigen::Index> pointsInBox(const RowMatrix& points, double x0, double y0, double x1,
                                      double y1);

// Appends a point; returns its index.
Eigen::Index appendPoint(Dataset* data, double x, double y, int label);
// Removes the given points (indices in any order, duplicates ignored); `mask`, if non-null,
// loses the same entries.
void erasePoints(Dataset* data, const std::vector<Eigen::Index>& indices,
                 std::vector<std::uint8_t>* mask = nullptr);

}  // namespace losslab
