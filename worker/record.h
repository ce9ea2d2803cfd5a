// Kafka-free views of a record, so that everything from decoding to dead-letter routing is testable
// without a broker. The Kafka code converts RdKafka::Message to and from these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace copydesk::worker {

using Header = std::pair<std::string, std::string>;

struct InputRecord {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = -1;  // -1 when the record has none
  std::optional<std::string> key;
  std::string value;
  bool null_value = false;  // a tombstone: no value at all, which Kafka tells apart from an empty one
  std::vector<Header> headers;
};

// A record to produce: topic, key, value, headers.
struct OutputRecord {
  std::string topic;
  std::optional<std::string> key;  // nullopt: produce without a key
  std::string value;
  bool null_value = false;  // produce a null value (value is then empty), e.g. a tombstone dead-lettered
  std::vector<Header> headers;
};

// The value of the first header named `name`, if any.
std::optional<std::string> FindHeader(const std::vector<Header>& headers, std::string_view name);

}  // namespace copydesk::worker
