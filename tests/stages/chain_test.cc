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
  EXPECT_NE(chain.status().detail().find("no-such-stage"), std::string::npos);
  EXPECT_EQ(chain.status().code(), StatusCode::kInvalidConfig);
}

TEST(ChainTest, RejectsEmptyChain) { EXPECT_FALSE(Chain::Build(ChainSpec{}).ok()); }

TEST(ChainTest, AnEmptyChainAskedForByNameBuildsAndLeavesTheArticleAlone) {
  ChainSpec spec;
  spec.explicitly_empty = true;
  StatusOr<Chain> chain = Chain::Build(spec);
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  EXPECT_TRUE(chain.value().StageNames().empty());
}

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
  EXPECT_NE(chain.status().detail().find("max_bytes"), std::string::npos);
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
  EXPECT_NE(status.detail().find("max_bytes"), std::string::npos);
  EXPECT_EQ(status.code(), StatusCode::kRejected);
}

ChainSpec SpecOf(std::vector<std::string> stages) {
  ChainSpec spec;
  spec.stages = std::move(stages);
  return spec;
}

TEST(ChainOrderTest, RefusesAStageBeforeTheOneThatWritesWhatItReads) {
  Status status = Chain::ValidateSpec(SpecOf({"attribution", "clean"}));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.where(), "config");
  EXPECT_EQ(status.code(), StatusCode::kInvalidConfig);
  EXPECT_EQ(status.detail(),
            "stage 'attribution' reads body paragraphs, which no stage before it writes: 'clean' writes them "
            "but comes after 'attribution'");
}

TEST(ChainOrderTest, RefusesAStageWhoseInputNoStageOfTheChainWrites) {
  Status status = Chain::ValidateSpec(SpecOf({"captions", "attribution"}));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.detail(),
            "stage 'captions' reads body paragraphs, which no stage before it writes: put 'normalize' or "
            "'clean' before it");
  EXPECT_FALSE(Chain::Build(SpecOf({"attribution"})).ok());
}

TEST(ChainOrderTest, RefusesAStageThatRewritesWhatAnEarlierStageRead) {
  // Captions moves paragraphs out of the body: after attribution, the quotes' locations would be wrong.
  Status status = Chain::ValidateSpec(SpecOf({"clean", "attribution", "captions"}));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.detail(), "stage 'captions' rewrites body paragraphs that 'attribution' before it already read");
}

TEST(ChainOrderTest, AcceptsEveryOrderInWhichEachStageFindsItsInputs) {
  for (const std::vector<std::string>& stages : std::vector<std::vector<std::string>>{
           {"clean", "captions", "attribution"},
           {"normalize", "captions", "attribution"},
           {"normalize", "captions"},
           {"clean", "attribution"},
           {"normalize"},
           {"clean"},
       }) {
    Status status = Chain::ValidateSpec(SpecOf(stages));
    EXPECT_TRUE(status.ok()) << stages.front() << "...: " << status.ToString();
  }
  EXPECT_TRUE(Chain::ValidateSpec(DefaultChainSpec()).ok());
}

TEST(ChainOrderTest, EveryBuiltinStageDeclaresWhatItReadsAndWrites) {
  for (const StageDescriptor& d : BuiltinStages()) {
    EXPECT_FALSE(d.reads.empty()) << d.name;
    EXPECT_FALSE(d.writes.empty()) << d.name;
  }
}

}  // namespace
}  // namespace copydesk::stages
