#pragma once
namespace losslab {
// Resets ImGui's style to the light or dark theme at the given UI scale.
void applyTheme(bool dark, float scale);
}  // namespace losslab
