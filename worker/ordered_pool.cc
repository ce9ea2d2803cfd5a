#include "worker/ordered_pool.h"

namespace copydesk::worker {

OrderedPool::OrderedPool(size_t threads) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

OrderedPool::~OrderedPool() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [partition, lane] : lanes_) {
      for (auto& task : lane.tasks) dropped.push_back(std::move(task));
      lane.tasks.clear();
    }
  }
  work_available_.notify_all();
  for (std::thread& t : threads_) t.join();
  // `dropped` is destroyed here, outside the lock: a task's destructor may take other locks.
}

void OrderedPool::Submit(int32_t partition, std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    Lane& lane = lanes_[partition];
    lane.tasks.push_back(std::move(task));
    if (lane.running || lane.ready) return;
    lane.ready = true;
    ready_.push_back(partition);
  }
  work_available_.notify_one();
}

size_t OrderedPool::Drop(int32_t partition) {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    auto it = lanes_.find(partition);
    if (it == lanes_.end()) return 0;
    dropped.swap(it->second.tasks);
  }
  lane_idle_.notify_all();
  return dropped.size();
}

size_t OrderedPool::QueueDepth(int32_t partition) const {
  std::lock_guard lock(mutex_);
  auto it = lanes_.find(partition);
  return it == lanes_.end() ? 0 : it->second.tasks.size();
}

bool OrderedPool::WaitIdle(int32_t partition, std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return lane_idle_.wait_until(lock, deadline, [&] {
    auto it = lanes_.find(partition);
    return it == lanes_.end() || (!it->second.running && it->second.tasks.empty());
  });
}

void OrderedPool::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    work_available_.wait(lock, [&] { return stopping_ || !ready_.empty(); });
    if (stopping_) return;
    int32_t partition = ready_.front();
    ready_.pop_front();
    Lane& lane = lanes_[partition];
    lane.ready = false;
    if (lane.tasks.empty()) {  // dropped while waiting in line
      lane_idle_.notify_all();
      continue;
    }
    std::function<void()> task = std::move(lane.tasks.front());
    lane.tasks.pop_front();
    lane.running = true;
    lock.unlock();
    task();
    task = nullptr;  // destroy captured state before re-taking the lock
    lock.lock();
    Lane& after = lanes_[partition];  // std::map references stay valid; re-look-up for clarity
    after.running = false;
    if (!after.tasks.empty() && !stopping_) {
      after.ready = true;
      ready_.push_back(partition);
      work_available_.notify_one();
    } else {
      lane_idle_.notify_all();
    }
  }
}

}  // namespace copydesk::worker
