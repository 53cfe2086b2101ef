#pragma once
// Every panel in two steps (DESIGN.md rule 2). The update step runs every frame before anything
// is drawn, whether or not the panel is on screen (`visible` says whether it is): it advances
// what moves (the trainer, a descent) and refreshes the panel's derived data. The draw step
// only draws the state into the current ImGui window; what its widgets change is an edit
// that the next frame's update steps see. One file per panel.
//
// A panel with a plot also has a figure step: the same plot without widgets or title, filling
// `area` of `canvas` (a figure file, an animation frame). The draw step draws its plot with
// the same code, so the two cannot drift. A figure step may first bring the panel's derived
// data up to date for the figure's size (the classifier's region image is per pixel).
#include "panels/panel_gpu.hpp"
#include "plot/canvas.hpp"
#include "state/app_state.hpp"

namespace losslab {

// False while the presenter hides the controls: a panel then draws its plots only (its sliders,
// buttons and combos are not drawn), and keys and dragging on the plots still work.
inline bool controlsShown(const AppState& state) {
    return !state.presenter.hideControls;
}

void drawLogitsPanel(AppState& state, PanelGpu& gpu);
void figureLogitsPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateSoftmaxPanel(AppState& state, bool visible);
void drawSoftmaxPanel(AppState& state, PanelGpu& gpu);
// With K = 2 the sigmoid curve σ(d) with the current point on it; otherwise LSE on its bounds.
void figureSoftmaxPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void drawTargetPanel(AppState& state, PanelGpu& gpu);
void drawProbabilitiesPanel(AppState& state, PanelGpu& gpu);
void figureProbabilitiesPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateLossesPanel(AppState& state, bool visible);
void drawLossesPanel(AppState& state, PanelGpu& gpu);
void figureLossesPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void drawPrecisionPanel(AppState& state, PanelGpu& gpu);
void updateSimplexPanel(AppState& state, bool visible);
void drawSimplexPanel(AppState& state, PanelGpu& gpu);
void figureSimplexPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateSurfacePanel(AppState& state, bool visible);
void drawSurfacePanel(AppState& state, PanelGpu& gpu);
void figureSurfacePanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
// The loss-surface grid that the 2D and 3D views share, brought up to date (cheap when
// unchanged): the 3D view's update step asks for it when the 2D view is not on screen.
void refreshSurfaceGrid(AppState& state);
// The surface panel's Descend button: gradient descent on its two logits from the current
// point (or from where the last descent started), animated one step per frame by the update
// step. Returns false when the loss has no descent from here (non-finite values).
bool startSurfaceDescent(AppState& state);
// Its Reset button: back to the logits the descent started from.
void resetSurfaceDescent(AppState& state);
// Its own Next/Previous steps (a clicker, with the mouse over the panel): one step of gradient
// descent forward (starting one if none is under way) or back. False at either end.
bool stepSurfaceDescent(AppState& state, int direction);
void updateSurface3DPanel(AppState& state, bool visible);
void drawSurface3DPanel(AppState& state, PanelGpu& gpu);
void figureSurface3DPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateClassifierPanel(AppState& state, bool visible);
void drawClassifierPanel(AppState& state, PanelGpu& gpu);
void figureClassifierPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
// Confusion matrices of the classifier on the training and the test points.
void updateConfusionPanel(AppState& state, bool visible);
void drawConfusionPanel(AppState& state, PanelGpu& gpu);
void figureConfusionPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateTrainingPanel(AppState& state, bool visible);
void drawTrainingPanel(AppState& state, PanelGpu& gpu);
void figureTrainingPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateLandscapePanel(AppState& state, bool visible);
void drawLandscapePanel(AppState& state, PanelGpu& gpu);
void figureLandscapePanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
// The lesson bar: the open lesson's step and its task, whose ✓ the update step keeps live.
void updateBatchPanel(AppState& state, bool visible);
void drawBatchPanel(AppState& state, PanelGpu& gpu);
void updateBackpropPanel(AppState& state, bool visible);
void drawBackpropPanel(AppState& state, PanelGpu& gpu);
void figureBackpropPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
// Next/Previous over the panel: reveal the gradient of one more node (or one fewer). False at
// either end.
bool stepBackprop(AppState& state, int direction);
void updateLessonPanel(AppState& state, bool visible);
void drawLessonPanel(AppState& state, PanelGpu& gpu);
// The Regression workspace (state/regression_state.hpp): the points and lines, the objective
// over (w, b), the residuals under both noise models, and the controls, whose update step
// runs the descent and takes the workspace's keys.
void updateFitPanel(AppState& state, bool visible);
void drawFitPanel(AppState& state, PanelGpu& gpu);
void figureFitPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateRegressionSurfacePanel(AppState& state, bool visible);
void drawRegressionSurfacePanel(AppState& state, PanelGpu& gpu);
void figureRegressionSurfacePanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateResidualsPanel(AppState& state, bool visible);
void drawResidualsPanel(AppState& state, PanelGpu& gpu);
void figureResidualsPanel(AppState& state, plot::Canvas& canvas, plot::Rect area);
void updateRegressionControlsPanel(AppState& state, bool visible);
void drawRegressionControlsPanel(AppState& state, PanelGpu& gpu);

}  // namespace losslab
