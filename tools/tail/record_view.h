// One consumed record, rendered for copydesk-tail in either view.
//
// What a record is: a dead letter when it carries the `copydesk.error.stage` header (whatever its
// value); otherwise the message type `expected` names, or with kAuto the `copydesk.schema` header's
// type, else a RawArticle when its content-type is application/json or text/plain (the worker never
// writes those), else an EnrichedArticle.
//
// JSON view, one line per record: an article is its proto3 JSON (original field names) and nothing else,
// so that the output pipes straight into jq or back into tools; a dead letter or an undecodable value is
// an object {"dead_letter", "topic", "partition", "offset", "key", "error": {stage, reason, ...},
// "headers", "value" | "value_base64"}.
// Text view: a rule naming topic, partition, offset and key, then the article (text_view.h) or the dead
// letter's error headers and value (text when printable, else a hex dump).
#pragma once

#include <string>

#include "worker/record.h"

namespace copydesk::tools {

// The worker's Kafka-free view of a consumed record serves here too.
using ConsumedRecord = worker::InputRecord;

enum class ViewFormat { kJson, kText };
enum class MessageType { kAuto, kEnriched, kRaw };
enum class RecordKind { kEnriched, kRaw, kDeadLetter };

RecordKind Classify(const ConsumedRecord& record, MessageType expected);

// Ends with a line break.
std::string RenderRecord(const ConsumedRecord& record, ViewFormat format, MessageType expected);

}  // namespace copydesk::tools
