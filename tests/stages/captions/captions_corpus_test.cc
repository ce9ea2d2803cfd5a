// Regression on the project's seed article, read from ../shared/corpus (never copied into the repo).
// Skips when the corpus is not there.
#include <gtest/gtest.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "stages/chain.h"

namespace copydesk::stages {
namespace {

TEST(CaptionsCorpusTest, SeedArticleYieldsBothPhotoBlocksWithParsedCredits) {
  const std::filesystem::path path =
      std::filesystem::path(COPYDESK_SOURCE_DIR) / ".." / "shared" / "corpus" / "seed" / "dev" / "articles.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no corpus at " << path;
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  v1::RawArticle raw;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &raw, options).ok());

  ChainSpec spec;
  spec.stages = {"normalize", "captions"};
  StatusOr<Chain> chain = Chain::Build(spec);
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  v1::EnrichedArticle out;
  ASSERT_TRUE(chain->Run(raw, out).ok());

  ASSERT_EQ(out.captions_size(), 2);
  EXPECT_EQ(out.captions(0).credit().agency(), "AFP");
  EXPECT_EQ(out.captions(0).credit().distributor(), "Getty Images");
  EXPECT_EQ(out.captions(1).credit().agency(), "AP");
  EXPECT_EQ(out.captions(1).credit().distributor(), "");
  for (const v1::Caption& c : out.captions()) {
    EXPECT_FALSE(c.headline().empty());
    ASSERT_EQ(c.credit().photographers_size(), 1);
    for (const v1::Paragraph& p : out.paragraphs()) {
      EXPECT_EQ(p.text().find(c.text()), std::string::npos) << "caption text left in the body";
      EXPECT_NE(p.text(), c.headline());
    }
  }
  EXPECT_EQ(out.captions(1).position(), static_cast<uint32_t>(out.paragraphs_size()));
}

}  // namespace
}  // namespace copydesk::stages
