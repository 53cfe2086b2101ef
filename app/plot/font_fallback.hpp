#pragma once
// Fonts for characters the main font (DejaVu Sans) lacks: Korean, Chinese or Japanese class
// names draw with Noto CJK (fonts-noto-cjk) when it is installed. fontconfig chooses the font,
// as it does for cairo, so the screen (ui/fonts.hpp) and the figures (plot/canvas_cairo.hpp)
// use the same one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losslab::plot {

// The characters of UTF-8 `text`, in order. A malformed byte becomes U+FFFD.
std::u32string decodeUtf8(std::string_view text);

struct FontFace {
    std::string path;    // the font file
    int index = 0;       // the face inside a collection (.ttc): Noto CJK KR is face 1
    std::string family;  // as fontconfig names it, e.g. "Noto Sans CJK KR"
};

// The installed sans-serif face that draws all of `characters` (fontconfig's best match for
// them, in Korean, Japanese or Chinese style after the script of the characters), or none when
// no installed font covers them all.
std::optional<FontFace> findFontCovering(const std::u32string& characters);

// Splits `characters` into groups each drawn by one installed face (the first face drawing the
// most of them, then the rest); characters no installed font has are left out.
struct FontCoverage {
    FontFace face;
    std::u32string characters;
};
std::vector<FontCoverage> findFontsCovering(std::u32string characters);

}  // namespace losslab::plot
