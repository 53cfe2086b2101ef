#include "panels/prose_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "plot/palette.hpp"
#include "plot/screen_plot.hpp"

namespace losslab {

namespace {

// A run of text up to and including the spaces after it (where a line may break), or "\n"
// (where a line must break: a code block's lines).
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        if (text[start] == '\n') {
            out.emplace_back("\n");
            ++start;
            continue;
        }
        std::size_t end = text.find_first_of(" \n", start);
        if (end != std::string::npos && text[end] == ' ') end = text.find_first_not_of(' ', end);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end;
    }
    return out;
}

ImU32 spanColor(const ProseSpan& span) {
    if (span.code) return plot::textColor(0.95f);
    if (span.italic) return plot::withAlpha(negativeColor(), 1.0f);  // emphasis: Okabe–Ito blue
    return plot::textColor();
}

// Lays the spans out from the cursor, wrapping at the window's right edge, `indent` pixels in
// from the left; reserves the height used.
void drawSpans(const std::vector<ProseSpan>& spans, float indent) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = origin.x + indent;
    const float right = origin.x + std::max(ImGui::GetContentRegionAvail().x, indent + 40.0f);
    const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
    float x = left, y = origin.y;
    const ImU32 codeBackground = ImGui::GetColorU32(ImGuiCol_FrameBg);
    for (const ProseSpan& span : spans) {
        for (const std::string& word : words(span.text)) {
            if (word == "\n") {
                x = left;
                y += lineHeight;
                continue;
            }
            const ImVec2 size = ImGui::CalcTextSize(word.c_str());
            if (x + size.x > right && x > left) {  // the word goes to the next line
                x = left;
                y += lineHeight;
                if (word.find_first_not_of(' ') == std::string::npos) continue;
            }
            const ImU32 color = spanColor(span);
            if (span.code) {
                draw->AddRectFilled({x - 1.0f, y}, {x + size.x + 1.0f, y + size.y}, codeBackground,
                                    3.0f);
            }
            draw->AddText({x, y}, color, word.c_str());
            // One font only: bold is the same glyphs struck again a pixel to the right.
            if (span.bold) draw->AddText({x + 1.0f, y}, color, word.c_str());
            x += size.x;
        }
    }
    ImGui::Dummy(ImVec2(right - origin.x, y - origin.y + lineHeight));
}

}  // namespace

void drawProse(const std::vector<ProseBlock>& blocks) {
    const float font = ImGui::GetFontSize();
    for (const ProseBlock& block : blocks) {
        switch (block.kind) {
            case ProseBlock::Kind::Heading: {
                std::vector<ProseSpan> spans = block.spans;
                for (ProseSpan& span : spans)
                    span.bold = true;
                drawSpans(spans, 0.0f);
                break;
            }
            case ProseBlock::Kind::BulletItem:
            case ProseBlock::Kind::NumberedItem: {
                const float indent = font * (1.2f + 1.2f * static_cast<float>(block.level));
                const std::string mark = block.kind == ProseBlock::Kind::BulletItem
                                             ? "•"
                                             : std::to_string(block.number) + ".";
                const ImVec2 at = ImGui::GetCursorScreenPos();
                ImGui::GetWindowDrawList()->AddText(
                    {at.x + indent - font * 0.4f - ImGui::CalcTextSize(mark.c_str()).x, at.y},
                    plot::textColor(0.8f), mark.c_str());
                drawSpans(block.spans, indent);
                break;
            }
            case ProseBlock::Kind::Quote: {
                const ImVec2 at = ImGui::GetCursorScreenPos();
                drawSpans(block.spans, font * 0.9f);
                const float bottom =
                    ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y;
                ImGui::GetWindowDrawList()->AddRectFilled({at.x + font * 0.2f, at.y},
                                                          {at.x + font * 0.35f, bottom},
                                                          plot::textColor(0.4f));
                break;
            }
            case ProseBlock::Kind::CodeBlock: {
                std::vector<ProseSpan> spans = block.spans;
                for (ProseSpan& span : spans)
                    span.code = true;
                drawSpans(spans, font * 0.6f);
                break;
            }
            case ProseBlock::Kind::Paragraph:
                drawSpans(block.spans, 0.0f);
                break;
        }
        ImGui::Dummy(ImVec2(0.0f, font * 0.25f));  // a little air between blocks
    }
}

}  // namespace losslab
