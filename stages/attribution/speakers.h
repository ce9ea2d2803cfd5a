// Speakers: what a mention says about its speaker (kind, name, title, organisation). Resolution against
// the rest of the article is the entity table's (entity_table.h).
//
// Contract
// - DescribeMention reads a mention as written ("Portuguese Fisheries Minister Ana Duarte", "a joint OECD
//   statement", "the OECD finance ministers", "he") using the lexicon's word roles: a title runs to the last
//   title word before the name; a document speaks for the organisation named in it; a plural head noun
//   makes a group; an acronym or an organisation noun makes an organisation.
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
  uint32_t at = UINT32_MAX;  // byte offset of the mention in its paragraph; UINT32_MAX if unknown
};

SpeakerFacts DescribeMention(std::string_view mention, const Lexicon& lexicon);

// False when the mention cannot be a noun phrase that speaks: only determiners ("The", "his", "that"),
// or a modal verb inside it ("Sanders may now"). Such a mention means the pattern misread the sentence:
// the stage leaves the speaker unnamed rather than give it a nonsense name.
bool MentionCanSpeak(std::string_view mention, const Lexicon& lexicon);

}  // namespace copydesk::stages::attribution
