#pragma once
// Target distributions q (docs/math.md): one-hot, label-smoothed, soft labels.
#include <optional>
#include <string>

#include "losslab/types.hpp"

namespace losslab {

Vec oneHot(int classes, int y);
// q = (1 − ε)·t + ε/K for any distribution t (one-hot or soft).
Vec smoothTarget(const Vec& t, double smoothing);
// The default target: smoothed one-hot e_y.
Vec makeTarget(int classes, int y, double smoothing);

// Checks that t is a probability vector (finite, ≥ 0, sums to 1 within 1e-6);
// returns an error message or nothing.
std::optional<std::string> checkDistribution(const Vec& t);

}  // namespace losslab
