// The stage on invented articles in many publishers' layouts (fixtures.txt) and on the dev corpora: the
// expected caption blocks and credits, and the invariant that no text is lost — every word of the input
// ends up in the title, the body, a caption (headline, text, credit) or a reported removed span.
#include <gtest/gtest.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "caption_fixtures.h"
#include "stages/chain.h"

namespace copydesk::stages {
namespace {

using captions_test::BagDifference;
using captions_test::Fixture;
using captions_test::OutputWords;
using captions_test::Words;

const std::filesystem::path kFixtures =
    std::filesystem::path(COPYDESK_SOURCE_DIR) / "tests" / "stages" / "captions" / "fixtures.txt";

const Chain& ChainOf(const std::vector<std::string>& stages) {
  static std::map<std::vector<std::string>, Chain>* chains = new std::map<std::vector<std::string>, Chain>();
  auto it = chains->find(stages);
  if (it == chains->end()) {
    ChainSpec spec;
    spec.stages = stages;
    StatusOr<Chain> chain = Chain::Build(spec);
    EXPECT_TRUE(chain.ok()) << chain.status().ToString();
    it = chains->emplace(stages, std::move(chain).value()).first;
  }
  return it->second;
}

const std::vector<std::string> kCleanCaptions = {"clean", "captions"};

std::vector<Fixture> AllFixtures() { return captions_test::LoadFixtures(kFixtures.string()); }

TEST(CaptionsFixturesFileTest, HoldsAtLeastThirtyArticlesWithUniqueIds) {
  std::vector<Fixture> fixtures = AllFixtures();
  ASSERT_GE(fixtures.size(), 30u) << "cannot read " << kFixtures;
  std::set<std::string> ids;
  size_t with_captions = 0;
  for (const Fixture& f : fixtures) {
    EXPECT_TRUE(ids.insert(f.id).second) << "duplicate id " << f.id;
    EXPECT_FALSE(f.text.empty()) << f.id;
    EXPECT_FALSE(f.note.empty()) << f.id;
    with_captions += f.captions.empty() ? 0 : 1;
  }
  EXPECT_GE(with_captions, 25u);
}

class CaptionsFixtureTest : public ::testing::TestWithParam<Fixture> {};

TEST_P(CaptionsFixtureTest, YieldsTheExpectedBlocksAndKeepsTheBody) {
  const Fixture& f = GetParam();
  v1::RawArticle raw;
  raw.set_id(f.id);
  raw.set_text(f.text);
  v1::EnrichedArticle out;
  ASSERT_TRUE(ChainOf(kCleanCaptions).Run(raw, out).ok());

  // Nothing lost, whatever else is wrong.
  EXPECT_EQ(BagDifference(Words(f.text), OutputWords(out)), "") << f.id << ": words lost (-) or invented (+)";

  std::string got;
  for (const v1::Caption& c : out.captions()) {
    got += "\n  [" + c.headline() + "] [" + c.text() + "] [" + c.credit().raw() + "] agency=" + c.credit().agency() +
           " distributor=" + c.credit().distributor();
    for (const std::string& p : c.credit().photographers()) got += " photographer=" + p;
  }
  std::string body;
  for (const v1::Paragraph& p : out.paragraphs()) body += "\n  | " + p.text();
  // Every difference from the expectation, one line each.
  std::string mismatch;
  auto differ = [&](const std::string& what, const std::string& have, const std::string& want) {
    if (have != want) mismatch += "\n  " + what + ": got [" + have + "], want [" + want + "]";
  };
  differ("caption count", std::to_string(out.captions_size()), std::to_string(f.captions.size()));
  for (size_t i = 0; i < f.captions.size() && i < static_cast<size_t>(out.captions_size()); ++i) {
    const v1::Caption& c = out.captions(static_cast<int>(i));
    const captions_test::ExpectedCaption& want = f.captions[i];
    std::string n = "caption " + std::to_string(i) + " ";
    differ(n + "headline", c.headline(), want.headline);
    differ(n + "text", c.text(), want.text);
    differ(n + "credit", c.credit().raw(), want.credit);
    std::string photographers, wanted;
    for (const std::string& p : c.credit().photographers()) photographers += p + ";";
    for (const std::string& p : want.photographers) wanted += p + ";";
    differ(n + "photographers", photographers, wanted);
    differ(n + "agency", c.credit().agency(), want.agency);
    differ(n + "distributor", c.credit().distributor(), want.distributor);
  }
  for (const std::string& keep : f.body) {
    bool found = false;
    for (const v1::Paragraph& p : out.paragraphs()) found = found || p.text() == keep;
    if (!found) mismatch += "\n  body paragraph lost: " + keep;
  }
  if (!f.known.empty()) {
    // A known failure is asserted to fail still, so that the day it passes the mark is noticed and removed.
    EXPECT_FALSE(mismatch.empty()) << f.id << " is marked known (" << f.known << ") but now passes: remove the mark";
    return;
  }
  EXPECT_TRUE(mismatch.empty()) << f.id << " (" << f.note << ")" << mismatch << "\ncaptions:" << got << "\nbody:" << body;
}

std::string FixtureName(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name = info.param.id;
  for (char& c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CaptionsFixtureTest, ::testing::ValuesIn(AllFixtures()), FixtureName);

// Every dev article of the captions, credits and seed sets: what cleaning hands the captions stage
// (title, body, removed spans) holds the same words as what the captions stage hands on (plus captions),
// and the input text's words are exactly the body's, the captions' and credits' and the removed spans'.
TEST(CaptionsNoLossTest, EveryDevArticleKeepsEveryWordThroughTheCaptionsStage) {
  const std::filesystem::path corpus = std::filesystem::path(COPYDESK_SOURCE_DIR) / ".." / "shared" / "corpus";
  size_t articles = 0;
  for (const char* set : {"captions", "credits", "seed"}) {
    std::ifstream in(corpus / set / "dev" / "articles.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      v1::RawArticle raw;
      google::protobuf::util::JsonParseOptions options;
      options.ignore_unknown_fields = true;
      ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &raw, options).ok());
      if (raw.text().empty()) continue;  // HTML pages: the words are the extractor's, not the text's
      v1::EnrichedArticle cleaned;
      v1::EnrichedArticle captioned;
      ASSERT_TRUE(ChainOf({"clean"}).Run(raw, cleaned).ok());
      ASSERT_TRUE(ChainOf(kCleanCaptions).Run(raw, captioned).ok());
      EXPECT_EQ(BagDifference(OutputWords(cleaned), OutputWords(captioned)), "") << raw.id();
      // And end to end: the input's words are the output's (the title when given apart from the text).
      const std::string input = raw.text() + "\n" + raw.title();
      EXPECT_EQ(BagDifference(Words(input), OutputWords(captioned)), "") << raw.id() << " (whole chain)";
      ++articles;
    }
  }
  if (articles == 0) GTEST_SKIP() << "no corpus at " << corpus;
  EXPECT_GE(articles, 100u);
}

}  // namespace
}  // namespace copydesk::stages
