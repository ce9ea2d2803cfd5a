#include "stages/captions/credit_lexicon.h"

#include <algorithm>

#include "stages/captions/text_scan.h"
#include "stages/text/table_lines.h"
#include "stages/text/utf8.h"

namespace copydesk::embedded {
std::string_view captions_agencies_tsv();
std::string_view captions_credit_words_tsv();
}  // namespace copydesk::embedded

namespace copydesk::stages::captions {
namespace {

struct KindName {
  std::string_view name;
  WordKind kind;
};
constexpr KindName kKindNames[] = {
    {"person_label", WordKind::kPersonLabel},   {"org_label", WordKind::kOrgLabel},
    {"label", WordKind::kLabel},                {"qualifier", WordKind::kQualifier},
    {"credit_phrase", WordKind::kCreditPhrase}, {"org_word", WordKind::kOrgWord},
    {"caption_label", WordKind::kCaptionLabel}, {"caption_marker", WordKind::kCaptionMarker},
};

// Equal ignoring ASCII case; `folded` is already lower-case.
bool EqualsFolded(std::string_view s, std::string_view folded) {
  if (s.size() != folded.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (FoldAscii(s[i]) != folded[i]) return false;
  }
  return true;
}

}  // namespace

std::string FoldKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(FoldAscii(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

StatusOr<CreditLexicon> CreditLexicon::Parse(std::string_view agencies_tsv, std::string_view words_tsv) {
  CreditLexicon lexicon;
  for (const text::TableLine& line : text::SplitTableLines(agencies_tsv)) {
    if (line.fields.size() > 2) {
      return Status::Error("captions", "agencies.tsv line " + std::to_string(line.number) +
                                           ": expected '<name>\\t<alias>|<alias>...'");
    }
    const std::string canonical(line.fields[0]);
    std::vector<std::string_view> aliases = {canonical};
    if (line.fields.size() == 2) {
      for (std::string_view alias : text::SplitList(line.fields[1], '|')) aliases.push_back(alias);
    }
    for (std::string_view alias : aliases) {
      lexicon.agencies_[FoldKey(alias)] = canonical;
      lexicon.longest_alias_words_ = std::max(lexicon.longest_alias_words_, CountWords(alias));
    }
  }
  for (const text::TableLine& line : text::SplitTableLines(words_tsv)) {
    const KindName* found = nullptr;
    for (const KindName& k : kKindNames) {
      if (k.name == line.fields[0]) found = &k;
    }
    if (found == nullptr || line.fields.size() != 2) {
      return Status::Error("captions", "credit_words.tsv line " + std::to_string(line.number) +
                                           ": expected '<kind>\\t<phrase>' with a known kind");
    }
    lexicon.phrases_[static_cast<size_t>(found->kind)].push_back(FoldKey(line.fields[1]));
  }
  for (auto& list : lexicon.phrases_) {
    std::stable_sort(list.begin(), list.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
  lexicon.Index();
  return lexicon;
}

CreditLexicon::CreditLexicon(const CreditLexicon& other)
    : agencies_(other.agencies_), longest_alias_words_(other.longest_alias_words_), phrases_(other.phrases_) {
  Index();
}

CreditLexicon::CreditLexicon(CreditLexicon&& other) noexcept
    : agencies_(std::move(other.agencies_)),
      longest_alias_words_(other.longest_alias_words_),
      phrases_(std::move(other.phrases_)) {
  Index();
}

void CreditLexicon::Index() {
  for (size_t k = 0; k < kKinds; ++k) {
    for (auto& v : by_first_[k]) v.clear();
    for (auto& v : by_last_[k]) v.clear();
    for (const std::string& phrase : phrases_[k]) {
      by_first_[k][static_cast<unsigned char>(phrase.front())].push_back(&phrase);
      by_last_[k][static_cast<unsigned char>(phrase.back())].push_back(&phrase);
    }
  }
}

StatusOr<CreditLexicon> CreditLexicon::FromEmbeddedData() {
  return Parse(embedded::captions_agencies_tsv(), embedded::captions_credit_words_tsv());
}

const std::string* CreditLexicon::Agency(std::string_view name) const {
  if (name.empty() || name.size() > 64) return nullptr;
  auto it = agencies_.find(FoldKey(name));
  return it == agencies_.end() ? nullptr : &it->second;
}

size_t CreditLexicon::AgencySuffix(std::string_view s, const std::string** canonical) const {
  size_t best = 0;
  size_t words = 0;
  size_t i = s.size();
  while (i > 0 && words < longest_alias_words_ && s.size() - i < 64) {
    // Step back to the start of the previous word.
    while (i > 0 && s[i - 1] == ' ') --i;
    while (i > 0 && s[i - 1] != ' ') --i;
    ++words;
    std::string_view tail = s.substr(i);
    if (const std::string* name = Agency(tail)) {
      best = tail.size();
      if (canonical != nullptr) *canonical = name;
    }
  }
  return best;
}

size_t CreditLexicon::MatchPrefix(std::string_view s, WordKind kind) const {
  if (s.empty()) return 0;
  for (const std::string* phrase : by_first_[static_cast<size_t>(kind)][static_cast<unsigned char>(FoldAscii(s[0]))]) {
    if (s.size() < phrase->size()) continue;
    if (!EqualsFolded(s.substr(0, phrase->size()), *phrase)) continue;
    if (IsWordByte(phrase->back()) && phrase->size() < s.size() && IsWordByte(s[phrase->size()])) continue;
    return phrase->size();
  }
  return 0;
}

size_t CreditLexicon::MatchSuffix(std::string_view s, WordKind kind) const {
  if (s.empty()) return 0;
  for (const std::string* phrase :
       by_last_[static_cast<size_t>(kind)][static_cast<unsigned char>(FoldAscii(s.back()))]) {
    if (s.size() < phrase->size()) continue;
    size_t start = s.size() - phrase->size();
    if (!EqualsFolded(s.substr(start), *phrase)) continue;
    if (IsWordByte(phrase->front()) && start > 0 && IsWordByte(s[start - 1])) continue;
    return phrase->size();
  }
  return 0;
}

bool CreditLexicon::Contains(std::string_view s, WordKind kind) const {
  const auto& table = by_first_[static_cast<size_t>(kind)];
  auto matches_at = [&](size_t i) {
    for (const std::string* phrase : table[static_cast<unsigned char>(FoldAscii(s[i]))]) {
      if (i + phrase->size() > s.size()) continue;
      if (!EqualsFolded(s.substr(i, phrase->size()), *phrase)) continue;
      size_t end = i + phrase->size();
      if (IsWordByte(phrase->back()) && end < s.size() && IsWordByte(s[end])) continue;
      return true;
    }
    return false;
  };
  // Phrases start at a word start, or at the comma ending the previous word (", left,"); jump from space
  // to space (memchr) rather than testing every byte.
  size_t i = 0;
  while (i < s.size()) {
    if (matches_at(i)) return true;
    size_t space = s.find(' ', i);
    if (space == std::string_view::npos) break;
    if (space > 0 && s[space - 1] == ',' && matches_at(space - 1)) return true;
    i = space + 1;
  }
  return false;
}

bool CreditLexicon::IsWord(std::string_view word, WordKind kind) const {
  if (word.empty()) return false;
  for (const std::string* phrase :
       by_first_[static_cast<size_t>(kind)][static_cast<unsigned char>(FoldAscii(word[0]))]) {
    if (EqualsFolded(word, *phrase)) return true;
  }
  return false;
}

}  // namespace copydesk::stages::captions
