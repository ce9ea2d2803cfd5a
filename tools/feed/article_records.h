// From an input unit to the Kafka record copydesk-feed produces: the RawArticle it holds, its key, and
// the value in the chosen wire form with the matching `content-type` header (see raw_article.proto for
// the forms the worker accepts).
//
// Text form: the headline on the first line, then the body (RawArticle.text, or the html when there is
// no text). Every other field is lost in that form, which is the form's nature, not a bug.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "copydesk/v1/raw_article.pb.h"
#include "worker/decode.h"

namespace copydesk::tools {

// The value's wire form is the worker's own InputFormat (worker/decode.h), with its names and
// content-types, so the feeder cannot send a form the worker does not read.
using WireFormat = worker::InputFormat;

// One line of proto3 JSON. Unknown fields fail unless `ignore_unknown_fields`: a misspelt field in a
// backfill should stop it, not vanish.
StatusOr<v1::RawArticle> ArticleFromJsonLine(std::string_view line, bool ignore_unknown_fields);

// A plain-text file: first non-blank line = headline, the rest = body (exactly as the worker reads a
// text/plain record); the id is `stem`.
v1::RawArticle ArticleFromTextFile(std::string_view content, std::string_view stem);

// Whether `field` can key records: a singular string field of RawArticle ("id", "url", ...) or
// "metadata.NAME".
bool IsKeyField(std::string_view field);

// The key for `article`: the field's value, nullopt when it is empty (the record then goes without one
// and the worker falls back to the url).
std::optional<std::string> KeyOf(const v1::RawArticle& article, std::string_view field);

StatusOr<std::string> EncodeArticle(const v1::RawArticle& article, WireFormat format);

using RecordHeader = std::pair<std::string, std::string>;

// content-type, then copydesk.schema for the Protobuf form (a small Protobuf value can look like text,
// and the viewer tells RawArticle from EnrichedArticle by it), then `extra` in order.
std::vector<RecordHeader> RecordHeaders(WireFormat format, const std::vector<RecordHeader>& extra);

}  // namespace copydesk::tools
