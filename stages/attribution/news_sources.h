// The article's news sources: organisations credited for the reporting, once each, by canonical name.
//
// Contract
// - Starts from what earlier stages wrote into EnrichedArticle.sources (the cleaning stage records
//   syndication notes, names as written), canonicalises every name through the news-organisation table
//   (unknown names are kept as written) and drops repeats, keeping the first cue.
// - Add() takes a mention as written ("the Associated Press", "CNN") and returns false when the table does
//   not know it as a news organisation. The cue is given in two parts joined by a space ("according to" +
//   "Reuters"), so a mention that is no news organisation (most are people) costs no string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "copydesk/v1/enriched_article.pb.h"
#include "stages/attribution/lexicon.h"

namespace copydesk::stages::attribution {

class NewsSources {
 public:
  NewsSources(const Lexicon& lexicon, const v1::EnrichedArticle& article);
  bool Add(std::string_view mention, std::string_view cue_first, std::string_view cue_second);
  void WriteTo(v1::EnrichedArticle* article) const;

 private:
  void Insert(std::string name, std::string cue);

  const Lexicon& lexicon_;
  std::vector<v1::NewsSource> sources_;
};

}  // namespace copydesk::stages::attribution
