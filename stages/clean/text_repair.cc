#include "stages/clean/text_repair.h"

#include <unicode/bytestream.h>
#include <array>
#include <cstring>
#include <unicode/normalizer2.h>

#include "stages/clean/ascii_scan.h"
#include "stages/text/utf8.h"

namespace copydesk::stages::clean {
namespace {

// Bytes that can start an invisible character: C0 controls, DEL, and the lead bytes of U+00AD
// (0xC2), U+200B/U+2060 (0xE2) and U+FEFF (0xEF).
constexpr std::array<bool, 256> kMayStartInvisible = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table[0x7F] = table[0xC2] = table[0xE2] = table[0xEF] = true;
  return table;
}();

// Byte length of an invisible character at s[i] to drop, 0 if there is none. Expects valid UTF-8.
size_t InvisibleAt(std::string_view s, size_t i) {
  auto c = static_cast<uint8_t>(s[i]);
  if (c < 0x20) return (c == '\t' || c == '\n' || c == 0x1A) ? 0 : 1;
  if (c == 0x7F) return 1;
  if (c < 0x80 || i + 1 >= s.size()) return 0;
  auto c1 = static_cast<uint8_t>(s[i + 1]);
  if (c == 0xC2 && c1 == 0xAD) return 2;  // soft hyphen
  if (i + 2 >= s.size()) return 0;
  auto c2 = static_cast<uint8_t>(s[i + 2]);
  if (c == 0xE2 && c1 == 0x80 && c2 == 0x8B) return 3;  // zero-width space
  if (c == 0xE2 && c1 == 0x81 && c2 == 0xA0) return 3;  // word joiner
  if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;  // BOM / zero-width no-break space
  return 0;
}

}  // namespace

size_t StripInvisibles(std::string_view line, std::string* out) {
  size_t removed = 0;
  size_t copied = 0;
  for (size_t i = 0; i < line.size();) {
    i = SkipPrintableAscii(line, i);  // printable ASCII never starts an invisible character
    if (i >= line.size()) break;
    size_t len = kMayStartInvisible[static_cast<unsigned char>(line[i])] ? InvisibleAt(line, i) : 0;
    if (len == 0) {
      ++i;
      continue;
    }
    out->append(line.data() + copied, i - copied);
    if (line[i] == '\r' || line[i] == '\f' || line[i] == '\v') out->push_back(' ');
    i += len;
    copied = i;
    ++removed;
  }
  out->append(line.data() + copied, line.size() - copied);
  return removed;
}

void NormalizeNfc(std::string* text) {
  // Below U+0300 nothing composes or decomposes, nor in U+2002..U+207F (the punctuation news text is
  // full of: dashes, quotes, ellipsis); only other code points send the text through ICU.
  bool may_change = false;
  const auto* p = reinterpret_cast<const uint8_t*>(text->data());
  for (size_t i = 0; i < text->size() && !may_change; ++i) {
    i = SkipAscii(*text, i);
    if (i >= text->size()) break;
    if (p[i] < 0xCC) continue;
    bool punctuation = p[i] == 0xE2 && i + 2 < text->size() &&
                       ((p[i + 1] == 0x80 && p[i + 2] >= 0x82) || p[i + 1] == 0x81);
    may_change = !punctuation;
  }
  if (!may_change) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return;
  if (nfc->isNormalizedUTF8(*text, status) && U_SUCCESS(status)) return;
  status = U_ZERO_ERROR;
  std::string normalized;
  normalized.reserve(text->size());
  icu::StringByteSink<std::string> sink(&normalized);
  nfc->normalizeUTF8(0, *text, sink, nullptr, status);
  if (U_SUCCESS(status)) text->swap(normalized);
}

TextRepairer::TextRepairer(EntityDecoder entities, std::shared_ptr<const MojibakeRepairer> mojibake,
                           RepairOptions options)
    : entities_(std::move(entities)), mojibake_(std::move(mojibake)), options_(options) {}

std::string TextRepairer::Repair(std::string_view in, RepairCounts* counts) const {
  // `valid` views the input until a step has to rewrite it: most inputs (and every HTML block) are
  // valid UTF-8 without references, and copying them was one allocation per call.
  std::string storage;
  std::string_view valid = in;
  if (!text::IsValidUtf8(in)) {
    counts->invalid_utf8 += text::RepairUtf8(in, &storage);
    valid = storage;
  }
  if (options_.decode_entities && valid.find('&') != std::string_view::npos) {
    std::string decoded;
    decoded.reserve(valid.size());
    counts->entities += entities_.Decode(valid, &decoded);
    storage.swap(decoded);
    valid = storage;
  }
  std::string out;
  out.reserve(valid.size());
  std::string repaired;
  // Lines end at "\n", "\r\n" or "\r" (as text::SplitLines has it), walked without building a list.
  std::string_view rest = valid;
  bool first = true;
  while (!rest.empty() || first) {
    size_t end = 0;
    while (true) {  // line breaks are not printable ASCII: skip that eight bytes at a time
      end = SkipPrintableAscii(rest, end);
      if (end >= rest.size() || rest[end] == '\n' || rest[end] == '\r') break;
      ++end;
    }
    if (end == rest.size()) end = std::string_view::npos;
    std::string_view line = rest.substr(0, end);
    if (end == std::string_view::npos) {
      rest = std::string_view();
    } else {
      size_t skip = rest[end] == '\r' && end + 1 < rest.size() && rest[end + 1] == '\n' ? 2 : 1;
      rest.remove_prefix(end + skip);
    }
    if (!first) out.push_back('\n');
    first = false;
    if (options_.repair_mojibake) {
      size_t n = mojibake_->RepairLine(line, &repaired);
      if (n > 0) {
        counts->mojibake += n;
        line = repaired;
      }
    }
    counts->control_chars += StripInvisibles(line, &out);
  }
  NormalizeNfc(&out);
  return out;
}

}  // namespace copydesk::stages::clean
