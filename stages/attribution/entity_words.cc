#include "stages/attribution/entity_words.h"

namespace copydesk::embedded {
std::string_view attribution_gender_words();
std::string_view attribution_organization_types();
}  // namespace copydesk::embedded

namespace copydesk::stages::attribution {
namespace {

// Lookups fold into a stack buffer: the table is asked about words of every paragraph.
constexpr size_t kMaxWord = 32;

}  // namespace

StatusOr<EntityWords> EntityWords::Load() {
  return Parse(embedded::attribution_gender_words(), embedded::attribution_organization_types());
}

StatusOr<EntityWords> EntityWords::Parse(std::string_view gender_words, std::string_view organization_types) {
  EntityWords words;
  std::string bad;
  for (std::string_view line : DataLines(gender_words)) {
    size_t tab = line.find('\t');
    std::string_view g = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    if (g != "f" && g != "m") {
      bad = std::string(line);
      continue;
    }
    std::string key;
    LowerInto(line.substr(0, tab), &key);
    words.gender_[key] = g[0];
  }
  if (!bad.empty()) return Status::Error("attribution", "gender_words.tsv: bad line: " + bad);
  for (std::string_view line : DataLines(organization_types)) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      bad = std::string(line);
      continue;
    }
    std::string key;
    LowerInto(line.substr(0, tab), &key);
    std::vector<std::string>& types = words.types_[key];
    std::string_view rest = line.substr(tab + 1);
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view t = rest.substr(0, comma);
      if (!t.empty()) {
        types.emplace_back(t);
        words.all_types_.emplace(t);
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (!bad.empty()) return Status::Error("attribution", "organization_types.tsv: bad line: " + bad);
  return words;
}

char EntityWords::GenderOf(std::string_view word) const {
  if (word.size() > kMaxWord) return 0;
  char buffer[kMaxWord];
  for (size_t i = 0; i < word.size(); ++i) buffer[i] = FoldAscii(word[i]);
  auto it = gender_.find(std::string_view(buffer, word.size()));
  return it == gender_.end() ? 0 : it->second;
}

const std::vector<std::string>* EntityWords::TypesOf(std::string_view word) const {
  if (word.size() > kMaxWord) return nullptr;
  char buffer[kMaxWord];
  for (size_t i = 0; i < word.size(); ++i) buffer[i] = FoldAscii(word[i]);
  auto it = types_.find(std::string_view(buffer, word.size()));
  return it == types_.end() ? nullptr : &it->second;
}

}  // namespace copydesk::stages::attribution
