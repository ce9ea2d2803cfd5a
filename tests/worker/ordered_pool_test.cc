#include "worker/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace copydesk::worker {
namespace {

using namespace std::chrono_literals;

TEST(OrderedPoolTest, KeepsOrderWithinAPartitionAndNeverRunsOnePartitionTwice) {
  constexpr int kPartitions = 8;
  constexpr int kPerPartition = 500;
  std::mutex mutex;
  std::map<int, std::vector<int>> seen;
  std::atomic<int> running[kPartitions] = {};
  std::atomic<bool> overlap{false};
  {
    OrderedPool pool(4);
    for (int i = 0; i < kPerPartition; ++i) {
      for (int p = 0; p < kPartitions; ++p) {
        pool.Submit(p, [&, p, i] {
          if (running[p].fetch_add(1) != 0) overlap = true;
          if (i % 50 == 0) std::this_thread::sleep_for(100us);
          {
            std::lock_guard lock(mutex);
            seen[p].push_back(i);
          }
          running[p].fetch_sub(1);
        });
      }
    }
    for (int p = 0; p < kPartitions; ++p) ASSERT_TRUE(pool.WaitIdle(p, std::chrono::steady_clock::now() + 30s));
  }
  EXPECT_FALSE(overlap.load());
  for (int p = 0; p < kPartitions; ++p) {
    ASSERT_EQ(seen[p].size(), static_cast<size_t>(kPerPartition));
    for (int i = 0; i < kPerPartition; ++i) ASSERT_EQ(seen[p][i], i) << "partition " << p;
  }
}

TEST(OrderedPoolTest, PartitionsRunInParallel) {
  // Each task waits until the other one runs too (a rendezvous, not a sleep that a loaded machine can
  // outlast): two partitions meet only if the pool runs them at once; run one after the other, the first
  // gives up after 10 s and the peak stays 1.
  OrderedPool pool(2);
  std::atomic<int> concurrent{0};
  std::atomic<int> peak{0};
  auto task = [&] {
    int now = concurrent.fetch_add(1) + 1;
    int old = peak.load();
    while (now > old && !peak.compare_exchange_weak(old, now)) {
    }
    auto give_up = std::chrono::steady_clock::now() + 10s;
    while (peak.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(1ms);
    concurrent.fetch_sub(1);
  };
  pool.Submit(1, task);
  pool.Submit(2, task);
  ASSERT_TRUE(pool.WaitIdle(1, std::chrono::steady_clock::now() + 30s));
  ASSERT_TRUE(pool.WaitIdle(2, std::chrono::steady_clock::now() + 30s));
  EXPECT_EQ(peak.load(), 2);
}

TEST(OrderedPoolTest, DropDiscardsQueuedTasksButNotTheRunningOne) {
  OrderedPool pool(1);
  std::atomic<bool> release{false};
  std::atomic<int> ran{0};
  pool.Submit(0, [&] {
    while (!release.load()) std::this_thread::sleep_for(1ms);
    ++ran;
  });
  auto destroyed = std::make_shared<int>(0);
  for (int i = 0; i < 5; ++i) pool.Submit(0, [&ran, destroyed] { ++ran; });
  while (pool.QueueDepth(0) != 5) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(pool.Drop(0), 5u);
  EXPECT_EQ(destroyed.use_count(), 1) << "dropped tasks are destroyed at once";
  release = true;
  ASSERT_TRUE(pool.WaitIdle(0, std::chrono::steady_clock::now() + 10s));
  EXPECT_EQ(ran.load(), 1);
}

TEST(OrderedPoolTest, WaitIdleTimesOutOnABusyPartition) {
  OrderedPool pool(1);
  std::atomic<bool> release{false};
  pool.Submit(0, [&] {
    while (!release.load()) std::this_thread::sleep_for(1ms);
  });
  EXPECT_FALSE(pool.WaitIdle(0, std::chrono::steady_clock::now() + 20ms));
  release = true;
  EXPECT_TRUE(pool.WaitIdle(0, std::chrono::steady_clock::now() + 10s));
}

}  // namespace
}  // namespace copydesk::worker
