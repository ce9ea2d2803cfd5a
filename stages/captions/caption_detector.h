// Caption block detection in plain-text paragraphs.
//
// Contract
// - Input: the body paragraphs in reading order. Output: the caption blocks found, in order, each naming
//   the contiguous paragraphs it takes out [first, last] and its headline, caption text and credit
//   (string views into the input paragraphs).
// - A credit is the strongest evidence: a credit line or a credit glued to a paragraph anchors a block.
//   For a credit line both neighbours are scored from weighed evidence (caption_evidence.h,
//   CaptionEvidence: markers, labels, a picture date, a photo headline above, against long prose, verbs of
//   speech and quotes; a dateline paragraph never) and the better one, above on a tie, becomes its text.
//   Under the headline the first paragraph above a credit line is taken for the lede unless it is the
//   shorter of two candidates; under bylines alone, a finished sentence below must show a picture;
//   a plural label ("Photos:") also takes the caption-shaped paragraphs above. A title line over the caption
//   becomes its headline when it shares a word with it or is set as a headline (the wire's three-line
//   block). Bylines never anchor a block: "By ...", editorial notes, and the story's signature under the
//   headline ("Jane Roe, Associated Press", "Jane Roe | Reuters"); a byline the cleaning stage removed
//   still counts where it stood (LayoutHints). Without a credit: the rules of the
//   table in shape_rules.h (caption labels, caption markers and, when `shape_only_rules` is on, shapes set
//   between body paragraphs), then the unmarked first caption of a gallery (a caption-shaped paragraph
//   above a run of two credit-less captions, under a line that is not prose), a pull quote repeating the
//   body and a description sharing six words with a caption found.
// - Every rule removes at most `max_blocks_per_rule` blocks per article; a shape-only rule that fires more
//   often than that is taken to describe the article's own layout (a list, a schedule) and removes nothing.
//   Blocks never take more than `max_caption_words` words of text.
// - Time is linear in the input: long paragraphs are only examined in their last kTailBytes bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "stages/captions/credit_lexicon.h"

namespace copydesk::stages::captions {

struct DetectorLimits {
  size_t max_blocks_per_rule = 12;
  size_t max_caption_words = 80;
  bool shape_only_rules = true;  // credit-less captions found by shape and neighbours alone
};

// What earlier stages know about the layout around the paragraphs.
struct LayoutHints {
  // Indices of paragraphs that directly follow a byline the cleaning stage removed (Scratch::byline_breaks):
  // a credit line above such a break reads as if the byline still stood below it.
  std::vector<uint32_t> byline_breaks;
};

struct CaptionBlock {
  size_t first = 0;  // paragraph indices taken out, inclusive
  size_t last = 0;
  std::string_view headline;
  std::string_view text;
  std::string_view credit;
  bool credit_shared = false;  // the credit line stands under a later caption of the gallery
  std::string_view rule;  // which rule found it, for tests and audits
};

std::vector<CaptionBlock> DetectCaptions(const std::vector<std::string_view>& paragraphs,
                                         const CreditLexicon& lexicon, const DetectorLimits& limits,
                                         const LayoutHints& hints = {});

// Drops a caption label that opens a caption ("Image caption ...", "Caption: ...", "ABOVE: ...").
std::string_view StripCaptionLabel(std::string_view text, const CreditLexicon& lexicon);

}  // namespace copydesk::stages::captions
