#include "stages/chain.h"

#include <gtest/gtest.h>

#include "stages/registry.h"

namespace copydesk::stages {
namespace {

TEST(ChainTest, BuildsTheDefaultChainFromTheRegistry) {
  StatusOr<Chain> chain = Chain::Build(DefaultChainSpec());
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  EXPECT_EQ(chain->StageNames(), (std::vector<std::string>{"clean", "captions", "attribution"}));
}

TEST(ChainTest, RejectsUnknownStageName) {
  ChainSpec spec;
  spec.stages = {"normalize", "no-such-stage"};
  StatusOr<Chain> chain = Chain::Build(spec);
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.status().where(), "config");
  EXPECT_NE(chain.status().reason().find("no-such-stage"), std::string::npos);
}

TEST(ChainTest, RejectsEmptyChain) { EXPECT_FALSE(Chain::Build(ChainSpec{}).ok()); }

TEST(ChainTest, RejectsConfigForAStageThatDoesNotExist) {
  ChainSpec spec;
  spec.stages = {"normalize"};
  spec.config["nonsense"]["key"] = "1";
  EXPECT_FALSE(Chain::Build(spec).ok());
}

TEST(ChainTest, RejectsBadStageConfigValue) {
  ChainSpec spec;
  spec.stages = {"normalize"};
  spec.config["normalize"]["max_bytes"] = "lots";
  StatusOr<Chain> chain = Chain::Build(spec);
  ASSERT_FALSE(chain.ok());
  EXPECT_NE(chain.status().reason().find("max_bytes"), std::string::npos);
}

TEST(ChainTest, RunCopiesPassThroughFieldsAndRecordsTimings) {
  ChainSpec spec;
  spec.stages = {"normalize"};
  StatusOr<Chain> chain = Chain::Build(spec);
  ASSERT_TRUE(chain.ok());
  v1::RawArticle raw;
  raw.set_id("a-1");
  raw.set_url("https://example.test/a-1");
  raw.set_source("Example Gazette");
  raw.set_language("en");
  (*raw.mutable_metadata())["section"] = "world";
  raw.set_text("Headline\nFirst paragraph.");
  v1::EnrichedArticle out;
  Status status = chain->Run(raw, out);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(out.id(), "a-1");
  EXPECT_EQ(out.url(), "https://example.test/a-1");
  EXPECT_EQ(out.source(), "Example Gazette");
  EXPECT_EQ(out.language(), "en");
  EXPECT_EQ(out.metadata().at("section"), "world");
  ASSERT_EQ(out.provenance().stages_size(), 1);
  EXPECT_EQ(out.provenance().stages(0).stage(), "normalize");
}

TEST(ChainTest, FailureNamesTheStage) {
  ChainSpec spec;
  spec.stages = {"normalize"};
  spec.config["normalize"]["max_bytes"] = "4";
  StatusOr<Chain> chain = Chain::Build(spec);
  ASSERT_TRUE(chain.ok());
  v1::RawArticle raw;
  raw.set_text("far more than four bytes");
  v1::EnrichedArticle out;
  Status status = chain->Run(raw, out);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.where(), "normalize");
  EXPECT_NE(status.reason().find("max_bytes"), std::string::npos);
}

}  // namespace
}  // namespace copydesk::stages
