// copydesk-mock-broker, copydesk-feed and copydesk-tail run as the separate processes they are, against
// each other: what feed produces, tail must show. One mock cluster serves the whole suite; each test uses
// its own topics. No worker and no real broker take part.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "copydesk/v1/raw_article.pb.h"

extern char** environ;

namespace copydesk::tools {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command, capturing its standard output (standard error is left to the test log).
RunResult RunCommand(const std::string& command) {
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class ToolsEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {COPYDESK_MOCK_BROKER, "--topic", "roundtrip:3", "--topic", "formats:1",
                                     "--topic", "partial:2", "--topic", "dead:1", "--topic", "keys:2",
                                     "--topic", "follow:1"};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&broker_pid_, COPYDESK_MOCK_BROKER, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    // The broker prints its address as one line once the cluster is up.
    FILE* stream = fdopen(out[0], "r");
    char line[256] = {};
    ASSERT_NE(fgets(line, sizeof line, stream), nullptr) << "copydesk-mock-broker printed no address";
    fclose(stream);
    bootstrap_ = line;
    while (!bootstrap_.empty() && (bootstrap_.back() == '\n' || bootstrap_.back() == '\r')) bootstrap_.pop_back();
    ASSERT_FALSE(bootstrap_.empty());
  }

  static void TearDownTestSuite() {
    if (broker_pid_ > 0) {
      kill(broker_pid_, SIGTERM);
      int status = 0;
      waitpid(broker_pid_, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the mock broker did not stop cleanly";
      broker_pid_ = 0;
    }
  }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("copydesk-tools-e2e-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  static RunResult Feed(const std::string& args) {
    return RunCommand(std::string(COPYDESK_FEED) + " --quiet --bootstrap-servers " + bootstrap_ + " " + args);
  }
  static RunResult Tail(const std::string& args) {
    return RunCommand(std::string(COPYDESK_TAIL) + " --bootstrap-servers " + bootstrap_ + " -X fetch.wait.max.ms=5 " + args);
  }

  static v1::RawArticle ParseRaw(const std::string& json) {
    v1::RawArticle article;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &article).ok()) << json;
    return article;
  }

  static pid_t broker_pid_;
  static std::string bootstrap_;
  fs::path dir_;
};

pid_t ToolsEndToEnd::broker_pid_ = 0;
std::string ToolsEndToEnd::bootstrap_;

TEST_F(ToolsEndToEnd, WhatFeedProducesTailShows) {
  std::string batch = Write("batch.jsonl",
                            "{\"id\":\"kiosk\",\"title\":\"Kiosk reopens\",\"text\":\"The kiosk reopened.\"}\n"
                            "{\"id\":\"bus\",\"title\":\"Night bus returns\",\"text\":\"Route 9 runs again.\"}\n"
                            "{\"id\":\"park\",\"title\":\"Park gets benches\",\"text\":\"Twelve new benches.\"}\n");
  std::string story = Write("fountain.txt", "Fountain restored\n\nThe old fountain runs again.\n");
  RunResult fed = Feed("--topic roundtrip " + batch + " " + story);
  ASSERT_EQ(fed.exit_code, 0);

  RunResult tailed = Tail("--topic roundtrip --format json");
  ASSERT_EQ(tailed.exit_code, 0);
  std::set<std::string> ids;
  for (const std::string& line : Lines(tailed.out)) {
    v1::RawArticle article = ParseRaw(line);
    ids.insert(article.id());
    if (article.id() == "fountain") {
      EXPECT_EQ(article.title(), "Fountain restored");
      EXPECT_NE(article.text().find("The old fountain runs again."), std::string::npos);
    }
    if (article.id() == "bus") {
      EXPECT_EQ(article.text(), "Route 9 runs again.");
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"kiosk", "bus", "park", "fountain"}));

  RunResult text = Tail("--topic roundtrip --format text --key bus");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("═══ Night bus returns\nid: bus\n"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("Kiosk"), std::string::npos);
}

TEST_F(ToolsEndToEnd, JsonAndTextFormsArriveWithTheirContentType) {
  std::string json = Write("one.jsonl", "{\"id\":\"j1\",\"title\":\"Ferry timetable\",\"text\":\"New times.\"}\n");
  std::string text = Write("two.jsonl", "{\"id\":\"t1\",\"title\":\"Market day\",\"text\":\"Stalls open at 8.\"}\n");
  ASSERT_EQ(Feed("--topic formats --format json " + json).exit_code, 0);
  ASSERT_EQ(Feed("--topic formats --format text " + text).exit_code, 0);
  // tail reads each value by its content-type; a wrong header would make it undecodable.
  std::vector<std::string> lines = Lines(Tail("--topic formats --format json").out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(ParseRaw(lines[0]).id(), "j1");
  v1::RawArticle from_text = ParseRaw(lines[1]);
  EXPECT_EQ(from_text.id(), "");  // the text form carries no id: the record key does
  EXPECT_EQ(from_text.title(), "Market day");
  EXPECT_NE(from_text.text().find("Stalls open at 8."), std::string::npos);
}

TEST_F(ToolsEndToEnd, ABadLineFailsTheRunButTheOthersAreDelivered) {
  std::string batch = Write("mixed.jsonl",
                            "{\"id\":\"ok-1\",\"title\":\"Fine\"}\n"
                            "{\"id\": \"broken\n"
                            "{\"id\":\"ok-2\",\"title\":\"Also fine\"}\n");
  EXPECT_EQ(Feed("--topic partial " + batch).exit_code, 1);
  std::set<std::string> ids;
  for (const std::string& line : Lines(Tail("--topic partial").out)) ids.insert(ParseRaw(line).id());
  EXPECT_EQ(ids, (std::set<std::string>{"ok-1", "ok-2"}));
}

TEST_F(ToolsEndToEnd, RawModeSendsLinesAsTheyAreAndTailShowsDeadLetters) {
  std::string poison = Write("poison.jsonl", "{\"id\": \"cut sh\n");
  ASSERT_EQ(Feed("--topic dead --raw --content-type application/json --header copydesk.error.stage=decode "
                 "--header copydesk.error.reason=truncated " + poison)
                .exit_code,
            0);
  std::vector<std::string> lines = Lines(Tail("--topic dead --format json").out);
  ASSERT_EQ(lines.size(), 1u);
  google::protobuf::Struct object;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &object).ok()) << lines[0];
  EXPECT_TRUE(object.fields().at("dead_letter").bool_value());
  EXPECT_EQ(object.fields().at("value").string_value(), "{\"id\": \"cut sh");
  EXPECT_EQ(object.fields().at("key").string_value(), poison + ":1");
  EXPECT_EQ(object.fields().at("error").struct_value().fields().at("reason").string_value(), "truncated");

  RunResult text = Tail("--topic dead --format text");
  EXPECT_NE(text.out.find("── DEAD LETTER  dead [0] @0"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("  stage: decode\n  reason: truncated\n"), std::string::npos) << text.out;
}

TEST_F(ToolsEndToEnd, TailFiltersByKeyStopsAtMaxAndCanStartAtTheEnd) {
  std::string batch;
  for (int i = 1; i <= 5; ++i) batch += "{\"id\":\"k" + std::to_string(i) + "\",\"title\":\"Note " + std::to_string(i) + "\"}\n";
  ASSERT_EQ(Feed("--topic keys " + Write("keys.jsonl", batch)).exit_code, 0);
  std::vector<std::string> only = Lines(Tail("--topic keys --key k3").out);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(ParseRaw(only[0]).id(), "k3");
  EXPECT_EQ(Lines(Tail("--topic keys --max 2").out).size(), 2u);
  RunResult from_end = Tail("--topic keys --from-end");
  EXPECT_EQ(from_end.exit_code, 0);
  EXPECT_EQ(from_end.out, "");
}

TEST_F(ToolsEndToEnd, FollowWaitsPastTheEndForTheNextRecord) {
  FILE* tail = popen((std::string(COPYDESK_TAIL) + " --bootstrap-servers " + bootstrap_ +
                      " -X fetch.wait.max.ms=5 --topic follow --follow --max 1 --idle-timeout-ms 20000")
                         .c_str(),
                     "r");
  ASSERT_NE(tail, nullptr);
  // Without --follow tail would have stopped at the end of the empty topic by now.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_EQ(Feed("--topic follow " + Write("late.jsonl", "{\"id\":\"late\",\"title\":\"Late edition\"}\n")).exit_code, 0);
  char line[4096] = {};
  ASSERT_NE(fgets(line, sizeof line, tail), nullptr);
  EXPECT_EQ(ParseRaw(line).id(), "late");
  int status = pclose(tail);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(ToolsEndToEnd, BothToolsFailWhenTheyCannotDoTheirJob) {
  EXPECT_EQ(Tail("--topic no-such-topic").exit_code, 1);
  RunResult unreachable_tail = RunCommand(std::string(COPYDESK_TAIL) + " --bootstrap-servers 127.0.0.1:1 --timeout-ms 1000 2>/dev/null");
  EXPECT_EQ(unreachable_tail.exit_code, 1);
  std::string one = Write("one.jsonl", "{\"id\":\"x\"}\n");
  RunResult unreachable_feed = RunCommand(std::string(COPYDESK_FEED) +
                                   " --quiet --bootstrap-servers 127.0.0.1:1 -X message.timeout.ms=1000 "
                                   "--flush-timeout-ms 3000 " + one + " 2>/dev/null");
  EXPECT_EQ(unreachable_feed.exit_code, 1);
  EXPECT_EQ(RunCommand(std::string(COPYDESK_FEED) + " --bootstrap-servers " + bootstrap_ + " --key-field published_at " + one +
                " 2>/dev/null")
                .exit_code,
            2);
}

}  // namespace
}  // namespace copydesk::tools
