#include "ui/fonts.hpp"

#include <imgui.h>

#include <algorithm>
#include <fstream>
#include <string_view>
#include <vector>

#include "plot/font_fallback.hpp"

namespace losslab {

namespace {
// Latin-1 and Latin Extended-A (ŷ, the fitted value of a regression), Greek (τ ε σ Δ γ ∇ …),
// the modifier letters (the transpose's ᵀ in φᵀ), general punctuation, super/subscripts,
// arrows and the mathematical operators block (Σ ∂ ∞ ≤ ≥ …). ImGui keeps a pointer to this
// table.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x017F, 0x0370, 0x03FF, 0x1D2C, 0x1D6A, 0x2000,
                                    0x206F, 0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                    0x25A0, 0x25FF, 0x2600, 0x26FF, 0x2700, 0x27BF, 0};
constexpr const char* kFontCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};
const char* gLoadedFont = "";  // set once per atlas build; not UI state
// The ranges of the merged fonts (pairs, each list ending in 0): ImGui reads them while it
// builds the atlas, so they live as long as the atlas does. Not UI state.
std::vector<std::vector<ImWchar>> gExtraRanges;

// ImGui's ranges for a sorted set of characters: one pair per run of consecutive ones.
std::vector<ImWchar> rangesOf(const std::u32string& sorted) {
    std::vector<ImWchar> ranges;
    for (size_t i = 0; i < sorted.size();) {
        size_t end = i;
        while (end + 1 < sorted.size() && sorted[end + 1] == sorted[end] + 1)
            ++end;
        ranges.push_back(static_cast<ImWchar>(sorted[i]));
        ranges.push_back(static_cast<ImWchar>(sorted[end]));
        i = end + 1;
    }
    ranges.push_back(0);
    return ranges;
}

void mergeExtraCharacters(const std::set<char32_t>& extraCharacters, float pixels) {
    std::u32string wanted;
    for (char32_t c : extraCharacters) {
        if (c <= IM_UNICODE_CODEPOINT_MAX && !inBaseGlyphRanges(c)) wanted += c;
    }
    if (wanted.empty()) return;
    ImGuiIO& io = ImGui::GetIO();
    for (plot::FontCoverage& coverage : plot::findFontsCovering(wanted)) {
        std::u32string& characters = coverage.characters;
        std::sort(characters.begin(), characters.end());
        gExtraRanges.push_back(rangesOf(characters));
        ImFontConfig config;
        config.MergeMode = true;
        config.FontNo = coverage.face.index;  // the face in a collection (.ttc)
        config.OversampleH = 2;
        io.Fonts->AddFontFromFileTTF(coverage.face.path.c_str(), pixels, &config,
                                     gExtraRanges.back().data());
    }
}

void collectFrom(std::string_view text, std::set<char32_t>* out) {
    // ASCII (most text) is always in the base ranges: skip decoding it.
    if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) return;
    for (char32_t c : plot::decodeUtf8(text)) {
        if (!inBaseGlyphRanges(c)) out->insert(c);
    }
}

void collectFrom(const std::vector<ProseBlock>& blocks, std::set<char32_t>* out) {
    for (const ProseBlock& block : blocks) {
        for (const ProseSpan& span : block.spans)
            collectFrom(span.text, out);
    }
}
}  // namespace

const char* loadedFontPath() {
    return gLoadedFont;
}

bool inBaseGlyphRanges(char32_t c) {
    for (const ImWchar* range = kGlyphRanges; range[0]; range += 2) {
        if (c >= range[0] && c <= range[1]) return true;
    }
    return false;
}

void collectExtraCharacters(const AppState& state, std::set<char32_t>* out) {
    for (const std::string& name : state.model.classNames)
        collectFrom(name, out);
    collectFrom(state.sceneTitle, out);
    collectFrom(state.sceneNote, out);
    if (const std::optional<Lesson>& lesson = state.lesson.lesson) {
        collectFrom(lesson->title, out);
        collectFrom(lesson->intro, out);
        for (const LessonStep& step : lesson->steps) {
            collectFrom(step.title, out);
            collectFrom(step.hint, out);
            collectFrom(step.prose, out);
        }
    }
}

void buildFonts(float scale, const std::set<char32_t>& extraCharacters) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    gLoadedFont = "";
    gExtraRanges.clear();
    gExtraRanges.reserve(8);  // findFontsCovering gives at most 8 faces
    const float pixels = 16.0f * scale;
    for (const char* path : kFontCandidates) {
        if (!std::ifstream(path).good()) continue;
        ImFontConfig config;
        config.OversampleH = 2;
        if (io.Fonts->AddFontFromFileTTF(path, pixels, &config, kGlyphRanges)) {
            gLoadedFont = path;
            break;
        }
    }
    if (!*gLoadedFont) {
        ImFontConfig config;
        config.SizePixels = pixels;
        io.Fonts->AddFontDefault(&config);
    }
    mergeExtraCharacters(extraCharacters, pixels);
    io.Fonts->Build();
}

}  // namespace losslab
