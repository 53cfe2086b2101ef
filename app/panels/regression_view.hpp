#pragma once
// What the Regression workspace's panels share: one colour per loss (the same in the Fit
// lines, the surface's minima and the residual densities: l2 ↔ Gaussian, l1 ↔ Laplace), the
// message shown instead of a fit, and the update step's common first move.
#include <string>

#include "losslab/regression.hpp"
#include "plot/canvas.hpp"
#include "state/app_state.hpp"

namespace losslab {

// Okabe–Ito colours: l2 orange, l1 sky blue, huber bluish green, log_cosh reddish purple.
plot::Color regressionLossColor(RegressionLoss loss, float alpha = 1.0f);

// The workspace's data and fits, brought up to date when the workspace is on screen, a panel
// of it is, or its descent plays.
void prepareRegression(AppState& state, bool visible);

// Why there is no line to show ("Fewer than 2 points: …"), "" when there is one.
std::string regressionFitProblem(const RegressionState& rs);

// "1.25", "-0.0031", "1.2e+05": numbers in labels and read-outs.
std::string regressionNumber(double value);

}  // namespace losslab
