#include "stages/text/table_lines.h"

#include "stages/text/utf8.h"

namespace copydesk::text {
namespace {

std::string_view TrimField(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<TableLine> SplitTableLines(std::string_view table) {
  std::vector<TableLine> lines;
  size_t number = 0;
  for (std::string_view line : SplitLines(table)) {
    ++number;
    if (line.empty() || line[0] == '#' || IsBlank(line)) continue;
    TableLine parsed;
    parsed.number = number;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      std::string_view field = TrimField(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (!field.empty()) parsed.fields.push_back(field);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (!parsed.fields.empty()) lines.push_back(std::move(parsed));
  }
  return lines;
}

std::vector<std::string_view> SplitList(std::string_view field, char separator) {
  std::vector<std::string_view> items;
  while (!field.empty()) {
    size_t at = field.find(separator);
    std::string_view item = TrimField(field.substr(0, at));
    if (!item.empty()) items.push_back(item);
    if (at == std::string_view::npos) break;
    field.remove_prefix(at + 1);
  }
  return items;
}

}  // namespace copydesk::text
