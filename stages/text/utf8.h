// UTF-8 primitives shared by every stage. Byte-level and allocation-light on purpose: they sit on the hot
// path of every article. Anything that needs Unicode properties beyond whitespace goes through ICU.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace copydesk::text {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid or truncated.
size_t ValidSequenceLength(std::string_view s, size_t i);

// True when `s` is entirely valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Replaces every maximal invalid subpart with U+FFFD (the WHATWG/Unicode "substitution of maximal
// subparts" practice) and returns how many replacements it made.
size_t RepairUtf8(std::string_view in, std::string* out);

// True for the Unicode White_Space characters that may appear inside a line (not line breaks), given as
// the UTF-8 sequence starting at s[i]; *len receives the sequence length when true.
bool IsInlineSpaceAt(std::string_view s, size_t i, size_t* len);

// Collapses every run of inline white space to one ASCII space and trims both ends. Line breaks are
// treated as white space too. Expects valid UTF-8.
std::string CollapseWhitespace(std::string_view s);

// Splits on "\n", "\r\n" and "\r"; keeps empty lines.
std::vector<std::string_view> SplitLines(std::string_view s);

// True when the line holds nothing but white space.
bool IsBlank(std::string_view line);

}  // namespace copydesk::text
