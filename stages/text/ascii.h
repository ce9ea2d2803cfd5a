// ASCII case folding: the one fold every stage and the worker use to match words, keys and names.
// Bytes outside A-Z pass unchanged, so UTF-8 text stays intact, and no locale is consulted (std::tolower
// reads the process locale; under a Turkish one 'I' does not fold to 'i').
#pragma once

#include <string>
#include <string_view>

namespace copydesk::text {

constexpr char FoldAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = FoldAscii(c);
  return out;
}

}  // namespace copydesk::text
