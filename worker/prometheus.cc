#include "worker/prometheus.h"

#include <cmath>
#include <cstdio>

namespace copydesk::worker {
namespace {

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

void AppendLabels(std::string& out, const Labels& labels) {
  if (labels.empty()) return;
  out += '{';
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out += labels[i].first;
    out += "=\"";
    out += PrometheusWriter::EscapeLabelValue(labels[i].second);
    out += '"';
  }
  out += '}';
}

// Backslash and line feed always; double quote only where `quote` (label values, not HELP text).
std::string Escape(std::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string PrometheusWriter::EscapeLabelValue(std::string_view value) { return Escape(value, true); }

std::string PrometheusWriter::EscapeHelp(std::string_view help) { return Escape(help, false); }

void PrometheusWriter::Family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  out_ += EscapeHelp(help);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusWriter::Sample(std::string_view name, const Labels& labels, double value) {
  out_ += name;
  AppendLabels(out_, labels);
  out_ += ' ';
  out_ += FormatValue(value);
  out_ += '\n';
}

void PrometheusWriter::Histogram(std::string_view name, const Labels& labels, const Histogram::Snapshot& snapshot) {
  uint64_t cumulative = 0;
  std::string bucket = std::string(name) + "_bucket";
  for (size_t i = 0; i <= Histogram::kBounds.size(); ++i) {
    cumulative += snapshot.counts[i];
    Labels with_le = labels;
    with_le.emplace_back("le", i < Histogram::kBounds.size() ? FormatValue(Histogram::kBounds[i]) : "+Inf");
    Sample(bucket, with_le, static_cast<double>(cumulative));
  }
  Sample(std::string(name) + "_sum", labels, snapshot.sum_seconds);
  Sample(std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

}  // namespace copydesk::worker
