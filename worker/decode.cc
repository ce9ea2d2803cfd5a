#include "worker/decode.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>

#include "stages/text/ascii.h"
#include "stages/text/utf8.h"
#include "worker/lenient_protobuf.h"

namespace copydesk::worker {
namespace {

std::string MediaType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.front()))) media.remove_prefix(1);
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.back()))) media.remove_suffix(1);
  return text::AsciiLower(media);
}

bool LooksLikeText(std::string_view value) {
  if (!text::IsValidUtf8(value)) return false;
  for (unsigned char c : value) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
    if (c == 0x7F) return false;
  }
  return true;
}

StatusOr<DecodedArticle> DecodeProtobuf(std::string_view value) {
  DecodedArticle decoded{{}, InputFormat::kProtobuf};
  if (decoded.article.ParseFromArray(value.data(), static_cast<int>(value.size()))) return decoded;
  if (ParseRawArticleRepairingUtf8(value, &decoded.article, &decoded.utf8_repairs)) return decoded;
  return Status::Error(StatusCode::kMalformed, "decode",
                       "value is not a valid copydesk.v1.RawArticle in Protobuf form");
}

StatusOr<DecodedArticle> DecodeJson(std::string_view value) {
  DecodedArticle decoded{{}, InputFormat::kJson};
  std::string repaired;
  if (!text::IsValidUtf8(value)) {
    decoded.utf8_repairs = text::RepairUtf8(value, &repaired);
    value = repaired;
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(value.data(), value.size()), &decoded.article, options);
  if (!status.ok()) {
    // The parser's message quotes the input after its first line: keep the first line only, so that no
    // payload reaches logs or dead-letter headers.
    std::string message(status.message().substr(0, status.message().find('\n')));
    if (message.size() > 200) message.resize(200);
    return Status::Error(StatusCode::kMalformed, "decode",
                         "value is not a RawArticle in JSON form: " + message);
  }
  return decoded;
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kProtobuf: return "protobuf";
    case InputFormat::kJson: return "json";
    case InputFormat::kText: return "text";
  }
  return "?";
}

std::optional<InputFormat> InputFormatFromName(std::string_view name) {
  for (InputFormat format : {InputFormat::kProtobuf, InputFormat::kJson, InputFormat::kText}) {
    if (name == InputFormatName(format)) return format;
  }
  return std::nullopt;
}

std::string_view ContentTypeOf(InputFormat format) {
  switch (format) {
    case InputFormat::kProtobuf: return "application/x-protobuf";
    case InputFormat::kJson: return "application/json";
    case InputFormat::kText: return "text/plain";
  }
  return "";
}

v1::RawArticle ArticleFromPlainText(std::string_view value) {
  v1::RawArticle article;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t end = value.find('\n', pos);
    if (end == std::string_view::npos) end = value.size();
    std::string_view line = value.substr(pos, end - pos);
    pos = std::min(end + 1, value.size());
    if (text::IsBlank(line)) continue;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    article.set_title(std::string(line));
    break;
  }
  article.set_text(std::string(value.substr(pos)));
  return article;
}

StatusOr<DecodedArticle> DecodeArticle(std::string_view value, std::string_view content_type) {
  if (value.empty()) return Status::Error(StatusCode::kEmpty, "decode", "record has an empty value");
  StatusOr<DecodedArticle> decoded = Status::Error(StatusCode::kInternal, "decode", "unreachable");
  std::string media = MediaType(content_type);
  if (media == ContentTypeOf(InputFormat::kProtobuf) || media == "application/protobuf" ||
      media == "application/vnd.google.protobuf") {
    decoded = DecodeProtobuf(value);
  } else if (media == ContentTypeOf(InputFormat::kJson)) {
    decoded = DecodeJson(value);
  } else if (media == ContentTypeOf(InputFormat::kText)) {
    decoded = DecodedArticle{ArticleFromPlainText(value), InputFormat::kText};
  } else if (!media.empty()) {
    // The header is the producer's text: it goes into the detail (the dead-letter header, logs) bounded,
    // and never into a label (the code is what metrics count).
    constexpr size_t kMaxQuoted = 100;
    if (media.size() > kMaxQuoted) media = media.substr(0, kMaxQuoted) + "...";
    return Status::Error(StatusCode::kUnsupported, "decode",
                         "unsupported content-type '" + media +
                             "' (expected application/x-protobuf, application/json or text/plain)");
  } else {
    size_t first = value.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && value[first] == '{') {
      decoded = DecodeJson(value);
    } else if (LooksLikeText(value)) {
      decoded = DecodedArticle{ArticleFromPlainText(value), InputFormat::kText};
    } else {
      decoded = DecodeProtobuf(value);
      if (!decoded.ok()) {
        return Status::Error(StatusCode::kMalformed, "decode",
                             "no content-type header, and the value is neither JSON, text nor a Protobuf "
                             "RawArticle");
      }
    }
  }
  if (!decoded.ok()) return decoded;
  const v1::RawArticle& article = decoded->article;
  if (article.text().empty() && article.html().empty() && article.title().empty()) {
    return Status::Error(StatusCode::kEmpty, "decode", "article has no title, text or html");
  }
  return decoded;
}

}  // namespace copydesk::worker
