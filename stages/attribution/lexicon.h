// The attribution stage's tables, parsed once at factory time from data files compiled into the binary
// (reporting_verbs.tsv, speaker_words.tsv, abbreviations.txt, and stages/text/news_organizations.tsv, which
// clean shares). Immutable after
// Load(), so one Lexicon is shared by every thread. Lookups take ASCII-lower-cased words.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "stages/status.h"
#include "stages/text/ascii.h"
#include "stages/text/fnv1a.h"

namespace copydesk::stages::attribution {

// How a reporting verb takes its content (see reporting_verbs.tsv).
enum class Frame { kSay, kTell, kNounPhrase, kAccording, kBelief, kNoun };

struct CueEntry {
  std::string lemma;
  Frame frame = Frame::kSay;
  // For a two-word form ("pointed out"): the second word; empty for one-word forms.
  std::string particle;
  // The verb may take an object and an infinitive ("urged voters to stay home"): then the object and the
  // infinitive are the content, not a listener and a setting.
  bool directive = false;
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
  // The two-word cues this word starts ("pointed out"), matched against the next word's particle.
  std::vector<const CueEntry*> phrase_cues;
  // Listed in abbreviations.txt (keyed without the period), so the tokenizer's one lookup per word also
  // answers whether a following period belongs to it.
  bool abbreviation = false;
  // Only before a number: "No. 3", but "the candidate said no. But ..." ends a sentence.
  bool abbreviation_before_number = false;
};

class Lexicon {
 public:
  // Movable, not copyable: entries_ point into the cue tables.
  Lexicon() = default;
  Lexicon(Lexicon&&) = default;
  Lexicon& operator=(Lexicon&&) = default;
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  static StatusOr<Lexicon> Load();
  // Parses the four tables from text (Load() passes the embedded files; tests may pass their own).
  static StatusOr<Lexicon> Parse(std::string_view verbs, std::string_view speaker_words,
                                 std::string_view news_organizations, std::string_view abbreviations);

  // What the tables say of a word in any case, without allocating; nullptr for a word they do not know.
  const WordInfo* FindAnyCase(std::string_view word) const;
  // FindAnyCase() for a word whose WordHash::Of the caller has already computed: the tokenizer hashes each
  // word while scanning its bytes, so the per-token lookup reads the word only to confirm a hit.
  const WordInfo* FindHashed(std::string_view word, uint64_t hash) const;
  // Canonical news-organisation name for a mention (case-insensitive, leading "the" and trailing "'s"
  // dropped), or empty. The name must hold a capital letter as written ("the economist" is nobody's paper).
  std::string_view NewsOrganization(std::string_view mention) const;

 private:
  // Single-word forms, and two-word forms keyed by their first word: the storage entries_ point into.
  StringMap<CueEntry> cues_;
  std::unordered_multimap<std::string, CueEntry, StringHash, std::equal_to<>> phrase_cues_;
  StringMap<std::string> news_;  // lower-cased alias or name -> canonical name
  StringSet lower_case_news_;     // spellings the table writes in lower case ("dpa")
  static constexpr size_t kMaxNewsName = 96;  // bytes; longer table entries are refused at Parse
  size_t longest_news_ = 0;
  // The union of the tables as an open-addressing table keyed by WordHash, which the tokenizer computes as
  // it scans a word: one pass over the word and no allocation per token.
  // Slots are 8 bytes (the hash's high half and an index into entries_) so the table stays in L1: with
  // the key and info inline (32 bytes a slot) the probe was a cache miss on most tokens.
  struct Slot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // 1 + index into entries_; 0 for an empty slot
  };
  // Entries are dense, their keys in one buffer: the probe, the key comparison and the later reads of the
  // WordInfo (a role or cue for nearly every other token) touch a few contiguous kilobytes, where node-based
  // map entries scattered them over the heap.
  struct Entry {
    uint32_t key_begin = 0;  // into keys_
    uint32_t key_size = 0;
    WordInfo info;
  };
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::string keys_;
  size_t longest_ = 0;
  // A one-probe Bloom filter in front of the table, indexed by high bits of the same hash: 8 KB, so it
  // stays in L1, and most content words ("ferry", "council") stop here without touching the slots.
  static constexpr size_t kFilterBits = size_t{1} << 16;
  static size_t FilterBit(uint64_t hash) { return (hash >> 40) & (kFilterBits - 1); }
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64, 0);
};

using text::FoldAscii;


// The space-separated words of a name or mention, as views into it.
inline std::vector<std::string_view> Words(std::string_view s) {
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

// "OECD", "FBI": two or more capitals and no lower-case letter.
constexpr bool IsAcronym(std::string_view w) {
  int capitals = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2;
}

// FNV-1a over ASCII-lower-cased bytes, one byte at a time, so a scanner can hash a word as it reads it.
struct WordHash {
  static constexpr uint64_t kBasis = text::kFnv1aBasis;
  static uint64_t StepFolded(uint64_t hash, unsigned char folded) { return text::Fnv1aStep(hash, folded); }
  static uint64_t Step(uint64_t hash, unsigned char byte) {
    return StepFolded(hash, static_cast<unsigned char>(FoldAscii(static_cast<char>(byte))));
  }
  static uint64_t Of(std::string_view word) {
    uint64_t hash = kBasis;
    for (char c : word) hash = Step(hash, static_cast<unsigned char>(c));
    return hash;
  }
};

// ASCII lower-casing into `out` (reused buffer); non-ASCII bytes are copied unchanged.
void LowerInto(std::string_view word, std::string* out);

// `word` in any ASCII case equals `lower` (lower-case ASCII), compared in place: the matchers ask this of
// most tokens near a cue, where a lower-cased copy per question was a visible share of the allocations.
inline bool EqualsLowerAscii(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (FoldAscii(word[i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace copydesk::stages::attribution
