// Quote spans of one paragraph, found by a character-level state machine.
//
// Contract
// - Double marks open and close speech: typographic “ ” (or doubled ‘‘ ’’) and straight " (or two
//   apostrophes ''), whose direction is read from the neighbouring characters (a straight mark after a
//   space or an opening bracket opens, otherwise closes).
// - Single marks (‘ ’ ') never make a span of their own: inside a double-quoted span they nest, elsewhere they
//   are apostrophes ("don’t", "ministers’") or nested marks of a span the paragraph does not show. US and
//   wire copy, which this stage targets, quotes speech with double marks.
// - A span left open at the end of the paragraph is returned with `closed == false` and runs to the
//   paragraph's end: news style omits the closing mark when a quotation continues in the next paragraph,
//   which then reopens with a mark. Whether it continues is the caller's decision (see
//   `OpensWithQuote`); an open span never reaches past its own paragraph, so a stray mark cannot swallow
//   the rest of the article.
// - An opening typographic mark met while a span is open closes the open span there (unclosed) and opens
//   a new one; a stray closing mark outside any span is ignored. A typographic mark typed the wrong way
//   round is read from its neighbours, as a straight one is: “ glued to the word before it and followed
//   by a space closes an open span; ” at a word's start outside a span opens one.
// - One pass over the bytes: linear time, no allocation beyond the result.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace copydesk::stages::attribution {

struct QuoteSpan {
  uint32_t open = 0;           // byte offset of the opening mark
  uint32_t content_begin = 0;  // first byte after the opening mark
  uint32_t content_end = 0;    // first byte of the closing mark, or the paragraph's end
  uint32_t end = 0;            // first byte after the closing mark, or the paragraph's end
  bool closed = false;
};

std::vector<QuoteSpan> FindQuoteSpans(std::string_view paragraph);

// True when the paragraph's first non-space character is an opening double mark (a continued quotation).
bool OpensWithQuote(std::string_view paragraph);

}  // namespace copydesk::stages::attribution
