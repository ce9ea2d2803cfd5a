// DeliveryPipeline: the producer side of the Kafka path. Pool threads hand it each record's output (or its
// dead-letter record); it produces it with the idempotent producer, serves the delivery reports on a thread
// of its own, and marks the input record done in its partition's OffsetTracker once delivered, which is what
// lets the committer commit it.
//
// Failures:
//   - the output topic refuses the record itself (too large, invalid): the input is dead-lettered instead,
//     with that reason; a dead-letter record the topic refuses goes again without its value;
//   - anything else (broker away, topic missing) is retried with backoff, never dead-lettered. librdkafka
//     retries inside by itself (message.timeout.ms is unbounded by default here), so a failure that reaches
//     this class is one that failed whole: then the input partition is held. Its later records wait, in
//     offset order, behind the failed one, which is produced again alone; once it is delivered the waiting
//     records go in order. So a retried record never lands behind newer records of its key.
//   - a record produced while librdkafka's queue is full waits on the pool thread; the delivery thread
//     never waits for room (only it makes room), it puts such a record on its own retry list.
//
// Exactly-once (Create with a transactional.id): records go into the open transaction, which the
// TransactionCommitter commits. A delivery that fails then cannot be retried alone: the transaction must be
// aborted and its records processed again, so the pipeline only raises AbortNeeded(). A record the output
// topic refuses for good is remembered (IsRefused) so that its second processing dead-letters it instead of
// aborting again.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "worker/config.h"
#include "worker/metrics.h"
#include "worker/partition_state.h"
#include "worker/record.h"
#include "worker/record_processor.h"

namespace copydesk::worker {

// One record on its way out, and produce()'s opaque: enough to mark the input done, to retry, or to
// dead-letter it.
struct Delivery {
  std::shared_ptr<PartitionState> state;
  InputRecord input;
  OutputRecord output;
  bool dead_letter = false;
  int attempts = 0;
  bool probe = false;  // the first record of a held partition, produced alone
  InFlight in_flight;
  std::chrono::steady_clock::time_point handed_at{};  // when produce() first took it (the deliver hop)
};

class DeliveryPipeline final : public RdKafka::DeliveryReportCb {
 public:
  using Clock = std::chrono::steady_clock;

  DeliveryPipeline(const Config& config, Metrics& metrics, const RecordProcessor& processor);
  ~DeliveryPipeline() override;

  // Creates the producer (librdkafka properties from the config; `events` gets its errors and statistics).
  // A non-empty `transactional_id` makes it transactional: init_transactions, then a first transaction.
  // `topic_limit`: the smallest max.message.bytes of the output and dead-letter topics, if known; batches
  // are kept within it (topic_limits.h) unless batch.size is configured.
  bool Create(RdKafka::EventCb* events, const std::string& transactional_id, std::optional<int64_t> topic_limit,
              std::string* error);
  bool transactional() const { return transactional_; }
  RdKafka::Producer* producer() { return producer_.get(); }

  // Exactly-once: a delivery of the open transaction failed; cleared by the call.
  bool TakeAbortNeeded() { return abort_needed_.exchange(false); }
  // Exactly-once: the reason the output topic refused this input's record for good, if it did.
  std::optional<std::string> IsRefused(int32_t partition, int64_t offset) const;
  // Starts the thread that serves delivery reports and retries.
  void Start();

  // Any thread. Produces the record, or queues it behind a failed record of its partition. False only when
  // it gave up waiting for queue room at shutdown (AbandonWaits): the record was not sent.
  bool Send(std::unique_ptr<Delivery> delivery);
  // Revoke: records of this assignment waiting behind a failed one are dropped, uncommitted, for the next
  // owner to process again. Returns how many.
  size_t DropHeld(const PartitionState& state);
  // Shutdown past its deadline: a pool thread waiting for room in the queue gives up (its record stays
  // uncommitted).
  void AbandonWaits() { abandon_waits_.store(true); }
  // Waits until everything produced is delivered, up to `deadline`; false if records are left.
  bool Flush(Clock::time_point deadline);
  // Stops the delivery thread and drops what is still queued (their inputs stay uncommitted).
  void Stop();

  int64_t QueueLength() const { return producer_ ? static_cast<int64_t>(producer_->outq_len()) : 0; }

  void dr_cb(RdKafka::Message& message) override;

 private:
  struct Hold {
    std::deque<std::unique_ptr<Delivery>> waiting;  // offset order; the first goes alone as the probe
    bool probing = false;
    int attempts = 0;
    Clock::time_point next_try;
  };

  // Hands the record to librdkafka; the caller holds hold_mutex_. Returns the record back when the queue is
  // full, nullptr when it was taken (or failed for good, and was handled).
  std::unique_ptr<Delivery> ProduceLocked(std::unique_ptr<Delivery> delivery);
  // `reported`: from a delivery report (else produce() refused it at once, before any transaction held it).
  void Failed(std::unique_ptr<Delivery> delivery, RdKafka::ErrorCode err, bool reported);
  void HoldBack(std::unique_ptr<Delivery> delivery);  // caller holds hold_mutex_
  void Delivered(Delivery& delivery);
  void Release(PartitionState* state);                 // caller holds hold_mutex_
  void ServeHoldsAndRetries();
  Clock::duration Backoff(int attempts) const;
  void Loop();

  const Config& config_;
  Metrics& metrics_;
  const RecordProcessor& processor_;
  Clock::duration retry_backoff_;
  Clock::duration retry_backoff_max_;
  std::unique_ptr<RdKafka::Producer> producer_;

  std::mutex hold_mutex_;  // taken around every produce(), so no record of a held partition slips past
  std::map<const PartitionState*, Hold> holds_;
  std::vector<std::pair<Clock::time_point, std::unique_ptr<Delivery>>> retries_;  // dead letters, queue-full

  bool transactional_ = false;
  std::atomic<bool> abort_needed_{false};
  mutable std::mutex refused_mutex_;
  std::map<std::pair<int32_t, int64_t>, std::string> refused_;  // (input partition, offset) -> reason

  std::atomic<bool> stop_{false};
  std::atomic<bool> abandon_waits_{false};
  std::thread thread_;
};

}  // namespace copydesk::worker
