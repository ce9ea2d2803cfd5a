#include "stages/text/utf8.h"

#include <cstdint>

namespace copydesk::text {

size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (i + 1 >= n) return 0;
    unsigned char c1 = p[i + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (i + 1 >= n) return 0;
    unsigned char c1 = p[i + 1];
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = ValidSequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  size_t repaired = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (size_t i = 0; i < in.size();) {
    size_t len = ValidSequenceLength(in, i);
    if (len > 0) {
      out->append(in.data() + i, len);
      i += len;
      continue;
    }
    // Skip the maximal subpart: the lead byte plus the continuation bytes that could still have
    // belonged to it.
    size_t skip = 1;
    unsigned char c = p[i];
    size_t expected = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
    while (skip < expected && i + skip < in.size() && (p[i + skip] & 0xC0) == 0x80) {
      if (skip == 1 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) ||
                        (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))) {
        break;
      }
      ++skip;
    }
    out->append("\xEF\xBF\xBD");
    ++repaired;
    i += skip;
  }
  return repaired;
}

bool IsInlineSpaceAt(std::string_view s, size_t i, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && (p[i + 1] == 0xA0 || p[i + 1] == 0x85)) {  // NBSP, NEL
    *len = 2;
    return true;
  }
  if (c == 0xE1 && i + 2 < s.size() && p[i + 1] == 0x9A && p[i + 2] == 0x80) {  // OGHAM SPACE MARK
    *len = 3;
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char c1 = p[i + 1], c2 = p[i + 2];
    // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
    if ((c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) || (c1 == 0x81 && c2 == 0x9F)) {
      *len = 3;
      return true;
    }
  }
  if (c == 0xE3 && i + 2 < s.size() && p[i + 1] == 0x80 && p[i + 2] == 0x80) {  // IDEOGRAPHIC SPACE
    *len = 3;
    return true;
  }
  return false;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsInlineSpaceAt(s, i, &len)) {
      pending_space = !out.empty();
      i += len;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      lines.push_back(s.substr(start, i - start));
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

bool IsBlank(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    size_t len = 0;
    if (!IsInlineSpaceAt(line, i, &len)) return false;
    i += len;
  }
  return true;
}

}  // namespace copydesk::text
