#include "stages/clean/mojibake.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "stages/clean/ascii_scan.h"
#include "stages/clean/html_entities.h"
#include "stages/text/table_lines.h"
#include "stages/text/utf8.h"

namespace copydesk::stages::clean {
namespace {

// Tried in this order; the first whose re-decoding works wins. Windows-1252 first and Windows-1251
// second: RedecodeSequences relies on those two positions.
constexpr const char* kCodePages[] = {"windows-1252", "windows-1251", "windows-1250", "macos-0_2-10.2",
                                      "windows-1253", "windows-1254", "windows-1257", "ISO-8859-2",
                                      "ibm-437"};

constexpr size_t kMaxRounds = 3;  // text mangled three times over is not worth guessing about

StatusOr<MojibakeRepairer::CodePage> LoadCodePage(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(name, &status);
  if (U_FAILURE(status)) {
    return Status::Error(StatusCode::kInternal, "clean", std::string("ICU has no converter ") + name);
  }
  ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  MojibakeRepairer::CodePage page;
  page.name = name;
  for (int b = 0x80; b <= 0xFF; ++b) {
    char in = static_cast<char>(b);
    UChar decoded[4];
    status = U_ZERO_ERROR;
    ucnv_reset(converter);
    int32_t n = ucnv_toUChars(converter, decoded, 4, &in, 1, &status);
    char32_t cp = 0;
    if (U_SUCCESS(status) && n == 1 && decoded[0] != 0xFFFD && decoded[0] != 0x1A) cp = decoded[0];
    // "Sloppy" decoding as browsers and ftfy do it: an undefined byte in 0x80..0x9F reads as the C1
    // control of the same number.
    if (cp == 0 && b < 0xA0) cp = static_cast<char32_t>(b);
    page.to_unicode[b - 0x80] = cp;
    if (cp != 0) page.from_unicode.emplace(cp, static_cast<uint8_t>(b));
  }
  ucnv_close(converter);
  return page;
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t cp : s) AppendCodePoint(cp, &out);
  return out;
}

bool IsContinuation(int b) { return b >= 0x80 && b <= 0xBF; }

// Strict UTF-8, except that a CESU-8 surrogate pair (how Java and MySQL's utf8 write emoji) is accepted.
bool DecodeBytes(std::string_view bytes, std::u32string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  for (size_t i = 0; i < bytes.size();) {
    size_t len = text::ValidSequenceLength(bytes, i);
    if (len > 0) {
      auto at = static_cast<int32_t>(i);
      UChar32 c;
      U8_NEXT(p, at, static_cast<int32_t>(bytes.size()), c);
      out->push_back(static_cast<char32_t>(c));
      i += len;
      continue;
    }
    if (i + 5 < bytes.size() && p[i] == 0xED && p[i + 1] >= 0xA0 && p[i + 1] <= 0xAF &&
        IsContinuation(p[i + 2]) && p[i + 3] == 0xED && p[i + 4] >= 0xB0 && p[i + 4] <= 0xBF &&
        IsContinuation(p[i + 5])) {
      char32_t high = 0xD000 | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      char32_t low = 0xD000 | ((p[i + 4] & 0x3F) << 6) | (p[i + 5] & 0x3F);
      out->push_back(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
      i += 6;
      continue;
    }
    return false;
  }
  return true;
}

// Stands in the re-encoded bytes for a character that was lost on the way: U+FFFD written by a decoder
// that met a byte it had no character for (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252). ASCII SUB is
// what ftfy uses too; a line that holds a real U+001A is never re-decoded.
constexpr char kLostByte = '\x1A';

size_t SequenceLength(uint8_t lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// UTF-8 in which some bytes did not survive: a sequence whose continuation bytes are there except for
// lost ones (kLostByte, or '?' where a converter wrote one for a byte it could not map) becomes one
// U+FFFD, as ftfy's fix_text has it, since the character cannot be known; a space where a three- or
// four-byte sequence needs a continuation and has all its others was a no-break space (0xA0) that an
// editor turned into a space. Anything else that is not UTF-8 makes the whole decoding fail.
bool DecodeLossyBytes(std::string_view bytes, bool a0_is_nbsp, std::u32string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  for (size_t i = 0; i < bytes.size();) {
    if (p[i] < 0x80) {
      out->push_back(bytes[i] == kLostByte ? 0xFFFD : static_cast<char32_t>(p[i]));
      ++i;
      continue;
    }
    const size_t n = SequenceLength(p[i]);
    if (n == 0 || i + n > bytes.size()) return false;
    size_t lost = 0;
    size_t spaces = 0;
    std::string sequence(1, bytes[i]);
    for (size_t k = 1; k < n; ++k) {
      char c = bytes[i + k];
      if (IsContinuation(p[i + k])) {
        sequence.push_back(c);
      } else if (c == kLostByte || c == '?') {
        ++lost;
      } else if (c == ' ' && a0_is_nbsp && n >= 3) {
        ++spaces;
        sequence.push_back('\xA0');
      } else {
        return false;
      }
    }
    if (lost > 0) {
      if (spaces > 0) return false;
      out->push_back(0xFFFD);
    } else {
      if (spaces > 1) return false;
      std::u32string cps;
      if (!DecodeBytes(sequence, &cps) || cps.size() != 1) return false;
      out->push_back(cps[0]);
    }
    i += n;
  }
  return true;
}

// Portuguese contracts "a" + article into "à"/"às"/"àquele"; after "Ã " these words join the "à".
bool JoinsGraveA(std::string_view rest) {
  for (std::string_view word : {"s", "quele", "quela", "queles", "quelas", "quilo"}) {
    if (rest.substr(0, word.size()) == word &&
        (rest.size() == word.size() || rest[word.size()] == ' ' || rest[word.size()] == ',')) {
      return true;
    }
  }
  return false;
}

}  // namespace

int MojibakeRepairer::CodePage::Encode(char32_t cp) const {
  if (cp < 0x80) return static_cast<int>(cp);
  auto it = from_unicode.find(cp);
  if (it != from_unicode.end()) return it->second;
  // Latin-1 is Windows-1252 with C1 controls where 1252 has punctuation: folded into the 1252 page.
  if (cp <= 0x9F && name == kCodePages[0]) return static_cast<int>(cp);
  return -1;
}

MojibakeRepairer::~MojibakeRepairer() = default;

StatusOr<std::shared_ptr<const MojibakeRepairer>> MojibakeRepairer::Create(std::string_view classes,
                                                                           std::string_view rules) {
  std::shared_ptr<MojibakeRepairer> repairer(new MojibakeRepairer());
  for (const char* name : kCodePages) {
    StatusOr<CodePage> page = LoadCodePage(name);
    if (!page.ok()) return page.status();
    repairer->pages_.push_back(std::move(page.value()));
  }
  for (const text::TableLine& line : text::SplitTableLines(classes)) {
    if (line.fields.size() != 2 || line.fields[0].size() != 1) {
      return Status::Error(StatusCode::kInternal, "clean",
                           "mojibake_classes.tsv line " + std::to_string(line.number) +
                               ": expected class letter<TAB>characters");
    }
    char cls = line.fields[0][0];
    std::string_view chars = line.fields[1];
    size_t pos = 0;
    while (pos < chars.size()) {
      size_t space = chars.find(' ', pos);
      std::string_view token = chars.substr(pos, space == std::string_view::npos ? space : space - pos);
      pos = space == std::string_view::npos ? chars.size() : space + 1;
      if (token.empty()) continue;
      if (token.size() >= 6 && token.substr(0, 2) == "U+") {
        size_t dash = token.find('-');
        char32_t first = std::stoul(std::string(token.substr(2, dash == std::string_view::npos ? dash : dash - 2)),
                                    nullptr, 16);
        char32_t last = dash == std::string_view::npos
                            ? first
                            : std::stoul(std::string(token.substr(dash + 3)), nullptr, 16);
        for (char32_t cp = first; cp <= last; ++cp) repairer->classes_[cp] = cls;
        continue;
      }
      for (char32_t cp : DecodeUtf8(token)) repairer->classes_[cp] = cls;
    }
  }
  // Every code point up to the end of box drawing gets its class precomputed: the hot path of Oddness.
  repairer->flat_classes_.resize(0x2600);
  for (char32_t cp = 0; cp < 0x2600; ++cp) repairer->flat_classes_[cp] = repairer->ComputeClass(cp);
  std::string alternation;
  for (const text::TableLine& line : text::SplitTableLines(rules)) {
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:" + std::string(line.fields[0]) + ")";
  }
  repairer->odd_ = std::make_unique<re2::RE2>(alternation);
  if (!repairer->odd_->ok()) {
    return Status::Error(StatusCode::kInternal, "clean", "mojibake_rules.tsv: " + repairer->odd_->error());
  }
  return std::shared_ptr<const MojibakeRepairer>(std::move(repairer));
}

char MojibakeRepairer::ClassOf(char32_t cp) const {
  if (cp < flat_classes_.size()) return flat_classes_[cp];
  return ComputeClass(cp);
}

char MojibakeRepairer::ComputeClass(char32_t cp) const {
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') return 'a';
    if (cp >= 'A' && cp <= 'Z') return 'A';
    if (cp >= '0' && cp <= '9') return '0';
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v') return ' ';
    return '.';
  }
  auto it = classes_.find(cp);
  if (it != classes_.end()) return it->second;
  return u_isalpha(static_cast<UChar32>(cp)) ? 'w' : 'o';
}

uint8_t MojibakeRepairer::KindOf(char cls) {
  // 1: a class some rule needs with nothing odd beside it (C1, rare symbols, Â/Ã, √, ¬, ‚, œ, box
  // drawing); 2: a class every rule needs next to another class of kind 1 or 2 (accented letters,
  // punctuation and symbols: "café" or “quotes” alone are not odd).
  static constexpr std::array<uint8_t, 128> kKind = [] {
    std::array<uint8_t, 128> kind{};
    for (char c : std::string_view("cxTQKOrb")) kind[static_cast<size_t>(c)] = 1;
    for (char c : std::string_view("UukIpq$nSRVJDN")) kind[static_cast<size_t>(c)] = 2;
    return kind;
  }();
  return kKind[static_cast<size_t>(cls) & 0x7F];
}

bool MojibakeRepairer::MayBeOdd(std::string_view classes) {
  // Every rule needs one of these classes, or two symbol classes side by side; most lines with
  // non-ASCII text (quotes, dashes, accented words) have neither and skip the regular expression.
  bool triggered = false;
  for (size_t i = 0; i < classes.size() && !triggered; ++i) {
    uint8_t kind = KindOf(classes[i]);
    triggered = kind == 1 || (kind == 2 && i + 1 < classes.size() && KindOf(classes[i + 1]) != 0);
  }
  return triggered;
}

size_t MojibakeRepairer::Oddness(std::u32string_view line) const {
  std::string classes;
  classes.reserve(line.size());
  for (char32_t cp : line) classes.push_back(ClassOf(cp));
  if (!MayBeOdd(classes)) return 0;
  size_t count = 0;
  re2::StringPiece input(classes);
  while (!input.empty()) {
    size_t before = input.size();
    if (!re2::RE2::FindAndConsume(&input, *odd_)) break;
    ++count;
    if (input.size() == before) input.remove_prefix(1);
  }
  return count;
}

bool MojibakeRepairer::RedecodeWhole(const std::u32string& line, const CodePage& page,
                                     std::u32string* out) const {
  std::string bytes;
  bytes.reserve(line.size());
  bool lossy = false;
  for (char32_t cp : line) {
    if (cp == 0x1A) return false;
    int b = cp == 0xFFFD ? kLostByte : page.Encode(cp);
    if (b < 0) return false;
    lossy |= cp == 0xFFFD;
    bytes.push_back(static_cast<char>(b));
  }
  // A no-break space (0xA0) is the second byte of "à" and of several letters; editors and crawlers
  // often turn it into a plain space. Put it back after a lead byte that needs a continuation.
  std::string restored;
  restored.reserve(bytes.size() + 8);
  const bool a0_is_nbsp = page.to_unicode[0x20] == 0xA0;  // not in MacRoman or CP437
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<uint8_t>(bytes[i]);
    restored.push_back(bytes[i]);
    bool lead_then_space = a0_is_nbsp && i + 1 < bytes.size() && bytes[i + 1] == ' ' &&
                           (b == 0xC2 || b == 0xC3 || b == 0xC5 || b == 0xCE || b == 0xD0 || b == 0xD9);
    if (!lead_then_space) continue;
    restored.push_back('\xA0');
    // "Ã " is mostly the word "à": keep the space after it unless a contraction follows.
    bool keep_space = b == 0xC3 && !JoinsGraveA(std::string_view(bytes).substr(i + 2));
    if (!keep_space) ++i;
  }
  if ((lossy || !DecodeBytes(restored, out)) && !DecodeLossyBytes(restored, a0_is_nbsp, out)) return false;
  return *out != line;
}

size_t MojibakeRepairer::RedecodeSequences(const std::u32string& line, std::u32string* out) const {
  out->clear();
  size_t repaired = 0;
  bool previous_was_pair = false;
  const CodePage& w1252 = pages_[0];
  const CodePage& w1251 = pages_[1];
  // Two-character sequences are only trusted when several follow one another (Arabic, Cyrillic seen
  // through Windows-1252/1251) or when they start with Â/Ã, which real text hardly follows with a symbol.
  auto pair_at = [&](const CodePage& page, size_t i, std::u32string_view leads) -> char32_t {
    if (i + 1 >= line.size() || leads.find(line[i]) == std::u32string_view::npos) return 0;
    int lead = page.Encode(line[i]);
    int cont = page.Encode(line[i + 1]);
    if (lead < 0xC2 || lead > 0xDF || !IsContinuation(cont)) return 0;
    return static_cast<char32_t>(((lead & 0x1F) << 6) | (cont & 0x3F));
  };
  for (size_t i = 0; i < line.size();) {
    char32_t decoded = 0;
    size_t used = 0;
    // Three- and four-byte sequences seen through Windows-1252: "â€™", "ðŸ˜€".
    int lead = w1252.Encode(line[i]);
    if (lead >= 0xE0 && lead <= 0xF4) {
      size_t n = lead >= 0xF0 ? 4 : 3;
      if (i + n <= line.size()) {
        std::string bytes(1, static_cast<char>(lead));
        for (size_t k = 1; k < n; ++k) {
          int b = w1252.Encode(line[i + k]);
          if (!IsContinuation(b)) break;
          bytes.push_back(static_cast<char>(b));
        }
        std::u32string cps;
        if (bytes.size() == n && DecodeBytes(bytes, &cps) && cps.size() == 1) {
          decoded = cps[0];
          used = n;
        }
      }
    }
    // A three-byte sequence whose last byte was lost on the way ("â€" then U+FFFD, or "â€?" where a
    // converter wrote '?'): the character is gone, so it becomes one U+FFFD.
    if (used == 0 && lead >= 0xE0 && lead <= 0xEF && i + 2 < line.size() &&
        IsContinuation(w1252.Encode(line[i + 1])) &&
        (line[i + 2] == 0xFFFD || (line[i + 2] == U'?' && line[i] == U'â' && line[i + 1] == U'€'))) {
      decoded = 0xFFFD;
      used = 3;
    }
    // "вЂ" + one more: Windows-1251's view of U+2000..U+203F punctuation.
    if (used == 0 && i + 2 < line.size() && line[i] == U'в' && line[i + 1] == U'Ђ') {
      int b = w1251.Encode(line[i + 2]);
      if (IsContinuation(b)) {
        decoded = 0x2000 | (b & 0x3F);
        used = 3;
      }
    }
    // "Ã " after a word: the "à" whose no-break space became a space (not "S Ã O" in spaced capitals).
    if (used == 0 && line[i] == U'Ã' && i + 2 < line.size() && line[i + 1] == U' ' &&
        (i == 0 || (i >= 2 && line[i - 1] == U' ' && line[i - 2] >= U'a' && line[i - 2] <= U'z'))) {
      std::string rest;
      for (size_t k = i + 2; k < line.size() && k < i + 10; ++k) rest.push_back(line[k] < 0x80 ? static_cast<char>(line[k]) : '?');
      out->push_back(U'à');
      ++repaired;
      previous_was_pair = false;
      i += JoinsGraveA(rest) ? 2 : 1;
      continue;
    }
    if (used == 0) {
      constexpr std::u32string_view kTildeLeads = U"ÂÃ";
      constexpr std::u32string_view kCommonAfterLead = U"’…–—¥ ";
      constexpr std::u32string_view kChainLeads1252 = U"ØÙÐÑÚÛ";
      constexpr std::u32string_view kChainLeads1251 = U"РС";
      if (char32_t cp = pair_at(w1252, i, kTildeLeads);
          cp != 0 && kCommonAfterLead.find(line[i + 1]) == std::u32string_view::npos) {
        decoded = cp;
        used = 2;
      } else {
        for (auto [page, leads] : {std::pair{&w1252, kChainLeads1252}, std::pair{&w1251, kChainLeads1251}}) {
          char32_t chained = pair_at(*page, i, leads);
          if (chained != 0 && (previous_was_pair || pair_at(*page, i + 2, leads) != 0)) {
            decoded = chained;
            used = 2;
            break;
          }
        }
      }
    }
    if (used == 0) {
      out->push_back(line[i]);
      previous_was_pair = false;
      ++i;
      continue;
    }
    out->push_back(decoded);
    previous_was_pair = used == 2;
    ++repaired;
    i += used;
  }
  return repaired;
}

size_t MojibakeRepairer::ReadC1AsWindows1252(std::u32string* line, bool line_was_repaired) const {
  const CodePage& w1252 = pages_[0];
  size_t c1 = 0;
  bool quote = false;
  for (char32_t cp : *line) {
    if (cp < 0x80 || cp > 0x9F) continue;
    if (w1252.to_unicode[cp - 0x80] == cp) return 0;  // undefined in 1252: no evidence what was meant
    ++c1;
    quote |= cp == 0x82 || cp == 0x84 || cp == 0x8B || cp == 0x9B || (cp >= 0x91 && cp <= 0x94);
  }
  // A lone U+0085 is as likely the NEXT LINE control it is; quotes or several C1s are Windows-1252.
  if (c1 == 0 || !(line_was_repaired || quote || c1 >= 2)) return 0;
  for (char32_t& cp : *line) {
    if (cp >= 0x80 && cp <= 0x9F) cp = w1252.to_unicode[cp - 0x80];
  }
  return c1;
}

bool MojibakeRepairer::MayBeOddUtf8(std::string_view line) const {
  // MayBeOdd on the fly, without building the class string: most lines stop here.
  const auto* p = reinterpret_cast<const uint8_t*>(line.data());
  const auto n = static_cast<int32_t>(line.size());
  int32_t i = 0;
  bool previous_symbol = false;
  while (i < n) {
    if (p[i] < 0x80) {
      i = static_cast<int32_t>(SkipAscii(line, static_cast<size_t>(i)));
      previous_symbol = false;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    char cls = ClassOf(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
    uint8_t kind = KindOf(cls);
    if (kind == 1 || (kind == 2 && previous_symbol)) return true;
    previous_symbol = kind != 0;
  }
  return false;
}

size_t MojibakeRepairer::RepairLine(std::string_view line, std::string* out) const {
  if (!MayBeOddUtf8(line)) return 0;
  std::u32string current = DecodeUtf8(line);
  const size_t initial_oddness = Oddness(current);
  size_t oddness = initial_oddness;
  std::u32string next;
  size_t repairs = 0;
  // Sequence repair runs at most once: applied again to its own output it would build characters out
  // of pieces it has just made.
  bool sequences_repaired = false;
  for (size_t round = 0; round < kMaxRounds; ++round) {
    if (round > 0) oddness = Oddness(current);
    if (oddness == 0) break;
    bool changed = false;
    for (const CodePage& page : pages_) {
      // A text mangled twice can look odder half-way; the result is judged after the last round.
      if (RedecodeWhole(current, page, &next)) {
        current.swap(next);
        ++repairs;
        changed = true;
        break;
      }
    }
    if (!changed && !sequences_repaired) {
      sequences_repaired = true;
      size_t sequences = RedecodeSequences(current, &next);
      // Text that stays about as odd after the unmistakable sequences are repaired is not mojibake of
      // one kind; leave it as it came.
      if (sequences > 0 && Oddness(next) * 2 <= oddness) {
        current.swap(next);
        repairs += sequences;
        changed = true;
      }
    }
    if (!changed) break;
  }
  // A U+FFFD in the result stands for a byte that was already lost when the line came: it is no new
  // oddness of the repair, so it is judged as plain punctuation would be.
  std::u32string judged = current;
  std::replace(judged.begin(), judged.end(), char32_t{0xFFFD}, char32_t{'?'});
  if (repairs > 0 && Oddness(judged) >= initial_oddness) {
    // The re-decodings did not make the line any less odd: it was not mojibake of a kind we know.
    current = DecodeUtf8(line);
    repairs = 0;
  }
  repairs += ReadC1AsWindows1252(&current, repairs > 0);
  if (repairs > 0) *out = EncodeUtf8(current);
  return repairs;
}

}  // namespace copydesk::stages::clean
