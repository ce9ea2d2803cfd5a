#include "worker/metrics.h"

#include <librdkafka/rdkafkacpp.h>

#include "worker/prometheus.h"
#include "worker/record_processor.h"

namespace copydesk::worker {

Metrics::Metrics(const std::vector<std::string>& stages) {
  for (const std::string& stage : stages) stages_[stage] = std::make_unique<Histogram>();
}

Histogram* Metrics::Stage(const std::string& name) {
  auto it = stages_.find(name);
  return it == stages_.end() ? nullptr : it->second.get();
}

void Metrics::CountFailure(std::string_view where, StatusCode code) {
  std::lock_guard lock(mutex_);
  ++failures_[{std::string(where), code}];
}

std::map<std::pair<std::string, StatusCode>, uint64_t> Metrics::Failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

void Metrics::SetConsumerLag(std::map<int32_t, int64_t> lag) {
  std::lock_guard lock(mutex_);
  lag_ = std::move(lag);
}

void Metrics::SetProducerQueueProbe(std::function<int64_t()> probe) {
  std::lock_guard lock(mutex_);
  producer_queue_probe_ = std::move(probe);
}

std::string Metrics::Render(const std::string& input_topic) const {
  PrometheusWriter w;
  auto counter = [&](const char* name, const char* help, uint64_t value) {
    w.Family(name, "counter", help);
    w.Sample(name, {}, static_cast<double>(value));
  };
  auto gauge = [&](const char* name, const char* help, int64_t value) {
    w.Family(name, "gauge", help);
    w.Sample(name, {}, static_cast<double>(value));
  };
  w.Family("copydesk_build_info", "gauge", "Build information; the value is always 1.");
  w.Sample("copydesk_build_info", {{"version", WorkerVersion()}, {"librdkafka", RdKafka::version_str()}}, 1);
  counter("copydesk_records_consumed_total", "Input records consumed.", records_consumed.load());
  counter("copydesk_bytes_consumed_total", "Bytes of input record values consumed.", bytes_consumed.load());
  counter("copydesk_records_produced_total", "Enriched records delivered to the output topic.",
          records_produced.load());
  counter("copydesk_records_dead_lettered_total", "Records delivered to the dead-letter topic.",
          records_dead_lettered.load());
  counter("copydesk_produce_retries_total", "Deliveries retried after a failure (broker outage, timeout).",
          produce_retries.load());
  counter("copydesk_rebalances_total", "Consumer group rebalance events (assign and revoke).", rebalances.load());
  counter("copydesk_commits_total", "Successful offset commits.", commits.load());
  counter("copydesk_commit_failures_total", "Failed offset commits (retried).", commit_failures.load());
  gauge("copydesk_records_in_flight", "Records consumed and not yet delivered.", records_in_flight.load());
  gauge("copydesk_bytes_in_flight", "Bytes of input records consumed and not yet delivered.", bytes_in_flight.load());
  gauge("copydesk_partitions_assigned", "Input partitions assigned to this worker.", partitions_assigned.load());
  gauge("copydesk_partitions_paused", "Input partitions paused because their queue is full.",
        partitions_paused.load());

  std::lock_guard lock(mutex_);
  w.Family("copydesk_records_failed_total", "counter",
           "Records that failed (dead-lettered), by stage and reason code (the detail is in the dead-letter "
           "header copydesk.error.reason).");
  for (const auto& [key, count] : failures_) {
    w.Sample("copydesk_records_failed_total",
             {{"stage", key.first}, {"reason", std::string(StatusCodeName(key.second))}},
             static_cast<double>(count));
  }
  w.Family("copydesk_consumer_lag", "gauge", "Records behind the partition's end, from librdkafka statistics.");
  for (const auto& [partition, lag] : lag_) {
    w.Sample("copydesk_consumer_lag", {{"topic", input_topic}, {"partition", std::to_string(partition)}},
             static_cast<double>(lag));
  }
  w.Family("copydesk_producer_queue_depth", "gauge", "Messages waiting in the producer's queue.");
  w.Sample("copydesk_producer_queue_depth", {},
           producer_queue_probe_ ? static_cast<double>(producer_queue_probe_()) : 0.0);
  w.Family("copydesk_stage_duration_seconds", "histogram", "Time one stage took on one article.");
  for (const auto& [stage, histogram] : stages_) {
    w.Histogram("copydesk_stage_duration_seconds", {{"stage", stage}}, histogram->Read());
  }
  w.Family("copydesk_chain_duration_seconds", "histogram", "Time the whole chain took on one article.");
  w.Histogram("copydesk_chain_duration_seconds", {}, chain.Read());
  w.Family("copydesk_end_to_end_seconds", "histogram",
           "From the input record's timestamp to the delivery of its output record.");
  w.Histogram("copydesk_end_to_end_seconds", {}, end_to_end.Read());
  w.Family("copydesk_record_wait_seconds", "histogram",
           "A record's time per hop: fetch (input timestamp to poll), queue (poll to a pool thread), process "
           "(decode, chain, encode, produce call), deliver (produce call to delivery report).");
  w.Histogram("copydesk_record_wait_seconds", {{"hop", "fetch"}}, hops.fetch.Read());
  w.Histogram("copydesk_record_wait_seconds", {{"hop", "queue"}}, hops.queue.Read());
  w.Histogram("copydesk_record_wait_seconds", {{"hop", "process"}}, hops.process.Read());
  w.Histogram("copydesk_record_wait_seconds", {{"hop", "deliver"}}, hops.deliver.Read());
  return w.text();
}

}  // namespace copydesk::worker
