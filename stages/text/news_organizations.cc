#include "stages/text/news_organizations.h"

#include "stages/text/table_lines.h"

namespace copydesk::text {

StatusOr<std::vector<NewsOrganization>> ParseNewsOrganizations(std::string_view tsv) {
  std::vector<NewsOrganization> organizations;
  for (const TableLine& line : SplitTableLines(tsv)) {
    if (line.fields.size() > 2) {
      return Status::Error(StatusCode::kInternal, "news_organizations.tsv",
                           "line " + std::to_string(line.number) + ": expected name<TAB>spellings");
    }
    NewsOrganization org;
    org.name = std::string(line.fields[0]);
    org.spellings.push_back(org.name);
    if (line.fields.size() == 2) {
      for (std::string_view spelling : SplitList(line.fields[1], '|')) org.spellings.emplace_back(spelling);
    }
    organizations.push_back(std::move(org));
  }
  return organizations;
}

}  // namespace copydesk::text
