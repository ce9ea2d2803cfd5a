// Speakers: what a mention says about its speaker (kind, name, title, organisation), and resolution of
// short mentions within one article.
//
// Contract
// - DescribeMention reads a mention as written ("Spanish Defense Minister Margarita Robles", "a joint NATO
//   statement", "the NATO foreign ministers", "he") using the lexicon's word roles: a title runs to the last
//   title word before the name; a document speaks for the organisation named in it; a plural head noun
//   makes a group; an acronym or an organisation noun makes an organisation.
// - PeopleIndex holds the people of one article (never shared across articles or threads): full names
//   with their titles, noted from every paragraph as it is read and from every speaker. Resolve maps a
//   surname or "Mr. X" to the full name introduced earlier, a title alone ("the secretary general") to the
//   latest person holding it, and a pronoun to the nearest earlier compatible speaker (he/she/I: a person;
//   they/we: a group or organisation).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "copydesk/v1/enriched_article.pb.h"
#include "stages/attribution/lexicon.h"
#include "stages/attribution/paragraph_tokens.h"

namespace copydesk::stages::attribution {

struct SpeakerFacts {
  std::string mention;
  std::string name;
  std::string title;
  std::string organization;
  v1::Speaker::Kind kind = v1::Speaker::UNKNOWN;
  bool pronoun = false;
};

SpeakerFacts DescribeMention(std::string_view mention, const Lexicon& lexicon);

class PeopleIndex {
 public:
  PeopleIndex() = default;

  // Notes every "Title Firstname Lastname" run of the paragraph's words.
  void NotePeople(std::string_view paragraph, const ParagraphTokens& tokens);
  // Fills name, title and organisation from what the article said earlier, then remembers the speaker.
  void Resolve(SpeakerFacts* speaker);
  // True when `word` (one word, any case) is the surname of a person the article has named in full:
  // after "Michael Bloomberg", a bare "Bloomberg" is him, not Bloomberg News.
  bool IsKnownSurname(std::string_view word) const;

 private:
  struct Person {
    std::string name;
    std::string title;
    std::string organization;
  };
  void Note(const SpeakerFacts& facts);
  const Person* FindBySurname(std::string_view name) const;

  std::vector<Person> people_;
  StringMap<size_t> by_surname_;  // lower-cased last word of a full name -> index into people_
  SpeakerFacts last_person_;
  SpeakerFacts last_group_;
  bool has_last_person_ = false;
  bool has_last_group_ = false;
  size_t last_noted_ = SIZE_MAX;
  std::string surname_scratch_;  // NotePeople's lookup key, reused
};

}  // namespace copydesk::stages::attribution
