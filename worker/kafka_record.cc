#include "worker/kafka_record.h"

namespace copydesk::worker {

InputRecord ToInputRecord(RdKafka::Message& message) {
  InputRecord record;
  record.topic = message.topic_name();
  record.partition = message.partition();
  record.offset = message.offset();
  RdKafka::MessageTimestamp ts = message.timestamp();
  record.timestamp_ms = ts.type == RdKafka::MessageTimestamp::MSG_TIMESTAMP_NOT_AVAILABLE ? -1 : ts.timestamp;
  if (message.key_pointer() != nullptr) {
    record.key = std::string(static_cast<const char*>(message.key_pointer()), message.key_len());
  }
  if (message.payload() != nullptr) {
    record.value.assign(static_cast<const char*>(message.payload()), message.len());
  } else {
    record.null_value = true;
  }
  if (RdKafka::Headers* headers = message.headers()) {
    for (const RdKafka::Headers::Header& h : headers->get_all()) {
      std::string value;
      if (h.value() != nullptr) value.assign(static_cast<const char*>(h.value()), h.value_size());
      record.headers.emplace_back(h.key(), std::move(value));
    }
  }
  return record;
}

}  // namespace copydesk::worker
