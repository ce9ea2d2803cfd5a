// Decoding an input record's value into a RawArticle.
//
// The `content-type` header picks the form: application/x-protobuf (also application/protobuf,
// application/vnd.google.protobuf), application/json (proto3 JSON mapping; unknown fields ignored for
// forward compatibility), text/plain (first non-blank line = headline, the rest = body). Parameters such as
// "; charset=utf-8" are ignored. Without the header the form is sniffed: a value starting with '{' is
// JSON; valid UTF-8 without control characters (other than tab and line breaks) is plain text; anything
// else is tried as Protobuf. Producers should set the header: a tiny Protobuf record can look like text.
//
// Invalid UTF-8 never costs the article: Protobuf and JSON values are repaired (U+FFFD) and the count is
// reported in DecodedArticle::utf8_repairs.
//
// Every failure is a Status with where = "decode", a code (kEmpty, kUnsupported, kMalformed) and a detail
// that names the form tried.
#pragma once

#include <string>
#include <optional>
#include <string_view>

#include "common/status.h"
#include "copydesk/v1/raw_article.pb.h"

namespace copydesk::worker {

enum class InputFormat { kProtobuf, kJson, kText };

std::string_view InputFormatName(InputFormat format);
// The inverse of InputFormatName ("protobuf", "json", "text"); nullopt for any other name.
std::optional<InputFormat> InputFormatFromName(std::string_view name);
// The content-type a producer should send for the form (the first DecodeArticle accepts for it).
std::string_view ContentTypeOf(InputFormat format);

struct DecodedArticle {
  v1::RawArticle article;
  InputFormat format;
  // Invalid UTF-8 sequences replaced by U+FFFD while decoding (proto3 and JSON would otherwise reject the
  // whole record); text input keeps its bytes and leaves the repair to the cleaning stage.
  size_t utf8_repairs = 0;
};

// `content_type` is the header's value, or empty when the record has none.
StatusOr<DecodedArticle> DecodeArticle(std::string_view value, std::string_view content_type);

// Plain text: the first non-blank line is the headline, the rest the body.
v1::RawArticle ArticleFromPlainText(std::string_view text);

}  // namespace copydesk::worker
