// Metrics: the worker's counters and gauges, updated lock-free on the hot path and read by the metrics
// endpoint. Labelled counters (failures by stage and reason) take a mutex, since they are rare.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace copydesk::worker {

class Metrics {
 public:
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

  void CountFailure(const std::string& stage, const std::string& reason) {
    std::lock_guard lock(mutex_);
    ++failures_[{stage, reason}];
  }
  std::map<std::pair<std::string, std::string>, uint64_t> Failures() const {
    std::lock_guard lock(mutex_);
    return failures_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, uint64_t> failures_;  // (stage, reason) -> count
};

}  // namespace copydesk::worker
