#include "stages/attribution/speakers.h"

namespace copydesk::stages::attribution {
namespace {

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

// The last word of s, and in *several whether another word precedes it: what Note and FindBySurname
// need of a name, without splitting it into a vector on every call.
std::string_view LastWord(std::string_view s, bool* several) {
  size_t e = s.size();
  while (e > 0 && s[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && s[b - 1] != ' ') --b;
  *several = e > b && s.substr(0, b).find_first_not_of(' ') != std::string_view::npos;
  return s.substr(b, e - b);
}

std::string Join(const std::vector<std::string_view>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// "NATO", "FBI": two or more capitals and no lower-case letter.
bool IsAcronym(std::string_view w) {
  int capitals = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2;
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

}  // namespace

SpeakerFacts DescribeMention(std::string_view mention, const Lexicon& lexicon) {
  SpeakerFacts facts;
  facts.mention = std::string(mention);
  // Each word is looked up once: the rules below ask the role of most words several times.
  std::vector<std::string_view> words = Words(mention);
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
  }
  size_t start = 0;
  while (start + 1 < words.size() && roles[start] == WordRole::kDeterminer) ++start;
  // core = words[start, end); head = words[start, head_end): "Joel Smith of the Tribune": the
  // organisation follows "of".
  const size_t end = words.size();
  size_t head_end = end;
  for (size_t i = start + 1; i + 1 < end; ++i) {
    if (words[i] == "of") {
      head_end = i;
      size_t org_start = i + 1;
      if (org_start + 1 < end && EqualsLowerAscii(words[org_start], "the")) ++org_start;
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
  // The title and the name split at the last title word ("NATO Secretary General | Jens Stoltenberg").
  size_t name_begin = head_end;
  while (name_begin > start && StartsUpper(words[name_begin - 1]) && !IsAcronym(words[name_begin - 1]) &&
         roles[name_begin - 1] == WordRole::kNone)
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
  if (organization || (head_end - start == 1 && IsAcronym(words[start]))) {
    facts.kind = v1::Speaker::ORGANIZATION;
    size_t org_end = head_end;
    // "NATO headquarters" speaks for NATO.
    while (org_end > start + 1 && !StartsUpper(words[org_end - 1]) && roles[org_end - 1] == WordRole::kOrg) --org_end;
    facts.name = Join(words, start, org_end);
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

void PeopleIndex::NotePeople(std::string_view paragraph, const ParagraphTokens& tokens) {
  const std::vector<Token>& t = tokens.tokens;
  auto text = [&](size_t k) { return paragraph.substr(t[k].begin, t[k].end - t[k].begin); };
  auto role = [&](size_t k) { return tokens.info[k] == nullptr ? WordRole::kNone : tokens.info[k]->role; };
  size_t i = 0;
  while (i < t.size()) {
    if (t[i].kind != TokenKind::kWord || !t[i].upper) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < t.size() && t[j].kind == TokenKind::kWord && j - i < 8 && t[j].upper) ++j;
    size_t run_begin = i;
    i = j == i ? i + 1 : j;
    if (j - run_begin < 2) continue;  // most capitalised words stand alone
    // Sentence-initial function words ("But", "The") are not part of a name. The tokenizer has looked
    // every word up already (tokens.info), so this pass does no lookups of its own.
    size_t start = run_begin;
    while (start < j) {
      WordRole r = role(start);
      if (r == WordRole::kNone || r == WordRole::kTitle || r == WordRole::kOrg) break;
      ++start;
    }
    if (j - start < 2) continue;
    // The name is the trailing capitalised words that are neither acronyms nor table words (as in
    // DescribeMention); the words before it are the title.
    size_t name_begin = j;
    while (name_begin > start && !IsAcronym(text(name_begin - 1)) && role(name_begin - 1) == WordRole::kNone)
      --name_begin;
    size_t name_words = j - name_begin;
    if (name_words < 2 || name_words > 3) continue;
    bool plausible = true;
    for (size_t k = name_begin; k < j; ++k) {
      if (text(k).size() < 2 || IsAcronym(text(k))) plausible = false;
    }
    if (!plausible) continue;
    // A repeated name ("Trump" twenty times an article) is only looked up: strings are built for a new
    // person, or for a title the index lacks.
    LowerInto(text(j - 1), &surname_scratch_);
    auto it = by_surname_.find(surname_scratch_);
    bool has_title = false;
    for (size_t k = start; k < name_begin && !has_title; ++k) has_title = !IsCourtesyTitle(LowerCopy(text(k)));
    if (it != by_surname_.end() && (!has_title || !people_[it->second].title.empty())) {
      last_noted_ = it->second;
      continue;
    }
    SpeakerFacts facts;
    facts.kind = v1::Speaker::PERSON;
    for (size_t k = name_begin; k < j; ++k) {
      if (!facts.name.empty()) facts.name += ' ';
      facts.name += text(k);
    }
    for (size_t k = start; k < name_begin; ++k) {
      if (IsCourtesyTitle(LowerCopy(text(k)))) continue;
      if (!facts.title.empty()) facts.title += ' ';
      facts.title += text(k);
    }
    Note(facts);
  }
}

void PeopleIndex::Note(const SpeakerFacts& facts) {
  bool several = false;
  std::string_view last = LastWord(facts.name, &several);
  if (!several) return;
  std::string surname = LowerCopy(last);
  auto it = by_surname_.find(surname);
  if (it == by_surname_.end()) {
    people_.push_back(Person{facts.name, facts.title, facts.organization});
    by_surname_.emplace(surname, people_.size() - 1);
    last_noted_ = people_.size() - 1;
    return;
  }
  Person& person = people_[it->second];
  if (person.title.empty() && !facts.title.empty()) person.title = facts.title;
  if (person.organization.empty() && !facts.organization.empty()) person.organization = facts.organization;
  last_noted_ = it->second;
}

bool PeopleIndex::IsKnownSurname(std::string_view word) const {
  if (word.empty() || word.find(' ') != std::string_view::npos) return false;
  return by_surname_.find(LowerCopy(word)) != by_surname_.end();
}

const PeopleIndex::Person* PeopleIndex::FindBySurname(std::string_view name) const {
  bool several = false;
  std::string_view last = LastWord(name, &several);
  if (last.empty()) return nullptr;
  auto it = by_surname_.find(LowerCopy(last));
  return it == by_surname_.end() ? nullptr : &people_[it->second];
}

void PeopleIndex::Resolve(SpeakerFacts* s) {
  if (s->pronoun) {
    const SpeakerFacts* source = nullptr;
    if (s->kind == v1::Speaker::PERSON && has_last_person_) source = &last_person_;
    if (s->kind == v1::Speaker::GROUP && has_last_group_) source = &last_group_;
    if (source != nullptr) {
      s->name = source->name;
      s->title = source->title;
      s->organization = source->organization;
      s->kind = source->kind;
    } else if (s->kind == v1::Speaker::PERSON && last_noted_ != SIZE_MAX) {
      s->name = people_[last_noted_].name;
      s->title = people_[last_noted_].title;
      s->organization = people_[last_noted_].organization;
    }
    return;
  }
  if (s->kind == v1::Speaker::PERSON) {
    if (!s->name.empty()) {
      if (const Person* p = FindBySurname(s->name)) {
        if (p->name.size() > s->name.size() && p->name.ends_with(s->name)) s->name = p->name;
        if (p->name == s->name) {
          if (s->title.empty()) s->title = p->title;
          if (s->organization.empty()) s->organization = p->organization;
        }
      }
      Note(*s);
    } else if (!s->title.empty()) {
      // A title alone: the latest person whose title ends with the same word.
      std::vector<std::string_view> words = Words(s->title);
      std::string head = LowerCopy(words.back());
      for (size_t i = people_.size(); i > 0; --i) {
        std::string title = LowerCopy(people_[i - 1].title);
        if (!title.empty() && title.ends_with(head)) {
          s->name = people_[i - 1].name;
          s->title = people_[i - 1].title;
          break;
        }
      }
    }
    last_person_ = *s;
    has_last_person_ = true;
  } else if (s->kind == v1::Speaker::GROUP || s->kind == v1::Speaker::ORGANIZATION) {
    last_group_ = *s;
    has_last_group_ = true;
  }
}

}  // namespace copydesk::stages::attribution
