#pragma once
// Fonts: DejaVu Sans with Greek and math glyphs, rebuilt at each UI scale so text stays crisp.
namespace losslab {

// Rebuilds the font atlas for `scale` (1 = 16 px). Falls back to ImGui's built-in font if
// DejaVu is missing. The caller must recreate the GL font texture afterwards.
void buildFonts(float scale);
// Path of the font in use, or "" for ImGui's built-in font.
const char* loadedFontPath();

}  // namespace losslab
