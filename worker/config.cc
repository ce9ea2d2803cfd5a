#include "worker/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "stages/registry.h"
#include "stages/text/ascii.h"

namespace copydesk::embedded {
std::string_view worker_default_yaml();
}

namespace copydesk::worker {
namespace {

constexpr std::string_view kPassThroughFamilies[] = {"kafka.common.", "kafka.consumer.", "kafka.producer."};

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string EnvName(std::string_view key) {
  std::string out = "COPYDESK_";
  for (char c : key) out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

const WorkerKey* FindWorkerKey(std::string_view name) {
  for (const WorkerKey& key : WorkerKeys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

// stages.<stage>.<key>: the stage must exist and declare the key.
const stages::ConfigKey* FindStageKey(std::string_view name) {
  if (!StartsWith(name, "stages.")) return nullptr;
  std::string_view rest = name.substr(7);
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return nullptr;
  const stages::StageDescriptor* stage = stages::FindStage(rest.substr(0, dot));
  if (stage == nullptr) return nullptr;
  for (const stages::ConfigKey& key : stage->keys) {
    if (key.name == rest.substr(dot + 1)) return &key;
  }
  return nullptr;
}

bool IsPassThrough(std::string_view name) {
  for (std::string_view family : kPassThroughFamilies) {
    if (StartsWith(name, family) && name.size() > family.size()) return true;
  }
  return false;
}

// Flattens nested maps into dotted keys; a sequence of scalars becomes a comma-separated value.
Status Flatten(const YAML::Node& node, const std::string& prefix, std::string_view origin,
               std::vector<std::pair<std::string, std::string>>* out) {
  if (node.IsMap()) {
    for (const auto& entry : node) {
      std::string key = entry.first.as<std::string>();
      Status s = Flatten(entry.second, prefix.empty() ? key : prefix + "." + key, origin, out);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  if (node.IsSequence()) {
    std::string joined;
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        return Status::Error(StatusCode::kInvalidConfig, "config",
                             std::string(origin) + ": '" + prefix + "' must be a list of names");
      }
      if (!joined.empty()) joined += ",";
      joined += item.as<std::string>();
    }
    out->emplace_back(prefix, joined);
    return Status::Ok();
  }
  if (node.IsNull()) {
    out->emplace_back(prefix, "");
    return Status::Ok();
  }
  out->emplace_back(prefix, node.as<std::string>());
  return Status::Ok();
}

}  // namespace

std::string_view DefaultYaml() { return embedded::worker_default_yaml(); }

bool IsSecretKey(std::string_view key) {
  std::string lower = text::AsciiLower(key);
  for (std::string_view marker : {"password", "secret", "sasl.oauthbearer.config", "ssl.key.pem",
                                  "ssl_key", "token", "credential", "sasl.jaas"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

Config::Config() {
  for (const WorkerKey& key : WorkerKeys()) {
    values_[std::string(key.name)] = Value{std::string(key.default_value), "default"};
  }
}

Status Config::Set(std::string_view key, std::string_view value, std::string_view origin) {
  if (FindWorkerKey(key) == nullptr && FindStageKey(key) == nullptr && !IsPassThrough(key)) {
    return Status::Error(StatusCode::kInvalidConfig, "config",
                         std::string(origin) + ": unknown key '" + std::string(key) + "'");
  }
  values_[std::string(key)] = Value{std::string(value), std::string(origin)};
  return Status::Ok();
}

Status Config::ApplyYamlText(std::string_view yaml, std::string_view origin) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Status::Error(StatusCode::kInvalidConfig, "config", std::string(origin) + ": " + e.what());
  }
  if (root.IsNull()) return Status::Ok();
  if (!root.IsMap()) {
    return Status::Error(StatusCode::kInvalidConfig, "config",
                         std::string(origin) + ": the top level must be a map");
  }
  std::vector<std::pair<std::string, std::string>> flat;
  try {
    Status s = Flatten(root, "", origin, &flat);
    if (!s.ok()) return s;
  } catch (const YAML::Exception& e) {
    return Status::Error(StatusCode::kInvalidConfig, "config", std::string(origin) + ": " + e.what());
  }
  for (const auto& [key, value] : flat) {
    Status s = Set(key, value, origin);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Config::ApplyYamlFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error(StatusCode::kIOError, "config", "cannot read config file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ApplyYamlText(buffer.str(), path);
}

Status Config::ApplyEnvironment(const std::vector<std::string>& entries) {
  // Every key we can name: the declared table and every stage's table.
  std::map<std::string, std::string> by_env_name;
  for (const WorkerKey& key : WorkerKeys()) by_env_name[EnvName(key.name)] = std::string(key.name);
  for (const stages::StageDescriptor& stage : stages::BuiltinStages()) {
    for (const stages::ConfigKey& key : stage.keys) {
      std::string name = "stages." + std::string(stage.name) + "." + std::string(key.name);
      by_env_name[EnvName(name)] = name;
    }
  }
  for (const std::string& entry : entries) {
    size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string name = entry.substr(0, eq);
    std::string value = entry.substr(eq + 1);
    if (!StartsWith(name, "COPYDESK_")) continue;
    std::string origin = "env " + name;
    if (auto it = by_env_name.find(name); it != by_env_name.end()) {
      Status s = Set(it->second, value, origin);
      if (!s.ok()) return s;
      continue;
    }
    bool matched = false;
    for (std::string_view family : kPassThroughFamilies) {
      std::string prefix = EnvName(family);  // "COPYDESK_KAFKA_CONSUMER_"
      if (StartsWith(name, prefix) && name.size() > prefix.size()) {
        std::string prop = text::AsciiLower(name.substr(prefix.size()));
        std::replace(prop.begin(), prop.end(), '_', '.');
        Status s = Set(std::string(family) + prop, value, origin);
        if (!s.ok()) return s;
        matched = true;
        break;
      }
    }
    if (!matched) ignored_environment_.push_back(name);
  }
  return Status::Ok();
}

Status Config::ApplyOverride(std::string_view assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return Status::Error(StatusCode::kInvalidConfig, "config",
                         "--set expects key=value, got '" + std::string(assignment) + "'");
  }
  return Set(assignment.substr(0, eq), assignment.substr(eq + 1), "--set");
}

Status Config::Validate() const {
  // Types, bounds and choices come from the key tables (config_keys.cc, each stage's own); what is left
  // below are the rules that tie several keys together.
  for (const auto& [key, value] : values_) {
    const stages::ConfigKey* declared = FindWorkerKey(key);
    if (declared == nullptr) declared = FindStageKey(key);
    if (declared == nullptr) continue;  // a librdkafka property: librdkafka judges it
    Status allowed = stages::CheckValue(*declared, value.text, "config");
    if (!allowed.ok()) return Status::Error(StatusCode::kInvalidConfig, "config", value.origin + ": " + allowed.detail());
  }
  for (std::string_view topic_key : {"kafka.input_topic", "kafka.output_topic", "kafka.dead_letter_topic"}) {
    if (GetString(topic_key).empty()) {
      return Status::Error(StatusCode::kInvalidConfig, "config",
                           std::string(topic_key) + " is empty");
    }
  }
  if (GetString("kafka.input_topic") == GetString("kafka.output_topic") ||
      GetString("kafka.input_topic") == GetString("kafka.dead_letter_topic") ||
      GetString("kafka.output_topic") == GetString("kafka.dead_letter_topic")) {
    return Status::Error(StatusCode::kInvalidConfig, "config",
                         "input, output and dead-letter topics must be three different topics");
  }
  if (GetString("kafka.bootstrap_servers").empty()) {
    return Status::Error(StatusCode::kInvalidConfig, "config", "kafka.bootstrap_servers is empty");
  }
  if (GetString("worker.delivery") == "at-least-once") {
    for (const auto& [prop, value] : KafkaProperties("producer")) {
      if ((prop == "message.timeout.ms" || prop == "delivery.timeout.ms") && value != "0") {
        // Found by the in-flight outage test: a record that timed out while a newer one of its key was
        // already in librdkafka's queue was redelivered behind it. Nothing can call the newer one back, so
        // only an unbounded timeout keeps per-key order; exactly-once aborts the transaction instead.
        return Status::Error(StatusCode::kInvalidConfig, "config",
                             "librdkafka property '" + prop + "' must be 0 (unbounded) in at-least-once mode: a "
                             "record that times out can be redelivered behind a newer record of its key");
      }
    }
  }
  for (std::string_view client : {"consumer", "producer"}) {
    for (const auto& [prop, value] : KafkaProperties(client)) {
      if (prop == "group.id" || prop == "bootstrap.servers" || prop == "enable.auto.commit" ||
          prop == "enable.auto.offset.store" || prop == "enable.idempotence") {
        return Status::Error(StatusCode::kInvalidConfig, "config", "librdkafka property '" + prop +
                                           "' is managed by the worker; use the worker's own key instead");
      }
    }
  }
  // The spec only: building the chain (lexicons, regex sets) is done once, by whoever runs it.
  return stages::Chain::ValidateSpec(ChainSpec());
}

const std::string& Config::GetString(std::string_view key) const {
  auto it = values_.find(key);
  static const std::string kEmpty;
  return it == values_.end() ? kEmpty : it->second.text;
}

int64_t Config::GetInt(std::string_view key) const {
  int64_t v = 0;
  stages::ParseInt(GetString(key), &v);
  return v;
}

bool Config::GetBool(std::string_view key) const {
  bool v = false;
  stages::ParseBool(GetString(key), &v);
  return v;
}

std::map<std::string, std::string> Config::KafkaProperties(std::string_view client) const {
  std::map<std::string, std::string> props;
  std::string common = "kafka.common.";
  std::string own = "kafka." + std::string(client) + ".";
  for (const std::string& family : {common, own}) {
    for (const auto& [key, value] : values_) {
      if (StartsWith(key, family)) props[key.substr(family.size())] = value.text;
    }
  }
  return props;
}

stages::ChainSpec Config::ChainSpec() const {
  stages::ChainSpec spec;
  std::stringstream names(GetString("stages.chain"));
  std::string name;
  while (std::getline(names, name, ',')) {
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (!name.empty()) spec.stages.push_back(name);
  }
  if (spec.stages.size() == 1 && spec.stages[0] == "none") {
    spec.stages.clear();
    spec.explicitly_empty = true;
  }
  for (const auto& [key, value] : values_) {
    if (!StartsWith(key, "stages.") || key == "stages.chain") continue;
    std::string rest = key.substr(7);
    size_t dot = rest.find('.');
    if (dot == std::string::npos) continue;
    spec.config[rest.substr(0, dot)][rest.substr(dot + 1)] = value.text;
  }
  return spec;
}

std::string Config::Describe() const {
  std::ostringstream out;
  for (const auto& [key, value] : values_) {
    out << key << " = " << (IsSecretKey(key) ? "<redacted>" : value.text) << "    # " << value.origin << "\n";
  }
  return out.str();
}

}  // namespace copydesk::worker
