#include "worker/decode.h"

#include <gtest/gtest.h>

namespace copydesk::worker {
namespace {

std::string SampleProtobuf() {
  v1::RawArticle article;
  article.set_id("p-1");
  article.set_title("Bridge reopens");
  article.set_text("The bridge reopened on Monday.");
  return article.SerializeAsString();
}

TEST(DecodeTest, InputFormatNamesRoundTripAndKnowTheThreeForms) {
  EXPECT_EQ(InputFormatFromName("protobuf"), InputFormat::kProtobuf);
  EXPECT_EQ(InputFormatFromName("json"), InputFormat::kJson);
  EXPECT_EQ(InputFormatFromName("text"), InputFormat::kText);
  EXPECT_EQ(InputFormatFromName("xml"), std::nullopt);
  for (InputFormat format : {InputFormat::kProtobuf, InputFormat::kJson, InputFormat::kText}) {
    EXPECT_EQ(InputFormatFromName(InputFormatName(format)), format);
  }
}

TEST(DecodeTest, EachFormsContentTypeDecodesAsThatForm) {
  EXPECT_EQ(ContentTypeOf(InputFormat::kProtobuf), "application/x-protobuf");
  EXPECT_EQ(ContentTypeOf(InputFormat::kJson), "application/json");
  EXPECT_EQ(ContentTypeOf(InputFormat::kText), "text/plain");
  const std::pair<InputFormat, std::string> samples[] = {{InputFormat::kProtobuf, SampleProtobuf()},
                                                         {InputFormat::kJson, R"({"id":"j","text":"Body."})"},
                                                         {InputFormat::kText, "Title\nBody."}};
  for (const auto& [format, value] : samples) {
    StatusOr<DecodedArticle> decoded = DecodeArticle(value, ContentTypeOf(format));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->format, format);
  }
}

TEST(DecodeTest, ProtobufByHeader) {
  auto decoded = DecodeArticle(SampleProtobuf(), "application/x-protobuf");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->format, InputFormat::kProtobuf);
  EXPECT_EQ(decoded->article.id(), "p-1");
}

TEST(DecodeTest, JsonByHeaderIgnoresUnknownFieldsAndAcceptsBothNameForms) {
  auto decoded = DecodeArticle(
      R"({"id":"j-1","title":"T","text":"Body.","publishedAt":"2024-05-01T10:00:00Z","crawled_at":"2024-05-01T11:00:00Z","future_field":1})",
      "application/json; charset=utf-8");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->format, InputFormat::kJson);
  EXPECT_EQ(decoded->article.id(), "j-1");
  EXPECT_EQ(decoded->article.published_at().seconds(), 1714557600);
  EXPECT_EQ(decoded->article.crawled_at().seconds(), 1714561200);
}

TEST(DecodeTest, PlainTextFirstLineIsHeadline) {
  auto decoded = DecodeArticle("\n\nRain returns\r\nIt rained.\nAgain.", "text/plain");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->format, InputFormat::kText);
  EXPECT_EQ(decoded->article.title(), "Rain returns");
  EXPECT_EQ(decoded->article.text(), "It rained.\nAgain.");
}

TEST(DecodeTest, SniffsEachFormWithoutAHeader) {
  EXPECT_EQ(DecodeArticle(R"({"id":"x","text":"t"})", "")->format, InputFormat::kJson);
  EXPECT_EQ(DecodeArticle("Headline\nBody", "")->format, InputFormat::kText);
  EXPECT_EQ(DecodeArticle(SampleProtobuf(), "")->format, InputFormat::kProtobuf);
}

TEST(DecodeTest, InvalidUtf8InProtobufStringsIsRepairedNotRejected) {
  // proto3 forbids invalid UTF-8 in strings, so write the record by hand: field 1 (id) and field 5 (text)
  // as length-delimited bytes, plus a metadata map entry (field 10) whose value is broken too.
  std::string value;
  auto field = [&](int number, const std::string& bytes) {
    value.push_back(static_cast<char>((number << 3) | 2));
    value.push_back(static_cast<char>(bytes.size()));
    value += bytes;
  };
  field(1, "id-7");
  field(5, "caf\xE9 au lait \xFF");
  field(10, std::string("\x0A\x01k\x12\x02\xC3\x28", 7));
  auto decoded = DecodeArticle(value, "application/x-protobuf");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->article.id(), "id-7");
  EXPECT_EQ(decoded->article.text(), "caf\xEF\xBF\xBD au lait \xEF\xBF\xBD");
  EXPECT_EQ(decoded->article.metadata().at("k"), "\xEF\xBF\xBD(");
  EXPECT_EQ(decoded->utf8_repairs, 3u);
}

TEST(DecodeTest, InvalidUtf8InJsonIsRepairedNotRejected) {
  auto decoded = DecodeArticle("{\"id\":\"j\",\"text\":\"bad \xFF byte\"}", "application/json");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->article.text(), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(decoded->utf8_repairs, 1u);
  auto clean = DecodeArticle(R"({"id":"j","text":"fine"})", "application/json");
  EXPECT_EQ(clean->utf8_repairs, 0u);
}

TEST(DecodeTest, FailuresSayWhy) {
  auto empty = DecodeArticle("", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().where(), "decode");
  EXPECT_NE(empty.status().detail().find("empty"), std::string::npos);
  EXPECT_EQ(empty.status().code(), StatusCode::kEmpty);

  auto bad_json = DecodeArticle("{\"id\": ", "application/json");
  ASSERT_FALSE(bad_json.ok());
  EXPECT_NE(bad_json.status().detail().find("JSON"), std::string::npos);
  EXPECT_EQ(bad_json.status().code(), StatusCode::kMalformed);
  auto quoted = DecodeArticle("{ secret payload words", "application/json");
  ASSERT_FALSE(quoted.ok());
  EXPECT_EQ(quoted.status().detail().find("secret payload"), std::string::npos) << "no payload in reasons";

  auto bad_proto = DecodeArticle(std::string("\xff\xff\xff\xff\x0f", 5), "application/x-protobuf");
  ASSERT_FALSE(bad_proto.ok());
  EXPECT_NE(bad_proto.status().detail().find("Protobuf"), std::string::npos);
  EXPECT_EQ(bad_proto.status().code(), StatusCode::kMalformed);

  auto unsupported = DecodeArticle("x", "application/xml");
  ASSERT_FALSE(unsupported.ok());
  EXPECT_NE(unsupported.status().detail().find("application/xml"), std::string::npos);
  EXPECT_EQ(unsupported.status().code(), StatusCode::kUnsupported);
  // The producer's header is quoted in the detail, bounded.
  auto long_type = DecodeArticle("x", "application/" + std::string(5000, 'y'));
  ASSERT_FALSE(long_type.ok());
  EXPECT_LT(long_type.status().detail().size(), 300u);

  auto garbage = DecodeArticle(std::string("\x00\x01\xff\xfe", 4), "");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), StatusCode::kMalformed);

  auto hollow = DecodeArticle(R"({"id":"only-an-id"})", "application/json");
  ASSERT_FALSE(hollow.ok());
  EXPECT_NE(hollow.status().detail().find("no title, text or html"), std::string::npos);
  EXPECT_EQ(hollow.status().code(), StatusCode::kEmpty);
}

}  // namespace
}  // namespace copydesk::worker
