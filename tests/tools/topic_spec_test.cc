#include "tools/mock-broker/topic_spec.h"

#include <gtest/gtest.h>

namespace copydesk::tools {
namespace {

TEST(ParseTopicSpec, ReadsNameAndPartitions) {
  std::optional<TopicSpec> spec = ParseTopicSpec("articles.raw:3");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->name, "articles.raw");
  EXPECT_EQ(spec->partitions, 3);
}

TEST(ParseTopicSpec, DefaultsToOnePartition) {
  std::optional<TopicSpec> spec = ParseTopicSpec("articles.dead-letter");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->name, "articles.dead-letter");
  EXPECT_EQ(spec->partitions, 1);
}

TEST(ParseTopicSpec, RejectsBadPartitionCounts) {
  EXPECT_FALSE(ParseTopicSpec("t:0").has_value());
  EXPECT_FALSE(ParseTopicSpec("t:-2").has_value());
  EXPECT_FALSE(ParseTopicSpec("t:").has_value());
  EXPECT_FALSE(ParseTopicSpec("t:3x").has_value());
  EXPECT_FALSE(ParseTopicSpec("t:99999999999").has_value());
}

TEST(ParseTopicSpec, RejectsNamesKafkaRejects) {
  EXPECT_FALSE(ParseTopicSpec(":3").has_value());
  EXPECT_FALSE(ParseTopicSpec("..:1").has_value());
  EXPECT_FALSE(ParseTopicSpec("has space:1").has_value());
  EXPECT_FALSE(ParseTopicSpec(std::string(250, 'a')).has_value());
  EXPECT_TRUE(ParseTopicSpec(std::string(249, 'a')).has_value());
}

}  // namespace
}  // namespace copydesk::tools
