#pragma once
// Presenter mode: the keys a lecture hall needs (F11 full screen, B blank, H hide controls,
// Esc back to the layout) and one Next/Previous pair (PageDown/PageUp, →/←: what presentation
// clickers send) that steps through whatever is being presented.
#include "state/app_state.hpp"

namespace losslab {

// Reads the presenter's keys. While the screen is blank, any key or click only brings it back.
void handlePresenterKeys(AppState& state);
// Next (+1) or previous (−1): the panel under the mouse if it has steps of its own (the loss
// surface's gradient descent, one step at a time), otherwise the open lesson's steps, otherwise
// the presets in order. Returns false when there is nothing further in that direction.
bool presenterStep(AppState& state, int direction);
// After the panels: the black screen of B.
void drawPresenterOverlays(const AppState& state);
// How to get the controls or the layout back ("" when nothing is hidden): the menu bar shows it.
std::string presenterHint(const AppState& state);

}  // namespace losslab
