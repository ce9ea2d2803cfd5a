// Credits found in and around paragraphs. Every sentence below is invented for these tests.
#include "stages/captions/credit_finder.h"

#include <gtest/gtest.h>

#include <string>

#include "caption_fixtures.h"

namespace copydesk::stages::captions {
namespace {

const CreditLexicon& Lexicon() { return captions_test::EmbeddedLexicon(); }

std::string Trailing(std::string_view p) {
  CreditSpan span = FindTrailingCredit(p, Lexicon());
  return span.found() ? std::string(p.substr(span.begin, span.end - span.begin)) : std::string("<none>");
}

TEST(RateCreditTest, CreditLinesRateByStrength) {
  EXPECT_EQ(RateCredit("Photo: Lia Brandt", Lexicon()), CreditStrength::kStrong);
  EXPECT_EQ(RateCredit("Lia Brandt/Reuters", Lexicon()), CreditStrength::kStrong);
  EXPECT_EQ(RateCredit("(AP Photo/Lia Brandt)", Lexicon()), CreditStrength::kStrong);
  EXPECT_EQ(RateCredit("Lia Brandt, Reuters", Lexicon()), CreditStrength::kMedium);
  EXPECT_EQ(RateCredit("Reuters", Lexicon()), CreditStrength::kBareAgency);
  EXPECT_EQ(RateCredit("Lia Brandt/Harbour Gazette", Lexicon()), CreditStrength::kWeak);
}

TEST(RateCreditTest, AnOwnerWithAPhotoQualifierOrACutShortBracketIsACredit) {
  EXPECT_EQ(RateCredit("Lia Brandt / The Harbour Gazette file photo", Lexicon()), CreditStrength::kMedium);
  EXPECT_EQ(RateCredit("Lia Brandt/Harbour Gazette/pool", Lexicon()), CreditStrength::kMedium);
  EXPECT_EQ(RateCredit("(LIA BRANDT, Harbour Gazette", Lexicon()), CreditStrength::kMedium);
  EXPECT_EQ(RateCredit("Photo: Lia Brandt, March 3, 2024", Lexicon()), CreditStrength::kStrong);
  // Without a slash the words before a qualifier are a caption glued on (a portrait's name) or a heading.
  EXPECT_LT(static_cast<int>(RateCredit("Lia Brandt Submitted photo", Lexicon())),
            static_cast<int>(CreditStrength::kMedium));
  EXPECT_EQ(RateCredit("Town Swimming Pool", Lexicon()), CreditStrength::kWeak);
  EXPECT_EQ(RateCredit("(left, Harbour Gazette", Lexicon()), CreditStrength::kNone);
}

TEST(RateCreditTest, APhotographerForAPaperAndALeadingHandoutAreCredits) {
  EXPECT_EQ(RateCredit("Lia Brandt for The Harbour Gazette", Lexicon()), CreditStrength::kMedium);
  EXPECT_EQ(Trailing("Divers check the hull of the ferry on Monday. Lia Brandt for The Harbour Gazette"),
            "Lia Brandt for The Harbour Gazette");
  EXPECT_EQ(RateCredit("Handout/Ministry of Ports", Lexicon()), CreditStrength::kMedium);
  // One capitalised word before "for" is a heading, not a photographer.
  EXPECT_EQ(RateCredit("Tickets for The Spring Fair", Lexicon()), CreditStrength::kNone);
  EXPECT_LT(static_cast<int>(RateCredit("Handout/picture of the week", Lexicon())),
            static_cast<int>(CreditStrength::kMedium));
}

TEST(RateCreditTest, ProseIsNotACredit) {
  EXPECT_EQ(RateCredit("The agency said the photos were taken by Reuters.", Lexicon()), CreditStrength::kNone);
  EXPECT_EQ(RateCredit("he told Reuters", Lexicon()), CreditStrength::kNone);
  EXPECT_EQ(RateCredit("(left)", Lexicon()), CreditStrength::kNone);
  EXPECT_EQ(RateCredit("\xC2\xA9 2019 Harbour Gazette. All rights reserved.", Lexicon()), CreditStrength::kNone);
}

TEST(FindTrailingCreditTest, CreditGluedAfterTheLastSentence) {
  EXPECT_EQ(Trailing("A ferry leaves the harbour at dawn on May 2, 2021. Lia Brandt/AFP via Getty Images"),
            "Lia Brandt/AFP via Getty Images");
  EXPECT_EQ(Trailing("Rowers train on the lake, Tuesday, May 4, 2021, in Lakeville. (AP Photo/Lia Brandt)"),
            "(AP Photo/Lia Brandt)");
  EXPECT_EQ(Trailing("Rowers train on the lake. (AP Photo/Lia Brandt)."), "(AP Photo/Lia Brandt)");
  EXPECT_EQ(Trailing("The mayor opens the bridge. REUTERS/Lia Brandt"), "REUTERS/Lia Brandt");
  EXPECT_EQ(Trailing("The mayor opens the bridge. Credit... Lia Brandt/The New York Times"),
            "Credit... Lia Brandt/The New York Times");
  EXPECT_EQ(Trailing("Owen Pike \xC2\xA9 Action Images"), "\xC2\xA9 Action Images");
  EXPECT_EQ(Trailing("Marla Ito Submitted photo"), "Submitted photo");
}

TEST(FindTrailingCreditTest, BodySentencesMentioningAgenciesKeepEverything) {
  EXPECT_EQ(Trailing("The minister spoke to Reuters on Tuesday."), "<none>");
  EXPECT_EQ(Trailing("Officials told the Associated Press that the talks had stalled. They did not say why."),
            "<none>");
  EXPECT_EQ(Trailing("The photographer, who worked for AFP for a decade, retired in May."), "<none>");
  EXPECT_EQ(Trailing("Fans cheered as the team (left) took the field."), "<none>");
}

TEST(FindTrailingCreditTest, BracketedCapitalNameAndAnUnknownOwner) {
  EXPECT_EQ(Trailing("Dancers parade through the old town on Thursday. (ILSE BRANDT, Velmar Daily)"),
            "(ILSE BRANDT, Velmar Daily)");
  // Capitals without an owner, or an owner in prose, are no such credit.
  EXPECT_EQ(Trailing("Dancers parade through the old town on Thursday. (NOT AGAIN, they said)"), "<none>");
  EXPECT_EQ(Trailing("Dancers parade through the old town (LEFT, CENTRE)."), "<none>");
}

TEST(RateCreditTest, APhotoLabelVouchesForAnyShortOwner) {
  EXPECT_EQ(RateCredit("Image source, Harlow family", Lexicon()), CreditStrength::kMedium);
  EXPECT_EQ(RateCredit("Source: official figures", Lexicon()), CreditStrength::kNone);
  EXPECT_EQ(RateCredit("Photo: the family said it was taken in May", Lexicon()), CreditStrength::kNone);
}

TEST(FindLeadingCreditTest, CapitalisedStaffPhotoLabelOpensTheCaption) {
  std::string_view p = "STAFF PHOTO BY GUS DeWITT Ana Ruiz waters her garden in Lakeville.";
  CreditSpan span = FindLeadingCredit(p, Lexicon());
  ASSERT_TRUE(span.found());
  EXPECT_EQ(p.substr(span.begin, span.end - span.begin), "STAFF PHOTO BY GUS DeWITT");
  EXPECT_FALSE(FindLeadingCredit("Photo by the river, the market opens at nine.", Lexicon()).found());
}

}  // namespace
}  // namespace copydesk::stages::captions
