// Committer: how the progress of consumed records becomes durable, the one place where the delivery modes
// differ. The at-least-once implementation (OffsetCommitter, offset_committer.h) commits, per partition, the
// offset below which every record's output is delivered; an exactly-once one commits a producer transaction
// that holds the outputs and the input offsets together. The consumer side calls it from the poll thread
// only (the loop, rebalance callbacks, shutdown).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "worker/partition_state.h"

namespace copydesk::worker {

class Committer {
 public:
  using Clock = std::chrono::steady_clock;
  using States = std::vector<std::shared_ptr<PartitionState>>;

  virtual ~Committer() = default;

  // Every commit interval: make durable what became so, without waiting for the answer.
  virtual void CommitInBackground(const States& states) = 0;

  // Revoke and shutdown: make durable what is done for `states` and wait for the answer, never past
  // `deadline`. False when that failed or was not answered in time (true when nothing was due).
  virtual bool CommitNow(const States& states, Clock::time_point deadline) = 0;

  // After a commit call: true when uncommitted work was discarded (an aborted transaction), so the consumer
  // must go back to the committed offsets and process those records again. Cleared by the call.
  virtual bool RewindNeeded() { return false; }
  // A failure no retry mends (e.g. fenced by a newer producer): the worker must stop.
  virtual bool Fatal(std::string* /*why*/) const { return false; }
};

}  // namespace copydesk::worker
