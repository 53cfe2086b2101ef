#pragma once
// Operations on the Regression workspace's state (regression_state.hpp), shared by its panels,
// its keys and the tests, so that the panels only draw and forward input. No ImGui, no GL.
//
// Every change of the points or of the loss options restarts the gradient-descent run from
// the line it has reached (fresh optimizer state, a new path): the surface it walks on has
// changed. Reset starts it again from w = b = 0.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "state/app_state.hpp"

namespace losslab {

// Draws the first dataset on first use, and starts over after a scene replaced the points
// or the settings (AppState::sceneRevision changed). Brings the exact fits up to date.
void ensureRegressionReady(AppState& state);

// ---------------------------------------------------------------- fits

// Where `loss` sits in kAllRegressionLosses (and so in RegressionFits::fits).
std::size_t regressionLossIndex(RegressionLoss loss);
// Recomputes the exact fits, residuals, weights and likelihood when the points or the options
// changed since the last time (cheap otherwise).
void refreshRegressionFits(RegressionState& rs);
// The exact fit of the chosen loss, or null when there is none (rs.fits.error says why).
const ExactFit* chosenRegressionFit(const RegressionState& rs);

// ---------------------------------------------------------------- points

// Call once before a group of point edits that should undo as one step (a click, a drag).
void beginRegressionEdit(RegressionState& rs);
// Returns the new point's index.
Eigen::Index addRegressionPoint(RegressionState& rs, double x, double y);
void moveRegressionPoint(RegressionState& rs, Eigen::Index index, double x, double y);
void eraseRegressionPoint(RegressionState& rs, Eigen::Index index);
bool undoRegressionEdit(RegressionState& rs);
bool redoRegressionEdit(RegressionState& rs);

// A new dataset from rs.dataset; undoable. Invalid options: the message, nothing changed.
std::optional<std::string> regenerateRegressionData(RegressionState& rs);

// The points far from the robust (l1) line: |r| > kOutlierScales · σ̂, with σ̂ = 1.4826 ·
// median |r| (the normal-consistent median absolute residual). Empty without an l1 fit.
inline constexpr double kOutlierScales = 3.5;
std::vector<Eigen::Index> regressionOutliers(const RegressionState& rs);
// One point above the l1 line, at a seeded random x in the middle of the points' range, lifted
// as the `line` dataset lifts its outliers (2 to 4 units) or by 6σ̂ to 12σ̂ when the points
// are noisier, so that "Remove outliers" always finds it; undoable. Needs a fit (2 points).
std::optional<std::string> addRegressionOutlier(RegressionState& rs);
// Erases regressionOutliers(rs) as one undoable edit; returns how many went.
std::size_t removeRegressionOutliers(RegressionState& rs);

// The x,y CSV (regression.hpp): on any error the message, and the points stay as they were.
// Loading is undoable.
std::optional<std::string> loadRegressionFile(RegressionState& rs, const std::string& path);
std::optional<std::string> saveRegressionFile(const RegressionState& rs, const std::string& path);

// ---------------------------------------------------------------- settings and descent

// New loss options (loss, δ, λ2) or descent settings (optimizer, learning rate, momentum):
// refused with the message when invalid (nothing changes).
std::optional<std::string> setRegressionOptions(RegressionState& rs,
                                                const RegressionOptions& options);
std::optional<std::string> setRegressionDescent(RegressionState& rs,
                                                const RegressionDescentConfig& config);

// Back to w = b = 0 with an empty path (the Reset button, Shift+R).
void resetRegressionRun(RegressionState& rs);
// Up to `count` updates; stops (and pauses play) when the run diverges. Returns updates made.
long long stepRegressionRun(RegressionState& rs, long long count);
void toggleRegressionPlay(RegressionState& rs);

}  // namespace losslab
