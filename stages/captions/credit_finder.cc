#include "stages/captions/credit_finder.h"

#include <vector>

#include "stages/captions/credit_parser.h"
#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {
namespace {

bool IsConnector(std::string_view word) {
  static constexpr std::string_view kConnectors[] = {"and", "&", "via", "for", "of", "the", "|", "/", "-", "/"};
  for (std::string_view c : kConnectors) {
    if (word.size() == c.size() && FindFolded(word, c) == 0) return true;
  }
  return false;
}

// Reads like credit text rather than prose: every word capitalised, a connector, a particle-like short
// lower-case word, or a qualifier; no sentence break inside.
bool IsCreditText(std::string_view s, const CreditLexicon& lexicon) {
  bool ok = true;
  std::string_view previous;
  ForEachWord(s, [&](std::string_view raw_word) {
    std::string_view word = raw_word;
    while (!word.empty() && (word.front() == '(' || word.front() == '[' || word.front() == '/')) word.remove_prefix(1);
    while (!word.empty() && (word.back() == ')' || word.back() == ']' || word.back() == ',' ||
                             word.back() == ':' || word.back() == '/')) {
      word.remove_suffix(1);
    }
    // A sentence break: "word. Next" where word is not an initial or an abbreviation like "Inc.".
    if (!previous.empty() && previous.back() == '.' && previous.size() > 4 && IsCapitalized(word)) {
      ok = false;
      return false;
    }
    previous = raw_word;
    if (word.empty()) return true;
    for (char c : word) {
      if (IsAsciiDigit(c)) {
        ok = false;
        return false;
      }
    }
    if (IsCapitalized(word) || IsConnector(word) || word.find('/') != std::string_view::npos) return true;
    if (lexicon.IsWord(word, WordKind::kQualifier) || lexicon.IsWord(word, WordKind::kLabel)) return true;
    if (word.size() <= 3) return true;  // name particles: de, van, al-
    ok = false;
    return false;
  });
  return ok;
}

// A credit ends without sentence punctuation unless it is bracketed, labelled or ends with an
// abbreviation ("Inc.", "T.").
bool EndsLikeCredit(std::string_view s) {
  if (s.empty()) return false;
  char last = s.back();
  if (last == ',' || last == ';' || last == ':' || last == '!' || last == '?') return false;
  if (last != '.') return true;
  size_t space = s.rfind(' ');
  std::string_view word = space == std::string_view::npos ? s : s.substr(space + 1);
  return word.size() <= 4 && IsCapitalized(word);
}

// "JANE ROE, Harbour Daily": a photographer's name in capitals, a comma and an owner of a few capitalised
// words, the way agencies set a credit in brackets; the shape names a photo even when the owner is unknown.
bool IsCapsNameCommaOwner(std::string_view s, const CreditLexicon& lexicon) {
  const size_t comma = s.find(", ");
  if (comma == std::string_view::npos) return false;
  const std::string_view name = s.substr(0, comma);
  const std::string_view owner = TrimSpaces(s.substr(comma + 2));
  const size_t name_words = CountWords(name);
  if (name_words < 2 || name_words > 4 || owner.empty() || CountWords(owner) > 5) return false;
  for (char c : name) {
    if (IsAsciiLower(c) || IsAsciiDigit(c)) return false;
  }
  return IsCapitalized(owner) && IsCreditText(owner, lexicon);
}

// "Jane Roe / Harbour Daily file photo", "Jane Roe/Harbour Daily/pool", "Handout/Ministry of Ports": an owner
// and a qualifier that names nobody ("file photo", "pool", "handout"). Only after a slash: "Jane Roe Submitted
// photo" is a portrait's caption (the name) glued to a credit that names nobody.
bool OwnerWithQualifier(std::string_view s, const CreditLexicon& lexicon) {
  // "Handout/Ministry of Ports": the qualifier may come first, as wires set handouts.
  const size_t leading = lexicon.MatchPrefix(s, WordKind::kQualifier);
  if (leading > 0 && leading < s.size() && (s[leading] == '/' || s[leading] == '|')) {
    const std::string_view owner = TrimSpaces(s.substr(leading + 1));
    if (!owner.empty() && IsCapitalized(owner)) return true;
  }
  const size_t qualifier = lexicon.MatchSuffix(s, WordKind::kQualifier);
  if (qualifier == 0 || qualifier >= s.size()) return false;
  std::string_view owner = TrimSpaces(s.substr(0, s.size() - qualifier));
  while (!owner.empty() && (owner.back() == '/' || owner.back() == ',' || owner.back() == '|')) owner.remove_suffix(1);
  owner = TrimSpaces(owner);
  return !owner.empty() && IsCapitalized(owner);
}

// "Jane Roe for The Harbour Daily": a photographer and the paper the picture was taken for, the way
// papers sign commissioned pictures. Set under the headline the same shape is a byline, which the
// detector tells apart by position (IsSignatureShaped).
bool IsNameForOwner(std::string_view s) {
  const size_t sep = FindFolded(s, " for ");
  if (sep == std::string_view::npos) return false;
  const std::string_view name = s.substr(0, sep);
  const std::string_view owner = TrimSpaces(s.substr(sep + 5));
  const size_t name_words = CountWords(name);
  return name_words >= 2 && name_words <= 4 && LooksLikeName(name) && IsCapitalized(owner) &&
         CountWords(owner) <= 5;
}

// The longest owner a photo label may name in words of any case ("Image source, Harlow family").
constexpr size_t kPhotoOwnerWords = 5;

CreditStrength Max(CreditStrength a, CreditStrength b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

CreditStrength RateSingle(std::string_view s, const CreditLexicon& lexicon) {
  std::string_view wrapped = StripTrailingDate(StripWrapping(s));
  bool bracketed = wrapped.size() + 2 <= s.size() && (s.front() == '(' || s.front() == '[');
  // A credit the page cut short keeps its opening bracket alone: "(JANE ROE, Harbour Daily".
  if (!bracketed && !wrapped.empty() && (wrapped.front() == '(' || wrapped.front() == '[') &&
      wrapped.find(wrapped.front() == '(' ? ')' : ']') == std::string_view::npos) {
    wrapped = TrimSpaces(wrapped.substr(1));
    bracketed = true;
  }
  std::string_view rest = wrapped;
  LabelKind label = StripCreditLabels(&rest, lexicon);
  rest = StripWrapping(rest);
  if (!bracketed && !EndsLikeCredit(s) && label == LabelKind::kNone) return CreditStrength::kNone;
  if (label != LabelKind::kNone) {
    if (rest.empty() || CountWords(rest) > 8) return CreditStrength::kNone;
    for (char c : rest) {
      if (IsAsciiDigit(c)) return CreditStrength::kNone;  // "© 2008 ...": a copyright notice, not a credit
    }
    ParsedCredit parsed = ParseCredit(rest, lexicon);
    bool known = lexicon.Agency(parsed.agency) != nullptr;
    if (known || IsCreditText(rest, lexicon)) return CreditStrength::kStrong;
    // "Image source, Harlow family": after a photo word the owner may be any short capitalised phrase;
    // "Source: official figures" opens with no photo word and stays text.
    if (lexicon.MatchPrefix(wrapped, WordKind::kLabel) > 0 && IsCapitalized(rest) &&
        CountWords(rest) <= kPhotoOwnerWords && EndsLikeCredit(rest)) {
      return CreditStrength::kMedium;
    }
    return CreditStrength::kNone;
  }
  if (lexicon.MatchPrefix(wrapped, WordKind::kCreditPhrase) == wrapped.size()) return CreditStrength::kMedium;
  if (!IsCreditText(wrapped, lexicon)) return CreditStrength::kNone;
  ParsedCredit parsed = ParseCredit(wrapped, lexicon);
  const bool known = lexicon.Agency(parsed.agency) != nullptr;
  const bool slashed = wrapped.find('/') != std::string_view::npos || wrapped.find('|') != std::string_view::npos ||
                       FindFolded(wrapped, " via ") != std::string_view::npos;
  // "Jane Roe/Acme via AP": a known distributor vouches for the credit as a known agency would.
  const bool known_distributor = lexicon.Agency(parsed.distributor) != nullptr;
  if (slashed && (known || known_distributor)) return CreditStrength::kStrong;
  if (slashed) return OwnerWithQualifier(wrapped, lexicon) ? CreditStrength::kMedium : CreditStrength::kWeak;
  if (lexicon.Agency(wrapped) != nullptr) {
    if (bracketed || lexicon.Contains(wrapped, WordKind::kLabel)) return CreditStrength::kStrong;
    return CreditStrength::kBareAgency;
  }
  if (bracketed && IsCapsNameCommaOwner(wrapped, lexicon)) return CreditStrength::kMedium;
  if (bracketed) return known ? CreditStrength::kStrong : CreditStrength::kNone;  // "(left)", "(OSCE)"
  if (known && !parsed.photographers.empty()) return CreditStrength::kMedium;
  if (!parsed.photographers.empty() && lexicon.MatchSuffix(wrapped, WordKind::kQualifier) > 0 &&
      wrapped.find(',') != std::string_view::npos) {
    return CreditStrength::kMedium;  // "Jane Roe, file"
  }
  if (IsNameForOwner(wrapped)) return CreditStrength::kMedium;
  if (CountWords(wrapped) <= 4) return CreditStrength::kWeak;
  return CreditStrength::kNone;
}

}  // namespace

CreditStrength RateCredit(std::string_view s, const CreditLexicon& lexicon) {
  s = TrimSpaces(s);
  if (s.empty() || s.size() > 160 || HasQuotationMark(s)) return CreditStrength::kNone;
  bool has_letter = false;
  for (char c : s) has_letter = has_letter || IsAsciiUpper(c) || IsAsciiLower(c) || static_cast<unsigned char>(c) >= 0x80;
  if (!has_letter) return CreditStrength::kNone;
  if (CountWords(s) > 16) return CreditStrength::kNone;
  // Doubled credits "(A) (B)" and "(A) B": rate each group; the whole rates as its best group.
  if ((s.front() == '(' || s.front() == '[') && StripWrapping(s).size() + 2 > s.size()) {
    int depth = 0;
    size_t close = std::string_view::npos;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '(' || s[i] == '[') ++depth;
      if ((s[i] == ')' || s[i] == ']') && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close != std::string_view::npos && close + 1 < s.size()) {
      CreditStrength first = RateSingle(s.substr(0, close + 1), lexicon);
      CreditStrength second = RateSingle(TrimSpaces(s.substr(close + 1)), lexicon);
      if (first == CreditStrength::kNone || second == CreditStrength::kNone) return CreditStrength::kNone;
      return Max(first, second);
    }
  }
  return RateSingle(s, lexicon);
}

CreditSpan FindTrailingCredit(std::string_view p, const CreditLexicon& lexicon) {
  CreditSpan best;
  size_t end = p.size();
  while (end > 0 && p[end - 1] == ' ') --end;
  if (end == 0) return best;
  // A paragraph closing a sentence ("... on Tuesday.") ends with no credit unless its last word is an
  // abbreviation ("Inc."): the common case for body text leaves here without scanning.
  {
    size_t e = end;
    while (e > 0 && (p[e - 1] == '"' || p[e - 1] == '\'')) --e;
    if (e >= 3 && static_cast<unsigned char>(p[e - 3]) == 0xE2 && static_cast<unsigned char>(p[e - 2]) == 0x80 &&
        (static_cast<unsigned char>(p[e - 1]) == 0x9D || static_cast<unsigned char>(p[e - 1]) == 0x99)) {
      e -= 3;
    }
    if (e > 0 && (p[e - 1] == '?' || p[e - 1] == '!' || (e < end && p[e - 1] == '.'))) return best;
    if (e == end && e > 0 && p[e - 1] == '.' && (e < 2 || (p[e - 2] != ')' && p[e - 2] != ']'))) {
      size_t space = p.rfind(' ', e - 1);
      std::string_view last = space == std::string_view::npos ? p.substr(0, e) : p.substr(space + 1, e - space - 1);
      // ... unless the last sentence is itself a labelled credit: "... in 1987. Photo by Jane Roe."
      size_t stop = p.rfind(". ", e - 1);
      std::string_view last_sentence = stop == std::string_view::npos ? p.substr(0, e) : p.substr(stop + 2, e - stop - 2);
      bool labelled = last_sentence.size() < kTailBytes &&
                      (lexicon.MatchPrefix(last_sentence, WordKind::kPersonLabel) > 0 ||
                       lexicon.MatchPrefix(last_sentence, WordKind::kOrgLabel) > 0);
      if ((last.size() > 4 || !IsCapitalized(last)) && !labelled) return best;
    }
  }
  const size_t tail_start = end > kTailBytes ? end - kTailBytes : 0;
  std::vector<size_t> starts;
  // A bracket group closing the paragraph, possibly doubled: "(A) (B)".
  {
    size_t e = end;
    if (e > 0 && p[e - 1] == '.') --e;
    if (e > 0 && (p[e - 1] == ')' || p[e - 1] == ']')) {
      int depth = 0;
      for (size_t i = e; i-- > tail_start;) {
        if (p[i] == ')' || p[i] == ']') ++depth;
        if ((p[i] == '(' || p[i] == '[') && --depth == 0) {
          starts.push_back(i);
          if (i >= 2 && (p[i - 2] == ')' || p[i - 2] == ']') && p[i - 1] == ' ') {
            e = i - 1;
            depth = 0;
            continue;
          }
          break;
        }
      }
    }
  }
  for (size_t i = tail_start; i < end; ++i) {
    const char c = p[i];
    if (c == '(' || c == '[') {
      if (i == 0 || p[i - 1] == ' ') starts.push_back(i);  // "(Photo: X) X" and other groups near the end
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < end && static_cast<unsigned char>(p[i + 1]) == 0xA9) {
      starts.push_back(i);  // ©
    } else if (c == ' ' && i > 0 && i + 1 < end) {
      const char before = p[i - 1];
      bool sentence_end = before == '.' || before == '?' || before == '!';
      if (!sentence_end && i >= 2 && (before == '"' || before == ')' || static_cast<unsigned char>(before) >= 0x80)) {
        // ." or .) or .” (E2 80 9D)
        size_t k = i - 1;
        while (k > 0 && static_cast<unsigned char>(p[k]) >= 0x80) --k;
        sentence_end = k > 0 && (p[k] == '.' || p[k] == '?' || p[k] == '!' || p[k - 1] == '.');
      }
      if (sentence_end) {
        starts.push_back(i + 1);
      } else if (IsWordByte(p[i + 1])) {
        std::string_view word_on = p.substr(i + 1, end - i - 1);
        if (lexicon.MatchPrefix(word_on, WordKind::kPersonLabel) || lexicon.MatchPrefix(word_on, WordKind::kOrgLabel) ||
            lexicon.MatchPrefix(word_on, WordKind::kLabel)) {
          starts.push_back(i + 1);
        }
      }
    }
  }
  if (size_t n = lexicon.MatchSuffix(p.substr(0, end), WordKind::kCreditPhrase)) {
    if (n < end && p[end - n - 1] == ' ') starts.push_back(end - n);
  }
  for (size_t start : starts) {
    if (start == 0 || start >= end) continue;
    // The caption before the credit must hold a word.
    bool has_word = false;
    for (size_t k = 0; k < start && !has_word; ++k) has_word = IsWordByte(p[k]);
    if (!has_word) continue;
    CreditStrength strength = RateCredit(p.substr(start, end - start), lexicon);
    if (strength == CreditStrength::kNone) continue;
    if (static_cast<int>(strength) > static_cast<int>(best.strength) ||
        (strength == best.strength && start < best.begin)) {
      best.begin = start;
      best.end = end;
      best.strength = strength;
    }
  }
  // "(AP Photo/Jane Roe)." — the period closes the caption sentence, not the credit.
  if (best.found() && best.end >= 2 && p[best.end - 1] == '.' &&
      (p[best.end - 2] == ')' || p[best.end - 2] == ']') && (p[best.begin] == '(' || p[best.begin] == '[')) {
    --best.end;
  }
  return best;
}

CreditSpan FindLeadingCredit(std::string_view p, const CreditLexicon& lexicon) {
  CreditSpan span;
  size_t n = lexicon.MatchPrefix(p, WordKind::kPersonLabel);
  if (n == 0) return span;
  for (size_t i = 0; i < n; ++i) {
    if (IsAsciiLower(p[i])) return span;  // only the capitalised form opens a caption: "STAFF PHOTO BY"
  }
  size_t i = n;
  size_t name_end = 0;
  size_t names = 0;
  while (i < p.size() && names < 5) {
    while (i < p.size() && p[i] == ' ') ++i;
    size_t start = i;
    while (i < p.size() && p[i] != ' ') ++i;
    std::string_view word = p.substr(start, i - start);
    if (word.empty()) break;
    int upper = 0;
    bool lower = false;
    for (char c : word) {
      upper += IsAsciiUpper(c) ? 1 : 0;
      lower = lower || IsAsciiLower(c);
    }
    if (upper == 0 || (lower && upper < 3)) break;
    name_end = i;
    ++names;
  }
  if (names == 0 || name_end >= p.size()) return span;
  span.begin = 0;
  span.end = name_end;
  span.strength = CreditStrength::kStrong;
  return span;
}

}  // namespace copydesk::stages::captions
