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

constexpr std::array<ConfigKey, 3> kBoundedKeys = {{
    {"threads", KeyType::kInt, "0", "threads", 0, 64},
    {"size", KeyType::kInt, "5", "a size", 1},
    {"mode", KeyType::kString, "fast", "a mode", ConfigKey::kNoMin, ConfigKey::kNoMax, "fast|careful|off"},
}};

TEST(StageOptionsTest, BoundsAndChoicesFromTheTableAreEnforcedAndNamedInTheError) {
  EXPECT_TRUE(StageOptions::Validate("s", kBoundedKeys, {{"threads", "0"}, {"size", "1"}, {"mode", "off"}}).ok());
  EXPECT_TRUE(StageOptions::Validate("s", kBoundedKeys, {{"threads", "64"}, {"mode", "careful"}}).ok());
  StatusOr<StageOptions> high = StageOptions::Validate("s", kBoundedKeys, {{"threads", "65"}});
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.status().code(), StatusCode::kInvalidConfig);
  EXPECT_NE(high.status().detail().find("'threads' must be between 0 and 64, got '65'"), std::string::npos)
      << high.status().detail();
  StatusOr<StageOptions> zero = StageOptions::Validate("s", kBoundedKeys, {{"size", "0"}});
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().detail().find("must be at least 1"), std::string::npos) << zero.status().detail();
  StatusOr<StageOptions> mode = StageOptions::Validate("s", kBoundedKeys, {{"mode", "fas"}});
  ASSERT_FALSE(mode.ok());
  EXPECT_NE(mode.status().detail().find("must be one of fast, careful, off"), std::string::npos)
      << mode.status().detail();
  EXPECT_EQ(AllowedValues(kKeys[0]), "") << "no bounds declared: any int";
}

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
