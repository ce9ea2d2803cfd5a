#include "stages/attribution/speakers.h"

#include "stages/attribution/entity_table.h"
#include "stages/attribution/paragraph_tokens.h"
#include "stages/attribution/quote_scanner.h"

#include <gtest/gtest.h>

namespace copydesk::stages::attribution {
namespace {

const Lexicon& TheLexicon() {
  static const Lexicon lexicon = Lexicon::Load().value();
  return lexicon;
}

const EntityWords& TheWords() {
  static const EntityWords words = EntityWords::Load().value();
  return words;
}

TEST(MentionCanSpeakTest, ANounPhraseOrAPronounSpeaksAnArticleOrAVerbPhraseDoesNot) {
  for (const char* m : {"the harbour master", "Ines Vale", "his", "She", "Will Ames", "the agency"})
    EXPECT_TRUE(MentionCanSpeak(m, TheLexicon())) << m;
  for (const char* m : {"The", "a", "that", "This", "Sanders may now", "they could no longer", "It will not yet"})
    EXPECT_FALSE(MentionCanSpeak(m, TheLexicon())) << m;
}

TEST(DescribeMentionTest, TitleEndsAtTheLastTitleWord) {
  SpeakerFacts s = DescribeMention("Portuguese Fisheries Minister Ana Duarte", TheLexicon());
  EXPECT_EQ(s.kind, v1::Speaker::PERSON);
  EXPECT_EQ(s.name, "Ana Duarte");
  EXPECT_EQ(s.title, "Portuguese Fisheries Minister");
}

TEST(DescribeMentionTest, AcronymInTitleIsTheOrganization) {
  SpeakerFacts s = DescribeMention("WHO Director General Lena Marsh", TheLexicon());
  EXPECT_EQ(s.name, "Lena Marsh");
  EXPECT_EQ(s.organization, "WHO");
}

TEST(DescribeMentionTest, DocumentSpeaksForItsOrganization) {
  SpeakerFacts s = DescribeMention("a joint OECD statement", TheLexicon());
  EXPECT_EQ(s.kind, v1::Speaker::DOCUMENT);
  EXPECT_EQ(s.name, "OECD");
}

TEST(DescribeMentionTest, PluralHeadNounIsAGroup) {
  SpeakerFacts s = DescribeMention("the OECD finance ministers", TheLexicon());
  EXPECT_EQ(s.kind, v1::Speaker::GROUP);
  EXPECT_EQ(s.name, "OECD finance ministers");
}

TEST(DescribeMentionTest, HeadquartersSpeaksForTheOrganization) {
  SpeakerFacts s = DescribeMention("OECD headquarters", TheLexicon());
  EXPECT_EQ(s.kind, v1::Speaker::ORGANIZATION);
  EXPECT_EQ(s.name, "OECD");
}

TEST(DescribeMentionTest, OfNamesTheOrganization) {
  SpeakerFacts s = DescribeMention("Tom Reyes of the Harbour Board", TheLexicon());
  EXPECT_EQ(s.kind, v1::Speaker::PERSON);
  EXPECT_EQ(s.name, "Tom Reyes");
  EXPECT_EQ(s.organization, "Harbour Board");
}

TEST(EntityTableTest, SurnameAndCourtesyTitleResolveToTheFullName) {
  EntityTable people(TheLexicon(), TheWords());
  SpeakerFacts first = DescribeMention("Harbour Master Ines Kowalczyk", TheLexicon());
  people.Resolve(&first);
  SpeakerFacts later = DescribeMention("Ms. Kowalczyk", TheLexicon());
  people.Resolve(&later);
  EXPECT_EQ(later.name, "Ines Kowalczyk");
  EXPECT_EQ(later.title, "Harbour Master");
}

TEST(EntityTableTest, PronounTakesTheLatestPersonSpeaker) {
  EntityTable people(TheLexicon(), TheWords());
  SpeakerFacts first = DescribeMention("Mayor Piet Vogel", TheLexicon());
  people.Resolve(&first);
  SpeakerFacts group = DescribeMention("the council members", TheLexicon());
  people.Resolve(&group);
  SpeakerFacts he = DescribeMention("he", TheLexicon());
  people.Resolve(&he);
  EXPECT_EQ(he.mention, "he");
  EXPECT_EQ(he.name, "Piet Vogel");
  SpeakerFacts they = DescribeMention("they", TheLexicon());
  people.Resolve(&they);
  EXPECT_EQ(they.name, "council members");
}

TEST(EntityTableTest, TitleAloneResolvesToItsHolder) {
  EntityTable people(TheLexicon(), TheWords());
  SpeakerFacts first = DescribeMention("Fire Chief Rosa Lind", TheLexicon());
  people.Resolve(&first);
  SpeakerFacts chief = DescribeMention("the chief", TheLexicon());
  people.Resolve(&chief);
  EXPECT_EQ(chief.name, "Rosa Lind");
}

// The table reads paragraphs as the stage does: quote spans, then tokens.
void Note(EntityTable* table, const std::string& paragraph) {
  ParagraphTokens tokens = Tokenize(paragraph, FindQuoteSpans(paragraph), TheLexicon());
  table->NoteParagraph(paragraph, tokens);
}

SpeakerFacts Resolved(EntityTable* table, std::string_view mention) {
  SpeakerFacts s = DescribeMention(mention, TheLexicon());
  table->Resolve(&s);
  return s;
}

TEST(EntityTableTest, RoleDescriptionResolvesToThePersonIntroducedWithIt) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "Jorun Lie, the union's general secretary, called the offer an insult.");
  SpeakerFacts s = Resolved(&table, "The union's general secretary");
  EXPECT_EQ(s.name, "Jorun Lie");
  EXPECT_EQ(s.mention, "The union's general secretary");
  EXPECT_EQ(s.kind, v1::Speaker::PERSON);
}

TEST(EntityTableTest, ATitleGivesTheOtherWordsForThePost) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "Justice Ama Boateng dismissed the appeal on Friday.");
  Note(&table, "Senior coroner Piet Maas opened the inquest.");
  Note(&table, "Chief executive Tove Brekke announced the results.");
  EXPECT_EQ(Resolved(&table, "the judge").name, "Ama Boateng");
  EXPECT_EQ(Resolved(&table, "The coroner").name, "Piet Maas");
  EXPECT_EQ(Resolved(&table, "The CEO").name, "Tove Brekke");
  // An apposition's role has its other words too, and Australian councillors are "Cr".
  Note(&table, "Rohan Batra, the Kessel captain, kept his place.");
  EXPECT_EQ(Resolved(&table, "the skipper").name, "Rohan Batra");
  Note(&table, "Cr Nola Birch opened the meeting.");
  EXPECT_EQ(Resolved(&table, "Cr Birch").name, "Nola Birch");
  EXPECT_EQ(Resolved(&table, "The councillor").name, "Nola Birch");
}

TEST(EntityTableTest, AFamilyDescriptionIsThePreviousSpeakerOfThatGender) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "Nurse Hana Lindqvist, 36, said she had run to the quay.");
  SpeakerFacts hana = Resolved(&table, "Nurse Hana Lindqvist");
  Note(&table, "Her son Emil had slipped at Vester Lock on the way home.");
  EXPECT_EQ(Resolved(&table, "the mum-of-two").name, "Hana Lindqvist");
  // A father cannot be her: the latest man the article names is.
  Note(&table, "Lock keeper Bo Strand, a father of three, pulled the boy out.");
  EXPECT_EQ(Resolved(&table, "The father-of-three").name, "Bo Strand");
}

TEST(EntityTableTest, AFirmNamedByItsTradeIsACompany) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "Harrow Aggregates said the quarry would stay shut.");
  Note(&table, "Linden Broadband said speeds would improve.");
  SpeakerFacts firm = Resolved(&table, "The company");
  EXPECT_EQ(firm.name, "Linden Broadband");
  EXPECT_EQ(firm.kind, v1::Speaker::ORGANIZATION);
  EXPECT_EQ(Resolved(&table, "the provider").name, "Linden Broadband");
}

TEST(EntityTableTest, ANewspaperIsAnOrganisationAndThePaper) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "The Harwick Echo first reported the sale.");
  SpeakerFacts paper = Resolved(&table, "The paper");
  EXPECT_EQ(paper.name, "Harwick Echo");
  EXPECT_EQ(paper.kind, v1::Speaker::ORGANIZATION);
}

TEST(EntityTableTest, DefiniteDescriptionResolvesToTheOrganizationOfThatType) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "Fjordline Airways grounded six aircraft on Sunday.");
  SpeakerFacts airline = Resolved(&table, "The airline");
  EXPECT_EQ(airline.name, "Fjordline Airways");
  EXPECT_EQ(airline.kind, v1::Speaker::ORGANIZATION);
  // A union is a union only when the text says so.
  SpeakerFacts union_ = Resolved(&table, "the union");
  EXPECT_EQ(union_.name, "union");
}

TEST(EntityTableTest, DescriptionIsKeptWholeAndNotedForLaterShortForms) {
  EntityTable table(TheLexicon(), TheWords());
  SpeakerFacts office = Resolved(&table, "the transport minister's office");
  EXPECT_EQ(office.name, "transport minister's office");
  EXPECT_EQ(office.kind, v1::Speaker::ORGANIZATION);
  SpeakerFacts society = Resolved(&table, "the county beekeeping society");
  EXPECT_EQ(society.kind, v1::Speaker::ORGANIZATION);
  EXPECT_EQ(Resolved(&table, "The society").name, "county beekeeping society");
}

TEST(EntityTableTest, PronounRespectsGender) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "Inspector Helen Moss and Sergeant Tom Brook led the search.");
  Resolved(&table, "Moss");
  SpeakerFacts he = Resolved(&table, "he");
  EXPECT_EQ(he.name, "Tom Brook");
  EXPECT_EQ(he.mention, "he");
  SpeakerFacts she = Resolved(&table, "she");
  EXPECT_EQ(she.name, "Helen Moss");
}

TEST(EntityTableTest, APlaceIsNoSpeaker) {
  EntityTable table(TheLexicon(), TheWords());
  Note(&table, "The road between Ostby and Varnes reopened on Monday.");
  EXPECT_TRUE(table.IsPlace("Varnes"));
  EXPECT_FALSE(table.IsPlace("Monday"));
}

}  // namespace
}  // namespace copydesk::stages::attribution
