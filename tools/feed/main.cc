// copydesk-feed: produces RawArticle records to copydesk's input topic from JSON-lines files, plain-text
// files, directories of them, or standard input ("-"). The crawler-side producer for backfills, load tests
// and the demo.
//
// Every record is counted through its delivery report; at the end the producer is flushed with a timeout
// and the run exits 1 if ANY record was not delivered (or an input line could not be read), 2 on bad usage,
// 0 otherwise. The producer is idempotent, so librdkafka's retries neither duplicate nor reorder records.
#include <CLI/CLI.hpp>
#include <librdkafka/rdkafkacpp.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "tools/common/assignment.h"
#include "tools/common/kafka_settings.h"
#include "tools/common/stop_signal.h"
#include "tools/feed/article_records.h"
#include "tools/feed/input_files.h"
#include "tools/feed/progress.h"

namespace copydesk::tools {
namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;
constexpr size_t kMaxErrorsShown = 10;

// Delivery reports arrive on the thread that calls poll()/flush(), which is always main here.
class DeliveryCounter : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    if (message.err() == RdKafka::ERR_NO_ERROR) {
      ++delivered;
      return;
    }
    ++failed;
    if (failed <= kMaxErrorsShown) {
      std::cerr << "copydesk-feed: not delivered (" << message.topic_name() << ", key "
                << (message.key() ? *message.key() : std::string("none")) << "): " << message.errstr() << "\n";
    }
  }
  uint64_t delivered = 0;
  uint64_t failed = 0;
};

struct Options {
  std::vector<std::string> inputs;
  KafkaSettings kafka;
  std::string topic = "articles.raw";
  std::string format = "protobuf";
  std::string key_field = "id";
  std::vector<std::string> header_args;
  bool raw = false;
  std::string content_type;
  bool stdin_text = false;
  bool ignore_unknown_fields = false;
  uint64_t repeat = 1;
  uint64_t limit = 0;
  int flush_timeout_ms = 30000;
  bool quiet = false;
};

class Feeder {
 public:
  Feeder(const Options& options, RdKafka::Producer* producer, DeliveryCounter* deliveries, WireFormat format,
         std::vector<RecordHeader> headers)
      : options_(options), producer_(producer), deliveries_(deliveries), format_(format),
        headers_(std::move(headers)), show_progress_(!options.quiet && isatty(STDERR_FILENO)) {}

  // Returns false when the run must stop (limit reached, signal, fatal produce error).
  bool Feed(const InputFile& file) {
    std::ifstream opened;
    if (file.path != "-") {
      opened.open(file.path, std::ios::binary);
      if (!opened) {
        InputError(file.path, "cannot read file");
        return true;
      }
    }
    std::istream& in = file.path == "-" ? std::cin : opened;
    return ForEachUnit(file, in, [&](InputUnit unit) { return Handle(file, std::move(unit)); });
  }

  ProgressCounts Counts() const {
    return {sent_, deliveries_->delivered, deliveries_->failed + input_errors_, bytes_};
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  void ClearProgress() {
    if (show_progress_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool Handle(const InputFile& file, InputUnit unit) {
    if (StopRequested()) return false;
    if (options_.limit > 0 && sent_ + input_errors_ >= options_.limit) return false;
    if (options_.raw) {
      // Raw mode keys each record by where it came from, so that a dead letter can be traced to its line.
      return Produce(unit.origin, std::move(unit.content), headers_);
    }
    v1::RawArticle article;
    if (file.kind == InputKind::kJsonLines) {
      StatusOr<v1::RawArticle> parsed = ArticleFromJsonLine(unit.content, options_.ignore_unknown_fields);
      if (!parsed.ok()) {
        InputError(unit.origin, parsed.status().detail());
        return true;
      }
      article = std::move(parsed).value();
    } else {
      article = ArticleFromTextFile(unit.content, FileStem(file.path));
    }
    StatusOr<std::string> value = EncodeArticle(article, format_);
    if (!value.ok()) {
      InputError(unit.origin, value.status().ToString());
      return true;
    }
    return Produce(KeyOf(article, options_.key_field), std::move(value).value(), headers_);
  }

  bool Produce(std::optional<std::string> key, std::string value, const std::vector<RecordHeader>& headers) {
    for (;;) {
      RdKafka::Headers* record_headers = RdKafka::Headers::create();
      for (const auto& [name, header_value] : headers) record_headers->add(name, header_value);
      RdKafka::ErrorCode err = producer_->produce(
          options_.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY, value.data(), value.size(),
          key ? key->data() : nullptr, key ? key->size() : 0, 0, record_headers, nullptr);
      if (err == RdKafka::ERR_NO_ERROR) break;  // librdkafka owns the headers now
      delete record_headers;
      if (err != RdKafka::ERR__QUEUE_FULL) {
        std::cerr << "copydesk-feed: cannot produce to " << options_.topic << ": " << RdKafka::err2str(err) << "\n";
        ++input_errors_;
        return false;
      }
      producer_->poll(50);  // the local queue is full: serve delivery reports until there is room
      if (StopRequested()) return false;
    }
    ++sent_;
    bytes_ += value.size();
    producer_->poll(0);
    MaybeShowProgress();
    return true;
  }

  void InputError(const std::string& origin, const std::string& reason) {
    ++input_errors_;
    if (input_errors_ <= kMaxErrorsShown) {
      ClearProgress();
      std::cerr << "copydesk-feed: " << origin << ": " << reason << "\n";
    }
  }

  void MaybeShowProgress() {
    if (!show_progress_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_shown_ < std::chrono::milliseconds(200)) return;
    last_shown_ = now;
    std::cerr << "\r\033[K" << FormatProgress(Counts(), Seconds()) << std::flush;
  }

  const Options& options_;
  RdKafka::Producer* producer_;
  DeliveryCounter* deliveries_;
  WireFormat format_;
  std::vector<RecordHeader> headers_;
  bool show_progress_;
  uint64_t sent_ = 0, bytes_ = 0, input_errors_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_shown_{};
};

int Main(int argc, char** argv) {
  Options options;
  CLI::App app{"copydesk-feed: produce RawArticle records (JSON lines, text files, directories, -) to Kafka"};
  app.add_option("inputs", options.inputs, "JSON-lines files (.jsonl/.ndjson/.json), text files, directories, - "
                                           "(default -)");
  app.add_option("-b,--bootstrap-servers", options.kafka.bootstrap_servers, "Kafka bootstrap servers")
      ->default_val("127.0.0.1:9092");
  app.add_option("-t,--topic", options.topic, "Topic to produce to")->capture_default_str();
  app.add_option("-X", options.kafka.properties, "librdkafka property prop=value (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-f,--format", options.format, "Wire form of the value: protobuf, json or text")
      ->check(CLI::IsMember({"protobuf", "json", "text"}))
      ->capture_default_str();
  app.add_option("--key-field", options.key_field, "RawArticle field to key by (id, url, ..., metadata.NAME)")
      ->capture_default_str();
  app.add_option("-H,--header", options.header_args, "Extra record header k=v (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--raw", options.raw, "Send each JSON line (or text file) as-is, keyed by its origin (path:line)");
  app.add_option("--content-type", options.content_type, "content-type header in --raw mode (default: none)");
  app.add_flag("--stdin-text", options.stdin_text, "Standard input is one plain-text article, not JSON lines");
  app.add_flag("--ignore-unknown-fields", options.ignore_unknown_fields, "Accept JSON fields RawArticle lacks");
  app.add_option("--repeat", options.repeat, "Send the inputs N times (load tests)")->check(CLI::PositiveNumber);
  app.add_option("--limit", options.limit, "Stop after N records (0 = no limit)");
  app.add_option("--flush-timeout-ms", options.flush_timeout_ms, "How long to wait for the last deliveries")
      ->capture_default_str();
  app.add_flag("-q,--quiet", options.quiet, "No progress line and no summary");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (options.inputs.empty()) options.inputs.push_back("-");
  if (!options.raw && !IsKeyField(options.key_field)) {
    std::cerr << "copydesk-feed: --key-field " << options.key_field << " is not a string field of RawArticle\n";
    return kExitUsage;
  }
  WireFormat format = *worker::InputFormatFromName(options.format);
  std::vector<RecordHeader> extra;
  for (const std::string& arg : options.header_args) {
    std::optional<Assignment> header = SplitAssignment(arg);
    if (!header) {
      std::cerr << "copydesk-feed: bad --header \"" << arg << "\" (expected k=v)\n";
      return kExitUsage;
    }
    extra.push_back(*header);
  }
  std::vector<RecordHeader> headers;
  if (options.raw) {
    if (!options.content_type.empty()) headers.emplace_back("content-type", options.content_type);
    headers.insert(headers.end(), extra.begin(), extra.end());
  } else {
    headers = RecordHeaders(format, extra);
  }
  StatusOr<std::vector<InputFile>> files =
      ExpandInputs(options.inputs, options.stdin_text ? InputKind::kPlainText : InputKind::kJsonLines);
  if (!files.ok()) {
    std::cerr << "copydesk-feed: " << files.status().detail() << "\n";
    return kExitUsage;
  }

  DeliveryCounter deliveries;
  StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      MakeKafkaConf(options.kafka, {"enable.idempotence=true", "linger.ms=5", "client.id=copydesk-feed"});
  if (!conf.ok()) {
    std::cerr << "copydesk-feed: " << conf.status().detail() << "\n";
    return kExitUsage;
  }
  std::string error;
  conf.value()->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(&deliveries), error);
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.value().get(), error));
  if (!producer) {
    std::cerr << "copydesk-feed: cannot create the producer: " << error << "\n";
    return kExitFailed;
  }
  InstallStopHandlers();

  Feeder feeder(options, producer.get(), &deliveries, format, std::move(headers));
  bool going = true;
  for (uint64_t round = 0; going && round < options.repeat; ++round) {
    for (const InputFile& file : files.value()) {
      going = feeder.Feed(file);
      if (!going) break;
    }
  }
  RdKafka::ErrorCode flushed = producer->flush(options.flush_timeout_ms);
  if (flushed != RdKafka::ERR_NO_ERROR) {
    // Purging turns every record still queued or in flight into a failed delivery report, so the counts
    // below stay exact and closing the producer does not hang on a broker that went away.
    std::cerr << "copydesk-feed: flush timed out after " << options.flush_timeout_ms << " ms; "
              << producer->outq_len() << " records not delivered\n";
    producer->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
    producer->flush(1000);
  }
  feeder.ClearProgress();
  ProgressCounts counts = feeder.Counts();
  uint64_t reported = deliveries.delivered + deliveries.failed;
  if (counts.sent > reported) counts.failed += counts.sent - reported;  // no report at all: not delivered
  if (!options.quiet) std::cerr << "copydesk-feed: " << FormatProgress(counts, feeder.Seconds()) << "\n";
  ReraiseStopSignal();
  bool all_delivered = counts.failed == 0 && counts.delivered == counts.sent;
  return all_delivered ? kExitOk : kExitFailed;
}

}  // namespace
}  // namespace copydesk::tools

int main(int argc, char** argv) { return copydesk::tools::Main(argc, argv); }
