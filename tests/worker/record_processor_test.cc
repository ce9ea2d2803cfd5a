#include "worker/record_processor.h"

#include <gtest/gtest.h>

#include <string>

#include "worker/dead_letter.h"
#include "worker/metrics.h"

namespace copydesk::worker {
namespace {

class RecordProcessorTest : public ::testing::Test {
 protected:
  RecordProcessorTest() : chain_(Build()), processor_(chain_, "out", "dlq") {}

  static stages::Chain Build() {
    stages::ChainSpec spec;
    spec.stages = {"normalize"};
    spec.config["normalize"]["max_bytes"] = "1000";
    return std::move(stages::Chain::Build(spec)).value();
  }

  static InputRecord Record(std::string value, std::vector<Header> headers = {}) {
    InputRecord record;
    record.topic = "in";
    record.partition = 1;
    record.offset = 7;
    record.value = std::move(value);
    record.headers = std::move(headers);
    return record;
  }

  stages::Chain chain_;
  RecordProcessor processor_;
};

TEST_F(RecordProcessorTest, InvalidUtf8IsRepairedAndWarnedAbout) {
  ProcessResult result = processor_.Process(Record("{\"id\":\"u-1\",\"text\":\"Caf\xe9 opens.\"}",
                                                   {{"content-type", "application/json"}}));
  ASSERT_TRUE(result.status.ok()) << result.status.ToString();
  v1::EnrichedArticle enriched;
  ASSERT_TRUE(enriched.ParseFromString(result.output.value));
  ASSERT_EQ(enriched.warnings_size(), 1);
  EXPECT_EQ(enriched.warnings(0), "decode: 1 invalid UTF-8 sequences replaced with U+FFFD");
}

TEST_F(RecordProcessorTest, EnrichesAndKeysByArticleId) {
  InputRecord record = Record(R"({"id":"a-9","title":"T","text":"Body line."})",
                              {{"content-type", "application/json"}, {"trace-id", "t1"}});
  record.key = "input-key";
  ProcessResult result = processor_.Process(record);
  ASSERT_TRUE(result.status.ok()) << result.status.ToString();
  EXPECT_EQ(result.output.topic, "out");
  EXPECT_EQ(result.output.key, std::optional<std::string>("a-9"));
  EXPECT_EQ(FindHeader(result.output.headers, "content-type"), "application/x-protobuf");
  EXPECT_EQ(FindHeader(result.output.headers, "copydesk.schema"), "copydesk.v1.EnrichedArticle");
  EXPECT_EQ(FindHeader(result.output.headers, "trace-id"), "t1");
  v1::EnrichedArticle enriched;
  ASSERT_TRUE(enriched.ParseFromString(result.output.value));
  EXPECT_EQ(enriched.id(), "a-9");
  EXPECT_EQ(enriched.title(), "T");
  EXPECT_EQ(enriched.provenance().input_topic(), "in");
  EXPECT_EQ(enriched.provenance().input_partition(), 1);
  EXPECT_EQ(enriched.provenance().input_offset(), 7);
  EXPECT_EQ(enriched.provenance().input_format(), "json");
  EXPECT_FALSE(enriched.provenance().worker_version().empty());
  EXPECT_GT(enriched.provenance().processed_at().seconds(), 0);
}

TEST_F(RecordProcessorTest, KeyFallsBackToInputKeyThenUrlHashThenValueHash) {
  InputRecord keyed = Record(R"({"url":"https://e.test/x","text":"b"})");
  keyed.key = "from-key";
  EXPECT_EQ(processor_.Process(keyed).output.key, std::optional<std::string>("from-key"));
  InputRecord unkeyed = Record(R"({"url":"https://e.test/x","text":"b"})");
  EXPECT_EQ(processor_.Process(unkeyed).output.key, "url:" + Fnv1a64Hex("https://e.test/x"));
  InputRecord bare = Record("Headline\nbody");
  EXPECT_EQ(processor_.Process(bare).output.key, "value:" + Fnv1a64Hex("Headline\nbody"));
}

TEST_F(RecordProcessorTest, Fnv1aMatchesTheReferenceVectors) {
  EXPECT_EQ(Fnv1a64Hex(""), "cbf29ce484222325");
  EXPECT_EQ(Fnv1a64Hex("a"), "af63dc4c8601ec8c");
}

TEST_F(RecordProcessorTest, UndecodableRecordGoesToDeadLetterUnchanged) {
  InputRecord record = Record("{not json", {{"content-type", "application/json"}});
  record.key = "k";
  ProcessResult result = processor_.Process(record);
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.output.topic, "dlq");
  EXPECT_EQ(result.output.value, "{not json");
  EXPECT_EQ(result.output.key, std::optional<std::string>("k"));
  EXPECT_EQ(FindHeader(result.output.headers, "copydesk.error.stage"), "decode");
  EXPECT_EQ(FindHeader(result.output.headers, "content-type"), "application/json");
}

TEST_F(RecordProcessorTest, StageFailureGoesToDeadLetterNamingTheStage) {
  std::string big(2000, 'x');
  ProcessResult result = processor_.Process(Record("Headline\n" + big, {{"content-type", "text/plain"}}));
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.output.topic, "dlq");
  EXPECT_EQ(FindHeader(result.output.headers, "copydesk.error.stage"), "normalize");
  EXPECT_EQ(FindHeader(result.output.headers, "copydesk.error.offset"), "7");
}

// The content-type header and the bytes a parser complains about are the producer's. A producer sending a
// new value on every record must not create a new metric series each time (the label set would grow
// without bound): failures are counted under bounded label sets, and the text reaches only the dead-letter
// reason header.
TEST_F(RecordProcessorTest, HostileContentTypesAndParserMessagesDoNotCreateMetricLabelSeries) {
  Metrics metrics({"normalize"});
  for (int i = 0; i < 50; ++i) {
    std::string type = "application/x-hostile-" + std::string(1, static_cast<char>('a' + i % 26)) +
                       std::string(static_cast<size_t>(i), 'z') + "; boundary=\"\\\n";
    ProcessResult result = processor_.Process(Record("{\"text\":\"Body.\"}", {{"content-type", type}}));
    ASSERT_FALSE(result.status.ok());
    // What the Kafka worker does with every failed record (worker/kafka_worker.cc).
    metrics.CountFailure(result.status.where(), result.status.reason());
    bool named = false;
    for (const Header& h : result.output.headers) {
      if (h.first == std::string(kErrorHeaderPrefix) + "reason") {
        named = h.second.find("x-hostile-") != std::string::npos;
      }
    }
    EXPECT_TRUE(named) << "the dead-letter reason header should name the content-type";
  }
  // The JSON parser's messages differ with the producer's bytes ("Expected : between key:value pair.",
  // "Unexpected token.", ...): one series too.
  for (const char* value : {"{\"text\" \"x\"}", "{\"text\":}", "{\"text\":\"x\",,}", "{\"title\":[1]}", "{]"}) {
    ProcessResult result = processor_.Process(Record(value, {{"content-type", "application/json"}}));
    ASSERT_FALSE(result.status.ok()) << value;
    metrics.CountFailure(result.status.where(), result.status.reason());
  }
  std::string text = metrics.Render("in");
  size_t series = 0;
  for (size_t at = text.find("\ncopydesk_records_failed_total{"); at != std::string::npos;
       at = text.find("\ncopydesk_records_failed_total{", at + 1)) {
    ++series;
  }
  EXPECT_EQ(series, 2u) << text;  // decode/unsupported and decode/malformed
  EXPECT_EQ(text.find("hostile"), std::string::npos) << text;
  EXPECT_EQ(text.find("Expected"), std::string::npos) << text;
}

}  // namespace
}  // namespace copydesk::worker
