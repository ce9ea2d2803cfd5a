// Byte-level scanning helpers for short caption and credit strings. ASCII case folding only: credit
// vocabulary is ASCII, and bytes >= 0x80 (any non-ASCII letter) count as word bytes so names such as
// "François" stay whole. Written by hand because they sit on the per-paragraph hot path, where a regex
// engine or ICU break iterator would cost more than the whole stage budget.
#pragma once

#include <string_view>

#include "stages/text/ascii.h"
#include "stages/text/sentence.h"

namespace copydesk::stages::captions {

using text::FoldAscii;
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
// Letters, digits and every non-ASCII byte.
inline bool IsWordByte(char c) {
  return IsAsciiUpper(c) || IsAsciiLower(c) || IsAsciiDigit(c) || static_cast<unsigned char>(c) >= 0x80;
}

// First position >= from where `folded` (lower-case) occurs in `s` ignoring ASCII case, or npos.
size_t FindFolded(std::string_view s, std::string_view folded, size_t from = 0);

// True when `s` opens with `folded` (lower-case), ignoring ASCII case.
inline bool StartsWithFolded(std::string_view s, std::string_view folded) {
  return FindFolded(s.substr(0, folded.size()), folded) == 0;
}

// Trims ASCII spaces and tabs at both ends.
std::string_view TrimSpaces(std::string_view s);

// Calls f(word) for each run of non-space bytes; stops early when f returns false.
template <typename F>
void ForEachWord(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start && !f(s.substr(start, i - start))) return;
  }
}

// Shared with every stage (stages/text/sentence.h).
using text::CountWords;
using text::EndsWithSentencePunctuation;

// True when the text holds a double quotation mark: '"', U+201C or U+201D.
bool HasQuotationMark(std::string_view s);

// True when the word starts with an upper-case ASCII letter or a non-ASCII byte.
inline bool IsCapitalized(std::string_view word) {
  return !word.empty() && (IsAsciiUpper(word[0]) || static_cast<unsigned char>(word[0]) >= 0x80);
}

}  // namespace copydesk::stages::captions
