#include "stages/clean/boilerplate.h"

#include <gtest/gtest.h>

namespace copydesk::embedded {
std::string_view clean_boilerplate();
std::string_view news_organizations();
}  // namespace copydesk::embedded

namespace copydesk::stages::clean {
namespace {

const BoilerplateClassifier& Classifier() {
  static const std::shared_ptr<const BoilerplateClassifier> classifier =
      BoilerplateClassifier::Create(embedded::clean_boilerplate(), embedded::news_organizations(), 400)
          .value();
  return *classifier;
}

// Classified as the 5th of 20 paragraphs: neither head nor tail.
v1::RemovedSpan::Reason ReasonInMiddle(const std::string& paragraph) {
  Verdict v = Classifier().Classify(paragraph, 5, 20);
  return v.remove ? v.reason : v1::RemovedSpan::REASON_UNSPECIFIED;
}

TEST(BoilerplateTest, EachReasonHasItsPhrases) {
  EXPECT_EQ(ReasonInMiddle("For more coverage from Reuters, read on."), v1::RemovedSpan::SYNDICATION_NOTE);
  EXPECT_EQ(ReasonInMiddle("This story was originally published by The Example Tribune."),
            v1::RemovedSpan::SYNDICATION_NOTE);
  EXPECT_EQ(ReasonInMiddle("ADVERTISEMENT"), v1::RemovedSpan::ADVERTISEMENT);
  EXPECT_EQ(ReasonInMiddle("Story continues below advertisement"), v1::RemovedSpan::ADVERTISEMENT);
  EXPECT_EQ(ReasonInMiddle("Share this article"), v1::RemovedSpan::SHARE_PROMPT);
  EXPECT_EQ(ReasonInMiddle("Facebook Twitter Email"), v1::RemovedSpan::SHARE_PROMPT);
  EXPECT_EQ(ReasonInMiddle("Sign up for our free morning newsletter."), v1::RemovedSpan::SUBSCRIBE_PROMPT);
  EXPECT_EQ(ReasonInMiddle("Already a subscriber? Log in here."), v1::RemovedSpan::SUBSCRIBE_PROMPT);
  EXPECT_EQ(ReasonInMiddle("Read more: Harbour dredging plan delayed again"), v1::RemovedSpan::RELATED_LINK);
  EXPECT_EQ(ReasonInMiddle("RELATED: Ferry fares to rise in spring"), v1::RemovedSpan::RELATED_LINK);
  EXPECT_EQ(ReasonInMiddle("Copyright 2024 Example Media Group. All rights reserved."),
            v1::RemovedSpan::COPYRIGHT);
  EXPECT_EQ(ReasonInMiddle("© 2023 The Example Herald"), v1::RemovedSpan::COPYRIGHT);
  EXPECT_EQ(ReasonInMiddle("Reporting by Ann Lee; Editing by Tom Kay"), v1::RemovedSpan::REPORTING_CREDITS);
  EXPECT_EQ(ReasonInMiddle("Photo 3 of 12"), v1::RemovedSpan::GALLERY_COUNTER);
  EXPECT_EQ(ReasonInMiddle("4 / 10"), v1::RemovedSpan::GALLERY_COUNTER);
  EXPECT_EQ(ReasonInMiddle("We use cookies so the puzzles page remembers your scores."),
            v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(ReasonInMiddle("Leave a comment"), v1::RemovedSpan::PAGE_CHROME);
}

TEST(BoilerplateTest, SyndicationNoteNamesTheOrganisation) {
  Verdict v = Classifier().Classify("For more reporting from the Associated Press, scroll down.", 4, 12);
  ASSERT_TRUE(v.remove);
  EXPECT_EQ(v.reason, v1::RemovedSpan::SYNDICATION_NOTE);
  EXPECT_EQ(v.organisation, "Associated Press");
  // An organisation not in the table is taken from where the note names it, without "the".
  v = Classifier().Classify("For more reporting from the Harbour Gazette, read on.", 4, 12);
  EXPECT_EQ(v.organisation, "Harbour Gazette");
  v = Classifier().Classify("The Canadian Press contributed to this report.", 4, 12);
  EXPECT_EQ(v.organisation, "Canadian Press");
}

TEST(BoilerplateTest, ProseIsKeptEvenWhenItMentionsBoilerplateWords) {
  EXPECT_EQ(ReasonInMiddle("The advertisement ran in three newspapers before the council objected to it."),
            v1::RemovedSpan::REASON_UNSPECIFIED);
  EXPECT_EQ(ReasonInMiddle("She said readers could share their stories with the paper."),
            v1::RemovedSpan::REASON_UNSPECIFIED);
  EXPECT_EQ(ReasonInMiddle("By the time the ferry arrived, the crowd had gone home."),
            v1::RemovedSpan::REASON_UNSPECIFIED);
  EXPECT_EQ(ReasonInMiddle("The AP style guide was updated in May."), v1::RemovedSpan::REASON_UNSPECIFIED);
}

TEST(BoilerplateTest, LongParagraphsAreNeverRemoved) {
  std::string long_copyright = "Copyright " + std::string(500, 'x');
  EXPECT_EQ(ReasonInMiddle(long_copyright), v1::RemovedSpan::REASON_UNSPECIFIED);
}

TEST(BoilerplateTest, ZonesLimitBylinesAndCredits) {
  EXPECT_TRUE(Classifier().Classify("By Jane Roe and John Doe", 1, 20).remove);
  EXPECT_FALSE(Classifier().Classify("By Jane Roe and John Doe", 10, 20).remove);
  EXPECT_TRUE(Classifier().Classify("Additional reporting by Jane Roe", 18, 20).remove);
  EXPECT_FALSE(Classifier().Classify("Additional reporting by Jane Roe", 2, 20).remove);
}

TEST(BoilerplateTest, MetadataLinesAtTheEdgesAreRemoved) {
  EXPECT_EQ(Classifier().Classify("Published: Monday, March 4, 2024", 1, 20).reason, v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(Classifier().Classify("Last updated 10:15 GMT, 4 March 2024", 19, 20).reason,
            v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(Classifier().Classify("Wednesday, March 6, 2024 9:40 AM", 0, 20).reason, v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(Classifier().Classify("Harbour Desk Staff Writer", 2, 20).reason, v1::RemovedSpan::REPORTING_CREDITS);
  EXPECT_EQ(Classifier().Classify("jroe@example.org", 18, 20).reason, v1::RemovedSpan::REPORTING_CREDITS);
  // Bylines come in many house styles: a colon, the agency after a comma, the paper after the name, a
  // lead-in word, the role after a comma or a bar.
  for (const char* byline : {"By: Dana Whitcombe, THE HARBOUR PRESS", "BY DANA WHITCOMBE The Harbour Herald",
                             "Story by Dana Whitcombe", "Dana Whitcombe, Staff Writer", "Dana Whitcombe | Reporter",
                             "Luis Ortega, senior political correspondent", "Marta Osei | Television Critic"}) {
    EXPECT_EQ(Classifier().Classify(byline, 1, 20).reason, v1::RemovedSpan::REPORTING_CREDITS) << byline;
  }
  // A sentence that opens with "By" and a lowercase word is prose, even at the head.
  EXPECT_FALSE(Classifier().Classify("By then the ferry had left the harbour", 1, 20).remove);
  EXPECT_FALSE(Classifier().Classify("Story by story, the council rebuilt the archive.", 1, 20).remove);
  // A weekday alone is a heading in a schedule, not a date line; the middle of the body is not an edge.
  EXPECT_FALSE(Classifier().Classify("Saturday", 1, 20).remove);
  EXPECT_FALSE(Classifier().Classify("Published: Monday, March 4, 2024", 10, 20).remove);
}

TEST(BoilerplateTest, TimeStampsInAnyLanguageAreRemovedAtTheEdges) {
  EXPECT_EQ(Classifier().Classify("quinta-feira, 3 de março de 2022 às 18:05", 0, 20).reason,
            v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(Classifier().Classify("Dienstag, 14. Mai 2024, 07:30 Uhr", 1, 20).reason, v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(Classifier().Classify("Friday June 7, 2024 6:15 pm PDT by Jane Roe", 0, 20).reason,
            v1::RemovedSpan::PAGE_CHROME);
  // A sentence with a year and a time is prose, and the middle of the body is no edge.
  EXPECT_FALSE(Classifier().Classify("The ferry left at 06:40 on the first day of 2024.", 0, 20).remove);
  EXPECT_FALSE(Classifier().Classify("quinta-feira, 3 de março de 2022 às 18:05", 10, 20).remove);
}

TEST(BoilerplateTest, PageNumbersAreChromeButNumbersInProseAreNot) {
  EXPECT_EQ(ReasonInMiddle("1 2 3 4 5 6"), v1::RemovedSpan::PAGE_CHROME);
  EXPECT_EQ(ReasonInMiddle("« Prev 1 2 3 … 12 Next »"), v1::RemovedSpan::PAGE_CHROME);
  EXPECT_FALSE(Classifier().Classify("3, 7 and 12 were the winning numbers.", 5, 20).remove);
  EXPECT_FALSE(Classifier().Classify("1 2", 5, 20).remove);
}

TEST(BoilerplateTest, AgencyCreditLinesAreSyndicationNotesButPhotoCreditsAreNot) {
  Verdict v = Classifier().Classify("- AFP", 19, 20);
  ASSERT_TRUE(v.remove);
  EXPECT_EQ(v.reason, v1::RemovedSpan::SYNDICATION_NOTE);
  EXPECT_EQ(v.organisation, "Agence France-Presse");
  EXPECT_EQ(Classifier().Classify("With files from the Associated Press", 19, 20).organisation, "Associated Press");
  EXPECT_EQ(Classifier().Classify("Reuters", 1, 20).organisation, "Reuters");
  EXPECT_FALSE(Classifier().Classify("JANE ROE Associated Press", 19, 20).remove);
  EXPECT_FALSE(Classifier().Classify("Harbour Gazette", 19, 20).remove);
  EXPECT_TRUE(Classifier().NamesOnlyAnOrganisation("Article from: Agence France-Presse"));
  EXPECT_FALSE(Classifier().NamesOnlyAnOrganisation("Jane Roe/AFP"));
}

TEST(BoilerplateTest, FindsOrganisationsAsWholeWordsAndShortNamesOnlyInCapitals) {
  EXPECT_EQ(Classifier().FindOrganisation("a report by Reuters today"), "Reuters");
  EXPECT_EQ(Classifier().FindOrganisation("(AP) —"), "Associated Press");
  EXPECT_EQ(Classifier().FindOrganisation("the map app"), "");
}

}  // namespace
}  // namespace copydesk::stages::clean
