// copydesk-feed's progress and summary lines: counts, rate and volume, in one line of plain text, e.g.
// "1200 sent, 1198 delivered, 0 failed, 2.4 MiB, 5000 rec/s, 10.0 MiB/s in 0.24 s".
#pragma once

#include <cstdint>
#include <string>

namespace copydesk::tools {

struct ProgressCounts {
  uint64_t sent = 0;       // handed to the producer
  uint64_t delivered = 0;  // acknowledged by the broker
  uint64_t failed = 0;     // not delivered, or never sent (a bad input line)
  uint64_t bytes = 0;      // value bytes sent
};

// "512 B", "1.5 KiB", "2.0 MiB", "3.1 GiB".
std::string HumanBytes(uint64_t bytes);

// Rates are over `seconds` of wall time; with no time elapsed they are left out.
std::string FormatProgress(const ProgressCounts& counts, double seconds);

}  // namespace copydesk::tools
