#include "stages/registry.h"

#include <array>

#include "stages/attribution/attribution_stage.h"
#include "stages/captions/captions_stage.h"
#include "stages/normalize/normalize_stage.h"

namespace copydesk::stages {

std::span<const StageDescriptor> BuiltinStages() {
  static const std::array<StageDescriptor, 3> kStages = {
      NormalizeStageDescriptor(),
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

}  // namespace copydesk::stages
