#include "plot/screen_plot.hpp"

#include <algorithm>

namespace losslab::plot {

namespace {
PlotStyle currentStyle;  // the theme's; see setPlotStyle
}  // namespace

void setPlotStyle(const PlotStyle& style) {
    currentStyle = style;
}

const PlotStyle& plotStyle() {
    return currentStyle;
}

Color textColor(float alpha) {
    ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    c.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImGuiCanvas::ImGuiCanvas(ImDrawList* drawList, TextureSource* textures)
    : drawList_(drawList), textures_(textures) {
    style_.text = ImGui::ColorConvertFloat4ToU32(ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    background.w = 1.0f;
    style_.background = ImGui::ColorConvertFloat4ToU32(background);
    style_.lineScale = currentStyle.lineScale;
    style_.markerScale = currentStyle.markerScale;
}

float ImGuiCanvas::fontSize() const {
    return ImGui::GetFontSize();
}

Vec2 ImGuiCanvas::textSize(std::string_view text) {
    return fromImVec2(ImGui::CalcTextSize(text.data(), text.data() + text.size()));
}

void ImGuiCanvas::line(Vec2 a, Vec2 b, Color color, float thickness) {
    drawList_->AddLine(toImVec2(a), toImVec2(b), color, thickness);
}

void ImGuiCanvas::polyline(const std::vector<Vec2>& points, Color color, float thickness,
                           bool closed) {
    scratch_.clear();
    for (const Vec2& p : points)
        scratch_.push_back(toImVec2(p));
    drawList_->AddPolyline(scratch_.data(), static_cast<int>(scratch_.size()), color,
                           closed ? ImDrawFlags_Closed : ImDrawFlags_None, thickness);
}

void ImGuiCanvas::fillRect(Rect rect, Color color, float rounding) {
    drawList_->AddRectFilled(toImVec2(rect.min), toImVec2(rect.max), color, rounding);
}

void ImGuiCanvas::strokeRect(Rect rect, Color color, float thickness, float rounding) {
    drawList_->AddRect(toImVec2(rect.min), toImVec2(rect.max), color, rounding, 0, thickness);
}

void ImGuiCanvas::fillPolygon(const std::vector<Vec2>& points, Color color) {
    scratch_.clear();
    for (const Vec2& p : points)
        scratch_.push_back(toImVec2(p));
    drawList_->AddConvexPolyFilled(scratch_.data(), static_cast<int>(scratch_.size()), color);
}

void ImGuiCanvas::circle(Vec2 centre, float radius, Color color, float thickness) {
    drawList_->AddCircle(toImVec2(centre), radius, color, 0, thickness);
}

void ImGuiCanvas::fillCircle(Vec2 centre, float radius, Color color) {
    drawList_->AddCircleFilled(toImVec2(centre), radius, color);
}

void ImGuiCanvas::text(Vec2 topLeft, Color color, std::string_view text) {
    drawList_->AddText(toImVec2(topLeft), color, text.data(), text.data() + text.size());
}

void ImGuiCanvas::image(const CanvasImage& image, Rect rect) {
    if (!textures_ || !image.pixels) return;
    const ImTextureID id =
        textures_->texture(image.owner, *image.pixels, image.revision, image.smooth);
    if (id) drawList_->AddImage(id, toImVec2(rect.min), toImVec2(rect.max));
}

void ImGuiCanvas::pushClip(Rect rect) {
    drawList_->PushClipRect(toImVec2(rect.min), toImVec2(rect.max), true);
}

void ImGuiCanvas::popClip() {
    drawList_->PopClipRect();
}

ScreenItem::ScreenItem(const char* id, ImVec2 size, TextureSource* textures)
    : screenCanvas(ImGui::GetWindowDrawList(), textures) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (size.x <= 0) size.x = std::max(avail.x + size.x, 40.0f);
    if (size.y <= 0) size.y = std::max(avail.y + size.y, 40.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    itemRect = {fromImVec2(origin), {origin.x + size.x, origin.y + size.y}};
    ImGui::InvisibleButton(id, size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    itemHovered = ImGui::IsItemHovered();
    itemActive = ImGui::IsItemActive();
}

ScreenPlot::ScreenPlot(const char* id, ImVec2 size, Range x, Range y, const PlotOptions& options,
                       TextureSource* textures)
    : ScreenItem(id, size, textures), Plot(screenCanvas, itemRect, x, y, options) {}

bool ScreenPlot::clicked(int button) const {
    return itemHovered && ImGui::IsMouseClicked(button);
}

ImVec2 ScreenPlot::mouse() const {
    return ImGui::GetIO().MousePos;
}

void colorBar(const char* id, ImVec2 size, const std::vector<Color>& colors, Range values,
              const char* label) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    ImGuiCanvas canvas(ImGui::GetWindowDrawList(), nullptr);
    colorBar(canvas, {fromImVec2(origin), {origin.x + size.x, origin.y + size.y}}, colors, values,
             label);
}

void legend(const LegendEntries& entries) {
    const float fontSize = ImGui::GetFontSize();
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) {
            // Entries that do not fit on the line start the next one.
            ImGui::SameLine(0, fontSize);
            const float width = fontSize * 1.3f + ImGui::CalcTextSize(entries[i].first.c_str()).x;
            if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y + fontSize * 0.2f},
                                                  {p.x + fontSize * 0.8f, p.y + fontSize},
                                                  entries[i].second, 2.0f);
        ImGui::Dummy({fontSize, fontSize});
        ImGui::SameLine(0, fontSize * 0.3f);
        ImGui::TextUnformatted(entries[i].first.c_str());
    }
}

}  // namespace losslab::plot
