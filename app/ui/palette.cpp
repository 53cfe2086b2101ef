#include "ui/palette.hpp"

namespace losslab {

namespace {
// Okabe & Ito (2008), without black (invisible on the dark theme), in an order that keeps
// the first three classes far apart in hue.
constexpr ImU32 kOkabeIto[] = {
    IM_COL32(0xE6, 0x9F, 0x00, 255),  // orange
    IM_COL32(0x56, 0xB4, 0xE9, 255),  // sky blue
    IM_COL32(0x00, 0x9E, 0x73, 255),  // bluish green
    IM_COL32(0xCC, 0x79, 0xA7, 255),  // reddish purple
    IM_COL32(0x00, 0x72, 0xB2, 255),  // blue
    IM_COL32(0xD5, 0x5E, 0x00, 255),  // vermillion
    IM_COL32(0xF0, 0xE4, 0x42, 255),  // yellow
    IM_COL32(0x99, 0x99, 0x99, 255),  // grey
};
constexpr int kPaletteSize = static_cast<int>(sizeof(kOkabeIto) / sizeof(kOkabeIto[0]));
}  // namespace

ImU32 classColor(int k, float alpha) {
    if (k < 0) k = 0;
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(kOkabeIto[k % kPaletteSize]);
    // Past the palette, repeat the hues darker, then lighter.
    const int round = k / kPaletteSize;
    if (round % 2 == 1) {
        c.x *= 0.65f, c.y *= 0.65f, c.z *= 0.65f;
    } else if (round > 0) {
        c.x += (1 - c.x) * 0.45f, c.y += (1 - c.y) * 0.45f, c.z += (1 - c.z) * 0.45f;
    }
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 negativeColor() { return IM_COL32(0x00, 0x72, 0xB2, 255); }  // Okabe–Ito blue
ImU32 positiveColor() { return IM_COL32(0xD5, 0x5E, 0x00, 255); }  // Okabe–Ito vermillion
ImU32 accentColor() { return IM_COL32(0xF0, 0xE4, 0x42, 255); }    // Okabe–Ito yellow

}  // namespace losslab
