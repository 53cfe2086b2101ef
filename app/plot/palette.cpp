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
ImU32 accentColor() {
    return fromHex(4);
}  // Okabe–Ito yellow

}  // namespace losslab
