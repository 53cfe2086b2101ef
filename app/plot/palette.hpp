#pragma once
// Class colours (Okabe–Ito, colour-blind safe) and the colours of signed values, for plots on
// any canvas.
#include "plot/canvas.hpp"

namespace losslab {

// Colour of class k (core's Okabe–Ito class colours).
plot::Color classImColor(int k, float alpha = 1.0f);
// Colours for signed quantities (gradients): negative and positive.
plot::Color negativeColor();
plot::Color positiveColor();
// The accent used for "selected" and for the true class, readable on the canvas's background.
plot::Color accentColor(const plot::Canvas& canvas);
// The same for ImGui widgets in the current theme.
plot::Color accentColor();

}  // namespace losslab
