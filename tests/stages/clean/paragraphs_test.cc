#include "stages/clean/paragraphs.h"

#include <gtest/gtest.h>

namespace copydesk::stages::clean {
namespace {

using Paragraphs = std::vector<std::string>;

TEST(ParagraphsTest, BlankLinesAndSingleBreaksBothSeparate) {
  EXPECT_EQ(SegmentParagraphs("First one.\n\n  Second   one.\nThird one.\n"),
            (Paragraphs{"First one.", "Second one.", "Third one."}));
}

TEST(ParagraphsTest, CaptionBlockLinesStayApart) {
  EXPECT_EQ(SegmentParagraphs("Harbour at dawn\nFishing boats leave the harbour at dawn on Monday.\nJane Roe/Example Photo"),
            (Paragraphs{"Harbour at dawn", "Fishing boats leave the harbour at dawn on Monday.",
                        "Jane Roe/Example Photo"}));
}

TEST(ParagraphsTest, HardWrappedProseIsJoined) {
  std::string text =
      "The council met on Tuesday evening to discuss the new harbour plan and\n"
      "the cost of dredging the channel, which has silted up over the past few\n"
      "years and now blocks the larger boats at low tide.\n"
      "\n"
      "Residents asked for a second meeting before any vote is taken on the\n"
      "proposal, and the mayor agreed to hold one early in the next month so\n"
      "that everyone would be heard.";
  EXPECT_EQ(SegmentParagraphs(text),
            (Paragraphs{"The council met on Tuesday evening to discuss the new harbour plan and the cost of "
                        "dredging the channel, which has silted up over the past few years and now blocks the "
                        "larger boats at low tide.",
                        "Residents asked for a second meeting before any vote is taken on the proposal, and the "
                        "mayor agreed to hold one early in the next month so that everyone would be heard."}));
}

TEST(ParagraphsTest, ShortSentencesOnSeparateLinesAreNotJoined) {
  EXPECT_EQ(SegmentParagraphs("The ferry left.\nIt was late.\nNobody minded."),
            (Paragraphs{"The ferry left.", "It was late.", "Nobody minded."}));
}

TEST(ParagraphsTest, EmptyInputGivesNoParagraphs) {
  EXPECT_TRUE(SegmentParagraphs("\n \n\t\n").empty());
}

}  // namespace
}  // namespace copydesk::stages::clean
