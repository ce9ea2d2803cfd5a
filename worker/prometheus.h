// A small writer of the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines once per
// family, HELP text and label values escaped, histograms as cumulative _bucket/_sum/_count series. It
// covers what the worker exposes and nothing more.
//
// Why not prometheus-cpp (Debian's prometheus-cpp-dev 1.0.1, whose core has a TextSerializer): measured
// with tests/bench/prometheus_bench.cc on the worker's scrape shape (about 11 KB), this writer takes 43 µs
// of CPU and TextSerializer 61 µs, both negligible at one scrape per 15 s, so speed is not the reason. The
// reasons are that 1.0.1 writes HELP text unescaped (a newline in it would break the exposition; we would
// still escape it here), that the worker would still turn its atomics and histogram snapshots into
// prometheus-cpp's MetricFamily structs (as much code as writing the lines), and that it would add a
// build package and a runtime library to the image for about 90 lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "worker/histogram.h"

namespace copydesk::worker {

using Labels = std::vector<std::pair<std::string, std::string>>;

class PrometheusWriter {
 public:
  // Starts a metric family; samples of it follow. `type`: counter, gauge or histogram.
  void Family(std::string_view name, std::string_view type, std::string_view help);
  void Sample(std::string_view name, const Labels& labels, double value);
  void Histogram(std::string_view name, const Labels& labels, const Histogram::Snapshot& snapshot);
  const std::string& text() const { return out_; }

  // Escapes a label value: backslash, double quote and line feed.
  static std::string EscapeLabelValue(std::string_view value);
  // Escapes HELP text: backslash and line feed (the format leaves double quotes as they are there).
  static std::string EscapeHelp(std::string_view help);

 private:
  std::string out_;
};

}  // namespace copydesk::worker
