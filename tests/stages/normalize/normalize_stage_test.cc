#include "stages/normalize/normalize_stage.h"

#include <gtest/gtest.h>

namespace copydesk::stages {
namespace {

struct Outcome {
  StageResult result = StageResult::Continue();
  v1::EnrichedArticle out;
};

Outcome Normalize(const v1::RawArticle& raw) {
  StatusOr<StageOptions> options = StageOptions::Validate("normalize", NormalizeStageDescriptor().keys, {});
  auto stage = NormalizeStageDescriptor().factory(options.value());
  Outcome run;
  Article article{raw, run.out, {}};
  run.result = stage.value()->Transform(article);
  return run;
}

TEST(NormalizeStageTest, FirstLineIsTheTitleWhenNoneIsGiven) {
  v1::RawArticle raw;
  raw.set_text("\n  Harbour   ferry resumes service \nThe ferry sailed at dawn.\n\nPassengers cheered.");
  Outcome run = Normalize(raw);
  ASSERT_FALSE(run.result.failed());
  EXPECT_EQ(run.out.title(), "Harbour ferry resumes service");
  ASSERT_EQ(run.out.paragraphs_size(), 2);
  EXPECT_EQ(run.out.paragraphs(0).text(), "The ferry sailed at dawn.");
  EXPECT_EQ(run.out.paragraphs(1).text(), "Passengers cheered.");
}

TEST(NormalizeStageTest, GivenTitleWinsAndFirstLineStaysInTheBody) {
  v1::RawArticle raw;
  raw.set_title("Ferry back");
  raw.set_text("The ferry sailed at dawn.");
  Outcome run = Normalize(raw);
  EXPECT_EQ(run.out.title(), "Ferry back");
  ASSERT_EQ(run.out.paragraphs_size(), 1);
}

TEST(NormalizeStageTest, RepairsInvalidUtf8AndCountsIt) {
  v1::RawArticle raw;
  raw.set_title("T");
  raw.set_text("bad \xFF byte");
  Outcome run = Normalize(raw);
  ASSERT_EQ(run.out.paragraphs_size(), 1);
  EXPECT_EQ(run.out.paragraphs(0).text(), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(run.out.cleaning().invalid_utf8_repaired(), 1u);
}

TEST(NormalizeStageTest, HtmlOnlyInputFailsWithAReason) {
  v1::RawArticle raw;
  raw.set_html("<p>hello</p>");
  Outcome run = Normalize(raw);
  ASSERT_TRUE(run.result.failed());
  EXPECT_NE(run.result.reason().find("clean"), std::string::npos);
}

TEST(NormalizeStageTest, KeepsTypographicQuotes) {
  v1::RawArticle raw;
  raw.set_title("T");
  raw.set_text("\xE2\x80\x9CWe sail,\xE2\x80\x9D she said \xE2\x80\x94 smiling.");
  Outcome run = Normalize(raw);
  EXPECT_EQ(run.out.paragraphs(0).text(), "\xE2\x80\x9CWe sail,\xE2\x80\x9D she said \xE2\x80\x94 smiling.");
}

}  // namespace
}  // namespace copydesk::stages
