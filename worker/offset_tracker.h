// OffsetTracker: for one partition, which consumed offsets are done (their output or dead-letter record
// is delivered) and so which offset may be committed: the lowest offset not yet done, or one past the
// highest when all are done. Offsets must be tracked in increasing order (the order the consumer returns
// them); they may be marked done in any order. Not thread-safe: the owner locks.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

namespace copydesk::worker {

class OffsetTracker {
 public:
  void Track(int64_t offset);
  // Returns false for an offset that is not tracked (e.g. already done).
  bool MarkDone(int64_t offset);
  // The offset to commit (Kafka commits "the next offset to read"), or nullopt before anything is done.
  std::optional<int64_t> Committable() const;
  // Tracked offsets not yet done.
  size_t pending() const { return pending_; }

 private:
  struct Entry {
    int64_t offset;
    bool done;
  };
  std::deque<Entry> entries_;  // increasing offsets; done entries are popped from the front
  std::optional<int64_t> next_to_commit_;
  size_t pending_ = 0;
};

}  // namespace copydesk::worker
