#include "stages/attribution/speakers.h"

namespace copydesk::stages::attribution {
namespace {

std::string Join(const std::vector<std::string_view>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

bool IsCourtesyTitle(std::string_view lower) {
  return lower == "mr." || lower == "mrs." || lower == "ms." || lower == "dr." || lower == "mr" || lower == "ms" ||
         lower == "mrs";
}

WordRole RoleOf(const Lexicon& lexicon, std::string_view word) {
  const WordInfo* info = lexicon.FindAnyCase(word);
  return info == nullptr ? WordRole::kNone : info->role;
}

std::string LowerCopy(std::string_view s) {
  std::string out;
  LowerInto(s, &out);
  return out;
}

// "the fishing cooperative Mar Aberto": a proper name closing a description is the organisation's
// name; the lower-case words before it describe it. Returns where the name starts, or `begin` when the
// words are not plain description + name ("the national weather institute", "the state's Health Board").
size_t ProperNameTail(const std::vector<std::string_view>& words, size_t begin, size_t end) {
  size_t i = begin;
  while (i < end && !StartsUpper(words[i])) {
    if (words[i].ends_with("'s") || words[i].ends_with("\xE2\x80\x99s")) return begin;
    ++i;
  }
  if (i == begin || i >= end) return begin;
  for (size_t k = i; k < end; ++k) {
    if (!StartsUpper(words[k]) && words[k] != "of" && words[k] != "for" && words[k] != "and") return begin;
  }
  return i;
}

}  // namespace

bool MentionCanSpeak(std::string_view mention, const Lexicon& lexicon) {
  bool noun = false;
  for (std::string_view w : Words(mention)) {
    // Written in lower case, these are verbs; capitalised they may be a name ("Will Ames", "Can Yilmaz").
    for (std::string_view modal : {"may", "might", "can", "could", "should", "must", "would", "will"})
      if (w == modal) return false;
    // A possessive alone speaks ("his remarks about"); an article or a demonstrative alone does not.
    if (RoleOf(lexicon, w) != WordRole::kDeterminer || EqualsLowerAscii(w, "his") || EqualsLowerAscii(w, "her") ||
        EqualsLowerAscii(w, "its") || EqualsLowerAscii(w, "their") || EqualsLowerAscii(w, "our") ||
        EqualsLowerAscii(w, "my") || EqualsLowerAscii(w, "your"))
      noun = true;
  }
  return noun;
}

SpeakerFacts DescribeMention(std::string_view mention, const Lexicon& lexicon) {
  SpeakerFacts facts;
  facts.mention = std::string(mention);
  // Each word is looked up once: the rules below ask the role of most words several times.
  std::vector<std::string_view> words = Words(mention);
  // "Rep. Ann Lee (D-Calif.)": a parenthesis after the name is an affiliation, not part of it.
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i].front() == '(') {
      words.resize(i);
      break;
    }
  }
  if (words.empty()) return facts;
  std::vector<WordRole> roles(words.size());
  for (size_t i = 0; i < words.size(); ++i) roles[i] = RoleOf(lexicon, words[i]);
  if (words.size() == 1) {
    WordRole role = roles[0];
    if (role == WordRole::kPronounPerson || role == WordRole::kPronounGroup) {
      facts.pronoun = true;
      facts.kind = role == WordRole::kPronounPerson ? v1::Speaker::PERSON : v1::Speaker::GROUP;
      return facts;
    }
    // "his criticism of", "their objections to": a possessive alone is the pronoun of its owner.
    bool his = EqualsLowerAscii(words[0], "his");
    if (his || EqualsLowerAscii(words[0], "their") || EqualsLowerAscii(words[0], "its")) {
      facts.pronoun = true;
      facts.kind = his ? v1::Speaker::PERSON : v1::Speaker::GROUP;
      return facts;
    }
  }
  // "those surveyed", "those who attended": the people so described, a group.
  if (words.size() >= 2 && EqualsLowerAscii(words[0], "those")) {
    facts.kind = v1::Speaker::GROUP;
    facts.name = Join(words, 0, words.size());
    return facts;
  }
  // "Marlow & Finch", "Crumb & Co": an ampersand between capitalised words makes a firm's name.
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (words[i] == "&" && StartsUpper(words[i - 1]) && StartsUpper(words[i + 1])) {
      size_t first = 0;
      while (first < i - 1 && roles[first] == WordRole::kDeterminer) ++first;
      facts.kind = v1::Speaker::ORGANIZATION;
      facts.name = Join(words, first, words.size());
      return facts;
    }
  }
  size_t start = 0;
  // "Her ministry", "His office": a possessive pronoun opens the mention as a determiner does.
  while (start + 1 < words.size() &&
         (roles[start] == WordRole::kDeterminer || EqualsLowerAscii(words[start], "her")))
    ++start;
  // core = words[start, end); head = words[start, head_end): "Joel Smith of the Tribune": the
  // organisation follows "of".
  const size_t end = words.size();
  size_t head_end = end;
  // "Joel Smith of the Tribune": the organisation follows "of"; but "the Ministry of Water Resources" is
  // one name, whole: an organisation word before "of" heads it.
  bool org_before_of = false, name_before_of = false;
  for (size_t i = start + 1; i + 1 < end; ++i) {
    // "a letter seen by the Gazette": the agent of a participle is neither the head nor its organisation.
    if (words[i] == "by" && i >= start + 2 && !StartsUpper(words[i - 1]) &&
        (words[i - 1].ends_with("ed") || words[i - 1].ends_with("en"))) {
      head_end = i - 1;
      break;
    }
    org_before_of = org_before_of || roles[i - 1] == WordRole::kOrg;
    name_before_of = name_before_of || (StartsUpper(words[i - 1]) && roles[i - 1] == WordRole::kNone);
    // "Secretary of State Jo Ames": after title words alone, "of" goes on with the title; after a group
    // noun ("Supporters of Rovington Athletic") the group is whole and what follows is its organisation.
    if (words[i] == "of" && !name_before_of && !org_before_of && roles[i - 1] != WordRole::kGroup) continue;
    // "A spokeswoman for the rail authority", "officials at the ministry": the organisation follows.
    bool role_preposition = (words[i] == "for" || words[i] == "at") &&
                            (roles[i - 1] == WordRole::kTitle || roles[i - 1] == WordRole::kGroup);
    // "Officials in the county capital", "Police in Lindby": the head ends before "in"; a place follows,
    // which is no organisation.
    if (words[i] == "in" && (roles[i - 1] == WordRole::kGroup || roles[i - 1] == WordRole::kOrg)) {
      head_end = i;
      break;
    }
    if ((words[i] == "of" && !org_before_of) || role_preposition) {
      head_end = i;
      size_t org_start = i + 1;
      if (org_start + 1 < end && EqualsLowerAscii(words[org_start], "the")) ++org_start;
      org_start = ProperNameTail(words, org_start, end);
      facts.organization = Join(words, org_start, end);
      break;
    }
  }
  bool document = false, organization = false;
  for (size_t i = start; i < head_end; ++i) {
    if (roles[i] == WordRole::kDocument) document = true;
    if (roles[i] == WordRole::kOrg) organization = true;
  }
  WordRole last_role = roles[head_end - 1];
  std::string_view last = words[head_end - 1];
  // A plural common noun heads a group ("city engineers") even when the table does not list it.
  bool plural_noun = last_role == WordRole::kNone && !StartsUpper(last) && last.size() > 3 && last.ends_with("s") &&
                     !last.ends_with("ss") && !last.ends_with("'s");
  // A capitalised plural agent noun opening a sentence ("Engineers said", "Scientists say"): the endings
  // are those of occupations, not of surnames ("Sanders", "Peters" end in -ers).
  if (!plural_noun && last_role == WordRole::kNone && head_end - start == 1 && StartsUpper(last) && last.size() > 6) {
    for (std::string_view ending : {"eers", "ists", "ians", "ents", "ants"}) {
      plural_noun = plural_noun || last.ends_with(ending);
    }
  }
  bool group = last_role == WordRole::kGroup || plural_noun;
  // Capitalised words that are not titles: the organisation a document or group speaks for.
  auto named_org = [&]() {
    std::vector<std::string_view> names;
    for (size_t i = start; i < head_end; ++i) {
      std::string_view w = words[i];
      if (StartsUpper(w) && (roles[i] == WordRole::kNone || roles[i] == WordRole::kOrg) && !w.ends_with("'s") &&
          !w.ends_with("\xE2\x80\x99s"))
        names.push_back(w);
    }
    return Join(names, 0, names.size());
  };
  if (document) {
    facts.kind = v1::Speaker::DOCUMENT;
    std::string org = facts.organization.empty() ? named_org() : facts.organization;
    facts.organization = org;
    facts.name = org.empty() ? Join(words, start, end) : org;
    return facts;
  }
  if (group) {
    facts.kind = v1::Speaker::GROUP;
    facts.name = Join(words, start, end);
    if (facts.organization.empty()) {
      for (size_t i = start; i < head_end; ++i) {
        if (IsAcronym(words[i])) facts.organization = std::string(words[i]);
      }
    }
    return facts;
  }
  // The title and the name split at the last title word ("OECD Director General | Lena Marsh").
  size_t name_begin = head_end;
  auto particle = [&](size_t k) {  // "de" in "Pieter de Waal", between capitalised words
    std::string_view w = words[k];
    bool small = w == "de" || w == "van" || w == "von" || w == "der" || w == "da" || w == "di" || w == "du" ||
                 w == "la" || w == "le" || w == "bin" || w == "al" || w == "del" || w == "dos";
    return small && k > start && StartsUpper(words[k - 1]) && roles[k - 1] == WordRole::kNone;
  };
  while (name_begin > start &&
         ((StartsUpper(words[name_begin - 1]) && !IsAcronym(words[name_begin - 1]) &&
           roles[name_begin - 1] == WordRole::kNone) ||
          (name_begin < head_end && particle(name_begin - 1))) &&
         !(name_begin >= 2 && words[name_begin - 2] == "of"))
    --name_begin;
  bool has_title_word = false;
  for (size_t i = start; i < name_begin; ++i) has_title_word = has_title_word || roles[i] == WordRole::kTitle;
  bool has_name = name_begin < head_end;
  if (has_name && !(organization && !has_title_word)) {
    facts.kind = v1::Speaker::PERSON;
    facts.name = Join(words, name_begin, head_end);
    std::vector<std::string_view> title;
    for (size_t i = start; i < name_begin; ++i) {
      if (!IsCourtesyTitle(LowerCopy(words[i]))) title.push_back(words[i]);
    }
    facts.title = Join(title, 0, title.size());
    if (facts.organization.empty()) {
      for (std::string_view w : title) {
        if (IsAcronym(w)) {
          facts.organization = std::string(w);
          break;
        }
      }
    }
    return facts;
  }
  // "A party spokesman", "the club's chairwoman": a role word heading the mention makes a person, even
  // after an organisation word.
  if (has_title_word && roles[head_end - 1] == WordRole::kTitle) {
    facts.kind = v1::Speaker::PERSON;
    facts.title = Join(words, start, head_end);
    return facts;
  }
  if (organization || (head_end - start == 1 && IsAcronym(words[start]))) {
    facts.kind = v1::Speaker::ORGANIZATION;
    size_t org_end = head_end;
    // "OECD headquarters" speaks for the OECD; "the finance minister's office" and "the national weather
    // institute" are names whole: only lower-case organisation words after a proper name are dropped.
    while (org_end > start + 1 && !StartsUpper(words[org_end - 1]) && roles[org_end - 1] == WordRole::kOrg) --org_end;
    bool proper_rest = org_end < head_end;
    for (size_t i = start; i < org_end && proper_rest; ++i) proper_rest = StartsUpper(words[i]);
    facts.name = Join(words, start, proper_rest ? org_end : end);
    return facts;
  }
  if (has_title_word) {
    facts.kind = v1::Speaker::PERSON;
    facts.title = Join(words, start, head_end);
    return facts;
  }
  facts.name = Join(words, start, end);
  return facts;
}

}  // namespace copydesk::stages::attribution
