#include "tools/mock-broker/topic_spec.h"

#include <charconv>

namespace copydesk::tools {
namespace {

bool IsValidTopicName(std::string_view name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<TopicSpec> ParseTopicSpec(std::string_view text) {
  TopicSpec spec;
  size_t colon = text.rfind(':');
  std::string_view name = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (!IsValidTopicName(name)) return std::nullopt;
  spec.name = std::string(name);
  if (colon != std::string_view::npos) {
    std::string_view count = text.substr(colon + 1);
    auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), spec.partitions);
    if (count.empty() || error != std::errc() || end != count.data() + count.size()) return std::nullopt;
    if (spec.partitions < 1 || spec.partitions > 10000) return std::nullopt;
  }
  return spec;
}

}  // namespace copydesk::tools
