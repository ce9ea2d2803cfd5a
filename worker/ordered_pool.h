// OrderedPool: a fixed set of threads running tasks keyed by partition, never two tasks of one partition at
// once and always in the order they were submitted — per-partition order with parallelism across
// partitions. A partition is scheduled round-robin: after one task it goes to the back of the ready line,
// so a busy partition cannot starve the others.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace copydesk::worker {

class OrderedPool {
 public:
  explicit OrderedPool(size_t threads);
  ~OrderedPool();  // finishes the task each thread is running, drops the queued ones
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  void Submit(int32_t partition, std::function<void()> task);
  // Removes the partition's queued tasks (not the running one) and returns how many; they are destroyed
  // without running.
  size_t Drop(int32_t partition);
  // Queued tasks of the partition, not counting a running one.
  size_t QueueDepth(int32_t partition) const;
  // Waits until the partition has no queued or running task, or the deadline passes; true when idle.
  bool WaitIdle(int32_t partition, std::chrono::steady_clock::time_point deadline);
  size_t threads() const { return threads_.size(); }

 private:
  struct Lane {
    std::deque<std::function<void()>> tasks;
    bool running = false;
    bool ready = false;  // in ready_
  };
  void Loop();

  mutable std::mutex mutex_;
  std::condition_variable work_available_;
  std::condition_variable lane_idle_;
  std::map<int32_t, Lane> lanes_;
  std::deque<int32_t> ready_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace copydesk::worker
