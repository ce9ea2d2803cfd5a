#include "tools/feed/article_records.h"

#include <gtest/gtest.h>

namespace copydesk::tools {
namespace {

TEST(ArticleFromJsonLine, ReadsTheProtoJsonMapping) {
  StatusOr<v1::RawArticle> article = ArticleFromJsonLine(
      R"({"id":"x1","title":"Pier reopens","text":"Body.","published_at":"2026-03-01T08:00:00Z",)"
      R"("metadata":{"section":"local"}})",
      false);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->id(), "x1");
  EXPECT_EQ(article->title(), "Pier reopens");
  EXPECT_EQ(article->published_at().seconds(), 1772352000);
  EXPECT_EQ(article->metadata().at("section"), "local");
}

TEST(ArticleFromJsonLine, AcceptsCamelCaseNamesToo) {
  StatusOr<v1::RawArticle> article = ArticleFromJsonLine(R"({"id":"x","publishedAt":"2026-03-01T08:00:00Z"})", false);
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->published_at().seconds(), 1772352000);
}

TEST(ArticleFromJsonLine, RejectsUnknownFieldsUnlessAskedNotTo) {
  const char* line = R"({"id":"x","titel":"typo"})";
  EXPECT_FALSE(ArticleFromJsonLine(line, false).ok());
  StatusOr<v1::RawArticle> lenient = ArticleFromJsonLine(line, true);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->id(), "x");
}

TEST(ArticleFromJsonLine, RejectsBrokenJson) {
  StatusOr<v1::RawArticle> article = ArticleFromJsonLine(R"({"id": "cut short)", false);
  ASSERT_FALSE(article.ok());
  EXPECT_EQ(article.status().where(), "json");
}

TEST(ArticleFromTextFile, TakesTheFirstNonBlankLineAsHeadlineAndTheStemAsId) {
  v1::RawArticle article = ArticleFromTextFile("\n\nMarket hall gets a new roof\n\nWork starts in May.\n", "hall");
  EXPECT_EQ(article.id(), "hall");
  EXPECT_EQ(article.title(), "Market hall gets a new roof");
  EXPECT_NE(article.text().find("Work starts in May."), std::string::npos);
  EXPECT_EQ(article.text().find("Market hall"), std::string::npos);
}

TEST(KeyField, AcceptsSingularStringFieldsAndMetadataEntries) {
  EXPECT_TRUE(IsKeyField("id"));
  EXPECT_TRUE(IsKeyField("url"));
  EXPECT_TRUE(IsKeyField("metadata.crawl_job"));
  EXPECT_FALSE(IsKeyField("metadata."));
  EXPECT_FALSE(IsKeyField("published_at"));
  EXPECT_FALSE(IsKeyField("metadata"));
  EXPECT_FALSE(IsKeyField("nonsense"));
}

TEST(KeyOf, ReadsTheFieldAndGivesNoKeyForAnEmptyOne) {
  v1::RawArticle article;
  article.set_id("a-7");
  article.set_url("https://example.test/a-7");
  (*article.mutable_metadata())["crawl_job"] = "night-run";
  EXPECT_EQ(KeyOf(article, "id"), "a-7");
  EXPECT_EQ(KeyOf(article, "url"), "https://example.test/a-7");
  EXPECT_EQ(KeyOf(article, "metadata.crawl_job"), "night-run");
  EXPECT_EQ(KeyOf(article, "metadata.absent"), std::nullopt);
  EXPECT_EQ(KeyOf(article, "source"), std::nullopt);
}

TEST(EncodeArticle, ProtobufRoundTrips) {
  v1::RawArticle article;
  article.set_id("r1");
  article.set_text("Line one.\nLine two.");
  StatusOr<std::string> value = EncodeArticle(article, WireFormat::kProtobuf);
  ASSERT_TRUE(value.ok());
  v1::RawArticle decoded;
  ASSERT_TRUE(decoded.ParseFromString(value.value()));
  EXPECT_EQ(decoded.id(), "r1");
  EXPECT_EQ(decoded.text(), "Line one.\nLine two.");
}

TEST(EncodeArticle, JsonUsesOriginalFieldNames) {
  v1::RawArticle article;
  article.set_id("r2");
  article.mutable_published_at()->set_seconds(1772352000);
  StatusOr<std::string> value = EncodeArticle(article, WireFormat::kJson);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value.value(), R"({"id":"r2","published_at":"2026-03-01T08:00:00Z"})");
}

TEST(EncodeArticle, TextPutsTheHeadlineFirstAndFallsBackToHtml) {
  v1::RawArticle article;
  article.set_title("Dam inspection finds no cracks");
  article.set_text("Inspectors walked the dam on Monday.");
  EXPECT_EQ(EncodeArticle(article, WireFormat::kText).value(),
            "Dam inspection finds no cracks\nInspectors walked the dam on Monday.");
  article.clear_text();
  article.set_html("<p>Inspectors walked the dam.</p>");
  EXPECT_EQ(EncodeArticle(article, WireFormat::kText).value(),
            "Dam inspection finds no cracks\n<p>Inspectors walked the dam.</p>");
}

TEST(RecordHeaders, NameTheFormThenTheSchemaThenTheExtras) {
  std::vector<RecordHeader> protobuf = RecordHeaders(WireFormat::kProtobuf, {{"crawl", "n1"}});
  ASSERT_EQ(protobuf.size(), 3u);
  EXPECT_EQ(protobuf[0], RecordHeader("content-type", "application/x-protobuf"));
  EXPECT_EQ(protobuf[1], RecordHeader("copydesk.schema", "copydesk.v1.RawArticle"));
  EXPECT_EQ(protobuf[2], RecordHeader("crawl", "n1"));
  std::vector<RecordHeader> text = RecordHeaders(WireFormat::kText, {});
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0], RecordHeader("content-type", "text/plain"));
  EXPECT_EQ(RecordHeaders(WireFormat::kJson, {})[0], RecordHeader("content-type", "application/json"));
}

}  // namespace
}  // namespace copydesk::tools
