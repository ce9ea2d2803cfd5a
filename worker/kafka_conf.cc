#include "worker/kafka_conf.h"

namespace copydesk::worker {

bool SetAll(RdKafka::Conf* conf, const std::map<std::string, std::string>& props, std::string* error) {
  for (const auto& [key, value] : props) {
    std::string err;
    if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
      *error = "librdkafka property '" + key + "': " + err;
      return false;
    }
  }
  return true;
}

}  // namespace copydesk::worker
