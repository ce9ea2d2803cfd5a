// The one table reader every stage's data files go through, and the news-organisation table built on it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stages/text/news_organizations.h"
#include "stages/text/table_lines.h"

namespace copydesk::text {
namespace {

TEST(TableLinesTest, CommentsAndBlankLinesAreSkippedAndLinesKeepTheirNumbers) {
  std::vector<TableLine> lines = SplitTableLines("# a comment\n\nsay\tsay\tsay\r\n   \n told \t\ttell\ttell\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].number, 3u);
  EXPECT_EQ(lines[0].fields, (std::vector<std::string_view>{"say", "say", "say"}));
  // Aligning TABs make no empty field; spaces and CR around a field are not part of it.
  EXPECT_EQ(lines[1].number, 5u);
  EXPECT_EQ(lines[1].fields, (std::vector<std::string_view>{"told", "tell", "tell"}));
}

TEST(TableLinesTest, ListsDropEmptyItems) {
  EXPECT_EQ(SplitList("AP| The Associated Press ||A.P.", '|'),
            (std::vector<std::string_view>{"AP", "The Associated Press", "A.P."}));
  EXPECT_TRUE(SplitList("", '|').empty());
}

TEST(NewsOrganizationsTest, TheCanonicalNameComesFirstAmongTheSpellings) {
  StatusOr<std::vector<NewsOrganization>> table =
      ParseNewsOrganizations("# name\tspellings\nHarbour Wire\tHW|The Harbour Wire\nTidewire\n");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->size(), 2u);
  EXPECT_EQ(table.value()[0].name, "Harbour Wire");
  EXPECT_EQ(table.value()[0].spellings, (std::vector<std::string>{"Harbour Wire", "HW", "The Harbour Wire"}));
  EXPECT_EQ(table.value()[1].spellings, (std::vector<std::string>{"Tidewire"}));
}

TEST(NewsOrganizationsTest, AMalformedLineIsAnErrorNamingIt) {
  StatusOr<std::vector<NewsOrganization>> table = ParseNewsOrganizations("Harbour Wire\tHW\n\nTidewire\tTW\textra\n");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().detail().find("line 3"), std::string::npos) << table.status().detail();
}

}  // namespace
}  // namespace copydesk::text
