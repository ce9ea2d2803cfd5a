#include "tools/tail/record_view.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"

namespace copydesk::tools {
namespace {

using namespace std::string_literals;

ConsumedRecord EnrichedRecord() {
  v1::EnrichedArticle article;
  article.set_id("e-1");
  article.set_title("Swimming pool reopens");
  article.add_paragraphs()->set_text("The pool reopened after a new roof was fitted.");
  ConsumedRecord record;
  record.topic = "articles.enriched";
  record.partition = 2;
  record.offset = 41;
  record.key = "e-1";
  record.value = article.SerializeAsString();
  record.headers = {{"content-type", "application/x-protobuf"}, {"copydesk.schema", "copydesk.v1.EnrichedArticle"}};
  return record;
}

ConsumedRecord DeadLetterRecord(std::string value) {
  ConsumedRecord record;
  record.topic = "articles.dead-letter";
  record.offset = 3;
  record.value = std::move(value);
  record.headers = {{"content-type", "application/json"},
                    {"copydesk.error.stage", "decode"},
                    {"copydesk.error.reason", "value is not a RawArticle in JSON form"},
                    {"copydesk.error.offset", "17"}};
  return record;
}

google::protobuf::Struct ParseObject(const std::string& json) {
  google::protobuf::Struct object;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &object).ok()) << json;
  return object;
}

TEST(Classify, DeadLetterHeaderWinsOverEverything) {
  ConsumedRecord record = EnrichedRecord();
  record.headers.emplace_back("copydesk.error.stage", "captions");
  EXPECT_EQ(Classify(record, MessageType::kAuto), RecordKind::kDeadLetter);
  EXPECT_EQ(Classify(record, MessageType::kEnriched), RecordKind::kDeadLetter);
}

TEST(Classify, FollowsTheSchemaHeaderThenTheContentType) {
  ConsumedRecord record;
  record.headers = {{"copydesk.schema", "copydesk.v1.RawArticle"}};
  EXPECT_EQ(Classify(record, MessageType::kAuto), RecordKind::kRaw);
  record.headers = {{"content-type", "text/plain; charset=utf-8"}};
  EXPECT_EQ(Classify(record, MessageType::kAuto), RecordKind::kRaw);
  record.headers = {{"content-type", "application/x-protobuf"}};
  EXPECT_EQ(Classify(record, MessageType::kAuto), RecordKind::kEnriched);
  record.headers = {};
  EXPECT_EQ(Classify(record, MessageType::kAuto), RecordKind::kEnriched);
  EXPECT_EQ(Classify(record, MessageType::kRaw), RecordKind::kRaw);
}

TEST(RenderRecord, EnrichedJsonIsOneProtoJsonLineWithOriginalFieldNames) {
  std::string line = RenderRecord(EnrichedRecord(), ViewFormat::kJson, MessageType::kAuto);
  EXPECT_EQ(line,
            R"({"id":"e-1","title":"Swimming pool reopens","paragraphs":[{"text":"The pool reopened after a new roof was fitted."}]})"
            "\n");
}

TEST(RenderRecord, EnrichedTextStartsWithWhereTheRecordCameFrom) {
  std::string text = RenderRecord(EnrichedRecord(), ViewFormat::kText, MessageType::kAuto);
  EXPECT_EQ(text.rfind("── articles.enriched [2] @41  key=e-1\n═══ Swimming pool reopens\n", 0), 0u) << text;
}

TEST(RenderRecord, RawArticlesAreDecodedByTheirContentType) {
  ConsumedRecord record;
  record.topic = "articles.raw";
  record.value = "Bakery wins award\nThe bakery on Mill Street won a regional prize.";
  record.headers = {{"content-type", "text/plain"}};
  std::string line = RenderRecord(record, ViewFormat::kJson, MessageType::kAuto);
  v1::RawArticle article;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &article).ok()) << line;
  EXPECT_EQ(article.title(), "Bakery wins award");
}

TEST(RenderRecord, DeadLetterJsonCarriesErrorHeadersAndTheTextValue) {
  google::protobuf::Struct object =
      ParseObject(RenderRecord(DeadLetterRecord("{\"id\": \"cut"), ViewFormat::kJson, MessageType::kAuto));
  const auto& fields = object.fields();
  EXPECT_TRUE(fields.at("dead_letter").bool_value());
  EXPECT_EQ(fields.at("topic").string_value(), "articles.dead-letter");
  EXPECT_EQ(fields.at("offset").number_value(), 3);
  EXPECT_EQ(fields.at("key").kind_case(), google::protobuf::Value::kNullValue);
  const auto& error = fields.at("error").struct_value().fields();
  EXPECT_EQ(error.at("stage").string_value(), "decode");
  EXPECT_EQ(error.at("reason").string_value(), "value is not a RawArticle in JSON form");
  EXPECT_EQ(error.at("offset").string_value(), "17");
  EXPECT_EQ(fields.at("headers").struct_value().fields().at("content-type").string_value(), "application/json");
  EXPECT_EQ(fields.at("value").string_value(), "{\"id\": \"cut");
  EXPECT_EQ(fields.count("value_base64"), 0u);
}

TEST(RenderRecord, DeadLetterJsonKeepsItsMembersAndHeadersInOrder) {
  ConsumedRecord record = DeadLetterRecord("oops");
  record.key = "k-9";
  EXPECT_EQ(RenderRecord(record, ViewFormat::kJson, MessageType::kAuto),
            R"({"dead_letter":true,"topic":"articles.dead-letter","partition":0,"offset":3,"key":"k-9",)"
            R"("error":{"stage":"decode","reason":"value is not a RawArticle in JSON form","offset":"17"},)"
            R"("headers":{"content-type":"application/json"},"value":"oops"})"
            "\n");
}

TEST(RenderRecord, DeadLetterJsonGivesBinaryValuesInBase64) {
  google::protobuf::Struct object =
      ParseObject(RenderRecord(DeadLetterRecord("\x08\x96\x01"s), ViewFormat::kJson, MessageType::kAuto));
  EXPECT_EQ(object.fields().at("value_base64").string_value(), "CJYB");
  EXPECT_EQ(object.fields().count("value"), 0u);
}

TEST(RenderRecord, DeadLetterTextShowsTheErrorThenTheValue) {
  std::string text = RenderRecord(DeadLetterRecord("{\"id\": \"cut"), ViewFormat::kText, MessageType::kAuto);
  EXPECT_EQ(text,
            "── DEAD LETTER  articles.dead-letter [0] @3  key=(none)\n"
            "  stage: decode\n"
            "  reason: value is not a RawArticle in JSON form\n"
            "  offset: 17\n"
            "headers:\n"
            "  content-type: application/json\n"
            "value (11 bytes, text):\n"
            "{\"id\": \"cut\n");
}

TEST(RenderRecord, DeadLetterTextHexDumpsBinaryValues) {
  std::string text = RenderRecord(DeadLetterRecord("\x08\x96\x01"s), ViewFormat::kText, MessageType::kAuto);
  EXPECT_NE(text.find("value (3 bytes, binary):\n00000000  08 96 01"), std::string::npos) << text;
}

TEST(RenderRecord, AnUndecodableRecordIsShownRawWithTheReason) {
  ConsumedRecord record;
  record.topic = "articles.raw";
  record.value = "{not json";
  record.headers = {{"content-type", "application/json"}};
  std::string text = RenderRecord(record, ViewFormat::kText, MessageType::kAuto);
  EXPECT_EQ(text.rfind("── UNDECODABLE  articles.raw [0] @0  key=(none)\n  tail: value is not a RawArticle", 0), 0u)
      << text;
  EXPECT_NE(text.find("{not json\n"), std::string::npos);
  google::protobuf::Struct object = ParseObject(RenderRecord(record, ViewFormat::kJson, MessageType::kAuto));
  EXPECT_FALSE(object.fields().at("dead_letter").bool_value());
  EXPECT_NE(object.fields().at("error").struct_value().fields().at("tail").string_value().find("JSON"),
            std::string::npos);
}

}  // namespace
}  // namespace copydesk::tools
