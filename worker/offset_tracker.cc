#include "worker/offset_tracker.h"

#include <algorithm>

namespace copydesk::worker {

void OffsetTracker::Track(int64_t offset) {
  entries_.push_back(Entry{offset, false});
  ++pending_;
}

bool OffsetTracker::MarkDone(int64_t offset) {
  // Offsets are increasing (not always contiguous: compaction and transactions leave gaps): binary search.
  auto it = std::lower_bound(entries_.begin(), entries_.end(), offset,
                             [](const Entry& e, int64_t o) { return e.offset < o; });
  if (it == entries_.end() || it->offset != offset || it->done) return false;
  it->done = true;
  --pending_;
  while (!entries_.empty() && entries_.front().done) {
    next_to_commit_ = entries_.front().offset + 1;
    entries_.pop_front();
  }
  return true;
}

std::optional<int64_t> OffsetTracker::Committable() const { return next_to_commit_; }

}  // namespace copydesk::worker
