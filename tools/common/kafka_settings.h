// librdkafka client settings for the tools: the bootstrap address, then the user's `-X prop=value`
// assignments in order (later ones win), applied to a global RdKafka::Conf. Any property librdkafka
// rejects is an error naming it, so a typo fails at start-up instead of being ignored.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace copydesk::tools {

struct KafkaSettings {
  std::string bootstrap_servers;
  std::vector<std::string> properties;  // "prop=value", as given to -X
};

// A global configuration with `defaults` (prop=value) applied first, then `settings`.
StatusOr<std::unique_ptr<RdKafka::Conf>> MakeKafkaConf(const KafkaSettings& settings,
                                                       const std::vector<std::string>& defaults);

}  // namespace copydesk::tools
