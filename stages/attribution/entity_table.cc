#include "stages/attribution/entity_table.h"

#include <array>

namespace copydesk::stages::attribution {
namespace {

// Word lists as compile-time arrays: a braced list of literals in a loop measured its strings at run
// time, on every capitalised word.
constexpr std::array<std::string_view, 4> kPossessives = {"'s", "\xE2\x80\x99s", "'S", "\xE2\x80\x99S"};
constexpr std::array<std::string_view, 3> kPluralPossessives = {"s'", "s\xE2\x80\x99", "S'"};
constexpr std::array<std::string_view, 9> kCourtesyTitles = {"mr.", "mrs.", "ms.", "dr.", "mr", "ms", "mrs", "dr",
    "miss"};
constexpr std::array<std::string_view, 10> kLeadingDeterminers = {"the", "a", "an", "its", "his", "her", "their",
    "our", "this", "that"};
constexpr std::array<std::string_view, 15> kGenericModifiers = {"central", "national", "federal", "state",
    "regional", "local", "main", "public", "city", "county", "municipal", "country's", "city's", "nation's",
    "state's"};
constexpr uint32_t kNoToken = UINT32_MAX;
constexpr std::array<std::string_view, 11> kDescriptionStops = {"of", "for", "at", "in", "from", "with", "since",
    "on", "who", "which", "that"};
constexpr std::array<std::string_view, 7> kPlacePrepositions = {"in", "between", "near", "outside", "across",
    "around", "towards"};

std::string LowerCopy(std::string_view s) {
  std::string out;
  LowerInto(s, &out);
  return out;
}

// "Party's" -> "Party", "Budgets'" -> "Budgets": the possessive ending a name or a head word. (Inside a
// name a plural possessive stays: "Pilots' Guild".)
std::string_view StripPossessive(std::string_view w) {
  for (std::string_view suffix : kPossessives) {
    if (w.size() > suffix.size() && w.ends_with(suffix)) return w.substr(0, w.size() - suffix.size());
  }
  for (std::string_view suffix : kPluralPossessives) {
    if (w.size() > suffix.size() && w.ends_with(suffix)) return w.substr(0, w.size() - suffix.size() + 1);
  }
  return w;
}

// Asked of every capitalised word: a byte test first, the suffix list only when it may match.
bool EndsWithPossessive(std::string_view w) {
  size_t n = w.size();
  if (n < 3) return false;
  auto right_mark_ends_at = [&](size_t end) {  // ’ (E2 80 99) ends at byte `end`
    return end >= 3 && w[end - 1] == '\x99' && w[end - 2] == '\x80' && w[end - 3] == '\xE2';
  };
  char c = w.back();
  if (c == 's' || c == 'S') return w[n - 2] == '\'' || right_mark_ends_at(n - 1);  // Party's
  if (c == '\'') return w[n - 2] == 's' || w[n - 2] == 'S';                        // Pilots'
  if (right_mark_ends_at(n) && n > 3) return w[n - 4] == 's' || w[n - 4] == 'S';    // Pilots’
  return false;
}

// Calls f(word) for each space-separated word of s, without building a vector.
template <typename F>
void ForEachWord(std::string_view s, F f) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) f(s.substr(start, i - start));
  }
}

bool IsCourtesyTitle(std::string_view w) {
  for (std::string_view t : kCourtesyTitles) {
    if (EqualsLowerAscii(w, t)) return true;
  }
  return false;
}

// A lower-case common noun that may describe an organisation before its name ("operator", "carmaker"):
// letters only, not a participle, and not a preposition a name holds ("Friends with Benefits").
bool IsDescriptorNoun(std::string_view w) {
  if (w.size() <= 3 || w.ends_with("ing")) return false;  // "lobbying", "challenging": verbs
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  for (std::string_view p : {"with", "from", "into", "over", "upon", "under", "after"})
    if (w == p) return false;
  return true;
}

bool IsLeadingDeterminer(std::string_view w) {
  for (std::string_view d : kLeadingDeterminers) {
    if (EqualsLowerAscii(w, d)) return true;
  }
  return false;
}

// A role head noun and a role the table holds name the same office: equal, or one the other's stem
// ("chair" and "chairwoman").
bool RoleMatches(std::string_view held, std::string_view head) {
  if (held == head) return true;
  size_t shorter = std::min(held.size(), head.size());
  return shorter >= 4 && (held.starts_with(head) || head.starts_with(held));
}

// "Composer", "Cardiologist", "Curator": a capitalised word with an occupation's ending, which before a
// two-word name is a role even when neither the word nor the given name is in the tables. (Given names
// with these endings, "Peter", "Jennifer", are in gender_words.tsv and are asked first.)
bool LooksLikeOccupation(std::string_view w) {
  if (w.size() < 6) return false;
  for (std::string_view ending : {"er", "or", "ist", "ian", "eer", "ant", "ent", "ess", "ect"}) {
    if (w.size() > ending.size() && EqualsLowerAscii(w.substr(w.size() - ending.size()), ending)) return true;
  }
  return false;
}

// Two full names with one surname are one person when their first words agree ("Donald Trump",
// "Donald J. Trump") or one is an initial; else namesakes ("Alfie Trask", "Kerry Trask").
bool SameGivenName(std::string_view a, std::string_view b) {
  std::string_view fa = a.substr(0, a.find(' ')), fb = b.substr(0, b.find(' '));
  if (fa.size() <= 2 || fb.size() <= 2 || fa.back() == '.' || fb.back() == '.') return true;
  if (fa.size() != fb.size()) return false;
  for (size_t i = 0; i < fa.size(); ++i) {
    if (FoldAscii(fa[i]) != FoldAscii(fb[i])) return false;
  }
  return true;
}

bool IsNameParticle(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kParticles = {"de", "van", "von", "der", "den", "da", "di",
                                                                    "du", "la", "le", "bin", "al", "dos", "del"};
  for (std::string_view p : kParticles) {
    if (w == p) return true;
  }
  return false;
}

// "the 67-year-old", "a 24-year-old": an age standing for a person.
bool IsAgeDescription(std::string_view mention) {
  size_t space = mention.rfind(' ');
  std::string_view last = space == std::string_view::npos ? mention : mention.substr(space + 1);
  return last.size() > 10 && last[0] >= '0' && last[0] <= '9' && last.ends_with("-year-old");
}

// "The father-of-two", "the mum-of-three": local papers and tabloids name the person a story is about by
// family; the kin word ("father", "mum") before "-of-" when the mention ends so, else empty.
std::string_view KinOfDescription(std::string_view mention) {
  size_t space = mention.rfind(' ');
  std::string_view last = space == std::string_view::npos ? mention : mention.substr(space + 1);
  const size_t of = last.find("-of-");
  if (of == std::string_view::npos || of == 0 || of + 4 >= last.size()) return {};
  return last.substr(0, of);
}

bool IsGenericModifier(std::string_view w) {
  for (std::string_view m : kGenericModifiers) {
    if (EqualsLowerAscii(w, m)) return true;
  }
  return false;
}

// "X, who leads Y": the office a relative clause's verb gives.
std::string_view RoleOfVerb(std::string_view verb) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kVerbs = {{
      {"leads", "leader"}, {"led", "leader"}, {"heads", "head"}, {"chairs", "chair"}, {"runs", "head"},
      {"directs", "director"}, {"manages", "manager"}, {"founded", "founder"}, {"owns", "owner"},
      {"coaches", "coach"}}};
  for (const auto& [form, role] : kVerbs) {
    if (EqualsLowerAscii(verb, form)) return role;
  }
  return {};
}

}  // namespace

size_t EntityTable::NotePerson(std::string name, std::string title) {
  // First and last words found in place: this runs for every new person and every new title.
  size_t first_end = name.find(' ');
  std::string_view first = std::string_view(name).substr(0, first_end);
  size_t last_begin = name.rfind(' ');
  std::string_view last = last_begin == std::string::npos ? std::string_view(name)
                                                           : std::string_view(name).substr(last_begin + 1);
  LowerInto(last, &scratch_);
  auto it = by_surname_.find(scratch_);
  size_t index;
  bool namesake = it != by_surname_.end() && first_end != std::string::npos &&
                  entities_[it->second].name.find(' ') != std::string::npos &&
                  !SameGivenName(entities_[it->second].name, name);
  if (it == by_surname_.end() || namesake) {
    index = entities_.size();
    // People are found by surname (the latest of namesakes); by_name_ holds organisations.
    if (namesake) {
      it->second = index;
      namesakes_ = true;
    } else {
      by_surname_.emplace(scratch_, index);
    }
    Entity& e = entities_.emplace_back();
    e.kind = v1::Speaker::PERSON;
    e.gender = words_.GenderOf(first);
    e.name = std::move(name);
  } else {
    index = it->second;
  }
  Entity& e = entities_[index];
  if (!title.empty() && title != e.title) {
    std::string_view last_title_word;
    ForEachWord(title, [&](std::string_view w) {
      if (e.gender == 0) e.gender = words_.GenderOf(w);
      last_title_word = w;
    });
    AddPersonRole(index, StripPossessive(last_title_word));
    if (e.title.empty()) e.title = std::move(title);
  }
  Touch(e);
  return index;
}

size_t EntityTable::NoteOrganization(std::string name) {
  std::string key = LowerCopy(name);
  auto it = by_name_.find(key);
  if (it != by_name_.end()) {
    Touch(entities_[it->second]);
    return it->second;
  }
  Entity e;
  e.kind = v1::Speaker::ORGANIZATION;
  std::vector<std::string_view> words = Words(name);
  // "Ministry of Water Resources": the head is the word before "of"; "Nordvik Airways": the last word.
  std::string_view head = words.back();
  for (size_t i = 1; i < words.size(); ++i) {
    if (EqualsLowerAscii(words[i], "of") || EqualsLowerAscii(words[i], "for")) {
      head = words[i - 1];
      break;
    }
  }
  std::string head_key = LowerCopy(head);
  // "Skylark said" after "Skylark Airlines": a proper name's first word stands for it later.
  if (words.size() >= 2 && StartsUpper(words.front()) && !IsLeadingDeterminer(words.front())) {
    by_first_word_.emplace(LowerCopy(words.front()), entities_.size());
  }
  e.name = std::move(name);
  Touch(e);
  entities_.push_back(std::move(e));
  by_name_.emplace(std::move(key), entities_.size() - 1);
  AddTypedRole(entities_.size() - 1, head_key);
  return entities_.size() - 1;
}

void EntityTable::AddTypedRole(size_t entity, std::string_view head) {
  AddRole(entity, head);
  if (const std::vector<std::string>* types = words_.TypesOf(head)) {
    for (const std::string& t : *types) AddRole(entity, t);
  }
}

void EntityTable::AddPersonRole(size_t entity, std::string_view head) {
  AddRole(entity, head);
  if (const std::vector<std::string>* roles = words_.RolesOf(head)) {
    for (const std::string& r : *roles) AddRole(entity, r);
  }
}

void EntityTable::AddRole(size_t entity, std::string_view head) {
  if (head.empty()) return;
  // Compared in place: a role is met again at most mentions of its holder; a string is built only for
  // a new one.
  for (const std::string& r : entities_[entity].roles) {
    if (EqualsLowerAscii(head, r)) return;
  }
  entities_[entity].roles.push_back(LowerCopy(head));
}

void EntityTable::MakeOrganization(size_t entity) {
  Entity& e = entities_[entity];
  std::string_view name = e.name;
  size_t space = name.rfind(' ');
  LowerInto(space == std::string_view::npos ? name : name.substr(space + 1), &scratch_);
  auto it = by_surname_.find(scratch_);
  if (it != by_surname_.end() && it->second == entity) by_surname_.erase(it);
  e.kind = v1::Speaker::ORGANIZATION;
  if (space != std::string_view::npos) by_first_word_.emplace(LowerCopy(name.substr(0, name.find(' '))), entity);
  by_name_.emplace(LowerCopy(name), entity);
}

std::string_view EntityTable::OrganizationAppositionHead(std::string_view paragraph, const ParagraphTokens& tokens,
                                                         uint32_t k) const {
  const std::vector<Token>& t = tokens.tokens;
  const uint32_t n = static_cast<uint32_t>(t.size());
  auto text = [&](uint32_t x) { return paragraph.substr(t[x].begin, t[x].end - t[x].begin); };
  auto word = [&](uint32_t x) { return x < n && t[x].kind == TokenKind::kWord; };
  auto punct = [&](uint32_t x, char c) { return x < n && t[x].kind == TokenKind::kPunct && t[x].punct == c; };
  if (!punct(k, ',') || !word(k + 1) || !(IsLeadingDeterminer(text(k + 1)) || EndsWithPossessive(text(k + 1))))
    return {};
  // The description runs to the next comma or full stop; hyphenated words ("Oslo-based",
  // "second-largest") are read through. Its head is the last word before a preposition.
  uint32_t head = kNoToken;
  bool stopped = false;
  uint32_t e = k + 1;
  for (; e < n && e - k < 16; ++e) {
    if (punct(e, '-') && e > 0 && t[e].begin == t[e - 1].end && word(e + 1) && t[e + 1].begin == t[e].end) continue;
    if (!word(e)) break;
    for (std::string_view stop : kDescriptionStops) stopped = stopped || EqualsLowerAscii(text(e), stop);
    if (!stopped && !(e > 0 && punct(e - 1, '-'))) head = e;
  }
  if (head == kNoToken || head == k + 1 || !(punct(e, ',') || punct(e, '.'))) return {};
  std::string_view h = text(head);
  if (t[head].upper || !words_.IsOrganizationType(LowerCopy(h))) return {};
  return h;
}

void EntityTable::NoteApposition(std::string_view paragraph, const ParagraphTokens& tokens, Span run, Span name,
                                 size_t entity) {
  const std::vector<Token>& t = tokens.tokens;
  const uint32_t n = static_cast<uint32_t>(t.size());
  auto text = [&](uint32_t k) { return paragraph.substr(t[k].begin, t[k].end - t[k].begin); };
  auto word = [&](uint32_t k) { return k < n && t[k].kind == TokenKind::kWord; };
  auto punct = [&](uint32_t k, char c) { return k < n && t[k].kind == TokenKind::kPunct && t[k].punct == c; };
  auto role = [&](uint32_t k) { return tokens.info[k] == nullptr ? WordRole::kNone : tokens.info[k]->role; };
  // The head noun of a description [a, e): the last word before a preposition or relative word ("the
  // party's parliamentary leader" -> leader; "a spokeswoman for the company" -> spokeswoman).
  auto head_of = [&](uint32_t a, uint32_t e) -> std::string_view {
    uint32_t cut = e;
    for (uint32_t k = a + 1; k < e; ++k) {
      if (!word(k)) return {};
      std::string_view w = text(k);
      for (std::string_view stop : kDescriptionStops) {
        if (EqualsLowerAscii(w, stop)) {
          cut = k;
          break;
        }
      }
      if (cut != e) break;
    }
    if (cut <= a + 1 && !(cut == a + 1 && !IsLeadingDeterminer(text(a)))) return {};
    std::string_view head = StripPossessive(text(cut - 1));
    if (head.size() < 3 || (t[cut - 1].upper && role(cut - 1) != WordRole::kTitle) || head.ends_with("ly") ||
        (head[0] >= '0' && head[0] <= '9') || IsLeadingDeterminer(head))
      return {};
    return head;
  };
  auto opens_description = [&](uint32_t k) {
    return word(k) && (IsLeadingDeterminer(text(k)) || EndsWithPossessive(text(k)));
  };
  // "Lena Ortiz, chair of the parents' association,": a bare role word and its preposition.
  auto bare_role = [&](uint32_t k) {
    return word(k) && !t[k].upper && role(k) == WordRole::kTitle && word(k + 1) &&
           (EqualsLowerAscii(text(k + 1), "of") || EqualsLowerAscii(text(k + 1), "for") ||
            EqualsLowerAscii(text(k + 1), "at"));
  };
  // "Name, the party's leader," / "Name, who leads the Greens"
  if (punct(run.end, ',') && word(run.end + 1)) {
    uint32_t a = run.end + 1;
    if (EqualsLowerAscii(text(a), "who") && word(a + 1)) {
      AddPersonRole(entity, RoleOfVerb(text(a + 1)));
    } else if (opens_description(a) || bare_role(a)) {
      uint32_t e = a;
      while (e < n && e - a < 14 && word(e)) ++e;
      if (e >= n || punct(e, ',') || punct(e, '.') || punct(e, ';')) {
        std::string_view head = head_of(a, e);
        // "Harbourside Mutual, the region's largest home insurer,": a name nothing showed to be a person,
        // described as a kind of organisation, is that organisation.
        const Entity& noted = entities_[entity];
        if (!head.empty() && noted.kind == v1::Speaker::PERSON && noted.gender == 0 && noted.title.empty() &&
            noted.roles.empty() && (LowerInto(head, &scratch_), words_.IsOrganizationType(scratch_)))
          MakeOrganization(entity);
        // "Marlow & Finch, the department store chain,": an organisation's description gives its kinds
        // too ("the retailer").
        if (entities_[entity].kind == v1::Speaker::ORGANIZATION && !head.empty())
          AddTypedRole(entity, LowerCopy(head));
        else
          AddPersonRole(entity, head);
      }
    }
  }
  // "Its chairwoman, Gwen Parry," / "The finance minister, Helga Straum," / "The report's author, the
  // former judge Ingrid Moe,": the apposition may give the name a description of its own.
  uint32_t named_from = run.begin;
  {
    uint32_t k = run.begin;
    while (k > 0 && run.begin - k < 4 && word(k - 1) && !t[k - 1].upper) --k;
    if (k < run.begin && k > 0 && word(k) && IsLeadingDeterminer(text(k)) && punct(k - 1, ',')) named_from = k;
  }
  if (named_from >= 2 && punct(named_from - 1, ',') && (run.end >= n || punct(run.end, ',') || punct(run.end, '.'))) {
    uint32_t e = named_from - 1;
    uint32_t a = e;
    while (a > 0 && e - a < 12 && word(a - 1)) --a;
    if (a < e && (a == 0 || !word(a - 1)) && opens_description(a)) AddRole(entity, head_of(a, e));
  }
  (void)name;
}

void EntityTable::NoteParagraph(std::string_view paragraph, const ParagraphTokens& tokens) {
  ++paragraph_;
  const std::vector<Token>& t = tokens.tokens;
  const uint32_t n = static_cast<uint32_t>(t.size());
  auto text = [&](uint32_t k) { return paragraph.substr(t[k].begin, t[k].end - t[k].begin); };
  auto role = [&](uint32_t k) { return tokens.info[k] == nullptr ? WordRole::kNone : tokens.info[k]->role; };
  auto word = [&](uint32_t k) { return k < n && t[k].kind == TokenKind::kWord; };
  // Inside a run only the tokenizer's lookup is asked (an organisation word of speaker_words.tsv); the
  // type table is asked once per run, of its last word ("Polar Freight Lines"): this pass reads every
  // capitalised word of the article.
  // A possessive ("Association's") is looked up again without its ending; the tokenizer's lookup saw
  // the whole word.
  auto org_word = [&](uint32_t k) {
    if (role(k) == WordRole::kOrg) return true;
    if (tokens.info[k] != nullptr || !EndsWithPossessive(text(k))) return false;
    const WordInfo* info = lexicon_.FindAnyCase(StripPossessive(text(k)));
    return info != nullptr && info->role == WordRole::kOrg;
  };
  // A dateline: "PORT ELLERY (Tidewire) -" names the place the story is filed from.
  {
    uint32_t k = 0;
    auto all_capitals = [&](uint32_t x) {
      for (char c : text(x)) {
        if (c >= 'a' && c <= 'z') return false;
      }
      return true;
    };
    while (word(k) && k < 4 && all_capitals(k)) ++k;
    // The capitals are followed by a dash, or by a credit in brackets and a dash: "KALVIK -",
    // "PORT ELLERY (Tidewire) -". A paragraph opening "NATO (the alliance) said" is no dateline.
    uint32_t d = k;
    if (d < n && t[d].kind == TokenKind::kPunct && t[d].punct == '(') {
      while (d < n && d < k + 6 && !(t[d].kind == TokenKind::kPunct && t[d].punct == ')')) ++d;
      ++d;
    }
    bool dash = d < n && t[d].kind == TokenKind::kPunct && t[d].punct == '-';
    if (k > 0 && dash) {
      std::string place(paragraph.substr(t[0].begin, t[k - 1].end - t[0].begin));
      places_.insert(LowerCopy(place));
    }
  }
  for (const Sentence& sentence : tokens.sentences) {
    // "Adaeze Obi told members ... Her office said": a sentence opening with a gendered pronoun shows the
    // gender of the person the sentence before opened with.
    if (word(sentence.first) && pending_subject_ >= 0) {
      std::string_view w = text(sentence.first);
      char g = EqualsLowerAscii(w, "he") || EqualsLowerAscii(w, "his") ? 'm'
               : EqualsLowerAscii(w, "she") || EqualsLowerAscii(w, "her") ? 'f' : 0;
      Entity& subject = entities_[static_cast<size_t>(pending_subject_)];
      if (g != 0 && subject.gender == 0) subject.gender = g;
    }
    pending_subject_ = -1;
    uint32_t i = sentence.first;
    while (i < sentence.last) {
      if (!word(i) || !t[i].upper) {
        ++i;
        continue;
      }
      note_offset_ = t[i].begin;
      uint32_t j = i;
      bool org_seen = false, connector = false;
      while (j < n && j - i < 10) {
        if (word(j) && t[j].upper) {
          org_seen = org_seen || org_word(j);
          bool possessive = EndsWithPossessive(text(j));
          ++j;
          // "Vos's office": a name ends at its possessive, unless an organisation's name goes on after it
          // ("St Aldric's Hospital Trust").
          if (possessive) {
            bool org_ahead = false;
            for (uint32_t k = j; k < n && k < j + 3 && word(k) && t[k].upper && !org_ahead; ++k)
              org_ahead = org_word(k);
            if (!org_ahead) break;
          }
          continue;
        }
        // "Competition and Markets Commission", "University and College Lecturers' Association": "and"
        // between capitalised words joins them when an organisation word closes the name soon after.
        if (j > i && word(j) && EqualsLowerAscii(text(j), "and") && word(j + 1) && t[j + 1].upper) {
          bool org_ahead = false;
          for (uint32_t k = j + 1; k < n && k < j + 4 && word(k) && t[k].upper && !org_ahead; ++k)
            org_ahead = org_word(k);
          if (org_ahead) {
            connector = true;
            ++j;
            continue;
          }
        }
        // "Marlow & Finch", "Crumb & Co": an ampersand joins the words of a firm's name.
        if (j > i && j < n && t[j].kind == TokenKind::kPunct && text(j) == "&" && word(j + 1) && t[j + 1].upper) {
          connector = true;
          ++j;
          continue;
        }
        // "Ministry of Water Resources", "Institute for Household Budgets"
        if (org_seen && word(j) && (EqualsLowerAscii(text(j), "of") || EqualsLowerAscii(text(j), "for")) &&
            word(j + 1) && t[j + 1].upper) {
          connector = true;
          ++j;
          continue;
        }
        // "Pieter de Waal", "Anna van der Berg": a lower-case particle between the words of a name.
        if (j > i && !org_seen && word(j) && IsNameParticle(text(j)) && j + 1 < n) {
          uint32_t k = j + 1;
          if (word(k) && IsNameParticle(text(k))) ++k;
          if (word(k) && t[k].upper) {
            j = k;
            continue;
          }
        }
        break;
      }
      uint32_t run_begin = i;
      i = j;
      // Sentence-initial function words ("But", "The") are not part of a name.
      uint32_t start = run_begin;
      while (start < j) {
        WordRole r = role(start);
        if (r == WordRole::kNone || r == WordRole::kTitle || r == WordRole::kOrg) break;
        ++start;
      }
      if (start >= j) continue;
      // "Secretary of State Jo Ames": the word after a title's "of" ends the title, not starts a name.
      if (start == run_begin && run_begin >= 2 && j - start >= 3 && word(run_begin - 1) &&
          EqualsLowerAscii(text(run_begin - 1), "of") && word(run_begin - 2) && role(run_begin - 2) == WordRole::kTitle)
        ++start;
      // After a place preposition the run is a place ("in Port Ellery", "between Norrvik and Stavsund").
      // Most capitalised words follow no preposition: the word's length and first letter screen it.
      std::string_view prev = start == run_begin && run_begin > 0 && word(run_begin - 1) ? text(run_begin - 1)
                                                                                          : std::string_view();
      char p0 = prev.empty() ? 0 : FoldAscii(prev[0]);
      if (prev.size() >= 2 && prev.size() <= 7 && (p0 == 'i' || p0 == 'b' || p0 == 'n' || p0 == 'o' || p0 == 'a' ||
                                                   p0 == 't')) {
        bool place = false;
        for (std::string_view p : kPlacePrepositions) {
          place = place || EqualsLowerAscii(prev, p);
        }
        if (EqualsLowerAscii(prev, "and")) {
          for (uint32_t k = run_begin - 1; k > 0 && run_begin - k < 6; --k) {
            place = place || (word(k - 1) && EqualsLowerAscii(text(k - 1), "between"));
          }
        }
        // A person is no place: "the race between Mr. Ames and Jo Brandt".
        if (place && !org_seen && j - start <= 3 && words_.GenderOf(text(start)) == 0 &&
            role(start) != WordRole::kTitle && !IsCourtesyTitle(text(start))) {
          std::string name(paragraph.substr(t[start].begin, t[j - 1].end - t[start].begin));
          if (by_name_.find(LowerCopy(name)) == by_name_.end()) places_.insert(LowerCopy(name));
          continue;
        }
      }
      bool org_last = j - start >= 2 && (org_word(j - 1) || words_.TypesOf(StripPossessive(text(j - 1))) != nullptr);
      if ((org_last || connector) && j - start >= 2 && !IsAcronym(text(start))) {
        // A known organisation is looked up in place: the strings are built for a new one only.
        std::string_view name = StripPossessive(paragraph.substr(t[start].begin, t[j - 1].end - t[start].begin));
        LowerInto(name, &scratch_);
        auto known = by_name_.find(scratch_);
        size_t e;
        if (known != by_name_.end()) {
          e = known->second;
          Touch(entities_[e]);
        } else {
          e = NoteOrganization(std::string(name));
        }
        NoteApposition(paragraph, tokens, Span{start, j}, Span{start, j}, e);
        continue;
      }
      // Most capitalised words stand alone; one described as a kind of organisation is one:
      // "Quellwise, the payroll software firm,", "Brakka, a Dutch carmaker,".
      if (j - start < 2) {
        if (j - start == 1 && !IsAcronym(text(start)) && by_surname_.find(LowerCopy(StripPossessive(text(start)))) == by_surname_.end()) {
          std::string_view head = OrganizationAppositionHead(paragraph, tokens, j);
          if (!head.empty()) {
            size_t e = NoteOrganization(std::string(StripPossessive(text(start))));
            AddTypedRole(e, LowerCopy(head));
          }
        }
        continue;
      }
      // The name is the trailing capitalised words that are neither acronyms nor table words (as in
      // DescribeMention); the words before it are the title.
      uint32_t name_begin = j;
      while (name_begin > start && !IsAcronym(text(name_begin - 1)) && role(name_begin - 1) == WordRole::kNone &&
             !org_word(name_begin - 1))
        --name_begin;
      // "Skipper Lewis Okonjo": a word the tables do not know before a given name is a role, not a name.
      if (j - name_begin == 3 && words_.GenderOf(text(name_begin)) == 0 &&
          (words_.GenderOf(text(name_begin + 1)) != 0 || LooksLikeOccupation(text(name_begin))))
        ++name_begin;
      uint32_t name_words = j - name_begin;
      if (name_words < 2 || name_words > 3) continue;
      bool plausible = true;
      for (uint32_t k = name_begin; k < j; ++k) {
        if (text(k).size() < 2 || IsAcronym(text(k))) plausible = false;
      }
      if (!plausible) continue;
      // "Brightwater Foods, which makes frozen meals": "which" is said of things, not people.
      if (j + 1 < n && t[j].kind == TokenKind::kPunct && t[j].punct == ',' && word(j + 1) &&
          EqualsLowerAscii(text(j + 1), "which")) {
        std::string_view name = paragraph.substr(t[start].begin, t[j - 1].end - t[start].begin);
        if (FindByName(name) < 0) NoteOrganization(std::string(name));
        continue;
      }
      // A repeated name is only looked up: strings are built for a new person or a new title.
      LowerInto(StripPossessive(text(j - 1)), &scratch_);
      auto it = by_surname_.find(scratch_);
      bool has_title = false;
      for (uint32_t k = start; k < name_begin && !has_title; ++k) has_title = !IsCourtesyTitle(text(k));
      size_t e;
      bool same_person = it != by_surname_.end() &&
                         SameGivenName(entities_[it->second].name,
                                       paragraph.substr(t[name_begin].begin, t[j - 1].end - t[name_begin].begin));
      if (same_person && (!has_title || !entities_[it->second].title.empty())) {
        e = it->second;
        Touch(entities_[e]);
      } else {
        std::string name(paragraph.substr(t[name_begin].begin, t[j - 1].end - t[name_begin].begin));
        name = std::string(StripPossessive(name));
        std::string title;
        for (uint32_t k = start; k < name_begin; ++k) {
          if (IsCourtesyTitle(text(k))) continue;
          if (!title.empty()) title += ' ';
          title += text(k);
        }
        e = NotePerson(std::move(name), std::move(title));
        for (uint32_t k = start; k < name_begin; ++k) {
          if (entities_[e].gender == 0) entities_[e].gender = words_.GenderOf(text(k));
        }
      }
      // "his daughter Kerry Trask", "her husband Tom Reyes": a word between a possessive and a name is a
      // role, and a kinship word shows the gender.
      if (start >= 2 && start == run_begin && word(start - 1) && !t[start - 1].upper && word(start - 2) &&
          (EqualsLowerAscii(text(start - 2), "his") || EqualsLowerAscii(text(start - 2), "her") ||
           EqualsLowerAscii(text(start - 2), "their"))) {
        AddPersonRole(e, text(start - 1));
        if (entities_[e].gender == 0) entities_[e].gender = words_.GenderOf(text(start - 1));
      }
      // Lower-case role words before the name: "chief executive Tove Brekke", "prosecutor Tomas Reyes".
      for (uint32_t k = start; k > 0 && start - k < 3 && word(k - 1) && !t[k - 1].upper &&
                               role(k - 1) == WordRole::kTitle;
           --k) {
        AddPersonRole(e, text(k - 1));
        if (entities_[e].gender == 0) entities_[e].gender = words_.GenderOf(text(k - 1));
      }
      NoteApposition(paragraph, tokens, Span{start, j}, Span{name_begin, j}, e);
      if (pending_subject_ < 0 && start < sentence.first + 5) pending_subject_ = static_cast<int>(e);
    }
  }
  note_offset_ = 0;
}

void EntityTable::Touch(Entity& e) {
  if (e.paragraph != paragraph_) {
    e.paragraph = paragraph_;
    e.first_offset = note_offset_;
    e.seen_before_paragraph = e.seen;
  }
  e.seen = ++clock_;
}

uint32_t EntityTable::SeenBy(const Entity& e, uint32_t at) const {
  return e.paragraph == paragraph_ && e.first_offset > at ? e.seen_before_paragraph : e.seen;
}

void EntityTable::ReadGivenName(SpeakerFacts* s) const {
  // "Board engineer Callum Reid", "Clinic nurse Ama Owusu": a given name and one or two capitalised
  // words end the mention, whatever the tables make of the words before: a person, the rest a title.
  if (s->pronoun || s->kind == v1::Speaker::DOCUMENT || s->kind == v1::Speaker::GROUP) return;
  // Most mentions are one or two words: counted before any vector is built (this runs per attribution).
  size_t spaces = 0;
  for (char c : s->mention) spaces += c == ' ';
  if (spaces < 2) return;
  std::vector<std::string_view> words = Words(s->mention);
  if (words.size() < 3) return;
  size_t g = words.size();
  for (size_t k = words.size() - 1; k + 3 > words.size() && k > 0; --k) {
    if (words_.GenderOf(words[k - 1]) != 0 && StartsUpper(words[k - 1])) g = k - 1;
  }
  if (g == words.size() || g == 0) return;
  for (size_t k = g; k < words.size(); ++k) {
    if (!StartsUpper(words[k])) return;
  }
  size_t b = 0;
  while (b < g && IsLeadingDeterminer(words[b])) ++b;
  std::string name(words[g].data(), static_cast<size_t>(words.back().data() + words.back().size() - words[g].data()));
  if (s->kind == v1::Speaker::PERSON && s->name == name) return;
  s->kind = v1::Speaker::PERSON;
  s->title.assign(words[b].data(), static_cast<size_t>(words[g - 1].data() + words[g - 1].size() - words[b].data()));
  s->name = std::move(name);
}

bool EntityTable::ResolveLate(SpeakerFacts* s) const {
  if (s->pronoun || s->kind != v1::Speaker::PERSON || s->title.empty() || s->name != s->title) return false;
  size_t space = s->title.rfind(' ');
  std::string_view last = space == std::string::npos ? std::string_view(s->title)
                                                     : std::string_view(s->title).substr(space + 1);
  std::string head = LowerCopy(StripPossessive(last));
  int i = FindPersonByRole(head);
  if (i < 0) return false;
  s->name = entities_[static_cast<size_t>(i)].name;
  if (!entities_[static_cast<size_t>(i)].title.empty()) s->title = entities_[static_cast<size_t>(i)].title;
  return true;
}

void EntityTable::NotePlace(std::string_view place) { places_.insert(LowerCopy(place)); }

bool EntityTable::IsKnownSurname(std::string_view word) const {
  if (word.empty() || word.find(' ') != std::string_view::npos) return false;
  return by_surname_.find(LowerCopy(word)) != by_surname_.end();
}

bool EntityTable::IsPlace(std::string_view mention) const {
  std::string key = LowerCopy(mention);
  if (key.starts_with("the ")) key.erase(0, 4);
  if (places_.find(key) == places_.end()) return false;
  size_t space = key.rfind(' ');
  std::string_view last = space == std::string::npos ? std::string_view(key) : std::string_view(key).substr(space + 1);
  return by_name_.find(key) == by_name_.end() && by_surname_.find(last) == by_surname_.end();
}

int EntityTable::FindPersonByRole(std::string_view head) const {
  int best = -1;
  for (size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    if (e.kind != v1::Speaker::PERSON) continue;
    for (const std::string& r : e.roles) {
      if (RoleMatches(r, head) && (best < 0 || e.seen > entities_[static_cast<size_t>(best)].seen)) {
        best = static_cast<int>(i);
      }
    }
  }
  return best;
}

int EntityTable::FindOrganizationByType(std::string_view head) const {
  int best = -1;
  for (size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    if (e.kind != v1::Speaker::ORGANIZATION) continue;
    for (const std::string& r : e.roles) {
      if (r == head && (best < 0 || e.seen > entities_[static_cast<size_t>(best)].seen)) best = static_cast<int>(i);
    }
  }
  return best;
}

int EntityTable::FindByName(std::string_view name) const {
  LowerInto(name, &scratch_);
  auto it = by_name_.find(scratch_);
  if (it != by_name_.end()) return static_cast<int>(it->second);
  // A person: the surname's entry, if its full name is this one.
  size_t space = scratch_.rfind(' ');
  if (space == std::string::npos) return -1;
  auto person = by_surname_.find(std::string_view(scratch_).substr(space + 1));
  if (person != by_surname_.end() && EqualsLowerAscii(entities_[person->second].name, scratch_))
    return static_cast<int>(person->second);
  if (!namesakes_) return -1;
  for (size_t i = 0; i < entities_.size(); ++i) {  // an earlier namesake
    if (entities_[i].kind == v1::Speaker::PERSON && EqualsLowerAscii(entities_[i].name, scratch_))
      return static_cast<int>(i);
  }
  return -1;
}

void EntityTable::Fill(SpeakerFacts* s, const Entity& e) const {
  s->name = e.name;
  s->kind = e.kind;
  if (e.kind == v1::Speaker::PERSON) {
    if (!e.title.empty() || s->title.empty()) s->title = e.title;
    if (s->organization.empty()) s->organization = e.organization;
  }
}

void EntityTable::RememberPerson(const SpeakerFacts& s) {
  last_person_ = s;
  last_person_gender_known_ = false;  // worked out when a pronoun asks
  has_last_person_ = true;
  int i = FindByName(s.name);
  if (i >= 0) entities_[static_cast<size_t>(i)].spoke_at = ++speeches_;
  if (i >= 0 && i != last_speaker_) {
    other_speaker_ = last_speaker_;
    last_speaker_ = i;
  }
}

char EntityTable::GenderOfFacts(const SpeakerFacts& s) const {
  int i = FindByName(s.name);
  if (i >= 0 && entities_[static_cast<size_t>(i)].gender != 0) return entities_[static_cast<size_t>(i)].gender;
  char g = 0;
  auto look = [&](std::string_view w) {
    if (g == 0) g = words_.GenderOf(w);
  };
  ForEachWord(s.title, look);
  ForEachWord(s.mention, look);
  return g;
}

void EntityTable::Resolve(SpeakerFacts* s) {
  if (s->pronoun) {
    if (s->kind == v1::Speaker::PERSON) {
      char g = 0;
      if (EqualsLowerAscii(s->mention, "he") || EqualsLowerAscii(s->mention, "him") ||
          EqualsLowerAscii(s->mention, "his"))
        g = 'm';
      if (EqualsLowerAscii(s->mention, "she") || EqualsLowerAscii(s->mention, "her")) g = 'f';
      if (has_last_person_ && !last_person_gender_known_) {
        last_person_gender_ = GenderOfFacts(last_person_);
        last_person_gender_known_ = true;
      }
      // The other side of an exchange, the person who spoke before the previous subject, when the
      // article shows their gender to match and the previous subject's is unknown ("Obi replied ...
      // Hartigan said ... She said"); unless that subject is named in the pronoun's own paragraph
      // ("Layla Nasser said ... 'Q,' she said"), where the pronoun goes on about the person just named.
      int known_match = -1;
      const int last_index = has_last_person_ ? FindByName(last_person_.name) : -1;
      const bool last_in_paragraph = last_index >= 0 && entities_[static_cast<size_t>(last_index)].paragraph == paragraph_ &&
                                     entities_[static_cast<size_t>(last_index)].first_offset < s->at;
      if (g != 0 && has_last_person_ && last_person_gender_ == 0 && !last_in_paragraph && other_speaker_ >= 0 &&
          entities_[static_cast<size_t>(other_speaker_)].gender == g) {
        known_match = other_speaker_;
      }
      // The subject of the previous attributed sentence, unless the pronoun's gender rules it out.
      if (has_last_person_ && known_match < 0 && (g == 0 || last_person_gender_ == 0 || last_person_gender_ == g)) {
        std::string mention = std::move(s->mention);
        *s = last_person_;
        s->mention = std::move(mention);
        s->pronoun = true;
        if (g != 0 && last_person_gender_ == 0) {
          int i = FindByName(s->name);
          if (i >= 0) entities_[static_cast<size_t>(i)].gender = g;
          last_person_gender_ = g;
        }
        return;
      }
      // Else the latest person the article names whose gender fits.
      int best = known_match;
      uint32_t best_seen = 0;
      for (size_t i = 0; i < entities_.size() && known_match < 0; ++i) {
        const Entity& e = entities_[i];
        if (e.kind != v1::Speaker::PERSON || (g != 0 && e.gender != 0 && e.gender != g)) continue;
        uint32_t seen = SeenBy(e, s->at);
        if (seen > best_seen) {
          best = static_cast<int>(i);
          best_seen = seen;
        }
      }
      if (best >= 0) {
        Entity& e = entities_[static_cast<size_t>(best)];
        Fill(s, e);
        if (e.gender == 0) e.gender = g;
        RememberPerson(*s);
        last_person_gender_ = e.gender;
        last_person_gender_known_ = true;
      } else if (has_last_person_ && (g == 0 || last_person_gender_ == 0 || last_person_gender_ == g)) {
        std::string mention = std::move(s->mention);
        *s = last_person_;
        s->mention = std::move(mention);
      }
      // Else nobody the article names fits the pronoun's gender ("John Ames said ... She said"): the
      // speaker stays the pronoun, unresolved, rather than a person it cannot be.
      s->pronoun = true;
      return;
    }
    // "It said": an organisation, the latest that spoke or else the latest named.
    if (EqualsLowerAscii(s->mention, "it") || EqualsLowerAscii(s->mention, "its")) {
      if (has_last_organization_) {
        std::string mention = std::move(s->mention);
        *s = last_organization_;
        s->mention = std::move(mention);
      } else {
        int best = -1;
        uint32_t best_seen = 0;
        for (size_t i = 0; i < entities_.size(); ++i) {
          uint32_t seen = SeenBy(entities_[i], s->at);
          if (entities_[i].kind == v1::Speaker::ORGANIZATION && seen > best_seen) {
            best = static_cast<int>(i);
            best_seen = seen;
          }
        }
        if (best >= 0) Fill(s, entities_[static_cast<size_t>(best)]);
      }
      s->pronoun = true;
      return;
    }
    if (s->kind == v1::Speaker::GROUP && has_last_group_) {
      std::string mention = std::move(s->mention);
      *s = last_group_;
      s->mention = std::move(mention);
      s->pronoun = true;
    }
    return;
  }
  // "The 67-year-old said": the person the article has just been about.
  // "The father-of-two said": the same, when the gender the kin word gives does not rule them out.
  const std::string_view kin = KinOfDescription(s->mention);
  const char kin_gender = kin.empty() ? 0 : words_.GenderOf(kin);
  if (IsAgeDescription(s->mention) || kin_gender != 0) {
    // The previous speaker first: the description follows the person's own words ("'Q,' said Ana
    // Ruiz ... 'Q2,' the mum-of-two told us"), where a capitalised place between ("at Flinton Lock")
    // could pass for a newer person.
    if (kin_gender != 0 && last_speaker_ >= 0) {
      Entity& e = entities_[static_cast<size_t>(last_speaker_)];
      if (e.kind == v1::Speaker::PERSON && (e.gender == 0 || e.gender == kin_gender)) {
        if (e.gender == 0) e.gender = kin_gender;
        Fill(s, e);
        RememberPerson(*s);
        return;
      }
    }
    int best = -1;
    uint32_t best_seen = 0;
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i];
      // As the mention sees them: "the 34-year-old told the Daily Beacon" is not about the paper. For a
      // family description, a person who has spoken comes first: the story is about them ("Lee Marsh
      // ... his wife said ... The father-of-two insisted").
      const uint32_t seen = SeenBy(e, s->at);
      const uint32_t rank = kin_gender != 0 && e.spoke_at > 0 ? UINT32_MAX / 2 + e.spoke_at : seen;
      if (e.kind == v1::Speaker::PERSON && seen > 0 && (kin_gender == 0 || e.gender == 0 || e.gender == kin_gender) &&
          (best < 0 || rank > best_seen)) {
        best = static_cast<int>(i);
        best_seen = rank;
      }
    }
    if (best >= 0 && kin_gender != 0 && entities_[static_cast<size_t>(best)].gender == 0) {
      entities_[static_cast<size_t>(best)].gender = kin_gender;
    }
    if (best >= 0) {
      Fill(s, entities_[static_cast<size_t>(best)]);
      RememberPerson(*s);
      return;
    }
  }
  // "The ministry said in a statement ... 'Q,' the statement said": a document that names nobody is
  // the latest organisation's that spoke. Only a definite one points back: "A court filing says" is a
  // document not seen before, whoever spoke last.
  auto definite = [](std::string_view m) {
    for (std::string_view d : {"the ", "The ", "its ", "Its ", "their ", "Their ", "this ", "This "})
      if (m.starts_with(d)) return true;
    return false;
  };
  // "a statement from the energy regulator": a document that names its author speaks for the author.
  if (s->kind == v1::Speaker::DOCUMENT) {
    for (std::string_view by : {" from ", " by "}) {
      size_t at = s->name.find(by);
      if (at == std::string::npos) continue;
      // Right after the document's own word: "a letter seen by the Gazette" names its reader.
      std::string_view before = std::string_view(s->name).substr(0, at);
      before = before.substr(before.rfind(' ') == std::string_view::npos ? 0 : before.rfind(' ') + 1);
      const WordInfo* info = lexicon_.FindAnyCase(before);
      if (info == nullptr || info->role != WordRole::kDocument) continue;
      std::string_view author = std::string_view(s->name).substr(at + by.size());
      std::vector<std::string_view> words = Words(author);
      size_t b = 0;
      while (b + 1 < words.size() && IsLeadingDeterminer(words[b])) ++b;
      if (b < words.size()) {
        std::string name(words[b].data(), static_cast<size_t>(author.data() + author.size() - words[b].data()));
        s->organization = name;
        s->name = std::move(name);
        return;
      }
    }
  }
  if (s->kind == v1::Speaker::DOCUMENT && s->organization.empty() && has_last_organization_ && definite(s->mention)) {
    s->name = last_organization_.name;
    s->organization = last_organization_.name;
    return;
  }
  ReadGivenName(s);
  // A name the article gave an organisation ("Brightwater Foods, which ...").
  if (s->kind == v1::Speaker::PERSON && !s->name.empty()) {
    int known = FindByName(s->name);
    if (known >= 0 && entities_[static_cast<size_t>(known)].kind == v1::Speaker::ORGANIZATION) {
      Fill(s, entities_[static_cast<size_t>(known)]);
      Touch(entities_[static_cast<size_t>(known)]);
    }
  }
  if (s->kind == v1::Speaker::PERSON && !s->name.empty() && s->name.find(' ') == std::string::npos &&
      !by_first_word_.empty() && (LowerInto(s->name, &scratch_), by_surname_.find(scratch_) == by_surname_.end())) {
    auto org = by_first_word_.find(scratch_);
    if (org != by_first_word_.end()) {
      Fill(s, entities_[org->second]);
      Touch(entities_[org->second]);
      last_group_ = *s;
      has_last_group_ = true;
      last_organization_ = *s;
      has_last_organization_ = true;
      return;
    }
  }
  // "Ewa said", "Zhou added": a lone word that is no one's surname but the first word of exactly one
  // person's full name is that person (tabloids call people by given name; some names put the family
  // name first).
  if (s->kind == v1::Speaker::PERSON && !s->name.empty() && s->name.find(' ') == std::string::npos &&
      (LowerInto(StripPossessive(s->name), &scratch_), by_surname_.find(scratch_) == by_surname_.end())) {
    int only = -1;
    for (size_t i = 0; i < entities_.size() && only != -2; ++i) {
      const Entity& e = entities_[i];
      size_t space = e.name.find(' ');
      if (e.kind != v1::Speaker::PERSON || space == std::string::npos ||
          !EqualsLowerAscii(std::string_view(e.name).substr(0, space), scratch_))
        continue;
      only = only == -1 ? static_cast<int>(i) : -2;
    }
    if (only >= 0) {
      Entity& e = entities_[static_cast<size_t>(only)];
      Fill(s, e);
      Touch(e);
      RememberPerson(*s);
      return;
    }
  }
  if (s->kind == v1::Speaker::PERSON) {
    if (!s->name.empty()) {
      std::vector<std::string_view> words = Words(s->name);
      // "Skipper Lewis Okonjo", as NoteParagraph reads it: the word before a given name is a role.
      if (words.size() == 3 && words_.GenderOf(words[0]) == 0 && !IsCourtesyTitle(words[0]) &&
          (words_.GenderOf(words[1]) != 0 || LooksLikeOccupation(words[0]))) {
        std::string title(words[0]);
        if (!s->title.empty()) title = s->title + " " + title;
        s->title = std::move(title);
        std::string name(words[1].data(), static_cast<size_t>(words[2].data() + words[2].size() - words[1].data()));
        s->name = std::move(name);
        words = Words(s->name);  // the old views pointed into the replaced string
      }
      LowerInto(StripPossessive(words.back()), &scratch_);
      auto it = by_surname_.find(scratch_);
      if (it != by_surname_.end() && namesakes_ && words.size() == 1) {
        // Namesakes: "Mrs. Trask" is the woman; else the one the article named last.
        char g = 0;
        ForEachWord(s->mention, [&](std::string_view w) {
          if (g != 0 || !IsCourtesyTitle(w)) return;
          g = words_.GenderOf(w.back() == '.' ? w.substr(0, w.size() - 1) : w);  // "Mrs." -> "mrs"
        });
        int best = -1;
        for (size_t i = 0; i < entities_.size(); ++i) {
          const Entity& c = entities_[i];
          if (c.kind != v1::Speaker::PERSON || !c.name.ends_with(s->name)) continue;
          bool fits = g == 0 || c.gender == g;
          const Entity* b_entity = best >= 0 ? &entities_[static_cast<size_t>(best)] : nullptr;
          bool best_fits = b_entity != nullptr && (g == 0 || b_entity->gender == g);
          if (b_entity == nullptr || (fits && !best_fits) || (fits == best_fits && c.seen > b_entity->seen))
            best = static_cast<int>(i);
        }
        if (best >= 0) it->second = static_cast<size_t>(best);
      }
      if (it != by_surname_.end()) {
        const Entity& p = entities_[it->second];
        if (p.name.size() > s->name.size() && p.name.ends_with(s->name)) s->name = p.name;
        if (p.name == s->name) {
          if (s->title.empty()) s->title = p.title;
          if (s->organization.empty()) s->organization = p.organization;
        }
      }
      int known = words.size() >= 2 ? FindByName(s->name) : -1;
      if (known >= 0 && (s->title.empty() || s->title == entities_[static_cast<size_t>(known)].title)) {
        Touch(entities_[static_cast<size_t>(known)]);  // a person met again: nothing to add
      } else if (words.size() >= 2) {
        size_t e = NotePerson(s->name, s->title);
        if (entities_[e].organization.empty()) entities_[e].organization = s->organization;
      } else if (it != by_surname_.end()) {
        Touch(entities_[it->second]);
      }
    } else if (!s->title.empty()) {
      // A role description alone: the latest person the article gave that role.
      std::vector<std::string_view> words = Words(s->title);
      std::string head = LowerCopy(StripPossessive(words.back()));
      int i = FindPersonByRole(head);
      if (i >= 0) {
        Entity& e = entities_[static_cast<size_t>(i)];
        s->name = e.name;
        if (!e.title.empty()) s->title = e.title;
        Touch(e);
      } else {
        // Nobody holds the role: the description is the name, whole ("party spokesman"); a spokesperson
        // for a named organisation speaks for it, as its statement would.
        bool spokes = head.starts_with("spokes");
        s->name = spokes && !s->organization.empty() ? s->organization : s->title;
      }
    }
    RememberPerson(*s);
    return;
  }
  if (s->kind == v1::Speaker::ORGANIZATION || s->kind == v1::Speaker::UNKNOWN) {
    std::vector<std::string_view> words = Words(s->kind == v1::Speaker::ORGANIZATION && !s->name.empty() ? s->name
                                                                                                     : s->mention);
    size_t b = 0;
    while (b + 1 < words.size() && IsLeadingDeterminer(words[b])) ++b;
    if (b < words.size()) {
      std::string bare;
      for (size_t k = b; k < words.size(); ++k) {
        if (!bare.empty()) bare += ' ';
        bare += words[k];
      }
      // "Clinic group Medvale Holdings": a lower-case descriptor before a proper name is not part of it.
      // Before a one-word name it is so too when the mention is an organisation's ("Port operator
      // Nordgrain"); its head ("operator") is then a role of the organisation, which a later "the
      // operator" or, through the type table, "the company" names.
      size_t proper_from = words.size();
      // "University and College Lecturers' Association": a connector between capitalised words is inside.
      auto connector = [&](size_t w) {
        return w > b && StartsUpper(words[w - 1]) &&
               (EqualsLowerAscii(words[w], "and") || EqualsLowerAscii(words[w], "of") || words[w] == "&");
      };
      while (proper_from > b && (StartsUpper(words[proper_from - 1]) || connector(proper_from - 1))) --proper_from;
      std::string descriptor_head;
      // A descriptor is a noun: "of", "for", "and" inside a name ("Ministry of Transport") are none.
      const bool described = proper_from > b && proper_from < words.size() && s->kind == v1::Speaker::ORGANIZATION &&
                             IsDescriptorNoun(words[proper_from - 1]) &&
                             // "donor Sheldon Adelson": a given name opens a person's name, not an organisation's.
                             words_.GenderOf(words[proper_from]) == 0;
      if (proper_from > b && (words.size() - proper_from >= 2 || described)) {
        if (described) descriptor_head = LowerCopy(words[proper_from - 1]);
        b = proper_from;
        bare.clear();
        for (size_t k = b; k < words.size(); ++k) {
          if (!bare.empty()) bare += ' ';
          bare += words[k];
        }
      }
      if (!descriptor_head.empty()) {
        int named = FindByName(bare);
        size_t e = named >= 0 && entities_[static_cast<size_t>(named)].kind == v1::Speaker::ORGANIZATION
                       ? static_cast<size_t>(named)
                       : NoteOrganization(bare);
        AddTypedRole(e, descriptor_head);
        Touch(entities_[e]);
        Fill(s, entities_[e]);
        last_group_ = *s;
        has_last_group_ = true;
        last_organization_ = *s;
        has_last_organization_ = true;
        return;
      }
      std::string_view head_word = StripPossessive(words.back());
      std::string head = LowerCopy(head_word);
      const WordInfo* info = lexicon_.FindAnyCase(head_word);
      // "the insurer", "the carrier": a kind of organisation of organization_types.tsv heads one too.
      bool org_head = (info != nullptr && info->role == WordRole::kOrg) || words_.TypesOf(head_word) != nullptr ||
                      words_.IsOrganizationType(head);
      // "His daughter said": a description the article gave a person as a role ("his daughter Kerry
      // Trask") is that person, though the tables do not know the word as a title.
      if (s->kind == v1::Speaker::UNKNOWN && words.size() - b == 1 && !StartsUpper(words[b])) {
        int holder = FindPersonByRole(head_word.size() > 0 ? LowerCopy(head_word) : std::string());
        if (holder >= 0) {
          Fill(s, entities_[static_cast<size_t>(holder)]);
          Touch(entities_[static_cast<size_t>(holder)]);
          RememberPerson(*s);
          return;
        }
      }
      int known = FindByName(bare);
      if (known >= 0 && entities_[static_cast<size_t>(known)].kind == v1::Speaker::ORGANIZATION) {
        Fill(s, entities_[static_cast<size_t>(known)]);
        Touch(entities_[static_cast<size_t>(known)]);
      } else if (org_head) {
        bool proper = StartsUpper(words[b]) && !IsAcronym(words[b]);
        // "the airline", and "the central bank" after "the Bank of Norland": a bare head, or a head
        // with only generic modifiers, points back; "the island council" is an organisation of its own.
        bool generic = true;
        for (size_t k = b; k + 1 < words.size() && generic; ++k) generic = IsGenericModifier(words[k]);
        int typed = generic ? FindOrganizationByType(head) : -1;
        if (typed >= 0) {
          Fill(s, entities_[static_cast<size_t>(typed)]);
          Touch(entities_[static_cast<size_t>(typed)]);
        } else {
          s->kind = v1::Speaker::ORGANIZATION;
          s->name = bare;
          // A description with modifiers ("the island council") or a name is noted, so that a later "the
          // council" finds it.
          if (words.size() - b >= 2 || proper) NoteOrganization(bare);
        }
      }
    }
  }
  if (s->kind == v1::Speaker::GROUP || s->kind == v1::Speaker::ORGANIZATION) {
    last_group_ = *s;
    has_last_group_ = true;
  }
  if (s->kind == v1::Speaker::ORGANIZATION) {
    last_organization_ = *s;
    has_last_organization_ = true;
  }
}

}  // namespace copydesk::stages::attribution
