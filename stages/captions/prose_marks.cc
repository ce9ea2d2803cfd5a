#include "stages/captions/prose_marks.h"

#include <array>

#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {
namespace {

std::string_view StripPunctuation(std::string_view w) {
  while (!w.empty() && !IsWordByte(w.front())) w.remove_prefix(1);
  while (!w.empty() && !IsWordByte(w.back())) w.remove_suffix(1);
  return w;
}

bool IsDigits(std::string_view w, size_t min, size_t max) {
  if (w.size() < min || w.size() > max) return false;
  for (char c : w) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

bool EqualsFolded(std::string_view w, std::string_view folded) {
  return w.size() == folded.size() && FindFolded(w, folded) == 0;
}

// Words that open a sentence but are no subject a picture shows: pronouns, conjunctions, and the
// prepositions and quantifiers that open prose ("For ferry owners on the coast ...", "Some traders at
// ...", "In harbour politics ..."), after which the first lower-case word is a noun, not a verb.
constexpr std::array<std::string_view, 70> kActionOpeners = {
    "he",      "she",    "it",      "they",   "we",      "i",        "you",     "this",   "that",   "these",
    "those",   "there",  "his",     "her",    "except",  "but",      "and",     "when",   "while",  "if",
    "as",      "after",  "before",  "then",   "so",      "now",      "yet",     "still",  "also",   "however",
    "for",     "in",     "on",      "at",     "over",    "under",    "from",    "with",   "without", "during",
    "through", "going",  "even",    "much",   "nothing", "other",    "some",    "many",   "most",   "more",
    "few",     "several", "all",    "both",   "each",    "every",    "no",      "any",    "such",   "what",
    "our",     "my",     "amid",    "despite", "among",   "since",    "until",   "by",     "into",   "to"};
constexpr std::array<std::string_view, 20> kNotActions = {
    "says",   "adds",   "tells",    "writes",  "notes",  "argues", "explains", "believes", "thinks", "wants",
    "hopes",  "knows",  "insists",  "admits",  "agrees", "recalls", "claims",  "suggests", "remains", "seems"};
constexpr std::array<std::string_view, 30> kActionFollowers = {
    "the",  "a",      "an",     "his",    "her",     "their",  "its",   "with",  "at",      "in",
    "on",   "after",  "during", "for",    "from",    "as",     "into",  "against", "past",  "near",
    "before", "over", "off",    "up",     "down",    "out",    "back",  "outside", "alongside", "next"};
// Verbs after a plural subject that tell of the past or of an opinion, not of a picture.
constexpr std::array<std::string_view, 24> kNotPluralActions = {
    "had",  "have", "were", "are",  "was",  "did",   "do",    "will",  "would", "could", "should", "may",
    "said", "told", "made", "took", "came", "went",  "ran",   "saw",   "left",  "found", "gave",   "got"};

// Words ending in "ed" that are not verbs in the past.
constexpr std::array<std::string_view, 8> kNotPast = {"need", "needed", "speed", "indeed", "breed", "bed", "seed",
                                                      "hundred"};
constexpr std::array<std::string_view, 3> kPossessives = {"his", "her", "their"};

// Every list here is lower-case, so the first byte rules most entries out before the folded compare; the
// subject test runs on every short paragraph, several times.
template <size_t N>
bool InList(std::string_view w, const std::array<std::string_view, N>& list) {
  if (w.empty()) return false;
  const char first = FoldAscii(w[0]);
  for (std::string_view x : list) {
    if (w.size() == x.size() && first == x[0] && FindFolded(w, x) == 0) return true;
  }
  return false;
}

// Splits "Subject verb next ...": a capitalised subject (names, possessives, numbers, roles in brackets),
// then the first lower-case word and the word after it. False when no such subject opens `s`.
bool SplitSubjectVerb(std::string_view s, std::string_view* verb, std::string_view* next) {
  std::array<std::string_view, 12> words{};
  size_t count = 0;
  ForEachWord(s, [&](std::string_view w) {
    while (!w.empty() && !IsWordByte(w.back()) && w.back() != ')') w.remove_suffix(1);
    words[count++] = w;
    return count < words.size();
  });
  // "HOST: So tell me ...", "Q: But ...": a transcript's speaker, not a subject.
  const size_t first_space = s.find(' ');
  const bool speaker = first_space != std::string_view::npos && first_space > 0 && s[first_space - 1] == ':';
  if (count < 3 || speaker || InList(words[0], kActionOpeners)) return false;
  size_t i = 0;
  // The subject: capitalised words, possessives, numbers and roles in brackets: "Harbourside's Milo Trent (C)".
  // A role noun between names belongs to the subject: "Harbourside coach Ines Moravec".
  // A relative named after a possessive belongs to it too: "Jon Marsh and his wife Ada".
  while (i < count && !words[i].empty() &&
         (IsCapitalized(words[i]) || words[i].front() == '(' || words[i] == "and" || words[i] == "of" ||
          (i > 0 && i + 1 < count && IsAsciiLower(words[i][0]) && IsCapitalized(words[i + 1])) ||
          (i > 0 && words[i - 1] == "and" && i + 2 < count && InList(words[i], kPossessives) &&
           IsAsciiLower(words[i + 1][0]) && IsCapitalized(words[i + 2])))) {
    ++i;
  }
  if (i == 0 || i + 1 >= count || words[i].empty() || !IsAsciiLower(words[i][0])) return false;
  *verb = words[i];
  *next = words[i + 1];
  return true;
}

}  // namespace

bool IsMonthName(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  while (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (std::string_view m : kMonths) {
    if (EqualsFolded(w, m)) return true;
  }
  return false;
}

bool HasPictureDate(std::string_view s) {
  // A window of three words: month day year, or day month year.
  std::array<std::string_view, 3> last{};
  bool found = false;
  ForEachWord(s, [&](std::string_view raw) {
    last[0] = last[1];
    last[1] = last[2];
    last[2] = StripPunctuation(raw);
    if (IsDigits(last[2], 4, 4)) {
      const bool month_day = IsMonthName(last[0]) && IsDigits(last[1], 1, 2);
      const bool day_month = IsDigits(last[0], 1, 2) && IsMonthName(last[1]);
      found = month_day || day_month;
    }
    return !found;
  });
  return found;
}

bool HasReportingVerb(std::string_view s) {
  static constexpr std::array<std::string_view, 16> kVerbs = {
      "said",   "says",    "say",       "told",  "tells",   "added",  "stated", "announced",
      "warned", "claimed", "explained", "asked", "replied", "argued", "insisted", "according"};
  bool found = false;
  ForEachWord(s, [&](std::string_view raw) {
    std::string_view w = StripPunctuation(raw);
    if (w.size() < 3 || w.size() > 9 || !IsAsciiLower(w[0])) return true;
    for (std::string_view v : kVerbs) {
      if (EqualsFolded(w, v)) {
        found = true;
        return false;
      }
    }
    return true;
  });
  return found;
}

// "Harbourside's Milo Trent (C) chases the ball ...", "Wren Addley is seen ...": a capitalised subject, then a
// present-tense verb of action and a function word — how captions describe a picture. Plural nouns
// ("Ferry crews had"), pronoun subjects ("She tries to") and speech verbs ("says") are prose.
// A singular present verb of action followed by a function word: "chases the", "walks past".
bool IsPresentAction(std::string_view verb, std::string_view next) {
  if ((verb == "is" || verb == "are") && next == "seen") return true;
  if (verb.size() < 4 || verb.back() != 's') return false;
  char before = verb[verb.size() - 2];
  if (before == 's' || before == 'u' || before == 'i' || before == '\'') return false;
  return !InList(verb, kNotActions) && InList(next, kActionFollowers);
}

// "A council engineer inspects the ...": an indefinite subject, up to three lower-case words, then the
// verb. News prose does not open on an indefinite subject in the present; a caption shows someone.
bool IndefiniteSubjectActs(std::string_view s) {
  if (s.substr(0, 2) != "A " && s.substr(0, 3) != "An ") return false;
  std::array<std::string_view, 6> words{};
  size_t count = 0;
  ForEachWord(s, [&](std::string_view w) {
    words[count++] = StripPunctuation(w);
    return count < words.size();
  });
  if (count < 4 || (words[0] != "A" && words[0] != "An")) return false;
  // The noun phrase ends at its verb; a function word, a past tense or a verb of speech before it means
  // the subject runs on ("An alliance of councils from ...", "A poll conducted by ...", "A spokesman said").
  static constexpr std::array<std::string_view, 7> kRunsOn = {"of", "who", "which", "that", "to", "and", "or"};
  for (size_t k = 1; k + 1 < count && k <= 4; ++k) {
    const std::string_view w = words[k];
    if (k == 1) continue;  // the noun or adjective right after the article
    if (w.empty() || !IsAsciiLower(w[0]) || InList(w, kRunsOn) || InList(w, kActionFollowers) ||
        InList(w, kNotPluralActions) || HasReportingVerb(w) || (w.size() > 3 && w.substr(w.size() - 2) == "ed")) {
      return false;
    }
    // "A report shows the ...", "A study finds ...": a document's findings are prose.
    static constexpr std::array<std::string_view, 5> kFindings = {"shows", "finds", "reveals", "means", "makes"};
    if (IsPresentAction(w, words[k + 1])) return !InList(w, kFindings);
  }
  return false;
}

// "Harbour leaders in the council have made ...": what looked like the verb ("leaders in") was the
// subject's plural noun, since a finite verb follows in the same clause. Reads the words after `verb` up
// to the first sentence end or subordinate clause, at most kFiniteWindow of them.
bool FiniteVerbFollows(std::string_view s, std::string_view verb) {
  static constexpr size_t kFiniteWindow = 14;
  static constexpr std::array<std::string_view, 22> kFinite = {
      "have", "has",  "had",   "were",  "was",   "are",    "is",   "will",  "would",  "could", "should",
      "can",  "may",  "might", "must",  "began", "showed", "did",  "do",    "does",   "range", "make"};
  const size_t at = s.find(verb);
  if (at == std::string_view::npos) return false;
  size_t index = 0;
  bool finite = false;
  // A subordinate clause has verbs of its own: "wait on the quay after the ferry was cancelled".
  static constexpr std::array<std::string_view, 11> kClauseOpeners = {
      "after", "as", "when", "while", "before", "because", "since", "until", "who", "which", "that"};
  ForEachWord(s.substr(at + verb.size()), [&](std::string_view raw) {
    const std::string_view w = StripPunctuation(raw);
    if (InList(w, kClauseOpeners)) return false;
    finite = InList(w, kFinite);
    return !finite && raw.back() != '.' && ++index < kFiniteWindow;
  });
  return finite;
}

bool OpensWithPresentAction(std::string_view s) {
  std::string_view verb;
  std::string_view next;
  if (!SplitSubjectVerb(s, &verb, &next)) return IndefiniteSubjectActs(s);
  if (IsPresentAction(verb, next)) return verb == "is" || verb == "are" || !FiniteVerbFollows(s, verb);
  return IndefiniteSubjectActs(s);
}

bool ShowsAPicture(std::string_view s) {
  static constexpr std::array<std::string_view, 4> kOpeners = {"a", "an", "this", "these"};
  static constexpr std::array<std::string_view, 17> kPictureNouns = {
      "photo",  "photos", "photograph", "photographs", "picture",    "pictures",    "image", "images", "video",
      "videos", "still",  "stills",     "screenshot",  "screengrab", "screen-grab", "frame", "footage"};
  static constexpr std::array<std::string_view, 3> kShows = {"shows", "show", "depicts"};
  size_t index = 0;
  bool opener = false;
  bool noun = false;
  bool shows = false;
  ForEachWord(s, [&](std::string_view raw) {
    std::string_view w = StripPunctuation(raw);
    if (index == 0) opener = InList(w, kOpeners);
    ++index;
    if (!opener || raw.back() == '.') return false;  // the sentence ended before the verb
    if (!noun) {
      noun = index <= 4 && InList(w, kPictureNouns);
      return index < 4;
    }
    shows = InList(w, kShows);
    return !shows && index < 16;
  });
  return opener && noun && shows;
}

bool TellsThePast(std::string_view s) {
  // Irregular pasts that are nothing else; "-ed" covers the regular ones.
  static constexpr std::array<std::string_view, 32> kPast = {
      "was",   "were",   "had",  "did",  "said",  "told",   "began", "became", "took",  "taken", "made",
      "came",  "went",   "gave", "got",  "won",   "lost",   "left",  "met",    "saw",   "found", "held",
      "ran",   "brought", "thought", "kept", "drove", "wrote", "spoke", "fell",  "rose",  "sold"};
  size_t index = 0;
  bool past = false;
  ForEachWord(s, [&](std::string_view raw) {
    std::string_view w = StripPunctuation(raw);
    past = IsAsciiLower(w.empty() ? 'A' : w[0]) &&
           (InList(w, kPast) || (w.size() >= 5 && w.substr(w.size() - 2) == "ed" && !InList(w, kNotPast)));
    return !past && ++index < 20;
  });
  return past;
}

bool SpeaksOfTheFuture(std::string_view s) {
  // Modals, and "to" after the words that announce a plan or a forecast ("is expected to", "set to").
  static constexpr std::array<std::string_view, 9> kModal = {"will", "would", "may", "might", "could",
                                                             "should", "shall", "won't", "wouldn't"};
  static constexpr std::array<std::string_view, 5> kBeforeTo = {"expected", "set", "likely", "due", "poised"};
  size_t index = 0;
  bool future = false;
  std::string_view previous;
  ForEachWord(s, [&](std::string_view raw) {
    std::string_view w = StripPunctuation(raw);
    future = (IsAsciiLower(w.empty() ? 'A' : w[0]) && InList(w, kModal)) ||
             (w == "to" && InList(previous, kBeforeTo));
    previous = w;
    return !future && ++index < 20;
  });
  return future;
}

// A picture described as it is seen: the singular present above, a plural subject with a present verb
// ("Passengers wait on the quay") or a participle ("Nurses showing visitors around ..."). Past tenses
// ("-ed", "had", "took") and verbs of speech tell a story instead.
bool DescribesAPicture(std::string_view s) {
  if (OpensWithPresentAction(s) || ShowsAPicture(s)) return true;
  std::string_view verb;
  std::string_view next;
  if (!SplitSubjectVerb(s, &verb, &next) || verb.size() < 3) return false;
  // Either way a finite verb later in the sentence makes the word the subject's ("The opening of the
  // harbour could not ...", "The storms in March have ...").
  if (FiniteVerbFollows(s, verb)) return false;
  // A participle right after the subject is the sign itself: "Nurses showing visitors around ...".
  if (verb.size() >= 5 && verb.substr(verb.size() - 3) == "ing") return true;
  // A plural verb needs a plural subject: after "A judge" the word is a noun.
  if (StartsWithFolded(s, "a ") || StartsWithFolded(s, "an ")) return false;
  const bool past = verb.substr(verb.size() - 2) == "ed" || InList(verb, kNotPluralActions);
  return !past && verb.back() != 's' && !InList(verb, kNotActions) && InList(next, kActionFollowers);
}

}  // namespace copydesk::stages::captions
