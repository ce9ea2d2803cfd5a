// PartitionState and InFlight: the bookkeeping of one assignment of one input partition, shared by the three
// rooms of the Kafka path: the consumer side tracks offsets and pauses, the delivery pipeline marks records
// done once their output is delivered, and the committer commits what is done.
//
// A revoked-then-reassigned partition gets a new PartitionState, so late delivery reports of the old
// assignment can never mark offsets of the new one.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

#include "worker/metrics.h"
#include "worker/offset_tracker.h"

namespace copydesk::worker {

struct PartitionState {
  explicit PartitionState(int32_t p) : partition(p) {}
  const int32_t partition;
  std::mutex mutex;  // guards tracker and the three offsets below
  OffsetTracker tracker;
  int64_t commit_requested = -1;  // highest offset handed to a commit
  int64_t commit_confirmed = -1;  // highest offset the group coordinator confirmed
  // Highest input offset whose output (or dead letter) was handed to the producer: once the pool is idle,
  // exactly-once commits the transaction with the offset after it.
  int64_t last_sent = -1;
  bool paused_for_queue = false;  // touched by the poll thread only
  // Records of this assignment consumed and not yet settled (delivered, or dropped on revoke).
  std::atomic<int64_t> in_flight{0};
};

// Counts a record in flight, globally and for its partition, from consume until its delivery is settled
// or it is dropped (revoke, shutdown); RAII so that every path releases it.
class InFlight {
 public:
  InFlight(Metrics& metrics, std::shared_ptr<PartitionState> state, int64_t bytes)
      : metrics_(&metrics), state_(std::move(state)), bytes_(bytes) {
    metrics_->records_in_flight.fetch_add(1);
    metrics_->bytes_in_flight.fetch_add(bytes_);
    state_->in_flight.fetch_add(1);
  }
  InFlight(InFlight&& other) noexcept
      : metrics_(std::exchange(other.metrics_, nullptr)), state_(std::move(other.state_)), bytes_(other.bytes_) {}
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  InFlight& operator=(InFlight&&) = delete;
  ~InFlight() {
    if (metrics_ == nullptr) return;
    metrics_->records_in_flight.fetch_sub(1);
    metrics_->bytes_in_flight.fetch_sub(bytes_);
    state_->in_flight.fetch_sub(1);
  }

 private:
  Metrics* metrics_;
  std::shared_ptr<PartitionState> state_;
  int64_t bytes_;
};

}  // namespace copydesk::worker
