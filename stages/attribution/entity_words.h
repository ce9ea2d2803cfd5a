// Entity words: what a single word says about an entity of the article, for the entity table.
//
// Contract
// - GenderOf(word): 'f' or 'm' for a given name or a gendered title or role word of gender_words.tsv
//   ("Ingrid", "Mrs", "chairwoman"), else 0. Any ASCII case.
// - TypesOf(word): the kinds of organisation a name ending in `word` is (organization_types.tsv: "Airways"
//   -> airline, carrier, company), else nullptr. Any ASCII case.
// - RolesOf(word): the other roles a person titled `word` holds (person_roles.tsv: "Justice" -> judge),
//   else nullptr. Any ASCII case.
// - IsOrganizationType(word): `word` (lower-case) is one of those kinds ("insurer", "airline", "club").
// - Parsed once at factory time from files compiled into the binary; immutable, shared by threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stages/attribution/lexicon.h"
#include "stages/status.h"

namespace copydesk::stages::attribution {

class EntityWords {
 public:
  static StatusOr<EntityWords> Load();
  static StatusOr<EntityWords> Parse(std::string_view gender_words, std::string_view organization_types,
                                     std::string_view person_roles);

  char GenderOf(std::string_view word) const;
  const std::vector<std::string>* TypesOf(std::string_view word) const;
  const std::vector<std::string>* RolesOf(std::string_view word) const;
  bool IsOrganizationType(std::string_view lower) const { return all_types_.contains(lower); }

 private:
  StringMap<char> gender_;
  StringMap<std::vector<std::string>> types_;
  StringMap<std::vector<std::string>> roles_;
  StringSet all_types_;
};

}  // namespace copydesk::stages::attribution
