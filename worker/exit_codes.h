// The worker's exit codes, shared by main and the Kafka loop so that scripts and supervisors can tell a
// bad configuration (do not restart) from a runtime failure (restart).
#pragma once

namespace copydesk::worker {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;          // broker fatal error, I/O error: restart is reasonable
inline constexpr int kExitConfig = 2;           // usage or configuration error: fix the config first
inline constexpr int kExitStrictFailures = 3;   // `process --strict`: some articles failed
inline constexpr int kExitDrainTimeout = 4;     // shutdown drain timed out; uncommitted work is redelivered

}  // namespace copydesk::worker
