#include "stages/registry.h"

#include <array>

#include "stages/attribution/attribution_stage.h"
#include "stages/captions/captions_stage.h"
#include "stages/clean/clean_stage.h"
#include "stages/normalize/normalize_stage.h"

namespace copydesk::stages {

std::span<const StageDescriptor> BuiltinStages() {
  static const std::array<StageDescriptor, 4> kStages = {
      NormalizeStageDescriptor(),
      CleanStageDescriptor(),
      CaptionsStageDescriptor(),
      AttributionStageDescriptor(),
  };
  return kStages;
}

const StageDescriptor* FindStage(std::string_view name) {
  for (const StageDescriptor& d : BuiltinStages()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

StatusOr<std::unique_ptr<Stage>> MakeStage(std::string_view name, const std::map<std::string, std::string>& config) {
  const StageDescriptor* descriptor = FindStage(name);
  if (descriptor == nullptr) {
    return Status::Error(StatusCode::kInvalidConfig, "config", "unknown stage '" + std::string(name) + "'");
  }
  StatusOr<StageOptions> options = StageOptions::Validate(name, descriptor->keys, config);
  if (!options.ok()) return options.status();
  return descriptor->factory(options.value());
}

}  // namespace copydesk::stages
