#include "tools/common/stop_signal.h"

#include <atomic>
#include <csignal>

namespace copydesk::tools {
namespace {

std::atomic<int> g_stop_signal{0};
extern "C" void RecordStopSignal(int signal_number) { g_stop_signal.store(signal_number); }

}  // namespace

void InstallStopHandlers() {
  std::signal(SIGINT, RecordStopSignal);
  std::signal(SIGTERM, RecordStopSignal);
}

bool StopRequested() { return g_stop_signal.load() != 0; }

void ReraiseStopSignal() {
  if (int signal_number = g_stop_signal.load()) {
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
}

}  // namespace copydesk::tools
