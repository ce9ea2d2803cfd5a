#include "tools/feed/progress.h"

#include <cstdio>

namespace copydesk::tools {

std::string HumanBytes(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1024.0;
  size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %s", value, kUnits[unit]);
  return buffer;
}

std::string FormatProgress(const ProgressCounts& counts, double seconds) {
  std::string line = std::to_string(counts.sent) + " sent, " + std::to_string(counts.delivered) + " delivered, " +
                     std::to_string(counts.failed) + " failed, " + HumanBytes(counts.bytes);
  if (seconds > 0) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, ", %.0f rec/s, %s/s in %.2f s", static_cast<double>(counts.sent) / seconds,
                  HumanBytes(static_cast<uint64_t>(static_cast<double>(counts.bytes) / seconds)).c_str(), seconds);
    line += buffer;
  }
  return line;
}

}  // namespace copydesk::tools
