// The worker's /metrics exposition written two ways, for the choice recorded in worker/prometheus.h: the
// project's PrometheusWriter, and prometheus-cpp's TextSerializer (Debian's prometheus-cpp-dev 1.0.1, core
// library) fed the same families. The scrape is the worker's own shape: 17 scalar families, 12 failure
// series, lag for 24 partitions, five 17-bucket histograms. Built only where prometheus-cpp is installed
// (tests/bench/CMakeLists.txt); run: build/release/tests/bench/prometheus_bench
#include <benchmark/benchmark.h>
#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "worker/histogram.h"
#include "worker/prometheus.h"

namespace copydesk::worker {
namespace {

struct Series {
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};
struct HistogramSeries {
  std::vector<std::pair<std::string, std::string>> labels;
  Histogram::Snapshot snapshot;
};
struct FamilyData {
  std::string name, type, help;
  std::vector<Series> series;
  std::vector<HistogramSeries> histograms;
};

std::vector<FamilyData> WorkerScrape() {
  std::vector<FamilyData> families;
  for (int i = 0; i < 17; ++i) {
    families.push_back({"copydesk_scalar_" + std::to_string(i) + "_total", i < 9 ? "counter" : "gauge",
                        "A counter or gauge of the worker, one line of help.", {{{}, 1000.0 * i + 7}}, {}});
  }
  FamilyData failures{"copydesk_records_failed_total", "counter", "Records that failed, by stage and code.", {},
                      {}};
  for (const char* stage : {"decode", "clean", "captions", "attribution"}) {
    for (const char* code : {"malformed", "rejected", "internal"}) {
      failures.series.push_back({{{"stage", stage}, {"reason", code}}, 3});
    }
  }
  families.push_back(failures);
  FamilyData lag{"copydesk_consumer_lag", "gauge", "Records behind the partition's end.", {}, {}};
  for (int p = 0; p < 24; ++p) {
    lag.series.push_back({{{"topic", "articles.raw"}, {"partition", std::to_string(p)}}, 12.0 * p});
  }
  families.push_back(lag);
  Histogram h;
  for (int i = 0; i < 1000; ++i) h.Observe(0.00003 * (i % 97) + 0.0001 * (i % 13));
  FamilyData stages{"copydesk_stage_duration_seconds", "histogram", "Time one stage took on one article.", {}, {}};
  for (const char* stage : {"clean", "captions", "attribution"}) {
    stages.histograms.push_back({{{"stage", stage}}, h.Read()});
  }
  families.push_back(stages);
  families.push_back({"copydesk_chain_duration_seconds", "histogram", "Time the chain took.", {}, {{{}, h.Read()}}});
  families.push_back(
      {"copydesk_end_to_end_seconds", "histogram", "Input timestamp to delivery.", {}, {{{}, h.Read()}}});
  return families;
}

void BM_PrometheusWriter(benchmark::State& state) {
  const std::vector<FamilyData> families = WorkerScrape();
  size_t bytes = 0;
  for (auto _ : state) {
    PrometheusWriter w;
    for (const FamilyData& f : families) {
      w.Family(f.name, f.type, f.help);
      for (const Series& s : f.series) w.Sample(f.name, s.labels, s.value);
      for (const HistogramSeries& h : f.histograms) w.Histogram(f.name, h.labels, h.snapshot);
    }
    bytes = w.text().size();
    benchmark::DoNotOptimize(w.text().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_PrometheusWriter);

std::vector<prometheus::ClientMetric::Label> CppLabels(const std::vector<std::pair<std::string, std::string>>& labels) {
  std::vector<prometheus::ClientMetric::Label> out;
  for (const auto& [name, value] : labels) out.push_back({name, value});
  return out;
}

// What the worker would do per scrape with prometheus-cpp: build the families from its own atomics (as it
// does for PrometheusWriter), then serialise.
void BM_PrometheusCppTextSerializer(benchmark::State& state) {
  const std::vector<FamilyData> families = WorkerScrape();
  size_t bytes = 0;
  for (auto _ : state) {
    std::vector<prometheus::MetricFamily> out;
    for (const FamilyData& f : families) {
      prometheus::MetricFamily family;
      family.name = f.name;
      family.help = f.help;
      family.type = f.type == "counter"   ? prometheus::MetricType::Counter
                    : f.type == "gauge"   ? prometheus::MetricType::Gauge
                                          : prometheus::MetricType::Histogram;
      for (const Series& s : f.series) {
        prometheus::ClientMetric m;
        m.label = CppLabels(s.labels);
        (family.type == prometheus::MetricType::Counter ? m.counter.value : m.gauge.value) = s.value;
        family.metric.push_back(std::move(m));
      }
      for (const HistogramSeries& h : f.histograms) {
        prometheus::ClientMetric m;
        m.label = CppLabels(h.labels);
        uint64_t cumulative = 0;
        for (size_t i = 0; i <= Histogram::kBounds.size(); ++i) {
          cumulative += h.snapshot.counts[i];
          m.histogram.bucket.push_back({cumulative, i < Histogram::kBounds.size()
                                                        ? Histogram::kBounds[i]
                                                        : std::numeric_limits<double>::infinity()});
        }
        m.histogram.sample_count = cumulative;
        m.histogram.sample_sum = h.snapshot.sum_seconds;
        family.metric.push_back(std::move(m));
      }
      out.push_back(std::move(family));
    }
    std::ostringstream text;
    prometheus::TextSerializer().Serialize(text, out);
    bytes = text.str().size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_PrometheusCppTextSerializer);

}  // namespace
}  // namespace copydesk::worker

BENCHMARK_MAIN();
