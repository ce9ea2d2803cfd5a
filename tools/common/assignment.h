// "key=value" command-line arguments (`-X prop=value`, `--header k=v`): split at the first '=', so that
// the value may itself contain '='. The key must be non-empty; the value may be empty.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace copydesk::tools {

using Assignment = std::pair<std::string, std::string>;

// nullopt when there is no '=' or the key is empty.
std::optional<Assignment> SplitAssignment(std::string_view text);

}  // namespace copydesk::tools
