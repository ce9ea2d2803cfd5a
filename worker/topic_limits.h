// SmallestMaxMessageBytes: the smallest max.message.bytes among the topics the worker writes to, asked of
// the brokers (DescribeConfigs) before the producer is created. The broker checks a whole record batch
// against that limit, so a producer whose batches may grow past it (librdkafka's batch.size defaults to
// 1 MB) gets good records refused as too large only because they shared a batch. The producer's
// batch.size is capped at the limit; then only a record too large on its own is refused, and dead-lettered
// with that reason.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace copydesk::worker {

// nullopt when the brokers do not answer within `timeout_ms` or the topics do not exist yet (a topic
// created later takes the broker's message.max.bytes default).
std::optional<int64_t> SmallestMaxMessageBytes(rd_kafka_t* handle, const std::vector<std::string>& topics,
                                               int timeout_ms);

}  // namespace copydesk::worker
