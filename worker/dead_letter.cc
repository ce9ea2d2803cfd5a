#include "worker/dead_letter.h"

#include <string>

namespace copydesk::worker {

OutputRecord MakeDeadLetter(const InputRecord& record, const Status& failure, std::string_view topic) {
  OutputRecord out;
  out.topic = std::string(topic);
  out.key = record.key;
  out.value = record.value;
  for (const Header& header : record.headers) {
    if (header.first.rfind(kErrorHeaderPrefix, 0) == 0) continue;
    out.headers.push_back(header);
  }
  std::string prefix(kErrorHeaderPrefix);
  out.headers.emplace_back(prefix + "stage", failure.where());
  out.headers.emplace_back(prefix + "reason", failure.reason());
  out.headers.emplace_back(prefix + "topic", record.topic);
  out.headers.emplace_back(prefix + "partition", std::to_string(record.partition));
  out.headers.emplace_back(prefix + "offset", std::to_string(record.offset));
  out.headers.emplace_back(prefix + "timestamp", std::to_string(record.timestamp_ms));
  return out;
}

}  // namespace copydesk::worker
