#include "worker/dead_letter.h"

#include <gtest/gtest.h>

namespace copydesk::worker {
namespace {

TEST(DeadLetterTest, KeepsTheOriginalAndAddsErrorHeaders) {
  InputRecord record;
  record.topic = "articles.raw";
  record.partition = 3;
  record.offset = 42;
  record.timestamp_ms = 1700000000000;
  record.key = "k-1";
  record.value = std::string("\x00\x01raw", 5);
  record.headers = {{"trace-id", "abc"}, {"copydesk.error.reason", "old failure"}};
  OutputRecord dlq =
      MakeDeadLetter(record, Status::Error(StatusCode::kMalformed, "decode", "value is not JSON"), "articles.dlq");
  EXPECT_EQ(dlq.topic, "articles.dlq");
  EXPECT_EQ(dlq.key, std::optional<std::string>("k-1"));
  EXPECT_EQ(dlq.value, record.value);
  EXPECT_EQ(FindHeader(dlq.headers, "trace-id"), "abc");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.stage"), "decode");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.code"), "malformed");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.reason"), "value is not JSON");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.topic"), "articles.raw");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.partition"), "3");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.offset"), "42");
  EXPECT_EQ(FindHeader(dlq.headers, "copydesk.error.timestamp"), "1700000000000");
  int reasons = 0;
  for (const auto& header : dlq.headers) reasons += header.first == "copydesk.error.reason";
  EXPECT_EQ(reasons, 1) << "a replayed record's old error headers are replaced";
}

TEST(DeadLetterTest, ReasonIsOneBoundedLine) {
  InputRecord record;
  record.value = "v";
  OutputRecord dlq = MakeDeadLetter(record, Status::Error("s", "first\nsecond\r\n" + std::string(5000, 'x')), "dlq");
  std::string reason = FindHeader(dlq.headers, "copydesk.error.reason").value();
  EXPECT_EQ(reason.find('\n'), std::string::npos);
  EXPECT_EQ(reason.find('\r'), std::string::npos);
  EXPECT_LE(reason.size(), 1000u);
  EXPECT_EQ(reason.substr(0, 12), "first second");
}

TEST(DeadLetterTest, KeylessRecordStaysKeyless) {
  InputRecord record;
  record.value = "v";
  OutputRecord dlq = MakeDeadLetter(record, Status::Error("x", "y"), "dlq");
  EXPECT_FALSE(dlq.key.has_value());
}

TEST(DeadLetterTest, ATombstoneStaysNullNotEmpty) {
  InputRecord tombstone;
  tombstone.key = "k";
  tombstone.null_value = true;
  OutputRecord dlq = MakeDeadLetter(tombstone, Status::Error("decode", "no value"), "dlq");
  EXPECT_TRUE(dlq.null_value);
  InputRecord empty;
  empty.key = "k";
  EXPECT_FALSE(MakeDeadLetter(empty, Status::Error("decode", "empty"), "dlq").null_value)
      << "an empty value is not a tombstone";
}

}  // namespace
}  // namespace copydesk::worker
