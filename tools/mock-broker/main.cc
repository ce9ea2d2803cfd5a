// copydesk-mock-broker: hosts librdkafka's mock cluster (rdkafka_mock.h, experimental API) in this
// process, creates the requested topics, prints the bootstrap address as one line on stdout and serves
// until SIGTERM or SIGINT. Clients connect to it like to any broker.
//
// The mock is for the demo and quick checks, never proof of delivery guarantees: it is an experimental,
// in-process imitation of a broker (in librdkafka 2.0.2 it stored no transactional offsets and read_committed
// did not hide aborted records), and it keeps at most 5 MB or 100k messages per partition; the integration
// tests use a real broker. Clients should set
// fetch.wait.max.ms≈5 (the mock always waits the full time) and session.timeout.ms≈6000 (a join into an
// active group waits session.timeout.ms - 1 s).
//
// Exit codes: 0 after a signal; 1 when the cluster or a topic cannot be created; 2 on bad usage.
#include <CLI/CLI.hpp>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "tools/mock-broker/topic_spec.h"

namespace copydesk::tools {
namespace {

struct KafkaHandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
struct MockClusterDeleter {
  void operator()(rd_kafka_mock_cluster_t* cluster) const { rd_kafka_mock_cluster_destroy(cluster); }
};

int Main(int argc, char** argv) {
  int brokers = 1;
  std::vector<std::string> topic_args;
  CLI::App app{"copydesk-mock-broker: librdkafka's mock Kafka cluster; prints the bootstrap address, "
               "serves until SIGTERM/SIGINT. Clients should set fetch.wait.max.ms=5."};
  app.add_option("--brokers", brokers, "Number of mock brokers")->check(CLI::Range(1, 16))->capture_default_str();
  app.add_option("--topic", topic_args, "Topic to create, NAME:PARTITIONS (repeatable)")
      ->allow_extra_args(false);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::vector<TopicSpec> topics;
  for (const std::string& arg : topic_args) {
    std::optional<TopicSpec> spec = ParseTopicSpec(arg);
    if (!spec) {
      std::cerr << "copydesk-mock-broker: bad --topic \"" << arg << "\" (expected NAME:PARTITIONS)\n";
      return 2;
    }
    topics.push_back(*spec);
  }

  // Block the signals before librdkafka starts its threads so that they all inherit the mask and only
  // sigwait() below sees SIGTERM/SIGINT.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error) != RD_KAFKA_CONF_OK) {
    std::cerr << "copydesk-mock-broker: " << error << "\n";
    rd_kafka_conf_destroy(conf);
    return 1;
  }
  // The handle only hosts the cluster; it never produces.
  std::unique_ptr<rd_kafka_t, KafkaHandleDeleter> host(rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error));
  if (!host) {
    std::cerr << "copydesk-mock-broker: " << error << "\n";
    return 1;
  }
  std::unique_ptr<rd_kafka_mock_cluster_t, MockClusterDeleter> cluster(rd_kafka_mock_cluster_new(host.get(), brokers));
  if (!cluster) {
    std::cerr << "copydesk-mock-broker: cannot create the mock cluster\n";
    return 1;
  }
  for (const TopicSpec& topic : topics) {
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster.get(), topic.name.c_str(), topic.partitions,
                                                         std::min(brokers, 3));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::cerr << "copydesk-mock-broker: cannot create topic " << topic.name << ": " << rd_kafka_err2str(err)
                << "\n";
      return 1;
    }
  }
  std::cout << rd_kafka_mock_cluster_bootstraps(cluster.get()) << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cerr << "copydesk-mock-broker: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
  cluster.reset();
  host.reset();
  return 0;
}

}  // namespace
}  // namespace copydesk::tools

int main(int argc, char** argv) { return copydesk::tools::Main(argc, argv); }
