// One-shot mode (`copydesk-worker process`): the same decode and chain as the Kafka path, without Kafka.
// In: RawArticle JSON lines (or whole plain-text files with `text_files`). Out: one EnrichedArticle JSON
// line per article (proto3 JSON, original field names, enums by name). A line that fails is not dropped:
// it is reported as a JSON line {"line", "id", "stage", "reason"} on the error stream, and the run goes
// on. Quality evaluation (../shared/tools/score) runs through this mode.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "stages/chain.h"

namespace copydesk::worker {

struct OneShotOptions {
  std::vector<std::string> inputs;  // files; empty = standard input
  bool text_files = false;          // each input is one plain-text article (first line = headline)
  bool pretty = false;              // indented JSON instead of one line per article
};

struct OneShotSummary {
  size_t processed = 0;
  size_t failed = 0;
  bool io_error = false;
};

OneShotSummary RunOneShot(const stages::Chain& chain, const OneShotOptions& options, std::ostream& out,
                          std::ostream& errors);

}  // namespace copydesk::worker
