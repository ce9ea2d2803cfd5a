// The attribution stage's tables, parsed once at factory time from data files compiled into the binary
// (reporting_verbs.tsv, speaker_words.tsv, news_organizations.tsv, abbreviations.txt). Immutable after
// Load(), so one Lexicon is shared by every thread. Lookups take ASCII-lower-cased words.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "stages/status.h"

namespace copydesk::stages::attribution {

// How a reporting verb takes its content (see reporting_verbs.tsv).
enum class Frame { kSay, kTell, kNounPhrase, kAccording, kBelief, kNoun };

struct CueEntry {
  std::string lemma;
  Frame frame = Frame::kSay;
  // For a two-word form ("pointed out"): the second word; empty for one-word forms.
  std::string particle;
};

enum class WordRole { kNone, kTitle, kDocument, kGroup, kOrg, kPronounPerson, kPronounGroup, kDeterminer,
                      kAux, kClause, kTime };

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Everything the tables say about one lower-cased word, found with one lookup.
struct WordInfo {
  WordRole role = WordRole::kNone;
  const CueEntry* cue = nullptr;  // the one-word cue this word is, if any
  bool starts_phrase_cue = false;  // the first word of a two-word cue ("pointed out")
  // Listed in abbreviations.txt (keyed without the period), so the tokenizer's one lookup per word also
  // answers whether a following period belongs to it.
  bool abbreviation = false;
};

class Lexicon {
 public:
  // Movable, not copyable: words_ points into the cue tables.
  Lexicon() = default;
  Lexicon(Lexicon&&) = default;
  Lexicon& operator=(Lexicon&&) = default;
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  static StatusOr<Lexicon> Load();
  // Parses the four tables from text (Load() passes the embedded files; tests may pass their own).
  static StatusOr<Lexicon> Parse(std::string_view verbs, std::string_view speaker_words,
                                 std::string_view news_organizations, std::string_view abbreviations);

  // The cue a lower-cased word starts, given the next lower-cased word (for two-word forms), or nullptr.
  // *words receives 1 or 2.
  const CueEntry* FindCue(std::string_view word, std::string_view next, int* words) const;
  WordRole Role(std::string_view lower_word) const;
  // nullptr for a word the tables do not know.
  const WordInfo* Find(std::string_view lower_word) const;
  // Find() for a word in any case, without allocating: the per-token lookup of the tokenizer.
  const WordInfo* FindAnyCase(std::string_view word) const;
  bool IsAbbreviation(std::string_view lower_word_without_period) const;
  // Canonical news-organisation name for a mention (case-insensitive, leading "the" and trailing "'s"
  // dropped), or empty.
  std::string_view NewsOrganization(std::string_view mention) const;

 private:
  // Single-word forms, and two-word forms keyed by their first word.
  StringMap<CueEntry> cues_;
  std::unordered_multimap<std::string, CueEntry, StringHash, std::equal_to<>> phrase_cues_;
  StringMap<WordRole> roles_;
  StringSet abbreviations_;
  StringMap<std::string> news_;  // lower-cased alias or name -> canonical name
  StringMap<WordInfo> words_;     // the union of the above
  // The same union as an open-addressing table keyed by an FNV-1a hash of the lower-cased word, which
  // FindAnyCase computes while folding case: one pass over the word and no allocation per token.
  // Slots are 8 bytes (the hash's high half and an index into entries_) so the table stays in L1: with
  // the key and info inline (32 bytes a slot) the probe was a cache miss on most tokens.
  struct Slot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // 1 + index into entries_; 0 for an empty slot
  };
  struct Entry {
    std::string_view key;  // points into words_
    const WordInfo* info = nullptr;
  };
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  size_t longest_ = 0;
  // A filter in front of the table: bit `length` of entry (first letter, last letter) is set when some
  // known word has that shape. Most content words fail it before any hashing.
  static size_t ShapeKey(std::string_view w) {
    return ((static_cast<size_t>(static_cast<unsigned char>(w.front())) & 0x1F) << 5) |
           (static_cast<size_t>(static_cast<unsigned char>(w.back())) & 0x1F);
  }
  static uint32_t ShapeBit(std::string_view w) { return 1u << (w.size() & 31); }
  std::vector<uint32_t> shapes_ = std::vector<uint32_t>(1024, 0);
};

// ASCII lower-casing into `out` (reused buffer); non-ASCII bytes are copied unchanged.
void LowerInto(std::string_view word, std::string* out);

}  // namespace copydesk::stages::attribution
