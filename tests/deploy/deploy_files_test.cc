// deploy/ is packaging that no Docker engine, cluster or systemd builds or runs here, so this test is
// what keeps it honest: every YAML and JSON file must parse, and the files must agree with the worker and
// with each other — its config keys, its port, its drain timeout, its exit codes, its metric names —
// checked against the worker's own code (config validator, metrics renderer) rather than copies of it.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafkacpp.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "worker/config.h"
#include "worker/exit_codes.h"
#include "worker/metrics.h"

namespace copydesk::worker {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = COPYDESK_SOURCE_DIR;
const fs::path kDeploy = kRoot / "deploy";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> FilesEndingIn(const std::vector<std::string>& extensions) {
  std::vector<fs::path> files;
  if (!fs::is_directory(kDeploy)) return files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kDeploy)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "45", "45s", "1min", "1m30s" (systemd and Compose durations) -> seconds; -1 when unreadable.
int64_t DurationSeconds(std::string text) {
  int64_t total = 0;
  int64_t number = 0;
  std::string unit;
  re2::StringPiece input(text);
  bool any = false;
  while (RE2::Consume(&input, R"(\s*(\d+)\s*([a-z]*))", &number, &unit)) {
    any = true;
    if (unit.empty() || unit == "s" || unit == "sec") {
      total += number;
    } else if (unit == "m" || unit == "min") {
      total += number * 60;
    } else {
      return -1;
    }
  }
  return any && input.empty() ? total : -1;
}

// The configuration the worker would run with: its embedded default, then `yaml` (as `--config` layers
// it), validated by the worker's own code.
struct LoadedConfig {
  Config config;
  Status status;
};

LoadedConfig LoadWorkerConfig(const std::string& yaml, const std::string& origin) {
  LoadedConfig loaded;
  loaded.status = loaded.config.ApplyYamlText(DefaultYaml(), "embedded");
  if (loaded.status.ok()) loaded.status = loaded.config.ApplyYamlText(yaml, origin);
  if (loaded.status.ok()) loaded.status = loaded.config.Validate();
  return loaded;
}

// Pass-through properties are not checked by Config (it does not know librdkafka's names); librdkafka's
// own configuration object is the authority on them.
void ExpectLibrdkafkaAcceptsEveryProperty(const Config& config, const std::string& origin) {
  for (const char* client : {"consumer", "producer"}) {
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    for (const auto& [property, value] : config.KafkaProperties(client)) {
      std::string error;
      EXPECT_EQ(conf->set(property, value, error), RdKafka::Conf::CONF_OK)
          << origin << ": librdkafka (" << client << ") refuses " << property << "=" << value << ": " << error;
    }
  }
}

// Every Kubernetes manifest under deploy/k8s, by kind (each kind appears once).
std::map<std::string, YAML::Node> KubernetesManifests() {
  std::map<std::string, YAML::Node> by_kind;
  for (const fs::path& file : FilesEndingIn({".yaml", ".yml"})) {
    if (file.parent_path() != kDeploy / "k8s") continue;
    for (const YAML::Node& doc : YAML::LoadAll(ReadFile(file))) {
      if (doc["kind"]) by_kind[doc["kind"].as<std::string>()] = doc;
    }
  }
  return by_kind;
}

std::string ConfigMapYaml(const std::map<std::string, YAML::Node>& manifests) {
  auto it = manifests.find("ConfigMap");
  if (it == manifests.end() || !it->second["data"]["copydesk.yaml"]) return "";
  return it->second["data"]["copydesk.yaml"].as<std::string>();
}

// Dockerfile instructions with continuation lines joined and comments dropped, grouped by build stage.
std::vector<std::vector<std::pair<std::string, std::string>>> DockerfileStages(const std::string& text) {
  std::vector<std::vector<std::pair<std::string, std::string>>> result;
  std::istringstream lines(text);
  std::string line;
  std::string instruction;
  auto flush = [&] {
    size_t start = instruction.find_first_not_of(" \t");
    if (start == std::string::npos) return;
    instruction.erase(0, start);
    size_t space = instruction.find_first_of(" \t");
    std::string keyword = instruction.substr(0, space);
    std::string args = space == std::string::npos ? "" : instruction.substr(space + 1);
    std::transform(keyword.begin(), keyword.end(), keyword.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (keyword == "FROM") result.emplace_back();
    if (!result.empty()) result.back().emplace_back(keyword, args);
    instruction.clear();
  };
  while (std::getline(lines, line)) {
    std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
    if (trimmed.empty() || trimmed[0] == '#') continue;
    if (!line.empty() && line.back() == '\\') {
      instruction += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    instruction += line;
    flush();
  }
  flush();
  return result;
}

// --- syntax ------------------------------------------------------------------------------------------

TEST(DeployFilesTest, EveryYamlFileParses) {
  std::vector<fs::path> files = FilesEndingIn({".yaml", ".yml"});
  // copydesk.yaml, docker-compose.yaml and the six k8s files at least: an empty or moved deploy/ must fail.
  EXPECT_GE(files.size(), 8u);
  for (const fs::path& file : files) {
    try {
      std::vector<YAML::Node> docs = YAML::LoadAll(ReadFile(file));
      EXPECT_FALSE(docs.empty()) << file << " holds no YAML document";
    } catch (const YAML::Exception& e) {
      ADD_FAILURE() << file << ": " << e.what();
    }
  }
}

TEST(DeployFilesTest, EveryJsonFileParses) {
  std::vector<fs::path> files = FilesEndingIn({".json"});
  EXPECT_GE(files.size(), 1u);
  for (const fs::path& file : files) {
    google::protobuf::Struct parsed;
    auto status = google::protobuf::util::JsonStringToMessage(ReadFile(file), &parsed);
    EXPECT_TRUE(status.ok()) << file << ": " << status.ToString();
  }
}

// --- the example configuration --------------------------------------------------------------------------

TEST(DeployFilesTest, ExampleConfigPassesTheWorkersValidator) {
  LoadedConfig loaded = LoadWorkerConfig(ReadFile(kDeploy / "copydesk.yaml"), "deploy/copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  ExpectLibrdkafkaAcceptsEveryProperty(loaded.config, "deploy/copydesk.yaml");
}

TEST(DeployFilesTest, ExampleConfigSetsEveryWorkerKey) {
  // Describe() names the layer each value came from: a key the example omits shows "embedded" or "default".
  LoadedConfig loaded = LoadWorkerConfig(ReadFile(kDeploy / "copydesk.yaml"), "deploy/copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  std::string described = "\n" + loaded.config.Describe();
  for (const WorkerKey& key : WorkerKeys()) {
    size_t at = described.find("\n" + std::string(key.name) + " = ");
    ASSERT_NE(at, std::string::npos) << key.name << " missing from Describe()";
    size_t end = described.find('\n', at + 1);
    std::string line = described.substr(at + 1, end - at - 1);
    EXPECT_TRUE(line.ends_with("# deploy/copydesk.yaml")) << key.name << " is not set in deploy/copydesk.yaml: " << line;
  }
}

// The commented-out SASL/TLS example must work once uncommented: real keys, values librdkafka accepts,
// the password from the environment and redacted.
TEST(DeployFilesTest, ExampleConfigSaslBlockIsValidWhenUncommented) {
  std::istringstream lines(ReadFile(kDeploy / "copydesk.yaml"));
  std::string line;
  std::string uncommented;
  std::set<std::string> properties;
  // "    # sasl.mechanism: SCRAM-SHA-512   # remark" under kafka.common -> "    sasl.mechanism: SCRAM-SHA-512"
  const RE2 commented_property(R"(^    # ((?:security|sasl|ssl)\.[a-z.]+): (\S+).*$)");
  while (std::getline(lines, line)) {
    std::string property;
    std::string value;
    if (RE2::FullMatch(line, commented_property, &property, &value) && !properties.contains(property)) {
      properties.insert(property);
      line = "    " + property + ": " + value;
    }
    uncommented += line + "\n";
  }
  for (const char* expected : {"security.protocol", "sasl.mechanism", "sasl.username", "ssl.ca.location"}) {
    EXPECT_TRUE(properties.contains(expected)) << "no commented example of kafka.common." << expected;
  }
  LoadedConfig loaded = LoadWorkerConfig(uncommented, "deploy/copydesk.yaml (SASL uncommented)");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  ASSERT_TRUE(loaded.config.ApplyEnvironment({"COPYDESK_KAFKA_COMMON_SASL_PASSWORD=hunter2-example"}).ok());
  EXPECT_TRUE(loaded.config.ignored_environment().empty());
  std::map<std::string, std::string> consumer = loaded.config.KafkaProperties("consumer");
  EXPECT_EQ(consumer["security.protocol"], "SASL_SSL");
  EXPECT_EQ(consumer["sasl.mechanism"], "SCRAM-SHA-512");
  EXPECT_EQ(consumer["sasl.password"], "hunter2-example");
  EXPECT_EQ(loaded.config.Describe().find("hunter2-example"), std::string::npos);
  ExpectLibrdkafkaAcceptsEveryProperty(loaded.config, "deploy/copydesk.yaml (SASL uncommented)");
  EXPECT_NE(ReadFile(kDeploy / "copydesk.yaml").find("COPYDESK_KAFKA_COMMON_SASL_PASSWORD"), std::string::npos);
}

// --- Kubernetes ----------------------------------------------------------------------------------------

TEST(DeployFilesTest, KubernetesConfigMapPassesTheWorkersValidator) {
  std::string yaml = ConfigMapYaml(KubernetesManifests());
  ASSERT_FALSE(yaml.empty()) << "no ConfigMap with a copydesk.yaml key in deploy/k8s";
  LoadedConfig loaded = LoadWorkerConfig(yaml, "k8s ConfigMap copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  ExpectLibrdkafkaAcceptsEveryProperty(loaded.config, "k8s ConfigMap");
  // Probes and Prometheus come from outside the pod: loopback would make every probe fail.
  EXPECT_TRUE(loaded.config.GetBool("http.enabled"));
  EXPECT_NE(loaded.config.GetString("http.bind"), "127.0.0.1");
  EXPECT_NE(loaded.config.GetString("http.bind"), "localhost");
}

TEST(DeployFilesTest, KubernetesDeploymentProbesTheConfiguredPortAndWaitsForTheDrain) {
  std::map<std::string, YAML::Node> manifests = KubernetesManifests();
  ASSERT_TRUE(manifests.contains("Deployment"));
  LoadedConfig loaded = LoadWorkerConfig(ConfigMapYaml(manifests), "k8s ConfigMap copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  const int64_t port = loaded.config.GetInt("http.port");

  const YAML::Node pod = manifests["Deployment"]["spec"]["template"]["spec"];
  ASSERT_TRUE(pod["containers"].IsSequence());
  ASSERT_EQ(pod["containers"].size(), 1u);
  const YAML::Node container = pod["containers"][0];
  std::map<std::string, int64_t> named_ports;
  for (const YAML::Node& p : container["ports"]) {
    if (p["name"]) named_ports[p["name"].as<std::string>()] = p["containerPort"].as<int64_t>();
  }
  auto probe_port = [&](const YAML::Node& probe) -> int64_t {
    const YAML::Node p = probe["httpGet"]["port"];
    if (!p) return -1;
    int64_t number = 0;
    if (stages::ParseInt(p.as<std::string>(), &number)) return number;
    auto it = named_ports.find(p.as<std::string>());
    return it == named_ports.end() ? -1 : it->second;
  };
  ASSERT_TRUE(container["livenessProbe"]);
  ASSERT_TRUE(container["readinessProbe"]);
  EXPECT_EQ(container["livenessProbe"]["httpGet"]["path"].as<std::string>(""), "/healthz");
  EXPECT_EQ(container["readinessProbe"]["httpGet"]["path"].as<std::string>(""), "/readyz");
  EXPECT_EQ(probe_port(container["livenessProbe"]), port);
  EXPECT_EQ(probe_port(container["readinessProbe"]), port);
  if (container["startupProbe"]) {
    EXPECT_EQ(container["startupProbe"]["httpGet"]["path"].as<std::string>(""), "/healthz");
    EXPECT_EQ(probe_port(container["startupProbe"]), port);
  }

  ASSERT_TRUE(pod["terminationGracePeriodSeconds"]);
  EXPECT_GT(pod["terminationGracePeriodSeconds"].as<int64_t>() * 1000, loaded.config.GetInt("worker.drain_timeout_ms"));

  EXPECT_TRUE(container["resources"]["requests"]["cpu"]);
  EXPECT_TRUE(container["resources"]["requests"]["memory"]);
  EXPECT_TRUE(container["resources"]["limits"]["memory"]);
  EXPECT_TRUE(pod["securityContext"]["runAsNonRoot"].as<bool>(false));
  EXPECT_NE(pod["securityContext"]["runAsUser"].as<int64_t>(0), 0);
  EXPECT_TRUE(container["securityContext"]["readOnlyRootFilesystem"].as<bool>(false));
  EXPECT_FALSE(container["securityContext"]["allowPrivilegeEscalation"].as<bool>(true));

  // Every COPYDESK_* variable the Deployment sets must name a key (a typo would be ignored, not refused).
  std::vector<std::string> environment;
  bool password_from_secret = false;
  for (const YAML::Node& env : container["env"]) {
    std::string name = env["name"].as<std::string>();
    environment.push_back(name + "=1");
    if (name == "COPYDESK_KAFKA_COMMON_SASL_PASSWORD") password_from_secret = bool(env["valueFrom"]["secretKeyRef"]);
  }
  EXPECT_TRUE(password_from_secret) << "the SASL password must come from a Secret";
  Config with_environment = loaded.config;
  ASSERT_TRUE(with_environment.ApplyEnvironment(environment).ok());
  EXPECT_TRUE(with_environment.ignored_environment().empty());
  EXPECT_EQ(with_environment.KafkaProperties("consumer")["sasl.password"], "1");

  // The ConfigMap is mounted where the command line reads it.
  std::string args;
  for (const YAML::Node& arg : container["args"]) args += arg.as<std::string>() + " ";
  EXPECT_NE(args.find("--config /etc/copydesk/copydesk.yaml"), std::string::npos) << args;
  bool mounted = false;
  for (const YAML::Node& mount : container["volumeMounts"]) {
    mounted = mounted || mount["mountPath"].as<std::string>() == "/etc/copydesk";
  }
  EXPECT_TRUE(mounted);
}

TEST(DeployFilesTest, KubernetesServicePdbAndScaledObjectMatchTheDeployment) {
  std::map<std::string, YAML::Node> manifests = KubernetesManifests();
  for (const char* kind : {"ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "ScaledObject"}) {
    ASSERT_TRUE(manifests.contains(kind)) << "no " << kind << " in deploy/k8s";
  }
  LoadedConfig loaded = LoadWorkerConfig(ConfigMapYaml(manifests), "k8s ConfigMap copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  const YAML::Node deployment = manifests["Deployment"];
  const YAML::Node pod_labels = deployment["spec"]["template"]["metadata"]["labels"];
  auto selects_the_pods = [&](const YAML::Node& selector) {
    if (!selector.IsMap() || selector.size() == 0) return false;
    for (const auto& entry : selector) {
      if (pod_labels[entry.first.as<std::string>()].as<std::string>("") != entry.second.as<std::string>()) return false;
    }
    return true;
  };

  const YAML::Node service = manifests["Service"];
  EXPECT_TRUE(selects_the_pods(service["spec"]["selector"]));
  ASSERT_TRUE(service["spec"]["ports"].IsSequence());
  EXPECT_EQ(service["spec"]["ports"][0]["port"].as<int64_t>(), loaded.config.GetInt("http.port"));
  const YAML::Node annotations = service["metadata"]["annotations"];
  EXPECT_EQ(annotations["prometheus.io/scrape"].as<std::string>(""), "true");
  EXPECT_EQ(annotations["prometheus.io/port"].as<std::string>(""), std::to_string(loaded.config.GetInt("http.port")));
  EXPECT_EQ(annotations["prometheus.io/path"].as<std::string>(""), "/metrics");

  EXPECT_TRUE(selects_the_pods(manifests["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"]));

  const YAML::Node scaled = manifests["ScaledObject"]["spec"];
  EXPECT_EQ(scaled["scaleTargetRef"]["name"].as<std::string>(""), deployment["metadata"]["name"].as<std::string>());
  ASSERT_TRUE(scaled["triggers"].IsSequence());
  const YAML::Node trigger = scaled["triggers"][0];
  EXPECT_EQ(trigger["type"].as<std::string>(""), "kafka");
  EXPECT_EQ(trigger["metadata"]["bootstrapServers"].as<std::string>(""), loaded.config.GetString("kafka.bootstrap_servers"));
  EXPECT_EQ(trigger["metadata"]["consumerGroup"].as<std::string>(""), loaded.config.GetString("kafka.group_id"));
  EXPECT_EQ(trigger["metadata"]["topic"].as<std::string>(""), loaded.config.GetString("kafka.input_topic"));
  int64_t lag_threshold = 0;
  EXPECT_TRUE(stages::ParseInt(trigger["metadata"]["lagThreshold"].as<std::string>(""), &lag_threshold));
  EXPECT_GT(lag_threshold, 0);

  // More replicas than input partitions sit idle: compare with the partitions docker-compose creates.
  std::string compose_command;
  for (const YAML::Node& part : YAML::LoadFile((kDeploy / "docker-compose.yaml").string())["services"]["kafka-init"]["command"]) {
    compose_command += part.as<std::string>() + "\n";
  }
  std::string input_topic = loaded.config.GetString("kafka.input_topic");
  int64_t partitions = 0;
  ASSERT_TRUE(RE2::PartialMatch(compose_command, "--topic " + RE2::QuoteMeta(input_topic) + R"( --partitions (\d+))",
                                &partitions));
  EXPECT_GE(scaled["minReplicaCount"].as<int64_t>(0), 1);
  EXPECT_LE(scaled["maxReplicaCount"].as<int64_t>(1000), partitions);
}

TEST(DeployFilesTest, KustomizationListsEveryManifest) {
  YAML::Node kustomization = YAML::LoadFile((kDeploy / "k8s" / "kustomization.yaml").string());
  std::set<std::string> listed;
  for (const YAML::Node& resource : kustomization["resources"]) listed.insert(resource.as<std::string>());
  std::set<std::string> present;
  for (const fs::directory_entry& entry : fs::directory_iterator(kDeploy / "k8s")) {
    std::string name = entry.path().filename().string();
    if (name != "kustomization.yaml" && (name.ends_with(".yaml") || name.ends_with(".yml"))) present.insert(name);
  }
  EXPECT_EQ(listed, present);
}

// --- docker-compose -------------------------------------------------------------------------------------

TEST(DeployFilesTest, ComposeCreatesTheConfiguredTopicsBeforeTheWorkerStarts) {
  YAML::Node services = YAML::LoadFile((kDeploy / "docker-compose.yaml").string())["services"];
  LoadedConfig loaded = LoadWorkerConfig(ReadFile(kDeploy / "copydesk.yaml"), "deploy/copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();

  EXPECT_TRUE(services["kafka"]["image"].as<std::string>("").starts_with("apache/kafka:"));
  std::string command;
  for (const YAML::Node& part : services["kafka-init"]["command"]) command += part.as<std::string>() + "\n";
  EXPECT_NE(command.find("/opt/kafka/bin/kafka-topics.sh"), std::string::npos);
  for (const char* key : {"kafka.input_topic", "kafka.output_topic", "kafka.dead_letter_topic"}) {
    std::string topic = loaded.config.GetString(key);
    EXPECT_TRUE(RE2::PartialMatch(command, "--create .*--topic " + RE2::QuoteMeta(topic) + R"( --partitions \d+)"))
        << "kafka-init does not create " << topic;
  }

  const YAML::Node worker = services["worker"];
  EXPECT_EQ(worker["depends_on"]["kafka-init"]["condition"].as<std::string>(""), "service_completed_successfully");
  fs::path context = kDeploy / worker["build"]["context"].as<std::string>("");
  EXPECT_TRUE(fs::is_regular_file(context / worker["build"]["dockerfile"].as<std::string>("")));
  EXPECT_GT(DurationSeconds(worker["stop_grace_period"].as<std::string>("")) * 1000,
            loaded.config.GetInt("worker.drain_timeout_ms"));
  std::vector<std::string> environment;
  for (const auto& entry : worker["environment"]) {
    environment.push_back(entry.first.as<std::string>() + "=" + entry.second.as<std::string>());
  }
  Config with_environment = loaded.config;
  ASSERT_TRUE(with_environment.ApplyEnvironment(environment).ok());
  EXPECT_TRUE(with_environment.ignored_environment().empty());
  EXPECT_TRUE(with_environment.Validate().ok());

  const YAML::Node feeder = services["feeder"];
  EXPECT_EQ(feeder["image"].as<std::string>(""), worker["image"].as<std::string>());
  EXPECT_EQ(feeder["entrypoint"][0].as<std::string>(""), "copydesk-feed");
  ASSERT_TRUE(feeder["volumes"].IsSequence());
  std::string volume = feeder["volumes"][0].as<std::string>();
  EXPECT_TRUE(volume.ends_with(":ro")) << volume;
  EXPECT_TRUE(fs::is_regular_file(kDeploy / volume.substr(0, volume.find(':')))) << volume;
  EXPECT_NE(volume.find("tools/samples/articles.jsonl"), std::string::npos);
}

// --- Dockerfile -----------------------------------------------------------------------------------------

TEST(DeployFilesTest, DockerfileBuildsWithToolsSetupAndRunsTheWorkerAsNonRoot) {
  auto dockerfile = DockerfileStages(ReadFile(kDeploy / "Dockerfile"));
  ASSERT_EQ(dockerfile.size(), 2u) << "expected a build stage and a runtime stage";
  auto runs = [](const std::vector<std::pair<std::string, std::string>>& stage, const std::string& keyword) {
    std::vector<std::string> args;
    for (const auto& [k, a] : stage) {
      if (k == keyword) args.push_back(a);
    }
    return args;
  };

  const auto& build = dockerfile[0];
  EXPECT_TRUE(build[0].second.starts_with("debian:bookworm-slim")) << build[0].second;
  std::vector<std::string> build_runs = runs(build, "RUN");
  ASSERT_GE(build_runs.size(), 2u);
  EXPECT_EQ(build_runs[0], "tools/setup --build-only");
  EXPECT_TRUE(fs::is_regular_file(kRoot / "tools" / "setup"));
  EXPECT_NE(ReadFile(kRoot / "tools" / "setup").find("--build-only)"), std::string::npos);
  const RE2 build_command(R"(cmake --preset release\s+&&\s+cmake --build --preset release --target (.*))");
  std::string targets;
  ASSERT_TRUE(RE2::FullMatch(build_runs[1], build_command, &targets)) << build_runs[1];
  for (const char* target : {"copydesk-worker", "copydesk-feed", "copydesk-tail"}) {
    EXPECT_NE(targets.find(target), std::string::npos) << target;
  }

  const auto& runtime = dockerfile[1];
  EXPECT_EQ(runtime[0].second, "debian:bookworm-slim");
  std::vector<std::string> users = runs(runtime, "USER");
  ASSERT_EQ(users.size(), 1u);
  EXPECT_FALSE(users[0] == "root" || users[0] == "0" || users[0].starts_with("0:") || users[0].starts_with("root:"));
  LoadedConfig loaded = LoadWorkerConfig(ReadFile(kDeploy / "copydesk.yaml"), "deploy/copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  EXPECT_EQ(runs(runtime, "EXPOSE"), std::vector<std::string>{std::to_string(loaded.config.GetInt("http.port"))});
  EXPECT_NE(loaded.config.GetString("http.bind"), "127.0.0.1") << "the image's config must be reachable from outside";
  for (const std::string& copy : runs(runtime, "COPY")) {
    if (copy.starts_with("--from=")) continue;
    std::string source = copy.substr(0, copy.find(' '));
    EXPECT_TRUE(fs::exists(kRoot / source)) << "COPY source missing from the repository: " << source;
  }
  std::vector<std::string> healthchecks = runs(runtime, "HEALTHCHECK");
  if (!healthchecks.empty()) {
    EXPECT_NE(healthchecks[0].find(":" + std::to_string(loaded.config.GetInt("http.port")) + "/healthz"),
              std::string::npos);
  }
  EXPECT_EQ(runs(runtime, "ENTRYPOINT"), std::vector<std::string>{R"(["copydesk-worker"])"});
  EXPECT_EQ(runs(runtime, "CMD"), std::vector<std::string>{R"(["run", "--config", "/etc/copydesk/copydesk.yaml"])"});

  std::string dockerignore = ReadFile(kRoot / ".dockerignore");
  EXPECT_TRUE(RE2::PartialMatch(dockerignore, R"((?m)^/?build/?$)")) << "build/ must stay out of the context";
  EXPECT_TRUE(RE2::PartialMatch(dockerignore, R"((?m)^/?\.git/?$)"));
}

// --- systemd --------------------------------------------------------------------------------------------

TEST(DeployFilesTest, SystemdUnitDoesNotRestartOnConfigErrorsAndWaitsForTheDrain) {
  std::multimap<std::string, std::string> settings;
  std::istringstream lines(ReadFile(kDeploy / "systemd" / "copydesk-worker.service"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[') continue;
    size_t eq = line.find('=');
    if (eq != std::string::npos) settings.emplace(line.substr(0, eq), line.substr(eq + 1));
  }
  auto get = [&](const std::string& key) {
    auto it = settings.find(key);
    return it == settings.end() ? std::string() : it->second;
  };
  ASSERT_FALSE(settings.empty());
  std::istringstream codes(get("RestartPreventExitStatus"));
  std::set<std::string> prevented{std::istream_iterator<std::string>(codes), std::istream_iterator<std::string>()};
  EXPECT_TRUE(prevented.contains(std::to_string(kExitConfig)));
  EXPECT_EQ(get("Restart"), "on-failure");
  EXPECT_EQ(get("User"), "copydesk");
  EXPECT_EQ(get("KillSignal"), "SIGTERM");
  EXPECT_NE(get("ExecStart").find("copydesk-worker run --config /etc/copydesk/copydesk.yaml"), std::string::npos);
  LoadedConfig loaded = LoadWorkerConfig(ReadFile(kDeploy / "copydesk.yaml"), "deploy/copydesk.yaml");
  ASSERT_TRUE(loaded.status.ok()) << loaded.status.ToString();
  EXPECT_GT(DurationSeconds(get("TimeoutStopSec")) * 1000, loaded.config.GetInt("worker.drain_timeout_ms"));
  for (const char* hardening : {"NoNewPrivileges", "ProtectHome", "PrivateTmp"}) {
    EXPECT_EQ(get(hardening), "true") << hardening;
  }
  EXPECT_EQ(get("ProtectSystem"), "strict");
}

// --- Grafana --------------------------------------------------------------------------------------------

void CollectExpressions(const google::protobuf::Value& value, const std::string& key, std::vector<std::string>* out) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kStringValue:
      if (key == "expr" || key == "query" || key == "definition") out->push_back(value.string_value());
      break;
    case google::protobuf::Value::kStructValue:
      for (const auto& [k, v] : value.struct_value().fields()) CollectExpressions(v, k, out);
      break;
    case google::protobuf::Value::kListValue:
      for (const auto& v : value.list_value().values()) CollectExpressions(v, key, out);
      break;
    default:
      break;
  }
}

TEST(DeployFilesTest, GrafanaDashboardUsesOnlyMetricsTheWorkerExposes) {
  google::protobuf::Value dashboard;
  auto status = google::protobuf::util::JsonStringToMessage(
      ReadFile(kDeploy / "grafana" / "copydesk-dashboard.json"), dashboard.mutable_struct_value());
  ASSERT_TRUE(status.ok()) << status.ToString();
  std::vector<std::string> expressions;
  CollectExpressions(dashboard, "", &expressions);
  ASSERT_GE(expressions.size(), 10u);

  // The families the worker renders, from its own renderer ("# TYPE <name> <type>" lines).
  Metrics metrics({"clean"});
  std::string rendered = metrics.Render("articles.raw");
  std::map<std::string, std::string> family_types;
  re2::StringPiece text(rendered);
  std::string name;
  std::string type;
  while (RE2::FindAndConsume(&text, R"((?m)^# TYPE (\S+) (\S+)$)", &name, &type)) family_types[name] = type;
  ASSERT_FALSE(family_types.empty());

  std::set<std::string> used;
  for (const std::string& expression : expressions) {
    re2::StringPiece input(expression);
    while (RE2::FindAndConsume(&input, R"((copydesk_[a-z_]+))", &name)) used.insert(name);
  }
  for (const std::string& metric : used) {
    if (family_types.contains(metric)) {
      EXPECT_NE(family_types[metric], "histogram") << metric << " is a histogram: use _bucket, _sum or _count";
      continue;
    }
    std::string base;
    std::string suffix;
    ASSERT_TRUE(RE2::FullMatch(metric, "(.*)_(bucket|sum|count)", &base, &suffix))
        << metric << " is not exposed by the worker";
    EXPECT_EQ(family_types[base], "histogram") << metric << " is not exposed by the worker";
    EXPECT_NE(rendered.find(metric), std::string::npos) << metric;
  }
  for (const char* needed : {"copydesk_records_consumed_total", "copydesk_records_produced_total",
                             "copydesk_records_dead_lettered_total", "copydesk_records_failed_total",
                             "copydesk_stage_duration_seconds_bucket", "copydesk_end_to_end_seconds_bucket",
                             "copydesk_records_in_flight", "copydesk_bytes_in_flight", "copydesk_partitions_paused",
                             "copydesk_consumer_lag", "copydesk_producer_queue_depth", "copydesk_rebalances_total",
                             "copydesk_build_info"}) {
    EXPECT_TRUE(used.contains(needed)) << "no panel shows " << needed;
  }

  // Importable anywhere: the datasource is an input, never a fixed uid of one Grafana.
  const auto& fields = dashboard.struct_value().fields();
  ASSERT_EQ(fields.count("__inputs"), 1u);
  ASSERT_GE(fields.at("__inputs").list_value().values_size(), 1);
  EXPECT_EQ(fields.at("__inputs").list_value().values(0).struct_value().fields().at("name").string_value(),
            "DS_PROMETHEUS");
  EXPECT_GE(fields.at("schemaVersion").number_value(), 36);
  std::string json = ReadFile(kDeploy / "grafana" / "copydesk-dashboard.json");
  re2::StringPiece uids(json);
  std::string uid;
  while (RE2::FindAndConsume(&uids, R"re("uid":\s*"([^"]*)")re", &uid)) {
    EXPECT_TRUE(uid == "${DS_PROMETHEUS}" || uid == "-- Grafana --" || uid == "copydesk-worker") << uid;
  }
}

}  // namespace
}  // namespace copydesk::worker
