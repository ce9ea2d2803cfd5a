#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {

size_t FindFolded(std::string_view s, std::string_view folded, size_t from) {
  if (folded.empty()) return from <= s.size() ? from : std::string_view::npos;
  const char first = folded[0];
  const bool first_is_letter = IsAsciiLower(first);
  for (size_t i = from; i + folded.size() <= s.size(); ++i) {
    char c = s[i];
    if (c != first && !(first_is_letter && AsciiLower(c) == first)) continue;
    size_t k = 1;
    while (k < folded.size() && AsciiLower(s[i + k]) == folded[k]) ++k;
    if (k == folded.size()) return i;
  }
  return std::string_view::npos;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  ForEachWord(s, [&](std::string_view) {
    ++words;
    return true;
  });
  return words;
}

bool HasQuotationMark(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') return true;
    if (static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x9C || static_cast<unsigned char>(s[i + 2]) == 0x9D)) {
      return true;
    }
  }
  return false;
}

bool EndsWithSentencePunctuation(std::string_view s) {
  // Strip closing quotes and brackets: ASCII ones and U+201D / U+2019 (E2 80 9D / E2 80 99).
  while (!s.empty()) {
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
               static_cast<unsigned char>(s[s.size() - 2]) == 0x80 &&
               (static_cast<unsigned char>(c) == 0x9D || static_cast<unsigned char>(c) == 0x99)) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?') return true;
  // U+2026 horizontal ellipsis.
  return s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
         static_cast<unsigned char>(s[s.size() - 2]) == 0x80 && static_cast<unsigned char>(c) == 0xA6;
}

}  // namespace copydesk::stages::captions
