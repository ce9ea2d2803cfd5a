// Scratch: transient working state that one stage hands to a later one. Never published; the contract
// with consumers is EnrichedArticle alone. Each field says who writes it and who reads it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace copydesk::stages {

// An image block found by structure rather than by text (HTML <figure>/<figcaption>).
struct CaptionCandidate {
  std::string headline;  // may be empty
  std::string text;      // caption text, credit possibly still glued on
  std::string credit;    // credit when the markup separated it (e.g. <cite>, a credit class), else empty
  uint32_t position = 0; // index of the body paragraph the block stood before
};

struct Scratch {
  // Written by: cleaning (HTML path). Read by: captions, which takes them as captions without text-shape
  // evidence.
  std::vector<CaptionCandidate> caption_candidates;
  // Written by: cleaning, with the body. Read by: captions. The body index of each kept paragraph that
  // directly follows a removed byline ("By Jane Roe", "Jane Roe, Staff Writer"), in increasing order.
  // Cleaning takes bylines out, but where one stood is evidence of layout: the story starts below it, so
  // a credit line above it belongs to the caption above that, not to the lede below.
  std::vector<uint32_t> byline_breaks;
};

}  // namespace copydesk::stages
