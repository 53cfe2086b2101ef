#pragma once
// A lesson step's prose drawn in the current ImGui window: paragraphs and list items wrapped
// to the window's width, headings larger, **bold**, *italic* and `code` set apart. Dear ImGui
// draws one font and no rich text, so the words are laid out here, one styled run at a time.
#include <vector>

#include "losslab/lesson.hpp"

namespace losslab {

void drawProse(const std::vector<ProseBlock>& blocks);

}  // namespace losslab
