// The chain: stages built once from config, run left to right on each article.
//
// Run() is const and thread-safe: one Chain serves every worker thread. It stops at the first stage that
// fails and reports that stage's name and reason, which the worker turns into a dead-letter record.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"
#include "stages/stage.h"

namespace copydesk::stages {

// What the user asked for: stage names in order, and per-stage key/value config.
struct ChainSpec {
  std::vector<std::string> stages;
  // An empty `stages` is a configuration mistake unless asked for by name (`stages.chain: none`): a worker
  // that only decodes, validates and re-encodes, which is what a benchmark of the plumbing needs.
  bool explicitly_empty = false;
  std::map<std::string, std::map<std::string, std::string>> config;  // stage name -> key -> value
};

// The chain the project recommends: the built-in stages marked in_default_chain, in registry order. The
// worker's embedded default configuration names the same chain (a test keeps them equal).
ChainSpec DefaultChainSpec();

class Chain {
 public:
  // Checks the spec without building anything: a non-empty chain of known stages, config only for known
  // stages, every value valid against its stage's key table, and an order in which every stage finds the
  // facets it reads (StageDescriptor::reads) written by decoding or an earlier stage and none rewrites a
  // facet an earlier stage read ("attribution,clean" is refused, naming both). Cheap, for configuration
  // validation; what only a factory can judge (and pays to set up) is left to Build. Errors have
  // where = "config" and code kInvalidConfig.
  static Status ValidateSpec(const ChainSpec& spec);

  // ValidateSpec, then builds every stage (once per process: factories compile lexicons). Errors have
  // where = "config".
  static StatusOr<Chain> Build(const ChainSpec& spec);

  // Copies the pass-through fields (id when `out` has none, url, source, language, published_at,
  // metadata), then runs every stage on `raw`, filling `out` and appending per-stage
  // timings to out.provenance.stages. On failure `out` holds what was written so far; the Status names
  // the stage (where) and the reason.
  Status Run(const v1::RawArticle& raw, v1::EnrichedArticle& out) const;

  std::vector<std::string> StageNames() const;

 private:
  std::vector<std::shared_ptr<const Stage>> stages_;
};

}  // namespace copydesk::stages
