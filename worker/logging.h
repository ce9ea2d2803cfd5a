// Logging setup. Text on a terminal, JSON lines otherwise (log.format = auto), always on stderr so that
// one-shot mode's stdout stays pure data. Article payloads are logged at debug level or below, never
// above: callers log ids, offsets and reasons.
#pragma once

#include <string_view>

namespace copydesk::worker {

// `level`: trace|debug|info|warn|error|off; `format`: auto|text|json (validated by Config).
void SetUpLogging(std::string_view level, std::string_view format);

}  // namespace copydesk::worker
