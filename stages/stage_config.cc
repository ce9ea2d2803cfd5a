#include "stages/stage_config.h"

#include <charconv>
#include <stdexcept>
#include <vector>

namespace copydesk::stages {

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kString: return "string";
    case KeyType::kInt: return "int";
    case KeyType::kBool: return "bool";
    case KeyType::kDouble: return "double";
  }
  return "?";
}

bool ParseBool(std::string_view text, bool* out) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") {
    *out = true;
    return true;
  }
  if (text == "false" || text == "0" || text == "no" || text == "off") {
    *out = false;
    return true;
  }
  return false;
}

bool ParseInt(std::string_view text, int64_t* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParseDouble(std::string_view text, double* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParsesAs(KeyType type, std::string_view text) {
  bool b;
  int64_t i;
  double d;
  switch (type) {
    case KeyType::kString: return true;
    case KeyType::kInt: return ParseInt(text, &i);
    case KeyType::kBool: return ParseBool(text, &b);
    case KeyType::kDouble: return ParseDouble(text, &d);
  }
  return false;
}

namespace {

// The '|'-separated choices of a string key, in table order.
std::vector<std::string_view> Choices(const ConfigKey& key) {
  std::vector<std::string_view> choices;
  std::string_view rest = key.choices;
  while (!rest.empty()) {
    size_t bar = rest.find('|');
    choices.push_back(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return choices;
}

}  // namespace

std::string AllowedValues(const ConfigKey& key) {
  if (key.type == KeyType::kInt || key.type == KeyType::kDouble) {
    if (key.min != ConfigKey::kNoMin && key.max != ConfigKey::kNoMax) {
      return "between " + std::to_string(key.min) + " and " + std::to_string(key.max);
    }
    if (key.min != ConfigKey::kNoMin) return "at least " + std::to_string(key.min);
    if (key.max != ConfigKey::kNoMax) return "at most " + std::to_string(key.max);
  }
  if (key.type == KeyType::kString && !key.choices.empty()) {
    std::string listed;
    for (std::string_view choice : Choices(key)) listed += (listed.empty() ? "" : ", ") + std::string(choice);
    return "one of " + listed;
  }
  return "";
}

Status CheckValue(const ConfigKey& key, std::string_view text, std::string_view where) {
  auto refuse = [&](const std::string& what) {
    return Status::Error(StatusCode::kInvalidConfig, std::string(where),
                         "config key '" + std::string(key.name) + "' " + what + ", got '" + std::string(text) + "'");
  };
  if (!ParsesAs(key.type, text)) return refuse("expects " + std::string(KeyTypeName(key.type)));
  if (key.type == KeyType::kInt) {
    int64_t value = 0;
    ParseInt(text, &value);
    if (value < key.min || value > key.max) return refuse("must be " + AllowedValues(key));
  }
  if (key.type == KeyType::kDouble) {
    double value = 0;
    ParseDouble(text, &value);
    if ((key.min != ConfigKey::kNoMin && value < static_cast<double>(key.min)) ||
        (key.max != ConfigKey::kNoMax && value > static_cast<double>(key.max))) {
      return refuse("must be " + AllowedValues(key));
    }
  }
  if (key.type == KeyType::kString && !key.choices.empty()) {
    for (std::string_view choice : Choices(key)) {
      if (choice == text) return Status::Ok();
    }
    return refuse("must be " + AllowedValues(key));
  }
  return Status::Ok();
}

StatusOr<StageOptions> StageOptions::Validate(std::string_view stage, std::span<const ConfigKey> keys,
                                              const std::map<std::string, std::string>& values) {
  StageOptions options;
  for (const ConfigKey& key : keys) options.values_.emplace(std::string(key.name), key.default_value);
  for (const auto& [name, value] : values) {
    const ConfigKey* declared = nullptr;
    for (const ConfigKey& key : keys) {
      if (key.name == name) declared = &key;
    }
    if (declared == nullptr) {
      return Status::Error(StatusCode::kInvalidConfig, std::string(stage), "unknown config key '" + name + "'");
    }
    Status allowed = CheckValue(*declared, value, stage);
    if (!allowed.ok()) return allowed;
    options.values_[name] = value;
  }
  return options;
}

const std::string& StageOptions::GetString(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw std::logic_error("undeclared stage config key: " + std::string(key));
  return it->second;
}

int64_t StageOptions::GetInt(std::string_view key) const {
  int64_t v = 0;
  ParseInt(GetString(key), &v);
  return v;
}

bool StageOptions::GetBool(std::string_view key) const {
  bool v = false;
  ParseBool(GetString(key), &v);
  return v;
}

double StageOptions::GetDouble(std::string_view key) const {
  double v = 0;
  ParseDouble(GetString(key), &v);
  return v;
}

}  // namespace copydesk::stages
