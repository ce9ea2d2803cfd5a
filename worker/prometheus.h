// A small writer of the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines once per
// family, label values escaped, histograms as cumulative _bucket/_sum/_count series. Hand-written because
// prometheus-cpp is not packaged in Debian; it covers what the worker exposes and nothing more.
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

 private:
  std::string out_;
};

}  // namespace copydesk::worker
