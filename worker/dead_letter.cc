#include "worker/dead_letter.h"

#include <string>

namespace copydesk::worker {

namespace {

// Header values stay one line and bounded whatever a stage put in its reason.
std::string OneLine(std::string_view text) {
  constexpr size_t kMax = 1000;
  std::string out(text.substr(0, kMax));
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

OutputRecord MakeDeadLetter(const InputRecord& record, const Status& failure, std::string_view topic) {
  OutputRecord out;
  out.topic = std::string(topic);
  out.key = record.key;
  out.value = record.value;
  out.null_value = record.null_value;
  for (const Header& header : record.headers) {
    if (header.first.rfind(kErrorHeaderPrefix, 0) == 0) continue;
    out.headers.push_back(header);
  }
  std::string prefix(kErrorHeaderPrefix);
  out.headers.emplace_back(prefix + "stage", OneLine(failure.where()));
  out.headers.emplace_back(prefix + "code", std::string(StatusCodeName(failure.code())));
  out.headers.emplace_back(prefix + "reason", OneLine(failure.detail()));
  out.headers.emplace_back(prefix + "topic", record.topic);
  out.headers.emplace_back(prefix + "partition", std::to_string(record.partition));
  out.headers.emplace_back(prefix + "offset", std::to_string(record.offset));
  out.headers.emplace_back(prefix + "timestamp", std::to_string(record.timestamp_ms));
  return out;
}

}  // namespace copydesk::worker
