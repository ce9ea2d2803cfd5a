// Fuzzes the worker's record path without Kafka: content-type sniffing, the three decoders, the default
// chain and dead-letter routing. Any input must end in an output record or a dead-letter record, never a
// crash, and a dead-letter record must carry the input value unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "stages/chain.h"
#include "worker/record_processor.h"

namespace {

const copydesk::stages::Chain& DefaultChain() {
  static const copydesk::stages::Chain chain =
      std::move(copydesk::stages::Chain::Build(copydesk::stages::DefaultChainSpec())).value();
  return chain;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const copydesk::worker::RecordProcessor processor(DefaultChain(), "out", "dlq");
  // The first byte picks the content-type header, so each decoder is reached directly and by sniffing.
  static const char* const kTypes[] = {"", "application/x-protobuf", "application/json", "text/plain",
                                       "application/json; charset=utf-8", "image/png"};
  copydesk::worker::InputRecord record;
  record.topic = "in";
  if (size > 0) {
    const char* type = kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
    if (*type != '\0') record.headers.emplace_back("content-type", type);
    ++data;
    --size;
  }
  record.value.assign(reinterpret_cast<const char*>(data), size);
  copydesk::worker::ProcessResult result = processor.Process(record);
  if (!result.status.ok() && result.output.value != record.value) std::abort();
  if (result.status.ok() && result.output.topic != "out") std::abort();
  return 0;
}
