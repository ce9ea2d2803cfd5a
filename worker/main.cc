// copydesk-worker: the binary. Subcommands:
//   run            consume -> chain -> produce, until SIGTERM/SIGINT
//   process        one-shot: JSON lines (or text files) in, EnrichedArticle JSON lines out, no Kafka
//   check-config   validate and print the effective configuration, secrets redacted
//   stages         list the stages and their config keys
//   version
// Exit codes: 0 ok; 1 runtime failure; 2 usage or configuration error; 3 `process --strict` with failed
// articles; 4 drain timed out on shutdown (uncommitted records will be consumed again: nothing is lost).
#include <CLI/CLI.hpp>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/stubs/logging.h>
#include <librdkafka/rdkafkacpp.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>

#include "stages/registry.h"
#include "worker/config.h"
#include "worker/exit_codes.h"
#include "worker/kafka_worker.h"
#include "worker/logging.h"
#include "worker/one_shot.h"
#include "worker/record_processor.h"

extern char** environ;

namespace copydesk::worker {
namespace {

struct ConfigFlags {
  std::string file;
  std::vector<std::string> overrides;
  std::string bootstrap_servers, group_id, input_topic, output_topic, dead_letter_topic, log_level, log_format;
  std::string chain;
  int threads = -1;

  void Attach(CLI::App* app) {
    app->add_option("-c,--config", file, "YAML configuration file (default: the embedded default)");
    app->add_option("--set", overrides, "Override any key: --set kafka.group_id=news (repeatable)");
    app->add_option("--bootstrap-servers", bootstrap_servers, "= --set kafka.bootstrap_servers=...");
    app->add_option("--group-id", group_id, "= --set kafka.group_id=...");
    app->add_option("--input-topic", input_topic, "= --set kafka.input_topic=...");
    app->add_option("--output-topic", output_topic, "= --set kafka.output_topic=...");
    app->add_option("--dead-letter-topic", dead_letter_topic, "= --set kafka.dead_letter_topic=...");
    app->add_option("--threads", threads, "= --set worker.threads=...");
    app->add_option("--stages", chain, "= --set stages.chain=... (comma-separated)");
    app->add_option("--log-level", log_level, "= --set log.level=...");
    app->add_option("--log-format", log_format, "= --set log.format=...");
  }

  // Layers: embedded default, file, environment, flags.
  Status Load(Config* config) const {
    Status s = config->ApplyYamlText(DefaultYaml(), "embedded default");
    if (s.ok() && !file.empty()) s = config->ApplyYamlFile(file);
    if (!s.ok()) return s;
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
    s = config->ApplyEnvironment(env);
    if (!s.ok()) return s;
    const std::pair<std::string_view, const std::string*> named[] = {
        {"kafka.bootstrap_servers", &bootstrap_servers}, {"kafka.group_id", &group_id},
        {"kafka.input_topic", &input_topic},             {"kafka.output_topic", &output_topic},
        {"kafka.dead_letter_topic", &dead_letter_topic}, {"log.level", &log_level},
        {"log.format", &log_format},                     {"stages.chain", &chain}};
    for (const auto& [key, value] : named) {
      if (!value->empty()) {
        s = config->Set(key, *value, "flag");
        if (!s.ok()) return s;
      }
    }
    if (threads >= 0) {
      s = config->Set("worker.threads", std::to_string(threads), "flag");
      if (!s.ok()) return s;
    }
    for (const std::string& assignment : overrides) {
      s = config->ApplyOverride(assignment);
      if (!s.ok()) return s;
    }
    return config->Validate();
  }
};

int ConfigError(const Status& status) {
  std::cerr << "copydesk-worker: " << status.ToString() << "\n";
  return kExitConfig;
}

int Main(int argc, char** argv) {
  // Protobuf reports parse problems (e.g. invalid UTF-8 it then rejects) on stderr in its own format;
  // route them through our logger at debug level: the decoder already turns them into reasons.
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char*, int, const std::string& message) {
    spdlog::debug("protobuf: {}", message);
  });
  CLI::App app{"copydesk-worker: Kafka in, cleaning -> captions -> attribution, EnrichedArticle out"};
  app.require_subcommand(1);

  ConfigFlags run_flags;
  CLI::App* run = app.add_subcommand("run", "Consume, run the stage chain, produce (until SIGTERM/SIGINT)");
  run_flags.Attach(run);

  ConfigFlags check_flags;
  CLI::App* check = app.add_subcommand("check-config", "Validate and print the effective config (secrets redacted)");
  check_flags.Attach(check);

  ConfigFlags process_flags;
  OneShotOptions one_shot;
  std::string output_path;
  bool strict = false;
  CLI::App* process = app.add_subcommand("process", "One-shot: RawArticle JSON lines in, EnrichedArticle JSON lines out");
  process_flags.Attach(process);
  process->add_option("-i,--input", one_shot.inputs, "Input file (repeatable; default standard input)");
  process->add_option("-o,--output", output_path, "Output file (default standard output)");
  process->add_flag("--text", one_shot.text_files, "Inputs are plain-text articles, one per file");
  process->add_flag("--pretty", one_shot.pretty, "Indented JSON");
  process->add_flag("--strict", strict, "Exit 3 when any article failed");

  CLI::App* list = app.add_subcommand("stages", "List the stages and their config keys");
  CLI::App* version = app.add_subcommand("version", "Print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitConfig;
  }

  if (*version) {
    // The running libraries, not the headers compiled against: what a bug report needs.
    std::cout << "copydesk-worker " << WorkerVersion() << "\n"
              << "librdkafka " << RdKafka::version_str() << "\n"
              << "protobuf " << google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION) << "\n";
    return kExitOk;
  }
  if (*list) {
    for (const stages::StageDescriptor& stage : stages::BuiltinStages()) {
      std::cout << stage.name << ": " << stage.doc << "\n";
      for (const stages::ConfigKey& key : stage.keys) {
        std::string allowed = stages::AllowedValues(key);
        std::cout << "  stages." << stage.name << "." << key.name << " (" << stages::KeyTypeName(key.type)
                  << (allowed.empty() ? "" : ", " + allowed) << ", default " << key.default_value
                  << "): " << key.doc << "\n";
      }
    }
    return kExitOk;
  }
  if (*check) {
    Config config;
    Status s = check_flags.Load(&config);
    if (!s.ok()) return ConfigError(s);
    // Building the chain also runs the checks only a stage's factory can make.
    StatusOr<stages::Chain> chain = stages::Chain::Build(config.ChainSpec());
    if (!chain.ok()) return ConfigError(chain.status());
    std::cout << config.Describe();
    for (const std::string& name : config.ignored_environment()) {
      std::cout << "# ignored environment variable (matches no key): " << name << "\n";
    }
    return kExitOk;
  }
  if (*process) {
    Config config;
    Status s = process_flags.Load(&config);
    if (!s.ok()) return ConfigError(s);
    SetUpLogging(config.GetString("log.level"), config.GetString("log.format"));
    StatusOr<stages::Chain> chain = stages::Chain::Build(config.ChainSpec());
    if (!chain.ok()) return ConfigError(chain.status());
    std::ofstream file;
    if (!output_path.empty()) {
      file.open(output_path, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << "copydesk-worker: cannot write " << output_path << "\n";
        return kExitRuntime;
      }
    }
    std::ostream& out = output_path.empty() ? std::cout : file;
    OneShotSummary summary = RunOneShot(chain.value(), one_shot, out, std::cerr);
    spdlog::info("processed {} articles, {} failed", summary.processed, summary.failed);
    if (summary.io_error) return kExitRuntime;
    return strict && summary.failed > 0 ? kExitStrictFailures : kExitOk;
  }
  if (*run) {
    Config config;
    Status s = run_flags.Load(&config);
    if (!s.ok()) return ConfigError(s);
    SetUpLogging(config.GetString("log.level"), config.GetString("log.format"));
    return RunKafkaWorker(config);
  }
  return kExitConfig;
}

}  // namespace
}  // namespace copydesk::worker

int main(int argc, char** argv) { return copydesk::worker::Main(argc, argv); }
