// Runs the clean stage, built from its registry descriptor with default options, on one RawArticle.
#pragma once

#include <string>

#include "stages/clean/clean_stage.h"

namespace copydesk::stages::clean_test {

struct Outcome {
  StageResult result = StageResult::Continue();
  v1::EnrichedArticle out;
  Scratch scratch;
};

inline const Stage& CleanStage() {
  static const std::unique_ptr<Stage> stage = [] {
    StatusOr<StageOptions> options = StageOptions::Validate("clean", CleanStageDescriptor().keys, {});
    return std::move(CleanStageDescriptor().factory(options.value()).value());
  }();
  return *stage;
}

inline Outcome Clean(const v1::RawArticle& raw) {
  Outcome run;
  Article article{raw, run.out, {}};
  run.result = CleanStage().Transform(article);
  run.scratch = std::move(article.scratch);
  return run;
}

inline Outcome CleanText(const std::string& title, const std::string& text) {
  v1::RawArticle raw;
  raw.set_title(title);
  raw.set_text(text);
  return Clean(raw);
}

inline Outcome CleanHtml(const std::string& html) {
  v1::RawArticle raw;
  raw.set_html(html);
  return Clean(raw);
}

// The body as one string, paragraphs joined by "\n".
inline std::string Body(const v1::EnrichedArticle& out) {
  std::string body;
  for (const v1::Paragraph& p : out.paragraphs()) {
    if (!body.empty()) body += '\n';
    body += p.text();
  }
  return body;
}

}  // namespace copydesk::stages::clean_test
