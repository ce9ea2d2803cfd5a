#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {

size_t FindFolded(std::string_view s, std::string_view folded, size_t from) {
  if (folded.empty()) return from <= s.size() ? from : std::string_view::npos;
  const char first = folded[0];
  const bool first_is_letter = IsAsciiLower(first);
  for (size_t i = from; i + folded.size() <= s.size(); ++i) {
    char c = s[i];
    if (c != first && !(first_is_letter && FoldAscii(c) == first)) continue;
    size_t k = 1;
    while (k < folded.size() && FoldAscii(s[i + k]) == folded[k]) ++k;
    if (k == folded.size()) return i;
  }
  return std::string_view::npos;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
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

}  // namespace copydesk::stages::captions
