// Tokens and sentences of one paragraph, for the speech patterns.
//
// Contract
// - Words (letters, digits, inner apostrophes, hyphens and periods: "don’t", "Secretary-General", "U.S.";
//   a number's thousands separators: "1,400";
//   a plural possessive keeps its apostrophe: "Pilots'"),
//   single punctuation marks, and whole quote spans as single tokens: the patterns treat a quotation as one
//   unit and never look for cues inside it.
// - A word's trailing period belongs to the word when the word is an abbreviation ("Mr.", "Sen."), an
//   initial ("J.") or has inner periods ("U.S."); otherwise it is a punctuation token.
// - Sentences end at . ! ? followed by a capitalised word, a digit, a quote or the paragraph's end, and
//   after a quotation that ends with a period when a capitalised word follows. Quote spans are never
//   split, so a multi-sentence quotation stays with its attribution.
// - Linear in the paragraph's size. Offsets are UTF-8 byte offsets into the paragraph.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "stages/attribution/lexicon.h"
#include "stages/attribution/quote_scanner.h"

namespace copydesk::stages::attribution {

enum class TokenKind : uint8_t { kWord, kPunct, kQuote };

struct Token {
  TokenKind kind = TokenKind::kWord;
  char punct = 0;     // for kPunct: ',' ';' ':' '(' ')' '.' '!' '?', '-' for dashes, '~' for anything else
  // StartsUpper() of the token's text, computed once here: every pass asks it of most tokens.
  bool upper = false;
  int32_t quote = -1; // for kQuote: index into the paragraph's quote spans
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct Sentence {
  uint32_t first = 0;  // token index
  uint32_t last = 0;   // one past the last token
  // The sentence's words that may start a cue: [first_cue, last_cue) of ParagraphTokens::cue_words.
  uint32_t first_cue = 0;
  uint32_t last_cue = 0;
};

struct ParagraphTokens {
  std::vector<Token> tokens;
  // Parallel to tokens: what the lexicon knows of each word (looked up once here), else nullptr.
  std::vector<const WordInfo*> info;
  // Indices of the words the lexicon knows as a cue or the first word of one, in order: the matcher
  // visits these instead of every token (most sentences hold none or one).
  std::vector<uint32_t> cue_words;
  std::vector<Sentence> sentences;
};

ParagraphTokens Tokenize(std::string_view paragraph, const std::vector<QuoteSpan>& quotes,
                         const Lexicon& lexicon);
// The same into *out, reusing its vectors' storage: the stage tokenizes paragraph after paragraph, and
// three fresh vectors per paragraph were a measurable share of its allocations.
void Tokenize(std::string_view paragraph, const std::vector<QuoteSpan>& quotes, const Lexicon& lexicon,
              ParagraphTokens* out);

// "RAMGARH: The state government ...": the byte offset just past the colon of a dateline in capitals,
// the way Indian and some other papers open a story (one to three words in capitals, a colon, a space,
// then a capital letter); 0 when the paragraph does not open so. Set like a transcript speaker
// ("KATE JONES: ..."), it is a dateline only where the story starts, which the caller knows.
size_t CapitalsColonDatelineEnd(std::string_view paragraph);

// True when a word token starts with an ASCII capital letter or a non-ASCII letter byte.
// Inline: called for most tokens by every pass.
inline bool StartsUpper(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC3;
}

}  // namespace copydesk::stages::attribution
