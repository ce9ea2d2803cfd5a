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

TEST(QuoteScannerTest, TypographicMarksTypedTheWrongWayRoundTakeTheirDirectionFromNeighbours) {
  // An opening mark closing a quotation ("Q,“ said X) and a closing mark opening one (”Q,” said X).
  std::string wrong_close = "\xE2\x80\x9C" "It is unusual," "\xE2\x80\x9C" " said Lena Marsh. "
                            "\xE2\x80\x9C" "It is rare." "\xE2\x80\x9D";
  std::vector<QuoteSpan> spans = FindQuoteSpans(wrong_close);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(Inner(wrong_close, spans[0]), "It is unusual,");
  EXPECT_TRUE(spans[0].closed);
  EXPECT_EQ(Inner(wrong_close, spans[1]), "It is rare.");
  std::string wrong_open = "\xE2\x80\x9D" "The pier must be mended," "\xE2\x80\x9D" " said Ivo Brandt.";
  spans = FindQuoteSpans(wrong_open);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(Inner(wrong_open, spans[0]), "The pier must be mended,");
  EXPECT_TRUE(spans[0].closed);
  // A nested opening mark after a space still opens (the outer span is left unclosed, as before).
  std::string nested = "She called it " "\xE2\x80\x9C" "a " "\xE2\x80\x9C" "crisis" "\xE2\x80\x9D" " of trust";
  spans = FindQuoteSpans(nested);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(Inner(nested, spans[1]), "crisis");
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
