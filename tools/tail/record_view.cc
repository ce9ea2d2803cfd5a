#include "tools/tail/record_view.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "copydesk/v1/enriched_article.pb.h"
#include "tools/tail/payload.h"
#include "tools/tail/text_view.h"
#include "worker/decode.h"
#include "worker/dead_letter.h"
#include "worker/record_processor.h"

namespace copydesk::tools {
namespace {

constexpr std::string_view kErrorStageHeader = "copydesk.error.stage";
constexpr size_t kHexDumpLimit = 512;

std::string MediaType(const ConsumedRecord& record) {
  std::optional<std::string> content_type = worker::FindHeader(record.headers, worker::kContentTypeHeader);
  if (!content_type) return "";
  std::string media = content_type->substr(0, content_type->find(';'));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  return media;
}

std::string ProtoJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return "{\"error\":\"cannot print JSON\"}";
  return json;
}

std::string Location(const ConsumedRecord& record) {
  std::string out = record.topic + " [" + std::to_string(record.partition) + "] @" + std::to_string(record.offset);
  out += "  key=" + (record.key ? PrintableOrRepaired(*record.key) : std::string("(none)"));
  return out;
}

// A JSON object whose members stay in the order they were added (a google.protobuf.Struct prints them in
// hash order, which makes output hard to read and to diff); protobuf's printer still escapes every value.
class OrderedJsonObject {
 public:
  void Add(std::string_view key, const google::protobuf::Value& value) { AddJson(key, ProtoJson(value)); }
  void AddString(std::string_view key, std::string_view text) { Add(key, StringValue(text)); }
  void AddNumber(std::string_view key, double number) {
    google::protobuf::Value value;
    value.set_number_value(number);
    Add(key, value);
  }
  void AddJson(std::string_view key, const std::string& json) {
    if (!body_.empty()) body_ += ",";
    body_ += ProtoJson(StringValue(key)) + ":" + json;
  }
  std::string Json() const { return "{" + body_ + "}"; }

 private:
  static google::protobuf::Value StringValue(std::string_view text) {
    google::protobuf::Value value;
    value.set_string_value(std::string(text));
    return value;
  }
  std::string body_;
};

// The object form for dead letters and for values that are not the message they should be.
std::string ProblemJson(const ConsumedRecord& record, bool dead_letter, const std::string& decode_error) {
  OrderedJsonObject object;
  google::protobuf::Value flag;
  flag.set_bool_value(dead_letter);
  object.Add("dead_letter", flag);
  object.AddString("topic", record.topic);
  object.AddNumber("partition", record.partition);
  object.AddNumber("offset", static_cast<double>(record.offset));
  if (record.key) {
    object.AddString("key", PrintableOrRepaired(*record.key));
  } else {
    google::protobuf::Value null;
    null.set_null_value(google::protobuf::NULL_VALUE);
    object.Add("key", null);
  }
  OrderedJsonObject error, headers;
  for (const auto& [name, value] : record.headers) {
    if (name.rfind(worker::kErrorHeaderPrefix, 0) == 0) {
      error.AddString(name.substr(worker::kErrorHeaderPrefix.size()), PrintableOrRepaired(value));
    } else {
      headers.AddString(PrintableOrRepaired(name), PrintableOrRepaired(value));
    }
  }
  if (!decode_error.empty()) error.AddString("tail", decode_error);
  object.AddJson("error", error.Json());
  object.AddJson("headers", headers.Json());
  if (IsPrintableText(record.value)) {
    object.AddString("value", record.value);
  } else {
    object.AddString("value_base64", Base64(record.value));
  }
  return object.Json();
}

std::string ProblemText(const ConsumedRecord& record, bool dead_letter, const std::string& decode_error) {
  std::string out = std::string(dead_letter ? "── DEAD LETTER  " : "── UNDECODABLE  ") + Location(record) + "\n";
  if (!decode_error.empty()) out += "  tail: " + decode_error + "\n";
  std::string other;
  for (const auto& [name, value] : record.headers) {
    if (name.rfind(worker::kErrorHeaderPrefix, 0) == 0) {
      out += "  " + name.substr(worker::kErrorHeaderPrefix.size()) + ": " + PrintableOrRepaired(value) + "\n";
    } else {
      other += "  " + PrintableOrRepaired(name) + ": " + PrintableOrRepaired(value) + "\n";
    }
  }
  if (!other.empty()) out += "headers:\n" + other;
  if (IsPrintableText(record.value)) {
    out += "value (" + std::to_string(record.value.size()) + " bytes, text):\n" + record.value;
    if (record.value.empty() || record.value.back() != '\n') out += "\n";
  } else {
    out += "value (" + std::to_string(record.value.size()) + " bytes, binary):\n" +
           HexDump(record.value, kHexDumpLimit);
  }
  return out;
}

std::string Rendered(const ConsumedRecord& record, ViewFormat format, const google::protobuf::Message& message,
                     const std::string& text) {
  if (format == ViewFormat::kJson) return ProtoJson(message) + "\n";
  return "── " + Location(record) + "\n" + text;
}

}  // namespace

RecordKind Classify(const ConsumedRecord& record, MessageType expected) {
  if (worker::FindHeader(record.headers, kErrorStageHeader)) return RecordKind::kDeadLetter;
  if (expected == MessageType::kEnriched) return RecordKind::kEnriched;
  if (expected == MessageType::kRaw) return RecordKind::kRaw;
  if (std::optional<std::string> schema = worker::FindHeader(record.headers, worker::kSchemaHeader)) {
    if (*schema == v1::RawArticle::descriptor()->full_name()) return RecordKind::kRaw;
    if (*schema == v1::EnrichedArticle::descriptor()->full_name()) return RecordKind::kEnriched;
  }
  std::string media = MediaType(record);
  if (media == "application/json" || media == "text/plain") return RecordKind::kRaw;
  return RecordKind::kEnriched;
}

std::string RenderRecord(const ConsumedRecord& record, ViewFormat format, MessageType expected) {
  RecordKind kind = Classify(record, expected);
  std::string problem;
  if (kind == RecordKind::kEnriched) {
    v1::EnrichedArticle article;
    if (article.ParseFromString(record.value)) {
      return Rendered(record, format, article, format == ViewFormat::kText ? RenderEnrichedText(article) : "");
    }
    problem = "value is not a copydesk.v1.EnrichedArticle in Protobuf form";
  } else if (kind == RecordKind::kRaw) {
    StatusOr<worker::DecodedArticle> decoded =
        worker::DecodeArticle(record.value, worker::FindHeader(record.headers, worker::kContentTypeHeader).value_or(""));
    if (decoded.ok()) {
      return Rendered(record, format, decoded->article,
                      format == ViewFormat::kText ? RenderRawText(decoded->article) : "");
    }
    problem = decoded.status().detail();
  }
  bool dead_letter = kind == RecordKind::kDeadLetter;
  return format == ViewFormat::kJson ? ProblemJson(record, dead_letter, problem) + "\n"
                                     : ProblemText(record, dead_letter, problem);
}

}  // namespace copydesk::tools
