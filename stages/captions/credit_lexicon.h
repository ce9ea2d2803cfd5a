// CreditLexicon: the vocabulary of photo credits, parsed once from the stage's data files
// (agencies.tsv, credit_words.tsv) and then only read, so one instance serves every thread.
//
// Contract
// - Every lookup is ASCII case-insensitive and matches whole words: "Chapter" never matches "AP", and
//   "CAPTION" never matches an agency.
// - Agency(): the canonical name for an alias written as the whole string ("AP Photo" -> "AP").
// - MatchPrefix()/MatchSuffix(): byte length of the longest phrase of a kind at the start/end of a string
//   (0 when none); the match ends/starts at a word boundary.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stages/status.h"

namespace copydesk::stages::captions {

enum class WordKind {
  kPersonLabel,
  kOrgLabel,
  kLabel,
  kQualifier,
  kCreditPhrase,
  kOrgWord,
  kCaptionLabel,
  kCaptionMarker,
  kCount
};

class CreditLexicon {
 public:
  CreditLexicon() = default;
  // Copies and moves rebuild the lookup index, which points into the phrase lists.
  CreditLexicon(const CreditLexicon& other);
  CreditLexicon(CreditLexicon&& other) noexcept;
  CreditLexicon& operator=(const CreditLexicon&) = delete;
  CreditLexicon& operator=(CreditLexicon&&) = delete;

  static StatusOr<CreditLexicon> Parse(std::string_view agencies_tsv, std::string_view words_tsv);
  // The lexicon of the data files compiled into the binary; the stage factory calls it once.
  static StatusOr<CreditLexicon> FromEmbeddedData();

  // Canonical agency name, or nullptr when `name` is not a known alias.
  const std::string* Agency(std::string_view name) const;
  // Length of the longest agency alias ending `s` at a word boundary, and its canonical name in *canonical.
  size_t AgencySuffix(std::string_view s, const std::string** canonical) const;

  size_t MatchPrefix(std::string_view s, WordKind kind) const;
  size_t MatchSuffix(std::string_view s, WordKind kind) const;
  // True when some phrase of `kind` occurs anywhere in `s` at word boundaries.
  bool Contains(std::string_view s, WordKind kind) const;
  // True when `word` (one word) is of `kind`.
  bool IsWord(std::string_view word, WordKind kind) const;

 private:
  void Index();

  std::unordered_map<std::string, std::string> agencies_;  // lower-cased alias -> canonical
  size_t longest_alias_words_ = 1;
  static constexpr size_t kKinds = static_cast<size_t>(WordKind::kCount);
  // Lower-cased phrases per kind, longest first, and per kind the phrases by first and by last byte, so
  // that a lookup compares only the few phrases that can match (this runs for every word of a tail).
  std::array<std::vector<std::string>, kKinds> phrases_;
  std::array<std::array<std::vector<const std::string*>, 256>, kKinds> by_first_;
  std::array<std::array<std::vector<const std::string*>, 256>, kKinds> by_last_;
};

// Lower-cases ASCII letters and collapses runs of spaces; other bytes are kept.
std::string FoldKey(std::string_view s);

}  // namespace copydesk::stages::captions
