// libFuzzer target for the captions stage: the input is split into paragraphs at '\n' (the first line may
// also become an HTML caption candidate) and run through the stage. Checks the stage's invariants: it never
// fails on text, never grows the body, and every caption position points into the remaining body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"
#include "stages/text/utf8.h"


extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  std::string text;
  copydesk::text::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &text);
  copydesk::v1::RawArticle raw;
  copydesk::v1::EnrichedArticle out;
  copydesk::stages::Article article{raw, out, {}};
  std::string_view rest = text;
  bool first = true;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (first && !line.empty() && line[0] == '#') {
      copydesk::stages::CaptionCandidate candidate;
      candidate.text = std::string(line.substr(1));
      candidate.position = static_cast<uint32_t>(size % 7);
      article.scratch.caption_candidates.push_back(std::move(candidate));
    } else {
      out.add_paragraphs()->set_text(std::string(line));
    }
    first = false;
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  const int before = out.paragraphs_size();
  copydesk::stages::StageResult result = copydesk::fuzz::StageNamed("captions").Transform(article);
  if (result.failed()) std::abort();
  if (out.paragraphs_size() > before) std::abort();
  for (const copydesk::v1::Caption& c : out.captions()) {
    if (c.position() > static_cast<uint32_t>(out.paragraphs_size())) std::abort();
  }
  return 0;
}
