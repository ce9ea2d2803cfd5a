// The Kafka loop. Threads:
//   - the poll thread (this function): consume, route records to partition lanes, pause/resume, commit,
//     rebalance callbacks, shutdown;
//   - the pool (OrderedPool): decode + chain + produce, one record of a partition at a time;
//   - the delivery thread: producer poll (delivery reports), scheduled re-produces.
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
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "worker/exit_codes.h"
#include "worker/http_server.h"
#include "worker/kafka_record.h"
#include "worker/kafka_stats.h"
#include "worker/metrics.h"
#include "worker/offset_tracker.h"
#include "worker/ordered_pool.h"
#include "worker/record_processor.h"

namespace copydesk::worker {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop_requested{false};

void OnSignal(int) { g_stop_requested.store(true); }

// One assignment of one partition. A revoked-then-reassigned partition gets a new object, so late
// delivery reports of the old assignment can never mark offsets of the new one.
struct PartitionState {
  explicit PartitionState(int32_t p) : partition(p) {}
  const int32_t partition;
  std::mutex mutex;  // guards tracker and the two fields below
  OffsetTracker tracker;
  int64_t commit_requested = -1;  // highest offset handed to a commit
  bool paused_for_queue = false;  // touched by the poll thread only
  // Records of this assignment consumed and not yet settled (delivered, or dropped on revoke).
  std::atomic<int64_t> in_flight{0};
};

// Counts a record in flight, globally and for its partition, from consume until its delivery is settled
// or it is dropped on revoke; RAII so that every path releases it.
class InFlight {
 public:
  InFlight(Metrics& metrics, std::shared_ptr<PartitionState> state, int64_t bytes)
      : metrics_(&metrics), state_(std::move(state)), bytes_(bytes) {
    metrics_->records_in_flight.fetch_add(1);
    metrics_->bytes_in_flight.fetch_add(bytes_);
    state_->in_flight.fetch_add(1);
  }
  InFlight(InFlight&& other) noexcept
      : metrics_(std::exchange(other.metrics_, nullptr)), state_(std::move(other.state_)), bytes_(other.bytes_) {}
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  InFlight& operator=(InFlight&&) = delete;
  ~InFlight() {
    if (metrics_ == nullptr) return;
    metrics_->records_in_flight.fetch_sub(1);
    metrics_->bytes_in_flight.fetch_sub(bytes_);
    state_->in_flight.fetch_sub(1);
  }

 private:
  Metrics* metrics_;
  std::shared_ptr<PartitionState> state_;
  int64_t bytes_;
};

// What a produce() carries as its opaque: enough to mark the input done, to retry, or to dead-letter.
struct Delivery {
  std::shared_ptr<PartitionState> state;
  InputRecord input;
  OutputRecord output;
  bool dead_letter = false;
  int attempts = 0;
  InFlight in_flight;
};

bool IsPermanentProduceError(RdKafka::ErrorCode err) {
  switch (err) {
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
    case RdKafka::ERR_INVALID_MSG_SIZE:
    case RdKafka::ERR_INVALID_RECORD:
    case RdKafka::ERR_RECORD_LIST_TOO_LARGE:
    case RdKafka::ERR__INVALID_ARG:
      return true;
    default:
      return false;
  }
}

class KafkaWorker;

class DeliveryReports final : public RdKafka::DeliveryReportCb {
 public:
  explicit DeliveryReports(KafkaWorker& worker) : worker_(worker) {}
  void dr_cb(RdKafka::Message& message) override;

 private:
  KafkaWorker& worker_;
};

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

class CommitReports final : public RdKafka::OffsetCommitCb {
 public:
  explicit CommitReports(KafkaWorker& worker) : worker_(worker) {}
  void offset_commit_cb(RdKafka::ErrorCode err, std::vector<RdKafka::TopicPartition*>& offsets) override;

 private:
  KafkaWorker& worker_;
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
        retry_backoff_(std::chrono::milliseconds(config.GetInt("worker.retry_backoff_ms"))),
        retry_backoff_max_(std::chrono::milliseconds(config.GetInt("worker.retry_backoff_max_ms"))),
        delivery_reports_(*this),
        rebalancer_(*this),
        consumer_events_(*this, "consumer"),
        producer_events_(*this, "producer"),
        metrics_(chain.StageNames()),
        commit_reports_(*this) {}

  int Run();

  // Callbacks.
  void OnDelivery(RdKafka::Message& message);
  void OnRebalance(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                   std::vector<RdKafka::TopicPartition*>& partitions);
  void OnEvent(const std::string& client, RdKafka::Event& event);
  void OnCommit(RdKafka::ErrorCode err, std::vector<RdKafka::TopicPartition*>& offsets);

 private:
  bool CreateClients(std::string* error);
  void HandleMessage(std::unique_ptr<RdKafka::Message> message);
  void ProcessOnPool(const std::shared_ptr<PartitionState>& state, std::unique_ptr<RdKafka::Message> message,
                     InFlight in_flight);
  void Produce(std::unique_ptr<Delivery> delivery);
  void DeliveryFailed(std::unique_ptr<Delivery> delivery, RdKafka::ErrorCode err);
  void ScheduleRetry(std::unique_ptr<Delivery> delivery);
  void DeliveryLoop();
  void ApplyBackpressure();
  // Commits every partition's committable offset. `sync` (revoke, shutdown) waits for the answer and
  // commits even an offset already sent asynchronously, since that commit may yet fail.
  void CommitDone(bool sync, const std::vector<int32_t>* only = nullptr);
  bool DrainPartitions(const std::vector<int32_t>& partitions, Clock::time_point deadline);
  void PauseAll(bool pause);
  std::shared_ptr<PartitionState> FindState(int32_t partition);

  const Config& config_;
  RecordProcessor processor_;
  std::string input_topic_;
  int64_t max_in_flight_records_;
  int64_t max_in_flight_bytes_;
  size_t max_partition_queue_;
  Clock::duration drain_timeout_;
  Clock::duration retry_backoff_;
  Clock::duration retry_backoff_max_;

  DeliveryReports delivery_reports_;
  Rebalancer rebalancer_;
  Events consumer_events_;
  Events producer_events_;
  Metrics metrics_;
  CommitReports commit_reports_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::unique_ptr<RdKafka::Producer> producer_;
  std::unique_ptr<OrderedPool> pool_;

  std::mutex states_mutex_;
  std::map<int32_t, std::shared_ptr<PartitionState>> states_;  // the current assignment

  std::mutex retry_mutex_;
  std::vector<std::pair<Clock::time_point, std::unique_ptr<Delivery>>> retries_;

  std::atomic<bool> delivery_thread_stop_{false};
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

void DeliveryReports::dr_cb(RdKafka::Message& message) { worker_.OnDelivery(message); }
void Rebalancer::rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                              std::vector<RdKafka::TopicPartition*>& partitions) {
  worker_.OnRebalance(consumer, err, partitions);
}
void Events::event_cb(RdKafka::Event& event) { worker_.OnEvent(client_, event); }
void CommitReports::offset_commit_cb(RdKafka::ErrorCode err, std::vector<RdKafka::TopicPartition*>& offsets) {
  worker_.OnCommit(err, offsets);
}

bool SetAll(RdKafka::Conf* conf, const std::map<std::string, std::string>& props, std::string* error) {
  for (const auto& [key, value] : props) {
    std::string err;
    if (conf->set(key, value, err) != RdKafka::Conf::CONF_OK) {
      *error = "librdkafka property '" + key + "': " + err;
      return false;
    }
  }
  return true;
}

bool KafkaWorker::CreateClients(std::string* error) {
  const std::string bootstrap = config_.GetString("kafka.bootstrap_servers");
  const std::string client_id = config_.GetString("kafka.client_id");

  std::unique_ptr<RdKafka::Conf> consumer_conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::map<std::string, std::string> consumer_props = {
      {"bootstrap.servers", bootstrap},
      {"client.id", client_id},
      {"group.id", config_.GetString("kafka.group_id")},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"auto.offset.reset", "earliest"},
      {"statistics.interval.ms", config_.GetString("worker.stats_interval_ms")},
  };
  for (const auto& [key, value] : config_.KafkaProperties("consumer")) consumer_props[key] = value;
  std::string err;
  if (!SetAll(consumer_conf.get(), consumer_props, error) ||
      consumer_conf->set("rebalance_cb", &rebalancer_, err) != RdKafka::Conf::CONF_OK ||
      consumer_conf->set("event_cb", &consumer_events_, err) != RdKafka::Conf::CONF_OK ||
      consumer_conf->set("offset_commit_cb", &commit_reports_, err) != RdKafka::Conf::CONF_OK) {
    if (error->empty()) *error = err;
    return false;
  }
  consumer_.reset(RdKafka::KafkaConsumer::create(consumer_conf.get(), err));
  if (!consumer_) {
    *error = "cannot create the consumer: " + err;
    return false;
  }

  std::unique_ptr<RdKafka::Conf> producer_conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::map<std::string, std::string> producer_props = {
      {"bootstrap.servers", bootstrap},
      {"client.id", client_id},
      {"enable.idempotence", "true"},
      {"statistics.interval.ms", config_.GetString("worker.stats_interval_ms")},
  };
  for (const auto& [key, value] : config_.KafkaProperties("producer")) producer_props[key] = value;
  if (!SetAll(producer_conf.get(), producer_props, error) ||
      producer_conf->set("dr_cb", &delivery_reports_, err) != RdKafka::Conf::CONF_OK ||
      producer_conf->set("event_cb", &producer_events_, err) != RdKafka::Conf::CONF_OK) {
    if (error->empty()) *error = err;
    return false;
  }
  producer_.reset(RdKafka::Producer::create(producer_conf.get(), err));
  if (!producer_) {
    *error = "cannot create the producer: " + err;
    return false;
  }
  return true;
}

std::shared_ptr<PartitionState> KafkaWorker::FindState(int32_t partition) {
  std::lock_guard lock(states_mutex_);
  auto it = states_.find(partition);
  return it == states_.end() ? nullptr : it->second;
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
  metrics_.records_consumed.fetch_add(1);
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
  pool_->Submit(partition, [this, state, work] {
    ProcessOnPool(state, std::move(work->first), std::move(work->second));
  });
}

void KafkaWorker::ProcessOnPool(const std::shared_ptr<PartitionState>& state,
                                std::unique_ptr<RdKafka::Message> message, InFlight in_flight) {
  auto delivery = std::make_unique<Delivery>(Delivery{state, ToInputRecord(*message), {}, false, 0,
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
    metrics_.CountFailure(result.status.where(), result.status.reason());
    spdlog::warn("dead-lettering {}/{}@{} (key '{}'): {}", delivery->input.topic, delivery->input.partition,
                 delivery->input.offset, result.article_id, result.status.ToString());
    delivery->dead_letter = true;
  }
  delivery->output = std::move(result.output);
  Produce(std::move(delivery));
}

void KafkaWorker::Produce(std::unique_ptr<Delivery> delivery) {
  while (true) {
    RdKafka::Headers* headers = RdKafka::Headers::create();
    for (const Header& h : delivery->output.headers) headers->add(h.first, h.second.data(), h.second.size());
    const std::optional<std::string>& key = delivery->output.key;
    ++delivery->attempts;
    Delivery* opaque = delivery.get();
    RdKafka::ErrorCode err = producer_->produce(
        delivery->output.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
        const_cast<char*>(delivery->output.value.data()), delivery->output.value.size(),
        key.has_value() ? key->data() : nullptr, key.has_value() ? key->size() : 0, 0, headers, opaque);
    if (err == RdKafka::ERR_NO_ERROR) {
      delivery.release();  // owned by the delivery report now
      return;
    }
    delete headers;
    if (err == RdKafka::ERR__QUEUE_FULL) {
      // The delivery thread drains the queue; wait briefly rather than fail.
      --delivery->attempts;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    DeliveryFailed(std::move(delivery), err);
    return;
  }
}

void KafkaWorker::OnDelivery(RdKafka::Message& message) {
  std::unique_ptr<Delivery> delivery(static_cast<Delivery*>(message.msg_opaque()));
  if (message.err() != RdKafka::ERR_NO_ERROR) {
    DeliveryFailed(std::move(delivery), message.err());
    return;
  }
  (delivery->dead_letter ? metrics_.records_dead_lettered : metrics_.records_produced).fetch_add(1);
  if (delivery->input.timestamp_ms > 0) {
    auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    metrics_.end_to_end.Observe(static_cast<double>(std::max<int64_t>(0, now_ms - delivery->input.timestamp_ms)) / 1e3);
  }
  std::lock_guard lock(delivery->state->mutex);
  delivery->state->tracker.MarkDone(delivery->input.offset);
}

void KafkaWorker::DeliveryFailed(std::unique_ptr<Delivery> delivery, RdKafka::ErrorCode err) {
  if (err == RdKafka::ERR__PURGE_QUEUE || err == RdKafka::ERR__PURGE_INFLIGHT) {
    return;  // purged at shutdown after the drain timed out: not committed, so consumed again later
  }
  if (IsPermanentProduceError(err)) {
    if (!delivery->dead_letter) {
      // The enriched record cannot be written (e.g. larger than the topic allows): dead-letter the input.
      Status failure = Status::Error("produce", "output record rejected: " + RdKafka::err2str(err));
      metrics_.CountFailure(failure.where(), failure.reason());
      spdlog::warn("dead-lettering {}/{}@{}: {}", delivery->input.topic, delivery->input.partition,
                   delivery->input.offset, failure.ToString());
      delivery->output = processor_.DeadLetter(delivery->input, failure);
      delivery->dead_letter = true;
      delivery->attempts = 0;
      Produce(std::move(delivery));
      return;
    }
    if (!delivery->output.value.empty()) {
      // Even the dead-letter topic refuses the original value: send the headers alone. They name the
      // topic, partition and offset where the original still is.
      spdlog::error("dead-letter record for {}/{}@{} rejected ({}); sending it without its value",
                    delivery->input.topic, delivery->input.partition, delivery->input.offset,
                    RdKafka::err2str(err));
      delivery->output.value.clear();
      delivery->output.headers.emplace_back("copydesk.error.value_dropped", RdKafka::err2str(err));
      Produce(std::move(delivery));
      return;
    }
  }
  // Broker outage, timeout, unknown topic...: retry with backoff, never dead-letter.
  spdlog::warn("delivery to {} failed ({}), attempt {}; retrying", delivery->output.topic, RdKafka::err2str(err),
               delivery->attempts);
  ScheduleRetry(std::move(delivery));
}

void KafkaWorker::ScheduleRetry(std::unique_ptr<Delivery> delivery) {
  metrics_.produce_retries.fetch_add(1);
  auto backoff = retry_backoff_ * (1 << std::min(delivery->attempts - 1, 10));
  backoff = std::min<Clock::duration>(backoff, retry_backoff_max_);
  std::lock_guard lock(retry_mutex_);
  retries_.emplace_back(Clock::now() + backoff, std::move(delivery));
}

void KafkaWorker::DeliveryLoop() {
  while (!delivery_thread_stop_.load()) {
    producer_->poll(50);
    std::vector<std::unique_ptr<Delivery>> due;
    {
      std::lock_guard lock(retry_mutex_);
      auto now = Clock::now();
      for (auto it = retries_.begin(); it != retries_.end();) {
        if (it->first <= now) {
          due.push_back(std::move(it->second));
          it = retries_.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& delivery : due) Produce(std::move(delivery));
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

void KafkaWorker::OnCommit(RdKafka::ErrorCode err, std::vector<RdKafka::TopicPartition*>& offsets) {
  if (err == RdKafka::ERR_NO_ERROR || err == RdKafka::ERR__NO_OFFSET) {
    if (err == RdKafka::ERR_NO_ERROR) metrics_.commits.fetch_add(1);
    return;
  }
  metrics_.commit_failures.fetch_add(1);
  spdlog::warn("offset commit failed: {}; will retry", RdKafka::err2str(err));
  // Forget what was requested so the next round commits these offsets again.
  for (RdKafka::TopicPartition* tp : offsets) {
    if (auto state = FindState(tp->partition())) {
      std::lock_guard lock(state->mutex);
      state->commit_requested = -1;
    }
  }
}

void KafkaWorker::CommitDone(bool sync, const std::vector<int32_t>* only) {
  std::vector<RdKafka::TopicPartition*> offsets;
  std::vector<std::shared_ptr<PartitionState>> states;
  {
    std::lock_guard lock(states_mutex_);
    for (const auto& [partition, state] : states_) {
      if (only != nullptr && std::find(only->begin(), only->end(), partition) == only->end()) continue;
      states.push_back(state);
    }
  }
  for (const auto& state : states) {
    std::lock_guard lock(state->mutex);
    std::optional<int64_t> committable = state->tracker.Committable();
    if (!committable.has_value() || (!sync && *committable <= state->commit_requested)) continue;
    state->commit_requested = *committable;
    offsets.push_back(RdKafka::TopicPartition::create(input_topic_, state->partition, *committable));
  }
  if (offsets.empty()) return;
  RdKafka::ErrorCode err = sync ? consumer_->commitSync(offsets) : consumer_->commitAsync(offsets);
  if (sync) {
    bool any_failed = err != RdKafka::ERR_NO_ERROR;
    for (RdKafka::TopicPartition* tp : offsets) any_failed |= tp->err() != RdKafka::ERR_NO_ERROR;
    if (any_failed) {
      OnCommit(err != RdKafka::ERR_NO_ERROR ? err : RdKafka::ERR__FAIL, offsets);
    } else {
      metrics_.commits.fetch_add(1);
    }
  } else if (err != RdKafka::ERR_NO_ERROR) {
    OnCommit(err, offsets);
  }
  RdKafka::TopicPartition::destroy(offsets);
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
  bool drained = lost || DrainPartitions(ids, Clock::now() + drain_timeout_);
  if (!lost) CommitDone(/*sync=*/true, &ids);
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
  spdlog::info("{} partitions [{}] of {}: {} queued records left to the next owner{}", lost ? "lost" : "revoked",
               fmt::join(ids, ","), input_topic_, dropped, drained ? "" : "; drain timed out");
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
  if (producer_brokers_up_.load() == 0) {
    *why = "producer reaches no broker";
    return false;
  }
  return true;
}

int KafkaWorker::Run() {
  std::string error;
  if (!CreateClients(&error)) {
    spdlog::error("{}", error);
    return kExitConfig;
  }
  size_t threads = static_cast<size_t>(config_.GetInt("worker.threads"));
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  pool_ = std::make_unique<OrderedPool>(threads);
  metrics_.SetProducerQueueProbe([this] { return static_cast<int64_t>(producer_->outq_len()); });
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
  std::thread delivery_thread([this] { DeliveryLoop(); });

  RdKafka::ErrorCode err = consumer_->subscribe({input_topic_});
  if (err != RdKafka::ERR_NO_ERROR) {
    spdlog::error("cannot subscribe to {}: {}", input_topic_, RdKafka::err2str(err));
    delivery_thread_stop_.store(true);
    delivery_thread.join();
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
    HandleMessage(std::unique_ptr<RdKafka::Message>(consumer_->consume(poll_ms)));
    ApplyBackpressure();
    if (Clock::now() >= next_commit) {
      CommitDone(/*sync=*/false);
      next_commit = Clock::now() + commit_interval;
    }
  }

  int exit_code = kExitOk;
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
    auto deadline = Clock::now() + drain_timeout_;
    while (metrics_.records_in_flight.load() > 0 && Clock::now() < deadline && !fatal_.load()) {
      // Keep serving the consumer (rebalances, commit callbacks) while the pool finishes.
      loop_tick_ns_.store(Clock::now().time_since_epoch().count());
      HandleMessage(std::unique_ptr<RdKafka::Message>(consumer_->consume(20)));
    }
    int64_t left = metrics_.records_in_flight.load();
    CommitDone(/*sync=*/true);
    if (left > 0) {
      spdlog::warn("drain timed out with {} records in flight; they will be consumed again", left);
      exit_code = kExitDrainTimeout;
    } else {
      spdlog::info("drained; offsets committed");
    }
  }
  if (http) http->Stop();
  consumer_->close();  // revokes through the rebalance callback, which commits again if needed
  pool_.reset();       // finishes running tasks
  producer_->flush(5000);
  delivery_thread_stop_.store(true);
  delivery_thread.join();
  {
    std::lock_guard lock(retry_mutex_);
    retries_.clear();
  }
  // Delete deliveries still queued in librdkafka (only after a timeout): purge calls their reports.
  producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
  producer_->poll(0);
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
  KafkaWorker worker(config, chain.value());
  return worker.Run();
}

}  // namespace copydesk::worker
