#include "stages/clean/html_entities.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "stages/text/table_lines.h"

namespace copydesk::stages::clean {
namespace {

// HTML5 reads numeric references in 0x80..0x9F as Windows-1252 (0 = leave the C1 code point).
constexpr std::array<char32_t, 32> kWindows1252C1 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

constexpr size_t kMaxReferenceLength = 32;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Parses a numeric reference body ("#123" or "#x7B"); returns false when malformed.
bool ParseNumeric(std::string_view body, char32_t* cp) {
  bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
  size_t start = hex ? 2 : 1;
  if (start >= body.size()) return false;
  uint32_t value = 0;
  for (size_t i = start; i < body.size(); ++i) {
    char c = body[i];
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (hex && c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (hex && c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return false;
    }
    value = value * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
    if (value > 0x10FFFF) value = 0x110000;  // saturate; reported as U+FFFD below
  }
  if (value >= 0x80 && value <= 0x9F && kWindows1252C1[value - 0x80] != 0) {
    value = kWindows1252C1[value - 0x80];
  }
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
  *cp = value;
  return true;
}

}  // namespace

void AppendCodePoint(char32_t cp, std::string* out) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(cp));
  out->append(buf, static_cast<size_t>(len));
}

StatusOr<EntityDecoder> EntityDecoder::Parse(std::string_view table) {
  EntityDecoder decoder;
  for (const text::TableLine& line : text::SplitTableLines(table)) {
    if (line.fields.size() != 2) {
      return Status::Error(StatusCode::kInternal, "clean",
                           "html_entities.tsv line " + std::to_string(line.number) + ": expected name<TAB>hex");
    }
    char32_t cp = 0;
    if (!ParseNumeric("#x" + std::string(line.fields[1]), &cp)) {
      return Status::Error(StatusCode::kInternal, "clean",
                           "html_entities.tsv line " + std::to_string(line.number) + ": bad hex");
    }
    decoder.named_.emplace_back(std::string(line.fields[0]), cp);
  }
  std::sort(decoder.named_.begin(), decoder.named_.end());
  return decoder;
}

size_t EntityDecoder::Decode(std::string_view in, std::string* out) const {
  size_t decoded = 0;
  size_t copied = 0;
  for (size_t amp = in.find('&'); amp != std::string_view::npos; amp = in.find('&', amp + 1)) {
    size_t end = amp + 1;
    size_t limit = std::min(in.size(), amp + kMaxReferenceLength);
    if (end < limit && in[end] == '#') ++end;
    while (end < limit && IsAsciiAlnum(in[end])) ++end;
    if (end >= limit || in[end] != ';' || end == amp + 1) continue;
    std::string_view body = in.substr(amp + 1, end - amp - 1);
    char32_t cp = 0;
    if (body[0] == '#') {
      if (!ParseNumeric(body, &cp)) continue;
    } else {
      auto it = std::lower_bound(named_.begin(), named_.end(), body,
                                 [](const auto& entry, std::string_view key) { return entry.first < key; });
      if (it == named_.end() || it->first != body) continue;
      cp = it->second;
    }
    out->append(in.data() + copied, amp - copied);
    AppendCodePoint(cp, out);
    copied = end + 1;
    amp = end;
    ++decoded;
  }
  out->append(in.data() + copied, in.size() - copied);
  return decoded;
}

}  // namespace copydesk::stages::clean
