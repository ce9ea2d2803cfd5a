// SetAll: sets librdkafka properties on a client configuration, naming the first one librdkafka refuses.
// Both clients (the consumer side and the delivery pipeline) build their configuration with it.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <string>

namespace copydesk::worker {

bool SetAll(RdKafka::Conf* conf, const std::map<std::string, std::string>& props, std::string* error);

}  // namespace copydesk::worker
