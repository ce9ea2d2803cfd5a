// Test harness for the real-broker integration tests: topics, producing inputs, reading outputs, and the
// worker as a child process that can be signalled. The broker comes from KAFKA_BOOTSTRAP (the ctest
// fixture starts tools/kafka-local and passes its address).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace copydesk::integration {

std::string Bootstrap();
// A name no earlier run used: tests never share topics or groups.
std::string UniqueName(const std::string& prefix);

// Creates the topic with `partitions` partitions (replication 1); fails the test on error.
void CreateTopic(const std::string& topic, int partitions,
                 const std::map<std::string, std::string>& configs = {});

// Deletes the topics a test made, best effort (never fails the test). A broker restarted after a SIGKILL
// recovers every log it holds before it answers, so a suite that left its topics behind made each later
// restart slower: past 90 s, with 1,400 partitions, in a run of ten in a row on a loaded machine.
void DeleteTopics(const std::vector<std::string>& topics);

// The topics one test made, deleted when it ends.
class TopicsCleanup {
 public:
  explicit TopicsCleanup(std::vector<std::string> topics) : topics_(std::move(topics)) {}
  ~TopicsCleanup() { DeleteTopics(topics_); }
  TopicsCleanup(const TopicsCleanup&) = delete;
  TopicsCleanup& operator=(const TopicsCleanup&) = delete;

 private:
  std::vector<std::string> topics_;
};

struct Record {
  std::optional<std::string> key;
  std::string value;
  bool null_value = false;  // a tombstone (value then empty)
  std::vector<std::pair<std::string, std::string>> headers;
  int32_t partition = -1;
  int64_t offset = -1;
  std::optional<std::string> Header(const std::string& name) const;
};

// Produces every record and waits for every delivery report; fails the test if one is not delivered.
// A record with partition >= 0 goes to that partition.
void ProduceAll(const std::string& topic, const std::vector<Record>& records);

// Reads `topic` from the beginning (no group) until `count` records arrived or `timeout` passed.
std::vector<Record> ReadRecords(const std::string& topic, size_t count, std::chrono::milliseconds timeout);
// Everything on `topic` now, read_committed: reads every partition to its end (control records and
// aborted transactions count in end offsets but are never delivered, so a count cannot say when to stop).
std::vector<Record> ReadToEnd(const std::string& topic, std::chrono::milliseconds timeout);

// Sum over partitions of committed offsets of `group` on `topic` (-1 entries count as 0).
std::map<int32_t, int64_t> CommittedOffsets(const std::string& group, const std::string& topic);
std::map<int32_t, int64_t> EndOffsets(const std::string& topic);
// The sum over partitions of such a map.
int64_t Sum(const std::map<int32_t, int64_t>& offsets);

// copydesk-worker `run` as a child process, its stderr in a log file.
class WorkerProcess {
 public:
  WorkerProcess(std::string name, std::vector<std::string> args);
  ~WorkerProcess();  // SIGKILLs a worker still running
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  void Start();
  void Signal(int signal);
  // Exit code, or nullopt on timeout; a death by signal is reported as 128 + signal.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  bool running() const { return pid_ > 0; }
  const std::string& log_path() const { return log_path_; }
  std::string LogTail(size_t bytes = 4000) const;
  std::string Log() const;
  // Waits until the worker's log shows `text` (e.g. "assigned partitions"); false after the timeout.
  bool WaitForLog(const std::string& text, std::chrono::milliseconds timeout) const;
  // The port of the worker's HTTP endpoint, read from its start-up log line; -1 after the timeout.
  int HttpPort(std::chrono::milliseconds timeout) const;

 private:
  std::string name_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
};

// GET http://127.0.0.1:port/path: status (-1 when no answer) and body.
std::pair<int, std::string> HttpGet(int port, const std::string& path);

// The value of an unlabelled sample (or the sum over every labelled sample) of a metric in Prometheus text.
double MetricValue(const std::string& exposition, const std::string& name);

// Runs tools/kafka-local with one command (start, stop); returns its exit status.
int KafkaLocal(const std::string& command);
// True when the tests run on the broker tools/kafka-local manages (KAFKA_BOOTSTRAP unset).
bool BrokerIsLocal();
// The process id of the broker tools/kafka-local runs (its pid file), or -1: for SIGKILL and SIGSTOP.
pid_t LocalBrokerPid();

// The arguments every test worker gets: broker, topics, group, quiet HTTP, logs as JSON.
std::vector<std::string> WorkerArgs(const std::string& input, const std::string& output, const std::string& dlq,
                                    const std::string& group);

}  // namespace copydesk::integration
