// copydesk-bench-kafka: the Kafka side of `tools/bench kafka` (a benchmark, never a test). Three commands:
//
//   create-topic  creates a topic with N partitions (an existing one is fine), so that the worker and the
//                 baseline drain the same partitioned log;
//   passthrough   the ceiling the worker is measured against: a bare consume -> produce loop with the
//                 worker's own librdkafka settings (cooperative-sticky group, manual offset store, idempotent
//                 producer with linger.ms=5 and lz4, message.timeout.ms=0) and its delivery contract
//                 (an input offset is committed only after its output is delivered, every second). It copies
//                 key and value and does nothing else, so the difference to the worker is the worker's
//                 plumbing plus its chain;
//   rate          offers records at a fixed rate to an input topic and reads the output topic at the same
//                 time; prints end-to-end latency (p50/p99/max, from produce() to the output's arrival, one
//                 steady clock in one process) as one JSON object.
//
// Written by hand because no packaged tool does these with librdkafka 2.15.1 and the worker's settings
// (kafka-producer-perf-test is Java, and measures neither a consume -> produce hop nor our latency).
#include <CLI/CLI.hpp>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tools/common/kafka_settings.h"
#include "tools/common/stop_signal.h"
#include "tools/feed/article_records.h"

namespace copydesk::tools {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kExitOk = 0, kExitFailed = 1;

// The worker's consumer and producer settings (worker/kafka_worker.cc, worker/delivery_pipeline.cc and
// the embedded default.yaml), so that the baseline pays for what the worker pays for in librdkafka.
const std::vector<std::string> kWorkerConsumerSettings = {
    "enable.auto.commit=false", "enable.auto.offset.store=false",
    "partition.assignment.strategy=cooperative-sticky", "auto.offset.reset=earliest",
    "statistics.interval.ms=2000"};
const std::vector<std::string> kWorkerProducerSettings = {"enable.idempotence=true", "message.timeout.ms=0",
                                                          "linger.ms=5", "compression.type=lz4",
                                                          "statistics.interval.ms=2000"};

// Statistics are requested for a fair share of librdkafka's work, and dropped here.
class IgnoreEvents : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override {
    if (event.type() == RdKafka::Event::EVENT_ERROR && event.fatal()) {
      std::cerr << "copydesk-bench-kafka: fatal: " << event.str() << "\n";
      std::_Exit(kExitFailed);
    }
  }
};

std::unique_ptr<RdKafka::Conf> Conf(const KafkaSettings& kafka, std::vector<std::string> settings) {
  StatusOr<std::unique_ptr<RdKafka::Conf>> conf = MakeKafkaConf(kafka, settings);
  if (!conf.ok()) {
    std::cerr << "copydesk-bench-kafka: " << conf.status().ToString() << "\n";
    std::exit(kExitFailed);
  }
  return std::move(conf).value();
}

// Callbacks on a configuration; a null one is left unset.
void SetCallbacks(RdKafka::Conf* conf, RdKafka::EventCb* events, RdKafka::DeliveryReportCb* deliveries,
                  RdKafka::RebalanceCb* rebalance) {
  std::string err;
  if ((events != nullptr && conf->set("event_cb", events, err) != RdKafka::Conf::CONF_OK) ||
      (deliveries != nullptr && conf->set("dr_cb", deliveries, err) != RdKafka::Conf::CONF_OK) ||
      (rebalance != nullptr && conf->set("rebalance_cb", rebalance, err) != RdKafka::Conf::CONF_OK)) {
    std::cerr << "copydesk-bench-kafka: " << err << "\n";
    std::exit(kExitFailed);
  }
}

struct Clients {
  std::unique_ptr<RdKafka::Producer> producer;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
};

Clients CreateClients(RdKafka::Conf* producer_conf, RdKafka::Conf* consumer_conf) {
  std::string err;
  Clients clients;
  clients.producer.reset(RdKafka::Producer::create(producer_conf, err));
  if (clients.producer) clients.consumer.reset(RdKafka::KafkaConsumer::create(consumer_conf, err));
  if (!clients.producer || !clients.consumer) {
    std::cerr << "copydesk-bench-kafka: " << err << "\n";
    std::exit(kExitFailed);
  }
  return clients;
}

// ---- create-topic --------------------------------------------------------------------------------------

int CreateTopic(const KafkaSettings& kafka, const std::string& topic, int partitions) {
  std::unique_ptr<RdKafka::Conf> conf = Conf(kafka, {});
  std::string err;
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), err));
  if (!producer) {
    std::cerr << "copydesk-bench-kafka: " << err << "\n";
    return kExitFailed;
  }
  rd_kafka_t* rk = producer->c_ptr();
  char errstr[512];
  rd_kafka_NewTopic_t* new_topic = rd_kafka_NewTopic_new(topic.c_str(), partitions, -1, errstr, sizeof(errstr));
  if (new_topic == nullptr) {
    std::cerr << "copydesk-bench-kafka: " << errstr << "\n";
    return kExitFailed;
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &new_topic, 1, nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  int rc = kExitFailed;
  if (event == nullptr) {
    std::cerr << "copydesk-bench-kafka: no answer to CreateTopics in 30 s\n";
  } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::cerr << "copydesk-bench-kafka: " << rd_kafka_event_error_string(event) << "\n";
  } else {
    size_t count = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
    rd_kafka_resp_err_t topic_err = count > 0 ? rd_kafka_topic_result_error(results[0]) : RD_KAFKA_RESP_ERR_NO_ERROR;
    if (topic_err == RD_KAFKA_RESP_ERR_NO_ERROR || topic_err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      rc = kExitOk;
    } else {
      std::cerr << "copydesk-bench-kafka: " << topic << ": " << rd_kafka_topic_result_error_string(results[0]) << "\n";
    }
  }
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(new_topic);
  return rc;
}

// ---- passthrough ---------------------------------------------------------------------------------------

// The input position a delivered output stands for, carried through the producer as its opaque.
struct Position {
  int32_t partition;
  int64_t offset;
};

class PassthroughDeliveries : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<Position> position(static_cast<Position*>(message.msg_opaque()));
    if (message.err() != RdKafka::ERR_NO_ERROR) {
      // message.timeout.ms=0 and idempotence: librdkafka retries by itself, so this is fatal here.
      std::cerr << "copydesk-bench-kafka: delivery failed: " << message.errstr() << "\n";
      std::_Exit(kExitFailed);
    }
    // One producer, idempotent: a partition's outputs are delivered in order, so the last one is the
    // contiguous high mark.
    int64_t& next = next_offset[position->partition];
    next = std::max(next, position->offset + 1);
    ++delivered;
  }
  std::map<int32_t, int64_t> next_offset;  // the offset to commit per input partition
  uint64_t delivered = 0;
};

class Rebalance : public RdKafka::RebalanceCb {
 public:
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    RdKafka::Error* error = err == RdKafka::ERR__ASSIGN_PARTITIONS ? consumer->incremental_assign(partitions)
                                                                   : consumer->incremental_unassign(partitions);
    if (error != nullptr) {
      std::cerr << "copydesk-bench-kafka: rebalance: " << error->str() << "\n";
      delete error;
    }
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS && !partitions.empty()) {
      std::cout << "assigned " << partitions.size() << std::endl;
    }
  }
};

void Commit(RdKafka::KafkaConsumer* consumer, const std::map<int32_t, int64_t>& next_offset,
            const std::string& topic, bool sync) {
  if (next_offset.empty()) return;
  std::vector<RdKafka::TopicPartition*> offsets;
  for (const auto& [partition, offset] : next_offset) {
    offsets.push_back(RdKafka::TopicPartition::create(topic, partition, offset));
  }
  if (sync) {
    consumer->commitSync(offsets);
  } else {
    consumer->commitAsync(offsets);
  }
  RdKafka::TopicPartition::destroy(offsets);
}

// Prints "first" at the first record consumed and "done N SECONDS" once N records are delivered (N = 0:
// never); keeps running until a stop signal.
int Passthrough(const KafkaSettings& kafka, const std::string& input, const std::string& output,
                const std::string& group, uint64_t records) {
  IgnoreEvents events;
  PassthroughDeliveries deliveries;
  Rebalance rebalance;
  std::unique_ptr<RdKafka::Conf> producer_conf = Conf(kafka, kWorkerProducerSettings);
  SetCallbacks(producer_conf.get(), &events, &deliveries, nullptr);
  std::vector<std::string> consumer_settings = kWorkerConsumerSettings;
  consumer_settings.push_back("group.id=" + group);
  std::unique_ptr<RdKafka::Conf> consumer_conf = Conf(kafka, consumer_settings);
  SetCallbacks(consumer_conf.get(), &events, nullptr, &rebalance);
  auto [producer, consumer] = CreateClients(producer_conf.get(), consumer_conf.get());
  if (consumer->subscribe({input}) != RdKafka::ERR_NO_ERROR) return kExitFailed;
  const Clock::time_point start = Clock::now();
  Clock::time_point next_commit = start + std::chrono::seconds(1);
  bool reported = false;
  bool first = true;
  while (!StopRequested()) {
    std::unique_ptr<RdKafka::Message> message(consumer->consume(100));
    if (message->err() == RdKafka::ERR_NO_ERROR) {
      if (first) {
        first = false;
        std::cout << "first" << std::endl;  // the drain is timed from here, as the worker's is
      }
      auto* position = new Position{message->partition(), message->offset()};
      for (;;) {
        RdKafka::ErrorCode produced = producer->produce(
            output, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY, message->payload(),
            message->len(), message->key_pointer(), message->key_len(), 0, position);
        if (produced == RdKafka::ERR_NO_ERROR) break;
        if (produced != RdKafka::ERR__QUEUE_FULL) {
          std::cerr << "copydesk-bench-kafka: produce: " << RdKafka::err2str(produced) << "\n";
          return kExitFailed;
        }
        producer->poll(10);
      }
    }
    producer->poll(0);
    if (Clock::now() >= next_commit) {
      Commit(consumer.get(), deliveries.next_offset, input, false);
      next_commit = Clock::now() + std::chrono::seconds(1);
    }
    if (!reported && records > 0 && deliveries.delivered >= records) {
      reported = true;
      std::cout << "done " << deliveries.delivered << " "
                << std::chrono::duration<double>(Clock::now() - start).count() << std::endl;
    }
  }
  producer->flush(10000);
  producer->poll(0);
  Commit(consumer.get(), deliveries.next_offset, input, true);
  consumer->close();
  return kExitOk;
}

// ---- rate ----------------------------------------------------------------------------------------------

struct RateOptions {
  std::string input, output, articles;
  double rate = 1000;
  double seconds = 30;
  double warmup_seconds = 3;
  double grace_seconds = 15;
  std::string run_id = "r";
};

std::vector<std::string> ReadArticles(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  size_t index = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

int Rate(const KafkaSettings& kafka, const RateOptions& options) {
  std::vector<std::string> lines = ReadArticles(options.articles);
  if (lines.empty()) {
    std::cerr << "copydesk-bench-kafka: no articles in " << options.articles << "\n";
    return kExitFailed;
  }
  // Encoded once: the offered load must not wait for the generator.
  const size_t total = static_cast<size_t>(options.rate * (options.warmup_seconds + options.seconds));
  const size_t distinct = std::min(lines.size(), total);
  std::vector<std::string> values;
  for (size_t i = 0; i < distinct; ++i) {
    StatusOr<v1::RawArticle> article = ArticleFromJsonLine(lines[i], true);
    if (!article.ok()) {
      std::cerr << "copydesk-bench-kafka: " << options.articles << ": " << article.status().ToString() << "\n";
      return kExitFailed;
    }
    article.value().set_id("");  // the key names the article; the worker falls back to it
    StatusOr<std::string> value = EncodeArticle(article.value(), WireFormat::kProtobuf);
    if (!value.ok()) return kExitFailed;
    values.push_back(std::move(value).value());
  }

  IgnoreEvents events;
  // The generator itself must not batch: linger.ms=0, so a record's clock starts when it leaves.
  std::unique_ptr<RdKafka::Conf> producer_conf = Conf(kafka, {"enable.idempotence=true", "linger.ms=0"});
  SetCallbacks(producer_conf.get(), &events, nullptr, nullptr);
  std::unique_ptr<RdKafka::Conf> consumer_conf =
      Conf(kafka, {"group.id=copydesk-bench-rate-" + options.run_id, "enable.auto.commit=false",
                   "fetch.wait.max.ms=10"});
  auto [producer, consumer] = CreateClients(producer_conf.get(), consumer_conf.get());
  std::string err;
  // Read the output from its current end, fixed before the first record goes out.
  RdKafka::Metadata* metadata = nullptr;
  std::unique_ptr<RdKafka::Topic> topic(RdKafka::Topic::create(producer.get(), options.output, nullptr, err));
  if (producer->metadata(false, topic.get(), &metadata, 10000) != RdKafka::ERR_NO_ERROR || metadata == nullptr ||
      metadata->topics()->empty() || metadata->topics()->at(0)->partitions()->empty()) {
    std::cerr << "copydesk-bench-kafka: no partitions for " << options.output << " (create it first)\n";
    delete metadata;
    return kExitFailed;
  }
  std::vector<RdKafka::TopicPartition*> assignment;
  for (const RdKafka::PartitionMetadata* partition : *metadata->topics()->at(0)->partitions()) {
    int64_t low = 0, high = 0;
    if (consumer->query_watermark_offsets(options.output, partition->id(), &low, &high, 10000) !=
        RdKafka::ERR_NO_ERROR) {
      std::cerr << "copydesk-bench-kafka: cannot read the end of " << options.output << "\n";
      return kExitFailed;
    }
    assignment.push_back(RdKafka::TopicPartition::create(options.output, partition->id(), high));
  }
  delete metadata;
  consumer->assign(assignment);
  RdKafka::TopicPartition::destroy(assignment);

  std::vector<Clock::time_point> sent_at(total);
  std::vector<double> latency_ms(total, -1);
  std::atomic<size_t> sent{0};
  std::atomic<bool> sending_done{false};
  std::atomic<size_t> received{0};
  const std::string prefix = "bench-" + options.run_id + "-";
  std::thread reader([&] {
    Clock::time_point deadline = Clock::time_point::max();
    while (received.load() < total) {
      if (sending_done.load() && deadline == Clock::time_point::max()) {
        deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(options.grace_seconds));
      }
      if (Clock::now() >= deadline || StopRequested()) break;
      std::unique_ptr<RdKafka::Message> message(consumer->consume(50));
      if (message->err() != RdKafka::ERR_NO_ERROR || message->key() == nullptr) continue;
      const Clock::time_point now = Clock::now();
      const std::string& key = *message->key();
      if (key.compare(0, prefix.size(), prefix) != 0) continue;
      size_t index = std::stoul(key.substr(prefix.size()));
      if (index >= sent.load() || latency_ms[index] >= 0) continue;
      latency_ms[index] = std::chrono::duration<double, std::milli>(now - sent_at[index]).count();
      received.fetch_add(1);
    }
  });

  const Clock::time_point start = Clock::now();
  for (size_t i = 0; i < total && !StopRequested(); ++i) {
    Clock::time_point due = start + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(static_cast<double>(i) / options.rate));
    std::this_thread::sleep_until(due);
    const std::string key = prefix + std::to_string(i);
    const std::string& value = values[i % values.size()];
    std::vector<RecordHeader> headers = RecordHeaders(WireFormat::kProtobuf, {});
    RdKafka::Headers* record_headers = RdKafka::Headers::create();
    for (const auto& [name, header_value] : headers) record_headers->add(name, header_value);
    sent_at[i] = Clock::now();
    sent.store(i + 1);
    while (producer->produce(options.input, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                             const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0,
                             record_headers, nullptr) == RdKafka::ERR__QUEUE_FULL) {
      producer->poll(1);
    }
    producer->poll(0);
  }
  const double offered_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  producer->flush(30000);
  sending_done.store(true);
  reader.join();
  consumer->close();

  // The warm-up's records are sent and waited for, but not counted: the group may still be settling.
  const size_t first = static_cast<size_t>(options.rate * options.warmup_seconds);
  std::vector<double> measured;
  size_t missing = 0;
  for (size_t i = first; i < sent.load(); ++i) {
    if (latency_ms[i] < 0) {
      ++missing;
    } else {
      measured.push_back(latency_ms[i]);
    }
  }
  std::sort(measured.begin(), measured.end());
  std::printf(
      "{\"rate\": %.0f, \"offered_per_s\": %.1f, \"sent\": %zu, \"measured\": %zu, \"missing\": %zu, "
      "\"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}\n",
      options.rate, static_cast<double>(sent.load()) / offered_seconds, sent.load() - first, measured.size(),
      missing, Percentile(measured, 0.50), Percentile(measured, 0.90), Percentile(measured, 0.99),
      measured.empty() ? 0.0 : measured.back());
  return missing == 0 ? kExitOk : kExitFailed;
}

int Main(int argc, char** argv) {
  CLI::App app{"copydesk-bench-kafka: the broker side of `tools/bench kafka` (create-topic, passthrough, rate)"};
  app.require_subcommand(1);
  KafkaSettings kafka;
  app.add_option("-b,--bootstrap-servers", kafka.bootstrap_servers, "Kafka bootstrap servers")
      ->default_val("127.0.0.1:9092");
  app.add_option("-X", kafka.properties, "librdkafka property prop=value (repeatable)")->allow_extra_args(false);

  std::string topic;
  int partitions = 1;
  CLI::App* create = app.add_subcommand("create-topic", "create a topic (an existing one is fine)");
  create->add_option("topic", topic)->required();
  create->add_option("-p,--partitions", partitions)->capture_default_str();

  std::string input, output, group = "copydesk-bench-passthrough";
  uint64_t records = 0;
  CLI::App* passthrough = app.add_subcommand("passthrough", "consume -> produce with the worker's settings");
  passthrough->add_option("--input", input)->required();
  passthrough->add_option("--output", output)->required();
  passthrough->add_option("--group", group)->capture_default_str();
  passthrough->add_option("--records", records, "print `done N SECONDS` once N are delivered");

  RateOptions rate;
  CLI::App* rate_app = app.add_subcommand("rate", "offer records at a fixed rate, print end-to-end latency");
  rate_app->add_option("--input", rate.input)->required();
  rate_app->add_option("--output", rate.output)->required();
  rate_app->add_option("--articles", rate.articles, "JSON-lines RawArticle file to draw values from")->required();
  rate_app->add_option("--rate", rate.rate, "records per second")->capture_default_str();
  rate_app->add_option("--seconds", rate.seconds, "measured seconds")->capture_default_str();
  rate_app->add_option("--warmup-seconds", rate.warmup_seconds)->capture_default_str();
  rate_app->add_option("--grace-seconds", rate.grace_seconds, "wait for the last outputs")->capture_default_str();
  rate_app->add_option("--run-id", rate.run_id, "distinguishes this run's keys")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  InstallStopHandlers();
  int rc = kExitOk;
  if (*create) rc = CreateTopic(kafka, topic, partitions);
  if (*passthrough) rc = Passthrough(kafka, input, output, group, records);
  if (*rate_app) rc = Rate(kafka, rate);
  if (!*rate_app) ReraiseStopSignal();
  return rc;
}

}  // namespace
}  // namespace copydesk::tools

int main(int argc, char** argv) { return copydesk::tools::Main(argc, argv); }
