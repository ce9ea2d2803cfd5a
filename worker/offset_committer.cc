#include "worker/offset_committer.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace copydesk::worker {
namespace {

// Waits for the answer to a commit sent to `queue`, up to `deadline`; true when every partition committed.
bool AwaitCommit(rd_kafka_queue_t* queue, std::chrono::steady_clock::time_point deadline) {
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      spdlog::warn("offset commit not answered before the deadline");
      return false;
    }
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, static_cast<int>(std::min<int64_t>(left.count(), 100)));
    if (event == nullptr) continue;
    bool answer = rd_kafka_event_type(event) == RD_KAFKA_EVENT_OFFSET_COMMIT;
    bool ok = false;
    if (answer) {
      ok = rd_kafka_event_error(event) == RD_KAFKA_RESP_ERR_NO_ERROR;
      if (!ok) spdlog::warn("offset commit failed: {}", rd_kafka_event_error_string(event));
      if (const rd_kafka_topic_partition_list_t* parts = rd_kafka_event_topic_partition_list(event)) {
        for (int i = 0; i < parts->cnt; ++i) {
          if (parts->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR) continue;
          ok = false;
          spdlog::warn("offset commit of partition {} failed: {}", parts->elems[i].partition,
                       rd_kafka_err2str(parts->elems[i].err));
        }
      }
    }
    rd_kafka_event_destroy(event);
    if (answer) return ok;
  }
}

}  // namespace

std::vector<RdKafka::TopicPartition*> OffsetCommitter::DueOffsets(const States& states, bool background) {
  std::vector<RdKafka::TopicPartition*> offsets;
  for (const auto& state : states) {
    std::lock_guard lock(state->mutex);
    std::optional<int64_t> committable = state->tracker.Committable();
    // A wait-for-the-answer commit sends even an offset already sent in the background: that commit may
    // yet fail. Only what the coordinator confirmed is never sent again.
    if (!committable.has_value() || *committable <= state->commit_confirmed ||
        (background && *committable <= state->commit_requested)) {
      continue;
    }
    state->commit_requested = *committable;
    offsets.push_back(RdKafka::TopicPartition::create(input_topic_, state->partition, *committable));
  }
  return offsets;
}

void OffsetCommitter::CommitInBackground(const States& states) {
  std::vector<RdKafka::TopicPartition*> offsets = DueOffsets(states, /*background=*/true);
  if (offsets.empty()) return;
  for (const auto& state : states) sent_[state->partition] = state;
  RdKafka::ErrorCode err = consumer_->commitAsync(offsets);
  if (err != RdKafka::ERR_NO_ERROR) Failed(err, offsets);
  RdKafka::TopicPartition::destroy(offsets);
}

bool OffsetCommitter::CommitNow(const States& states, Clock::time_point deadline) {
  std::vector<RdKafka::TopicPartition*> offsets = DueOffsets(states, /*background=*/false);
  if (offsets.empty()) return true;
  for (const auto& state : states) sent_[state->partition] = state;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size()));
  for (RdKafka::TopicPartition* tp : offsets) {
    rd_kafka_topic_partition_list_add(list, input_topic_.c_str(), tp->partition())->offset = tp->offset();
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(consumer_->c_ptr());
  rd_kafka_resp_err_t err = rd_kafka_commit_queue(consumer_->c_ptr(), list, queue, nullptr, nullptr);
  bool committed = err == RD_KAFKA_RESP_ERR_NO_ERROR && AwaitCommit(queue, deadline);
  rd_kafka_queue_destroy(queue);
  rd_kafka_topic_partition_list_destroy(list);
  if (committed) {
    metrics_.commits.fetch_add(1);
    for (const auto& state : states) {
      std::lock_guard lock(state->mutex);
      state->commit_confirmed = std::max(state->commit_confirmed, state->commit_requested);
    }
  } else {
    Failed(err != RD_KAFKA_RESP_ERR_NO_ERROR ? static_cast<RdKafka::ErrorCode>(err) : RdKafka::ERR__FAIL, offsets);
  }
  RdKafka::TopicPartition::destroy(offsets);
  return committed;
}

void OffsetCommitter::offset_commit_cb(RdKafka::ErrorCode err, std::vector<RdKafka::TopicPartition*>& offsets) {
  if (err == RdKafka::ERR__NO_OFFSET) return;
  if (err != RdKafka::ERR_NO_ERROR) {
    Failed(err, offsets);
    return;
  }
  metrics_.commits.fetch_add(1);
  for (RdKafka::TopicPartition* tp : offsets) {
    auto it = sent_.find(tp->partition());
    if (it == sent_.end() || tp->err() != RdKafka::ERR_NO_ERROR) continue;
    if (std::shared_ptr<PartitionState> state = it->second.lock()) {
      std::lock_guard lock(state->mutex);
      state->commit_confirmed = std::max(state->commit_confirmed, tp->offset());
    }
  }
}

void OffsetCommitter::Failed(RdKafka::ErrorCode err, const std::vector<RdKafka::TopicPartition*>& offsets) {
  metrics_.commit_failures.fetch_add(1);
  spdlog::warn("offset commit failed: {}; will retry", RdKafka::err2str(err));
  // Forget what was requested so the next round commits these offsets again.
  for (RdKafka::TopicPartition* tp : offsets) {
    auto it = sent_.find(tp->partition());
    if (it == sent_.end()) continue;
    if (std::shared_ptr<PartitionState> state = it->second.lock()) {
      std::lock_guard lock(state->mutex);
      state->commit_requested = -1;
    }
  }
}

}  // namespace copydesk::worker
