// Throughput of the attribution stage on generated news text: paragraphs mixing direct quotes (split,
// continued, nested), reported speech, appositives, "according to" credits and plain narration, plus the
// pathological shapes the stage must survive in linear time (thousands of quote marks, one huge
// paragraph), and the PolNeAR dev articles where ../shared/corpus is present. Never run by ctest. Bytes
// processed = the articles' paragraph bytes.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "stages/attribution/attribution_stage.h"

namespace copydesk::stages {
namespace {

const char* const kNames[] = {"Lotte Brandt", "Omar Haddad", "Ines Kowalczyk", "Ruth Adler", "Piet Vogel"};
const char* const kTitles[] = {"Harbour Master", "Deputy Mayor", "Fire Chief", "Finance Minister", "Senator"};
const char* const kClauses[] = {
    "the ferry would run again in spring after the channel is dredged",
    "the council had underestimated the cost of the new pumps by several million",
    "residents were told to keep their sandbags until the end of the month",
    "the bridge inspection found no damage to the main span",
    "traders lost most of their summer income while the quay was closed"};

std::string Pick(std::mt19937& rng, const char* const* list, size_t n) {
  return list[std::uniform_int_distribution<size_t>(0, n - 1)(rng)];
}

std::vector<std::string> MakeArticle(unsigned seed) {
  std::mt19937 rng(seed);
  auto name = [&] { return Pick(rng, kNames, 5); };
  auto title = [&] { return Pick(rng, kTitles, 5); };
  auto clause = [&] { return Pick(rng, kClauses, 5); };
  std::vector<std::string> paragraphs;
  // Every other paragraph is narration, which puts about one attribution in 300 bytes: the density
  // the stage finds in political news.
  for (int i = 0; i < 60; ++i) {
    if (i % 2 == 1) {
      paragraphs.push_back("The storm moved north overnight and the ferries stayed in port while crews checked the "
                           "moorings, the lights and the ramps before the morning tide. Traffic on the coast road "
                           "was slow until noon, and the schools in the lower town opened two hours late.");
      continue;
    }
    switch ((i / 2) % 8) {
      case 0:
        paragraphs.push_back(title() + " " + name() + " said on Monday that " + clause() + ", according to Reuters.");
        break;
      case 1:
        paragraphs.push_back("\xE2\x80\x9C" "We will not let the harbour close again," "\xE2\x80\x9D" " said " + name() +
                             ", the town's " + title() + ". \xE2\x80\x9C" "Nobody wants that.\xE2\x80\x9D");
        break;
      case 2:
        paragraphs.push_back("\"The water came in faster than anyone expected,\" " + name() +
                             " said, \"and the 'temporary' wall did not hold.\"");
        break;
      case 3:
        paragraphs.push_back("The storm moved north overnight and the ferries stayed in port while crews checked "
                             "the moorings, the lights and the ramps before the morning tide.");
        break;
      case 4:
        paragraphs.push_back(name() + " told reporters the repairs were \"long overdue\" and that " + clause() + ".");
        break;
      case 5:
        paragraphs.push_back("In a statement, the harbour board said " + clause() + ", the Associated Press reported.");
        break;
      case 6:
        paragraphs.push_back(name() + " said: \"The first crane failed in May. The second one failed in June.");
        break;
      default:
        paragraphs.push_back("\"We checked each one twice,\" she added, noting that " + clause() + ".");
    }
  }
  return paragraphs;
}

size_t Bytes(const std::vector<std::string>& paragraphs) {
  size_t n = 0;
  for (const std::string& p : paragraphs) n += p.size();
  return n;
}

void Run(benchmark::State& state, const std::vector<std::string>& paragraphs) {
  auto options = StageOptions::Validate("attribution", AttributionStageDescriptor().keys, {});
  auto stage = AttributionStageDescriptor().factory(options.value());
  v1::RawArticle raw;
  v1::EnrichedArticle out;
  for (const std::string& p : paragraphs) out.add_paragraphs()->set_text(p);
  // The stage rewrites quotes and sources and leaves paragraphs alone, so one article serves every
  // iteration and the figure is the stage's own work.
  for (auto _ : state) {
    Article article{raw, out, {}};
    benchmark::DoNotOptimize(stage.value()->Transform(article));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(paragraphs)));
}

void BM_NewsArticle(benchmark::State& state) { Run(state, MakeArticle(7)); }
BENCHMARK(BM_NewsArticle);

// The PolNeAR dev articles (third-party text outside the repository), one paragraph per line as the
// normalize stage makes them; skipped where the corpus is absent. Each iteration gives the stage fresh
// articles, built outside the timed region, as the worker does per record: on an arena (`arena` = true,
// what copydesk-worker does) or on the heap.
void DevCorpus(benchmark::State& state, bool arena) {
  std::ifstream in(std::string(COPYDESK_SOURCE_DIR) + "/../shared/corpus/attribution/dev/articles.jsonl");
  if (!in) {
    state.SkipWithError("../shared/corpus is absent");
    return;
  }
  auto options = StageOptions::Validate("attribution", AttributionStageDescriptor().keys, {});
  auto stage = AttributionStageDescriptor().factory(options.value());
  std::vector<std::vector<std::string>> corpus;
  size_t bytes = 0;
  std::string line;
  while (std::getline(in, line)) {
    v1::RawArticle raw;
    if (!google::protobuf::util::JsonStringToMessage(line, &raw).ok()) continue;
    std::vector<std::string>& paragraphs = corpus.emplace_back();
    std::istringstream lines(raw.text());
    std::string p;
    while (std::getline(lines, p)) {
      if (p.empty()) continue;
      bytes += p.size();
      paragraphs.push_back(p);
    }
  }
  v1::RawArticle raw;
  for (auto _ : state) {
    state.PauseTiming();
    auto memory = std::make_unique<google::protobuf::Arena>();
    std::vector<std::unique_ptr<v1::EnrichedArticle>> owned;
    std::vector<v1::EnrichedArticle*> articles;
    for (const std::vector<std::string>& paragraphs : corpus) {
      v1::EnrichedArticle* out = nullptr;
      if (arena) {
        out = google::protobuf::Arena::CreateMessage<v1::EnrichedArticle>(memory.get());
      } else {
        out = owned.emplace_back(std::make_unique<v1::EnrichedArticle>()).get();
      }
      for (const std::string& p : paragraphs) out->add_paragraphs()->set_text(p);
      articles.push_back(out);
    }
    state.ResumeTiming();
    for (v1::EnrichedArticle* out : articles) {
      Article article{raw, *out, {}};
      benchmark::DoNotOptimize(stage.value()->Transform(article));
    }
    // Freeing the articles is not the stage's work (and on an arena it is one release).
    state.PauseTiming();
    owned.clear();
    memory.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
void BM_DevCorpus(benchmark::State& state) { DevCorpus(state, /*arena=*/true); }
BENCHMARK(BM_DevCorpus)->Unit(benchmark::kMillisecond);
void BM_DevCorpusHeap(benchmark::State& state) { DevCorpus(state, /*arena=*/false); }
BENCHMARK(BM_DevCorpusHeap)->Unit(benchmark::kMillisecond);

void BM_TenThousandQuoteMarks(benchmark::State& state) {
  std::string p;
  for (int i = 0; i < 10000; ++i) p += (i % 2 ? "\" said Ruth Adler, " : "\"The tide is high, ");
  Run(state, {p});
}
BENCHMARK(BM_TenThousandQuoteMarks);

void BM_FiveMegabyteParagraph(benchmark::State& state) {
  std::string p;
  while (p.size() < 5 * 1024 * 1024) p += "Officials said the plan, which they called \"bold\", was late and ";
  Run(state, {p});
}
BENCHMARK(BM_FiveMegabyteParagraph)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace copydesk::stages

BENCHMARK_MAIN();
