#include "worker/one_shot.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "worker/decode.h"
#include "worker/record_processor.h"

namespace copydesk::worker {
namespace {

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

class OneShotRunner {
 public:
  OneShotRunner(const stages::Chain& chain, const OneShotOptions& options, std::ostream& out,
                std::ostream& errors)
      : processor_(chain, "", ""), options_(options), out_(out), errors_(errors) {
    print_.preserve_proto_field_names = true;
    print_.add_whitespace = options.pretty;
  }

  void Handle(const std::string& origin, std::string_view value, InputFormat format) {
    InputRecord record;
    record.value = std::string(value);
    StatusOr<DecodedArticle> decoded =
        format == InputFormat::kText
            ? StatusOr<DecodedArticle>(DecodedArticle{ArticleFromPlainText(value), InputFormat::kText})
            : DecodeArticle(value, "application/json");
    if (!decoded.ok()) {
      Fail(origin, "", decoded.status());
      return;
    }
    if (format == InputFormat::kText && decoded->article.id().empty()) decoded->article.set_id(origin);
    std::string id = ArticleKey(decoded->article, record);
    google::protobuf::Arena arena(ArticleArenaOptions());
    v1::EnrichedArticle& enriched = *google::protobuf::Arena::CreateMessage<v1::EnrichedArticle>(&arena);
    Status status = processor_.Enrich(decoded.value(), nullptr, id, &enriched);
    if (!status.ok()) {
      Fail(origin, id, status);
      return;
    }
    std::string json;
    auto printed = google::protobuf::util::MessageToJsonString(enriched, &json, print_);
    if (!printed.ok()) {
      Fail(origin, id, Status::Error(StatusCode::kInternal, "encode", std::string(printed.message())));
      return;
    }
    out_ << json << "\n";
    ++summary_.processed;
  }

  void Fail(const std::string& origin, const std::string& id, const Status& status) {
    errors_ << "{\"line\":\"" << JsonEscape(origin) << "\",\"id\":\"" << JsonEscape(id) << "\",\"stage\":\""
            << JsonEscape(status.where()) << "\",\"reason\":\"" << JsonEscape(status.detail()) << "\"}\n";
    ++summary_.failed;
  }

  void ReadJsonLines(std::istream& in, const std::string& name) {
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Handle(name + ":" + std::to_string(number), line, InputFormat::kJson);
    }
  }

  OneShotSummary Run() {
    if (options_.inputs.empty()) {
      if (options_.text_files) {
        std::stringstream buffer;
        buffer << std::cin.rdbuf();
        Handle("stdin", buffer.str(), InputFormat::kText);
      } else {
        ReadJsonLines(std::cin, "stdin");
      }
    }
    for (const std::string& path : options_.inputs) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        errors_ << "{\"line\":\"" << JsonEscape(path) << "\",\"stage\":\"input\",\"reason\":\"cannot read file\"}\n";
        summary_.io_error = true;
        continue;
      }
      if (options_.text_files) {
        std::stringstream buffer;
        buffer << in.rdbuf();
        Handle(path, buffer.str(), InputFormat::kText);
      } else {
        ReadJsonLines(in, path);
      }
    }
    out_.flush();
    if (!out_) summary_.io_error = true;
    return summary_;
  }

 private:
  RecordProcessor processor_;
  const OneShotOptions& options_;
  std::ostream& out_;
  std::ostream& errors_;
  google::protobuf::util::JsonPrintOptions print_;
  OneShotSummary summary_;
};

}  // namespace

OneShotSummary RunOneShot(const stages::Chain& chain, const OneShotOptions& options, std::ostream& out,
                          std::ostream& errors) {
  OneShotRunner runner(chain, options, out, errors);
  return runner.Run();
}

}  // namespace copydesk::worker
