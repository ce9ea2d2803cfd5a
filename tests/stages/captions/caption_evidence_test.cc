// One test per row of kEvidence: the same paragraph scored with and without the evidence, so each weight
// is seen to move the score by itself. Every paragraph below is invented for these tests.
#include "stages/captions/caption_evidence.h"

#include <gtest/gtest.h>

#include <string_view>

#include "caption_fixtures.h"

namespace copydesk::stages::captions {
namespace {

int Score(std::string_view p, const Side& side = {.before_credit = true}) {
  return CaptionScore(Measure(p), side, captions_test::EmbeddedLexicon());
}

constexpr std::string_view kShort = "Divers check the hull of the ferry in Ostby";

TEST(CaptionEvidenceTest, BaseSentenceAndCaptionLength) {
  // A short sentence gets all three: base, sentence, caption length.
  EXPECT_EQ(Score(kShort), kEvidence.base + kEvidence.sentence + kEvidence.caption_length);
  // A name of two words: a caption's length, but no sentence.
  EXPECT_EQ(Score("Ida Voss"), kEvidence.base + kEvidence.caption_length);
  // A title of five capitalised words: neither.
  EXPECT_EQ(Score("Harbour Ferry Terminal Opening Day"), kEvidence.base);
}

TEST(CaptionEvidenceTest, MarkerAndLabel) {
  EXPECT_EQ(Score("Divers (left) check the hull of the ferry in Ostby") - Score(kShort), kEvidence.marker);
  EXPECT_EQ(Score("Image caption Divers check the hull of the ferry in Ostby") - Score(kShort), kEvidence.label);
}

TEST(CaptionEvidenceTest, PictureDate) {
  EXPECT_EQ(Score("Divers check the hull of the ferry in Ostby on March 3, 2024") - Score(kShort),
            kEvidence.picture_date);
}

TEST(CaptionEvidenceTest, HeadlineAboveAndAboveByline) {
  EXPECT_EQ(Score(kShort, {.before_credit = true, .headline_above = true}) - Score(kShort),
            kEvidence.headline_above);
  EXPECT_EQ(Score(kShort, {.before_credit = true, .above_byline = true}) - Score(kShort), kEvidence.above_byline);
}

TEST(CaptionEvidenceTest, LongProse) {
  // 23 words: over long_before_words before the credit (prose), within long_after_words after it.
  constexpr std::string_view kProse =
      "The harbour authority has spent two years and a great deal of public money on the new terminal without "
      "ever finishing the main building.";
  EXPECT_EQ(Score(kProse, {}) - Score(kProse), kEvidence.long_prose);
  // 30 words: within long_after_words after a credit line, over long_after_strict_words after a bare agency.
  constexpr std::string_view kLonger =
      "The harbour authority has spent two years and a great deal of public money on the new terminal without "
      "ever finishing the main building or the car park beside it.";
  EXPECT_EQ(Score(kLonger, {}) - Score(kLonger, {.strict = true}), kEvidence.long_prose);
}

TEST(CaptionEvidenceTest, ReportingVerbAndQuote) {
  EXPECT_EQ(Score(kShort) - Score("Divers said the hull of the ferry in Ostby was sound"), kEvidence.reporting_verb);
  EXPECT_EQ(Score(kShort) - Score("Divers check the hull of the \"Ostby Star\" ferry"), kEvidence.quote);
}

TEST(CaptionEvidenceTest, NeverBesideACredit) {
  EXPECT_EQ(Score("By Ida Voss"), 0);                                      // a byline
  EXPECT_EQ(Score("The ferry timetable for the summer:"), 0);              // introduces what follows
  EXPECT_EQ(Score("Lia Brandt/Reuters"), 0);                               // another credit
  EXPECT_EQ(Score("Divers check the hull of the ferry. Lia Brandt/Reuters"), 0);  // a credit of its own
  EXPECT_EQ(Score("OSTBY, Norway (AP) \xE2\x80\x94 Divers checked the ferry on Monday."), 0);  // the dateline
}

TEST(CaptionEvidenceTest, NeededScores) {
  // A short caption sentence binds a firm credit but, alone, not a weak one: it needs a mark as well.
  EXPECT_GE(Score(kShort), kEvidence.needed_firm);
  EXPECT_LT(Score(kShort), kEvidence.needed_weak + 1);
}

}  // namespace
}  // namespace copydesk::stages::captions
