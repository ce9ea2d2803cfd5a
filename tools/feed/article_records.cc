#include "tools/feed/article_records.h"

#include <google/protobuf/util/json_util.h>

#include "worker/decode.h"
#include "worker/record_processor.h"

namespace copydesk::tools {
namespace {

constexpr std::string_view kMetadataPrefix = "metadata.";

const google::protobuf::FieldDescriptor* StringField(std::string_view name) {
  const google::protobuf::FieldDescriptor* field =
      v1::RawArticle::descriptor()->FindFieldByName(std::string(name));
  if (field == nullptr || field->is_repeated() || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return nullptr;
  }
  return field;
}

}  // namespace

StatusOr<v1::RawArticle> ArticleFromJsonLine(std::string_view line, bool ignore_unknown_fields) {
  v1::RawArticle article;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = ignore_unknown_fields;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(line.data(), line.size()), &article, options);
  if (!status.ok()) return Status::Error(StatusCode::kMalformed, "json", std::string(status.message()));
  return article;
}

v1::RawArticle ArticleFromTextFile(std::string_view content, std::string_view stem) {
  v1::RawArticle article = worker::ArticleFromPlainText(content);
  article.set_id(std::string(stem));
  return article;
}

bool IsKeyField(std::string_view field) {
  if (field.substr(0, kMetadataPrefix.size()) == kMetadataPrefix) return field.size() > kMetadataPrefix.size();
  return StringField(field) != nullptr;
}

std::optional<std::string> KeyOf(const v1::RawArticle& article, std::string_view field) {
  std::string value;
  if (field.substr(0, kMetadataPrefix.size()) == kMetadataPrefix) {
    auto it = article.metadata().find(std::string(field.substr(kMetadataPrefix.size())));
    if (it != article.metadata().end()) value = it->second;
  } else if (const google::protobuf::FieldDescriptor* descriptor = StringField(field)) {
    value = article.GetReflection()->GetString(article, descriptor);
  }
  if (value.empty()) return std::nullopt;
  return value;
}

StatusOr<std::string> EncodeArticle(const v1::RawArticle& article, WireFormat format) {
  std::string value;
  switch (format) {
    case WireFormat::kProtobuf:
      if (!article.SerializeToString(&value)) {
        return Status::Error(StatusCode::kInternal, "encode", "cannot serialise RawArticle");
      }
      return value;
    case WireFormat::kJson: {
      google::protobuf::util::JsonPrintOptions options;
      options.preserve_proto_field_names = true;
      auto status = google::protobuf::util::MessageToJsonString(article, &value, options);
      if (!status.ok()) return Status::Error(StatusCode::kInternal, "encode", std::string(status.message()));
      return value;
    }
    case WireFormat::kText:
      value = article.title();
      value += '\n';
      value += article.text().empty() ? article.html() : article.text();
      return value;
  }
  return Status::Error(StatusCode::kInvalidConfig, "encode", "unknown wire format");
}

std::vector<RecordHeader> RecordHeaders(WireFormat format, const std::vector<RecordHeader>& extra) {
  std::vector<RecordHeader> headers;
  headers.emplace_back(worker::kContentTypeHeader, worker::ContentTypeOf(format));
  if (format == WireFormat::kProtobuf) {
    headers.emplace_back(worker::kSchemaHeader, v1::RawArticle::descriptor()->full_name());
  }
  headers.insert(headers.end(), extra.begin(), extra.end());
  return headers;
}

}  // namespace copydesk::tools
