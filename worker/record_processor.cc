#include "worker/record_processor.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <cstdio>

#include "worker/dead_letter.h"
#include "worker/decode.h"
#include "stages/text/fnv1a.h"

#ifndef COPYDESK_VERSION
#define COPYDESK_VERSION "0.0.0-dev"
#endif

namespace copydesk::worker {

std::optional<std::string> FindHeader(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string WorkerVersion() { return COPYDESK_VERSION; }

std::string Fnv1a64Hex(std::string_view data) {
  uint64_t hash = text::Fnv1a(data);
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string ArticleKey(const v1::RawArticle& article, const InputRecord& record) {
  if (!article.id().empty()) return article.id();
  if (record.key.has_value() && !record.key->empty()) return *record.key;
  if (!article.url().empty()) return "url:" + Fnv1a64Hex(article.url());
  return "value:" + Fnv1a64Hex(record.value);
}

RecordProcessor::RecordProcessor(const stages::Chain& chain, std::string output_topic,
                                 std::string dead_letter_topic)
    : chain_(chain), output_topic_(std::move(output_topic)), dead_letter_topic_(std::move(dead_letter_topic)) {}

Status RecordProcessor::Enrich(const DecodedArticle& decoded, const InputRecord* origin, const std::string& id,
                               v1::EnrichedArticle* out) const {
  out->set_id(id);
  if (decoded.utf8_repairs > 0) {
    out->add_warnings("decode: " + std::to_string(decoded.utf8_repairs) +
                      " invalid UTF-8 sequences replaced with U+FFFD");
  }
  v1::Provenance* provenance = out->mutable_provenance();
  provenance->set_worker_version(WorkerVersion());
  provenance->set_input_format(std::string(InputFormatName(decoded.format)));
  if (origin != nullptr) {
    provenance->set_input_topic(origin->topic);
    provenance->set_input_partition(origin->partition);
    provenance->set_input_offset(origin->offset);
  }
  Status status = chain_.Run(decoded.article, *out);
  auto now = std::chrono::system_clock::now().time_since_epoch();
  *provenance->mutable_processed_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::microseconds>(now).count());
  return status;
}

ProcessResult RecordProcessor::Process(const InputRecord& record) const {
  ProcessResult result;
  std::string content_type = FindHeader(record.headers, kContentTypeHeader).value_or("");
  StatusOr<DecodedArticle> decoded = DecodeArticle(record.value, content_type);
  if (!decoded.ok()) {
    result.status = decoded.status();
    result.article_id = record.key.value_or("");
    result.output = DeadLetter(record, result.status);
    return result;
  }
  result.article_id = ArticleKey(decoded->article, record);
  google::protobuf::Arena arena(ArticleArenaOptions());
  v1::EnrichedArticle& enriched = *google::protobuf::Arena::CreateMessage<v1::EnrichedArticle>(&arena);
  result.status = Enrich(decoded.value(), &record, result.article_id, &enriched);
  for (const v1::StageTiming& timing : enriched.provenance().stages()) {
    result.stage_micros.emplace_back(timing.stage(), timing.micros());
  }
  if (!result.status.ok()) {
    result.output = DeadLetter(record, result.status);
    return result;
  }
  result.output.topic = output_topic_;
  result.output.key = result.article_id;
  if (!enriched.SerializeToString(&result.output.value)) {
    result.status = Status::Error(StatusCode::kInternal, "encode", "EnrichedArticle could not be serialised");
    result.output = DeadLetter(record, result.status);
    return result;
  }
  for (const Header& header : record.headers) {
    if (header.first == kContentTypeHeader || header.first.rfind("copydesk.", 0) == 0) continue;
    result.output.headers.push_back(header);
  }
  result.output.headers.emplace_back(kContentTypeHeader, kProtobufContentType);
  result.output.headers.emplace_back(kSchemaHeader, v1::EnrichedArticle::descriptor()->full_name());
  return result;
}

OutputRecord RecordProcessor::DeadLetter(const InputRecord& record, const Status& failure) const {
  return MakeDeadLetter(record, failure, dead_letter_topic_);
}

}  // namespace copydesk::worker
