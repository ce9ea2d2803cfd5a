// The Kafka path: one consumer (cooperative-sticky group member) feeding per-partition queues, a bounded
// pool running the chain, an idempotent producer, and offsets committed only below records whose output
// (or dead-letter record) is delivered. Returns the process exit code (exit_codes.h).
#pragma once

#include "worker/config.h"

namespace copydesk::worker {

int RunKafkaWorker(const Config& config);

}  // namespace copydesk::worker
