#include "worker/http_server.h"

#include <httplib.h>

#include <chrono>

namespace copydesk::worker {

struct HttpServer::Impl {
  httplib::Server server;
};

HttpServer::HttpServer(HttpProbes probes) : impl_(std::make_unique<Impl>()), probes_(std::move(probes)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start(const std::string& bind, int port) {
  httplib::Server& server = impl_->server;
  server.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(probes_.metrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
  auto probe = [](const std::function<bool(std::string*)>& check) {
    return [check](const httplib::Request&, httplib::Response& response) {
      std::string why;
      bool ok = check(&why);
      response.status = ok ? 200 : 503;
      response.set_content(ok ? "ok\n" : why + "\n", "text/plain; charset=utf-8");
    };
  };
  server.Get("/healthz", probe(probes_.healthy));
  server.Get("/readyz", probe(probes_.ready));
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.status == 404) response.set_content("not found\n", "text/plain; charset=utf-8");
  });
  // cpp-httplib sets SO_REUSEPORT by default, which would let a second worker on this host share the port
  // and answer half the scrapes. SO_REUSEADDR alone still allows a quick restart.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  if (port == 0) {
    port_ = server.bind_to_any_port(bind);
  } else {
    port_ = server.bind_to_port(bind, port) ? port : -1;
  }
  if (port_ < 0) {
    return Status::Error(StatusCode::kUnavailable, "http", "cannot listen on " + bind + ":" + std::to_string(port));
  }
  thread_ = std::thread([this] { impl_->server.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs: wait for it, or a quick Stop() would hang the join.
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

void HttpServer::Stop() {
  if (thread_.joinable()) {
    impl_->server.stop();
    thread_.join();
  }
}

}  // namespace copydesk::worker
