// The one place that turns a consumed librdkafka message into the Kafka-free InputRecord (record.h):
// topic, partition, offset, timestamp, key (absent stays absent), value and headers.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include "worker/record.h"

namespace copydesk::worker {

// Not const: librdkafka parses headers lazily on first access.
InputRecord ToInputRecord(RdKafka::Message& message);

}  // namespace copydesk::worker
