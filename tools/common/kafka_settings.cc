#include "tools/common/kafka_settings.h"

#include "tools/common/assignment.h"

namespace copydesk::tools {
namespace {

Status Apply(RdKafka::Conf* conf, const std::string& assignment) {
  std::optional<Assignment> pair = SplitAssignment(assignment);
  if (!pair) {
    return Status::Error(StatusCode::kInvalidConfig, "config", "expected prop=value, got \"" + assignment + "\"");
  }
  std::string error;
  if (conf->set(pair->first, pair->second, error) != RdKafka::Conf::CONF_OK) {
    return Status::Error(StatusCode::kInvalidConfig, "config", pair->first + ": " + error);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<RdKafka::Conf>> MakeKafkaConf(const KafkaSettings& settings,
                                                       const std::vector<std::string>& defaults) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  for (const std::string& assignment : defaults) {
    Status s = Apply(conf.get(), assignment);
    if (!s.ok()) return s;
  }
  if (!settings.bootstrap_servers.empty()) {
    Status s = Apply(conf.get(), "bootstrap.servers=" + settings.bootstrap_servers);
    if (!s.ok()) return s;
  }
  for (const std::string& assignment : settings.properties) {
    Status s = Apply(conf.get(), assignment);
    if (!s.ok()) return s;
  }
  return conf;
}

}  // namespace copydesk::tools
