// Stage configuration: each stage declares its keys in one table (name, type, default, doc), in the manner
// of fluent-bit's config maps. The registry validates user values against that table once, before the
// stage's factory runs, so a factory only ever sees well-typed values and a typo fails at start-up.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace copydesk::stages {

enum class KeyType { kString, kInt, kBool, kDouble };

struct ConfigKey {
  std::string_view name;
  KeyType type;
  std::string_view default_value;  // as text, parsed by the same rules as user values
  std::string_view doc;
};

std::string_view KeyTypeName(KeyType type);

// Validated values for one stage: every declared key present (defaults filled in), every value parsed.
class StageOptions {
 public:
  // Checks `values` against `keys`: unknown keys and unparsable values are errors ("where" = stage name).
  static StatusOr<StageOptions> Validate(std::string_view stage, std::span<const ConfigKey> keys,
                                         const std::map<std::string, std::string>& values);

  const std::string& GetString(std::string_view key) const;
  int64_t GetInt(std::string_view key) const;
  bool GetBool(std::string_view key) const;
  double GetDouble(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Parsers shared with the worker's config so that "true"/"1"/"yes" mean the same everywhere.
bool ParseBool(std::string_view text, bool* out);
bool ParseInt(std::string_view text, int64_t* out);
bool ParseDouble(std::string_view text, double* out);
// Whether `text` is a valid value of `type`: the one check for stage and worker config keys alike.
bool ParsesAs(KeyType type, std::string_view text);

}  // namespace copydesk::stages
