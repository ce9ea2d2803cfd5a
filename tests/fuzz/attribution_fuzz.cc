// libFuzzer target for the attribution stage: the input is split into paragraphs at '\n' (after UTF-8
// repair, as the cleaning stage guarantees valid text) and run through the stage. Checks the stage's
// invariants: it never fails on text, every quote has content and a location inside its paragraph, and
// sources are unique.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  copydesk::v1::RawArticle raw;
  copydesk::v1::EnrichedArticle out;
  copydesk::stages::Article article{raw, out, {}};
  copydesk::fuzz::AppendParagraphs(data, size, &out);
  if (copydesk::fuzz::StageNamed("attribution").Transform(article).failed()) std::abort();
  for (const copydesk::v1::Quote& q : out.quotes()) {
    if (q.text().empty()) std::abort();
    const copydesk::v1::Location& l = q.location();
    if (l.paragraph() >= static_cast<uint32_t>(out.paragraphs_size())) std::abort();
    if (l.begin() > l.end() || l.end() > out.paragraphs(static_cast<int>(l.paragraph())).text().size()) std::abort();
  }
  std::set<std::string> names;
  for (const copydesk::v1::NewsSource& s : out.sources()) {
    if (!names.insert(s.name()).second) std::abort();
  }
  return 0;
}
