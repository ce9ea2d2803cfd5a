// The worker's HTTP endpoint: GET /metrics (Prometheus text), /healthz (the process loop is alive) and
// /readyz (assigned, broker reachable, producer healthy). Nothing else is served: every other path is 404
// and no handler reveals configuration. Runs cpp-httplib on its own thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "common/status.h"

namespace copydesk::worker {

struct HttpProbes {
  std::function<std::string()> metrics;
  // Each returns true when fine; on false, *why says what is wrong (one line).
  std::function<bool(std::string* why)> healthy;
  std::function<bool(std::string* why)> ready;
};

class HttpServer {
 public:
  explicit HttpServer(HttpProbes probes);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; port 0 picks a free port (see port()).
  Status Start(const std::string& bind, int port);
  void Stop();
  int port() const { return port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  HttpProbes probes_;
  std::thread thread_;
  int port_ = -1;
};

}  // namespace copydesk::worker
