#include "stages/attribution/attribution_stage.h"

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>

namespace copydesk::stages {
namespace {

#define LQ "\xE2\x80\x9C"  // “
#define RQ "\xE2\x80\x9D"  // ”

struct Outcome {
  StageResult result = StageResult::Continue();
  v1::EnrichedArticle out;
};

Outcome Attribute(const std::vector<std::string>& paragraphs, const v1::EnrichedArticle& start = {}) {
  StatusOr<StageOptions> options = StageOptions::Validate("attribution", AttributionStageDescriptor().keys, {});
  auto stage = AttributionStageDescriptor().factory(options.value());
  Outcome run;
  run.out = start;
  for (const std::string& p : paragraphs) run.out.add_paragraphs()->set_text(p);
  v1::RawArticle raw;
  Article article{raw, run.out, {}};
  run.result = stage.value()->Transform(article);
  return run;
}

// The quotes' texts in order, for matchers.
std::vector<std::string> QuoteTexts(const Outcome& run) {
  std::vector<std::string> texts;
  for (const v1::Quote& q : run.out.quotes()) texts.push_back(q.text());
  return texts;
}

const v1::Quote* FindQuote(const v1::EnrichedArticle& out, std::string_view text) {
  for (const v1::Quote& q : out.quotes()) {
    if (q.text() == text) return &q;
  }
  return nullptr;
}

TEST(AttributionStageTest, QuoteThenSaidThenSpeaker) {
  Outcome run = Attribute({"\"The bridge will reopen in spring,\" said Mayor Lotte Brandt."});
  ASSERT_FALSE(run.result.failed());
  ASSERT_EQ(run.out.quotes_size(), 1);
  const v1::Quote& q = run.out.quotes(0);
  EXPECT_EQ(q.text(), "The bridge will reopen in spring");
  EXPECT_EQ(q.kind(), v1::Quote::DIRECT);
  EXPECT_EQ(q.cue(), "said");
  EXPECT_EQ(q.speaker().name(), "Lotte Brandt");
  EXPECT_EQ(q.speaker().title(), "Mayor");
  EXPECT_EQ(q.speaker().kind(), v1::Speaker::PERSON);
  EXPECT_EQ(q.location().paragraph(), 0u);
  EXPECT_EQ(run.out.paragraphs(0).text().substr(q.location().begin(), q.location().end() - q.location().begin()),
            "The bridge will reopen in spring");
}

TEST(AttributionStageTest, QuoteThenSpeakerThenSaidWithTypographicMarks) {
  Outcome run = Attribute({LQ "We ran out of sandbags," RQ " the fire chief said."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "We ran out of sandbags");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "the fire chief");
}

TEST(AttributionStageTest, SplitQuoteIsJoined) {
  Outcome run = Attribute({"\"The tide was high,\" Omar Haddad said, \"and the wall was low.\""});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The tide was high and the wall was low.");
  EXPECT_EQ(run.out.quotes(0).kind(), v1::Quote::DIRECT);
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Omar Haddad");
}

TEST(AttributionStageTest, QuotationAfterTheAttributionsAdjunctsIsJoined) {
  Outcome run = Attribute({LQ "The ferry is late," RQ " Haddad said on " LQ "Harbour Radio." RQ " " LQ
                           "Nobody expected the ice." RQ});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The ferry is late Nobody expected the ice.");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Haddad");
}

TEST(AttributionStageTest, AnyPastTenseVerbAfterAQuotationEndingInACommaAttributesIt) {
  Outcome run = Attribute({LQ "The pumps are rusting," RQ " Brandt charged in a letter to the council.",
                           LQ "Who paid for this?" RQ " she snapped."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).text(), "The pumps are rusting");
  EXPECT_EQ(run.out.quotes(0).cue(), "charged");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
  EXPECT_EQ(run.out.quotes(1).cue(), "snapped");
  // Without the comma inside the marks the words after a quotation are not its attribution.
  Outcome title = Attribute({LQ "Harbour Lights" RQ " Brandt recorded in March."});
  EXPECT_EQ(title.out.quotes_size(), 0);
}

TEST(AttributionStageTest, SpeakerSaidColonQuote) {
  Outcome run = Attribute({"Omar Haddad said: \"Nobody expected the water.\""});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "Nobody expected the water.");
  EXPECT_EQ(run.out.quotes(0).kind(), v1::Quote::DIRECT);
}

TEST(AttributionStageTest, ReportedSpeechWithThat) {
  Outcome run = Attribute({"City engineers said Monday that the levee needs new pumps."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  const v1::Quote& q = run.out.quotes(0);
  EXPECT_EQ(q.text(), "the levee needs new pumps");
  EXPECT_EQ(q.kind(), v1::Quote::INDIRECT);
  EXPECT_EQ(q.speaker().mention(), "City engineers");
  EXPECT_EQ(q.speaker().kind(), v1::Speaker::GROUP);
}

TEST(AttributionStageTest, ReportedSpeechWithQuotedFragmentsIsMixed) {
  Outcome run = Attribute({"Haddad said the repairs were \"long overdue\" and would start soon."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).kind(), v1::Quote::MIXED);
  EXPECT_EQ(run.out.quotes(0).text(), "the repairs were \"long overdue\" and would start soon");
}

TEST(AttributionStageTest, TellWithListenerSkipsTheListener) {
  Outcome run = Attribute({"Brandt told reporters that the budget was spent."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "the budget was spent");
  EXPECT_EQ(run.out.quotes(0).cue(), "told");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
}

TEST(AttributionStageTest, VenueIsNeverTheSpeaker) {
  Outcome run = Attribute({"\"We will rebuild,\" Deputy Mayor Sara Okafor said to regional radio Onda Norte."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Sara Okafor");
  EXPECT_EQ(run.out.quotes(0).speaker().title(), "Deputy Mayor");
}

TEST(AttributionStageTest, ClauseThenSpeakerSaid) {
  Outcome run = Attribute({"The pumps failed twice last year, the engineer said."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The pumps failed twice last year");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "the engineer");
}

TEST(AttributionStageTest, InAStatementSpeakerSaid) {
  Outcome run = Attribute({"In a statement, the water board said the river had crested."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "the river had crested");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "the water board");
}

TEST(AttributionStageTest, DocumentSpeaksForOrganization) {
  Outcome run = Attribute({"\"Supplies are on their way,\" said a joint UNICEF statement."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().kind(), v1::Speaker::DOCUMENT);
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "UNICEF");
}

TEST(AttributionStageTest, AccordingToAPersonIsAnAttribution) {
  Outcome run = Attribute({"The levee was built in 1962, according to historian Ruth Adler."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The levee was built in 1962");
  EXPECT_EQ(run.out.quotes(0).cue(), "according to");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Ruth Adler");
}

TEST(AttributionStageTest, NewsAgencyReportingAnotherSpeakerIsOnlyASource) {
  // The agency relays what Brandt said: Brandt speaks, the agency is credited for the reporting.
  Outcome run = Attribute({"Brandt said the dam held, the Associated Press reported."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
  EXPECT_EQ(run.out.quotes(0).text(), "the dam held");
  ASSERT_EQ(run.out.sources_size(), 1);
  EXPECT_EQ(run.out.sources(0).name(), "Associated Press");
  EXPECT_EQ(run.out.sources(0).cue(), "the Associated Press reported");
}

TEST(AttributionStageTest, NewsAgencyReportingAClaimOfItsOwnIsItsSpeakerAndASource) {
  // "..., according to Reuters." with nobody else speaking: the claim is the agency's, an organisation
  // under its canonical name, and the agency is also one of the article's sources.
  Outcome run = Attribute({"Ferries stopped running, according to Reuters.",
                           "Two piers were shut on Monday, the AP reported."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).text(), "Ferries stopped running");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Reuters");
  EXPECT_EQ(run.out.quotes(0).speaker().kind(), v1::Speaker::ORGANIZATION);
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "the AP");
  EXPECT_EQ(run.out.quotes(1).speaker().name(), "Associated Press");
  ASSERT_EQ(run.out.sources_size(), 2);
  EXPECT_EQ(run.out.sources(0).name(), "Reuters");
  EXPECT_EQ(run.out.sources(1).name(), "Associated Press");
}

TEST(AttributionStageTest, NewsOrganizationNamedLikeAPersonIsThePersonOnceNamed) {
  // Without a person of that name, "Bloomberg reported" credits the news service ...
  Outcome wire = Attribute({"The port lost two ferries last year, Bloomberg reported."});
  ASSERT_EQ(wire.out.sources_size(), 1);
  EXPECT_EQ(wire.out.sources(0).name(), "Bloomberg");
  ASSERT_EQ(wire.out.quotes_size(), 1);
  EXPECT_EQ(wire.out.quotes(0).speaker().kind(), v1::Speaker::ORGANIZATION);
  // ... after "Ruth Bloomberg" it is her.
  Outcome person = Attribute({"The port's director, Ruth Bloomberg, arrived late.",
                              "The ferries will be sold, Bloomberg said."});
  EXPECT_EQ(person.out.sources_size(), 0);
  ASSERT_EQ(person.out.quotes_size(), 1);
  EXPECT_EQ(person.out.quotes(0).speaker().name(), "Ruth Bloomberg");
  EXPECT_EQ(person.out.quotes(0).speaker().kind(), v1::Speaker::PERSON);
}

TEST(AttributionStageTest, NewsOrganizationNameNeedsItsCapital) {
  Outcome run = Attribute({"Rates will rise in spring, the economist said."});
  EXPECT_EQ(run.out.sources_size(), 0);
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "the economist");
  Outcome paper = Attribute({"Rates will rise in spring, The Economist reported."});
  ASSERT_EQ(paper.out.sources_size(), 1);
  EXPECT_EQ(paper.out.sources(0).name(), "Economist");
}

TEST(AttributionStageTest, ToldANewsNetworkCreditsIt) {
  Outcome run = Attribute({"Brandt told CNN that the town would recover."});
  ASSERT_EQ(run.out.sources_size(), 1);
  EXPECT_EQ(run.out.sources(0).name(), "CNN");
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
}

TEST(AttributionStageTest, EarlierSourcesAreCanonicalisedAndDeduplicated) {
  v1::EnrichedArticle start;
  v1::NewsSource* s = start.add_sources();
  s->set_name("AP");
  s->set_cue("syndication note");
  Outcome run = Attribute({"The river rose overnight, the Associated Press reported."}, start);
  ASSERT_EQ(run.out.sources_size(), 1);
  EXPECT_EQ(run.out.sources(0).name(), "Associated Press");
  EXPECT_EQ(run.out.sources(0).cue(), "syndication note");
}

TEST(AttributionStageTest, SurnameResolvesToTheFullNameAndTitle) {
  Outcome run = Attribute({"Harbour Master Ines Kowalczyk inspected the quay on Tuesday.",
                           "\"The cranes are safe,\" Kowalczyk said."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Kowalczyk");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Ines Kowalczyk");
  EXPECT_EQ(run.out.quotes(0).speaker().title(), "Harbour Master");
}

TEST(AttributionStageTest, PronounResolvesToThePreviousSpeaker) {
  Outcome run = Attribute({"\"The cranes are safe,\" said Ines Kowalczyk.", "\"We checked each one,\" she added."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "she");
  EXPECT_EQ(run.out.quotes(1).speaker().name(), "Ines Kowalczyk");
  EXPECT_EQ(run.out.quotes(1).cue(), "added");
}

TEST(AttributionStageTest, QuoteContinuedAcrossParagraphs) {
  Outcome run = Attribute({"Kowalczyk said: \"The first crane failed in May.", "\"The second one failed in June.\"",
                           "Other news followed."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The first crane failed in May. The second one failed in June.");
  EXPECT_EQ(run.out.quotes(0).kind(), v1::Quote::DIRECT);
}

TEST(AttributionStageTest, FollowingQuotedParagraphInheritsTheSpeaker) {
  Outcome run = Attribute({"\"The cranes are safe,\" said Ines Kowalczyk.", "\"Nobody was hurt this year.\""});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(1).text(), "Nobody was hurt this year.");
  EXPECT_EQ(run.out.quotes(1).speaker().name(), "Ines Kowalczyk");
}

TEST(AttributionStageTest, UnclosedQuoteDoesNotSwallowTheArticle) {
  Outcome run = Attribute({"Brandt said: \"The wall is strong", "The storm moved north.",
                           "\"The roads are open,\" said Omar Haddad."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).text(), "The wall is strong");
  EXPECT_EQ(run.out.quotes(1).speaker().name(), "Omar Haddad");
}

TEST(AttributionStageTest, TitleOfAWorkIsNotSpeech) {
  Outcome run = Attribute({"The museum opened \"The Long Winter Garden\" on Friday.",
                           "\"The Long Winter Garden\""});
  EXPECT_EQ(run.out.quotes_size(), 0);
}

TEST(AttributionStageTest, ApostrophesAreNotQuotes) {
  Outcome run = Attribute({"The ministers' plan didn't work, Brandt said."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).kind(), v1::Quote::INDIRECT);
  EXPECT_EQ(run.out.quotes(0).text(), "The ministers' plan didn't work");
}

TEST(AttributionStageTest, ParticipleInheritsTheSpeaker) {
  Outcome run = Attribute({"\"The cranes are safe,\" said Ines Kowalczyk, adding that the quay would reopen."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  const v1::Quote* added = FindQuote(run.out, "the quay would reopen");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->speaker().name(), "Ines Kowalczyk");
  EXPECT_EQ(added->cue(), "adding");
}

TEST(AttributionStageTest, ColonAndDashCues) {
  Outcome run = Attribute({"Ruth Adler: \"Keep the gates shut.\"", "\"Open them at dawn.\" \xE2\x80\x95 Omar Haddad"});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Ruth Adler");
  EXPECT_EQ(run.out.quotes(0).text(), "Keep the gates shut.");
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "Omar Haddad");
}

TEST(AttributionStageTest, NameBeforeAColonOpeningTheQuotationSpeaks) {
  Outcome run = Attribute({"The delay does not surprise Harbour Master Ines Kowalczyk: " LQ
                           "Every winter the channel silts up." RQ});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Harbour Master Ines Kowalczyk");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Ines Kowalczyk");
  EXPECT_EQ(run.out.quotes(0).text(), "Every winter the channel silts up.");
  // The same after a longer clause, past the reach of a sentence-initial speaker.
  Outcome longer = Attribute({"The third delay this winter does not surprise Harbour Master Ines Kowalczyk: " LQ
                              "Every winter the channel silts up." RQ});
  ASSERT_EQ(longer.out.quotes_size(), 1);
  EXPECT_EQ(longer.out.quotes(0).speaker().mention(), "Harbour Master Ines Kowalczyk");
  // After a preposition the name is spoken to, not the speaker.
  Outcome addressed = Attribute({"The mayor had one message for Kowalczyk: " LQ "Dredge it now." RQ});
  for (const v1::Quote& q : addressed.out.quotes()) EXPECT_NE(q.speaker().mention(), "Kowalczyk");
}

TEST(AttributionStageTest, SaidColonEndingAParagraphTakesTheNextQuote) {
  Outcome run = Attribute({"At the briefing, Ruth Adler said:", "\"They stay shut until Friday.\""});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "They stay shut until Friday.");
  EXPECT_EQ(run.out.quotes(0).location().paragraph(), 1u);
}

TEST(AttributionStageTest, AskedTakesTheQuestionAndItsAsker) {
  Outcome run = Attribute({"Asked by a reporter whether the gates would open, Adler shook her head."});
  ASSERT_GE(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "whether the gates would open");
  EXPECT_EQ(run.out.quotes(0).cue(), "Asked");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "a reporter");
}

TEST(AttributionStageTest, TranscriptTurnsAreAttributed) {
  Outcome run = Attribute({"Q: Will the ferry run this winter?", "HADDAD: Only if the channel is dredged."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "HADDAD");
  EXPECT_EQ(run.out.quotes(1).text(), "Only if the channel is dredged.");
}

TEST(AttributionStageTest, TranscriptTurnHoldsItsOwnVerbs) {
  Outcome run = Attribute({"HADDAD: Well, the mayor said the channel is deep enough.", "ORTIZ: It is not."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "HADDAD");
  EXPECT_EQ(run.out.quotes(0).text(), "Well, the mayor said the channel is deep enough.");
}

TEST(AttributionStageTest, ACapitalsColonDatelineOpeningTheStoryIsNoSpeaker) {
  Outcome run = Attribute({"KESARGARH: The state will extend the seed subsidy by a year, the farm minister's office said.",
                           "Kesargarh said nothing more."});
  const v1::Quote* q = FindQuote(run.out, "The state will extend the seed subsidy by a year");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker().name(), "farm minister's office");
  // The dateline names a place, and a place does not speak.
  for (const v1::Quote& other : run.out.quotes()) EXPECT_NE(other.speaker().name(), "Kesargarh");
}

TEST(AttributionStageTest, FormsOfBeBetweenSpeakerAndCueAreNotTheSpeaker) {
  Outcome run = Attribute({"Brandt has been telling reporters that the dam is safe."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
  EXPECT_EQ(run.out.quotes(0).text(), "the dam is safe");
}

TEST(AttributionStageTest, NonRestrictiveWhoSpeaksForItsAntecedent) {
  Outcome run = Attribute({"The ferries belong to Harbour Master Jo Ames, who said the fleet would be sold."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "the fleet would be sold");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Jo Ames");
  // After an attribution in the same sentence, "who" is its speaker however long the appositive.
  Outcome after = Attribute({LQ "We will rebuild," RQ " said Jo Ames, 54, a welder from the lower town, who said "
                             "the fleet would be sold."});
  ASSERT_EQ(after.out.quotes_size(), 2);
  EXPECT_EQ(after.out.quotes(1).text(), "the fleet would be sold");
  EXPECT_EQ(after.out.quotes(1).speaker().name(), "Jo Ames");
  // Without the comma the clause picks out people inside other content.
  Outcome restrictive = Attribute({"Voters who said they would stay home were few."});
  EXPECT_EQ(restrictive.out.quotes_size(), 0);
}

TEST(AttributionStageTest, TimeStampIsNotATranscriptTurn) {
  Outcome run = Attribute({"9:40 p.m.", "11:05 a.m.: The polls have closed in the lower town."});
  EXPECT_EQ(run.out.quotes_size(), 0);
}

TEST(AttributionStageTest, CalledAfterAnIndefiniteNounNamesAThing) {
  Outcome run = Attribute({"The council hired a dredging firm called Vogel Marine last spring.",
                           "Brandt called the contract a mistake."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
  EXPECT_EQ(run.out.quotes(0).cue(), "called");
}

TEST(AttributionStageTest, RelativeThatStartsTheSpeaker) {
  Outcome run = Attribute({"They shelved a plan that Harbour Master Omar Haddad called reckless."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Harbour Master Omar Haddad");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Omar Haddad");
}

TEST(AttributionStageTest, ParentheticalAttributionJoinsBothHalves) {
  Outcome run = Attribute({"The new pumps, the engineer said, would arrive in March."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The new pumps would arrive in March");
}

TEST(AttributionStageTest, SpeechNounTakesThePossessiveAsSpeaker) {
  Outcome run = Attribute({"Brandt's criticism of the dredging contract grew louder."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Brandt");
  EXPECT_EQ(run.out.quotes(0).text(), "the dredging contract grew louder");
}

TEST(AttributionStageTest, NounBeforeAVerbIsNotACue) {
  Outcome run = Attribute({"The report said the pumps were old.", "The museum's note explains nothing."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).cue(), "said");
  EXPECT_EQ(run.out.quotes(0).speaker().kind(), v1::Speaker::DOCUMENT);
}

TEST(AttributionStageTest, QuotationFarFromAnySpeakerIsNotAttributed) {
  Outcome run = Attribute({"\"The cranes are safe,\" said Ines Kowalczyk.", "The storm moved north.",
                           "Ferries stayed in port.", "Crews checked the ramps.", "\"Nobody was hurt.\""});
  ASSERT_EQ(run.out.quotes_size(), 1);
}

TEST(AttributionStageTest, ManyMarksAndOneHugeParagraphFinish) {
  std::string marks;
  for (int i = 0; i < 10000; ++i) marks += "\" said he, ";
  std::string huge;
  while (huge.size() < 5 * 1024 * 1024) huge += "Officials said the plan, which they called \"bold\", was late and ";
  Outcome run = Attribute({marks, huge});
  EXPECT_FALSE(run.result.failed());
  EXPECT_GT(run.out.quotes_size(), 0);
}

TEST(AttributionStageTest, BadConfigIsRejected) {
  // Bounds live in the key table, so a bad value is refused before the factory could see it.
  StatusOr<StageOptions> options = StageOptions::Validate("attribution", AttributionStageDescriptor().keys,
                                                          {{"max_quotes_per_sentence", "0"}});
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.status().code(), StatusCode::kInvalidConfig);
  EXPECT_NE(options.status().detail().find("must be at least 1"), std::string::npos) << options.status().detail();
}

// The dev corpus is third-party text kept outside the repository; this check runs only where it is present.
TEST(AttributionStageTest, DevCorpusArticlesAllProcess) {
  std::ifstream in(std::string(COPYDESK_SOURCE_DIR) + "/../shared/corpus/attribution/dev/articles.jsonl");
  if (!in) GTEST_SKIP() << "../shared/corpus is absent";
  StatusOr<StageOptions> options = StageOptions::Validate("attribution", AttributionStageDescriptor().keys, {});
  auto stage = AttributionStageDescriptor().factory(options.value());
  std::string line;
  int articles = 0, with_quotes = 0;
  while (std::getline(in, line)) {
    v1::RawArticle raw;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &raw).ok());
    v1::EnrichedArticle out;
    std::istringstream lines(raw.text());
    std::string p;
    while (std::getline(lines, p)) {
      if (!p.empty()) out.add_paragraphs()->set_text(p);
    }
    Article article{raw, out, {}};
    ASSERT_FALSE(stage.value()->Transform(article).failed());
    ++articles;
    with_quotes += out.quotes_size() > 0;
  }
  EXPECT_GT(articles, 0);
  EXPECT_GT(with_quotes * 10, articles * 8);  // nearly every political news article quotes someone
}

TEST(AttributionStageTest, AnOrganisationNameWithForOrAndIsTakenWhole) {
  Outcome run = Attribute({"Rents rose by a tenth, according to the Centre for Coastal Housing.",
                           "Waiting lists grew, according to the Department of Health and Social Care.",
                           "The centre said most new tenants were under 30."});
  ASSERT_EQ(run.out.quotes_size(), 3);
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Centre for Coastal Housing");
  EXPECT_EQ(run.out.quotes(0).speaker().kind(), v1::Speaker::ORGANIZATION);
  EXPECT_EQ(run.out.quotes(1).speaker().name(), "Department of Health and Social Care");
  // "The centre" is the definite description of the one centre the article named.
  EXPECT_EQ(run.out.quotes(2).speaker().name(), "Centre for Coastal Housing");
}

TEST(AttributionStageTest, AParticipleAfterAPrepositionIsAnAdjectiveNotACue) {
  Outcome run = Attribute({"The number of reported cases has grown since March.",
                           "Most of the announced cuts fell on rural schools, the mayor said."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "the mayor");
  EXPECT_EQ(run.out.quotes(0).text(), "Most of the announced cuts fell on rural schools");
}

TEST(AttributionStageTest, OnlyADefiniteDocumentPointsBackToTheOrganisationThatSpoke) {
  Outcome run = Attribute({"Lantern Bookings, a music agency, says that the singer has lost three concerts.",
                           "A court filing says that the manager will not be charged.",
                           "The statement said the tour would go ahead."});
  ASSERT_EQ(run.out.quotes_size(), 3);
  EXPECT_EQ(run.out.quotes(1).speaker().kind(), v1::Speaker::DOCUMENT);
  EXPECT_NE(run.out.quotes(1).speaker().name(), "Lantern Bookings") << "a new document, not the agency's";
  EXPECT_EQ(run.out.quotes(2).speaker().name(), "Lantern Bookings");
}

TEST(AttributionStageTest, APronounNoNamedPersonFitsStaysUnresolved) {
  Outcome run = Attribute({"John Whitlow said the dam held.", "She said the town would recover.",
                           "He said more rain was due."});
  ASSERT_EQ(run.out.quotes_size(), 3);
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "She");
  EXPECT_NE(run.out.quotes(1).speaker().name(), "John Whitlow") << "she is not a John";
  EXPECT_EQ(run.out.quotes(2).speaker().name(), "John Whitlow");
}

TEST(AttributionStageTest, ToldWithALongListenerAndSettingReportsTheClauseAfterThat) {
  Outcome run = Attribute({"Mira Castell told a packed community hall at a school in north Leeds on Friday that "
                           "she would stand again.",
                           "Jon Pike told the inquiry the crane that fell had been inspected."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).text(), "she would stand again");
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Mira Castell");
  // A second noun phrase opens the clause: its "that" is a relative pronoun, not the clause's start.
  EXPECT_EQ(run.out.quotes(1).text(), "the crane that fell had been inspected");
}

TEST(AttributionStageTest, ToldAJokeOrTheTruthReportsNothing) {
  Outcome run = Attribute({"On the last night of the tour, the comedian Rab Doyle told a joke.",
                           "Exit polls told a tale of two towns, with turnout down by a third.",
                           "The ferry will not sail, the harbour master told a reporter."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The ferry will not sail");
}

TEST(AttributionStageTest, AsXReportedEndingASentenceReportsTheClauseBeforeIt) {
  Outcome run = Attribute({"The ferry chief also met the minister that day, as the harbour board said on Tuesday."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).text(), "The ferry chief also met the minister that day");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "the harbour board");
}

TEST(AttributionStageTest, ANewspaperTheTableDoesNotKnowIsStillAnOrganisation) {
  Outcome run = Attribute({"The pier will close in May, the Dunmore Herald reported.",
                           "Rents rose by a fifth, the Kilbride Gazette said.", "The courier said the road was shut."});
  ASSERT_EQ(run.out.quotes_size(), 3);
  EXPECT_EQ(run.out.quotes(0).speaker().kind(), v1::Speaker::ORGANIZATION);
  EXPECT_EQ(run.out.quotes(1).speaker().kind(), v1::Speaker::ORGANIZATION);
  EXPECT_NE(run.out.quotes(2).speaker().kind(), v1::Speaker::ORGANIZATION) << "a courier is mostly a person";
}

TEST(AttributionStageTest, ASubjectWithACompanionPhraseSpeaksTheClauseAfterTheCue) {
  Outcome run = Attribute({"Orla Finch, along with the photographer Sam Reyes, say the guard pushed them back.",
                           "It is costly, like most such plans, said Ames."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).speaker().name(), "Orla Finch");
  EXPECT_EQ(run.out.quotes(0).text(), "the guard pushed them back");
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "Ames");
}

TEST(AttributionStageTest, InvertedSaidWithAnAdjunctAfterTheNameKeepsTheNameAsSpeaker) {
  // "..., said Ms. Gil, with ...": the prepositional phrase is the content's adjunct, not part of a
  // speaker that would otherwise be read from the clause before the cue.
  Outcome run = Attribute({"The camp is informal, but it has drawn a loyal crowd, said Ms. Okafor, with "
                           "relay races and evening hikes."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Ms. Okafor");
  EXPECT_EQ(run.out.quotes(0).text(), "The camp is informal, but it has drawn a loyal crowd");
}

TEST(AttributionStageTest, ContentStopsAtADashTurnAndBeforeASecondReport) {
  Outcome run = Attribute(
      {"The mayor said she would take the plan to a public vote -- even as the council moved to block it.",
       "Some 40 councillors have said they back the levy, 12 have said they oppose it and the rest are silent.",
       "Mr. Brandt, who said in an interview that he never signed the lease, recalled that the landlord called "
       "him twice.",
       "Harbour staff say the pier is safe for now -- its deck was replaced in 2019 -- but engineers want a "
       "survey.",
       "Inspectors said they found old - and until now unreported - cracks in the deck."});
  const std::vector<std::string> texts = QuoteTexts(run);
  EXPECT_THAT(texts, ::testing::Contains("she would take the plan to a public vote"));
  EXPECT_THAT(texts, ::testing::Contains("they back the levy"));
  EXPECT_THAT(texts, ::testing::Contains("he never signed the lease"));
  EXPECT_THAT(texts, ::testing::Contains("the landlord called him twice"));
  // A parenthetical dash pair inside the clause is no turn: the content runs on past it.
  EXPECT_THAT(texts, ::testing::Contains(::testing::StartsWith("the pier is safe for now -- its deck")));
  // Nor is a pair whose aside opens with "and".
  EXPECT_THAT(texts, ::testing::Contains("they found old - and until now unreported - cracks in the deck"));
}

TEST(AttributionStageTest, AOneWordQuotationClosedByACommaIsSpeechAndAOneWordAnswerIsTheContent) {
  Outcome run = Attribute({"\"Absolutely,\" the harbour master said.", "\"Never,\" said Ida Voss.",
                           "The band played \"Harbour Lights\" as the ferry left, the council said.",
                           "Asked if the fare rise was fair, 61 percent of riders said no, the survey found."});
  const std::vector<std::string> texts = QuoteTexts(run);
  EXPECT_THAT(texts, ::testing::Contains("Absolutely"));
  EXPECT_THAT(texts, ::testing::Contains("Never"));
  EXPECT_THAT(texts, ::testing::Contains("no"));
  // A title in quotation marks without the comma of speech is not a quotation of its own.
  EXPECT_THAT(texts, ::testing::Not(::testing::Contains("Harbour Lights")));
}

TEST(AttributionStageTest, ContinueToDoSomethingIsNoReport) {
  Outcome run = Attribute({"The ferry company continued to lose money through the winter.",
                           "\"We will keep sailing,\" the company's director continued.",
                           "The mayor continued: \"We will rebuild the pier.\""});
  const std::vector<std::string> texts = QuoteTexts(run);
  EXPECT_THAT(texts, ::testing::ElementsAre("We will keep sailing", "We will rebuild the pier."));
}

TEST(AttributionStageTest, EditorialLabelsSetLikeASpeakerAreNoTranscriptTurn) {
  Outcome run = Attribute({"CORRECTION: An earlier version of this story gave the wrong date for the vote.",
                           "EDITOR'S NOTE: This story has been updated with the council's statement.",
                           "RITA VOS: We will not close the library."});
  ASSERT_EQ(run.out.quotes_size(), 1);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "RITA VOS");
}

TEST(AttributionStageTest, ToldWithAClauseBeforeACommaAndASubjectWithARelativeClause) {
  Outcome run = Attribute({"The harbour master told reporters the pier would reopen, adding that the board would pay.",
                           "The mayor, who met the governor on Monday, told the council the bridge was safe."});
  EXPECT_THAT(QuoteTexts(run), ::testing::Contains("the pier would reopen"));
  EXPECT_THAT(QuoteTexts(run), ::testing::Contains("the board would pay"));
  const v1::Quote* bridge = FindQuote(run.out, "the bridge was safe");
  ASSERT_NE(bridge, nullptr);
  EXPECT_EQ(bridge->speaker().mention(), "The mayor");
}

TEST(AttributionStageTest, AnInvertedSpeakerKeepsWhomTheRoleSpeaksFor) {
  Outcome run = Attribute({"The council will meet on Friday, said a spokesman for the mayor.",
                           "Fares will rise in May, said officials at the ministry."});
  ASSERT_EQ(run.out.quotes_size(), 2);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "a spokesman for the mayor");
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "officials at the ministry");
}

TEST(AttributionStageTest, AnIrregularPastEndsTheSubjectOfAParticiple) {
  Outcome run = Attribute({"Councillor Ida Rusk spoke on Friday, noting that the pool had lost money for years.",
                           "Harbour master Ove Lind took the stage, saying the quay would be rebuilt.",
                           "Ida Rusk went further, saying the pool should close."});
  ASSERT_EQ(run.out.quotes_size(), 3);
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "Councillor Ida Rusk");
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "Harbour master Ove Lind");
  // The subject ends at its verb even when an object or adverb follows before the comma.
  EXPECT_EQ(run.out.quotes(2).speaker().mention(), "Ida Rusk");
}

TEST(AttributionStageTest, ADirectiveVerbReportsItsObjectAndInfinitive) {
  Outcome run = Attribute({"The harbour authority urged boat owners to stay ashore until the gale passed.",
                           "Councillor Ida Rusk asked the board to publish the figures.",
                           "The union urged its members to reject the offer, saying it fell short.",
                           "Coastguard officers told swimmers not to enter the water.",
                           "The ministry warned farmers to expect a dry summer.",
                           "She told reporters the pier would reopen.",
                           "He said to Radio Kestrel that the deal was off."});
  EXPECT_THAT(QuoteTexts(run), ::testing::IsSupersetOf({"boat owners to stay ashore until the gale passed",
                                                         "the board to publish the figures",
                                                         "its members to reject the offer", "it fell short",
                                                         "swimmers not to enter the water",
                                                         "farmers to expect a dry summer",
                                                         // Not an infinitive: a listener, then the clause.
                                                         "the pier would reopen", "the deal was off"}));
  // The infinitive is what was urged, not a report of its own.
  EXPECT_EQ(FindQuote(run.out, "the offer"), nullptr);
  const v1::Quote* asked = FindQuote(run.out, "the board to publish the figures");
  ASSERT_NE(asked, nullptr);
  EXPECT_EQ(asked->speaker().mention(), "Councillor Ida Rusk");
}

TEST(AttributionStageTest, APassiveAskedReportsTheQuestionPutByItsAgent) {
  Outcome run = Attribute({"On Sunday, Mayor Lund was asked by a caller whether the pool would reopen.",
                           "At a meeting in Kessby, the minister was asked about the ferry fares.",
                           "He was asked to leave the hall."});
  const v1::Quote* put = FindQuote(run.out, "whether the pool would reopen");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->speaker().mention(), "a caller");
  EXPECT_NE(FindQuote(run.out, "the ferry fares"), nullptr);
  // An order received is no report of the one who received it.
  EXPECT_THAT(QuoteTexts(run), ::testing::Not(::testing::Contains(::testing::HasSubstr("leave the hall"))));
}

TEST(AttributionStageTest, AReportInsideAnOpeningSubordinateClauseEndsWithIt) {
  Outcome run = Attribute({"But when the landlord asked the council to rezone the plot last year, it refused.",
                           "After Ida Rusk told the board that rents, fees and taxes would rise, nobody spoke.",
                           "When the mayor said the pier in Dover, Del., was unsafe, the governor closed it.",
                           "Rights group Open Door asked to inspect the camp."});
  EXPECT_THAT(QuoteTexts(run), ::testing::IsSupersetOf({"the council to rezone the plot last year",
                                                         "the pier in Dover, Del., was unsafe",
                                                         "to inspect the camp"}));
  // A list inside the clause is not its end.
  EXPECT_THAT(QuoteTexts(run), ::testing::Contains(::testing::HasSubstr("rents, fees and taxes would rise")));
}

TEST(AttributionStageTest, TwoReportsJoinedByAndAreTwoAttributions) {
  Outcome run = Attribute({"One in three said the ferry ran late and one in four said it was too dear.",
                           "Asked whether he would stand again, the mayor said no. Then he said he was tired.",
                           "The No. 2 official said the plan was dead.",
                           "The clerk said that he and his wife told police about the break-in."});
  EXPECT_THAT(QuoteTexts(run), ::testing::IsSupersetOf({"the ferry ran late", "it was too dear", "no",
                                                         "he was tired", "the plan was dead",
                                                         "he and his wife told police about the break-in"}));
  const v1::Quote* share = FindQuote(run.out, "it was too dear");
  ASSERT_NE(share, nullptr);
  EXPECT_EQ(share->speaker().mention(), "one in four");
  // "No." before a number is an abbreviation: the mention runs through it.
  const v1::Quote* dead = FindQuote(run.out, "the plan was dead");
  ASSERT_NE(dead, nullptr);
  EXPECT_EQ(dead->speaker().mention(), "The No. 2 official");
}

TEST(AttributionStageTest, ASecondVerbAfterThenAndALongParenthesisKeepTheSubject) {
  Outcome run = Attribute({"The mayor cut the ribbon, then said the bridge would carry 9,000 cars a day.",
                           "Councillor Bo Strand jokingly offered him a seat, then says he will take advice from anyone.",
                           "Sen. Ida Lund (a Dover Democrat so young she has been taken for an aide) says she felt adrift."});
  ASSERT_EQ(run.out.quotes_size(), 3);
  EXPECT_EQ(run.out.quotes(0).text(), "the bridge would carry 9,000 cars a day");
  EXPECT_EQ(run.out.quotes(0).speaker().mention(), "The mayor");
  EXPECT_EQ(run.out.quotes(1).speaker().mention(), "Councillor Bo Strand");
  EXPECT_EQ(run.out.quotes(2).text(), "she felt adrift");
  EXPECT_EQ(run.out.quotes(2).speaker().mention(), "Sen. Ida Lund");
}

TEST(AttributionStageTest, AOneWordFirmDescribedByAnAppositionAndAnAmpersandNameAreOrganisations) {
  Outcome run = Attribute({"Brakvel, the Oslo-based payroll software firm, agreed on Monday to be sold.",
                           "The firm said its board would back the offer.",
                           "Tolley & Vance, the department store chain, warned that profit would halve.",
                           "The retailer said it would shut nine stores.",
                           "Harrowgate Energy, the country's second-largest power company, cut its forecast.",
                           "The utility said gas plants would close by 2028."});
  const v1::Quote* firm = FindQuote(run.out, "its board would back the offer");
  ASSERT_NE(firm, nullptr);
  EXPECT_EQ(firm->speaker().name(), "Brakvel");
  EXPECT_EQ(firm->speaker().kind(), v1::Speaker::ORGANIZATION);
  const v1::Quote* warned = FindQuote(run.out, "profit would halve");
  ASSERT_NE(warned, nullptr);
  EXPECT_EQ(warned->speaker().name(), "Tolley & Vance");
  const v1::Quote* retailer = FindQuote(run.out, "it would shut nine stores");
  ASSERT_NE(retailer, nullptr);
  EXPECT_EQ(retailer->speaker().name(), "Tolley & Vance");
  const v1::Quote* utility = FindQuote(run.out, "gas plants would close by 2028");
  ASSERT_NE(utility, nullptr);
  EXPECT_EQ(utility->speaker().name(), "Harrowgate Energy");
}

TEST(AttributionStageTest, AGivenNameAloneAndAnApposedSpeakerAfterAQuoteResolve) {
  Outcome run = Attribute({"Pensioner Ewa Kowalczyk has lived on Elm Row since 1981.",
                           "Ewa said the hedge next door blocked her light.",
                           "Derek hit back: \"I planted it for privacy.\"",
                           "\"The ground is saturated,\" Lars Brenna, the institute's chief forecaster, told state radio.",
                           "The Coastal Pilots and Skippers Association said it would appeal."});
  const v1::Quote* ewa = FindQuote(run.out, "the hedge next door blocked her light");
  ASSERT_NE(ewa, nullptr);
  EXPECT_EQ(ewa->speaker().name(), "Ewa Kowalczyk");
  const v1::Quote* derek = FindQuote(run.out, "I planted it for privacy.");
  ASSERT_NE(derek, nullptr);
  EXPECT_EQ(derek->speaker().mention(), "Derek");
  const v1::Quote* forecaster = FindQuote(run.out, "The ground is saturated");
  ASSERT_NE(forecaster, nullptr);
  EXPECT_EQ(forecaster->speaker().mention(), "Lars Brenna");
  const v1::Quote* association = FindQuote(run.out, "it would appeal");
  ASSERT_NE(association, nullptr);
  EXPECT_EQ(association->speaker().name(), "Coastal Pilots and Skippers Association");
}

TEST(AttributionStageTest, AmountsAfterAddAndPointsAsANounAreNoCues) {
  Outcome run = Attribute({"Those losses add up to 40 cubic kilometres of ice.",
                           "The striker scored twice before the break and added a third from the penalty spot.",
                           "The fund cut its forecast by 0.3 percentage points to 2.7 percent.",
                           "The mayor added that the pier would reopen."});
  EXPECT_THAT(QuoteTexts(run), ::testing::ElementsAre("the pier would reopen"));
}

TEST(AttributionStageTest, ARelativeClauseWithWhichOrAThousandsSeparatorDoesNotEndTheSubject) {
  Outcome run = Attribute({"The Carvel Growers' Cooperative, which represents 1,250 farms, said prices would rise.",
                           "The union, which has many members, said drivers would strike.",
                           "The route was dropped, which angered many, said Jo Ames."});
  const v1::Quote* q = FindQuote(run.out, "prices would rise");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker().name(), "Carvel Growers' Cooperative");
  EXPECT_EQ(q->speaker().kind(), v1::Speaker::ORGANIZATION);
  const v1::Quote* union_quote = FindQuote(run.out, "drivers would strike");
  ASSERT_NE(union_quote, nullptr);
  EXPECT_EQ(union_quote->speaker().mention(), "The union");
  // A clause before "which" is content, and the name after the cue speaks.
  const v1::Quote* ames = FindQuote(run.out, "The route was dropped, which angered many");
  ASSERT_NE(ames, nullptr);
  EXPECT_EQ(ames->speaker().name(), "Jo Ames");
}

TEST(AttributionStageTest, AParticipleAfterACommaIsSaidByTheNamedSubjectOfItsSentence) {
  Outcome run = Attribute({"Coach Imke Sorensen said the squad was fit.",
                           "Tomas Reyes, the club's captain, on Friday backed his goalkeeper, saying the young man would start.",
                           "The board met twice, saying nothing new."});
  const v1::Quote* reyes = FindQuote(run.out, "the young man would start");
  ASSERT_NE(reyes, nullptr);
  EXPECT_EQ(reyes->speaker().name(), "Tomas Reyes");
}

TEST(AttributionStageTest, ARelativeClauseAfterAnAppositionLeavesTheNameAsSpeaker) {
  Outcome run = Attribute({"Ruth Caddell, the member for Skerry and the Holms, who led the revolt, said she was relieved.",
                           "In March, Mr. Oduya, who ran the port for a decade, told investors the fees were fair."});
  const v1::Quote* caddell = FindQuote(run.out, "she was relieved");
  ASSERT_NE(caddell, nullptr);
  EXPECT_EQ(caddell->speaker().name(), "Ruth Caddell");
  // A name before the relative clause is the speaker itself, whatever stands before it.
  const v1::Quote* oduya = FindQuote(run.out, "the fees were fair");
  ASSERT_NE(oduya, nullptr);
  EXPECT_EQ(oduya->speaker().mention(), "Mr. Oduya");
  // A town and an abbreviated state inside the apposition, and a relative clause after it.
  Outcome driver = Attribute({"Lem Abbott, a bus driver from Vell, Mo., who has driven the route for years, said "
                              "he would retire."});
  const v1::Quote* abbott = FindQuote(driver.out, "he would retire");
  ASSERT_NE(abbott, nullptr);
  EXPECT_EQ(abbott->speaker().name(), "Lem Abbott");
  // So is an organisation's name with its article.
  Outcome trust = Attribute({"The fair will return in May, the Kessel Rowing Trust, which runs it, said."});
  const v1::Quote* fair = FindQuote(trust.out, "The fair will return in May");
  ASSERT_NE(fair, nullptr);
  EXPECT_EQ(fair->speaker().name(), "Kessel Rowing Trust");
}

TEST(AttributionStageTest, ASettingBetweenSaidAndThatBelongsToTheCue) {
  Outcome run = Attribute({"Ms. Ortiz said in an interview on Monday that the port would reopen.",
                           "Mr. Vell said on Radio Kestrel's ''Morning Tide'' on Sunday that fares would rise.",
                           "Ms. Ortiz said at a centre that works with young pilots.",
                           "Mr. Vell said at the start of that contest."});
  EXPECT_NE(FindQuote(run.out, "the port would reopen"), nullptr);
  EXPECT_NE(FindQuote(run.out, "fares would rise"), nullptr);
  // A relative "that" and a determiner "that" open no clause: nothing after them is content on its own.
  EXPECT_EQ(FindQuote(run.out, "works with young pilots"), nullptr);
  EXPECT_EQ(FindQuote(run.out, "contest"), nullptr);
}

TEST(AttributionStageTest, EachQuoteNamesThePatternThatFoundIt) {
  Outcome run = Attribute({"The council said the pier would close in May.", "The pier will close, the council said.",
                           "\"We will not reopen it,\" said Ida Voss.", "Voss: \"Not this year.\"",
                           "\"It is over.\"", "Q: Will the ferry run?"});
  std::vector<std::string> patterns;
  for (const v1::Quote& q : run.out.quotes()) patterns.push_back(q.pattern());
  EXPECT_THAT(patterns, ::testing::ElementsAre("cue_before_content", "cue_after_content", "cue_after_content",
                                               "name_colon_quote", "quote_only_sentence", "transcript_turn"));
}

}  // namespace

}  // namespace copydesk::stages
