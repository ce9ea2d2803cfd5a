#include "stages/attribution/news_sources.h"

namespace copydesk::stages::attribution {

NewsSources::NewsSources(const Lexicon& lexicon, const v1::EnrichedArticle& article) : lexicon_(lexicon) {
  for (const v1::NewsSource& source : article.sources()) {
    std::string_view canonical = lexicon_.NewsOrganization(source.name());
    Insert(canonical.empty() ? source.name() : std::string(canonical), source.cue());
  }
}

bool NewsSources::Add(std::string_view mention, std::string_view cue_first, std::string_view cue_second) {
  std::string_view canonical = lexicon_.NewsOrganization(mention);
  if (canonical.empty()) return false;
  std::string cue;
  cue.reserve(cue_first.size() + 1 + cue_second.size());
  cue.append(cue_first).append(" ").append(cue_second);
  Insert(std::string(canonical), std::move(cue));
  return true;
}

void NewsSources::Insert(std::string name, std::string cue) {
  if (name.empty()) return;
  std::string key;
  LowerInto(name, &key);
  for (const v1::NewsSource& s : sources_) {
    std::string other;
    LowerInto(s.name(), &other);
    if (other == key) return;
  }
  v1::NewsSource source;
  source.set_name(std::move(name));
  source.set_cue(std::move(cue));
  sources_.push_back(std::move(source));
}

void NewsSources::WriteTo(v1::EnrichedArticle* article) const {
  article->clear_sources();
  for (const v1::NewsSource& s : sources_) *article->add_sources() = s;
}

}  // namespace copydesk::stages::attribution
