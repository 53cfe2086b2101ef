#pragma once
// Class colours (Okabe–Ito, colour-blind safe) as ImGui colours.
#include <imgui.h>

namespace losslab {

// Colour of class k; beyond the palette the hues repeat with alternating lightness.
ImU32 classColor(int k, float alpha = 1.0f);
// Colours for signed quantities (gradients): negative and positive.
ImU32 negativeColor();
ImU32 positiveColor();
// The accent used for "selected" and for the true class.
ImU32 accentColor();

}  // namespace losslab
