// What the worker reads from librdkafka's statistics JSON (statistics.interval.ms): consumer lag per
// partition of one topic, broker reachability, and the consumer group's state. Parsed with Protobuf's JSON
// reader into a google.protobuf.Struct, so no extra JSON library is needed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace copydesk::worker {

struct KafkaStats {
  std::map<int32_t, int64_t> consumer_lag;  // partition -> lag; partitions whose lag is unknown are left out
  int brokers_up = 0;                       // learned brokers (not bootstrap entries) in state UP
  int brokers_known = 0;
  std::string group_state;                  // cgrp.state, e.g. "up"; empty for a producer
  std::string group_join_state;             // cgrp.join_state, e.g. "steady"
  int64_t queued_messages = 0;              // msg_cnt: messages in the client's queues
};

// nullopt when the JSON cannot be read.
std::optional<KafkaStats> ParseKafkaStats(std::string_view json, std::string_view topic);

}  // namespace copydesk::worker
