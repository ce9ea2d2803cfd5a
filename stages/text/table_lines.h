// The one shape of every data file the stages embed (lexicons, code tables, name lists): one record per
// line, fields separated by TABs, '#' at the start of a line for comments, blank lines ignored. Parsed
// once at factory time, never per article.
//
// Contract
// - SplitTableLines: the data lines in order, each with its 1-based line number (for error messages) and
//   its fields, trimmed of spaces and CR. Several TABs in a row align columns; they make no empty field.
// - SplitList: the non-empty, trimmed items of a field that lists several values ("AP|Associated Press").
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace copydesk::text {

struct TableLine {
  size_t number = 0;  // 1-based, for error messages
  std::vector<std::string_view> fields;
};

std::vector<TableLine> SplitTableLines(std::string_view table);

std::vector<std::string_view> SplitList(std::string_view field, char separator);

}  // namespace copydesk::text
