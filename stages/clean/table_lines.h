// The shape shared by the clean stage's data files (lexicons, code tables): one record per line, fields
// separated by TABs, '#' at the start of a line for comments, blank lines ignored. Parsed once at factory
// time.
#pragma once

#include <string_view>
#include <vector>

namespace copydesk::stages::clean {

struct TableLine {
  size_t number = 0;  // 1-based, for error messages
  std::vector<std::string_view> fields;
};

std::vector<TableLine> SplitTableLines(std::string_view table);

}  // namespace copydesk::stages::clean
