// The news organisations of stages/text/news_organizations.tsv, parsed once for every stage that credits
// reporting (clean: syndication notes and credit lines; attribution: "according to Reuters").
//
// Contract
// - ParseNewsOrganizations reads "canonical name<TAB>spelling|spelling..." lines; each organisation lists
//   its canonical name first among its spellings. A line without a name, or with more than two fields, is
//   an error naming the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace copydesk::text {

struct NewsOrganization {
  std::string name;                    // canonical: "Associated Press"
  std::vector<std::string> spellings;  // the name first, then "AP", "The Associated Press", ...
};

StatusOr<std::vector<NewsOrganization>> ParseNewsOrganizations(std::string_view tsv);

}  // namespace copydesk::text
