#include "stages/stage_config.h"

#include <gtest/gtest.h>

#include <array>

namespace copydesk::stages {
namespace {

constexpr std::array<ConfigKey, 3> kKeys = {{
    {"limit", KeyType::kInt, "10", "a limit"},
    {"strict", KeyType::kBool, "false", "strictness"},
    {"ratio", KeyType::kDouble, "0.5", "a ratio"},
}};

TEST(StageOptionsTest, FillsDefaults) {
  StatusOr<StageOptions> options = StageOptions::Validate("s", kKeys, {});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->GetInt("limit"), 10);
  EXPECT_FALSE(options->GetBool("strict"));
  EXPECT_DOUBLE_EQ(options->GetDouble("ratio"), 0.5);
}

TEST(StageOptionsTest, UserValuesWin) {
  StatusOr<StageOptions> options = StageOptions::Validate("s", kKeys, {{"limit", "3"}, {"strict", "yes"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->GetInt("limit"), 3);
  EXPECT_TRUE(options->GetBool("strict"));
}

TEST(StageOptionsTest, UnknownKeyIsAnError) {
  StatusOr<StageOptions> options = StageOptions::Validate("s", kKeys, {{"limt", "3"}});
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.status().where(), "s");
  EXPECT_NE(options.status().detail().find("limt"), std::string::npos);
}

TEST(StageOptionsTest, TypeMismatchIsAnError) {
  EXPECT_FALSE(StageOptions::Validate("s", kKeys, {{"limit", "3x"}}).ok());
  EXPECT_FALSE(StageOptions::Validate("s", kKeys, {{"strict", "maybe"}}).ok());
  EXPECT_FALSE(StageOptions::Validate("s", kKeys, {{"ratio", ""}}).ok());
}

TEST(StageOptionsTest, UndeclaredGetterThrowsBecauseItIsAProgrammingError) {
  StatusOr<StageOptions> options = StageOptions::Validate("s", kKeys, {});
  ASSERT_TRUE(options.ok());
  EXPECT_THROW(options->GetString("nope"), std::logic_error);
}

}  // namespace
}  // namespace copydesk::stages
