#include "plot/palette.hpp"

#include "losslab/colormap.hpp"

namespace losslab {

ImU32 classImColor(int k, float alpha) {
    const Rgb8 c = classColor(k);  // Okabe–Ito, defined in core
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f + 0.5f));
}

namespace {
ImU32 fromHex(int index) {
    const Rgb8 c = okabeIto(index);
    return IM_COL32(c.r, c.g, c.b, 255);
}
}  // namespace

ImU32 negativeColor() {
    return fromHex(5);
}  // Okabe–Ito blue
ImU32 positiveColor() {
    return fromHex(6);
}  // Okabe–Ito vermillion
// Okabe–Ito yellow. On a light background (the light and projector themes) pure yellow is
// all but invisible, so the same hue darkened to 60 %: still the accent, now readable.
ImU32 accentColor() {
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const bool light = 0.2126f * bg.x + 0.7152f * bg.y + 0.0722f * bg.z > 0.5f;
    if (!light) return fromHex(4);
    const Rgb8 c = okabeIto(4);
    return IM_COL32(c.r * 6 / 10, c.g * 6 / 10, c.b * 6 / 10, 255);
}

}  // namespace losslab
