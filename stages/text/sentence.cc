#include "stages/text/sentence.h"

namespace copydesk::text {

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
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

}  // namespace copydesk::text
