// DeliveryPipeline against librdkafka's in-process mock cluster: deliveries that fail whole (the broker is
// down past message.timeout.ms) are produced again, in offset order, and records produced meanwhile wait
// behind them, so per-key order survives the failure. The mock is enough here: what is under test is the
// pipeline's own retry order, not the broker's guarantees (those are tested on a real broker).
#include "worker/delivery_pipeline.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <set>
#include <thread>

#include "stages/chain.h"

namespace copydesk::worker {
namespace {

using namespace std::chrono_literals;

class NullEvents final : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event&) override {}
};

class DeliveryPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char errstr[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    ASSERT_EQ(rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", errstr, sizeof(errstr)), RD_KAFKA_CONF_OK);
    host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
    ASSERT_NE(host_, nullptr) << errstr;
    mock_ = rd_kafka_handle_mock_cluster(host_);
    ASSERT_NE(mock_, nullptr);
    ASSERT_EQ(rd_kafka_mock_topic_create(mock_, "out", 1, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    ASSERT_EQ(rd_kafka_mock_topic_create(mock_, "dlq", 1, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    bootstraps_ = rd_kafka_mock_cluster_bootstraps(mock_);
  }
  void TearDown() override {
    if (host_ != nullptr) rd_kafka_destroy(host_);
  }

  // Every value on `topic`, in log order.
  std::vector<std::string> ReadAll(const std::string& topic, size_t expected) {
    char errstr[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps_.c_str(), errstr, sizeof(errstr));
    rd_kafka_conf_set(conf, "fetch.wait.max.ms", "5", errstr, sizeof(errstr));
    rd_kafka_conf_set(conf, "group.id", "reader", errstr, sizeof(errstr));  // consumer_poll needs one
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr, sizeof(errstr));
    rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof(errstr));
    rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(parts, topic.c_str(), 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(consumer, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    std::vector<std::string> values;
    auto deadline = std::chrono::steady_clock::now() + 30s;
    while (values.size() < expected && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100);
      if (message == nullptr) continue;
      if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        values.emplace_back(static_cast<const char*>(message->payload), message->len);
      }
      rd_kafka_message_destroy(message);
    }
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    return values;
  }

  rd_kafka_t* host_ = nullptr;
  rd_kafka_mock_cluster_t* mock_ = nullptr;
  std::string bootstraps_;
};

std::unique_ptr<Delivery> OneRecord(const std::shared_ptr<PartitionState>& state, Metrics& metrics, int64_t offset) {
  auto delivery = std::make_unique<Delivery>(
      Delivery{state, {}, {}, false, 0, false, InFlight(metrics, state, 10)});
  delivery->input.topic = "in";
  delivery->input.offset = offset;
  delivery->output.topic = "out";
  delivery->output.key = "one-key";
  delivery->output.value = std::to_string(offset);
  {
    std::lock_guard lock(state->mutex);
    state->tracker.Track(offset);
  }
  return delivery;
}

TEST_F(DeliveryPipelineTest, RecordsThatFailWholeAreRetriedInOrderAndNothingOvertakesThem) {
  Config config;
  ASSERT_TRUE(config.Set("kafka.bootstrap_servers", bootstraps_, "test").ok());
  // Small enough that deliveries fail whole while the broker is down, which is the path under test.
  ASSERT_TRUE(config.Set("kafka.producer.message.timeout.ms", "300", "test").ok());
  ASSERT_TRUE(config.Set("kafka.producer.linger.ms", "1", "test").ok());
  ASSERT_TRUE(config.Set("kafka.producer.reconnect.backoff.max.ms", "100", "test").ok());
  // A held partition is tried again only after this long, so records sent once the broker is back get
  // there first unless the pipeline makes them wait behind the failed ones: the case that matters.
  ASSERT_TRUE(config.Set("worker.retry_backoff_ms", "1500", "test").ok());
  ASSERT_TRUE(config.Set("worker.retry_backoff_max_ms", "1500", "test").ok());
  stages::ChainSpec spec;
  spec.stages = {"normalize"};
  stages::Chain chain = std::move(stages::Chain::Build(spec)).value();
  RecordProcessor processor(chain, "out", "dlq");
  Metrics metrics;
  NullEvents events;
  DeliveryPipeline pipeline(config, metrics, processor);
  std::string error;
  ASSERT_TRUE(pipeline.Create(&events, /*transactional_id=*/"", /*topic_limit=*/std::nullopt, &error)) << error;
  pipeline.Start();
  auto state = std::make_shared<PartitionState>(0);

  constexpr int kRecords = 300;
  int64_t offset = 0;
  auto wait_produced = [&](uint64_t count) {
    auto until = std::chrono::steady_clock::now() + 30s;
    while (metrics.records_produced.load() < count && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(10ms);
    }
    return metrics.records_produced.load() >= count;
  };
  for (; offset < 50; ++offset) pipeline.Send(OneRecord(state, metrics, offset));
  ASSERT_TRUE(wait_produced(50)) << "records flow before the outage";
  rd_kafka_mock_broker_set_down(mock_, 1);
  for (; offset < 200; ++offset) {
    pipeline.Send(OneRecord(state, metrics, offset));
    std::this_thread::sleep_for(5ms);  // keep sending while earlier records fail
  }
  // Every record sent during the outage fails whole before the broker is back (a record librdkafka still
  // retries inside keeps its place by itself: the worker's default message.timeout.ms is unbounded).
  std::this_thread::sleep_for(600ms);
  rd_kafka_mock_broker_set_up(mock_, 1);
  std::this_thread::sleep_for(300ms);  // the producer reconnects; the held records still wait their backoff
  for (; offset < kRecords; ++offset) pipeline.Send(OneRecord(state, metrics, offset));

  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (metrics.records_produced.load() < static_cast<uint64_t>(kRecords) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(metrics.records_produced.load(), static_cast<uint64_t>(kRecords));
  EXPECT_GT(metrics.produce_retries.load(), 0u) << "the outage made deliveries fail whole: the path under test ran";
  EXPECT_EQ(metrics.records_dead_lettered.load(), 0u) << "an outage is retried, never dead-lettered";
  {
    std::lock_guard lock(state->mutex);
    EXPECT_EQ(state->tracker.Committable(), std::optional<int64_t>(kRecords)) << "every record marked done";
  }
  pipeline.Stop();

  std::vector<std::string> out = ReadAll("out", kRecords);
  ASSERT_GE(out.size(), static_cast<size_t>(kRecords));
  // Per-key order: a value never appears after a larger one (a copy of one already seen may repeat only
  // where librdkafka wrote a batch whose report it lost, which the mock does not do).
  int64_t highest = -1;
  std::set<int64_t> seen;
  for (const std::string& value : out) {
    int64_t v = std::stoll(value);
    EXPECT_GT(v, highest) << "record " << v << " landed behind " << highest;
    highest = std::max(highest, v);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kRecords));
}

}  // namespace
}  // namespace copydesk::worker
