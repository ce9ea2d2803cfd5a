#include "stages/text/utf8.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace copydesk::text {
namespace {

// Articles are mostly ASCII: the validity loops first skip 8 ASCII bytes at a time, then take the
// one-sequence path for what is left of a run.
size_t SkipAscii(const unsigned char* p, size_t i, size_t n) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  while (i + 8 <= n) {
    uint64_t word;
    std::memcpy(&word, p + i, sizeof word);
    if ((word & kHighBits) != 0) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

// What a byte can start, for CollapseWhitespace: kPlain cannot begin a white-space character.
enum ByteKind : unsigned char { kPlain, kAsciiSpace, kMaybeSpace };
constexpr std::array<unsigned char, 256> MakeByteKinds() {
  std::array<unsigned char, 256> kinds{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) kinds[c] = kAsciiSpace;
  for (unsigned char c : {0xC2, 0xE1, 0xE2, 0xE3}) kinds[c] = kMaybeSpace;  // lead bytes of IsInlineSpaceAt
  return kinds;
}
constexpr std::array<unsigned char, 256> kByteKinds = MakeByteKinds();

}  // namespace

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
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    i = SkipAscii(p, i, s.size());
    if (i == s.size()) break;
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
  size_t run = 0;  // start of the valid bytes not yet copied
  for (size_t i = 0; i < in.size();) {
    i = SkipAscii(p, i, in.size());
    if (i == in.size()) break;
    size_t len = ValidSequenceLength(in, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out->append(in.data() + run, i - run);
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
    run = i;
  }
  out->append(in.data() + run, in.size() - run);
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
  // Written through a pointer into a buffer of the input's size: a run of white space becomes at most one
  // space, so the output is never longer. Most bytes take the first branch and cost a table look-up.
  std::string out(s.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  bool pending_space = false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    const unsigned char kind = kByteKinds[p[i]];
    size_t len = 1;
    if (kind != kPlain && (kind == kAsciiSpace || IsInlineSpaceAt(s, i, &len))) {
      pending_space = w != begin;
      i += len;
      continue;
    }
    if (pending_space) *w++ = ' ';
    pending_space = false;
    *w++ = static_cast<char>(p[i++]);
  }
  out.resize(static_cast<size_t>(w - begin));
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
