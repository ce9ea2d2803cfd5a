#include "worker/kafka_worker.h"

#include <iostream>

#include "worker/exit_codes.h"

namespace copydesk::worker {

// The Kafka loop lands in the next commit; until then `run` says so instead of pretending.
int RunKafkaWorker(const Config&) {
  std::cerr << "copydesk-worker run: the Kafka path is not built yet; use `process`\n";
  return kExitRuntime;
}

}  // namespace copydesk::worker
