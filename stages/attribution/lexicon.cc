#include "stages/attribution/lexicon.h"

#include <algorithm>
#include <vector>

#include "stages/text/news_organizations.h"
#include "stages/text/table_lines.h"

namespace copydesk::embedded {
std::string_view attribution_reporting_verbs();
std::string_view attribution_speaker_words();
std::string_view news_organizations();
std::string_view attribution_abbreviations();
}  // namespace copydesk::embedded

namespace copydesk::stages::attribution {
namespace {

bool ParseFrame(std::string_view s, Frame* frame) {
  if (s == "say") *frame = Frame::kSay;
  else if (s == "tell") *frame = Frame::kTell;
  else if (s == "np") *frame = Frame::kNounPhrase;
  else if (s == "according") *frame = Frame::kAccording;
  else if (s == "belief") *frame = Frame::kBelief;
  else if (s == "noun") *frame = Frame::kNoun;
  else return false;
  return true;
}

bool ParseRole(std::string_view s, WordRole* role) {
  static constexpr std::pair<std::string_view, WordRole> kRoles[] = {
      {"title", WordRole::kTitle}, {"document", WordRole::kDocument}, {"group", WordRole::kGroup},
      {"org", WordRole::kOrg}, {"pronoun_person", WordRole::kPronounPerson},
      {"pronoun_group", WordRole::kPronounGroup}, {"determiner", WordRole::kDeterminer},
      {"aux", WordRole::kAux}, {"clause", WordRole::kClause}, {"time", WordRole::kTime}};
  for (const auto& [name, value] : kRoles) {
    if (s == name) {
      *role = value;
      return true;
    }
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out;
  LowerInto(s, &out);
  return out;
}

}  // namespace



void LowerInto(std::string_view word, std::string* out) {
  out->assign(word);
  for (char& c : *out) c = FoldAscii(c);
}

StatusOr<Lexicon> Lexicon::Load() {
  return Parse(embedded::attribution_reporting_verbs(), embedded::attribution_speaker_words(),
               embedded::news_organizations(), embedded::attribution_abbreviations());
}

StatusOr<Lexicon> Lexicon::Parse(std::string_view verbs, std::string_view speaker_words,
                                 std::string_view news_organizations, std::string_view abbreviations) {
  Lexicon lex;
  auto bad_line = [](std::string_view table, const text::TableLine& line) {
    return Status::Error(StatusCode::kInternal, "attribution",
                         std::string(table) + ": bad line " + std::to_string(line.number));
  };
  for (const text::TableLine& line : text::SplitTableLines(verbs)) {
    const std::vector<std::string_view>& f = line.fields;
    CueEntry entry;
    if (f.size() < 3 || f.size() > 4 || !ParseFrame(f[2], &entry.frame) || (f.size() == 4 && f[3] != "directive"))
      return bad_line("reporting_verbs.tsv", line);
    entry.directive = f.size() == 4;
    entry.lemma = std::string(f[1]);
    std::string form = Lower(f[0]);
    size_t space = form.find(' ');
    if (space == std::string::npos) {
      lex.cues_.emplace(form, std::move(entry));
    } else {
      entry.particle = form.substr(space + 1);
      lex.phrase_cues_.emplace(form.substr(0, space), std::move(entry));
    }
  }
  StringMap<WordRole> roles;
  for (const text::TableLine& line : text::SplitTableLines(speaker_words)) {
    const std::vector<std::string_view>& f = line.fields;
    WordRole role = WordRole::kNone;
    if (f.size() != 2 || !ParseRole(f[1], &role)) return bad_line("speaker_words.tsv", line);
    roles.emplace(Lower(f[0]), role);
  }
  StatusOr<std::vector<text::NewsOrganization>> news = text::ParseNewsOrganizations(news_organizations);
  if (!news.ok()) return news.status();
  for (const text::NewsOrganization& org : news.value()) {
    for (const std::string& spelling : org.spellings) {
      lex.news_.emplace(Lower(spelling), org.name);
      if (Lower(spelling) == spelling) lex.lower_case_news_.emplace(spelling);  // "dpa"
    }
  }
  for (const auto& [key, canonical] : lex.news_) {
    if (key.size() > kMaxNewsName) {
      return Status::Error("attribution", "news_organizations.tsv: '" + key + "' is longer than " +
                                              std::to_string(kMaxNewsName) + " bytes");
    }
    lex.longest_news_ = std::max(lex.longest_news_, key.size());
  }
  StringMap<bool> abbreviation_set;  // word -> only before a number
  for (const text::TableLine& line : text::SplitTableLines(abbreviations)) {
    const std::vector<std::string_view>& f = line.fields;
    if (f.empty() || f.size() > 2 || (f.size() == 2 && f[1] != "number")) return bad_line("abbreviations.txt", line);
    abbreviation_set.emplace(Lower(f[0]), f.size() == 2);
  }
  if (lex.cues_.empty()) return Status::Error("attribution", "reporting_verbs.tsv holds no verbs");
  StringMap<WordInfo> words;  // the union of the tables, copied into entries_ below
  for (const auto& [word, role] : roles) words[word].role = role;
  for (const auto& [word, entry] : lex.cues_) words[word].cue = &entry;
  for (const auto& [word, entry] : lex.phrase_cues_) words[word].phrase_cues.push_back(&entry);
  for (const auto& [word, before_number] : abbreviation_set) {
    words[word].abbreviation = true;
    words[word].abbreviation_before_number = before_number;
  }
  size_t size = 16;
  while (size < words.size() * 4) size *= 2;
  lex.slots_.assign(size, Slot{});
  lex.entries_.reserve(words.size());
  for (const auto& [word, info] : words) {
    Entry entry;
    entry.key_begin = static_cast<uint32_t>(lex.keys_.size());
    entry.key_size = static_cast<uint32_t>(word.size());
    entry.info = info;
    lex.keys_ += word;
    uint64_t hash = WordHash::Of(word);
    size_t i = hash & (size - 1);
    while (lex.slots_[i].entry != 0) i = (i + 1) & (size - 1);
    lex.entries_.push_back(std::move(entry));
    lex.slots_[i] = Slot{static_cast<uint32_t>(hash >> 32), static_cast<uint32_t>(lex.entries_.size())};
    lex.filter_[FilterBit(hash) / 64] |= uint64_t{1} << (FilterBit(hash) % 64);
    lex.longest_ = std::max(lex.longest_, word.size());
  }
  return lex;
}

const WordInfo* Lexicon::FindAnyCase(std::string_view word) const {
  if (word.empty() || word.size() > longest_) return nullptr;
  return FindHashed(word, WordHash::Of(word));
}

const WordInfo* Lexicon::FindHashed(std::string_view word, uint64_t hash) const {
  if (word.size() > longest_ || slots_.empty()) return nullptr;
  if ((filter_[FilterBit(hash) / 64] >> (FilterBit(hash) % 64) & 1) == 0) return nullptr;
  for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
    const Slot& slot = slots_[i];
    if (slot.entry == 0) return nullptr;
    if (slot.hash != static_cast<uint32_t>(hash >> 32)) continue;
    const Entry& entry = entries_[slot.entry - 1];
    // An inline case-folding loop rather than a lower-cased copy and ==: keys are a few bytes, and the
    // library memcmp call cost more than the comparison on every hit of a common word.
    if (entry.key_size == word.size()) {
      const char* key = keys_.data() + entry.key_begin;
      size_t j = 0;
      while (j < word.size() && key[j] == FoldAscii(word[j])) ++j;
      if (j == word.size()) return &entry.info;
    }
  }
}

std::string_view Lexicon::NewsOrganization(std::string_view mention) const {
  // Called for every speaker mention, most of which are people: the key is folded on the stack, and a
  // mention longer than any listed name (plus "the " and "'s") is refused before any hashing.
  constexpr std::string_view kThe = "the ";
  if (mention.size() > longest_news_ + kThe.size() + 4) return {};
  char buffer[kMaxNewsName + 16];
  char* key_begin = buffer + kThe.size();  // room to prepend "the " for the second lookup
  for (size_t i = 0; i < mention.size(); ++i) key_begin[i] = FoldAscii(mention[i]);
  std::string_view key(key_begin, mention.size());
  if (key.starts_with(kThe)) key.remove_prefix(kThe.size());
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
    if (key.size() > suffix.size() && key.ends_with(suffix)) {
      key.remove_suffix(suffix.size());
      break;
    }
  }
  if (key.size() > longest_news_) return {};
  // A name is written with a capital: "the economist said" is a person, "The Economist" the paper;
  // only a name the table itself spells in lower case ("dpa") matches without one.
  std::string_view as_written = mention.substr(static_cast<size_t>(key.data() - key_begin), key.size());
  if (std::none_of(as_written.begin(), as_written.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
      lower_case_news_.find(as_written) == lower_case_news_.end())
    return {};
  auto it = news_.find(key);
  if (it != news_.end()) return it->second;
  char* with_the = key_begin + (key.data() - key_begin) - kThe.size();
  std::copy(kThe.begin(), kThe.end(), with_the);
  it = news_.find(std::string_view(with_the, key.size() + kThe.size()));
  return it == news_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace copydesk::stages::attribution
