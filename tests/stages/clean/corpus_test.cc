// Checks the seed bars on the shared corpus when it is present (it is never copied into the repo).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "clean_test_util.h"

namespace copydesk::stages::clean_test {
namespace {

const std::string kSeedDir = std::string(COPYDESK_SOURCE_DIR) + "/../shared/corpus/seed/dev/";

std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(CleanCorpusTest, SeedBoilerplateIsRemovedListedAndCredited) {
  std::string article_json = FirstLine(kSeedDir + "articles.jsonl");
  std::string gold_json = FirstLine(kSeedDir + "gold.jsonl");
  if (article_json.empty() || gold_json.empty()) GTEST_SKIP() << "shared corpus not present";
  v1::RawArticle raw;
  google::protobuf::util::JsonParseOptions lenient;
  lenient.ignore_unknown_fields = true;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(article_json, &raw, lenient).ok());
  google::protobuf::Struct gold;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(gold_json, &gold).ok());

  Outcome run = Clean(raw);
  ASSERT_FALSE(run.result.failed()) << run.result.reason();
  EXPECT_EQ(run.out.title(), gold.fields().at("title").string_value());
  std::string body = Body(run.out);
  for (const auto& removed : gold.fields().at("removed").list_value().values()) {
    const std::string& line = removed.string_value();
    EXPECT_EQ(body.find(line), std::string::npos) << "left in body: " << line;
    bool listed = false;
    for (const v1::RemovedSpan& span : run.out.cleaning().removed()) listed |= span.text() == line;
    EXPECT_TRUE(listed) << "not listed: " << line;
  }
  bool credited = false;
  for (const v1::NewsSource& s : run.out.sources()) credited |= s.name() == "Associated Press";
  EXPECT_TRUE(credited);
}

}  // namespace
}  // namespace copydesk::stages::clean_test
