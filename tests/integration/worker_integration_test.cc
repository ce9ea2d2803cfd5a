// The worker against a real Apache Kafka broker: delivery guarantees, group behaviour, dead letters and
// shutdown. Each test makes its own topics and group, starts workers as child processes and reads what
// they published. No test asserts a time; the timeouts only bound a hung run.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <thread>

#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"
#include "tests/integration/kafka_harness.h"

namespace copydesk::integration {
namespace {

using namespace std::chrono_literals;

constexpr int kExitOk = 0;
constexpr int kExitDrainTimeout = 4;  // worker/exit_codes.h: the drain timed out, nothing lost
constexpr int kKilled = 128 + SIGKILL;

struct Topics {
  explicit Topics(int partitions)
      : input(UniqueName("in")), output(UniqueName("out")), dlq(UniqueName("dlq")), group(UniqueName("group")) {
    CreateTopic(input, partitions);
    CreateTopic(output, partitions);
    CreateTopic(dlq, 1);
  }
  ~Topics() { DeleteTopics({input, output, dlq}); }
  Topics(const Topics&) = delete;
  Topics& operator=(const Topics&) = delete;
  std::vector<std::string> Args() const { return WorkerArgs(input, output, dlq, group); }
  std::string input, output, dlq, group;
};

constexpr const char* kShortText = "The council met on Tuesday.\n\nIt voted to repair the harbour wall before winter.";

Record ProtobufArticle(const std::string& id, const std::string& title, std::optional<std::string> key = {},
                       const std::string& text = kShortText) {
  v1::RawArticle article;
  article.set_id(id);
  article.set_title(title);
  article.set_text(text);
  Record record;
  record.key = key.has_value() ? key : std::optional<std::string>(id);
  record.value = article.SerializeAsString();
  record.headers = {{"content-type", "application/x-protobuf"}};
  return record;
}

// Every record decodes as an EnrichedArticle whose id is its key; returns how often each id was seen.
std::map<std::string, int> DecodeOutputs(const std::vector<Record>& records) {
  std::map<std::string, int> seen;
  for (const Record& record : records) {
    v1::EnrichedArticle article;
    EXPECT_TRUE(article.ParseFromString(record.value)) << "undecodable output at offset " << record.offset;
    EXPECT_EQ(record.key, std::optional<std::string>(article.id()));
    EXPECT_EQ(record.Header("content-type"), std::optional<std::string>("application/x-protobuf"));
    EXPECT_EQ(record.Header("copydesk.schema"), std::optional<std::string>("copydesk.v1.EnrichedArticle"));
    ++seen[article.id()];
  }
  return seen;
}

// Reads the output topic until `unique` distinct ids arrived (or the timeout), returning all records.
std::vector<Record> ReadUntilUnique(const std::string& topic, size_t unique, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<Record> records;
  while (std::chrono::steady_clock::now() < deadline) {
    size_t available = static_cast<size_t>(Sum(EndOffsets(topic)));
    if (available >= unique) {
      records = ReadToEnd(topic, 60s);
      std::set<std::string> ids;
      for (const Record& r : records) ids.insert(r.key.value_or(""));
      if (ids.size() >= unique) return records;
    }
    std::this_thread::sleep_for(250ms);
  }
  return records;
}

size_t Duplicates(const std::map<std::string, int>& seen) {
  size_t duplicates = 0;
  for (const auto& [id, count] : seen) duplicates += static_cast<size_t>(count - 1);
  return duplicates;
}

TEST(WorkerIntegrationTest, TenThousandArticlesInTenThousandRecordsOut) {
  Topics topics(4);
  std::vector<Record> inputs;
  for (int i = 0; i < 10000; ++i) inputs.push_back(ProtobufArticle("article-" + std::to_string(i), "Title " + std::to_string(i)));
  ProduceAll(topics.input, inputs);

  WorkerProcess worker("ten-thousand", topics.Args());
  worker.Start();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, 10000, 300s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  EXPECT_EQ(seen.size(), 10000u) << worker.LogTail();
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(seen.count("article-" + std::to_string(i)), 1u) << i;
  EXPECT_EQ(Duplicates(seen), 0u) << "no failure happened, so no record should be duplicated";

  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
  EXPECT_EQ(CommittedOffsets(topics.group, topics.input), EndOffsets(topics.input))
      << "a drained worker has committed everything it consumed";
  EXPECT_EQ(Sum(EndOffsets(topics.dlq)), 0);
}

TEST(WorkerIntegrationTest, SigkillMidwayThenRestartLosesNothing) {
  Topics topics(4);
  constexpr int kArticles = 10000;
  // Inputs arrive over a few seconds, as from crawlers, so that the kill lands while work and commits are
  // under way rather than after everything is done.
  std::thread producer([&] {
    for (int batch = 0; batch < kArticles / 500; ++batch) {
      std::vector<Record> inputs;
      for (int i = batch * 500; i < (batch + 1) * 500; ++i) {
        inputs.push_back(ProtobufArticle("a-" + std::to_string(i), "Title " + std::to_string(i)));
      }
      ProduceAll(topics.input, inputs);
      std::this_thread::sleep_for(200ms);
    }
  });

  WorkerProcess first("before-kill", topics.Args());
  first.Start();
  int64_t produced_at_kill = 0;
  int64_t committed_before_kill = 0;
  auto deadline = std::chrono::steady_clock::now() + 120s;
  while (std::chrono::steady_clock::now() < deadline) {
    produced_at_kill = Sum(EndOffsets(topics.output));
    committed_before_kill = Sum(CommittedOffsets(topics.group, topics.input));
    if (produced_at_kill >= 2000 && committed_before_kill > 0) break;
    std::this_thread::sleep_for(50ms);
  }
  first.Signal(SIGKILL);
  ASSERT_EQ(first.Wait(30s), std::optional<int>(kKilled));
  producer.join();
  int64_t committed_at_kill = Sum(CommittedOffsets(topics.group, topics.input));
  ASSERT_GT(committed_at_kill, 0) << first.LogTail();
  ASSERT_LT(committed_at_kill, kArticles) << "the kill must come midway for this test to mean anything";

  WorkerProcess second("after-kill", topics.Args());
  second.Start();
  ASSERT_TRUE(second.WaitForLog("assigned partitions", 60s)) << second.LogTail();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, kArticles, 300s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  size_t missing = 0;
  for (int i = 0; i < kArticles; ++i) missing += seen.count("a-" + std::to_string(i)) == 0;
  std::printf("[ kill test ] outputs before kill: %lld, committed at kill: %lld, records out: %zu, unique: %zu, "
              "duplicates: %zu, missing: %zu\n",
              static_cast<long long>(produced_at_kill), static_cast<long long>(committed_at_kill), outputs.size(),
              seen.size(), Duplicates(seen), missing);
  EXPECT_EQ(missing, 0u) << second.LogTail();
  second.Signal(SIGTERM);
  EXPECT_EQ(second.Wait(60s), std::optional<int>(kExitOk)) << second.LogTail();
}

// Outputs of records made by KeyedSequence: all records of a key share an output partition; read in offset
// order, the first time each sequence number appears it must be the next one (a redelivery may repeat older
// ones, never skip ahead), and every key must reach `per_key`. Returns the repeats.
size_t ExpectEveryKeyInOrder(const std::vector<Record>& outputs, int keys, int per_key) {
  std::map<int32_t, std::vector<const Record*>> by_partition;
  for (const Record& r : outputs) by_partition[r.partition].push_back(&r);
  std::map<std::string, int> next_expected;
  size_t duplicates = 0;
  for (auto& [partition, records] : by_partition) {
    std::sort(records.begin(), records.end(), [](const Record* x, const Record* y) { return x->offset < y->offset; });
    for (const Record* r : records) {
      v1::EnrichedArticle article;
      EXPECT_TRUE(article.ParseFromString(r->value));
      int seq = std::stoi(article.title());
      int& expected = next_expected[r->key.value_or("")];
      if (seq < expected) {
        ++duplicates;
        continue;
      }
      EXPECT_EQ(seq, expected) << "key " << r->key.value_or("") << " skipped ahead in partition " << partition;
      if (seq != expected) return duplicates;
      ++expected;
    }
  }
  for (int k = 0; k < keys; ++k) EXPECT_EQ(next_expected["key-" + std::to_string(k)], per_key);
  return duplicates;
}

// Reads the output until it holds every (key, sequence) pair once at least, or the deadline passes.
std::vector<Record> ReadUntilEveryKeyedRecord(const std::string& topic, size_t expected,
                                              std::chrono::seconds timeout, size_t* unique_out) {
  std::vector<Record> outputs;
  std::set<std::pair<std::string, int>> unique;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    size_t available = static_cast<size_t>(Sum(EndOffsets(topic)));
    if (available >= expected) {
      outputs = ReadRecords(topic, available, 60s);
      unique.clear();
      for (const Record& r : outputs) {
        v1::EnrichedArticle article;
        if (article.ParseFromString(r.value)) unique.emplace(r.key.value_or(""), std::stoi(article.title()));
      }
      if (unique.size() >= expected) break;
    }
    std::this_thread::sleep_for(250ms);
  }
  *unique_out = unique.size();
  return outputs;
}

TEST(WorkerIntegrationTest, GroupOfTwoWithAThirdJoiningAndLeavingKeepsEverythingInKeyOrder) {
  Topics topics(6);
  constexpr int kKeys = 60;
  constexpr int kPerKey = 200;  // 12,000 records
  WorkerProcess a("group-a", topics.Args());
  WorkerProcess b("group-b", topics.Args());
  a.Start();
  b.Start();

  // Records without an article id: the output key is the input key, so per-key order is observable.
  std::atomic<bool> producing{true};
  std::thread producer([&] {
    for (int seq = 0; seq < kPerKey; seq += 10) {
      std::vector<Record> batch;
      for (int s = seq; s < seq + 10; ++s) {
        for (int k = 0; k < kKeys; ++k) {
          Record record = ProtobufArticle("", std::to_string(s), "key-" + std::to_string(k));
          batch.push_back(std::move(record));
        }
      }
      ProduceAll(topics.input, batch);
      std::this_thread::sleep_for(100ms);
    }
    producing = false;
  });

  // Events, not sleeps: the third joins once the first two hold partitions, and leaves once it holds some
  // and has processed records of them.
  ASSERT_TRUE(a.WaitForLog("assigned partitions", 60s)) << a.LogTail();
  ASSERT_TRUE(b.WaitForLog("assigned partitions", 60s)) << b.LogTail();
  std::vector<std::string> c_args = topics.Args();
  c_args.insert(c_args.end(), {"--set", "http.enabled=true", "--set", "http.port=0"});
  WorkerProcess c("group-c", c_args);
  c.Start();
  ASSERT_TRUE(c.WaitForLog("assigned partitions", 60s)) << "the third worker was never given partitions\n"
                                                            << c.LogTail();
  int c_port = c.HttpPort(30s);
  ASSERT_GT(c_port, 0) << c.LogTail();
  auto c_deadline = std::chrono::steady_clock::now() + 60s;
  while (MetricValue(HttpGet(c_port, "/metrics").second, "copydesk_records_produced_total") < 1) {
    ASSERT_LT(std::chrono::steady_clock::now(), c_deadline) << "the third worker processed nothing\n" << c.LogTail();
    std::this_thread::sleep_for(50ms);
  }
  c.Signal(SIGTERM);
  EXPECT_EQ(c.Wait(60s), std::optional<int>(kExitOk)) << c.LogTail();
  producer.join();

  size_t unique = 0;
  std::vector<Record> outputs =
      ReadUntilEveryKeyedRecord(topics.output, static_cast<size_t>(kKeys * kPerKey), 300s, &unique);
  ASSERT_EQ(unique, static_cast<size_t>(kKeys * kPerKey)) << a.LogTail() << b.LogTail();

  size_t duplicates = ExpectEveryKeyInOrder(outputs, kKeys, kPerKey);
  std::printf("[ group test ] records out: %zu, unique: %zu, duplicates: %zu\n", outputs.size(), unique, duplicates);
  a.Signal(SIGTERM);
  b.Signal(SIGTERM);
  EXPECT_EQ(a.Wait(60s), std::optional<int>(kExitOk)) << a.LogTail();
  EXPECT_EQ(b.Wait(60s), std::optional<int>(kExitOk)) << b.LogTail();
}

TEST(WorkerIntegrationTest, PoisonRecordsGoToTheDeadLetterTopicWhileGoodRecordsFlow) {
  Topics topics(2);
  std::vector<Record> inputs;
  struct Poison {
    Record record;
    std::string stage;
  };
  std::vector<Poison> poisons;
  auto poison = [&](std::optional<std::string> key, std::string value, std::vector<std::pair<std::string, std::string>> headers,
                    std::string stage) {
    Record r;
    r.key = std::move(key);
    r.value = std::move(value);
    r.headers = std::move(headers);
    r.headers.emplace_back("trace-id", "poison-" + std::to_string(poisons.size()));
    r.partition = static_cast<int32_t>(poisons.size() % 2);
    poisons.push_back({r, stage});
  };
  poison("bad-json", "{\"id\": \"x\", \"title\": ", {{"content-type", "application/json"}}, "decode");
  poison("xml", "<article/>", {{"content-type", "application/xml"}}, "decode");
  poison("empty", "", {}, "decode");
  poison(std::nullopt, std::string("\x00\x9f\xff\x01garbage", 11), {}, "decode");
  poison("too-big", "Headline\n" + std::string(5000, 'w'), {{"content-type", "text/plain"}}, "normalize");
  poison("tombstone", "", {}, "decode");
  poisons.back().record.null_value = true;

  for (int i = 0; i < 200; ++i) {
    Record good = ProtobufArticle("good-" + std::to_string(i), "Good " + std::to_string(i));
    good.partition = i % 2;
    inputs.push_back(good);
    if (i % 33 == 16) inputs.push_back(poisons[static_cast<size_t>(i / 33)].record);  // 6 poisons spread out
  }
  ProduceAll(topics.input, inputs);

  std::vector<std::string> args = topics.Args();
  args.insert(args.end(), {"--stages", "normalize", "--set", "stages.normalize.max_bytes=2000"});
  WorkerProcess worker("poison", args);
  worker.Start();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, 200, 120s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  EXPECT_EQ(seen.size(), 200u) << worker.LogTail();

  std::vector<Record> dead = ReadRecords(topics.dlq, poisons.size(), 60s);
  ASSERT_EQ(dead.size(), poisons.size()) << worker.LogTail();
  for (const Poison& p : poisons) {
    std::string trace = p.record.Header("trace-id").value();
    auto it = std::find_if(dead.begin(), dead.end(), [&](const Record& d) { return d.Header("trace-id") == trace; });
    ASSERT_NE(it, dead.end()) << trace;
    EXPECT_EQ(it->key, p.record.key) << trace;
    EXPECT_EQ(it->value, p.record.value) << trace;
    EXPECT_EQ(it->null_value, p.record.null_value) << trace << ": a null value stays null, an empty one empty";
    EXPECT_EQ(it->Header("content-type"), p.record.Header("content-type")) << trace;
    EXPECT_EQ(it->Header("copydesk.error.stage"), std::optional<std::string>(p.stage)) << trace;
    EXPECT_FALSE(it->Header("copydesk.error.reason").value_or("").empty()) << trace;
    EXPECT_EQ(it->Header("copydesk.error.topic"), std::optional<std::string>(topics.input));
    EXPECT_EQ(it->Header("copydesk.error.partition"), std::optional<std::string>(std::to_string(p.record.partition)));
    EXPECT_TRUE(it->Header("copydesk.error.offset").has_value());
    EXPECT_TRUE(it->Header("copydesk.error.timestamp").has_value());
  }
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
  EXPECT_EQ(CommittedOffsets(topics.group, topics.input), EndOffsets(topics.input))
      << "dead-lettered records are committed like any other";
}

TEST(WorkerIntegrationTest, SigtermDrainsAndCommitsSoTheNextWorkerRedoesNothing) {
  Topics topics(3);
  constexpr int kArticles = 6000;
  std::vector<Record> inputs;
  for (int i = 0; i < kArticles; ++i) inputs.push_back(ProtobufArticle("s-" + std::to_string(i), "T"));
  ProduceAll(topics.input, inputs);

  WorkerProcess first("drain", topics.Args());
  first.Start();
  auto deadline = std::chrono::steady_clock::now() + 120s;
  while (Sum(EndOffsets(topics.output)) < 500 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  first.Signal(SIGTERM);
  ASSERT_EQ(first.Wait(60s), std::optional<int>(kExitOk)) << first.LogTail();
  int64_t out_after_first = Sum(EndOffsets(topics.output));
  EXPECT_EQ(Sum(CommittedOffsets(topics.group, topics.input)), out_after_first)
      << "everything the first worker published is committed, and nothing more";

  WorkerProcess second("after-drain", topics.Args());
  second.Start();
  // The first worker may have drained everything it had fetched, leaving the second nothing to do: wait
  // until it has joined, so the SIGTERM below tests a running worker's shutdown.
  ASSERT_TRUE(second.WaitForLog("assigned partitions", 60s)) << second.LogTail();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, kArticles, 300s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kArticles)) << second.LogTail();
  EXPECT_EQ(Duplicates(seen), 0u) << "a graceful drain leaves nothing to redo";
  second.Signal(SIGTERM);
  EXPECT_EQ(second.Wait(60s), std::optional<int>(kExitOk)) << second.LogTail();
}

TEST(WorkerIntegrationTest, ATinyInFlightBudgetPausesAndResumesWithoutLosingAnything) {
  Topics topics(3);
  constexpr int kArticles = 3000;
  std::vector<Record> inputs;
  for (int i = 0; i < kArticles; ++i) inputs.push_back(ProtobufArticle("b-" + std::to_string(i), "T"));
  ProduceAll(topics.input, inputs);
  std::vector<std::string> args = topics.Args();
  args.insert(args.end(), {"--set", "worker.max_in_flight_records=30", "--set", "worker.max_partition_queue=20"});
  WorkerProcess worker("budget", args);
  worker.Start();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, kArticles, 300s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kArticles)) << worker.LogTail();
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
  std::string log = worker.Log();
  EXPECT_NE(log.find("in-flight limit reached"), std::string::npos) << "the budget was hit and paused the partitions";
  EXPECT_NE(log.find("resuming"), std::string::npos);
}

TEST(WorkerIntegrationTest, MetricsCountWhatWasSentAndReceivedAndShowNoSecret) {
  Topics topics(3);
  std::vector<Record> inputs;
  for (int i = 0; i < 300; ++i) inputs.push_back(ProtobufArticle("m-" + std::to_string(i), "T"));
  for (int i = 0; i < 7; ++i) {
    Record bad;
    bad.key = "bad-" + std::to_string(i);
    bad.value = "{\"id\": " + std::to_string(i);
    bad.headers = {{"content-type", "application/json"}};
    inputs.push_back(bad);
  }
  ProduceAll(topics.input, inputs);

  const std::string secret = "hunter2-never-show-me";
  std::vector<std::string> args = topics.Args();
  args.insert(args.end(), {"--set", "http.enabled=true", "--set", "http.port=0", "--set",
                           "worker.stats_interval_ms=300", "--set", "kafka.common.sasl.password=" + secret});
  WorkerProcess worker("metrics", args);
  worker.Start();
  int port = worker.HttpPort(30s);
  ASSERT_GT(port, 0) << worker.LogTail();
  ASSERT_EQ(ReadUntilUnique(topics.output, 300, 120s).size(), 300u) << worker.LogTail();
  ASSERT_EQ(ReadRecords(topics.dlq, 7, 60s).size(), 7u);

  // Counters settle once every delivery report is in, and lag once statistics catch up.
  std::string metrics;
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto [status, body] = HttpGet(port, "/metrics");
    ASSERT_EQ(status, 200);
    metrics = body;
    if (MetricValue(metrics, "copydesk_records_produced_total") == 300 &&
        MetricValue(metrics, "copydesk_records_dead_lettered_total") == 7 &&
        metrics.find("copydesk_consumer_lag{") != std::string::npos &&
        MetricValue(metrics, "copydesk_consumer_lag") == 0) {
      break;
    }
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(MetricValue(metrics, "copydesk_records_consumed_total"), 307) << metrics;
  EXPECT_EQ(MetricValue(metrics, "copydesk_records_produced_total"), 300);
  EXPECT_EQ(MetricValue(metrics, "copydesk_records_dead_lettered_total"), 7);
  EXPECT_EQ(MetricValue(metrics, "copydesk_records_failed_total"), 7);
  EXPECT_NE(metrics.find("copydesk_records_failed_total{stage=\"decode\""), std::string::npos);
  EXPECT_EQ(MetricValue(metrics, "copydesk_records_in_flight"), 0);
  EXPECT_EQ(MetricValue(metrics, "copydesk_partitions_assigned"), 3);
  EXPECT_NE(metrics.find("copydesk_consumer_lag{"), std::string::npos) << "lag per partition is exposed";
  EXPECT_EQ(MetricValue(metrics, "copydesk_consumer_lag"), 0) << "everything consumed";
  EXPECT_EQ(MetricValue(metrics, "copydesk_end_to_end_seconds_count"), 307);
  EXPECT_EQ(MetricValue(metrics, "copydesk_record_wait_seconds_count"), 4 * 307)
      << "every record, dead letters too, is timed at each of the four hops";
  EXPECT_GT(MetricValue(metrics, "copydesk_rebalances_total"), 0);
  EXPECT_EQ(HttpGet(port, "/healthz").first, 200);
  EXPECT_EQ(HttpGet(port, "/readyz").first, 200);
  EXPECT_EQ(HttpGet(port, "/config").first, 404);

  EXPECT_EQ(metrics.find(secret), std::string::npos) << "no secret in the metrics";
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
  EXPECT_EQ(worker.Log().find(secret), std::string::npos) << "no secret in the logs";
}

TEST(WorkerIntegrationTest, ReadinessFollowsTheBrokerAndAnOutageIsRetriedNotDeadLettered) {
  if (!BrokerIsLocal()) GTEST_SKIP() << "stops and restarts the broker, so it needs the one tools/kafka-local runs";
  Topics topics(2);
  std::vector<std::string> args = topics.Args();
  args.insert(args.end(), {"--set", "http.enabled=true", "--set", "http.port=0", "--set",
                           "worker.stats_interval_ms=300"});
  WorkerProcess worker("outage", args);
  worker.Start();
  int port = worker.HttpPort(30s);
  ASSERT_GT(port, 0) << worker.LogTail();
  auto wait_for = [&](int status, std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (HttpGet(port, "/readyz").first == status) return true;
      std::this_thread::sleep_for(200ms);
    }
    return false;
  };
  ASSERT_TRUE(wait_for(200, 60s)) << worker.LogTail();

  std::vector<Record> first;
  for (int i = 0; i < 500; ++i) first.push_back(ProtobufArticle("o-" + std::to_string(i), "T"));
  ProduceAll(topics.input, first);
  ASSERT_EQ(ReadUntilUnique(topics.output, 500, 120s).size(), 500u);

  ASSERT_EQ(KafkaLocal("stop"), 0);
  EXPECT_TRUE(wait_for(503, 60s)) << "readiness must drop while no broker answers";
  EXPECT_EQ(HttpGet(port, "/healthz").first, 200) << "the process itself is fine";
  ASSERT_EQ(KafkaLocal("start"), 0);
  EXPECT_TRUE(wait_for(200, 120s)) << worker.LogTail();

  std::vector<Record> second;
  for (int i = 500; i < 1000; ++i) second.push_back(ProtobufArticle("o-" + std::to_string(i), "T"));
  ProduceAll(topics.input, second);
  std::vector<Record> outputs = ReadUntilUnique(topics.output, 1000, 180s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  EXPECT_EQ(seen.size(), 1000u) << worker.LogTail();
  EXPECT_EQ(Sum(EndOffsets(topics.dlq)), 0) << "an outage is retried, never dead-lettered";
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
}

// Records in flight when the broker dies. The worker's producer never times a record out (a finite
// message.timeout.ms is refused: an earlier version of this test set one, and a record that timed out was
// redelivered behind a newer record of its key), so librdkafka keeps them queued, in order, and delivers
// them once the broker is back: nothing lost, nothing dead-lettered, per-key order kept.
TEST(WorkerIntegrationTest, RecordsInFlightWhenTheBrokerDiesAreDeliveredInKeyOrderOnceItIsBack) {
  if (!BrokerIsLocal()) GTEST_SKIP() << "kills the broker, so it needs the one tools/kafka-local runs";
  Topics topics(2);
  constexpr int kKeys = 20;
  constexpr int kPerKey = 400;  // 8,000 records, a backlog before the worker starts
  // Bodies of a few KB, so that the default chain takes seconds over the backlog: the broker dies mid-way.
  std::string body;
  for (int i = 0; i < 40; ++i) body += "The harbour board said on Tuesday that the new pier would open in May. ";
  std::vector<Record> inputs;
  for (int s = 0; s < kPerKey; ++s) {
    for (int k = 0; k < kKeys; ++k) {
      inputs.push_back(ProtobufArticle("", std::to_string(s), "key-" + std::to_string(k), body));
    }
  }
  ProduceAll(topics.input, inputs);
  std::vector<std::string> args = topics.Args();
  args.insert(args.end(), {"--set", "http.enabled=true", "--set", "http.port=0"});
  WorkerProcess worker("in-flight", args);
  worker.Start();
  int port = worker.HttpPort(30s);
  ASSERT_GT(port, 0) << worker.LogTail();
  auto metric = [&](const char* name) { return MetricValue(HttpGet(port, "/metrics").second, name); };
  auto deadline = std::chrono::steady_clock::now() + 120s;
  while (metric("copydesk_records_produced_total") < 500) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "nothing delivered\n" << worker.LogTail();
    std::this_thread::sleep_for(10ms);
  }
  pid_t broker = LocalBrokerPid();
  ASSERT_GT(broker, 0) << "no pid file of the local broker";
  ASSERT_EQ(::kill(broker, SIGKILL), 0);
  const double in_flight = metric("copydesk_records_in_flight");
  EXPECT_GT(in_flight, 0) << "the broker must die with records in flight, or the retry path does not run";
  // Down long enough that the records produced meanwhile wait in librdkafka's queue behind those in flight.
  std::this_thread::sleep_for(5s);
  EXPECT_LT(metric("copydesk_records_produced_total"), kKeys * kPerKey) << "the backlog must outlast the outage";
  ASSERT_EQ(KafkaLocal("start"), 0);
  // Read once the worker reports every record delivered: a broker restarted after a SIGKILL answers "not
  // leader" for a while, and the probes here count that as a failure.
  deadline = std::chrono::steady_clock::now() + 240s;
  while (metric("copydesk_records_produced_total") < kKeys * kPerKey) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "not everything delivered\n" << worker.LogTail();
    std::this_thread::sleep_for(100ms);
  }

  size_t unique = 0;
  std::vector<Record> outputs =
      ReadUntilEveryKeyedRecord(topics.output, static_cast<size_t>(kKeys * kPerKey), 120s, &unique);
  ASSERT_EQ(unique, static_cast<size_t>(kKeys * kPerKey)) << worker.LogTail();
  size_t duplicates = ExpectEveryKeyInOrder(outputs, kKeys, kPerKey);
  EXPECT_EQ(Sum(EndOffsets(topics.dlq)), 0) << "an outage is retried, never dead-lettered";
  std::printf("[ in-flight outage ] %.0f records in flight at the kill, %.0f worker-level retries, %zu out, "
              "%zu duplicates\n",
              in_flight, metric("copydesk_produce_retries_total"), outputs.size(), duplicates);
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
}

// A SIGTERM must end the worker within worker.drain_timeout_ms plus the bounded shutdown grace (commit,
// leaving the group, flush), whatever the broker is doing; `disturb` takes the broker away first and
// `restore` brings it back after the worker has exited.
void ExpectBoundedShutdown(const std::string& name, const std::function<void()>& disturb,
                           const std::function<void()>& restore) {
  Topics topics(2);
  constexpr int kArticles = 20000;
  std::vector<Record> inputs;
  for (int i = 0; i < kArticles; ++i) inputs.push_back(ProtobufArticle(name + "-" + std::to_string(i), "T"));
  ProduceAll(topics.input, inputs);
  std::vector<std::string> args = topics.Args();
  constexpr int kDrainMs = 5000;
  args.insert(args.end(), {"--set", "worker.drain_timeout_ms=" + std::to_string(kDrainMs), "--set",
                           "http.enabled=true", "--set", "http.port=0"});
  WorkerProcess worker(name, args);
  worker.Start();
  int port = worker.HttpPort(30s);
  ASSERT_GT(port, 0) << worker.LogTail();
  // Disturb the broker while records flow, so some are in flight when it goes: the hard case.
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (MetricValue(HttpGet(port, "/metrics").second, "copydesk_records_consumed_total") < 100) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no records consumed\n" << worker.LogTail();
    std::this_thread::sleep_for(20ms);
  }
  disturb();
  worker.Signal(SIGTERM);
  auto start = std::chrono::steady_clock::now();
  std::optional<int> code = worker.Wait(std::chrono::milliseconds(kDrainMs) + 10s);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  restore();
  ASSERT_TRUE(code.has_value()) << "no exit within drain_timeout_ms + 10 s\n" << worker.LogTail();
  EXPECT_TRUE(*code == kExitOk || *code == kExitDrainTimeout) << "exit code " << *code << "\n" << worker.LogTail();
  std::printf("[ shutdown %s ] exit %d after %lld ms\n", name.c_str(), *code, static_cast<long long>(took.count()));
  std::string log = worker.Log();
  if (log.find("drained; offsets committed") != std::string::npos) {
    EXPECT_EQ(log.find("final offset commit failed"), std::string::npos) << "one verdict, not two";
  }
}

TEST(WorkerIntegrationTest, SigtermWhileTheBrokerIsDownExitsWithinTheDrainBound) {
  if (!BrokerIsLocal()) GTEST_SKIP() << "kills the broker, so it needs the one tools/kafka-local runs";
  pid_t broker = LocalBrokerPid();
  ASSERT_GT(broker, 0) << "no pid file of the local broker";
  // SIGKILL, not a graceful stop: the broker is gone at once, with the worker's records in flight.
  ExpectBoundedShutdown(
      "down", [&] { ASSERT_EQ(::kill(broker, SIGKILL), 0); }, [] { ASSERT_EQ(KafkaLocal("start"), 0); });
}

TEST(WorkerIntegrationTest, SigtermWhileTheBrokerIsFrozenExitsWithinTheDrainBound) {
  if (!BrokerIsLocal()) GTEST_SKIP() << "freezes the broker, so it needs the one tools/kafka-local runs";
  pid_t broker = LocalBrokerPid();
  ASSERT_GT(broker, 0) << "no pid file of the local broker";
  // Frozen is harder than down: connections stay open and requests simply go unanswered.
  ExpectBoundedShutdown(
      "frozen", [&] { ASSERT_EQ(::kill(broker, SIGSTOP), 0); },
      [&] {
        ASSERT_EQ(::kill(broker, SIGCONT), 0);
        ASSERT_EQ(KafkaLocal("start"), 0);  // waits until it answers again (a no-op start when running)
      });
}

// KIP-848's consumer group protocol: the broker assigns. It takes neither session.timeout.ms nor
// heartbeat.interval.ms from the client (the broker sets them), so those test defaults are dropped.
std::vector<std::string> NewProtocolArgs(const Topics& topics) {
  std::vector<std::string> base = topics.Args(), args;
  for (size_t i = 0; i < base.size(); ++i) {
    if (base[i] == "--set" && i + 1 < base.size() &&
        (base[i + 1].starts_with("kafka.consumer.session.timeout.ms") ||
         base[i + 1].starts_with("kafka.consumer.heartbeat.interval.ms"))) {
      ++i;
      continue;
    }
    args.push_back(base[i]);
  }
  args.insert(args.end(), {"--set", "kafka.consumer.group.protocol=consumer"});
  return args;
}

TEST(WorkerIntegrationTest, TheKip848ConsumerProtocolSharesPartitionsAndLosesNothing) {
  Topics topics(4);
  constexpr int kArticles = 4000;
  std::vector<Record> inputs;
  for (int i = 0; i < kArticles; ++i) inputs.push_back(ProtobufArticle("n-" + std::to_string(i), "T"));
  ProduceAll(topics.input, inputs);
  WorkerProcess a("kip848-a", NewProtocolArgs(topics));
  WorkerProcess b("kip848-b", NewProtocolArgs(topics));
  a.Start();
  ASSERT_TRUE(a.WaitForLog("assigned partitions", 60s)) << a.LogTail();
  b.Start();
  // The broker moves partitions to the second member only once the first has released them: waiting for
  // b's assignment proves the incremental revoke/assign path works on this protocol.
  ASSERT_TRUE(b.WaitForLog("assigned partitions", 60s)) << b.LogTail();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, kArticles, 300s);
  std::map<std::string, int> seen = DecodeOutputs(outputs);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kArticles)) << a.LogTail() << b.LogTail();
  a.Signal(SIGTERM);
  b.Signal(SIGTERM);
  EXPECT_EQ(a.Wait(60s), std::optional<int>(kExitOk)) << a.LogTail();
  EXPECT_EQ(b.Wait(60s), std::optional<int>(kExitOk)) << b.LogTail();
  EXPECT_EQ(Sum(CommittedOffsets(topics.group, topics.input)), kArticles) << "everything committed on leaving";
}

// Exactly-once: a worker SIGKILLed again and again mid-stream, each time restarted under the same instance
// id (so it fences its previous life), leaves exactly one copy of every article for a read_committed
// consumer, and nothing in the dead-letter topic.
TEST(WorkerIntegrationTest, ExactlyOnceSurvivesRepeatedSigkillsWithoutADuplicate) {
  Topics topics(4);
  constexpr int kArticles = 12000;
  constexpr int kKills = 3;
  std::thread producer([&] {
    for (int batch = 0; batch < kArticles / 500; ++batch) {
      std::vector<Record> inputs;
      for (int i = batch * 500; i < (batch + 1) * 500; ++i) inputs.push_back(ProtobufArticle("x-" + std::to_string(i), "T"));
      ProduceAll(topics.input, inputs);
      std::this_thread::sleep_for(500ms);  // the stream lasts about 12 s, so every kill lands in it
    }
  });
  std::vector<std::string> args = topics.Args();
  args.insert(args.end(), {"--set", "worker.delivery=exactly-once", "--set", "worker.instance_id=eos-1", "--set",
                           "worker.transaction_max_records=500"});
  int64_t committed = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    WorkerProcess worker("eos-" + std::to_string(kill), args);
    worker.Start();
    // Kill once this life has committed something more (a transaction), so every kill lands midway.
    auto deadline = std::chrono::steady_clock::now() + 120s;
    int64_t now_committed = committed;
    while (std::chrono::steady_clock::now() < deadline && now_committed <= committed + 500) {
      std::this_thread::sleep_for(30ms);
      now_committed = Sum(CommittedOffsets(topics.group, topics.input));
    }
    ASSERT_GT(now_committed, committed) << worker.LogTail();
    committed = now_committed;
    worker.Signal(SIGKILL);
    ASSERT_EQ(worker.Wait(30s), std::optional<int>(kKilled));
  }
  producer.join();
  ASSERT_LT(committed, kArticles) << "the kills must come midway for this test to mean anything";

  WorkerProcess last("eos-last", args);
  last.Start();
  std::vector<Record> outputs = ReadUntilUnique(topics.output, kArticles, 300s);
  last.Signal(SIGTERM);
  EXPECT_EQ(last.Wait(60s), std::optional<int>(kExitOk)) << last.LogTail();
  // Everything there is, read_committed (the harness's consumers' default), once the worker has left.
  std::vector<Record> all = ReadToEnd(topics.output, 60s);
  std::map<std::string, int> seen = DecodeOutputs(all);
  std::printf("[ exactly-once ] %d SIGKILLs: records out %zu, unique %zu, duplicates %zu\n", kKills, all.size(),
              seen.size(), Duplicates(seen));
  EXPECT_EQ(seen.size(), static_cast<size_t>(kArticles)) << last.LogTail();
  EXPECT_EQ(Duplicates(seen), 0u) << "aborted transactions must stay invisible to read_committed consumers";
  EXPECT_EQ(all.size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(Sum(CommittedOffsets(topics.group, topics.input)), kArticles);
  EXPECT_TRUE(ReadRecords(topics.dlq, 1, 2s).empty());
}

// An output topic with a small max.message.bytes: the producer's batches stay within it, so every record
// that fits on its own is delivered, and only the one too large alone is dead-lettered, saying why.
TEST(WorkerIntegrationTest, ASmallOutputTopicLimitDeadLettersOnlyTheRecordTooLargeAlone) {
  std::string input = UniqueName("in"), output = UniqueName("out"), dlq = UniqueName("dlq");
  CreateTopic(input, 2);
  CreateTopic(output, 2, {{"max.message.bytes", "100000"}});
  CreateTopic(dlq, 1);
  TopicsCleanup cleanup({input, output, dlq});
  constexpr int kGood = 600;
  // Letters at random: the producer compresses, and the broker judges the compressed batch.
  std::mt19937 random(7);
  auto noise = [&](size_t bytes) {
    std::string text;
    while (text.size() < bytes) {
      for (int letter = 0; letter < 7; ++letter) text += static_cast<char>('a' + random() % 26);
      text += text.size() % 400 < 8 ? "\n\n" : " ";
    }
    return text;
  };
  std::vector<Record> inputs;
  for (int i = 0; i < kGood; ++i) {
    v1::RawArticle article;
    article.set_id("big-" + std::to_string(i));
    article.set_title("T");
    article.set_text(noise(18000));  // about 18 KB: six of them pass the topic's limit together
    inputs.push_back({article.id(), article.SerializeAsString(), false, {{"content-type", "application/x-protobuf"}}});
  }
  v1::RawArticle huge;
  huge.set_id("too-large-alone");
  huge.set_title("T");
  huge.set_text(noise(150000));
  inputs.push_back({huge.id(), huge.SerializeAsString(), false, {{"content-type", "application/x-protobuf"}}});
  ProduceAll(input, inputs);

  std::vector<std::string> args = WorkerArgs(input, output, dlq, UniqueName("group"));
  args.insert(args.end(), {"--stages", "normalize", "--set", "stages.normalize.max_bytes=1000000"});
  WorkerProcess worker("limit", args);
  worker.Start();
  std::vector<Record> outputs = ReadUntilUnique(output, kGood, 120s);
  std::vector<Record> dead = ReadRecords(dlq, 1, 60s);
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
  EXPECT_EQ(DecodeOutputs(outputs).size(), static_cast<size_t>(kGood)) << worker.LogTail();
  ASSERT_EQ(dead.size(), 1u) << worker.LogTail();
  EXPECT_EQ(dead[0].key, std::optional<std::string>("too-large-alone"));
  EXPECT_NE(dead[0].Header("copydesk.error.reason").value_or("").find("too large"), std::string::npos)
      << dead[0].Header("copydesk.error.reason").value_or("");
  EXPECT_TRUE(ReadRecords(dlq, 2, 3s).size() == 1) << "no good record was dead-lettered";
}

// Static membership (KIP-345): a worker SIGKILLed and restarted under the same group.instance.id takes its
// partitions back at once, not after the dead member's session times out.
TEST(WorkerIntegrationTest, AStaticMemberRestartedAfterSigkillGetsItsPartitionsBackAtOnce) {
  Topics topics(3);
  std::vector<std::string> args = topics.Args();
  for (std::string& arg : args) {
    if (arg.starts_with("kafka.consumer.session.timeout.ms=")) arg = "kafka.consumer.session.timeout.ms=30000";
  }
  args.insert(args.end(), {"--set", "kafka.consumer.group.instance.id=static-1"});
  WorkerProcess first("static-first", args);
  first.Start();
  ASSERT_TRUE(first.WaitForLog("assigned partitions", 60s)) << first.LogTail();
  first.Signal(SIGKILL);
  ASSERT_EQ(first.Wait(30s), std::optional<int>(kKilled));
  WorkerProcess second("static-second", args);
  auto start = std::chrono::steady_clock::now();
  second.Start();
  ASSERT_TRUE(second.WaitForLog("assigned partitions", 60s)) << second.LogTail();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::printf("[ static membership ] partitions back %lld ms after the restart (session timeout 30000 ms)\n",
              static_cast<long long>(took.count()));
  EXPECT_LT(took, 15s) << "the restarted static member waited for the dead one's session to time out";
  second.Signal(SIGTERM);
  EXPECT_EQ(second.Wait(60s), std::optional<int>(kExitOk)) << second.LogTail();
}

// A SIGTERM while the chain is busy with a 20 MB article still ends within drain_timeout_ms + 10 s: the
// drain lets the article finish (it is dead-lettered, too large for the output topic) and commits it.
TEST(WorkerIntegrationTest, SigtermDuringATwentyMegabyteArticleExitsWithinTheDrainBound) {
  std::string input = UniqueName("in"), output = UniqueName("out"), dlq = UniqueName("dlq");
  CreateTopic(input, 1, {{"max.message.bytes", "25000000"}, {"segment.bytes", "67108864"}});
  CreateTopic(output, 1);
  CreateTopic(dlq, 1);
  TopicsCleanup cleanup({input, output, dlq});
  v1::RawArticle huge;
  huge.set_id("twenty-megabytes");
  huge.set_title("A long report");
  std::string paragraph = "The committee heard evidence from the port authority, the ferry operators and the "
                          "fishing cooperative, and it said it would publish its findings before the summer.";
  std::string text;
  while (text.size() < 20u * 1024 * 1024) text += paragraph + "\n\n";
  huge.set_text(text);
  std::vector<Record> inputs = {{huge.id(), huge.SerializeAsString(), false, {{"content-type", "application/x-protobuf"}}}};
  for (int i = 0; i < 50; ++i) inputs.push_back(ProtobufArticle("after-" + std::to_string(i), "T"));
  ProduceAll(input, inputs);
  constexpr int kDrainMs = 20000;
  std::string group = UniqueName("group");
  std::vector<std::string> args = WorkerArgs(input, output, dlq, group);
  args.insert(args.end(), {"--set", "worker.drain_timeout_ms=" + std::to_string(kDrainMs), "--set",
                           "http.enabled=true", "--set", "http.port=0"});
  WorkerProcess worker("twenty-mb", args);
  worker.Start();
  int port = worker.HttpPort(30s);
  ASSERT_GT(port, 0) << worker.LogTail();
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (MetricValue(HttpGet(port, "/metrics").second, "copydesk_records_consumed_total") < 1) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << worker.LogTail();
    std::this_thread::sleep_for(5ms);
  }
  worker.Signal(SIGTERM);  // the 20 MB article is in the chain now
  auto start = std::chrono::steady_clock::now();
  std::optional<int> code = worker.Wait(std::chrono::milliseconds(kDrainMs) + 10s);
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(code.has_value()) << worker.LogTail();
  std::printf("[ shutdown 20 MB ] exit %d after %lld ms\n", *code, static_cast<long long>(took.count()));
  EXPECT_EQ(*code, kExitOk) << worker.LogTail();
  std::vector<Record> dead = ReadRecords(dlq, 1, 30s);
  ASSERT_EQ(dead.size(), 1u) << worker.LogTail();
  EXPECT_EQ(dead[0].key, std::optional<std::string>("twenty-megabytes"));
  EXPECT_GE(Sum(CommittedOffsets(group, input)), 1) << "the drained article's offset is committed";
}

// With a producer queue of five records, dead letters produced from delivery reports (the output topic
// refuses a record) meet a full queue on the one thread that could empty it. It must not wait for itself:
// everything is delivered or dead-lettered and the worker stops cleanly.
TEST(WorkerIntegrationTest, ATinyProducerQueueNeverBlocksTheDeliveryThread) {
  std::string input = UniqueName("in"), output = UniqueName("out"), dlq = UniqueName("dlq");
  CreateTopic(input, 2);
  CreateTopic(output, 2, {{"max.message.bytes", "20000"}});
  CreateTopic(dlq, 1);
  TopicsCleanup cleanup({input, output, dlq});
  std::mt19937 random(11);
  auto noise = [&](size_t bytes) {
    std::string text;
    while (text.size() < bytes) text += static_cast<char>('a' + random() % 26);
    return text;
  };
  constexpr int kGood = 400, kRefused = 40;
  std::vector<Record> inputs;
  for (int i = 0; i < kGood + kRefused; ++i) {
    v1::RawArticle article;
    bool refused = i % 11 == 5 && i / 11 < kRefused;
    article.set_id((refused ? "refused-" : "fine-") + std::to_string(i));
    article.set_title("T");
    article.set_text(noise(refused ? 30000 : 300));  // 30 KB of noise stays above the topic's 20,000 bytes
    inputs.push_back({article.id(), article.SerializeAsString(), false, {{"content-type", "application/x-protobuf"}}});
  }
  size_t refused = 0;
  for (const Record& r : inputs) refused += r.key->starts_with("refused-");
  ProduceAll(input, inputs);
  std::vector<std::string> args = WorkerArgs(input, output, dlq, UniqueName("group"));
  args.insert(args.end(), {"--stages", "normalize", "--set", "stages.normalize.max_bytes=1000000", "--set",
                           "kafka.producer.queue.buffering.max.messages=5"});
  WorkerProcess worker("tiny-queue", args);
  worker.Start();
  std::vector<Record> dead = ReadRecords(dlq, refused, 120s);
  std::vector<Record> outputs = ReadUntilUnique(output, inputs.size() - refused, 120s);
  EXPECT_EQ(dead.size(), refused) << worker.LogTail();
  EXPECT_EQ(DecodeOutputs(outputs).size(), inputs.size() - refused) << worker.LogTail();
  worker.Signal(SIGTERM);
  EXPECT_EQ(worker.Wait(60s), std::optional<int>(kExitOk)) << worker.LogTail();
}

}  // namespace
}  // namespace copydesk::integration
