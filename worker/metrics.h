// Metrics: the worker's counters, gauges and histograms, updated lock-free on the hot path (atomics; the
// per-stage histograms are created once, before any record flows) and rendered in the Prometheus text
// format by Render(). Rare, labelled things (failures by stage and code, lag per partition) take a mutex.
// Nothing here holds configuration, so no secret can reach the metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "worker/histogram.h"

namespace copydesk::worker {

class Metrics {
 public:
  // `stages`: the chain's stage names, so their histograms exist before the first record.
  explicit Metrics(const std::vector<std::string>& stages = {});

  std::atomic<uint64_t> records_consumed{0};
  std::atomic<uint64_t> bytes_consumed{0};
  std::atomic<uint64_t> records_produced{0};       // enriched records delivered
  std::atomic<uint64_t> records_dead_lettered{0};  // dead-letter records delivered
  std::atomic<uint64_t> produce_retries{0};
  std::atomic<uint64_t> rebalances{0};
  std::atomic<uint64_t> commits{0};
  std::atomic<uint64_t> commit_failures{0};
  std::atomic<int64_t> records_in_flight{0};
  std::atomic<int64_t> bytes_in_flight{0};
  std::atomic<int64_t> partitions_assigned{0};
  std::atomic<int64_t> partitions_paused{0};
  Histogram end_to_end;  // input record timestamp -> delivery report of its output
  Histogram chain;       // the whole chain on one record
  // Where a record's end-to-end time goes, hop by hop (copydesk_record_wait_seconds{hop}): what finds the
  // queue, timer or wake-up a record waits on, which the stage histograms cannot.
  struct Hops {
    Histogram fetch;    // input record timestamp -> the poll thread has it
    Histogram queue;    // the poll thread has it -> a pool thread starts on it
    Histogram process;  // decode, chain, encode, until produce() took it
    Histogram deliver;  // produce() took it -> its delivery report
  } hops;

  // nullptr for a stage that was not declared at construction.
  Histogram* Stage(const std::string& name);

  // A record failed (and was dead-lettered): counted by where it failed and the failure's code, the
  // labels of copydesk_records_failed_total. Both come from the code, never from the record, so the
  // series stay few whatever producers send; the free-text detail goes to the dead-letter header only.
  void CountFailure(std::string_view where, StatusCode code);
  std::map<std::pair<std::string, StatusCode>, uint64_t> Failures() const;

  void SetConsumerLag(std::map<int32_t, int64_t> lag);
  // Sampled at render time (e.g. the producer's queue length).
  void SetProducerQueueProbe(std::function<int64_t()> probe);

  // The Prometheus text exposition of everything above, plus copydesk_build_info.
  std::string Render(const std::string& input_topic) const;

 private:
  std::map<std::string, std::unique_ptr<Histogram>> stages_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, StatusCode>, uint64_t> failures_;  // (where, code) -> count
  std::map<int32_t, int64_t> lag_;
  std::function<int64_t()> producer_queue_probe_;
};

}  // namespace copydesk::worker
