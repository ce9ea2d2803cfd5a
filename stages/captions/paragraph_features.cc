#include "stages/captions/paragraph_features.h"

#include <array>

#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {

// Bylines, datelines of publication and addresses belong to cleaning, never to a caption.
bool IsBylineLike(std::string_view s) {
  // Editorial notes ("Editor's note: ...", "Disclosure: ...") are the publisher's word about the article.
  static constexpr std::array<std::string_view, 14> kOpeners = {
      "by ",      "by:",          "posted",          "published",       "updated",     "last updated",
      "first published", "copyright", "story by",   "editor's note",   "editor\xE2\x80\x99s note", "editors' note",
      "disclosure:", "correction:"};
  for (std::string_view o : kOpeners) {
    if (StartsWithFolded(s, o)) return true;
  }
  if (s.find('@') != std::string_view::npos || s.find("http") != std::string_view::npos) return true;
  // "Release: 03/14/2019", "Updated: 3:45 PM": a short labelled date or time. What follows the label is
  // mostly numbers; "Photo: Jane Roe, March 3, 2024" names someone first and is a dated photo credit.
  size_t colon = s.find(':');
  if (colon != std::string_view::npos && CountWords(s) <= 6) {
    size_t words = 0;
    size_t numeric = 0;
    ForEachWord(s.substr(colon + 1), [&](std::string_view w) {
      ++words;
      for (char c : w) {
        if (IsAsciiDigit(c)) {
          ++numeric;
          break;
        }
      }
      return true;
    });
    if (numeric > 0 && 2 * numeric >= words) return true;
  }
  return false;
}

// One pass over the paragraph for every count the rules need; it runs on every paragraph, so it stays a
// tight byte loop.
Features Measure(std::string_view p) {
  Features f;
  f.text = p;
  f.ends_sentence = EndsWithSentencePunctuation(p);
  if (p.size() > kLongParagraphBytes) {
    f.words = p.size() / 5;
    f.lower_words = f.words / 2;
    f.sentences = f.words / 20 + 1;
    f.has_quote = true;  // unknown and irrelevant: long paragraphs are body
    return f;
  }
  // Each byte is looked at independently of the others (a word starts at a non-space after a space), so
  // the compiler can vectorise the counts; the rare marks are found with memchr.
  const size_t size = p.size();
  const unsigned char* b = reinterpret_cast<const unsigned char*>(p.data());
  size_t words = size > 0 && b[0] != ' ' ? 1 : 0;
  size_t lower_words = size > 0 && b[0] >= 'a' && b[0] <= 'z' ? 1 : 0;
  for (size_t i = 1; i < size; ++i) {
    const size_t after_space = b[i - 1] == ' ';
    words += after_space & static_cast<size_t>(b[i] != ' ');
    lower_words += after_space & static_cast<size_t>(static_cast<unsigned char>(b[i] - 'a') < 26);
  }
  const bool quote = p.find('"') != std::string_view::npos;
  const bool at_sign = p.find('@') != std::string_view::npos;
  const bool e2 = p.find('\xE2') != std::string_view::npos;
  f.words = words;
  f.lower_words = lower_words;
  f.has_quote = quote || (e2 && HasQuotationMark(p));
  // ". Next" after a lower-case word ends a sentence (not "J. Smith" or "U.S. Army").
  f.sentences = 1;
  for (size_t at = p.find(". "); at != std::string_view::npos; at = p.find(". ", at + 2)) {
    if (at >= 2 && at + 2 < size && IsAsciiLower(p[at - 1]) && IsAsciiLower(p[at - 2]) &&
        IsCapitalized(p.substr(at + 2, 1))) {
      ++f.sentences;
    }
  }
  f.byline = (at_sign || size <= 300) && IsBylineLike(p);
  return f;
}

bool IsBodyLike(const Features& f) { return f.words >= 15 && f.ends_sentence; }

// "CITY, State – ..." / "CITY (AP) -- ...": a paragraph that opens the article's body.
bool StartsWithDateline(std::string_view s) {
  std::string_view head = s.substr(0, 80);
  size_t upper = 0;
  for (size_t i = 0; i < head.size() && head[i] != ' ' && head[i] != ','; ++i) {
    if (IsAsciiLower(head[i])) return false;
    upper += IsAsciiUpper(head[i]) ? 1 : 0;
  }
  if (upper < 3 && !StartsWithFolded(head, "(cnn)")) return false;
  return head.find(" - ") != std::string_view::npos || head.find(" -- ") != std::string_view::npos ||
         head.find(" \xE2\x80\x93 ") != std::string_view::npos || head.find(" \xE2\x80\x94 ") != std::string_view::npos;
}

bool EndsWithColon(std::string_view s) { return !s.empty() && s.back() == ':'; }

bool IsBulleted(std::string_view s) {
  return !s.empty() && (s[0] == '-' || s[0] == '*' || s.substr(0, 3) == "\xE2\x80\xA2");
}

}  // namespace copydesk::stages::captions
