// The stage end to end: removal from the body, positions, HTML candidates from scratch, config.
#include "stages/captions/captions_stage.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace copydesk::stages {
namespace {

struct Outcome {
  StageResult result = StageResult::Continue();
  v1::EnrichedArticle out;
};

std::unique_ptr<Stage> MakeStage(const std::map<std::string, std::string>& config = {}) {
  StatusOr<StageOptions> options = StageOptions::Validate("captions", CaptionsStageDescriptor().keys, config);
  EXPECT_TRUE(options.ok());
  auto stage = CaptionsStageDescriptor().factory(options.value());
  EXPECT_TRUE(stage.ok());
  return std::move(stage).value();
}

Outcome RunStage(const std::vector<std::string>& paragraphs, const std::vector<CaptionCandidate>& candidates = {}) {
  v1::RawArticle raw;
  Outcome run;
  for (const std::string& p : paragraphs) run.out.add_paragraphs()->set_text(p);
  Article article{raw, run.out, {}};
  article.scratch.caption_candidates = candidates;
  run.result = MakeStage()->Transform(article);
  return run;
}

const std::string kLede =
    "The harbour authority said on Monday that the new ferry terminal would open in the spring, two years "
    "later than planned, after a dispute over the cost of dredging the channel.";
const std::string kSecond =
    "\"We will not open a terminal that is not safe,\" the authority's director told reporters at the pier, "
    "adding that the dredging would take about six weeks.";
const std::string kThird = "Local businesses have complained for months that the delay is keeping visitors away from "
                           "the old town and its market.";

TEST(CaptionsStageTest, MovesTheBlockOutAndKeepsTheBodyInOrder) {
  Outcome run = RunStage({kLede, "Harbour Ferry Terminal",
                     "Workers inspect the Harbour terminal in Lakeville on March 3, 2021. Lia Brandt/AFP via Getty "
                     "Images",
                     kSecond, kThird});
  ASSERT_FALSE(run.result.failed());
  ASSERT_EQ(run.out.paragraphs_size(), 3);
  EXPECT_EQ(run.out.paragraphs(0).text(), kLede);
  EXPECT_EQ(run.out.paragraphs(1).text(), kSecond);
  EXPECT_EQ(run.out.paragraphs(2).text(), kThird);
  ASSERT_EQ(run.out.captions_size(), 1);
  const v1::Caption& c = run.out.captions(0);
  EXPECT_EQ(c.headline(), "Harbour Ferry Terminal");
  EXPECT_EQ(c.text(), "Workers inspect the Harbour terminal in Lakeville on March 3, 2021.");
  EXPECT_EQ(c.credit().raw(), "Lia Brandt/AFP via Getty Images");
  ASSERT_EQ(c.credit().photographers_size(), 1);
  EXPECT_EQ(c.credit().photographers(0), "Lia Brandt");
  EXPECT_EQ(c.credit().agency(), "AFP");
  EXPECT_EQ(c.credit().distributor(), "Getty Images");
  EXPECT_EQ(c.position(), 1u);  // it stood before kSecond, now paragraph 1
}

TEST(CaptionsStageTest, BlockEndingTheArticleGetsPositionEqualToTheParagraphCount) {
  Outcome run = RunStage({kLede, kSecond, "Ferry passengers wait on the pier. (AP Photo/Lia Brandt)"});
  ASSERT_EQ(run.out.captions_size(), 1);
  EXPECT_EQ(run.out.paragraphs_size(), 2);
  EXPECT_EQ(run.out.captions(0).position(), 2u);
  EXPECT_EQ(run.out.captions(0).credit().agency(), "AP");
}

TEST(CaptionsStageTest, NothingOfTheCaptionStaysInTheBody) {
  Outcome run = RunStage({kLede, "Lia Brandt/Reuters", "Ferry passengers wait on the pier in Lakeville", kThird});
  ASSERT_EQ(run.out.captions_size(), 1);
  for (const v1::Paragraph& p : run.out.paragraphs()) {
    EXPECT_EQ(p.text().find("Lia Brandt"), std::string::npos);
    EXPECT_EQ(p.text().find("wait on the pier"), std::string::npos);
  }
}

TEST(CaptionsStageTest, ACaptionLabelIsReportedRemovedNotLost) {
  Outcome run = RunStage({kLede, "Image caption, Ferry passengers wait on the pier in Lakeville", kSecond});
  ASSERT_EQ(run.out.captions_size(), 1);
  EXPECT_EQ(run.out.captions(0).text(), "Ferry passengers wait on the pier in Lakeville");
  ASSERT_EQ(run.out.cleaning().removed_size(), 1);
  EXPECT_EQ(run.out.cleaning().removed(0).text(), "Image caption,");
  EXPECT_EQ(run.out.cleaning().removed(0).reason(), v1::RemovedSpan::PAGE_CHROME);
}

TEST(CaptionsStageTest, ArticleWithoutCaptionsIsUntouched) {
  Outcome run = RunStage({kLede, kSecond, kThird});
  EXPECT_EQ(run.out.captions_size(), 0);
  EXPECT_EQ(run.out.paragraphs_size(), 3);
}

TEST(CaptionsStageTest, HtmlCandidatesAreTakenAndTheirCreditsParsed) {
  CaptionCandidate glued;
  glued.text = "Ida Voss greets the first ferry crew. (AP Photo/Lia Brandt)";
  glued.position = 1;
  CaptionCandidate separate;
  separate.headline = "The new pier";
  separate.text = "The new pier at dusk";
  separate.credit = "Photo by Teo Marsh/Getty Images";
  separate.position = 0;
  Outcome run = RunStage({kLede, kThird}, {glued, separate});
  ASSERT_EQ(run.out.captions_size(), 2);
  EXPECT_EQ(run.out.paragraphs_size(), 2);
  // Ordered by position in the body.
  EXPECT_EQ(run.out.captions(0).headline(), "The new pier");
  EXPECT_EQ(run.out.captions(0).credit().agency(), "Getty Images");
  ASSERT_EQ(run.out.captions(0).credit().photographers_size(), 1);
  EXPECT_EQ(run.out.captions(0).credit().photographers(0), "Teo Marsh");
  EXPECT_EQ(run.out.captions(1).text(), "Ida Voss greets the first ferry crew.");
  EXPECT_EQ(run.out.captions(1).credit().raw(), "(AP Photo/Lia Brandt)");
  EXPECT_EQ(run.out.captions(1).credit().agency(), "AP");
  EXPECT_EQ(run.out.captions(1).position(), 1u);
}

TEST(CaptionsStageTest, AGalleryCreditIsEachCaptionsAndMarkedSharedAboveItsLine) {
  Outcome run = RunStage({kLede, "Volunteers hang a banner over the entrance of the new terminal.",
                          "The restored waiting hall with its original tiled floor.", "Photos: Kira Adair/PA", kThird});
  ASSERT_EQ(run.out.captions_size(), 2);
  EXPECT_EQ(run.out.captions(0).credit().agency(), "PA");
  EXPECT_EQ(run.out.captions(1).credit().agency(), "PA");
  // The line stood once, under the second caption.
  EXPECT_TRUE(run.out.captions(0).credit_shared());
  EXPECT_FALSE(run.out.captions(1).credit_shared());
}

TEST(CaptionsStageTest, CandidatePositionsFollowTextRemoval) {
  CaptionCandidate c;
  c.text = "The old terminal";
  c.position = 3;  // before kThird in the input body
  Outcome run = RunStage({kLede, "Lia Brandt/Reuters", "Ferry passengers wait on the pier in Lakeville", kThird}, {c});
  ASSERT_EQ(run.out.captions_size(), 2);
  EXPECT_EQ(run.out.paragraphs_size(), 2);
  EXPECT_EQ(run.out.captions(1).text(), "The old terminal");
  EXPECT_EQ(run.out.captions(1).position(), 1u);
}

TEST(CaptionsStageTest, ConfigIsValidated) {
  // Bounds live in the key table, so a bad value is refused before the factory could see it.
  StatusOr<StageOptions> zero =
      StageOptions::Validate("captions", CaptionsStageDescriptor().keys, {{"max_caption_words", "0"}});
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().detail().find("must be at least 1"), std::string::npos) << zero.status().detail();
  EXPECT_FALSE(
      StageOptions::Validate("captions", CaptionsStageDescriptor().keys, {{"max_blocks_per_rule", "-1"}}).ok());
  StatusOr<StageOptions> fine =
      StageOptions::Validate("captions", CaptionsStageDescriptor().keys, {{"max_caption_words", "1"}});
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(CaptionsStageDescriptor().factory(fine.value()).ok());
  EXPECT_FALSE(StageOptions::Validate("captions", CaptionsStageDescriptor().keys, {{"no_such_key", "1"}}).ok());
}

TEST(CaptionsStageTest, SurvivesBinaryAndHugeInput) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 37) % 256);
  std::string brackets(20000, '(');
  Outcome run = RunStage({junk, brackets, std::string(100000, '/'), "(((((", ")))))"});
  EXPECT_FALSE(run.result.failed());
}

}  // namespace
}  // namespace copydesk::stages
