#pragma once
// The Training workspace's per-frame work, run once per frame by whichever of its panels draws
// first (so the layout's order does not matter): first-use setup, the workspace's keyboard
// shortcuts, and the optimizer steps of a playing run.
#include "app_state.hpp"

namespace losslab {

void beginTrainingFrame(AppState& state);

}  // namespace losslab
