#include "tools/common/assignment.h"

namespace copydesk::tools {

std::optional<Assignment> SplitAssignment(std::string_view text) {
  size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) return std::nullopt;
  return Assignment{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

}  // namespace copydesk::tools
