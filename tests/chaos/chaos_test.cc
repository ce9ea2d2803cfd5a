// The chaos suite: a stream of articles with per-key sequence numbers runs through a group of workers on the
// real broker while, one after another: workers are SIGKILLed at random moments and restarted, a third
// worker joins and leaves (SIGTERM) again and again, the broker is SIGKILLed and restarted, and the broker is
// frozen with SIGSTOP for 20 s. A read_committed verifier then reads everything and prints sent, out,
// missing, duplicated, order violations and dead-lettered.
//
//   at-least-once: 0 missing, 0 order violations (duplicates are allowed, and counted);
//   exactly-once:  0 missing, 0 duplicated.
//
// Every SIGTERM must end its worker within worker.drain_timeout_ms + 10 s. The default size fits CI;
// COPYDESK_CHAOS_LONG=1 runs five times the stream and faults, for people.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"
#include "tests/integration/kafka_harness.h"

namespace copydesk::integration {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kDrainMs = 10000;
constexpr auto kSigtermBound = std::chrono::milliseconds(kDrainMs) + 10s;

bool Long() {
  const char* v = std::getenv("COPYDESK_CHAOS_LONG");
  return v != nullptr && std::string(v) == "1";
}

// No article id: the worker keys its output by the input key, so per-key order is observable downstream.
Record Article(int key, int seq) {
  v1::RawArticle article;
  article.set_title(std::to_string(seq));
  article.set_text("The harbour board met on Tuesday.\n\nIt voted to dredge the channel before spring.");
  Record record;
  record.key = "key-" + std::to_string(key);
  record.value = article.SerializeAsString();
  record.headers = {{"content-type", "application/x-protobuf"}};
  return record;
}

struct Verdict {
  size_t sent = 0, out = 0, unique = 0, missing = 0, duplicated = 0, order_violations = 0, dead_lettered = 0;
};

// Reads the output in each partition's offset order: the first time a sequence number of a key appears it
// must be the next one; a smaller one again is a duplicate, a larger one an order violation (it overtook).
Verdict Verify(const std::string& output, const std::string& dlq, int keys, int per_key) {
  Verdict v;
  v.sent = static_cast<size_t>(keys) * static_cast<size_t>(per_key);
  std::vector<Record> records = ReadToEnd(output, 120s);
  v.out = records.size();
  std::map<int32_t, std::vector<const Record*>> by_partition;
  for (const Record& r : records) by_partition[r.partition].push_back(&r);
  std::map<std::string, int> next;
  std::set<std::pair<std::string, int>> unique;
  for (auto& [partition, list] : by_partition) {
    std::sort(list.begin(), list.end(), [](const Record* a, const Record* b) { return a->offset < b->offset; });
    for (const Record* r : list) {
      v1::EnrichedArticle article;
      if (!article.ParseFromString(r->value)) {
        ADD_FAILURE() << "output record that is no EnrichedArticle at " << partition << "@" << r->offset;
        continue;
      }
      std::string key = r->key.value_or("");
      int seq = std::stoi(article.title());
      unique.emplace(key, seq);
      int& expected = next[key];
      if (seq < expected) {
        ++v.duplicated;
      } else {
        if (seq > expected) ++v.order_violations;
        expected = seq + 1;
      }
    }
  }
  v.unique = unique.size();
  v.missing = v.sent - std::min(v.sent, v.unique);
  v.dead_lettered = ReadToEnd(dlq, 30s).size();
  return v;
}

// A worker that a supervisor restarts whenever it is killed.
struct Member {
  std::string name;
  std::vector<std::string> args;
  std::unique_ptr<WorkerProcess> process;
  int lives = 0;
  void Start() {
    process = std::make_unique<WorkerProcess>(name + "-" + std::to_string(lives++), args);
    process->Start();
  }
};

void RunChaos(const std::string& delivery) {
  if (!BrokerIsLocal()) GTEST_SKIP() << "kills and freezes the broker, so it needs the one tools/kafka-local runs";
  const int scale = Long() ? 5 : 1;
  const int keys = 100;
  const int per_key = 200 * scale;  // 20,000 articles (100,000 long)
  const int kills = 10 * scale;
  const int joins = 3 * scale;

  std::string input = UniqueName("chaos-in"), output = UniqueName("chaos-out"), dlq = UniqueName("chaos-dlq");
  std::string group = UniqueName("chaos-group");
  CreateTopic(input, 6);
  CreateTopic(output, 6);
  CreateTopic(dlq, 1);
  TopicsCleanup cleanup({input, output, dlq});
  auto args_for = [&](const std::string& instance) {
    std::vector<std::string> args = WorkerArgs(input, output, dlq, group);
    args.insert(args.end(), {"--set", "worker.delivery=" + delivery, "--set", "worker.instance_id=" + instance,
                             "--set", "worker.drain_timeout_ms=" + std::to_string(kDrainMs), "--set",
                             "worker.transaction_max_records=500"});
    return args;
  };

  // The stream: every key's next sequence number, a few hundred articles a second for the whole run.
  std::atomic<bool> produced{false};
  std::thread producer([&] {
    for (int seq = 0; seq < per_key; seq += 5) {
      std::vector<Record> batch;
      for (int s = seq; s < seq + 5; ++s) {
        for (int k = 0; k < keys; ++k) batch.push_back(Article(k, s));
      }
      ProduceAll(input, batch);
      std::this_thread::sleep_for(600ms);
    }
    produced = true;
  });

  std::vector<Member> members(2);
  members[0].name = "chaos-a";
  members[0].args = args_for("a");
  members[1].name = "chaos-b";
  members[1].args = args_for("b");
  for (Member& m : members) m.Start();
  std::mt19937 random(20261203);
  auto pause = [&](int min_ms, int max_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(min_ms, max_ms)(random)));
  };
  std::vector<std::chrono::milliseconds> sigterm_exits;
  auto leave = [&](WorkerProcess& worker) {
    worker.Signal(SIGTERM);
    auto start = Clock::now();
    std::optional<int> code = worker.Wait(kSigtermBound);
    sigterm_exits.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start));
    EXPECT_TRUE(code.has_value()) << "SIGTERM exit beyond the bound\n" << worker.LogTail();
    if (code.has_value()) {
      EXPECT_TRUE(*code == 0 || *code == 4) << "exit code " << *code << "\n" << worker.LogTail();
    }
  };

  // The faults, one after another while the stream flows.
  int killed = 0, joined = 0;
  bool broker_killed = false, broker_frozen = false;
  while (killed < kills || joined < joins || !broker_killed || !broker_frozen) {
    pause(1000, 3000);
    if (killed < kills) {
      Member& victim = members[static_cast<size_t>(killed) % members.size()];
      victim.process->Signal(SIGKILL);
      victim.process->Wait(30s);
      victim.Start();
      ++killed;
    }
    if (joined < joins && killed % 3 == 1) {
      WorkerProcess third("chaos-c-" + std::to_string(joined), args_for("c"));
      third.Start();
      third.WaitForLog("assigned partitions", 60s);
      pause(1000, 3000);
      leave(third);
      ++joined;
    }
    if (!broker_killed && killed == kills / 2) {
      pid_t broker = LocalBrokerPid();
      ASSERT_GT(broker, 0);
      ASSERT_EQ(::kill(broker, SIGKILL), 0);
      pause(500, 1500);
      ASSERT_EQ(KafkaLocal("start"), 0);
      broker_killed = true;
    }
    if (!broker_frozen && killed == kills - 2) {
      pid_t broker = LocalBrokerPid();
      ASSERT_GT(broker, 0);
      ASSERT_EQ(::kill(broker, SIGSTOP), 0);
      std::this_thread::sleep_for(20s);
      ASSERT_EQ(::kill(broker, SIGCONT), 0);
      broker_frozen = true;
    }
  }
  producer.join();
  ASSERT_TRUE(produced.load());

  // Let the group finish the stream, then leave cleanly.
  auto deadline = Clock::now() + 300s;
  while (Clock::now() < deadline && Sum(CommittedOffsets(group, input)) < static_cast<int64_t>(keys) * per_key) {
    std::this_thread::sleep_for(500ms);
  }
  for (Member& m : members) leave(*m.process);

  Verdict v = Verify(output, dlq, keys, per_key);
  std::chrono::milliseconds slowest{0};
  for (auto exit : sigterm_exits) slowest = std::max(slowest, exit);
  std::printf("[ chaos %s ] %d SIGKILLs, %d joins+leaves, broker SIGKILL+restart, broker SIGSTOP 20 s | sent %zu, "
              "out %zu, unique %zu, missing %zu, duplicated %zu, order violations %zu, dead-lettered %zu | "
              "slowest SIGTERM exit %lld ms (bound %lld)\n",
              delivery.c_str(), killed, joined, v.sent, v.out, v.unique, v.missing, v.duplicated, v.order_violations,
              v.dead_lettered, static_cast<long long>(slowest.count()),
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(kSigtermBound).count()));
  EXPECT_EQ(v.missing, 0u);
  EXPECT_EQ(v.dead_lettered, 0u) << "faults are retried, never dead-lettered";
  if (delivery == "exactly-once") {
    EXPECT_EQ(v.duplicated, 0u);
    EXPECT_EQ(v.order_violations, 0u);
  } else {
    EXPECT_EQ(v.order_violations, 0u);
  }
  EXPECT_EQ(Sum(CommittedOffsets(group, input)), static_cast<int64_t>(keys) * per_key);
}

TEST(ChaosTest, AtLeastOnceLosesNothingAndKeepsKeyOrderThroughEveryFault) { RunChaos("at-least-once"); }

TEST(ChaosTest, ExactlyOnceLosesNothingAndDuplicatesNothingThroughEveryFault) { RunChaos("exactly-once"); }

}  // namespace
}  // namespace copydesk::integration
