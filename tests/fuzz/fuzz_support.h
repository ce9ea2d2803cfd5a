// What the stage fuzz targets share: one stage built once from its defaults, and fuzz bytes turned into
// body paragraphs the way the cleaning stage hands them on (valid UTF-8, one paragraph per line).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "stages/registry.h"
#include "stages/text/utf8.h"

namespace copydesk::fuzz {

// Built on first use and kept: fuzz targets run millions of inputs.
inline const stages::Stage& StageNamed(const char* name) {
  static std::map<std::string, std::unique_ptr<stages::Stage>> built;
  auto it = built.find(name);
  if (it == built.end()) {
    auto stage = stages::MakeStage(name);
    if (!stage.ok()) std::abort();
    it = built.emplace(name, std::move(stage).value()).first;
  }
  return *it->second;
}

// Appends one paragraph per '\n'-separated line of the UTF-8-repaired bytes; returns the repaired text.
inline std::string AppendParagraphs(const uint8_t* data, size_t size, v1::EnrichedArticle* out) {
  std::string text;
  text::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &text);
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    out->add_paragraphs()->set_text(std::string(rest.substr(0, nl)));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  return text;
}

}  // namespace copydesk::fuzz
