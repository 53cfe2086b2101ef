#pragma once
// Fonts: DejaVu Sans with Greek and math glyphs, rebuilt at each UI scale so text stays crisp.
// Characters beyond those ranges (a class name in Korean, Chinese or Japanese) are merged in
// one by one from the fonts fontconfig finds for them (Noto CJK: plot/font_fallback.hpp), so
// the atlas holds only the glyphs in use instead of the tens of thousands of a CJK font.
#include <set>

#include "state/app_state.hpp"

namespace losslab {

// Rebuilds the font atlas for `scale` (1 = 16 px) with `extraCharacters` merged in from the
// installed fonts that have them (those no font has stay "?"). Falls back to ImGui's built-in
// font if DejaVu is missing. The caller must recreate the GL font texture afterwards.
void buildFonts(float scale, const std::set<char32_t>& extraCharacters = {});
// Path of the font in use, or "" for ImGui's built-in font.
const char* loadedFontPath();
// Whether the atlas always holds `c` (Latin, Greek, math: DejaVu's ranges).
bool inBaseGlyphRanges(char32_t c);
// Adds to `out` the characters beyond the base ranges in the text the app shows from the
// state: class names, the scene's title and note, the open lesson.
void collectExtraCharacters(const AppState& state, std::set<char32_t>* out);

}  // namespace losslab
