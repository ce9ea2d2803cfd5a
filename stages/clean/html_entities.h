// HTML character references in plain text ("AT&amp;T", "&#8217;", "caf&eacute;").
//
// Contract
// - Decodes numeric references (&#NNN; &#xHH;) and the named references listed in html_entities.tsv; a
//   reference must end in ';'. Unknown names and malformed references stay as written: text that merely
//   contains an ampersand is left alone.
// - Numeric references to C1 code points are read as Windows-1252, as HTML5 does (&#146; is ’);
//   references to U+0000, surrogates or above U+10FFFF become U+FFFD.
// - Written by hand because neither ICU nor gumbo exposes a decoder for text outside a document.
//   Linear in the input: each '&' looks ahead at most 32 bytes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace copydesk::stages::clean {

class EntityDecoder {
 public:
  // `table`: lines "name<TAB>hex code point"; '#' starts a comment.
  static StatusOr<EntityDecoder> Parse(std::string_view table);

  // Appends the decoded `in` to *out and returns how many references it decoded.
  size_t Decode(std::string_view in, std::string* out) const;

 private:
  std::vector<std::pair<std::string, char32_t>> named_;  // sorted by name
};

// Appends the UTF-8 form of `cp` (which must be a scalar value).
void AppendCodePoint(char32_t cp, std::string* out);

}  // namespace copydesk::stages::clean
