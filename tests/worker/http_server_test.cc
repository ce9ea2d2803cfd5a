#include "worker/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>

namespace copydesk::worker {
namespace {

TEST(HttpServerTest, ServesMetricsHealthAndReadinessAndNothingElse) {
  std::atomic<bool> ready{false};
  HttpServer server(HttpProbes{
      [] { return std::string("copydesk_records_consumed_total 1\n"); },
      [](std::string*) { return true; },
      [&](std::string* why) {
        *why = "not yet assigned";
        return ready.load();
      },
  });
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  ASSERT_GT(server.port(), 0);
  httplib::Client client("127.0.0.1", server.port());

  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->body, "copydesk_records_consumed_total 1\n");
  EXPECT_NE(metrics->get_header_value("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);

  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  auto not_ready = client.Get("/readyz");
  ASSERT_TRUE(not_ready);
  EXPECT_EQ(not_ready->status, 503);
  EXPECT_EQ(not_ready->body, "not yet assigned\n");
  ready = true;
  auto now_ready = client.Get("/readyz");
  ASSERT_TRUE(now_ready);
  EXPECT_EQ(now_ready->status, 200);

  for (const char* path : {"/", "/config", "/metrics/../config", "/debug/pprof"}) {
    auto other = client.Get(path);
    ASSERT_TRUE(other) << path;
    EXPECT_EQ(other->status, 404) << path;
  }
  auto post = client.Post("/metrics", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_NE(post->status, 200);
  server.Stop();
}

TEST(HttpServerTest, BusyPortIsAClearError) {
  HttpServer first(HttpProbes{[] { return std::string(); }, [](std::string*) { return true; },
                              [](std::string*) { return true; }});
  ASSERT_TRUE(first.Start("127.0.0.1", 0).ok());
  HttpServer second(HttpProbes{[] { return std::string(); }, [](std::string*) { return true; },
                               [](std::string*) { return true; }});
  Status s = second.Start("127.0.0.1", first.port());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.detail().find(std::to_string(first.port())), std::string::npos);
}

}  // namespace
}  // namespace copydesk::worker
