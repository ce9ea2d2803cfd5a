// Histogram: fixed buckets of seconds, lock-free observation, for Prometheus exposition. The bounds suit
// per-article latencies: from 50 µs (a stage on a short article) to 60 s (an end-to-end wait in a lagging
// group).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace copydesk::worker {

class Histogram {
 public:
  static constexpr std::array<double, 16> kBounds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                     0.025,   0.05,   0.1,     0.25,   0.5,   1.0,    5.0,   60.0};

  void Observe(double seconds) {
    size_t i = 0;
    while (i < kBounds.size() && seconds > kBounds[i]) ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    // Sum in nanoseconds keeps it an integer, so it can be atomic without a CAS loop.
    sum_nanos_.fetch_add(static_cast<uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  }

  struct Snapshot {
    std::array<uint64_t, kBounds.size() + 1> counts;  // per bucket, not cumulative; last = above every bound
    double sum_seconds;
  };
  Snapshot Read() const {
    Snapshot s{};
    for (size_t i = 0; i < counts_.size(); ++i) s.counts[i] = counts_[i].load(std::memory_order_relaxed);
    s.sum_seconds = static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9;
    return s;
  }

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> counts_{};
  std::atomic<uint64_t> sum_nanos_{0};
};

}  // namespace copydesk::worker
