#include "stages/clean/paragraphs.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "stages/clean/ascii_scan.h"
#include "stages/text/utf8.h"

namespace copydesk::stages::clean {
namespace {

// Bytes after which CollapseWhitespace may have work to do: ASCII white space other than a single
// space, and the lead bytes of the non-ASCII spaces (U+00A0, U+0085, U+1680, U+2000.., U+3000).
constexpr std::array<bool, 256> kMaySpace = [] {
  std::array<bool, 256> table{};
  for (int c : {0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xC2, 0xE1, 0xE2, 0xE3}) table[static_cast<size_t>(c)] = true;
  return table;
}();


constexpr size_t kMaxWrapWidth = 100;
constexpr size_t kMinWrappedLines = 3;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool EndsSentence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '"' || line.back() == '\'' ||
                           line.back() == ')')) {
    line.remove_suffix(1);
  }
  if (line.size() >= 3 && line.substr(line.size() - 3) == "\xE2\x80\x9D") {  // closing ”
    line.remove_suffix(3);
  }
  return !line.empty() && (line.back() == '.' || line.back() == '!' || line.back() == '?' || line.back() == ':');
}

// True when the lines of a block look like prose hard-wrapped at a fixed width.
bool IsHardWrapped(const std::vector<std::string>& lines) {
  if (lines.size() < kMinWrappedLines) return false;
  size_t width = 0;
  for (const std::string& line : lines) width = std::max(width, CodePoints(line));
  if (width > kMaxWrapWidth || width < 30) return false;
  size_t full = 0;
  size_t open = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (CodePoints(lines[i]) * 4 >= width * 3) ++full;
    if (!EndsSentence(lines[i])) ++open;
  }
  size_t inner = lines.size() - 1;
  return full * 10 >= inner * 8 && open * 2 > inner;
}

void FlushBlock(std::vector<std::string>* block, std::vector<std::string>* out) {
  if (block->empty()) return;
  if (!IsHardWrapped(*block)) {
    for (std::string& line : *block) out->push_back(std::move(line));
    block->clear();
    return;
  }
  size_t width = 0;
  for (const std::string& line : *block) width = std::max(width, CodePoints(line));
  std::string paragraph;
  for (std::string& line : *block) {
    if (!paragraph.empty()) paragraph.push_back(' ');
    paragraph += line;
    if (EndsSentence(line) && CodePoints(line) * 4 < width * 3) {
      out->push_back(std::move(paragraph));
      paragraph.clear();
    }
  }
  if (!paragraph.empty()) out->push_back(std::move(paragraph));
  block->clear();
}

}  // namespace

std::string CollapseLine(std::string_view line) {
  // Eight bytes at a time while they are printable ASCII: there only two spaces in a row need work
  // (found with a per-byte space mask); controls and non-ASCII go through the byte loop.
  using ascii_scan_detail::NotPrintable;
  using ascii_scan_detail::SpaceMask;
  bool clean = !line.empty() && line.front() != ' ' && line.back() != ' ';
  size_t len = 0;
  bool previous_space = false;
  for (size_t i = 0; clean && i < line.size();) {
    if (i + 8 <= line.size()) {
      uint64_t w;
      std::memcpy(&w, line.data() + i, 8);
      if (NotPrintable(w) == 0) {
        uint64_t spaces = SpaceMask(w);
        // Little-endian: byte k+1 shifted onto byte k; the first byte pairs with the previous word's last.
        if ((spaces & (spaces >> 8)) != 0 || (previous_space && (spaces & 0x80) != 0)) clean = false;
        previous_space = (spaces >> 63) != 0;
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(line[i]);
    if (kMaySpace[c]) {
      clean = !text::IsInlineSpaceAt(line, i, &len);
    } else {
      clean = !(c == ' ' && previous_space);
    }
    previous_space = c == ' ';
    ++i;
  }
  return clean ? std::string(line) : text::CollapseWhitespace(line);
}

std::vector<std::string> SegmentParagraphs(std::string_view text) {
  std::vector<std::string> out;
  std::vector<std::string> block;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string collapsed = CollapseLine(text.substr(start, end - start));
    start = end + 1;
    if (collapsed.empty()) {
      FlushBlock(&block, &out);
      continue;
    }
    block.push_back(std::move(collapsed));
  }
  FlushBlock(&block, &out);
  return out;
}

}  // namespace copydesk::stages::clean
