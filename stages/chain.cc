#include "stages/chain.h"

#include <chrono>
#include <exception>

#include "stages/registry.h"

namespace copydesk::stages {

ChainSpec DefaultChainSpec() {
  ChainSpec spec;
  for (const StageDescriptor& d : BuiltinStages()) {
    if (d.in_default_chain) spec.stages.emplace_back(d.name);
  }
  return spec;
}

namespace {

const std::map<std::string, std::string>& ConfigOf(const ChainSpec& spec, const std::string& stage) {
  static const std::map<std::string, std::string> kNone;
  auto it = spec.config.find(stage);
  return it == spec.config.end() ? kNone : it->second;
}

// For a stage (spec.stages[reader]) that reads `facet` before anything wrote it: the later stage of the
// chain that writes it, or else the built-in stages that originate it.
std::string WhereFacetComesFrom(const ChainSpec& spec, size_t reader, Facet facet) {
  for (size_t j = reader + 1; j < spec.stages.size(); ++j) {
    if (FindStage(spec.stages[j])->writes.Has(facet)) {
      return "'" + spec.stages[j] + "' writes them but comes after '" + spec.stages[reader] + "'";
    }
  }
  std::string writers;
  for (const StageDescriptor& d : BuiltinStages()) {
    // A stage that reads the facet too only edits it (captions removes paragraphs); it is no source.
    if (d.writes.Has(facet) && !d.reads.Has(facet)) {
      writers += (writers.empty() ? "'" : " or '") + std::string(d.name) + "'";
    }
  }
  return "put " + writers + " before it";
}

// The order check: each stage's `reads` written by decoding or an earlier stage, and no stage rewriting
// what an earlier one already read. Names the stages involved so that the fix is plain from the message.
Status ValidateOrder(const ChainSpec& spec) {
  Facets written = kDecodedFacets;
  std::vector<const StageDescriptor*> earlier;
  for (size_t i = 0; i < spec.stages.size(); ++i) {
    const StageDescriptor& stage = *FindStage(spec.stages[i]);
    for (int f = 0; f < kFacetCount; ++f) {
      const Facet facet = static_cast<Facet>(f);
      const std::string name(FacetName(facet));
      if (stage.reads.Has(facet) && !written.Has(facet)) {
        return Status::Error(StatusCode::kInvalidConfig, "config",
                             "stage '" + spec.stages[i] + "' reads " + name + ", which no stage before it writes: " +
                                 WhereFacetComesFrom(spec, i, facet));
      }
      if (!stage.writes.Has(facet)) continue;
      for (const StageDescriptor* reader : earlier) {
        if (reader->reads.Has(facet)) {
          return Status::Error(StatusCode::kInvalidConfig, "config",
                               "stage '" + spec.stages[i] + "' rewrites " + name + " that '" +
                                   std::string(reader->name) + "' before it already read");
        }
      }
    }
    written |= stage.writes;
    earlier.push_back(&stage);
  }
  return Status::Ok();
}

}  // namespace

Status Chain::ValidateSpec(const ChainSpec& spec) {
  if (spec.stages.empty() && !spec.explicitly_empty) {
    return Status::Error(StatusCode::kInvalidConfig, "config",
                         "the stage chain is empty (write `none` for a chain without stages)");
  }
  for (const auto& [name, values] : spec.config) {
    if (FindStage(name) == nullptr) {
      return Status::Error(StatusCode::kInvalidConfig, "config",
                           "configuration given for unknown stage '" + name + "'");
    }
  }
  for (const std::string& name : spec.stages) {
    const StageDescriptor* descriptor = FindStage(name);
    if (descriptor == nullptr) {
      return Status::Error(StatusCode::kInvalidConfig, "config", "unknown stage '" + name + "'");
    }
    StatusOr<StageOptions> options = StageOptions::Validate(name, descriptor->keys, ConfigOf(spec, name));
    if (!options.ok()) {
      return Status::Error(StatusCode::kInvalidConfig, "config", options.status().ToString());
    }
  }
  return ValidateOrder(spec);
}

StatusOr<Chain> Chain::Build(const ChainSpec& spec) {
  Status valid = ValidateSpec(spec);
  if (!valid.ok()) return valid;
  Chain chain;
  for (const std::string& name : spec.stages) {
    StatusOr<std::unique_ptr<Stage>> stage = MakeStage(name, ConfigOf(spec, name));
    if (!stage.ok()) {
      const Status& s = stage.status();
      return s.where() == "config" ? s : Status::Error(StatusCode::kInvalidConfig, "config", s.ToString());
    }
    chain.stages_.push_back(std::move(stage).value());
  }
  return chain;
}

namespace {

// Fields the contract copies from the input unchanged; no stage owns them.
void CopyPassThroughFields(const v1::RawArticle& raw, v1::EnrichedArticle& out) {
  if (out.id().empty()) out.set_id(raw.id());
  out.set_url(raw.url());
  out.set_source(raw.source());
  out.set_language(raw.language());
  if (raw.has_published_at()) *out.mutable_published_at() = raw.published_at();
  out.mutable_metadata()->insert(raw.metadata().begin(), raw.metadata().end());
}

}  // namespace

Status Chain::Run(const v1::RawArticle& raw, v1::EnrichedArticle& out) const {
  CopyPassThroughFields(raw, out);
  Article article{raw, out, {}};
  for (const auto& stage : stages_) {
    auto started = std::chrono::steady_clock::now();
    StageResult result = StageResult::Continue();
    StatusCode code = StatusCode::kRejected;  // the stage said Fail
    try {
      result = stage->Transform(article);
    } catch (const std::exception& e) {
      result = StageResult::Fail(std::string("unexpected exception: ") + e.what());
      code = StatusCode::kInternal;
    } catch (...) {
      result = StageResult::Fail("unexpected exception");
      code = StatusCode::kInternal;
    }
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                         started);
    v1::StageTiming* timing = out.mutable_provenance()->add_stages();
    timing->set_stage(std::string(stage->name()));
    timing->set_micros(static_cast<uint64_t>(micros.count()));
    if (result.failed()) return Status::Error(code, std::string(stage->name()), result.reason());
  }
  return Status::Ok();
}

std::vector<std::string> Chain::StageNames() const {
  std::vector<std::string> names;
  for (const auto& stage : stages_) names.emplace_back(stage->name());
  return names;
}

}  // namespace copydesk::stages
