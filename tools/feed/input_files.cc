#include "tools/feed/input_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

namespace copydesk::tools {
namespace fs = std::filesystem;

namespace {

InputKind KindOf(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".jsonl" || extension == ".ndjson" || extension == ".json" ? InputKind::kJsonLines
                                                                                 : InputKind::kPlainText;
}

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

}  // namespace

StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& paths, InputKind stdin_kind) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back({path, stdin_kind});
      continue;
    }
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      return Status::Error(StatusCode::kIOError, "input", "no such file or directory: " + path);
    }
    if (!fs::is_directory(status)) {
      files.push_back({path, KindOf(path)});
      continue;
    }
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      if (IsHidden(it->path())) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path());
    }
    if (error) {
      return Status::Error(StatusCode::kIOError, "input", "cannot read directory " + path + ": " + error.message());
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& file : found) files.push_back({file.string(), KindOf(file)});
  }
  return files;
}

bool ForEachUnit(const InputFile& file, std::istream& in, const std::function<bool(InputUnit)>& sink) {
  if (file.kind == InputKind::kPlainText) {
    std::stringstream buffer;
    buffer << in.rdbuf();
    return sink({file.path, buffer.str()});
  }
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!sink({file.path + ":" + std::to_string(number), std::move(line)})) return false;
  }
  return true;
}

std::string FileStem(const std::string& path) {
  if (path == "-") return "stdin";
  return fs::path(path).stem().string();
}

}  // namespace copydesk::tools
