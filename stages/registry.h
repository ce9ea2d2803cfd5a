// The registry: the one place that knows every built-in stage by name. A stage folder exposes one
// StageDescriptor (name, doc, its config-key table and a factory); registry.cc lists them. Registration is
// an explicit list rather than static initialisers so that linking from static libraries cannot silently
// drop a stage.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "stages/stage.h"
#include "stages/stage_config.h"

namespace copydesk::stages {

struct StageDescriptor {
  std::string_view name;
  std::string_view doc;
  std::span<const ConfigKey> keys;
  // Turns validated options into a ready stage, once, at start-up.
  std::function<StatusOr<std::unique_ptr<Stage>>(const StageOptions&)> factory;
  // False for a stage that is an alternative to another rather than a step of the full chain
  // (normalize, the minimal stand-in for clean).
  bool in_default_chain = true;
  // What Transform needs an earlier stage (or decoding) to have written, and what it writes or rewrites;
  // Chain::ValidateSpec checks a chain's order against them. Facets a stage uses only when present (the
  // captions stage's caption candidates) are not listed in `reads`.
  Facets reads;
  Facets writes;
};

// Every built-in stage, in the recommended chain order.
std::span<const StageDescriptor> BuiltinStages();

// nullptr when no stage has that name.
const StageDescriptor* FindStage(std::string_view name);

// Validates `config` against the named stage's key table and builds the stage: what the chain does for
// each of its stages, and what tests, benchmarks and fuzz targets use to get one stage alone. Errors have
// where = the stage name (or "config" for an unknown name).
StatusOr<std::unique_ptr<Stage>> MakeStage(std::string_view name,
                                           const std::map<std::string, std::string>& config = {});

}  // namespace copydesk::stages
