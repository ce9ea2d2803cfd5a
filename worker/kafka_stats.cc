#include "worker/kafka_stats.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <charconv>

namespace copydesk::worker {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

const Value* Field(const Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

const Struct* Object(const Struct& s, const std::string& name) {
  const Value* v = Field(s, name);
  return v != nullptr && v->has_struct_value() ? &v->struct_value() : nullptr;
}

std::optional<double> Number(const Struct& s, const std::string& name) {
  const Value* v = Field(s, name);
  if (v == nullptr || v->kind_case() != Value::kNumberValue) return std::nullopt;
  return v->number_value();
}

std::string Text(const Struct& s, const std::string& name) {
  const Value* v = Field(s, name);
  return v != nullptr && v->kind_case() == Value::kStringValue ? v->string_value() : "";
}

}  // namespace

std::optional<KafkaStats> ParseKafkaStats(std::string_view json, std::string_view topic) {
  Struct root;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(json.data(), json.size()), &root,
                                                   options)
           .ok()) {
    return std::nullopt;
  }
  KafkaStats stats;
  stats.queued_messages = static_cast<int64_t>(Number(root, "msg_cnt").value_or(0));
  if (const Struct* brokers = Object(root, "brokers")) {
    for (const auto& [name, value] : brokers->fields()) {
      if (!value.has_struct_value()) continue;
      // Bootstrap entries have nodeid -1 and never leave INIT once the real brokers are known.
      if (Number(value.struct_value(), "nodeid").value_or(-1) < 0) continue;
      ++stats.brokers_known;
      if (Text(value.struct_value(), "state") == "UP") ++stats.brokers_up;
    }
  }
  if (const Struct* group = Object(root, "cgrp")) {
    stats.group_state = Text(*group, "state");
    stats.group_join_state = Text(*group, "join_state");
  }
  if (const Struct* topics = Object(root, "topics")) {
    if (const Struct* t = Object(*topics, std::string(topic))) {
      if (const Struct* partitions = Object(*t, "partitions")) {
        for (const auto& [id, value] : partitions->fields()) {
          int32_t partition = -1;
          std::from_chars(id.data(), id.data() + id.size(), partition);
          if (partition < 0 || !value.has_struct_value()) continue;  // "-1" is the unassigned-messages queue
          std::optional<double> lag = Number(value.struct_value(), "consumer_lag");
          if (lag.has_value() && *lag >= 0) stats.consumer_lag[partition] = static_cast<int64_t>(*lag);
        }
      }
    }
  }
  return stats;
}

}  // namespace copydesk::worker
