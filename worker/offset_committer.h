// OffsetCommitter: at-least-once. Commits, per partition, the offset below which every consumed record's
// output (or dead-letter record) is delivered (OffsetTracker::Committable), so a crash at any point
// re-delivers and never loses. Background commits are asynchronous (answered through offset_commit_cb,
// which this class is); revoke and shutdown commits wait for their answer on a queue of their own, up to
// a deadline, because commitSync would wait without bound while the coordinator is away.
//
// Poll thread only: construction, SetConsumer, both commits and the callback (served by consume()).
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <string>

#include "worker/committer.h"
#include "worker/metrics.h"

namespace copydesk::worker {

class OffsetCommitter final : public Committer, public RdKafka::OffsetCommitCb {
 public:
  OffsetCommitter(std::string input_topic, Metrics& metrics)
      : input_topic_(std::move(input_topic)), metrics_(metrics) {}

  // The consumer is created with this object as its offset_commit_cb, so it comes after construction.
  void SetConsumer(RdKafka::KafkaConsumer* consumer) { consumer_ = consumer; }

  void CommitInBackground(const States& states) override;
  bool CommitNow(const States& states, Clock::time_point deadline) override;

  void offset_commit_cb(RdKafka::ErrorCode err, std::vector<RdKafka::TopicPartition*>& offsets) override;

 private:
  // The offsets of `states` that are due: everything not confirmed yet, or (background) not yet requested.
  std::vector<RdKafka::TopicPartition*> DueOffsets(const States& states, bool background);
  void Failed(RdKafka::ErrorCode err, const std::vector<RdKafka::TopicPartition*>& offsets);

  std::string input_topic_;
  Metrics& metrics_;
  RdKafka::KafkaConsumer* consumer_ = nullptr;
  // The assignment objects of partitions a commit was sent for, to record its answer.
  std::map<int32_t, std::weak_ptr<PartitionState>> sent_;
};

}  // namespace copydesk::worker
