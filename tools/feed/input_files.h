// What copydesk-feed reads: JSON-lines files (one RawArticle in the proto3 JSON mapping per line) and
// plain-text files (one article per file), given as files, directories (walked recursively, sorted by
// path so that a backfill is reproducible, hidden entries skipped) or "-" for standard input.
//
// A file is JSON lines when its name ends in .jsonl, .ndjson or .json, plain text otherwise; standard
// input is whatever the caller says. An input unit is one non-blank JSON line, or one whole text file;
// its origin ("path:line" or "path") names it in error messages.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "common/status.h"

namespace copydesk::tools {

enum class InputKind { kJsonLines, kPlainText };

struct InputFile {
  std::string path;  // "-" = standard input
  InputKind kind = InputKind::kJsonLines;
};

// Fails when a path does not exist.
StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& paths, InputKind stdin_kind);

struct InputUnit {
  std::string origin;
  std::string content;  // the line without its line break, or the whole file
};

// Calls `sink` for each unit of `file` read from `in`, until it returns false. Returns false when `sink`
// stopped the reading.
bool ForEachUnit(const InputFile& file, std::istream& in, const std::function<bool(InputUnit)>& sink);

// The file name without folders and without its last extension ("a/b/ferry.txt" -> "ferry"); "stdin"
// for "-".
std::string FileStem(const std::string& path);

}  // namespace copydesk::tools
