// SIGINT/SIGTERM for the command-line tools: the first one asks for an orderly stop (flush, close, print
// the summary), and at the very end the tool dies of that same signal, so that a calling shell script
// knows the run was interrupted (and stops too) rather than taking it for a finished job.
#pragma once

namespace copydesk::tools {

void InstallStopHandlers();
bool StopRequested();
// No-op unless a stop signal arrived; otherwise does not return.
void ReraiseStopSignal();

}  // namespace copydesk::tools
