#include "worker/topic_limits.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cstring>

namespace copydesk::worker {

std::optional<int64_t> SmallestMaxMessageBytes(rd_kafka_t* handle, const std::vector<std::string>& topics,
                                               int timeout_ms) {
  std::vector<rd_kafka_ConfigResource_t*> resources;
  for (const std::string& topic : topics) {
    resources.push_back(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str()));
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
  char errstr[256];
  rd_kafka_AdminOptions_set_request_timeout(options, timeout_ms, errstr, sizeof(errstr));
  rd_kafka_DescribeConfigs(handle, resources.data(), resources.size(), options, queue);
  std::optional<int64_t> smallest;
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, timeout_ms + 1000);
  if (event == nullptr) {
    spdlog::warn("the brokers did not say the output topics' max.message.bytes in time; batch.size stays as set");
  } else if (const rd_kafka_DescribeConfigs_result_t* result = rd_kafka_event_DescribeConfigs_result(event)) {
    size_t count = 0;
    const rd_kafka_ConfigResource_t** described = rd_kafka_DescribeConfigs_result_resources(result, &count);
    for (size_t i = 0; i < count; ++i) {
      if (rd_kafka_ConfigResource_error(described[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
      size_t entries = 0;
      const rd_kafka_ConfigEntry_t** configs = rd_kafka_ConfigResource_configs(described[i], &entries);
      for (size_t j = 0; j < entries; ++j) {
        const char* value = rd_kafka_ConfigEntry_value(configs[j]);
        if (std::strcmp(rd_kafka_ConfigEntry_name(configs[j]), "max.message.bytes") != 0 || value == nullptr) continue;
        int64_t limit = 0;
        const char* end = value + std::strlen(value);
        if (std::from_chars(value, end, limit).ptr == end && limit > 0) {
          smallest = smallest.has_value() ? std::min(*smallest, limit) : limit;
        }
      }
    }
  }
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_queue_destroy(queue);
  for (rd_kafka_ConfigResource_t* resource : resources) rd_kafka_ConfigResource_destroy(resource);
  return smallest;
}

}  // namespace copydesk::worker
