// Block shapes. Every paragraph below is invented for these tests.
#include "stages/captions/caption_detector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "caption_fixtures.h"

namespace copydesk::stages::captions {
namespace {

const CreditLexicon& Lexicon() { return captions_test::EmbeddedLexicon(); }

constexpr std::string_view kBody1 =
    "The harbour authority said on Monday that the new ferry terminal would open in the spring, two years "
    "later than planned, after a dispute over the cost of dredging the channel.";
constexpr std::string_view kBody2 =
    "Local businesses have complained for months that the delay is keeping visitors away, and the town "
    "council has asked the regional government to cover part of the extra cost, which it says could reach "
    "several million euros by the end of next year.";
constexpr std::string_view kBody3 =
    "A spokesperson for the authority said the dredging contract had been signed and that work would begin "
    "as soon as the weather allowed it.";

std::vector<CaptionBlock> Detect(const std::vector<std::string_view>& paragraphs) {
  return DetectCaptions(paragraphs, Lexicon(), DetectorLimits{});
}

TEST(CaptionDetectorTest, HeadlineCaptionAndGluedCredit) {
  std::vector<std::string_view> p = {
      kBody1, "Harbour Ferry Terminal",
      "Workers inspect the Harbour ferry terminal in Lakeville on March 3, 2021. Lia Brandt/AFP via Getty Images",
      kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 1u);
  EXPECT_EQ(blocks[0].last, 2u);
  EXPECT_EQ(blocks[0].headline, "Harbour Ferry Terminal");
  EXPECT_EQ(blocks[0].text, "Workers inspect the Harbour ferry terminal in Lakeville on March 3, 2021.");
  EXPECT_EQ(blocks[0].credit, "Lia Brandt/AFP via Getty Images");
}

// A long header caption with a quoted title, then its credit line: with the story's byline below, the
// caption is the lead picture's; with the lede straight below and nothing to say a byline stood between,
// the paragraph above is taken for the lede. The byline the cleaning stage removed is that evidence.
TEST(CaptionDetectorTest, ARemovedBylineBelowTheCreditStillMarksTheHeaderBlock) {
  const std::vector<std::string_view> p = {
      "The county's oldest brass band, \"The Quarry Players,\" marks its centenary with two open-air concerts "
      "on Saturday and Sunday (2:00-4:00 p.m.) in Ashgrove Park.",
      "( Ilse Marr/ Ashgrove Courier / June 3, 2025)",
      "Bandmaster Owen Pryce says the programme is the hardest the players have attempted. Coming from the "
      "man who chose it, that could be a boast, but Pryce has spent thirty years warning audiences off "
      "pieces he thought beyond his band."};
  // Without the hint the credit line stands alone and the caption stays in the body.
  std::vector<CaptionBlock> alone = Detect(p);
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(alone[0].first, 1u);
  EXPECT_TRUE(alone[0].text.empty());
  std::vector<CaptionBlock> blocks = DetectCaptions(p, Lexicon(), DetectorLimits{}, LayoutHints{{2}});
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 0u);
  EXPECT_EQ(blocks[0].last, 1u);
  EXPECT_EQ(blocks[0].text, p[0]);
  EXPECT_EQ(blocks[0].credit, p[1]);
  // A break elsewhere says nothing about this block.
  std::vector<CaptionBlock> elsewhere = DetectCaptions(p, Lexicon(), DetectorLimits{}, LayoutHints{{1}});
  ASSERT_EQ(elsewhere.size(), 1u);
  EXPECT_TRUE(elsewhere[0].text.empty());
}

TEST(CaptionDetectorTest, CreditLineBeforeItsCaption) {
  std::vector<std::string_view> p = {kBody1, "Lia Brandt/Reuters",
                                     "Ferry passengers wait on the pier in Lakeville", kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 1u);
  EXPECT_EQ(blocks[0].last, 2u);
  EXPECT_EQ(blocks[0].text, "Ferry passengers wait on the pier in Lakeville");
  EXPECT_EQ(blocks[0].credit, "Lia Brandt/Reuters");
}

TEST(CaptionDetectorTest, BareAgencyAfterAMarkedCaption) {
  std::vector<std::string_view> p = {kBody1, "Harbour master Ida Voss (left) greets the first ferry crew.",
                                     "Reuters", kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 1u);
  EXPECT_EQ(blocks[0].last, 2u);
  EXPECT_EQ(blocks[0].credit, "Reuters");
}

TEST(CaptionDetectorTest, BareAgencyBesideBodyTextIsNotACaption) {
  std::vector<std::string_view> p = {"Reuters", kBody1, kBody2};
  EXPECT_TRUE(Detect(p).empty());
}

TEST(CaptionDetectorTest, CreditOnlyBlock) {
  std::vector<std::string_view> p = {kBody1, "Photo: Lia Brandt", kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "");
  EXPECT_EQ(blocks[0].credit, "Photo: Lia Brandt");
}

TEST(CaptionDetectorTest, CourtesyLineAloneCreditsAPhotoButNotWithAColon) {
  std::vector<CaptionBlock> blocks = Detect({kBody1, kBody2, "Courtesy Lakeville Harbour Board"});
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].credit, "Courtesy Lakeville Harbour Board");
  EXPECT_TRUE(Detect({kBody1, kBody2, "Courtesy: Lakeville Harbour Board"}).empty());
  EXPECT_TRUE(Detect({kBody1, kBody2, "Source: Lakeville Harbour Board"}).empty());
}

TEST(CaptionDetectorTest, CaptionLabelIsDropped) {
  std::vector<std::string_view> p = {kBody1, "Image caption Ida Voss has run the harbour since 2009", kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "Ida Voss has run the harbour since 2009");
  EXPECT_EQ(blocks[0].credit, "");
}

TEST(CaptionDetectorTest, LabelColonCaptionBetweenBodyParagraphs) {
  std::vector<std::string_view> p = {kBody1, "All aboard: Passengers board the first ferry of the season",
                                     kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].rule, "label_colon");
}

TEST(CaptionDetectorTest, ShortUnpunctuatedLineBetweenBodyParagraphs) {
  std::vector<std::string_view> p = {kBody1, "The old terminal was closed in the autumn", kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].rule, "short_line");
  EXPECT_TRUE(DetectCaptions(p, Lexicon(), DetectorLimits{12, 80, false}).empty());
}

TEST(CaptionDetectorTest, BodyMentioningAgenciesStaysInTheBody) {
  std::vector<std::string_view> p = {
      kBody1, "The ferry operator told Reuters that it expected demand to recover by the summer.",
      "Photographs of the terminal taken by an AFP photographer last year showed cracks in the pier.", kBody2};
  EXPECT_TRUE(Detect(p).empty());
}

TEST(CaptionDetectorTest, ShapeRuleFiringTooOftenRemovesNothing) {
  // A schedule: many short unpunctuated lines between body paragraphs are the article's own layout.
  std::vector<std::string_view> p;
  for (int i = 0; i < 6; ++i) {
    p.push_back(kBody1);
    p.push_back("The morning ferry leaves from the north pier");
  }
  p.push_back(kBody3);
  EXPECT_TRUE(Detect(p).empty());
}

TEST(CaptionDetectorTest, PerRuleCapLimitsCreditBlocks) {
  std::vector<std::string_view> p;
  for (int i = 0; i < 5; ++i) {
    p.push_back(kBody1);
    p.push_back("Photo: Lia Brandt");
  }
  EXPECT_EQ(Detect(p).size(), 5u);
  EXPECT_EQ(DetectCaptions(p, Lexicon(), DetectorLimits{3, 80, true}).size(), 3u);
}

TEST(CaptionDetectorTest, LeadingStaffPhotoCredit) {
  std::vector<std::string_view> p = {"STAFF PHOTO BY GUS DeWITT Ana Ruiz waters her garden in Lakeville.", kBody1};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].credit, "STAFF PHOTO BY GUS DeWITT");
  EXPECT_EQ(blocks[0].text, "Ana Ruiz waters her garden in Lakeville.");
}

TEST(CaptionDetectorTest, ThreeLineBlockKeepsItsCreditAgainstTheBodyBelow) {
  // A two-sentence caption above the credit line, a body paragraph of the same length below it: the photo
  // headline and the picture date bind the credit up; the verb of speech marks the paragraph below as prose.
  std::vector<std::string_view> p = {
      kBody1, "Harbour Ferry Terminal",
      "Workers inspect the unfinished ferry terminal in Lakeville on March 3, 2021. The terminal was due to open "
      "last year.",
      "Lia Brandt/AFP via Getty Images",
      "A spokesperson for the harbour authority said on Tuesday that the contractor had been paid in full.",
      kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 1u);
  EXPECT_EQ(blocks[0].last, 3u);
  EXPECT_EQ(blocks[0].headline, "Harbour Ferry Terminal");
  EXPECT_EQ(blocks[0].credit, "Lia Brandt/AFP via Getty Images");
}

TEST(CaptionDetectorTest, CreditLineAboveTheSignatureTakesTheLongCaptionAbove) {
  // The lead picture's block sits in the header, above the writer's signature: the long sentence above the
  // credit is its caption, though it would read as the lede anywhere else, and though it ends on a word
  // ("on KTV.") that could pass for a weak credit of its own.
  std::vector<std::string_view> p = {
      "The harbour's new ferry \"Brindle Star\" leaves Lakeville on its first crossing of the bay, a trip of "
      "forty minutes that the old boat took an hour to make, in a film shown on KTV.",
      "Lia Brandt/Reuters", "Tomas Hale | Travel Writer", kBody1, kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 0u);
  EXPECT_EQ(blocks[0].last, 1u);
  EXPECT_EQ(blocks[0].credit, "Lia Brandt/Reuters");
  // The same two lines over the lede, with no signature below: the long sentence is the lede.
  std::vector<std::string_view> q = {p[0], p[1], kBody1, kBody2};
  blocks = Detect(q);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].first, 1u);
  EXPECT_EQ(blocks[0].text, "");
}

TEST(CaptionDetectorTest, GalleryHeadJoinsTheRunOfCaptionsBelowIt) {
  // Under a heading (not prose), an unmarked sentence above two marked captions is the gallery's first.
  constexpr std::string_view kHead = "Workers lay the last section of the new pier at Lakeville on a calm morning.";
  std::vector<std::string_view> p = {kBody1, "In pictures:", kHead,
                                     "An artist's impression of the finished terminal building.",
                                     "Harbour master Ida Voss (left) with the site engineer.", kBody2};
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].text, kHead);
  EXPECT_EQ(blocks[0].rule, "gallery_head");
  // Under prose the same sentence introduces the gallery and stays.
  p[1] = kBody3;
  blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].first, 3u);
}

TEST(CaptionDetectorTest, SignatureUnderTheHeadlineIsNotACredit) {
  std::vector<std::string_view> p = {"Ida Voss, Associated Press", "The ferry terminal opened on Monday.", kBody1,
                                     kBody2};
  EXPECT_TRUE(Detect(p).empty());
  // The same name over an agency with a slash is a photo credit.
  p[0] = "Ida Voss/AP";
  p[1] = "Passengers board the first ferry at the new terminal in Lakeville.";
  std::vector<CaptionBlock> blocks = Detect(p);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].credit, "Ida Voss/AP");
}

}  // namespace
}  // namespace copydesk::stages::captions
