#include "plot/font_fallback.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>

namespace losslab::plot {

namespace {

// The language whose style a CJK face should follow: Hangul is Korean, kana Japanese. Han
// characters alone leave the choice to fontconfig (the user's locale).
const char* languageOf(const std::u32string& characters) {
    const auto hangul = [](char32_t c) {
        return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
               (c >= 0xAC00 && c <= 0xD7AF);
    };
    const auto kana = [](char32_t c) { return c >= 0x3040 && c <= 0x30FF; };
    if (std::any_of(characters.begin(), characters.end(), hangul)) return "ko";
    if (std::any_of(characters.begin(), characters.end(), kana)) return "ja";
    return nullptr;
}

// fontconfig's best sans-serif match for a face with all of `characters` (coverage ranks
// above the family in its matching); the caller destroys the result.
FcPattern* bestMatch(const std::u32string& characters) {
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
    FcCharSet* wanted = FcCharSetCreate();
    for (char32_t c : characters)
        FcCharSetAddChar(wanted, c);
    FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
    FcCharSetDestroy(wanted);
    if (const char* language = languageOf(characters))
        FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>(language));
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &result);
    FcPatternDestroy(pattern);
    return match;
}

// The characters of `characters` that the face `match` draws.
std::u32string coveredBy(FcPattern* match, const std::u32string& characters) {
    std::u32string covered;
    FcCharSet* charset = nullptr;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) != FcResultMatch) return covered;
    for (char32_t c : characters) {
        if (FcCharSetHasChar(charset, c)) covered += c;
    }
    return covered;
}

std::optional<FontFace> faceOf(FcPattern* match) {
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    int index = 0;
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) return std::nullopt;
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    FcPatternGetString(match, FC_FAMILY, 0, &family);
    FontFace face;
    face.path = reinterpret_cast<const char*>(file);
    face.index = index;
    if (family) face.family = reinterpret_cast<const char*>(family);
    return face;
}

}  // namespace

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80           ? 1
                     : (byte >> 5) == 0x6  ? 2
                     : (byte >> 4) == 0xE  ? 3
                     : (byte >> 3) == 0x1E ? 4
                                           : 0;
        char32_t c = length == 1   ? byte
                     : length == 2 ? byte & 0x1F
                     : length == 3 ? byte & 0x0F
                                   : byte & 0x07;
        bool valid = length > 0 && i + length <= text.size();
        for (int k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next & 0xC0) == 0x80;
            c = (c << 6) | (next & 0x3F);
        }
        if (!valid) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += c;
        i += length;
    }
    return out;
}

std::optional<FontFace> findFontCovering(const std::u32string& characters) {
    if (characters.empty()) return std::nullopt;
    FcPattern* match = bestMatch(characters);
    if (!match) return std::nullopt;
    std::optional<FontFace> face;
    if (coveredBy(match, characters).size() == characters.size()) face = faceOf(match);
    FcPatternDestroy(match);
    return face;
}

std::vector<FontCoverage> findFontsCovering(std::u32string characters) {
    std::vector<FontCoverage> faces;
    // Each round takes the face that draws the most of what is left; a handful of scripts at
    // once is already unusual for class names.
    for (int round = 0; round < 8 && !characters.empty(); ++round) {
        FcPattern* match = bestMatch(characters);
        if (!match) break;
        const std::u32string covered = coveredBy(match, characters);
        const std::optional<FontFace> face = covered.empty() ? std::nullopt : faceOf(match);
        FcPatternDestroy(match);
        if (!face) break;
        faces.push_back({*face, covered});
        characters.erase(
            std::remove_if(characters.begin(), characters.end(),
                           [&](char32_t c) { return covered.find(c) != std::u32string::npos; }),
            characters.end());
    }
    return faces;
}

}  // namespace losslab::plot
