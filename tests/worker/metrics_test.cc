#include "worker/metrics.h"

#include <gtest/gtest.h>

#include "worker/kafka_stats.h"
#include "worker/prometheus.h"

namespace copydesk::worker {
namespace {

// HELP text escapes backslash and line feed (a raw line feed would end the HELP line and the rest would
// be read as a sample); label values escape double quotes too.
TEST(PrometheusWriterTest, WritesFamiliesSamplesAndEscapedHelpAndLabels) {
  PrometheusWriter w;
  w.Family("x_total", "counter", "Things\ncounted, C:\\ \"as is\".");
  w.Sample("x_total", {{"reason", "a \"quoted\" \\ back\nslash"}}, 3);
  w.Sample("x_total", {}, 0.5);
  EXPECT_EQ(w.text(),
            "# HELP x_total Things\\ncounted, C:\\\\ \"as is\".\n"
            "# TYPE x_total counter\n"
            "x_total{reason=\"a \\\"quoted\\\" \\\\ back\\nslash\"} 3\n"
            "x_total 0.5\n");
}

TEST(PrometheusWriterTest, HistogramBucketsAreCumulativeAndEndInInf) {
  Histogram h;
  h.Observe(0.00001);  // first bucket
  h.Observe(0.003);    // le=0.005
  h.Observe(100);      // above every bound
  PrometheusWriter w;
  w.Histogram("lat_seconds", {{"stage", "clean"}}, h.Read());
  const std::string& t = w.text();
  EXPECT_NE(t.find("lat_seconds_bucket{stage=\"clean\",le=\"5e-05\"} 1\n"), std::string::npos) << t;
  EXPECT_NE(t.find("lat_seconds_bucket{stage=\"clean\",le=\"0.0025\"} 1\n"), std::string::npos) << t;
  EXPECT_NE(t.find("lat_seconds_bucket{stage=\"clean\",le=\"0.005\"} 2\n"), std::string::npos) << t;
  EXPECT_NE(t.find("lat_seconds_bucket{stage=\"clean\",le=\"60\"} 2\n"), std::string::npos) << t;
  EXPECT_NE(t.find("lat_seconds_bucket{stage=\"clean\",le=\"+Inf\"} 3\n"), std::string::npos) << t;
  EXPECT_NE(t.find("lat_seconds_count{stage=\"clean\"} 3\n"), std::string::npos) << t;
  EXPECT_NE(t.find("lat_seconds_sum{stage=\"clean\"} 100.00301"), std::string::npos) << t;
}

TEST(MetricsTest, RendersCountersFailuresLagAndStageHistograms) {
  Metrics m({"normalize"});
  m.records_consumed = 7;
  m.records_produced = 5;
  m.records_dead_lettered = 2;
  m.CountFailure("decode", StatusCode::kMalformed);
  m.CountFailure("normalize", StatusCode::kRejected);
  m.CountFailure("normalize", StatusCode::kRejected);
  m.SetConsumerLag({{0, 12}, {3, 0}});
  m.SetProducerQueueProbe([] { return 4; });
  ASSERT_NE(m.Stage("normalize"), nullptr);
  EXPECT_EQ(m.Stage("unknown"), nullptr);
  m.Stage("normalize")->Observe(0.001);
  m.hops.queue.Observe(0.2);
  m.hops.deliver.Observe(0.003);
  std::string text = m.Render("articles.raw");
  EXPECT_NE(text.find("copydesk_records_consumed_total 7\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_records_produced_total 5\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_records_dead_lettered_total 2\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_records_failed_total{stage=\"decode\",reason=\"malformed\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("copydesk_records_failed_total{stage=\"normalize\",reason=\"rejected\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("copydesk_consumer_lag{topic=\"articles.raw\",partition=\"0\"} 12\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_producer_queue_depth 4\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_stage_duration_seconds_count{stage=\"normalize\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_build_info{version="), std::string::npos);
  EXPECT_NE(text.find("copydesk_record_wait_seconds_count{hop=\"queue\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_record_wait_seconds_bucket{hop=\"queue\",le=\"0.25\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_record_wait_seconds_bucket{hop=\"queue\",le=\"0.1\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("copydesk_record_wait_seconds_count{hop=\"fetch\"} 0\n"), std::string::npos);
}

TEST(KafkaStatsTest, ReadsLagBrokersAndGroupState) {
  const char* json = R"({
    "name": "c#consumer-1", "type": "consumer", "msg_cnt": 3,
    "brokers": {
      "127.0.0.1:9092/bootstrap": {"name": "127.0.0.1:9092/bootstrap", "nodeid": -1, "state": "INIT"},
      "127.0.0.1:9092/1": {"name": "127.0.0.1:9092/1", "nodeid": 1, "state": "UP"},
      "127.0.0.1:9093/2": {"name": "127.0.0.1:9093/2", "nodeid": 2, "state": "DOWN"}
    },
    "topics": {"articles.raw": {"partitions": {
      "0": {"partition": 0, "consumer_lag": 42},
      "1": {"partition": 1, "consumer_lag": -1},
      "-1": {"partition": -1, "consumer_lag": -1}
    }}, "other": {"partitions": {"0": {"consumer_lag": 9}}}},
    "cgrp": {"state": "up", "join_state": "steady"}
  })";
  std::optional<KafkaStats> stats = ParseKafkaStats(json, "articles.raw");
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->consumer_lag, (std::map<int32_t, int64_t>{{0, 42}}));
  EXPECT_EQ(stats->brokers_known, 2);
  EXPECT_EQ(stats->brokers_up, 1);
  EXPECT_EQ(stats->group_state, "up");
  EXPECT_EQ(stats->group_join_state, "steady");
  EXPECT_EQ(stats->queued_messages, 3);
  EXPECT_FALSE(ParseKafkaStats("{not json", "t").has_value());
}

}  // namespace
}  // namespace copydesk::worker
