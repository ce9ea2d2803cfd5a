// Text repair: everything the clean stage does to characters, before it looks at lines and paragraphs.
//
// Contract
// - In order: invalid UTF-8 → U+FFFD; HTML character references decoded (optional); per line, mojibake
//   re-decoded (optional, see mojibake.h); control characters, zero-width spaces, word joiners, BOMs and
//   soft hyphens removed; NFC. Line breaks are kept (\r\n and \r become \n); white space inside lines is
//   left for the paragraph step to collapse.
// - Kept on purpose: typographic quotes, apostrophes and dashes (attribution reads them); ZWJ and ZWNJ
//   (they change how emoji and Indic/Persian words render); TAB becomes a space; U+001A SUBSTITUTE stays,
//   because like U+FFFD it records that a character was lost upstream; C1 controls that mojibake repair
//   could not explain stay, since deleting them would destroy the evidence of what the bytes were.
// - Counts every repair in a RepairCounts. Linear time; thread-safe (const).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "stages/clean/html_entities.h"
#include "stages/clean/mojibake.h"

namespace copydesk::stages::clean {

struct RepairCounts {
  size_t invalid_utf8 = 0;
  size_t mojibake = 0;
  size_t entities = 0;
  size_t control_chars = 0;
};

struct RepairOptions {
  bool decode_entities = true;
  bool repair_mojibake = true;
};

class TextRepairer {
 public:
  TextRepairer(EntityDecoder entities, std::shared_ptr<const MojibakeRepairer> mojibake,
               RepairOptions options);

  // Repairs `in` (any bytes) into valid, NFC UTF-8 with "\n" line breaks; adds to *counts.
  std::string Repair(std::string_view in, RepairCounts* counts) const;

 private:
  EntityDecoder entities_;
  std::shared_ptr<const MojibakeRepairer> mojibake_;
  RepairOptions options_;
};

// Removes the invisible characters listed above from one line, appending to *out; returns how many.
size_t StripInvisibles(std::string_view line, std::string* out);

// NFC through ICU, skipped when no code point could change (all below U+0300).
void NormalizeNfc(std::string* text);

}  // namespace copydesk::stages::clean
