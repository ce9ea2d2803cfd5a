// Hand-written rather than ICU's word and sentence BreakIterators: the sentence rule must not break inside
// quote spans and must know press abbreviations ("Sen.", "Gov."), and the pass has to run at tens of MB/s.
#include "stages/attribution/paragraph_tokens.h"

#include <array>
#include <string>

namespace copydesk::stages::attribution {
namespace {

constexpr std::array<bool, 128> kAsciiAlnum = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c < 128; ++c) table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return table;
}();

// For each byte: its lower-case form when it is an ASCII letter or digit, else 0.
constexpr std::array<unsigned char, 256> kFoldedAlnum = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 128; ++c) {
    if (kAsciiAlnum[c]) table[c] = static_cast<unsigned char>(FoldAscii(static_cast<char>(c)));
  }
  return table;
}();

// Length of a punctuation sequence in the General Punctuation block (E2 80 xx: dashes, curly marks,
// ellipsis) at s[i], or 0.
size_t GeneralPunctuationAt(std::string_view s, size_t i) {
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80)
    return 3;
  return 0;
}

bool IsRightSingleMark(std::string_view s, size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x99;
}

// A byte that starts or continues a word: ASCII letters and digits, and any non-ASCII byte that is not
// general punctuation (letters with diacritics, CJK, ...).
inline bool IsWordByte(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return kAsciiAlnum[c];
  if (c == 0xC2 && i + 1 < s.size()) {  // U+0080..U+00BF: NBSP, «, », §, ...: punctuation
    return false;
  }
  return GeneralPunctuationAt(s, i) == 0;
}

size_t Utf8Length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace


ParagraphTokens Tokenize(std::string_view s, const std::vector<QuoteSpan>& quotes, const Lexicon& lexicon) {
  ParagraphTokens out;
  Tokenize(s, quotes, lexicon, &out);
  return out;
}

void Tokenize(std::string_view s, const std::vector<QuoteSpan>& quotes, const Lexicon& lexicon,
              ParagraphTokens* result) {
  ParagraphTokens& out = *result;
  out.tokens.clear();
  out.info.clear();
  out.cue_words.clear();
  out.sentences.clear();
  out.tokens.reserve(s.size() / 5 + 4);
  out.info.reserve(s.size() / 5 + 4);
  size_t next_quote = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (next_quote < quotes.size() && i >= quotes[next_quote].open) {
      const QuoteSpan& q = quotes[next_quote];
      Token t;
      t.kind = TokenKind::kQuote;
      t.quote = static_cast<int32_t>(next_quote);
      t.begin = q.open;
      t.end = q.end;
      t.upper = StartsUpper(s.substr(t.begin, t.end - t.begin));
      out.tokens.push_back(t);
      out.info.push_back(nullptr);
      i = q.end > i ? q.end : i + 1;
      ++next_quote;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (IsWordByte(s, i)) {
      size_t start = i;
      size_t limit = next_quote < quotes.size() ? quotes[next_quote].open : s.size();
      // The word is hashed for the lexicon as it is read: one pass over its bytes, not two.
      uint64_t hash = WordHash::kBasis;
      bool dotted = false;
      while (i < limit) {
        // Most bytes of news text are ASCII letters: take them without the general word-byte test.
        unsigned char folded = kFoldedAlnum[static_cast<unsigned char>(s[i])];
        if (folded != 0) {
          hash = WordHash::StepFolded(hash, folded);
          ++i;
          continue;
        }
        size_t take = 0;
        if (static_cast<unsigned char>(s[i]) >= 0x80 && IsWordByte(s, i)) {
          take = Utf8Length(static_cast<unsigned char>(s[i]));
        } else {
          // Inner apostrophe, hyphen or period: part of the word when a word byte follows.
          size_t joiner = 0;
          if (s[i] == '\'' || s[i] == '-' || s[i] == '.' || s[i] == '&') joiner = 1;
          else if (IsRightSingleMark(s, i)) joiner = 3;
          // A thousands separator ("1,400 members") is part of the number, not a clause break.
          else if (s[i] == ',' && i > start && s[i - 1] >= '0' && s[i - 1] <= '9' && i + 1 < limit &&
                   s[i + 1] >= '0' && s[i + 1] <= '9') joiner = 1;
          // A plural possessive's apostrophe ends the word it belongs to ("the Pilots' Guild", "the
          // farmers' union"): an apostrophe after an s and before a space, outside any quotation.
          bool plural_possessive = joiner != 0 && s[i] != '-' && s[i] != '.' && s[i] != '&' && i > start &&
                                   s[i - 1] == 's' && i + joiner < limit && s[i + joiner] == ' ';
          if (plural_possessive) {
            for (size_t end = i + joiner; i < end; ++i) hash = WordHash::Step(hash, static_cast<unsigned char>(s[i]));
            break;
          }
          if (joiner == 0 || i + joiner >= limit || !IsWordByte(s, i + joiner)) break;
          dotted = dotted || s[i] == '.';
          take = joiner;
        }
        for (size_t end = i + take; i < end && i < limit; ++i) hash = WordHash::Step(hash, static_cast<unsigned char>(s[i]));
      }
      std::string_view word = s.substr(start, i - start);
      const WordInfo* info = lexicon.FindHashed(word, hash);
      // Trailing period of an abbreviation, an initial or a dotted word: only a word that takes its
      // period is looked up again, with the period.
      if (i < limit && s[i] == '.') {
        bool initial = word.size() == 1 && StartsUpper(word);
        bool abbreviation = info != nullptr && info->abbreviation &&
                            (!info->abbreviation_before_number ||
                             (i + 2 < limit && s[i + 1] == ' ' && s[i + 2] >= '0' && s[i + 2] <= '9'));
        if (dotted || initial || abbreviation) {
          ++i;
          info = lexicon.FindHashed(s.substr(start, i - start), WordHash::Step(hash, '.'));
        }
      }
      Token t;
      t.kind = TokenKind::kWord;
      t.begin = static_cast<uint32_t>(start);
      t.end = static_cast<uint32_t>(i);
      t.upper = StartsUpper(word);
      if (info != nullptr && (info->cue != nullptr || !info->phrase_cues.empty()))
        out.cue_words.push_back(static_cast<uint32_t>(out.tokens.size()));
      out.tokens.push_back(t);
      out.info.push_back(info);
      continue;
    }
    Token t;
    t.kind = TokenKind::kPunct;
    t.begin = static_cast<uint32_t>(i);
    size_t len = GeneralPunctuationAt(s, i);
    if (len > 0) {
      unsigned char d = static_cast<unsigned char>(s[i + 2]);
      t.punct = (d == 0x93 || d == 0x94 || d == 0x95) ? '-' : d == 0xA6 ? '.' : '~';
    } else {
      len = Utf8Length(c);
      switch (c) {
        case ',': case ';': case ':': case '(': case ')': case '.': case '!': case '?':
          t.punct = static_cast<char>(c);
          break;
        case '-':
          t.punct = '-';
          break;
        default:
          t.punct = '~';
      }
    }
    i += len;
    if (i > s.size()) i = s.size();
    t.end = static_cast<uint32_t>(i);
    t.upper = c >= 0xC3;
    out.tokens.push_back(t);
    out.info.push_back(nullptr);
  }

  // Sentences.
  uint32_t first = 0;
  const std::vector<Token>& tokens = out.tokens;
  for (uint32_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    // A closed quotation ending in a period ends its sentence when a capitalised word follows
    // ("... as president." He also said ...). After ? or ! the speaker often follows ("Why?" Ames asked).
    if (t.kind == TokenKind::kQuote && k + 1 < tokens.size() && tokens[k + 1].kind == TokenKind::kWord) {
      const QuoteSpan& q = quotes[static_cast<size_t>(t.quote)];
      uint32_t e = q.content_end;
      while (e > q.content_begin && s[e - 1] == ' ') --e;
      const Token& next = tokens[k + 1];
      // Unless the words after it attribute it ("... for now." Ames said.).
      bool attributed = false;
      for (uint32_t j = k + 1; j < tokens.size() && j <= k + 4 && tokens[j].kind == TokenKind::kWord; ++j) {
        // The one-word cue of the word, already looked up above (FindCue with no next word would
        // lower-case and hash it again).
        const CueEntry* cue = out.info[j] != nullptr ? out.info[j]->cue : nullptr;
        bool ends = j + 1 >= tokens.size() || tokens[j + 1].kind != TokenKind::kWord;
        if (cue != nullptr && (cue->frame == Frame::kSay || cue->frame == Frame::kTell) && ends) attributed = true;
      }
      if (!attributed && q.closed && e > q.content_begin && s[e - 1] == '.' &&
          next.upper) {
        out.sentences.push_back(Sentence{first, k + 1});
        first = k + 1;
      }
      continue;
    }
    if (t.kind != TokenKind::kPunct || (t.punct != '.' && t.punct != '!' && t.punct != '?')) continue;
    bool ends = false;
    if (k + 1 == tokens.size()) {
      ends = true;
    } else {
      const Token& next = tokens[k + 1];
      if (next.kind == TokenKind::kQuote) ends = true;
      else if (next.kind == TokenKind::kWord) ends = next.upper ||
                                                 (s[next.begin] >= '0' && s[next.begin] <= '9');
      else ends = next.punct == '(';
    }
    if (ends) {
      out.sentences.push_back(Sentence{first, k + 1});
      first = k + 1;
    }
  }
  if (first < tokens.size()) out.sentences.push_back(Sentence{first, static_cast<uint32_t>(tokens.size())});
  uint32_t cue = 0;
  for (Sentence& sentence : out.sentences) {
    while (cue < out.cue_words.size() && out.cue_words[cue] < sentence.first) ++cue;
    sentence.first_cue = cue;
    while (cue < out.cue_words.size() && out.cue_words[cue] < sentence.last) ++cue;
    sentence.last_cue = cue;
  }
}

size_t CapitalsColonDatelineEnd(std::string_view p) {
  size_t i = 0;
  for (int words = 0; words < 3; ++words) {
    const size_t start = i;
    while (i < p.size() && ((p[i] >= 'A' && p[i] <= 'Z') || p[i] == '.' || p[i] == '-' || p[i] == '\'')) ++i;
    if (i == start || p[start] < 'A' || p[start] > 'Z') return 0;
    if (i < p.size() && p[i] == ':') {
      if (i + 2 >= p.size() || p[i + 1] != ' ' || p[i + 2] < 'A' || p[i + 2] > 'Z') return 0;
      return i + 1;
    }
    if (i >= p.size() || p[i] != ' ') return 0;
    ++i;
  }
  return 0;
}

}  // namespace copydesk::stages::attribution
