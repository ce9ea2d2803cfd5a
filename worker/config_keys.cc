// The worker's configuration keys, declared once: name, type, default, doc, and the values allowed (min and
// max for numbers, choices for strings). Everything that reads, checks or prints configuration (Config,
// check-config, the README's table) derives from this table.
#include <array>

#include "worker/config.h"

namespace copydesk::worker {

using stages::KeyType;

std::span<const WorkerKey> WorkerKeys() {
  static constexpr std::array<WorkerKey, 25> kKeys = {{
      {"kafka.bootstrap_servers", KeyType::kString, "127.0.0.1:9092",
       "Comma-separated host:port list of the Kafka brokers."},
      {"kafka.group_id", KeyType::kString, "copydesk", "Consumer group; run more workers in it to scale out."},
      {"kafka.client_id", KeyType::kString, "copydesk-worker", "client.id for both Kafka clients."},
      {"kafka.input_topic", KeyType::kString, "articles.raw", "Topic of RawArticle records from crawlers."},
      {"kafka.output_topic", KeyType::kString, "articles.enriched",
       "Topic the EnrichedArticle records go to, keyed by article id."},
      {"kafka.dead_letter_topic", KeyType::kString, "articles.dead-letter",
       "Topic for records that cannot be decoded or that a stage rejects, with copydesk.error.* headers."},
      {"worker.threads", KeyType::kInt, "0",
       "Threads running the stage chain; 0 = one per core. Records of one partition never run at once.", 0, 1024},
      {"worker.max_in_flight_records", KeyType::kInt, "5000",
       "Records consumed but not yet delivered, over all partitions; above it every partition pauses.", 1},
      {"worker.max_in_flight_bytes", KeyType::kInt, "268435456",
       "Bytes of input records in flight; above it every partition pauses.", 1},
      {"worker.max_partition_queue", KeyType::kInt, "2000",
       "Records queued for one partition before it pauses; it resumes at half.", 1},
      {"worker.commit_interval_ms", KeyType::kInt, "1000",
       "How often offsets whose output is delivered are committed; exactly-once: the longest a transaction "
       "stays open.", 1},
      {"worker.delivery", KeyType::kString, "at-least-once",
       "at-least-once (commit offsets after delivery) or exactly-once (outputs, dead letters and input "
       "offsets in one Kafka transaction; consumers must read with isolation.level=read_committed).",
       WorkerKey::kNoMin, WorkerKey::kNoMax, "at-least-once|exactly-once"},
      {"worker.instance_id", KeyType::kString, "",
       "This worker's stable name in its group (empty: the host name, i.e. the pod name in Kubernetes). "
       "Exactly-once uses transactional.id = <kafka.group_id>-<instance_id>, so a restarted instance fences "
       "its previous self; two running workers must never share it."},
      {"worker.transaction_max_records", KeyType::kInt, "2000",
       "Exactly-once: records per transaction before it is committed (commit_interval_ms bounds its age).", 1},
      {"worker.drain_timeout_ms", KeyType::kInt, "30000",
       "On SIGTERM/SIGINT or a revoke, how long to wait for in-flight records before giving up on them.", 1},
      {"worker.retry_backoff_ms", KeyType::kInt, "200", "First wait before re-producing after a failed delivery.", 1},
      {"worker.retry_backoff_max_ms", KeyType::kInt, "10000", "Longest wait between produce retries.", 1},
      {"worker.poll_timeout_ms", KeyType::kInt, "100", "Consumer poll timeout; bounds the loop's reaction time.", 1},
      {"stages.chain", KeyType::kString, "clean,captions,attribution",
       "Comma-separated stage names, run left to right (see `copydesk-worker stages`); `none`: no stage, "
       "records are only decoded, validated and re-encoded."},
      {"log.level", KeyType::kString, "info", "trace, debug, info, warn, error or off.",
       WorkerKey::kNoMin, WorkerKey::kNoMax, "trace|debug|info|warn|error|off"},
      {"log.format", KeyType::kString, "auto", "text, json, or auto (text on a terminal, JSON lines otherwise).",
       WorkerKey::kNoMin, WorkerKey::kNoMax, "auto|text|json"},
      {"http.enabled", KeyType::kBool, "true", "Serve /metrics, /healthz and /readyz."},
      {"http.bind", KeyType::kString, "127.0.0.1", "Address the metrics and health server binds."},
      {"http.port", KeyType::kInt, "9464", "Port of the metrics and health server; 0 picks a free port.", 0, 65535},
      {"worker.stats_interval_ms", KeyType::kInt, "2000",
       "librdkafka statistics interval (consumer lag, broker reachability for /readyz); 0 disables them.", 0},
  }};
  return kKeys;
}

}  // namespace copydesk::worker
