// Word-at-a-time scans over ASCII, shared by the per-line passes of the clean stage. Most bytes of news
// text are plain ASCII that none of those passes acts on; testing eight of them per step instead of one
// is what keeps the several passes per line cheap.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace copydesk::stages::clean {

// The masks below pair a byte with the next one by shifting right: that is little-endian order.
static_assert(std::endian::native == std::endian::little);

namespace ascii_scan_detail {
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;
// Non-zero when some byte of `w` is outside printable ASCII 0x20..0x7E (exact for "some", the position of
// the flag may be off; callers re-check bytewise).
inline uint64_t NotPrintable(uint64_t w) {
  uint64_t below_space = (w - 0x20 * kOnes) & ~w & kHighs;
  uint64_t del = w ^ (0x7F * kOnes);
  uint64_t is_del = (del - kOnes) & ~del & kHighs;
  return (w & kHighs) | below_space | is_del;
}
// 0x80 in exactly the bytes of `w` that are a space (exact, unlike the borrow trick above).
inline uint64_t SpaceMask(uint64_t w) {
  constexpr uint64_t kLow7 = 0x7F * kOnes;
  uint64_t x = w ^ (0x20 * kOnes);
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}
inline bool IsPrintable(unsigned char c) { return c >= 0x20 && c < 0x7F; }
}  // namespace ascii_scan_detail

// The first index at or after `i` whose byte is not ASCII (>= 0x80), or s.size().
inline size_t SkipAscii(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & ascii_scan_detail::kHighs) break;
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// The first index at or after `i` whose byte is not printable ASCII (0x20..0x7E), or s.size().
inline size_t SkipPrintableAscii(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (ascii_scan_detail::NotPrintable(w) != 0) {
      for (size_t end = i + 8; i < end; ++i) {
        if (!ascii_scan_detail::IsPrintable(static_cast<unsigned char>(s[i]))) return i;
      }
      continue;  // cannot happen with the exact test above; kept for safety
    }
    i += 8;
  }
  while (i < s.size() && ascii_scan_detail::IsPrintable(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace copydesk::stages::clean
