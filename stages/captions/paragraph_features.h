// Paragraph features: the counts every caption rule reads, measured once per paragraph.
//
// Contract
// - Measure(p): words, words opening in lower case, sentences, whether it ends a sentence, holds a
//   quotation mark, and is byline-shaped, in one pass over the bytes. A paragraph longer than
//   kLongParagraphBytes is body text for sure: its counts are estimates and it is taken to hold a quote.
// - IsBodyLike(f): a finished sentence of fifteen words or more, what the article's own prose looks like.
// - IsBylineLike(s): bylines, publication dates, editorial notes, addresses: cleaning's, never a caption's.
// - StartsWithDateline(s): "CITY, State – ..." / "CITY (AP) -- ...": the paragraph that opens the story.
// - EndsWithColon(s): the paragraph introduces what follows (a list, a quote), so it is not a caption.
// - IsBulleted(s): "-Jane Roe looks at the polls. [Link]": an item of a bulleted list (a link round-up),
//   never a caption, whatever it ends with.
// - Pure functions; Measure is the stage's hot loop (linear, vectorisable byte counts).
#pragma once

#include <cstddef>
#include <string_view>

namespace copydesk::stages::captions {

// Beyond this size a paragraph is body text for sure; only its tail is looked at (glued credits).
constexpr size_t kLongParagraphBytes = 600;

// What the rules read of one paragraph. `byline` and `used` are the detector's marks: a paragraph that is
// cleaning's (a byline, the story's signature), and one a block has taken.
struct Features {
  std::string_view text;
  size_t words = 0;
  size_t lower_words = 0;  // words opening with a lower-case letter
  size_t sentences = 0;
  bool ends_sentence = false;
  bool has_quote = false;
  bool byline = false;
  bool used = false;
};

Features Measure(std::string_view p);
bool IsBodyLike(const Features& f);
bool IsBylineLike(std::string_view s);
bool StartsWithDateline(std::string_view s);
bool EndsWithColon(std::string_view s);
bool IsBulleted(std::string_view s);

}  // namespace copydesk::stages::captions
