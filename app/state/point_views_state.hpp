#pragma once
// What the training points do under the current classifier (point_diagnostics.hpp), as two
// views show it: the Classifier's gradient-share sizing of its points and the Confusion panel.
// Both are derived by update steps and recomputed only when the weights, the points or the
// settings change (TrainingState's revisions).
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/point_diagnostics.hpp"
#include "losslab/types.hpp"

namespace losslab {

// The Classifier panel's "points: gradient share" option and what it draws from.
struct PointSharesState {
    PointSizing sizing = PointSizing::Equal;  // kept in scenes (view.classifier_point_size)
    std::uint64_t key = ~std::uint64_t{0};    // the model, points and settings computed for
    Vec shares;  // ‖∂L_n/∂s_n‖ per point of TrainingState::data; 0 for test points
    std::vector<float> sizes;    // shareSizes: radius factors for the point splat
    double largest = 0.0;        // the largest training share: the full-size disc
    Eigen::Index vanished = 0;   // training points with share 0 (past the hinge margin)
    std::uint64_t revision = 0;  // bumped when `sizes` change (the splat's cache key)
};

// The Confusion panel: where the training and the test points land under the classifier.
struct ConfusionPanelState {
    std::uint64_t key = ~std::uint64_t{0};
    double computedTime = -1.0;   // UI clock of the last count (throttled while training plays)
    Eigen::MatrixXi train, test;  // K x K: row = true class, column = predicted class
    std::string message;          // why there is no matrix (no classifier yet)
};

}  // namespace losslab
