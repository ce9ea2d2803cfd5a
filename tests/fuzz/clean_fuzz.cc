// libFuzzer target for the clean stage: the same bytes go through the text path and the HTML path.
// Findings are crashes, sanitizer reports and timeouts (run with -timeout=); the stage must end every
// input in Fail or a result.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/fuzz_support.h"

namespace {

void Run(const copydesk::v1::RawArticle& raw) {
  copydesk::v1::EnrichedArticle out;
  copydesk::stages::Article article{raw, out, {}};
  copydesk::stages::StageResult result = copydesk::fuzz::StageNamed("clean").Transform(article);
  if (!result.failed()) {
    // Whatever the input, the output must be valid UTF-8 (protobuf would refuse to serialise it).
    std::string bytes;
    if (!out.SerializeToString(&bytes)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  copydesk::v1::RawArticle text;
  text.set_text(input);
  Run(text);
  copydesk::v1::RawArticle html;
  html.set_html(input);
  Run(html);
  return 0;
}
