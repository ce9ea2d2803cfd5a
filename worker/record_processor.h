// One input record in, one output record out: decode, run the chain, encode — or, when decoding or a
// stage fails, the dead-letter record that carries the original key, value and headers plus the
// copydesk.error.* headers. Pure apart from the clock; no Kafka. The worker calls it from its pool.
//
// Output key: RawArticle.id, else the input record's key, else "url:" + FNV-1a-64 hex of the url, else
// "value:" + FNV-1a-64 hex of the record value. Output headers: every input header except content-type
// and copydesk.*, then content-type = application/x-protobuf and copydesk.schema =
// copydesk.v1.EnrichedArticle.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"
#include "stages/chain.h"
#include "worker/decode.h"
#include "worker/record.h"

namespace copydesk::worker {

inline constexpr std::string_view kContentTypeHeader = "content-type";
inline constexpr std::string_view kSchemaHeader = "copydesk.schema";
inline constexpr std::string_view kProtobufContentType = "application/x-protobuf";

std::string WorkerVersion();

// FNV-1a 64-bit, lower-case hex: stable across languages, for keys only (not security).
std::string Fnv1a64Hex(std::string_view data);

std::string ArticleKey(const v1::RawArticle& article, const InputRecord& record);

// The arena an article's EnrichedArticle lives on while the chain runs: every quote, speaker, caption and
// string the stages add is a bump allocation, and all of it goes at once when the record is done. The
// first block holds a typical article's output, so most articles ask the heap once.
inline google::protobuf::ArenaOptions ArticleArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 64 * 1024;
  options.max_block_size = 1024 * 1024;
  return options;
}

struct ProcessResult {
  Status status;          // ok: `output` is the enriched record; failed: `output` is the dead-letter record
  OutputRecord output;
  std::string article_id; // the key, for logs
  std::vector<std::pair<std::string, uint64_t>> stage_micros;  // what each stage that ran took
};

class RecordProcessor {
 public:
  RecordProcessor(const stages::Chain& chain, std::string output_topic, std::string dead_letter_topic);

  ProcessResult Process(const InputRecord& record) const;

  // The dead-letter record for `record`, failed with `failure` (also used when producing fails for good).
  OutputRecord DeadLetter(const InputRecord& record, const Status& failure) const;

  // Runs the chain on an already-decoded article (one-shot mode uses this too). `out` gets the id, a
  // warning when decoding replaced invalid UTF-8, the chain's fields and provenance.
  Status Enrich(const DecodedArticle& decoded, const InputRecord* origin, const std::string& id,
                v1::EnrichedArticle* out) const;

 private:
  const stages::Chain& chain_;
  std::string output_topic_;
  std::string dead_letter_topic_;
};

}  // namespace copydesk::worker
