// libFuzzer target for the attribution stage: the input is split into paragraphs at '\n' (after UTF-8
// repair, as the cleaning stage guarantees valid text) and run through the stage. Checks the stage's
// invariants: it never fails on text, every quote has content and a location inside its paragraph, and
// sources are unique.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "stages/attribution/attribution_stage.h"
#include "stages/text/utf8.h"

namespace {

const copydesk::stages::Stage& TheStage() {
  static const std::unique_ptr<copydesk::stages::Stage> stage = [] {
    auto options = copydesk::stages::StageOptions::Validate(
        "attribution", copydesk::stages::AttributionStageDescriptor().keys, {});
    return std::move(copydesk::stages::AttributionStageDescriptor().factory(options.value())).value();
  }();
  return *stage;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  std::string text;
  copydesk::text::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &text);
  copydesk::v1::RawArticle raw;
  copydesk::v1::EnrichedArticle out;
  copydesk::stages::Article article{raw, out, {}};
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    out.add_paragraphs()->set_text(std::string(rest.substr(0, nl)));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  if (TheStage().Transform(article).failed()) std::abort();
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
