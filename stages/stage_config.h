// Configuration keys, declared in one table per owner (each stage, and the worker): name, type, default,
// doc and the values allowed (bounds for numbers, a list of choices for strings), in the manner of
// fluent-bit's config maps. Values are checked against that table once (CheckValue), before a stage's
// factory runs or the worker starts, so neither ever sees an out-of-range value and a typo fails at start-up.
// The one ConfigKey type serves stages and worker alike.
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
  static constexpr int64_t kNoMin = INT64_MIN;
  static constexpr int64_t kNoMax = INT64_MAX;

  std::string_view name;
  KeyType type;
  std::string_view default_value;  // as text, parsed by the same rules as user values
  std::string_view doc;
  int64_t min = kNoMin;            // kInt, kDouble: the smallest allowed value
  int64_t max = kNoMax;            // kInt, kDouble: the largest allowed value
  std::string_view choices = {};   // kString: allowed values separated by '|'; empty = any
};

std::string_view KeyTypeName(KeyType type);

// Whether `text` is an allowed value of `key` (type, bounds, choices); the error names the key and what it
// takes. `where` is the error's origin (a stage name, or "config").
Status CheckValue(const ConfigKey& key, std::string_view text, std::string_view where);

// The allowed values in words ("at least 1", "between 0 and 1024", "one of auto, text, json"); empty when
// any value of the type goes. CheckValue's errors and the key listings say the same.
std::string AllowedValues(const ConfigKey& key);

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
