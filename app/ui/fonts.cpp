#include "ui/fonts.hpp"

#include <imgui.h>

#include <fstream>

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
}  // namespace

const char* loadedFontPath() {
    return gLoadedFont;
}

void buildFonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    gLoadedFont = "";
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
    io.Fonts->Build();
}

}  // namespace losslab
