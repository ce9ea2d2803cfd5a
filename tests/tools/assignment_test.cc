#include "tools/common/assignment.h"

#include <gtest/gtest.h>

namespace copydesk::tools {
namespace {

TEST(SplitAssignment, SplitsAtTheFirstEquals) {
  std::optional<Assignment> pair = SplitAssignment("sasl.jaas.config=user=alice");
  ASSERT_TRUE(pair.has_value());
  EXPECT_EQ(pair->first, "sasl.jaas.config");
  EXPECT_EQ(pair->second, "user=alice");
}

TEST(SplitAssignment, AllowsAnEmptyValue) {
  std::optional<Assignment> pair = SplitAssignment("x-trace=");
  ASSERT_TRUE(pair.has_value());
  EXPECT_EQ(pair->first, "x-trace");
  EXPECT_EQ(pair->second, "");
}

TEST(SplitAssignment, RejectsAMissingEqualsOrKey) {
  EXPECT_FALSE(SplitAssignment("linger.ms").has_value());
  EXPECT_FALSE(SplitAssignment("=5").has_value());
  EXPECT_FALSE(SplitAssignment("").has_value());
}

}  // namespace
}  // namespace copydesk::tools
