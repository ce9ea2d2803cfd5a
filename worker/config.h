// Worker configuration: one flat map of dotted keys ("kafka.group_id") built in layers — declared
// defaults, then the YAML file, then COPYDESK_* environment variables, then --set flags — and checked
// against one declared table (config_keys.cc: name, type, default, doc, secret).
//
// Three families are open-ended and checked elsewhere:
//   kafka.common.<prop>, kafka.consumer.<prop>, kafka.producer.<prop>  librdkafka properties, passed through
//                                                                      (common ones go to both clients)
//   stages.<stage>.<key>                                               validated by the stage's own table
// Environment names: "COPYDESK_" + the key upper-cased with '.' -> '_' (COPYDESK_KAFKA_GROUP_ID,
// COPYDESK_STAGES_NORMALIZE_MAX_BYTES); for librdkafka properties, whose names hold only dots, every '_'
// after the family prefix reads as '.' (COPYDESK_KAFKA_CONSUMER_FETCH_WAIT_MAX_MS).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "stages/chain.h"
#include "stages/stage_config.h"

namespace copydesk::worker {

// The worker's keys are declared with the same type as the stages' (stages/stage_config.h).
using WorkerKey = stages::ConfigKey;

// The declared keys, in the order check-config prints them.
std::span<const WorkerKey> WorkerKeys();

// True for keys whose values are never printed or logged (passwords, secrets, private keys, tokens).
bool IsSecretKey(std::string_view key);

class Config {
 public:
  // Defaults only.
  Config();

  // Layers, applied in this order by Load(); each may fail with where = "config".
  Status ApplyYamlFile(const std::string& path);
  Status ApplyYamlText(std::string_view yaml, std::string_view origin);
  // `environ`-style entries "NAME=value"; only COPYDESK_* names that map to a key are applied.
  Status ApplyEnvironment(const std::vector<std::string>& entries);
  // "key=value".
  Status ApplyOverride(std::string_view assignment);
  Status Set(std::string_view key, std::string_view value, std::string_view origin);

  // Checks every value's type, the cross-key rules, and the stage chain's names and settings against the
  // stages' key tables (stages::Chain::ValidateSpec; `check-config` also builds the chain).
  Status Validate() const;

  const std::string& GetString(std::string_view key) const;
  int64_t GetInt(std::string_view key) const;
  bool GetBool(std::string_view key) const;

  // librdkafka properties for one client: kafka.common.* overlaid by kafka.<client>.*.
  std::map<std::string, std::string> KafkaProperties(std::string_view client) const;
  stages::ChainSpec ChainSpec() const;

  // Every effective key and value, secrets shown as "<redacted>", with the layer each value came from.
  std::string Describe() const;

  // Environment variables that looked like ours but matched no key (reported by check-config).
  const std::vector<std::string>& ignored_environment() const { return ignored_environment_; }

 private:
  struct Value {
    std::string text;
    std::string origin;  // "default", a file name, "env COPYDESK_X", "--set"
  };
  std::map<std::string, Value, std::less<>> values_;
  std::vector<std::string> ignored_environment_;
};

// The embedded default configuration (what `copydesk-worker run` uses without --config).
std::string_view DefaultYaml();

}  // namespace copydesk::worker
