// The stage interface: one pure transform of the in-flight article.
//
// Contract
// - A stage reads what earlier stages wrote into `article.out` (and `article.scratch`) and adds its own
//   fields. It edits another stage's output only where the contract says so (cleaning removes lines;
//   captions move blocks out of the body).
// - No Kafka, no threads, no I/O, no global mutable state: `Transform` is const and is called concurrently
//   from several threads on different articles.
// - Outcome: Continue, or Fail(reason) — the article then goes to the dead-letter topic with the stage's
//   name and the reason. A stage never throws across this boundary; the chain turns a stray exception into
//   a failure all the same.
// - Bad input (binary, huge, deeply nested) must end in Fail or a correct result in time linear in the
//   input size.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"
#include "stages/scratch.h"

namespace copydesk::stages {

// The article as it travels the chain: the immutable input and the output under construction.
struct Article {
  const v1::RawArticle& raw;
  v1::EnrichedArticle& out;
  Scratch scratch;  // transient state one stage hands to a later one; never published
};

class StageResult {
 public:
  static StageResult Continue() { return StageResult(); }
  static StageResult Fail(std::string reason) {
    StageResult r;
    r.failed_ = true;
    r.reason_ = std::move(reason);
    return r;
  }
  bool failed() const { return failed_; }
  const std::string& reason() const { return reason_; }

 private:
  bool failed_ = false;
  std::string reason_;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // The registry name ("clean", "captions", ...); used in provenance, metrics and dead-letter headers.
  virtual std::string_view name() const = 0;
  virtual StageResult Transform(Article& article) const = 0;
};

}  // namespace copydesk::stages
