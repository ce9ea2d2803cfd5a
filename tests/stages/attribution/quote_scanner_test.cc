#include "stages/attribution/quote_scanner.h"

#include <gtest/gtest.h>

#include <string>

namespace copydesk::stages::attribution {
namespace {

std::string Inner(std::string_view text, const QuoteSpan& q) {
  return std::string(text.substr(q.content_begin, q.content_end - q.content_begin));
}

TEST(QuoteScannerTest, TypographicMarksMakeOneSpanEach) {
  std::string text = "\xE2\x80\x9C" "The dam holds," "\xE2\x80\x9D" " she said. " "\xE2\x80\x9C" "For now." "\xE2\x80\x9D";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(Inner(text, spans[0]), "The dam holds,");
  EXPECT_TRUE(spans[0].closed);
  EXPECT_EQ(Inner(text, spans[1]), "For now.");
}

TEST(QuoteScannerTest, StraightMarksTakeTheirDirectionFromNeighbours) {
  std::string text = "He called it \"a mess\" and left.";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(Inner(text, spans[0]), "a mess");
}

TEST(QuoteScannerTest, ApostrophesAndNestedSingleQuotesDoNotSplitSpans) {
  std::string text = "\"We don't say 'never' to the ministers' plan,\" he said.";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(Inner(text, spans[0]), "We don't say 'never' to the ministers' plan,");
}

TEST(QuoteScannerTest, ApostropheOutsideQuotesIsNoQuote) {
  EXPECT_TRUE(FindQuoteSpans("The mayor's office didn't reply.").empty());
}

TEST(QuoteScannerTest, TwoApostrophesActAsADoubleMark) {
  std::string text = "''The port reopens Monday,'' the harbour master said.";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(Inner(text, spans[0]), "The port reopens Monday,");
}

TEST(QuoteScannerTest, DoubledTypographicSingleMarksActAsADoubleMark) {
  // ‘‘...’’ opens and closes; one ’ inside stays an apostrophe, and a “ closed by ’’ closes too.
  std::string text = "\xE2\x80\x98\xE2\x80\x98" "It\xE2\x80\x99s over,\xE2\x80\x99\xE2\x80\x99 she said of the "
                     "\xE2\x80\x9C" "plan\xE2\x80\x99\xE2\x80\x99 they drew.";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(Inner(text, spans[0]), "It\xE2\x80\x99s over,");
  EXPECT_TRUE(spans[0].closed);
  EXPECT_EQ(Inner(text, spans[1]), "plan");
  EXPECT_TRUE(spans[1].closed);
}

TEST(QuoteScannerTest, UnclosedQuoteRunsToParagraphEndOnly) {
  std::string text = "She said: \"The first part of the plan is done.";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_FALSE(spans[0].closed);
  EXPECT_EQ(spans[0].end, text.size());
}

TEST(QuoteScannerTest, NewOpeningMarkClosesAnUnclosedSpan) {
  std::string text = "\xE2\x80\x9C" "First words " "\xE2\x80\x9C" "second words" "\xE2\x80\x9D";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_FALSE(spans[0].closed);
  EXPECT_TRUE(spans[1].closed);
}

TEST(QuoteScannerTest, StrayClosingMarkIsIgnored) {
  std::string text = "Nothing opened here" "\xE2\x80\x9D" " at all.";
  EXPECT_TRUE(FindQuoteSpans(text).empty());
}

TEST(QuoteScannerTest, OpensWithQuoteSeesAContinuedParagraph) {
  EXPECT_TRUE(OpensWithQuote("\"And the second part follows."));
  EXPECT_TRUE(OpensWithQuote("\xE2\x80\x9C" "And more."));
  EXPECT_FALSE(OpensWithQuote("And more, he said."));
}

TEST(QuoteScannerTest, ThousandsOfMarksStayLinear) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "a \" b ";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  EXPECT_EQ(spans.size(), 10000u);
}

}  // namespace
}  // namespace copydesk::stages::attribution
