// TransactionCommitter: exactly-once. Every output and dead-letter record goes into the producer's open
// transaction; committing it sends the input offsets with it (send_offsets_to_transaction with the
// consumer's group metadata), so outputs and progress become visible together or not at all. A commit
// first lets the pool finish what it holds (Quiesce): offsets and outputs then describe the same records.
// A failed delivery or an abortable error aborts the transaction, and the consumer side rewinds to the
// committed offsets (RewindNeeded) to process those records again; a fatal error (fenced by a newer
// instance with our transactional.id) stops the worker.
//
// The trade-off, documented in the README: outputs become visible only at commit (latency up to
// worker.commit_interval_ms), throughput dips while each commit waits for the pool, and only consumers
// reading with isolation.level=read_committed get the guarantee.
//
// Poll thread only.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <functional>
#include <string>

#include "worker/committer.h"
#include "worker/delivery_pipeline.h"
#include "worker/metrics.h"

namespace copydesk::worker {

class TransactionCommitter final : public Committer {
 public:
  // `quiesce`: waits until every consumed record of `states` is processed and handed to the producer,
  // up to a deadline; false when that did not happen in time.
  using Quiesce = std::function<bool(const States& states, Clock::time_point deadline)>;

  TransactionCommitter(std::string input_topic, Metrics& metrics, DeliveryPipeline& deliveries, Quiesce quiesce)
      : input_topic_(std::move(input_topic)), metrics_(metrics), deliveries_(deliveries), quiesce_(std::move(quiesce)) {}

  void SetConsumer(RdKafka::KafkaConsumer* consumer) { consumer_ = consumer; }

  void CommitInBackground(const States& states) override;
  bool CommitNow(const States& states, Clock::time_point deadline) override;
  bool RewindNeeded() override;
  bool Fatal(std::string* why) const override;

 private:
  bool Commit(const States& states, Clock::time_point deadline);
  void Abort(const std::string& why);

  std::string input_topic_;
  Metrics& metrics_;
  DeliveryPipeline& deliveries_;
  Quiesce quiesce_;
  RdKafka::KafkaConsumer* consumer_ = nullptr;
  bool rewind_needed_ = false;
  std::string fatal_;
};

}  // namespace copydesk::worker
