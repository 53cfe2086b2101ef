#include "plot/palette.hpp"

#include <imgui.h>

#include "losslab/colormap.hpp"

namespace losslab {

plot::Color classImColor(int k, float alpha) {
    const Rgb8 c = classColor(k);  // Okabe–Ito, defined in core
    return plot::rgba(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f + 0.5f));
}

namespace {
plot::Color fromHex(int index) {
    const Rgb8 c = okabeIto(index);
    return plot::rgba(c.r, c.g, c.b, 255);
}

// Okabe–Ito yellow. On a light background (the light and projector themes, paper figures) pure
// yellow is all but invisible, so the same hue darkened to 60 %: still the accent, now readable.
plot::Color accentOn(bool lightBackground) {
    if (!lightBackground) return fromHex(4);
    const Rgb8 c = okabeIto(4);
    return plot::rgba(c.r * 6 / 10, c.g * 6 / 10, c.b * 6 / 10, 255);
}
}  // namespace

plot::Color negativeColor() {
    return fromHex(5);
}  // Okabe–Ito blue
plot::Color positiveColor() {
    return fromHex(6);
}  // Okabe–Ito vermillion

plot::Color accentColor(const plot::Canvas& canvas) {
    return accentOn(canvas.style().lightBackground());
}

plot::Color accentColor() {
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    return accentOn(0.2126f * bg.x + 0.7152f * bg.y + 0.0722f * bg.z > 0.5f);
}

}  // namespace losslab
