// Mojibake repair: text that was UTF-8 but was decoded as a single-byte code page (Windows-1252,
// Latin-1, Windows-1250/1251/1253/1254/1257, ISO-8859-2, MacRoman, CP437) is re-encoded with that code
// page and decoded as UTF-8 again, repeatedly when it was mangled twice — the approach of ftfy.
//
// Contract
// - Conservative: a line is touched only when it shows odd character sequences (mojibake_rules.tsv over
//   the classes of mojibake_classes.tsv), and then only by re-decodings that are valid UTF-8 and that,
//   after the last round, leave the line less odd than it came. Correct text in any script comes out
//   unchanged. A sequence that lost a byte on the way (a U+FFFD a decoder wrote for a byte its code
//   page lacks, or a '?' a converter wrote) becomes one U+FFFD, as in ftfy's fix_text: the character is
//   gone but the rest of the line can still be re-decoded; a U+FFFD so made counts as no oddness.
// - Written by hand: ICU supplies the code-page tables, but no library detects mojibake in C++; the
//   design follows ftfy (character classes, odd-sequence rules, re-encode and decode), with rules of
//   our own tuned so that ftfy's public negative cases stay unchanged.
// - Order per line: the whole line re-decoded in the first code page that works; failing that, isolated
//   sequences that are unmistakably UTF-8 seen through Windows-1252 or -1251 (mojibake next to correct
//   text); then C1 controls read as Windows-1252 punctuation when the line gives reason to.
// - Input must be valid UTF-8; output is valid UTF-8. Time linear in the input (a fixed number of passes
//   per line). Code-page tables come from ICU converters at construction; the object is immutable.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace re2 {
class RE2;
}

namespace copydesk::stages::clean {

class MojibakeRepairer {
 public:
  // `classes` and `rules`: the texts of mojibake_classes.tsv and mojibake_rules.tsv.
  static StatusOr<std::shared_ptr<const MojibakeRepairer>> Create(std::string_view classes,
                                                                  std::string_view rules);
  ~MojibakeRepairer();

  // Repairs one line (no line breaks inside) into *out; returns the number of repairs made (0: *out is
  // the line unchanged).
  size_t RepairLine(std::string_view line, std::string* out) const;

  // How many rule matches the line has: 0 means it does not look like mojibake.
  size_t Oddness(std::u32string_view line) const;

  // One single-byte code page: bytes 0x80..0xFF to code points and back.
  struct CodePage {
    std::string name;
    std::array<char32_t, 128> to_unicode{};  // 0 = byte undefined
    std::unordered_map<char32_t, uint8_t> from_unicode;
    // The byte for `cp`, or -1 when the page cannot encode it.
    int Encode(char32_t cp) const;
  };

 private:
  MojibakeRepairer() = default;
  char ClassOf(char32_t cp) const;
  char ComputeClass(char32_t cp) const;
  // False when no rule can match the class string: the cheap test before the regular expression.
  static bool MayBeOdd(std::string_view classes);
  bool MayBeOddUtf8(std::string_view line) const;
  static uint8_t KindOf(char cls);
  bool RedecodeWhole(const std::u32string& line, const CodePage& page, std::u32string* out) const;
  size_t RedecodeSequences(const std::u32string& line, std::u32string* out) const;
  size_t ReadC1AsWindows1252(std::u32string* line, bool line_was_repaired) const;

  std::vector<CodePage> pages_;  // in the order they are tried; [0] is Windows-1252, [1] Windows-1251
  std::unordered_map<char32_t, char> classes_;
  std::vector<char> flat_classes_;  // ClassOf for code points below its size
  std::unique_ptr<re2::RE2> odd_;  // the rules as one alternation
};

}  // namespace copydesk::stages::clean
