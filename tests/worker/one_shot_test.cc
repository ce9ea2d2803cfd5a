#include "worker/one_shot.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace copydesk::worker {
namespace {

stages::Chain NormalizeChain() {
  stages::ChainSpec spec;
  spec.stages = {"normalize"};
  return std::move(stages::Chain::Build(spec)).value();
}

std::string TempFile(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(OneShotTest, JsonLinesInEnrichedJsonLinesOutAndFailuresReportedNotDropped) {
  stages::Chain chain = NormalizeChain();
  std::string input = TempFile("one_shot_in.jsonl",
                               "{\"id\":\"a\",\"title\":\"Tide tables\",\"text\":\"High water at noon.\"}\n"
                               "\n"
                               "{broken\n"
                               "{\"id\":\"c\",\"text\":\"Only a headline line\\nand a body.\"}\n");
  OneShotOptions options;
  options.inputs = {input};
  std::ostringstream out, errors;
  OneShotSummary summary = RunOneShot(chain, options, out, errors);
  EXPECT_EQ(summary.processed, 2u);
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_FALSE(summary.io_error);

  std::istringstream lines(out.str());
  std::string first, second, extra;
  ASSERT_TRUE(std::getline(lines, first));
  ASSERT_TRUE(std::getline(lines, second));
  EXPECT_FALSE(std::getline(lines, extra));
  EXPECT_NE(first.find("\"id\":\"a\""), std::string::npos);
  EXPECT_NE(first.find("\"title\":\"Tide tables\""), std::string::npos);
  EXPECT_NE(first.find("\"paragraphs\":[{\"text\":\"High water at noon.\"}]"), std::string::npos);
  EXPECT_NE(first.find("\"worker_version\""), std::string::npos) << "original field names, not lowerCamel";
  EXPECT_NE(second.find("\"title\":\"Only a headline line\""), std::string::npos);

  EXPECT_NE(errors.str().find("one_shot_in.jsonl:3"), std::string::npos) << errors.str();
  EXPECT_NE(errors.str().find("\"stage\":\"decode\""), std::string::npos);
}

TEST(OneShotTest, TextFilesAreOneArticleEach) {
  stages::Chain chain = NormalizeChain();
  OneShotOptions options;
  options.text_files = true;
  options.inputs = {TempFile("storm.txt", "Storm passes\n\nWinds eased overnight.\n")};
  std::ostringstream out, errors;
  OneShotSummary summary = RunOneShot(chain, options, out, errors);
  EXPECT_EQ(summary.processed, 1u);
  EXPECT_NE(out.str().find("\"title\":\"Storm passes\""), std::string::npos);
  EXPECT_NE(out.str().find("storm.txt"), std::string::npos) << "the file names the article";
}

TEST(OneShotTest, MissingInputIsAnIoErrorNotACrash) {
  stages::Chain chain = NormalizeChain();
  OneShotOptions options;
  options.inputs = {"/nonexistent/copydesk/input.jsonl"};
  std::ostringstream out, errors;
  OneShotSummary summary = RunOneShot(chain, options, out, errors);
  EXPECT_TRUE(summary.io_error);
  EXPECT_NE(errors.str().find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace copydesk::worker
