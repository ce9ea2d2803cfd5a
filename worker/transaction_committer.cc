#include "worker/transaction_committer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

namespace copydesk::worker {
namespace {

int MillisUntil(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 1, 60000));
}

}  // namespace

void TransactionCommitter::CommitInBackground(const States& states) {
  // A transaction is committed from the loop: the loop waits for it (that is the mode's latency).
  Commit(states, Clock::now() + std::chrono::seconds(30));
}

bool TransactionCommitter::CommitNow(const States& states, Clock::time_point deadline) {
  return Commit(states, deadline);
}

bool TransactionCommitter::RewindNeeded() { return std::exchange(rewind_needed_, false); }

bool TransactionCommitter::Fatal(std::string* why) const {
  if (fatal_.empty()) return false;
  *why = fatal_;
  return true;
}

bool TransactionCommitter::Commit(const States& states, Clock::time_point deadline) {
  if (!fatal_.empty()) return false;
  RdKafka::Producer* producer = deliveries_.producer();
  if (deliveries_.TakeAbortNeeded()) {
    Abort("a delivery in it failed");
    return false;
  }
  // The outputs in the transaction and the offsets sent with it must describe the same records: let the
  // pool hand over everything it holds first.
  if (!quiesce_(states, deadline)) {
    spdlog::warn("transaction not committed: the pool did not finish its records in time");
    return false;
  }
  if (deliveries_.TakeAbortNeeded()) {
    Abort("a delivery in it failed");
    return false;
  }
  std::vector<RdKafka::TopicPartition*> offsets;
  std::vector<std::pair<std::shared_ptr<PartitionState>, int64_t>> committed;
  for (const auto& state : states) {
    std::lock_guard lock(state->mutex);
    int64_t next = state->last_sent + 1;
    if (state->last_sent < 0 || next <= state->commit_confirmed) continue;
    offsets.push_back(RdKafka::TopicPartition::create(input_topic_, state->partition, next));
    committed.emplace_back(state, next);
  }
  if (offsets.empty()) return true;  // nothing handed over since the last commit

  auto handle = [&](RdKafka::Error* raw, const char* step) {
    std::unique_ptr<RdKafka::Error> error(raw);
    if (!error) return true;
    if (error->is_fatal()) {
      fatal_ = std::string(step) + ": " + error->str();
    } else if (error->txn_requires_abort()) {
      Abort(std::string(step) + ": " + error->str());
    } else {
      // Retriable (a timeout, the coordinator moving): the same transaction is committed next time.
      spdlog::warn("{} failed, will retry: {}", step, error->str());
    }
    metrics_.commit_failures.fetch_add(1);
    return false;
  };
  std::unique_ptr<RdKafka::ConsumerGroupMetadata> group(consumer_->groupMetadata());
  bool ok = handle(producer->send_offsets_to_transaction(offsets, group.get(), MillisUntil(deadline)),
                   "send_offsets_to_transaction") &&
            handle(producer->commit_transaction(MillisUntil(deadline)), "commit_transaction");
  RdKafka::TopicPartition::destroy(offsets);
  if (!ok) return false;
  metrics_.commits.fetch_add(1);
  for (const auto& [state, next] : committed) {
    std::lock_guard lock(state->mutex);
    state->commit_confirmed = std::max(state->commit_confirmed, next);
  }
  return handle(producer->begin_transaction(), "begin_transaction");
}

void TransactionCommitter::Abort(const std::string& why) {
  spdlog::warn("aborting the transaction ({}); its records are processed again from the committed offsets", why);
  RdKafka::Producer* producer = deliveries_.producer();
  std::unique_ptr<RdKafka::Error> error(producer->abort_transaction(30000));
  if (!error) error.reset(producer->begin_transaction());
  if (error) {
    fatal_ = "abort_transaction: " + error->str();
    return;
  }
  rewind_needed_ = true;
}

}  // namespace copydesk::worker
