#include "stages/clean/table_lines.h"

#include "stages/text/utf8.h"

namespace copydesk::stages::clean {

std::vector<TableLine> SplitTableLines(std::string_view table) {
  std::vector<TableLine> lines;
  size_t number = 0;
  for (std::string_view line : text::SplitLines(table)) {
    ++number;
    if (line.empty() || line[0] == '#' || text::IsBlank(line)) continue;
    TableLine parsed;
    parsed.number = number;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      std::string_view field = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
      // Several TABs in a row align columns; they do not make empty fields.
      if (!field.empty()) parsed.fields.push_back(field);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    lines.push_back(std::move(parsed));
  }
  return lines;
}

}  // namespace copydesk::stages::clean
