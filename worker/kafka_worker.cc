// The Kafka path's consumer side and its conductor. Three rooms, one file each:
//   - here: the poll thread: consume, route records to partition lanes, pause/resume (backpressure),
//     rebalance callbacks, health, and the bounded shutdown;
//   - the pool (OrderedPool) runs decode + chain, one record of a partition at a time, and hands the output
//     to the DeliveryPipeline (delivery_pipeline.h): produce, delivery reports, retries in order;
//   - the Committer (committer.h) makes progress durable: OffsetCommitter commits offsets after delivery.
// A record's offset becomes committable when the delivery report of its output (or of its dead-letter
// record) succeeds and every earlier record of its partition is done too (OffsetTracker). So a crash at any
// point re-delivers, never loses: at-least-once.
#include "worker/kafka_worker.h"

#include <fmt/format.h>
#include <librdkafka/rdkafkacpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "worker/delivery_pipeline.h"
#include "worker/exit_codes.h"
#include "worker/http_server.h"
#include "worker/kafka_conf.h"
#include "worker/kafka_record.h"
#include "worker/kafka_stats.h"
#include "worker/metrics.h"
#include "worker/offset_committer.h"
#include "worker/ordered_pool.h"
#include "worker/partition_state.h"
#include "worker/record_processor.h"
#include "worker/topic_limits.h"
#include "worker/transaction_committer.h"

#include <unistd.h>

// Debian's librdkafka-dev (2.0.2) may also be installed; its headers must never be the ones compiled here.
static_assert(RD_KAFKA_VERSION >= 0x020f0100, "copydesk needs librdkafka >= 2.15.1 (tools/librdkafka-build)");

namespace copydesk::worker {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop_requested{false};

void OnSignal(int) { g_stop_requested.store(true); }

class KafkaWorker;

class Rebalancer final : public RdKafka::RebalanceCb {
 public:
  explicit Rebalancer(KafkaWorker& worker) : worker_(worker) {}
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override;

 private:
  KafkaWorker& worker_;
};

class Events final : public RdKafka::EventCb {
 public:
  Events(KafkaWorker& worker, std::string client) : worker_(worker), client_(std::move(client)) {}
  void event_cb(RdKafka::Event& event) override;

 private:
  KafkaWorker& worker_;
  std::string client_;
};

class KafkaWorker {
 public:
  KafkaWorker(const Config& config, const stages::Chain& chain)
      : config_(config),
        processor_(chain, config.GetString("kafka.output_topic"), config.GetString("kafka.dead_letter_topic")),
        input_topic_(config.GetString("kafka.input_topic")),
        max_in_flight_records_(config.GetInt("worker.max_in_flight_records")),
        max_in_flight_bytes_(config.GetInt("worker.max_in_flight_bytes")),
        max_partition_queue_(static_cast<size_t>(config.GetInt("worker.max_partition_queue"))),
        drain_timeout_(std::chrono::milliseconds(config.GetInt("worker.drain_timeout_ms"))),
        rebalancer_(*this),
        consumer_events_(*this, "consumer"),
        producer_events_(*this, "producer"),
        metrics_(chain.StageNames()),
        exactly_once_(config.GetString("worker.delivery") == "exactly-once"),
        transaction_max_records_(config.GetInt("worker.transaction_max_records")),
        deliveries_(config, metrics_, processor_) {
    if (exactly_once_) {
      transactions_ = std::make_unique<TransactionCommitter>(
          input_topic_, metrics_, deliveries_,
          [this](const Committer::States& states, Clock::time_point deadline) { return Quiesce(states, deadline); });
      committer_ = transactions_.get();
    } else {
      offsets_ = std::make_unique<OffsetCommitter>(input_topic_, metrics_);
      committer_ = offsets_.get();
    }
  }

  int Run();

  // Callbacks.
  void OnRebalance(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                   std::vector<RdKafka::TopicPartition*>& partitions);
  void OnEvent(const std::string& client, RdKafka::Event& event);

 private:
  bool CreateConsumer(std::string* error);
  void HandleMessage(std::unique_ptr<RdKafka::Message> message);
  void ProcessOnPool(const std::shared_ptr<PartitionState>& state, std::unique_ptr<RdKafka::Message> message,
                     InFlight in_flight, Clock::time_point consumed_at);
  void ApplyBackpressure();
  bool DrainPartitions(const std::vector<int32_t>& partitions, Clock::time_point deadline);
  void PauseAll(bool pause);
  std::shared_ptr<PartitionState> FindState(int32_t partition);
  // The current assignment's states, or only those of `partitions`.
  Committer::States States(const std::vector<int32_t>* partitions = nullptr);
  // Exactly-once: waits until the pool has handed every consumed record of `states` to the producer.
  bool Quiesce(const Committer::States& states, Clock::time_point deadline);
  // After a commit call: an aborted transaction sends the consumer back to the committed offsets; a fatal
  // commit error stops the worker.
  void AfterCommit();
  void Rewind();
  std::string TransactionalId() const;

  const Config& config_;
  RecordProcessor processor_;
  std::string input_topic_;
  int64_t max_in_flight_records_;
  int64_t max_in_flight_bytes_;
  size_t max_partition_queue_;
  Clock::duration drain_timeout_;

  Rebalancer rebalancer_;
  Events consumer_events_;
  Events producer_events_;
  Metrics metrics_;
  const bool exactly_once_;
  const int64_t transaction_max_records_;
  int64_t records_since_commit_ = 0;  // poll thread only
  DeliveryPipeline deliveries_;
  std::unique_ptr<OffsetCommitter> offsets_;             // at-least-once
  std::unique_ptr<TransactionCommitter> transactions_;   // exactly-once
  Committer* committer_ = nullptr;                       // the one of the two in use
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::unique_ptr<OrderedPool> pool_;

  std::mutex states_mutex_;
  std::map<int32_t, std::shared_ptr<PartitionState>> states_;  // the current assignment

  // Set once a stop is requested: nothing after the drain (commit, close, flush) may wait past it.
  std::optional<Clock::time_point> shutdown_deadline_;  // poll thread only
  std::atomic<bool> fatal_{false};
  std::string fatal_reason_;
  std::mutex fatal_mutex_;
  bool globally_paused_ = false;  // poll thread only

  // Health and readiness, read by the HTTP thread.
  std::atomic<int64_t> loop_tick_ns_{0};         // last turn of the poll loop (steady clock)
  std::atomic<bool> assignment_received_{false};
  std::atomic<int> consumer_brokers_up_{-1};    // -1 until the first statistics arrive
  std::atomic<int> producer_brokers_up_{-1};
  bool Healthy(std::string* why) const;
  bool Ready(std::string* why) const;
};

void Rebalancer::rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                              std::vector<RdKafka::TopicPartition*>& partitions) {
  worker_.OnRebalance(consumer, err, partitions);
}
void Events::event_cb(RdKafka::Event& event) { worker_.OnEvent(client_, event); }

bool KafkaWorker::CreateConsumer(std::string* error) {

  std::unique_ptr<RdKafka::Conf> consumer_conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::map<std::string, std::string> consumer_props = {
      {"bootstrap.servers", config_.GetString("kafka.bootstrap_servers")},
      {"client.id", config_.GetString("kafka.client_id")},
      {"group.id", config_.GetString("kafka.group_id")},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"auto.offset.reset", "earliest"},
      {"statistics.interval.ms", config_.GetString("worker.stats_interval_ms")},
      // librdkafka prefetches up to 64 MB by default. The chain, not the fetch, sets the pace here, and
      // the in-flight budget already queues seconds of work, so 16 MB is enough. Together with the budget's
      // default of 5,000 records this keeps peak RSS under 200 MB whatever the backlog (tools/bench kafka,
      // memory: 1,000,000 articles).
      {"queued.max.messages.kbytes", "16384"},
  };
  const std::map<std::string, std::string> user_consumer_props = config_.KafkaProperties("consumer");
  for (const auto& [key, value] : user_consumer_props) consumer_props[key] = value;
  auto protocol = consumer_props.find("group.protocol");
  if (protocol != consumer_props.end() && protocol->second == "consumer" &&
      !user_consumer_props.contains("partition.assignment.strategy")) {
    // KIP-848: the broker assigns (group.remote.assignor), always incrementally, which the rebalance
    // callback already handles; librdkafka refuses a client-side strategy with this protocol.
    consumer_props.erase("partition.assignment.strategy");
  }
  std::string err;
  if (!SetAll(consumer_conf.get(), consumer_props, error) ||
      consumer_conf->set("rebalance_cb", &rebalancer_, err) != RdKafka::Conf::CONF_OK ||
      consumer_conf->set("event_cb", &consumer_events_, err) != RdKafka::Conf::CONF_OK ||
      (offsets_ && consumer_conf->set("offset_commit_cb", static_cast<RdKafka::OffsetCommitCb*>(offsets_.get()), err) !=
                       RdKafka::Conf::CONF_OK)) {
    if (error->empty()) *error = err;
    return false;
  }
  consumer_.reset(RdKafka::KafkaConsumer::create(consumer_conf.get(), err));
  if (!consumer_) {
    *error = "cannot create the consumer: " + err;
    return false;
  }

  if (offsets_) offsets_->SetConsumer(consumer_.get());
  if (transactions_) transactions_->SetConsumer(consumer_.get());
  return true;
}

std::shared_ptr<PartitionState> KafkaWorker::FindState(int32_t partition) {
  std::lock_guard lock(states_mutex_);
  auto it = states_.find(partition);
  return it == states_.end() ? nullptr : it->second;
}

Committer::States KafkaWorker::States(const std::vector<int32_t>* partitions) {
  Committer::States states;
  std::lock_guard lock(states_mutex_);
  for (const auto& [partition, state] : states_) {
    if (partitions != nullptr && std::find(partitions->begin(), partitions->end(), partition) == partitions->end()) {
      continue;
    }
    states.push_back(state);
  }
  return states;
}

bool KafkaWorker::Quiesce(const Committer::States& states, Clock::time_point deadline) {
  for (const auto& state : states) {
    if (!pool_->WaitIdle(state->partition, deadline)) return false;
  }
  return true;
}

void KafkaWorker::AfterCommit() {
  std::string why;
  if (committer_->Fatal(&why)) {
    std::lock_guard lock(fatal_mutex_);
    if (!fatal_.load()) {
      fatal_reason_ = why;
      spdlog::critical("fatal transaction error (is another worker running as '{}'?): {}", TransactionalId(), why);
      fatal_.store(true);
    }
    return;
  }
  if (committer_->RewindNeeded()) Rewind();
}

void KafkaWorker::Rewind() {
  // What the aborted transaction held is gone; so is the pool's queue. Every assigned partition goes back
  // to its committed offset under a fresh assignment object, so nothing of the old pass is counted again.
  std::vector<int32_t> ids;
  {
    std::lock_guard lock(states_mutex_);
    for (const auto& [partition, state] : states_) ids.push_back(partition);
  }
  for (int32_t id : ids) pool_->Drop(id);
  Quiesce(States(), Clock::now() + drain_timeout_);
  std::vector<RdKafka::TopicPartition*> positions;
  {
    std::lock_guard lock(states_mutex_);
    for (int32_t id : ids) {
      auto fresh = std::make_shared<PartitionState>(id);
      fresh->paused_for_queue = states_[id]->paused_for_queue;
      states_[id] = fresh;
      positions.push_back(RdKafka::TopicPartition::create(input_topic_, id));
    }
  }
  if (consumer_->committed(positions, 10000) != RdKafka::ERR_NO_ERROR) {
    spdlog::error("cannot read the committed offsets to rewind to; stopping so a restart rewinds");
    std::lock_guard lock(fatal_mutex_);
    fatal_reason_ = "rewind after an aborted transaction failed";
    fatal_.store(true);
  } else {
    for (RdKafka::TopicPartition* tp : positions) {
      if (tp->offset() < 0) tp->set_offset(RdKafka::Topic::OFFSET_BEGINNING);  // nothing committed yet
      RdKafka::ErrorCode err = consumer_->seek(*tp, 5000);
      if (err != RdKafka::ERR_NO_ERROR) spdlog::warn("rewinding partition {}: {}", tp->partition(), RdKafka::err2str(err));
    }
    spdlog::info("rewound partitions [{}] to their committed offsets", fmt::join(ids, ","));
  }
  RdKafka::TopicPartition::destroy(positions);
  records_since_commit_ = 0;
}

std::string KafkaWorker::TransactionalId() const {
  std::string instance = config_.GetString("worker.instance_id");
  if (instance.empty()) {
    char host[256] = {};
    if (gethostname(host, sizeof(host) - 1) == 0) instance = host;
  }
  return config_.GetString("kafka.group_id") + "-" + instance;
}

void KafkaWorker::HandleMessage(std::unique_ptr<RdKafka::Message> message) {
  switch (message->err()) {
    case RdKafka::ERR_NO_ERROR:
      break;
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__PARTITION_EOF:
      return;
    default:
      // Broker and fetch errors are transient: librdkafka retries by itself. Log and go on.
      spdlog::warn("consumer: {}", message->errstr());
      return;
  }
  std::shared_ptr<PartitionState> state = FindState(message->partition());
  if (state == nullptr) {
    // A record of a partition we no longer own: it is not tracked, so it is not committed either; the new
    // owner reads it again.
    spdlog::debug("dropping record of unassigned partition {}", message->partition());
    return;
  }
  const Clock::time_point consumed_at = Clock::now();
  const RdKafka::MessageTimestamp timestamp = message->timestamp();
  if (timestamp.type != RdKafka::MessageTimestamp::MSG_TIMESTAMP_NOT_AVAILABLE && timestamp.timestamp > 0) {
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
    metrics_.hops.fetch.Observe(static_cast<double>(std::max<int64_t>(0, now_ms - timestamp.timestamp)) / 1e3);
  }
  metrics_.records_consumed.fetch_add(1);
  ++records_since_commit_;
  metrics_.bytes_consumed.fetch_add(message->len());
  {
    std::lock_guard lock(state->mutex);
    state->tracker.Track(message->offset());
  }
  InFlight in_flight(metrics_, state, static_cast<int64_t>(message->len()));
  int32_t partition = message->partition();
  // std::function needs a copyable callable: hold the move-only parts in a shared_ptr.
  auto work = std::make_shared<std::pair<std::unique_ptr<RdKafka::Message>, InFlight>>(std::move(message),
                                                                                      std::move(in_flight));
  pool_->Submit(partition, [this, state, work, consumed_at] {
    ProcessOnPool(state, std::move(work->first), std::move(work->second), consumed_at);
  });
}

void KafkaWorker::ProcessOnPool(const std::shared_ptr<PartitionState>& state,
                                std::unique_ptr<RdKafka::Message> message, InFlight in_flight,
                                Clock::time_point consumed_at) {
  const Clock::time_point started_at = Clock::now();
  metrics_.hops.queue.Observe(std::chrono::duration<double>(started_at - consumed_at).count());
  auto delivery = std::make_unique<Delivery>(Delivery{state, ToInputRecord(*message), {}, false, 0, false,
                                                      std::move(in_flight)});
  message.reset();
  ProcessResult result = processor_.Process(delivery->input);
  uint64_t chain_micros = 0;
  for (const auto& [stage, micros] : result.stage_micros) {
    if (Histogram* histogram = metrics_.Stage(stage)) histogram->Observe(static_cast<double>(micros) / 1e6);
    chain_micros += micros;
  }
  if (!result.stage_micros.empty()) metrics_.chain.Observe(static_cast<double>(chain_micros) / 1e6);
  if (!result.status.ok()) {
    metrics_.CountFailure(result.status.where(), result.status.code());
    spdlog::warn("dead-lettering {}/{}@{} (key '{}'): {}", delivery->input.topic, delivery->input.partition,
                 delivery->input.offset, result.article_id, result.status.ToString());
    delivery->dead_letter = true;
  }
  delivery->output = std::move(result.output);
  if (exactly_once_ && !delivery->dead_letter) {
    if (std::optional<std::string> refused = deliveries_.IsRefused(delivery->input.partition, delivery->input.offset)) {
      // Its first pass aborted a transaction: the output topic will not take it. Dead-letter it now.
      Status failure = Status::Error(StatusCode::kUnavailable, "produce", *refused);
      metrics_.CountFailure(failure.where(), failure.code());
      delivery->output = processor_.DeadLetter(delivery->input, failure);
      delivery->dead_letter = true;
    }
  }
  int64_t offset = delivery->input.offset;
  bool sent = deliveries_.Send(std::move(delivery));
  metrics_.hops.process.Observe(std::chrono::duration<double>(Clock::now() - started_at).count());
  if (sent) {
    std::lock_guard lock(state->mutex);
    state->last_sent = std::max(state->last_sent, offset);
  }
}

void KafkaWorker::OnEvent(const std::string& client, RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_ERROR:
      if (event.fatal()) {
        std::lock_guard lock(fatal_mutex_);
        fatal_reason_ = client + ": " + event.str();
        fatal_.store(true);
        spdlog::critical("fatal {} error: {}", client, event.str());
      } else if (event.err() == RdKafka::ERR__ALL_BROKERS_DOWN || event.err() == RdKafka::ERR__TRANSPORT) {
        spdlog::warn("{}: {} (retrying)", client, event.str());
      } else {
        spdlog::warn("{}: {}", client, event.str());
      }
      break;
    case RdKafka::Event::EVENT_STATS: {
      std::optional<KafkaStats> stats = ParseKafkaStats(event.str(), input_topic_);
      if (!stats.has_value()) break;
      if (client == "consumer") {
        metrics_.SetConsumerLag(stats->consumer_lag);
        consumer_brokers_up_.store(stats->brokers_up);
      } else {
        producer_brokers_up_.store(stats->brokers_up);
      }
      break;
    }
    case RdKafka::Event::EVENT_LOG:
      if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING) {
        spdlog::warn("{} librdkafka {}: {}", client, event.fac(), event.str());
      } else {
        spdlog::debug("{} librdkafka {}: {}", client, event.fac(), event.str());
      }
      break;
    default:
      break;
  }
}

bool KafkaWorker::DrainPartitions(const std::vector<int32_t>& partitions, Clock::time_point deadline) {
  for (int32_t partition : partitions) {
    std::shared_ptr<PartitionState> state = FindState(partition);
    if (state == nullptr) continue;
    if (!pool_->WaitIdle(partition, deadline)) return false;
    while (state->in_flight.load() > 0) {
      if (Clock::now() >= deadline || fatal_.load()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  return true;
}

void KafkaWorker::OnRebalance(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                              std::vector<RdKafka::TopicPartition*>& partitions) {
  metrics_.rebalances.fetch_add(1);
  std::vector<int32_t> ids;
  for (RdKafka::TopicPartition* tp : partitions) ids.push_back(tp->partition());
  if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
    {
      std::lock_guard lock(states_mutex_);
      for (int32_t id : ids) states_[id] = std::make_shared<PartitionState>(id);
    }
    RdKafka::Error* error = consumer->incremental_assign(partitions);
    if (error != nullptr) {
      spdlog::error("incremental_assign failed: {}", error->str());
      delete error;
    }
    // A partition paused under an earlier assignment must not stay paused.
    consumer->resume(partitions);
    if (globally_paused_) consumer->pause(partitions);
    metrics_.partitions_assigned.fetch_add(static_cast<int64_t>(ids.size()));
    assignment_received_.store(true);
    spdlog::info("assigned partitions [{}] of {}", fmt::join(ids, ","), input_topic_);
    return;
  }
  // Revoked (or lost): stop taking, let in-flight records of these partitions finish within the drain
  // timeout, commit what is done, then let go. Queued records not yet started are dropped: they are not
  // committed, so the next owner processes them.
  bool lost = err != RdKafka::ERR__REVOKE_PARTITIONS || consumer->assignment_lost();
  size_t dropped = 0;
  for (int32_t id : ids) dropped += pool_->Drop(id);
  // During shutdown the drain already ran (and its time is spent): a revoke from leaving the group does not
  // start a second one; it only commits what is done.
  Clock::time_point drain_until = shutdown_deadline_.has_value() ? Clock::now() : Clock::now() + drain_timeout_;
  bool drained = lost || DrainPartitions(ids, drain_until);
  size_t held = 0;
  for (const auto& state : States(&ids)) held += deliveries_.DropHeld(*state);
  // Every partition's state, not only the revoked ones': an exactly-once transaction holds records of all.
  bool committed = lost || committer_->CommitNow(States(), shutdown_deadline_.value_or(Clock::now() + drain_timeout_));
  AfterCommit();
  RdKafka::Error* error = consumer->incremental_unassign(partitions);
  if (error != nullptr) {
    spdlog::error("incremental_unassign failed: {}", error->str());
    delete error;
  }
  {
    std::lock_guard lock(states_mutex_);
    for (int32_t id : ids) {
      auto it = states_.find(id);
      if (it != states_.end() && it->second->paused_for_queue) metrics_.partitions_paused.fetch_sub(1);
      states_.erase(id);
    }
  }
  metrics_.partitions_assigned.fetch_sub(static_cast<int64_t>(ids.size()));
  spdlog::info("{} partitions [{}] of {}: {} queued records left to the next owner{}{}", lost ? "lost" : "revoked",
               fmt::join(ids, ","), input_topic_, dropped + held, drained ? "" : "; drain timed out",
               committed ? "" : "; the final commit failed, so the next owner redoes what was not committed");
}

void KafkaWorker::PauseAll(bool pause) {
  std::vector<RdKafka::TopicPartition*> all;
  if (consumer_->assignment(all) != RdKafka::ERR_NO_ERROR) return;
  if (pause) {
    consumer_->pause(all);
  } else {
    // Partitions paused for their own queue stay paused.
    std::vector<RdKafka::TopicPartition*> resumable;
    for (RdKafka::TopicPartition* tp : all) {
      auto state = FindState(tp->partition());
      if (state == nullptr || !state->paused_for_queue) resumable.push_back(tp);
    }
    consumer_->resume(resumable);
  }
  RdKafka::TopicPartition::destroy(all);
}

void KafkaWorker::ApplyBackpressure() {
  // Global limits: pause everything above the limit, resume below half of it.
  int64_t records = metrics_.records_in_flight.load();
  int64_t bytes = metrics_.bytes_in_flight.load();
  if (!globally_paused_ && (records >= max_in_flight_records_ || bytes >= max_in_flight_bytes_)) {
    globally_paused_ = true;
    PauseAll(true);
    spdlog::info("in-flight limit reached ({} records, {} bytes): pausing all partitions", records, bytes);
  } else if (globally_paused_ && records <= max_in_flight_records_ / 2 && bytes <= max_in_flight_bytes_ / 2) {
    globally_paused_ = false;
    PauseAll(false);
    spdlog::info("in-flight below half the limit: resuming");
  }
  // Per-partition queues: a slow partition pauses alone.
  std::vector<std::shared_ptr<PartitionState>> states;
  {
    std::lock_guard lock(states_mutex_);
    for (const auto& [partition, state] : states_) states.push_back(state);
  }
  for (const auto& state : states) {
    size_t depth = pool_->QueueDepth(state->partition);
    bool pause = !state->paused_for_queue && depth >= max_partition_queue_;
    bool resume = state->paused_for_queue && depth <= max_partition_queue_ / 2;
    if (!pause && !resume) continue;
    std::vector<RdKafka::TopicPartition*> one = {RdKafka::TopicPartition::create(input_topic_, state->partition)};
    if (pause) {
      consumer_->pause(one);
      metrics_.partitions_paused.fetch_add(1);
    } else if (!globally_paused_) {
      consumer_->resume(one);
      metrics_.partitions_paused.fetch_sub(1);
    } else {
      metrics_.partitions_paused.fetch_sub(1);
    }
    state->paused_for_queue = pause;
    RdKafka::TopicPartition::destroy(one);
  }
}

bool KafkaWorker::Healthy(std::string* why) const {
  if (fatal_.load()) {
    *why = "fatal client error";
    return false;
  }
  // A revoke may legitimately hold the loop for the drain timeout; beyond that the loop is stuck.
  auto since = Clock::now().time_since_epoch() - std::chrono::nanoseconds(loop_tick_ns_.load());
  if (since > drain_timeout_ + std::chrono::seconds(30)) {
    *why = "poll loop has not turned for " +
           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(since).count()) + " s";
    return false;
  }
  return true;
}

bool KafkaWorker::Ready(std::string* why) const {
  if (!Healthy(why)) return false;
  if (!assignment_received_.load()) {
    *why = "not yet assigned by the consumer group";
    return false;
  }
  if (consumer_brokers_up_.load() == 0) {
    *why = "consumer reaches no broker";
    return false;
  }
  // The producer connects only to the brokers it has records for (sparse connections), so an idle one
  // may hold no connection at all and still be fine: it is unreachable only when records wait for it.
  if (producer_brokers_up_.load() == 0 && deliveries_.QueueLength() > 0) {
    *why = "producer reaches no broker and has records waiting";
    return false;
  }
  return true;
}

int KafkaWorker::Run() {
  std::string error;
  if (!CreateConsumer(&error)) {
    spdlog::error("{}", error);
    return kExitConfig;
  }
  std::optional<int64_t> topic_limit = SmallestMaxMessageBytes(
      consumer_->c_ptr(), {config_.GetString("kafka.output_topic"), config_.GetString("kafka.dead_letter_topic")},
      5000);
  if (!deliveries_.Create(&producer_events_, exactly_once_ ? TransactionalId() : "", topic_limit, &error)) {
    spdlog::error("{}", error);
    return kExitConfig;
  }
  size_t threads = static_cast<size_t>(config_.GetInt("worker.threads"));
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  pool_ = std::make_unique<OrderedPool>(threads);
  metrics_.SetProducerQueueProbe([this] { return deliveries_.QueueLength(); });
  loop_tick_ns_.store(Clock::now().time_since_epoch().count());
  std::unique_ptr<HttpServer> http;
  if (config_.GetBool("http.enabled")) {
    http = std::make_unique<HttpServer>(HttpProbes{
        [this] { return metrics_.Render(input_topic_); },
        [this](std::string* why) { return Healthy(why); },
        [this](std::string* why) { return Ready(why); },
    });
    Status started = http->Start(config_.GetString("http.bind"), static_cast<int>(config_.GetInt("http.port")));
    if (!started.ok()) {
      spdlog::error("{}", started.ToString());
      return kExitConfig;
    }
    spdlog::info("serving /metrics, /healthz and /readyz on http://{}:{}", config_.GetString("http.bind"),
                 http->port());
  }
  deliveries_.Start();

  RdKafka::ErrorCode err = consumer_->subscribe({input_topic_});
  if (err != RdKafka::ERR_NO_ERROR) {
    spdlog::error("cannot subscribe to {}: {}", input_topic_, RdKafka::err2str(err));
    return kExitRuntime;
  }
  spdlog::info("copydesk-worker {} consuming {} as group {} ({} threads) -> {} (dead letters: {})",
               WorkerVersion(), input_topic_, config_.GetString("kafka.group_id"), threads,
               config_.GetString("kafka.output_topic"), config_.GetString("kafka.dead_letter_topic"));

  const int poll_ms = static_cast<int>(config_.GetInt("worker.poll_timeout_ms"));
  const auto commit_interval = std::chrono::milliseconds(config_.GetInt("worker.commit_interval_ms"));
  auto next_commit = Clock::now() + commit_interval;
  while (!g_stop_requested.load() && !fatal_.load()) {
    loop_tick_ns_.store(Clock::now().time_since_epoch().count());
    // While partitions are paused for backpressure the loop must notice the drain at once to resume them:
    // a paused partition returns nothing, so a full poll timeout would be pure idle time per pause.
    bool paused = globally_paused_ || metrics_.partitions_paused.load() > 0;
    HandleMessage(std::unique_ptr<RdKafka::Message>(consumer_->consume(paused ? 2 : poll_ms)));
    ApplyBackpressure();
    bool transaction_full = exactly_once_ && records_since_commit_ >= transaction_max_records_;
    if (Clock::now() >= next_commit || transaction_full) {
      committer_->CommitInBackground(States());
      records_since_commit_ = 0;
      AfterCommit();
      next_commit = Clock::now() + commit_interval;
    }
  }

  // Shutdown is bounded: the drain may take worker.drain_timeout_ms; the final commit, leaving the group and
  // flushing the producer together get at most kShutdownGrace more, whatever the broker does (away, frozen,
  // rebalancing). What is not committed by then is consumed again by the next owner: nothing is lost.
  constexpr auto kShutdownGrace = std::chrono::seconds(6);
  constexpr auto kFinalCommitWait = std::chrono::seconds(3);
  int exit_code = kExitOk;
  auto drain_deadline = Clock::now() + drain_timeout_;
  shutdown_deadline_ = drain_deadline + kShutdownGrace;
  if (fatal_.load()) {
    // Nothing more is committed: what is not committed is consumed again after the restart.
    std::lock_guard lock(fatal_mutex_);
    spdlog::critical("stopping after a fatal error: {}", fatal_reason_);
    exit_code = kExitRuntime;
  } else {
    spdlog::info("stop requested: draining in-flight records (up to {} ms)",
                 std::chrono::duration_cast<std::chrono::milliseconds>(drain_timeout_).count());
    globally_paused_ = true;
    PauseAll(true);
    while (metrics_.records_in_flight.load() > 0 && Clock::now() < drain_deadline && !fatal_.load()) {
      // Keep serving the consumer (rebalances, commit callbacks) while the pool finishes.
      loop_tick_ns_.store(Clock::now().time_since_epoch().count());
      HandleMessage(std::unique_ptr<RdKafka::Message>(consumer_->consume(20)));
    }
    int64_t left = metrics_.records_in_flight.load();
    bool committed = committer_->CommitNow(States(), std::min(*shutdown_deadline_, Clock::now() + kFinalCommitWait));
    if (left > 0) {
      spdlog::warn("drain timed out with {} records in flight; they will be consumed again", left);
      exit_code = kExitDrainTimeout;
    } else if (!committed) {
      spdlog::warn("drained, but the final offset commit failed or was not answered: records since the last "
                   "successful commit will be consumed again");
    } else {
      spdlog::info("drained; offsets committed");
    }
  }
  if (http) http->Stop();
  // Leave the group through a queue of our own, so the wait is ours to bound: close() would wait for the
  // coordinator as long as it takes. The revoke callback runs from this queue and commits what is left.
  std::unique_ptr<RdKafka::Queue> close_queue(RdKafka::Queue::create(consumer_.get()));
  if (RdKafka::Error* close_error = consumer_->close(close_queue.get())) {
    spdlog::warn("leaving the consumer group: {}", close_error->str());
    delete close_error;
  }
  while (!consumer_->closed() && Clock::now() < *shutdown_deadline_) {
    delete close_queue->consume(50);
  }
  if (!consumer_->closed()) {
    spdlog::warn("the consumer group was not left in time; the group coordinator will time this member out");
  }
  deliveries_.AbandonWaits();  // pool tasks waiting for queue room give up; their records stay uncommitted
  pool_.reset();               // finishes running tasks
  if (!deliveries_.Flush(*shutdown_deadline_)) {
    spdlog::warn("{} records not delivered before the shutdown deadline; their inputs stay uncommitted",
                 deliveries_.QueueLength());
  }
  deliveries_.Stop();
  spdlog::info("consumed {}, produced {}, dead-lettered {}", metrics_.records_consumed.load(),
               metrics_.records_produced.load(), metrics_.records_dead_lettered.load());
  return exit_code;
}

}  // namespace

int RunKafkaWorker(const Config& config) {
  // First of all, so that a SIGTERM during start-up (building the chain, joining the group) is a request
  // to stop cleanly rather than the default kill.
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  StatusOr<stages::Chain> chain = stages::Chain::Build(config.ChainSpec());
  if (!chain.ok()) {
    spdlog::error("{}", chain.status().ToString());
    return kExitConfig;
  }
  int code = kExitRuntime;
  {
    auto worker = std::make_unique<KafkaWorker>(config, chain.value());
    code = worker->Run();
    // Everything that matters is done: commits tried, the producer flushed or purged, the outcome logged.
    // Tearing the clients down can still wait on a broker that is away (librdkafka joins its threads), so
    // that wait is bounded too: past it the process ends with the code it already chose.
    std::thread([code] {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      spdlog::warn("librdkafka did not shut down within 2 s; exiting with {} anyway", code);
      spdlog::default_logger()->flush();
      std::_Exit(code);
    }).detach();
    worker.reset();
  }
  return code;
}

}  // namespace copydesk::worker
