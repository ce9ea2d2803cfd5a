// Throughput of the captions stage on generated articles: body paragraphs of news length with photo
// blocks (headline + caption + glued credit, credit lines, credit-less captions) mixed in. Never run by
// ctest. Bytes processed = the article's paragraph bytes.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "stages/captions/caption_detector.h"
#include "stages/captions/captions_stage.h"
#include "stages/captions/credit_lexicon.h"
#include "stages/captions/credit_parser.h"

namespace copydesk::stages {
namespace {

const char* const kWords[] = {"the",     "harbour", "council", "said",    "on",      "Monday",  "that",
                              "ferry",   "would",   "open",    "in",      "spring",  "after",   "a",
                              "dispute", "over",    "cost",    "of",      "dredging", "channel", "residents",
                              "have",    "waited",  "for",     "years",   "and",     "local",   "traders",
                              "say",     "delay",   "kept",    "visitors", "away",   "from",    "town"};

std::string Sentence(std::mt19937& rng, int words) {
  std::uniform_int_distribution<size_t> pick(0, sizeof(kWords) / sizeof(kWords[0]) - 1);
  std::string s = "The";
  for (int i = 1; i < words; ++i) {
    s += ' ';
    s += kWords[pick(rng)];
  }
  s += '.';
  return s;
}

// About 60 paragraphs: body paragraphs of 2-4 sentences, with a photo block every 12 paragraphs.
std::vector<std::string> MakeArticle(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> sentence_words(12, 30);
  std::uniform_int_distribution<int> sentences(2, 4);
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 60; ++i) {
    if (i % 12 == 5) {
      paragraphs.push_back("Harbour Ferry Terminal");
      paragraphs.push_back("Workers inspect the Harbour terminal in Lakeville on March 3, 2021. Lia Brandt/AFP via "
                           "Getty Images");
    } else if (i % 12 == 9) {
      paragraphs.push_back("Ana Velde/Reuters");
      paragraphs.push_back("Passengers wait on the pier as the first ferry arrives");
    } else if (i % 12 == 11) {
      paragraphs.push_back("The old terminal was closed in the autumn");
    }
    std::string p;
    int n = sentences(rng);
    for (int k = 0; k < n; ++k) {
      if (k) p += ' ';
      p += Sentence(rng, sentence_words(rng));
    }
    paragraphs.push_back(std::move(p));
  }
  return paragraphs;
}

size_t Bytes(const std::vector<std::string>& paragraphs) {
  size_t bytes = 0;
  for (const std::string& p : paragraphs) bytes += p.size();
  return bytes;
}

// The detector alone: what the stage does per article before it edits the message.
void BM_DetectCaptions(benchmark::State& state) {
  const captions::CreditLexicon lexicon = captions::CreditLexicon::FromEmbeddedData().value();
  std::vector<std::string> article = MakeArticle(7);
  std::vector<std::string_view> views(article.begin(), article.end());
  for (auto _ : state) {
    std::vector<captions::CaptionBlock> blocks = captions::DetectCaptions(views, lexicon, captions::DetectorLimits{});
    benchmark::DoNotOptimize(blocks);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(article)));
}
BENCHMARK(BM_DetectCaptions);

// The whole stage, including building the captions and compacting the body. The article is copied from a
// prepared message every iteration (the stage edits it), so the figure includes one message copy.
void BM_CaptionsStage(benchmark::State& state) {
  StatusOr<StageOptions> options = StageOptions::Validate("captions", CaptionsStageDescriptor().keys, {});
  std::unique_ptr<Stage> stage = CaptionsStageDescriptor().factory(options.value()).value();
  std::vector<std::string> article = MakeArticle(11);
  v1::EnrichedArticle prepared;
  for (const std::string& p : article) prepared.add_paragraphs()->set_text(p);
  v1::RawArticle raw;
  for (auto _ : state) {
    v1::EnrichedArticle out = prepared;
    Article in_flight{raw, out, {}};
    StageResult result = stage->Transform(in_flight);
    benchmark::DoNotOptimize(result);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(article)));
}
BENCHMARK(BM_CaptionsStage);

// Credit parsing alone, over the credit forms the stage meets.
void BM_ParseCredit(benchmark::State& state) {
  const captions::CreditLexicon lexicon = captions::CreditLexicon::FromEmbeddedData().value();
  const std::vector<std::string> credits = {"Lia Brandt/AFP via Getty Images", "(AP Photo/Lia Brandt)",
                                            "REUTERS/Lia Brandt", "Photo by Lia Brandt/Getty Images",
                                            "Credit: Lia Brandt/The New York Times", "Courtesy of Harbour Club"};
  size_t bytes = 0;
  for (const std::string& c : credits) bytes += c.size();
  for (auto _ : state) {
    for (const std::string& c : credits) benchmark::DoNotOptimize(captions::ParseCredit(c, lexicon));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ParseCredit);

}  // namespace
}  // namespace copydesk::stages

BENCHMARK_MAIN();
