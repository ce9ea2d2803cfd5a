// A topic to create on the mock cluster, written NAME:PARTITIONS on the command line ("articles.raw:3").
// The partition count is optional (default 1); the name follows Kafka's rules (1-249 characters of
// [A-Za-z0-9._-], not "." or "..") so that a typo fails here rather than inside the mock.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace copydesk::tools {

struct TopicSpec {
  std::string name;
  int partitions = 1;
};

// nullopt on a bad name or a partition count outside 1..10000.
std::optional<TopicSpec> ParseTopicSpec(std::string_view text);

}  // namespace copydesk::tools
