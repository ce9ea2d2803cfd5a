#include "tools/feed/input_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace copydesk::tools {
namespace {

namespace fs = std::filesystem;

class InputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("copydesk-feed-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& relative, const std::string& content) {
    fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(InputFilesTest, WalksDirectoriesRecursivelyInSortedOrderSkippingHiddenEntries) {
  Write("b/second.jsonl", "{}\n");
  Write("a/zebra.txt", "Zebra crossing repainted\n");
  Write("a/nested/apple.ndjson", "{}\n");
  Write(".cache/ignored.jsonl", "{}\n");
  Write("a/.hidden.txt", "no\n");
  StatusOr<std::vector<InputFile>> files = ExpandInputs({dir_.string()}, InputKind::kJsonLines);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ(files.value()[0].path, (dir_ / "a/nested/apple.ndjson").string());
  EXPECT_EQ(files.value()[0].kind, InputKind::kJsonLines);
  EXPECT_EQ(files.value()[1].path, (dir_ / "a/zebra.txt").string());
  EXPECT_EQ(files.value()[1].kind, InputKind::kPlainText);
  EXPECT_EQ(files.value()[2].path, (dir_ / "b/second.jsonl").string());
}

TEST_F(InputFilesTest, KeepsTheGivenOrderOfFilesAndStdin) {
  std::string text = Write("story.TXT", "x");
  std::string json = Write("batch.JSON", "{}");
  StatusOr<std::vector<InputFile>> files = ExpandInputs({text, "-", json}, InputKind::kPlainText);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ(files.value()[0].kind, InputKind::kPlainText);
  EXPECT_EQ(files.value()[1].path, "-");
  EXPECT_EQ(files.value()[1].kind, InputKind::kPlainText);
  EXPECT_EQ(files.value()[2].kind, InputKind::kJsonLines);
}

TEST_F(InputFilesTest, FailsOnAMissingPath) {
  StatusOr<std::vector<InputFile>> files = ExpandInputs({(dir_ / "absent.jsonl").string()}, InputKind::kJsonLines);
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().detail().find("absent.jsonl"), std::string::npos);
}

TEST(ForEachUnit, YieldsNonBlankJsonLinesWithTheirLineNumbers) {
  std::istringstream in("{\"id\":\"a\"}\r\n\n   \n{\"id\":\"b\"}");
  std::vector<InputUnit> units;
  EXPECT_TRUE(ForEachUnit({"batch.jsonl", InputKind::kJsonLines}, in, [&](InputUnit unit) {
    units.push_back(std::move(unit));
    return true;
  }));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].origin, "batch.jsonl:1");
  EXPECT_EQ(units[0].content, "{\"id\":\"a\"}");
  EXPECT_EQ(units[1].origin, "batch.jsonl:4");
}

TEST(ForEachUnit, YieldsAWholeTextFileAsOneUnit) {
  std::istringstream in("Headline\n\nFirst paragraph.\nSecond paragraph.\n");
  std::vector<InputUnit> units;
  ForEachUnit({"dir/story.txt", InputKind::kPlainText}, in, [&](InputUnit unit) {
    units.push_back(std::move(unit));
    return true;
  });
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].origin, "dir/story.txt");
  EXPECT_EQ(units[0].content, "Headline\n\nFirst paragraph.\nSecond paragraph.\n");
}

TEST(ForEachUnit, StopsWhenTheSinkSaysSo) {
  std::istringstream in("{}\n{}\n{}\n");
  int seen = 0;
  EXPECT_FALSE(ForEachUnit({"-", InputKind::kJsonLines}, in, [&](InputUnit) { return ++seen < 2; }));
  EXPECT_EQ(seen, 2);
}

TEST(FileStem, DropsFoldersAndTheLastExtension) {
  EXPECT_EQ(FileStem("samples/ferry.txt"), "ferry");
  EXPECT_EQ(FileStem("/a/b/report.2026.txt"), "report.2026");
  EXPECT_EQ(FileStem("README"), "README");
  EXPECT_EQ(FileStem("-"), "stdin");
}

}  // namespace
}  // namespace copydesk::tools
