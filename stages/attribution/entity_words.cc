#include "stages/attribution/entity_words.h"

#include "stages/text/table_lines.h"

namespace copydesk::embedded {
std::string_view attribution_gender_words();
std::string_view attribution_organization_types();
std::string_view attribution_person_roles();
}  // namespace copydesk::embedded

namespace copydesk::stages::attribution {
namespace {

// Lookups fold into a stack buffer: the table is asked about words of every paragraph.
constexpr size_t kMaxWord = 32;

}  // namespace

StatusOr<EntityWords> EntityWords::Load() {
  return Parse(embedded::attribution_gender_words(), embedded::attribution_organization_types(),
               embedded::attribution_person_roles());
}

StatusOr<EntityWords> EntityWords::Parse(std::string_view gender_words, std::string_view organization_types,
                                         std::string_view person_roles) {
  EntityWords words;
  std::string bad;
  auto bad_line = [](std::string_view table, const text::TableLine& line) {
    return Status::Error(StatusCode::kInternal, "attribution",
                         std::string(table) + ": bad line " + std::to_string(line.number));
  };
  for (const text::TableLine& line : text::SplitTableLines(gender_words)) {
    if (line.fields.size() != 2 || (line.fields[1] != "f" && line.fields[1] != "m")) {
      return bad_line("gender_words.tsv", line);
    }
    std::string key;
    LowerInto(line.fields[0], &key);
    words.gender_[key] = line.fields[1][0];
  }
  for (const text::TableLine& line : text::SplitTableLines(organization_types)) {
    if (line.fields.size() != 2) return bad_line("organization_types.tsv", line);
    std::string key;
    LowerInto(line.fields[0], &key);
    std::vector<std::string>& types = words.types_[key];
    for (std::string_view type : text::SplitList(line.fields[1], ',')) {
      types.emplace_back(type);
      words.all_types_.emplace(type);
    }
  }
  for (const text::TableLine& line : text::SplitTableLines(person_roles)) {
    if (line.fields.size() != 2) return bad_line("person_roles.tsv", line);
    std::string key;
    LowerInto(line.fields[0], &key);
    std::vector<std::string>& roles = words.roles_[key];
    for (std::string_view role : text::SplitList(line.fields[1], ',')) roles.emplace_back(role);
  }
  return words;
}

char EntityWords::GenderOf(std::string_view word) const {
  if (word.size() > kMaxWord) return 0;
  char buffer[kMaxWord];
  for (size_t i = 0; i < word.size(); ++i) buffer[i] = FoldAscii(word[i]);
  auto it = gender_.find(std::string_view(buffer, word.size()));
  return it == gender_.end() ? 0 : it->second;
}

namespace {

const std::vector<std::string>* LookUpFolded(const StringMap<std::vector<std::string>>& map, std::string_view word) {
  if (word.size() > kMaxWord) return nullptr;
  char buffer[kMaxWord];
  for (size_t i = 0; i < word.size(); ++i) buffer[i] = FoldAscii(word[i]);
  auto it = map.find(std::string_view(buffer, word.size()));
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

const std::vector<std::string>* EntityWords::TypesOf(std::string_view word) const { return LookUpFolded(types_, word); }

const std::vector<std::string>* EntityWords::RolesOf(std::string_view word) const { return LookUpFolded(roles_, word); }

}  // namespace copydesk::stages::attribution
