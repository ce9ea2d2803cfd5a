#include "worker/config.h"

#include <gtest/gtest.h>

namespace copydesk::worker {
namespace {

TEST(ConfigTest, DefaultsValidate) {
  Config config;
  ASSERT_TRUE(config.ApplyYamlText(DefaultYaml(), "embedded").ok());
  Status s = config.Validate();
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(config.GetString("kafka.input_topic"), "articles.raw");
}

TEST(ConfigTest, DefaultConfigRunsTheRecommendedChain) {
  Config defaults_only;
  Config embedded;
  ASSERT_TRUE(embedded.ApplyYamlText(DefaultYaml(), "embedded").ok());
  EXPECT_EQ(embedded.ChainSpec().stages, stages::DefaultChainSpec().stages);
  EXPECT_EQ(defaults_only.ChainSpec().stages, stages::DefaultChainSpec().stages);
}

TEST(ConfigTest, YamlIsFlattenedAndListsBecomeCommaSeparated) {
  Config config;
  Status s = config.ApplyYamlText(
      "kafka:\n  group_id: news\n  consumer:\n    fetch.wait.max.ms: 5\nstages:\n  chain: [normalize]\n"
      "  normalize:\n    max_bytes: 1000\n",
      "test.yaml");
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(config.GetString("kafka.group_id"), "news");
  EXPECT_EQ(config.KafkaProperties("consumer").at("fetch.wait.max.ms"), "5");
  EXPECT_EQ(config.GetString("stages.chain"), "normalize");
  auto spec = config.ChainSpec();
  ASSERT_EQ(spec.stages.size(), 1u);
  EXPECT_EQ(spec.config.at("normalize").at("max_bytes"), "1000");
  EXPECT_TRUE(config.Validate().ok());
}

TEST(ConfigTest, ChainNoneIsAnEmptyChainOnPurposeAndNoneAmongStagesIsUnknown) {
  Config none;
  ASSERT_TRUE(none.ApplyYamlText("stages:\n  chain: none\n", "none.yaml").ok());
  EXPECT_TRUE(none.ChainSpec().stages.empty());
  EXPECT_TRUE(none.ChainSpec().explicitly_empty);
  EXPECT_TRUE(none.Validate().ok());

  Config mixed;
  ASSERT_TRUE(mixed.ApplyYamlText("stages:\n  chain: [none, clean]\n", "mixed.yaml").ok());
  EXPECT_FALSE(mixed.ChainSpec().explicitly_empty);
  Status s = mixed.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.detail().find("unknown stage 'none'"), std::string::npos) << s.ToString();

  Config empty;
  ASSERT_TRUE(empty.ApplyYamlText("stages:\n  chain: []\n", "empty.yaml").ok());
  EXPECT_FALSE(empty.Validate().ok());
}

TEST(ConfigTest, RangesAndChoicesComeFromTheKeyTableWithTheValuesOrigin) {
  struct Case {
    const char* assignment;
    const char* expected;
  };
  for (const Case& c : {Case{"worker.threads=2000", "'worker.threads' must be between 0 and 1024"},
                        Case{"worker.max_partition_queue=0", "'worker.max_partition_queue' must be at least 1"},
                        Case{"http.port=70000", "'http.port' must be between 0 and 65535"},
                        Case{"worker.stats_interval_ms=-1", "must be at least 0"},
                        Case{"worker.delivery=twice", "must be one of at-least-once, exactly-once"},
                        Case{"log.level=loud", "must be one of trace, debug, info, warn, error, off"},
                        Case{"stages.normalize.max_bytes=0", "'max_bytes' must be at least 1"}}) {
    Config config;
    ASSERT_TRUE(config.ApplyOverride(c.assignment).ok()) << c.assignment;
    Status s = config.Validate();
    ASSERT_FALSE(s.ok()) << c.assignment;
    EXPECT_NE(s.detail().find(c.expected), std::string::npos) << c.assignment << ": " << s.ToString();
    EXPECT_NE(s.detail().find("--set"), std::string::npos) << "the error names where the value came from";
  }
  Config fine;
  ASSERT_TRUE(fine.ApplyOverride("worker.threads=0").ok());
  ASSERT_TRUE(fine.ApplyOverride("log.level=off").ok());
  EXPECT_TRUE(fine.Validate().ok());
}

TEST(ConfigTest, AFiniteProducerTimeoutIsRefusedInAtLeastOnceModeOnly) {
  Config alo;
  ASSERT_TRUE(alo.ApplyOverride("kafka.producer.message.timeout.ms=2000").ok());
  Status s = alo.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.detail().find("must be 0"), std::string::npos) << s.ToString();
  Config common;
  ASSERT_TRUE(common.ApplyOverride("kafka.common.delivery.timeout.ms=30000").ok());
  EXPECT_FALSE(common.Validate().ok());
  Config unbounded;
  ASSERT_TRUE(unbounded.ApplyOverride("kafka.producer.message.timeout.ms=0").ok());
  EXPECT_TRUE(unbounded.Validate().ok());
  Config eos;
  ASSERT_TRUE(eos.ApplyOverride("kafka.producer.message.timeout.ms=2000").ok());
  ASSERT_TRUE(eos.ApplyOverride("worker.delivery=exactly-once").ok());
  EXPECT_TRUE(eos.Validate().ok()) << "a timed-out record aborts its transaction: order is safe";
}

TEST(ConfigTest, UnknownKeyIsRejectedWithItsOrigin) {
  Config config;
  Status s = config.ApplyYamlText("kafka:\n  gropu_id: x\n", "my.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.detail().find("my.yaml"), std::string::npos);
  EXPECT_NE(s.detail().find("kafka.gropu_id"), std::string::npos);
}

TEST(ConfigTest, UnknownStageKeyIsRejected) {
  Config config;
  EXPECT_FALSE(config.ApplyOverride("stages.normalize.max_byte=3").ok());
  EXPECT_FALSE(config.ApplyOverride("stages.nostage.x=3").ok());
}

TEST(ConfigTest, MalformedYamlIsAnError) {
  Config config;
  EXPECT_FALSE(config.ApplyYamlText("kafka: [unclosed", "bad.yaml").ok());
  EXPECT_FALSE(config.ApplyYamlText("- just\n- a list\n", "list.yaml").ok());
}

TEST(ConfigTest, EnvironmentOverridesFileAndFlagsOverrideEnvironment) {
  Config config;
  ASSERT_TRUE(config.ApplyYamlText("kafka:\n  group_id: from-file\n", "f").ok());
  ASSERT_TRUE(config.ApplyEnvironment({"COPYDESK_KAFKA_GROUP_ID=from-env", "PATH=/bin",
                                       "COPYDESK_KAFKA_CONSUMER_FETCH_WAIT_MAX_MS=7",
                                       "COPYDESK_STAGES_NORMALIZE_MAX_BYTES=99", "COPYDESK_CACHE=/tmp/x"})
                  .ok());
  EXPECT_EQ(config.GetString("kafka.group_id"), "from-env");
  EXPECT_EQ(config.KafkaProperties("consumer").at("fetch.wait.max.ms"), "7");
  EXPECT_EQ(config.GetString("stages.normalize.max_bytes"), "99");
  ASSERT_EQ(config.ignored_environment().size(), 1u);
  EXPECT_EQ(config.ignored_environment()[0], "COPYDESK_CACHE");
  ASSERT_TRUE(config.ApplyOverride("kafka.group_id=from-flag").ok());
  EXPECT_EQ(config.GetString("kafka.group_id"), "from-flag");
}

TEST(ConfigTest, CommonKafkaPropertiesReachBothClientsAndOwnOnesWin) {
  Config config;
  ASSERT_TRUE(config.ApplyOverride("kafka.common.security.protocol=SASL_SSL").ok());
  ASSERT_TRUE(config.ApplyOverride("kafka.producer.security.protocol=SSL").ok());
  EXPECT_EQ(config.KafkaProperties("consumer").at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(config.KafkaProperties("producer").at("security.protocol"), "SSL");
}

TEST(ConfigTest, TypeErrorsAndCrossKeyRulesFailValidation) {
  {
    Config config;
    ASSERT_TRUE(config.ApplyOverride("worker.threads=many").ok());
    EXPECT_FALSE(config.Validate().ok());
  }
  {
    Config config;
    ASSERT_TRUE(config.ApplyOverride("kafka.output_topic=articles.raw").ok());
    EXPECT_FALSE(config.Validate().ok());
  }
  {
    Config config;
    ASSERT_TRUE(config.ApplyOverride("log.level=loud").ok());
    EXPECT_FALSE(config.Validate().ok());
  }
  {
    Config config;
    ASSERT_TRUE(config.ApplyOverride("stages.chain=normalize,unknown").ok());
    EXPECT_FALSE(config.Validate().ok());
  }
  {
    // Known stages in an order where attribution finds no paragraphs: refused, not silently quote-less.
    Config config;
    ASSERT_TRUE(config.ApplyOverride("stages.chain=attribution,clean").ok());
    Status s = config.Validate();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.detail().find("'attribution' reads body paragraphs"), std::string::npos) << s.ToString();
    EXPECT_NE(s.detail().find("'clean' writes them"), std::string::npos) << s.ToString();
  }
  {
    Config config;
    ASSERT_TRUE(config.ApplyOverride("kafka.consumer.enable.auto.commit=true").ok());
    Status s = config.Validate();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.detail().find("managed by the worker"), std::string::npos);
  }
}

TEST(ConfigTest, DescribeRedactsSecrets) {
  Config config;
  ASSERT_TRUE(config.ApplyOverride("kafka.common.sasl.password=hunter2").ok());
  ASSERT_TRUE(config.ApplyOverride("kafka.common.sasl.username=alice").ok());
  ASSERT_TRUE(config.ApplyOverride("kafka.common.ssl.key.password=p4ss").ok());
  std::string described = config.Describe();
  EXPECT_EQ(described.find("hunter2"), std::string::npos);
  EXPECT_EQ(described.find("p4ss"), std::string::npos);
  EXPECT_NE(described.find("alice"), std::string::npos);
  EXPECT_NE(described.find("kafka.common.sasl.password = <redacted>"), std::string::npos);
}

TEST(ConfigTest, SecretKeyDetection) {
  EXPECT_TRUE(IsSecretKey("kafka.common.sasl.password"));
  EXPECT_TRUE(IsSecretKey("kafka.consumer.ssl.key.pem"));
  EXPECT_TRUE(IsSecretKey("kafka.common.sasl.oauthbearer.client.secret"));
  EXPECT_FALSE(IsSecretKey("kafka.group_id"));
}

}  // namespace
}  // namespace copydesk::worker
