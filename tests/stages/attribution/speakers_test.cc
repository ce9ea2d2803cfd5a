#include "stages/attribution/speakers.h"

#include "stages/attribution/entity_table.h"

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

}  // namespace
}  // namespace copydesk::stages::attribution
