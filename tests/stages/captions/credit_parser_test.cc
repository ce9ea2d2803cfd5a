// One test per credit convention. Every credit below is invented for these tests.
#include "stages/captions/credit_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "caption_fixtures.h"

namespace copydesk::stages::captions {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const CreditLexicon& Lexicon() { return captions_test::EmbeddedLexicon(); }

ParsedCredit Parse(std::string_view raw) { return ParseCredit(raw, Lexicon()); }

TEST(CreditParserTest, NameAgencyViaDistributor) {
  ParsedCredit c = Parse("Marta Quill/AFP via Getty Images");
  EXPECT_THAT(c.photographers, ElementsAre("Marta Quill"));
  EXPECT_EQ(c.agency, "AFP");
  EXPECT_EQ(c.distributor, "Getty Images");
}

TEST(CreditParserTest, NameSlashApPhoto) {
  ParsedCredit c = Parse("Marta Quill/AP Photo");
  EXPECT_THAT(c.photographers, ElementsAre("Marta Quill"));
  EXPECT_EQ(c.agency, "AP");
  EXPECT_EQ(c.distributor, "");
}

TEST(CreditParserTest, BracketedApPhotoName) {
  ParsedCredit c = Parse("(AP Photo/Olu Banjo)");
  EXPECT_THAT(c.photographers, ElementsAre("Olu Banjo"));
  EXPECT_EQ(c.agency, "AP");
}

TEST(CreditParserTest, ApPhotoNameWithInitial) {
  ParsedCredit c = Parse("AP Photo/Dana K. Lowell");
  EXPECT_THAT(c.photographers, ElementsAre("Dana K. Lowell"));
  EXPECT_EQ(c.agency, "AP");
}

TEST(CreditParserTest, PhotoByNameSlashGetty) {
  ParsedCredit c = Parse("Photo by Ivo Renner/Getty Images");
  EXPECT_THAT(c.photographers, ElementsAre("Ivo Renner"));
  EXPECT_EQ(c.agency, "Getty Images");
  EXPECT_EQ(c.distributor, "");
}

TEST(CreditParserTest, NamePipeGetty) {
  ParsedCredit c = Parse("Ivo Renner | Getty Images");
  EXPECT_THAT(c.photographers, ElementsAre("Ivo Renner"));
  EXPECT_EQ(c.agency, "Getty Images");
}

TEST(CreditParserTest, PhotoColonNameSlashReuters) {
  ParsedCredit c = Parse("Photo: Ana Velde/Reuters");
  EXPECT_THAT(c.photographers, ElementsAre("Ana Velde"));
  EXPECT_EQ(c.agency, "Reuters");
}

TEST(CreditParserTest, CapitalisedAgencyFirst) {
  ParsedCredit c = Parse("REUTERS/Ana Velde");
  EXPECT_THAT(c.photographers, ElementsAre("Ana Velde"));
  EXPECT_EQ(c.agency, "Reuters");
}

TEST(CreditParserTest, FilePhotoQualifierDropped) {
  ParsedCredit c = Parse("Ana Velde/Reuters/File Photo");
  EXPECT_THAT(c.photographers, ElementsAre("Ana Velde"));
  EXPECT_EQ(c.agency, "Reuters");
  EXPECT_EQ(c.distributor, "");
}

TEST(CreditParserTest, EpaEfeMapsToEpa) {
  ParsedCredit c = Parse("EPA-EFE/PIOTR NOWAK");
  EXPECT_THAT(c.photographers, ElementsAre("PIOTR NOWAK"));
  EXPECT_EQ(c.agency, "EPA");
}

TEST(CreditParserTest, NameForPublication) {
  ParsedCredit c = Parse("Lena Hart for The New York Times");
  EXPECT_THAT(c.photographers, ElementsAre("Lena Hart"));
  EXPECT_EQ(c.agency, "The New York Times");
}

TEST(CreditParserTest, CreditLabelNameSlashPublication) {
  ParsedCredit c = Parse("Credit: Lena Hart/The New York Times");
  EXPECT_THAT(c.photographers, ElementsAre("Lena Hart"));
  EXPECT_EQ(c.agency, "The New York Times");
  ParsedCredit dots = Parse("Credit... Lena Hart/The New York Times");
  EXPECT_THAT(dots.photographers, ElementsAre("Lena Hart"));
  EXPECT_EQ(dots.agency, "The New York Times");
}

TEST(CreditParserTest, PhotoByNameAndThePaperTheyWorkFor) {
  ParsedCredit c = Parse("Photo by Omar Haddad, The Selby Gazette");
  EXPECT_THAT(c.photographers, testing::ElementsAre("Omar Haddad"));
  EXPECT_EQ(c.agency, "The Selby Gazette");
  // Two names and no organisation: two photographers.
  EXPECT_THAT(Parse("Photos by Omar Haddad, Lina Park").photographers, testing::ElementsAre("Omar Haddad", "Lina Park"));
}

TEST(CreditParserTest, StaffPhotographerIsARoleNotAnOwner) {
  ParsedCredit c = Parse("KAREN OKAFOR/STAFF PHOTOGRAPHER");
  EXPECT_THAT(c.photographers, testing::ElementsAre("KAREN OKAFOR"));
  EXPECT_EQ(c.agency, "");
}

TEST(CreditParserTest, CourtesyOfOrganisation) {
  ParsedCredit c = Parse("Courtesy of Harbour Rowing Club");
  EXPECT_THAT(c.photographers, IsEmpty());
  EXPECT_EQ(c.agency, "Harbour Rowing Club");
  EXPECT_EQ(Parse("Courtesy Acme").agency, "Acme");
  EXPECT_EQ(Parse("Courtesy of the Lune Valley Museum").agency, "Lune Valley Museum");
  EXPECT_EQ(Parse("Photo courtesy of The Orrin Company").agency, "The Orrin Company");
}

TEST(CreditParserTest, HandoutAndPoolNameNobody) {
  ParsedCredit handout = Parse("Handout");
  EXPECT_THAT(handout.photographers, IsEmpty());
  EXPECT_EQ(handout.agency, "");
  ParsedCredit pool = Parse("Teo Marsh/Pool/AFP via Getty Images");
  EXPECT_THAT(pool.photographers, ElementsAre("Teo Marsh"));
  EXPECT_EQ(pool.agency, "AFP");
  EXPECT_EQ(pool.distributor, "Getty Images");
}

TEST(CreditParserTest, SeveralPhotographers) {
  ParsedCredit c = Parse("Rui Costa and Mia Lund/AP");
  EXPECT_THAT(c.photographers, ElementsAre("Rui Costa", "Mia Lund"));
  EXPECT_EQ(c.agency, "AP");
}

TEST(CreditParserTest, DoubledCreditTakesTheFullerReading) {
  ParsedCredit c = Parse("(Photo by Sam Oduya/AFP) (Photo by Sam Oduya/AFP via Getty Images)");
  EXPECT_THAT(c.photographers, ElementsAre("Sam Oduya"));
  EXPECT_EQ(c.agency, "AFP");
  EXPECT_EQ(c.distributor, "Getty Images");
}

TEST(CreditParserTest, AgencyWrittenOutOrWithPhoto) {
  EXPECT_EQ(Parse("Associated Press").agency, "AP");
  EXPECT_EQ(Parse("AFP PHOTO").agency, "AFP");
  EXPECT_EQ(Parse("Getty").agency, "Getty Images");
  ParsedCredit c = Parse("NORA BLUM Associated Press");
  EXPECT_THAT(c.photographers, ElementsAre("NORA BLUM"));
  EXPECT_EQ(c.agency, "AP");
}

TEST(CreditParserTest, NameCommaAgencyAndNameCommaFile) {
  ParsedCredit c = Parse("Nora Blum, Reuters");
  EXPECT_THAT(c.photographers, ElementsAre("Nora Blum"));
  EXPECT_EQ(c.agency, "Reuters");
  ParsedCredit file = Parse("Nora Blum, file");
  EXPECT_THAT(file.photographers, ElementsAre("Nora Blum"));
  EXPECT_EQ(file.agency, "");
}

TEST(CreditParserTest, StaffPhotoByCapitalisedName) {
  ParsedCredit c = Parse("STAFF PHOTO BY GUS DeWITT");
  EXPECT_THAT(c.photographers, ElementsAre("GUS DeWITT"));
  EXPECT_EQ(c.agency, "");
}

TEST(CreditParserTest, CopyrightSignAndSourceLabel) {
  EXPECT_EQ(Parse("\xC2\xA9 Action Images").agency, "Action Images");
  EXPECT_EQ(Parse("(Source: NASA)").agency, "NASA");
  EXPECT_EQ(Parse("[File: Reuters]").agency, "Reuters");
}

TEST(CreditParserTest, UnknownOwnerAfterSlashIsTheAgencyAsWritten) {
  ParsedCredit c = Parse("Pia Stone/Harbour Gazette");
  EXPECT_THAT(c.photographers, ElementsAre("Pia Stone"));
  EXPECT_EQ(c.agency, "Harbour Gazette");
}

TEST(CreditParserTest, CompanyNameKeepsItsSuffix) {
  ParsedCredit c = Parse("Widget Works, Inc.");
  EXPECT_THAT(c.photographers, IsEmpty());
  EXPECT_EQ(c.agency, "Widget Works, Inc.");
}

TEST(CreditParserTest, SubmittedPhotoNamesNobody) {
  ParsedCredit c = Parse("Submitted photo");
  EXPECT_THAT(c.photographers, IsEmpty());
  EXPECT_EQ(c.agency, "");
  EXPECT_EQ(c.distributor, "");
}

TEST(CreditParserTest, WordsContainingAnAgencyAreNotAgencies) {
  // "Chapter" holds "AP", "CAPTION" holds "AP" too: neither is an agency.
  ParsedCredit c = Parse("Chapter Eleven/CAPTION");
  EXPECT_NE(c.agency, "AP");
  EXPECT_EQ(Parse("Photo: Jo Chapman").agency, "");
  EXPECT_THAT(Parse("Photo: Jo Chapman").photographers, ElementsAre("Jo Chapman"));
}

TEST(CreditParserTest, ImageViaDistributorOnlyIsTheAgency) {
  ParsedCredit c = Parse("Image via Getty Images");
  EXPECT_EQ(c.agency, "Getty Images");
  EXPECT_EQ(c.distributor, "");
}

TEST(CreditParserTest, TwoAgenciesAfterANameMeanAgencyAndDistributor) {
  ParsedCredit c = Parse("Photograph: Kai Ober/Bloomberg/Getty Images");
  EXPECT_THAT(c.photographers, ElementsAre("Kai Ober"));
  EXPECT_EQ(c.agency, "Bloomberg");
  EXPECT_EQ(c.distributor, "Getty Images");
}

TEST(LooksLikeNameTest, NamesAndNotNames) {
  EXPECT_TRUE(LooksLikeName("Anne de Vries"));
  EXPECT_TRUE(LooksLikeName("Dana K. Lowell"));
  EXPECT_FALSE(LooksLikeName("he told reporters"));
  EXPECT_FALSE(LooksLikeName(""));
}

TEST(CreditParserTest, OpeningBracketThePageNeverClosed) {
  ParsedCredit c = Parse("(TILDA MARSH, AFP");
  EXPECT_THAT(c.photographers, ElementsAre("TILDA MARSH"));
  EXPECT_EQ(c.agency, "AFP");
}

TEST(CreditParserTest, TrailingDateIsNeitherPhotographerNorAgency) {
  ParsedCredit c = Parse("(Rune Aas/Fjord Courier/June 9, 2022)");
  EXPECT_THAT(c.photographers, ElementsAre("Rune Aas"));
  EXPECT_EQ(c.agency, "Fjord Courier");
  EXPECT_EQ(StripTrailingDate("Rune Aas/Fjord Courier, 2019"), "Rune Aas/Fjord Courier");
  EXPECT_EQ(StripTrailingDate("Rune Aas/Fjord Courier"), "Rune Aas/Fjord Courier");
  EXPECT_EQ(StripTrailingDate("2019"), "2019");  // nothing would be left
  // Linear on a huge credit (a page's markup can hand one over): only the tail can hold the date.
  std::string huge(1 << 20, 'a');
  huge += "/Fjord Courier, 2019";
  EXPECT_EQ(StripTrailingDate(huge).size(), huge.size() - 6);
}

TEST(CreditParserTest, PhotographerLabel) {
  ParsedCredit c = Parse("Photographer: Ola Wren/Bloomberg");
  EXPECT_THAT(c.photographers, ElementsAre("Ola Wren"));
  EXPECT_EQ(c.agency, "Bloomberg");
}

TEST(CreditParserTest, UnknownOwnerViaKnownDistributor) {
  ParsedCredit c = Parse("Brill Space Centre via AP");
  EXPECT_THAT(c.photographers, IsEmpty());
  EXPECT_EQ(c.agency, "Brill Space Centre");
  EXPECT_EQ(c.distributor, "AP");
}

TEST(CreditParserTest, ClientOfAnAgencyIsDropped) {
  ParsedCredit c = Parse("Photo by Ada Lin/Getty Images for Harbour Arts Council");
  EXPECT_THAT(c.photographers, ElementsAre("Ada Lin"));
  EXPECT_EQ(c.agency, "Getty Images");
  EXPECT_EQ(c.distributor, "");
  // Without an agency before it, "for" names the paper the photographer worked for.
  EXPECT_EQ(Parse("Ada Lin for The Weekly Lantern").agency, "The Weekly Lantern");
}

TEST(CreditParserTest, HandoutNamesItsOwner) {
  ParsedCredit c = Parse("Tarn Valley Trust/Handout via REUTERS");
  EXPECT_THAT(c.photographers, IsEmpty());
  EXPECT_EQ(c.agency, "Tarn Valley Trust");
  EXPECT_EQ(c.distributor, "Reuters");
}

}  // namespace
}  // namespace copydesk::stages::captions
