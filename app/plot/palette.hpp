#pragma once
// Class colours (Okabe–Ito, colour-blind safe) as ImGui colours.
#include <imgui.h>

namespace losslab {

// Colour of class k (core's Okabe–Ito class colours) as an ImGui colour.
ImU32 classImColor(int k, float alpha = 1.0f);
// Colours for signed quantities (gradients): negative and positive.
ImU32 negativeColor();
ImU32 positiveColor();
// The accent used for "selected" and for the true class.
ImU32 accentColor();

}  // namespace losslab
