#include "worker/delivery_pipeline.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "worker/kafka_conf.h"

namespace copydesk::worker {
namespace {

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

// Keeps `waiting` in input-offset order whatever order failures are reported in.
void InsertInOffsetOrder(std::deque<std::unique_ptr<Delivery>>& waiting, std::unique_ptr<Delivery> delivery) {
  auto at = std::upper_bound(waiting.begin(), waiting.end(), delivery->input.offset,
                             [](int64_t offset, const std::unique_ptr<Delivery>& d) { return offset < d->input.offset; });
  waiting.insert(at, std::move(delivery));
}

}  // namespace

DeliveryPipeline::DeliveryPipeline(const Config& config, Metrics& metrics, const RecordProcessor& processor)
    : config_(config),
      metrics_(metrics),
      processor_(processor),
      retry_backoff_(std::chrono::milliseconds(config.GetInt("worker.retry_backoff_ms"))),
      retry_backoff_max_(std::chrono::milliseconds(config.GetInt("worker.retry_backoff_max_ms"))) {}

DeliveryPipeline::~DeliveryPipeline() { Stop(); }

bool DeliveryPipeline::Create(RdKafka::EventCb* events, const std::string& transactional_id,
                              std::optional<int64_t> topic_limit, std::string* error) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::map<std::string, std::string> props = {
      {"bootstrap.servers", config_.GetString("kafka.bootstrap_servers")},
      {"client.id", config_.GetString("kafka.client_id")},
      {"enable.idempotence", "true"},
      // Retry inside librdkafka for as long as it takes (a shutdown purges what is left, uncommitted): a
      // record that timed out while newer ones of its partition got through would be delivered out of order.
      {"message.timeout.ms", "0"},
      {"statistics.interval.ms", config_.GetString("worker.stats_interval_ms")},
  };
  const std::map<std::string, std::string> configured = config_.KafkaProperties("producer");
  constexpr int64_t kLibrdkafkaBatchSize = 1000000;  // librdkafka's batch.size default
  if (topic_limit.has_value() && *topic_limit < kLibrdkafkaBatchSize) {
    // A margin for what the broker counts and librdkafka's estimate may not (batch header, compression
    // framing); a record larger than the cap still goes alone, and the broker judges it on its own.
    int64_t cap = std::max<int64_t>(*topic_limit - 512, 1024);
    props["batch.size"] = std::to_string(cap);
    spdlog::info("producer batches capped at {} bytes: the output topics take at most {}", cap, *topic_limit);
  }
  for (const auto& [key, value] : configured) props[key] = value;
  transactional_ = !transactional_id.empty();
  if (transactional_) props["transactional.id"] = transactional_id;
  std::string err;
  if (!SetAll(conf.get(), props, error) || conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(this), err) != RdKafka::Conf::CONF_OK ||
      conf->set("event_cb", events, err) != RdKafka::Conf::CONF_OK) {
    if (error->empty()) *error = err;
    return false;
  }
  producer_.reset(RdKafka::Producer::create(conf.get(), err));
  if (!producer_) {
    *error = "cannot create the producer: " + err;
    return false;
  }
  if (transactional_) {
    // Fences any earlier producer with this transactional.id (a previous life of this instance) and
    // aborts what it left open.
    std::unique_ptr<RdKafka::Error> failed(producer_->init_transactions(60000));
    if (!failed) failed.reset(producer_->begin_transaction());
    if (failed) {
      *error = "cannot start transactions as '" + transactional_id + "': " + failed->str();
      return false;
    }
  }
  return true;
}

std::optional<std::string> DeliveryPipeline::IsRefused(int32_t partition, int64_t offset) const {
  std::lock_guard lock(refused_mutex_);
  auto it = refused_.find({partition, offset});
  if (it == refused_.end()) return std::nullopt;
  return it->second;
}

void DeliveryPipeline::Start() {
  thread_ = std::thread([this] { Loop(); });
}

bool DeliveryPipeline::Send(std::unique_ptr<Delivery> delivery) {
  while (true) {
    {
      std::lock_guard lock(hold_mutex_);
      // A dead-letter record has no order to keep with the output: it never waits behind a hold.
      auto hold = delivery->dead_letter ? holds_.end() : holds_.find(delivery->state.get());
      if (hold != holds_.end()) {
        InsertInOffsetOrder(hold->second.waiting, std::move(delivery));
        return true;
      }
      delivery = ProduceLocked(std::move(delivery));
    }
    if (delivery == nullptr) return true;
    // The queue is full: the delivery thread makes room; wait briefly rather than fail.
    if (abandon_waits_.load()) return false;  // shutdown past its deadline: uncommitted, processed again later
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::unique_ptr<Delivery> DeliveryPipeline::ProduceLocked(std::unique_ptr<Delivery> delivery) {
  RdKafka::Headers* headers = RdKafka::Headers::create();
  for (const Header& h : delivery->output.headers) headers->add(h.first, h.second.data(), h.second.size());
  const std::optional<std::string>& key = delivery->output.key;
  const OutputRecord& out = delivery->output;
  RdKafka::ErrorCode err = producer_->produce(
      out.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
      out.null_value ? nullptr : const_cast<char*>(out.value.data()), out.null_value ? 0 : out.value.size(),
      key.has_value() ? key->data() : nullptr, key.has_value() ? key->size() : 0, 0, headers, delivery.get());
  if (err == RdKafka::ERR_NO_ERROR) {
    if (delivery->attempts == 0) delivery->handed_at = Clock::now();
    ++delivery->attempts;
    delivery.release();  // owned by its delivery report now
    return nullptr;
  }
  delete headers;
  if (err == RdKafka::ERR__QUEUE_FULL) return delivery;
  ++delivery->attempts;
  Failed(std::move(delivery), err, /*reported=*/false);
  return nullptr;
}

void DeliveryPipeline::dr_cb(RdKafka::Message& message) {
  std::unique_ptr<Delivery> delivery(static_cast<Delivery*>(message.msg_opaque()));
  if (message.err() == RdKafka::ERR_NO_ERROR) {
    Delivered(*delivery);
    if (delivery->probe) {
      std::lock_guard lock(hold_mutex_);
      Release(delivery->state.get());
    }
    return;
  }
  std::lock_guard lock(hold_mutex_);
  Failed(std::move(delivery), message.err(), /*reported=*/true);
}

void DeliveryPipeline::Delivered(Delivery& delivery) {
  (delivery.dead_letter ? metrics_.records_dead_lettered : metrics_.records_produced).fetch_add(1);
  if (delivery.handed_at != Clock::time_point{}) {
    metrics_.hops.deliver.Observe(std::chrono::duration<double>(Clock::now() - delivery.handed_at).count());
  }
  if (delivery.input.timestamp_ms > 0) {
    auto now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    metrics_.end_to_end.Observe(static_cast<double>(std::max<int64_t>(0, now_ms - delivery.input.timestamp_ms)) / 1e3);
  }
  std::lock_guard lock(delivery.state->mutex);
  delivery.state->tracker.MarkDone(delivery.input.offset);
}

void DeliveryPipeline::Failed(std::unique_ptr<Delivery> delivery, RdKafka::ErrorCode err, bool reported) {
  if (err == RdKafka::ERR__PURGE_QUEUE || err == RdKafka::ERR__PURGE_INFLIGHT) {
    return;  // purged at shutdown: not committed, so consumed again later
  }
  if (transactional_ && (reported || !IsPermanentProduceError(err))) {
    // The open transaction holds a failed record, or lacks one its offsets will cover: only aborting it and
    // processing its records again keeps exactly-once (a hold would let the commit run ahead of the record).
    // A record refused for good is dead-lettered on that second pass; one produce() refused at once as too
    // large is dead-lettered right away, below, inside the transaction.
    if (IsPermanentProduceError(err) && !delivery->dead_letter) {
      std::lock_guard lock(refused_mutex_);
      refused_[{delivery->input.partition, delivery->input.offset}] = "output record rejected: " + RdKafka::err2str(err);
    }
    spdlog::warn("delivery of {}/{}@{} in the open transaction failed ({}); aborting it", delivery->input.topic,
                 delivery->input.partition, delivery->input.offset, RdKafka::err2str(err));
    abort_needed_.store(true);
    return;
  }
  if (IsPermanentProduceError(err) && (!delivery->dead_letter || !delivery->output.value.empty())) {
    if (delivery->probe) {
      // The held partition's first record is refused for good: the next waiting one probes instead.
      auto hold = holds_.find(delivery->state.get());
      if (hold != holds_.end()) {
        hold->second.probing = false;
        hold->second.next_try = Clock::now();
      }
      delivery->probe = false;
    }
    if (!delivery->dead_letter) {
      // The enriched record cannot be written (e.g. larger than the topic allows): dead-letter the input.
      Status failure =
          Status::Error(StatusCode::kUnavailable, "produce", "output record rejected: " + RdKafka::err2str(err));
      metrics_.CountFailure(failure.where(), failure.code());
      spdlog::warn("dead-lettering {}/{}@{}: {}", delivery->input.topic, delivery->input.partition,
                   delivery->input.offset, failure.ToString());
      delivery->output = processor_.DeadLetter(delivery->input, failure);
      delivery->dead_letter = true;
    } else {
      // Even the dead-letter topic refuses the original value: send the headers alone. They name the
      // topic, partition and offset where the original still is.
      spdlog::error("dead-letter record for {}/{}@{} rejected ({}); sending it without its value",
                    delivery->input.topic, delivery->input.partition, delivery->input.offset, RdKafka::err2str(err));
      delivery->output.value.clear();
      delivery->output.null_value = false;
      delivery->output.headers.emplace_back("copydesk.error.value_dropped", RdKafka::err2str(err));
    }
    delivery->attempts = 0;
    if (auto full = ProduceLocked(std::move(delivery))) retries_.emplace_back(Clock::now(), std::move(full));
    return;
  }
  // Broker outage, unknown topic...: retry with backoff, never dead-letter.
  metrics_.produce_retries.fetch_add(1);
  spdlog::warn("delivery of {}/{}@{} to {} failed ({}), attempt {}; retrying", delivery->input.topic,
               delivery->input.partition, delivery->input.offset, delivery->output.topic, RdKafka::err2str(err),
               delivery->attempts);
  if (delivery->dead_letter) {
    Clock::time_point due = Clock::now() + Backoff(delivery->attempts);
    retries_.emplace_back(due, std::move(delivery));
    return;
  }
  HoldBack(std::move(delivery));
}

void DeliveryPipeline::HoldBack(std::unique_ptr<Delivery> delivery) {
  Hold& hold = holds_[delivery->state.get()];
  if (delivery->probe) {
    hold.probing = false;
    delivery->probe = false;
  }
  ++hold.attempts;
  hold.next_try = Clock::now() + Backoff(hold.attempts);
  InsertInOffsetOrder(hold.waiting, std::move(delivery));
}

void DeliveryPipeline::Release(PartitionState* state) {
  auto it = holds_.find(state);
  if (it == holds_.end()) return;  // dropped on revoke meanwhile
  Hold& hold = it->second;
  hold.probing = false;
  const int attempts = hold.attempts;
  while (!hold.waiting.empty()) {
    std::unique_ptr<Delivery> next = std::move(hold.waiting.front());
    hold.waiting.pop_front();
    if (auto full = ProduceLocked(std::move(next))) {
      hold.waiting.push_front(std::move(full));  // the rest goes after the next probe
      hold.next_try = Clock::now();
      return;
    }
    if (hold.attempts != attempts) return;  // failed again at once: held again, in order
  }
  holds_.erase(it);
  spdlog::info("deliveries of partition {} flow again", state->partition);
}

void DeliveryPipeline::ServeHoldsAndRetries() {
  std::lock_guard lock(hold_mutex_);
  auto now = Clock::now();
  for (auto it = holds_.begin(); it != holds_.end();) {
    Hold& hold = it->second;
    if (hold.waiting.empty() && !hold.probing) {
      it = holds_.erase(it);
      continue;
    }
    if (!hold.probing && !hold.waiting.empty() && hold.next_try <= now) {
      std::unique_ptr<Delivery> probe = std::move(hold.waiting.front());
      hold.waiting.pop_front();
      probe->probe = true;
      hold.probing = true;
      if (auto full = ProduceLocked(std::move(probe))) {
        full->probe = false;
        hold.probing = false;
        hold.waiting.push_front(std::move(full));
      }
    }
    ++it;
  }
  std::vector<std::unique_ptr<Delivery>> due;
  for (auto it = retries_.begin(); it != retries_.end();) {
    if (it->first <= now) {
      due.push_back(std::move(it->second));
      it = retries_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& delivery : due) {
    if (auto full = ProduceLocked(std::move(delivery))) retries_.emplace_back(now, std::move(full));
  }
}

size_t DeliveryPipeline::DropHeld(const PartitionState& state) {
  std::lock_guard lock(hold_mutex_);
  auto it = holds_.find(&state);
  if (it == holds_.end()) return 0;
  size_t dropped = it->second.waiting.size();
  holds_.erase(it);
  return dropped;
}

DeliveryPipeline::Clock::duration DeliveryPipeline::Backoff(int attempts) const {
  auto backoff = retry_backoff_ * (1 << std::clamp(attempts - 1, 0, 10));
  return std::min<Clock::duration>(backoff, retry_backoff_max_);
}

void DeliveryPipeline::Loop() {
  while (!stop_.load()) {
    producer_->poll(50);
    ServeHoldsAndRetries();
  }
}

bool DeliveryPipeline::Flush(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return producer_->flush(static_cast<int>(std::max<int64_t>(left, 0))) == RdKafka::ERR_NO_ERROR;
}

void DeliveryPipeline::Stop() {
  if (!producer_) return;
  if (transactional_) {
    // Whatever the committer did not commit is aborted, so read_committed consumers never see it.
    std::unique_ptr<RdKafka::Error> failed(producer_->abort_transaction(5000));
    if (failed && failed->code() != RdKafka::ERR__STATE) spdlog::warn("aborting the open transaction: {}", failed->str());
  }
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard lock(hold_mutex_);
    retries_.clear();
    holds_.clear();
  }
  // Delete deliveries still queued in librdkafka: purge calls their reports, which drop them.
  producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
  producer_->poll(0);
  producer_.reset();
}

}  // namespace copydesk::worker
