// Hand-written: no library offers a quotation-span scanner with news-style continuation rules; ICU only
// classifies the characters (and the three marks here are fixed byte sequences).
#include "stages/attribution/quote_scanner.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace copydesk::stages::attribution {
namespace {

enum class Mark { kNone, kOpenDouble, kCloseDouble, kStraightDouble };

// “ = E2 80 9C, ” = E2 80 9D, „ = E2 80 9E.
Mark MarkAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '"') {
    *len = 1;
    return Mark::kStraightDouble;
  }
  // Two apostrophes stand for a double mark in some wire and archive copy (''We will,'' she said).
  if (c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
    *len = 2;
    return Mark::kStraightDouble;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    // Two typographic single marks typed for a double one (‘‘We will,’’ she said), as archive copy does
    // with straight apostrophes.
    if ((d == 0x98 || d == 0x99) && s.substr(i + 3, 3) == s.substr(i, 3)) {
      *len = 6;
      return d == 0x98 ? Mark::kOpenDouble : Mark::kCloseDouble;
    }
    *len = 3;
    if (d == 0x9C || d == 0x9E) return Mark::kOpenDouble;
    if (d == 0x9D) return Mark::kCloseDouble;
  }
  *len = 1;
  return Mark::kNone;
}

bool IsSpaceOrOpener(unsigned char c) {
  return c == ' ' || c == '\t' || c == '(' || c == '[' || c == '{' || c == '\n';
}

// A straight mark opens when it follows a space, an opening bracket, a dash or the paragraph's start.
bool StraightMarkOpens(std::string_view s, size_t i) {
  if (i == 0) return true;
  unsigned char prev = static_cast<unsigned char>(s[i - 1]);
  if (IsSpaceOrOpener(prev)) return true;
  // An em or en dash (E2 80 93/94) just before the mark, or a colon with no space ("said:"Q"").
  if (i >= 3 && static_cast<unsigned char>(s[i - 3]) == 0xE2 && static_cast<unsigned char>(s[i - 2]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i - 1]);
    if (d == 0x93 || d == 0x94) return true;
  }
  return prev == ':' || prev == '-';
}

// The first index at or after i whose byte can start a mark (" ' or the E2 lead byte), or s.size(). Most
// text has none for dozens of bytes, so SSE2 (every x86-64 CPU has it) tests sixteen bytes at a time.
size_t NextMarkByte(std::string_view s, size_t i) {
#if defined(__SSE2__)
  const __m128i double_mark = _mm_set1_epi8('"');
  const __m128i single_mark = _mm_set1_epi8('\'');
  const __m128i lead = _mm_set1_epi8(static_cast<char>(0xE2));
  while (i + 16 <= s.size()) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, double_mark), _mm_cmpeq_epi8(v, single_mark)),
                               _mm_cmpeq_epi8(v, lead));
    int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  while (i < s.size() && s[i] != '"' && s[i] != '\'' && static_cast<unsigned char>(s[i]) != 0xE2) ++i;
  return i;
}

}  // namespace

std::vector<QuoteSpan> FindQuoteSpans(std::string_view s) {
  std::vector<QuoteSpan> spans;
  bool open = false;
  QuoteSpan current;
  auto close_at = [&](size_t mark, size_t after, bool closed) {
    current.content_end = static_cast<uint32_t>(mark);
    current.end = static_cast<uint32_t>(after);
    current.closed = closed;
    spans.push_back(current);
    open = false;
  };
  auto open_at = [&](size_t mark, size_t after) {
    current = QuoteSpan{};
    current.open = static_cast<uint32_t>(mark);
    current.content_begin = static_cast<uint32_t>(after);
    open = true;
  };
  for (size_t i = 0; i < s.size();) {
    i = NextMarkByte(s, i);
    if (i >= s.size()) break;
    size_t len = 1;
    Mark mark = MarkAt(s, i, &len);
    switch (mark) {
      case Mark::kNone:
        break;
      case Mark::kOpenDouble:
        // A mark typed the wrong way round (“Q,“ said X): glued to the word before it and followed by a
        // space or the end, an opening mark inside a span closes it.
        if (open && !StraightMarkOpens(s, i) && (i + len >= s.size() || IsSpaceOrOpener(static_cast<unsigned char>(s[i + len])))) {
          close_at(i, i + len, true);
          break;
        }
        if (open) close_at(i, i, false);
        open_at(i, i + len);
        break;
      case Mark::kCloseDouble:
        if (open) {
          close_at(i, i + len, true);
        } else if (StraightMarkOpens(s, i) && i + len < s.size() &&
                   !IsSpaceOrOpener(static_cast<unsigned char>(s[i + len]))) {
          // ”Q,” said X: a closing mark at a word's start, outside any span, opens one.
          open_at(i, i + len);
        }
        break;
      case Mark::kStraightDouble:
        if (open) {
          close_at(i, i + len, true);
        } else if (StraightMarkOpens(s, i)) {
          open_at(i, i + len);
        }
        break;
    }
    i += len;
  }
  if (open) close_at(s.size(), s.size(), false);
  return spans;
}

bool OpensWithQuote(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size()) return false;
  size_t len = 1;
  Mark mark = MarkAt(s, i, &len);
  return mark == Mark::kOpenDouble || mark == Mark::kStraightDouble;
}

}  // namespace copydesk::stages::attribution
