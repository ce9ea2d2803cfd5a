// Paragraph segmentation for crawler text.
//
// Contract (relied on by the captions and attribution stages)
// - Input: repaired text whose only line break is "\n" (TextRepairer's output). Output: paragraphs in order, white space collapsed,
//   none empty.
// - Blank lines separate blocks. Inside a block every line is its own paragraph — caption blocks are a
//   few short lines (headline, caption, credit) and must stay apart — unless the block is clearly
//   hard-wrapped prose: at least three lines, nearly all of them filling the same width (at most 100
//   characters) and most not ending a sentence. Then wrapped lines are joined, and a paragraph ends at
//   a line that ends a sentence well short of the width.
// - Linear time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace copydesk::stages::clean {

std::vector<std::string> SegmentParagraphs(std::string_view text);

// text::CollapseWhitespace, skipped for the common line that has nothing to collapse.
std::string CollapseLine(std::string_view line);

}  // namespace copydesk::stages::clean
