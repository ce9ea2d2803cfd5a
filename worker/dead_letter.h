// Dead-letter records: the input record exactly as it came (key, value, headers) plus headers that say
// where and why it failed, so that nothing is lost and a person can replay it once the cause is fixed.
//
//   copydesk.error.stage      "decode", "encode", "produce" or the stage's name
//   copydesk.error.code       the failure's bounded code ("malformed", "rejected", ...: common/status.h)
//   copydesk.error.reason     the detail: one line, no article payload; may quote producer text (a
//                             content-type), which is why it is a header here and never a metric label
//   copydesk.error.topic / .partition / .offset / .timestamp   where the input record was (timestamp in
//                                                              ms since the epoch, "-1" if it had none)
//
// Earlier copydesk.error.* headers (a replayed record that failed again) are replaced, not doubled. A
// record without a key stays without one.
#pragma once

#include <string_view>

#include "common/status.h"
#include "worker/record.h"

namespace copydesk::worker {

inline constexpr std::string_view kErrorHeaderPrefix = "copydesk.error.";

OutputRecord MakeDeadLetter(const InputRecord& record, const Status& failure, std::string_view topic);

}  // namespace copydesk::worker
