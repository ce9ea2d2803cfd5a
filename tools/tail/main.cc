// copydesk-tail: prints the records of copydesk's enriched topic (or the dead-letter topic, or the raw
// input topic) as JSON lines or as a readable text view; see record_view.h for what each looks like.
//
// It assigns every partition of the topics itself, under a random group id that never commits, so that
// it joins no group and disturbs no offsets. Without --follow it stops once every partition has reported
// its end (enable.partition.eof); with --follow it runs until SIGINT/SIGTERM, --max or --idle-timeout-ms.
// Exit codes: 0 ok; 1 when the brokers cannot be reached within --timeout-ms or a topic does not exist;
// 2 on bad usage.
#include <CLI/CLI.hpp>
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <iostream>
#include <random>
#include <set>

#include "tools/common/kafka_settings.h"
#include "tools/common/stop_signal.h"
#include "tools/tail/record_view.h"
#include "worker/kafka_record.h"

namespace copydesk::tools {
namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;

struct Options {
  KafkaSettings kafka;
  std::vector<std::string> topics{"articles.enriched"};
  std::string format = "json";
  std::string message = "auto";
  bool from_end = false;
  bool follow = false;
  std::optional<std::string> key;
  uint64_t max = 0;
  int timeout_ms = 10000;
  int idle_timeout_ms = 0;
};

std::string RandomGroupId() {
  std::random_device device;
  return "copydesk-tail-" + std::to_string(device()) + std::to_string(device());
}

// Every partition of `topics` at the start or end offset; fails when the cluster cannot be reached or a
// topic is unknown.
StatusOr<std::vector<RdKafka::TopicPartition*>> AllPartitions(RdKafka::KafkaConsumer* consumer,
                                                              const std::vector<std::string>& topics,
                                                              int64_t start, int timeout_ms) {
  // Asking for all topics rather than the named ones, because a request naming an unknown topic makes
  // brokers with auto-creation on (and the mock) create it.
  RdKafka::Metadata* raw_metadata = nullptr;
  RdKafka::ErrorCode err = consumer->metadata(true, nullptr, &raw_metadata, timeout_ms);
  std::unique_ptr<RdKafka::Metadata> metadata(raw_metadata);
  if (err != RdKafka::ERR_NO_ERROR) {
    return Status::Error(StatusCode::kUnavailable, "kafka",
                         "cannot reach the brokers within " + std::to_string(timeout_ms) +
                             " ms: " + RdKafka::err2str(err));
  }
  std::vector<RdKafka::TopicPartition*> partitions;
  for (const std::string& name : topics) {
    const RdKafka::TopicMetadata* found = nullptr;
    for (const RdKafka::TopicMetadata* topic : *metadata->topics()) {
      if (topic->topic() == name) found = topic;
    }
    Status problem;
    if (found == nullptr) {
      problem = Status::Error(StatusCode::kInvalidConfig, "kafka", "topic " + name + " does not exist");
    } else if (found->err() != RdKafka::ERR_NO_ERROR) {
      problem = Status::Error(StatusCode::kUnavailable, "kafka",
                              "topic " + name + ": " + RdKafka::err2str(found->err()));
    }
    if (!problem.ok()) {
      RdKafka::TopicPartition::destroy(partitions);
      return problem;
    }
    for (const RdKafka::PartitionMetadata* partition : *found->partitions()) {
      partitions.push_back(RdKafka::TopicPartition::create(name, partition->id(), start));
    }
  }
  return partitions;
}

int Main(int argc, char** argv) {
  Options options;
  std::string key;
  CLI::App app{"copydesk-tail: show copydesk's enriched or dead-letter records as JSON lines or text"};
  app.add_option("-b,--bootstrap-servers", options.kafka.bootstrap_servers, "Kafka bootstrap servers")
      ->default_val("127.0.0.1:9092");
  app.add_option("-t,--topic", options.topics, "Topic to read (repeatable)")
      ->allow_extra_args(false)
      ->capture_default_str();
  app.add_option("-X", options.kafka.properties, "librdkafka property prop=value (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-f,--format", options.format, "json (one proto3 JSON line per record) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  app.add_option("--message", options.message, "What the values are: auto, enriched or raw (RawArticle)")
      ->check(CLI::IsMember({"auto", "enriched", "raw"}))
      ->capture_default_str();
  app.add_flag("--from-beginning,!--from-end", [&options](int64_t count) { options.from_end = count < 0; },
               "Start at the oldest record (default) or at the end");
  app.add_flag("--follow", options.follow, "Wait for new records instead of stopping at the end");
  app.add_option("--key", key, "Show only records with this key");
  app.add_option("-n,--max", options.max, "Stop after N records shown (0 = no limit)");
  app.add_option("--timeout-ms", options.timeout_ms, "Give up when the brokers do not answer within this time")
      ->capture_default_str();
  app.add_option("--idle-timeout-ms", options.idle_timeout_ms,
                 "Stop when no record arrives for this long (0 = never)")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (app.count("--key") > 0) options.key = key;
  ViewFormat format = options.format == "text" ? ViewFormat::kText : ViewFormat::kJson;
  MessageType message_type = options.message == "enriched" ? MessageType::kEnriched
                             : options.message == "raw"    ? MessageType::kRaw
                                                           : MessageType::kAuto;

  StatusOr<std::unique_ptr<RdKafka::Conf>> conf = MakeKafkaConf(
      options.kafka, {"group.id=" + RandomGroupId(), "enable.auto.commit=false", "enable.partition.eof=true",
                      "client.id=copydesk-tail", "fetch.wait.max.ms=100", "log_level=3"});
  if (!conf.ok()) {
    std::cerr << "copydesk-tail: " << conf.status().detail() << "\n";
    return kExitUsage;
  }
  std::string error;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(RdKafka::KafkaConsumer::create(conf.value().get(), error));
  if (!consumer) {
    std::cerr << "copydesk-tail: cannot create the consumer: " << error << "\n";
    return kExitFailed;
  }
  StatusOr<std::vector<RdKafka::TopicPartition*>> partitions =
      AllPartitions(consumer.get(), options.topics,
                    options.from_end ? RdKafka::Topic::OFFSET_END : RdKafka::Topic::OFFSET_BEGINNING,
                    options.timeout_ms);
  if (!partitions.ok()) {
    std::cerr << "copydesk-tail: " << partitions.status().detail() << "\n";
    consumer->close();
    return kExitFailed;
  }
  const size_t partition_count = partitions->size();
  RdKafka::ErrorCode err = consumer->assign(partitions.value());
  RdKafka::TopicPartition::destroy(partitions.value());
  if (err != RdKafka::ERR_NO_ERROR) {
    std::cerr << "copydesk-tail: cannot assign the partitions: " << RdKafka::err2str(err) << "\n";
    consumer->close();
    return kExitFailed;
  }
  InstallStopHandlers();

  std::set<std::pair<std::string, int32_t>> at_end;
  uint64_t shown = 0;
  auto last_record = std::chrono::steady_clock::now();
  while (!StopRequested()) {
    if (!options.follow && at_end.size() >= partition_count) break;
    if (options.max > 0 && shown >= options.max) break;
    if (options.idle_timeout_ms > 0 &&
        std::chrono::steady_clock::now() - last_record > std::chrono::milliseconds(options.idle_timeout_ms)) {
      break;
    }
    std::unique_ptr<RdKafka::Message> message(consumer->consume(100));
    switch (message->err()) {
      case RdKafka::ERR_NO_ERROR: {
        last_record = std::chrono::steady_clock::now();
        ConsumedRecord record = worker::ToInputRecord(*message);
        if (options.key && record.key != options.key) break;
        std::cout << RenderRecord(record, format, message_type) << std::flush;
        ++shown;
        break;
      }
      case RdKafka::ERR__PARTITION_EOF:
        at_end.emplace(message->topic_name(), message->partition());
        break;
      case RdKafka::ERR__TIMED_OUT:
        break;
      default:
        // Broker hiccups are retried by librdkafka; say what happened and carry on.
        std::cerr << "copydesk-tail: " << message->errstr() << "\n";
        break;
    }
  }
  consumer->close();
  ReraiseStopSignal();
  return kExitOk;
}

}  // namespace
}  // namespace copydesk::tools

int main(int argc, char** argv) { return copydesk::tools::Main(argc, argv); }
