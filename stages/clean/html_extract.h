// Article extraction from a raw HTML page, with gumbo (a conformant HTML5 parser).
//
// Contract
// - Drops script, style, nav, aside, footer, comments, hidden elements and hover cards (an inline element
//   in running text that opens with a picture and is all links). Splits the rest into text blocks at
//   block-level elements and <br>, and scores containers by the text and link density of the blocks
//   inside them (the readability / trafilatura approach); the blocks of the best container, minus link
//   lists, are the body in reading order. Joining it: siblings that score comparably or are paragraphs
//   of prose themselves (readability's sibling rules), and the other copies of its template when the
//   page cut the body into chunks.
// - Precision first: the first pass leaves out chrome (forms, class or id patterns of html_chrome.tsv)
//   and the <article>s of a listing inside another <article> (teasers, comments: several side by side).
//   When less than an article's worth is found, the retries take those <article>s back, then the chrome
//   (readability's retry); when even that finds little and the page's prose paragraphs wherever they
//   stand (the baseline) hold more than twice as much, they are the body (the recall pass).
// - <figure>/<figcaption> content inside the article is not body: it is returned as caption candidates
//   with the index of the body block they stood before. Except in a gallery (three or more prose
//   captions holding more text than the blocks between them): there the captions are the body, in place,
//   their credits left out.
// - Title: the first <h1>, else og:title, else <title>.
// - Text is returned as written (character references already decoded by the parser, white space not yet
//   collapsed). Iterative walks only, so nesting depth cannot exhaust the stack; time linear in the page.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace re2 {
class RE2;
}

namespace copydesk::stages::clean {

struct HtmlBlock {
  std::string text;
  double link_density = 0;  // share of the block's characters inside <a>
};

struct HtmlFigure {
  std::string text;      // figcaption text (or the figure's text when it has no figcaption)
  std::string credit;    // text of a credit-like element (<cite>, class *credit*), else empty
  size_t position = 0;   // index into blocks of the block the figure stood before
};

struct HtmlArticle {
  std::string title;
  std::vector<HtmlBlock> blocks;
  std::vector<HtmlFigure> figures;
  size_t elements_dropped = 0;  // subtrees dropped as chrome, for CleaningReport.markup_removed
};

// How deeply the elements of `html` nest, counting only elements that HTML does not close on its own.
size_t NestingDepth(std::string_view html);

// Empties <script> and <style> elements and removes comments, before parsing; adds to *stripped how
// many it emptied or removed. Exposed for tests.
std::string StripRawText(std::string_view html, size_t* stripped);

// The tunable thresholds, each chosen by cross-validation over pages (tests/stages/clean/crossval.py).
struct HtmlExtractOptions {
  // A sibling of the best container, or another copy of its template (a body split into chunks), joins
  // the article when it scores at least this share of the best container's score (readability's 0.2).
  double sibling_ratio = 0.2;
  // A paragraph of prose (a sibling joining the article, a block of the recall pass, a gallery caption)
  // has at least this many words; fewer make a byline, a dek, a label or a URL.
  size_t prose_words = 16;
  // A list whose every item (three or more) holds a link is a link list when at least this share of its
  // text is link text.
  double link_list_share = 0.3;
  // Template chunks are looked for at the best container and this many levels of its wrappers in all.
  int chunk_template_levels = 2;
};

class HtmlExtractor {
 public:
  static StatusOr<std::shared_ptr<const HtmlExtractor>> Create(std::string_view chrome_table,
                                                               HtmlExtractOptions options = {});
  ~HtmlExtractor();

  // `html` must be valid UTF-8. Fails when elements nest deeper than 4096 (the parser's time would grow
  // with the square of the depth).
  StatusOr<HtmlArticle> Extract(std::string_view html) const;

 private:
  HtmlExtractor() = default;
  HtmlExtractOptions options_;
  std::unique_ptr<re2::RE2> unlikely_;
  std::unique_ptr<re2::RE2> likely_;
};

}  // namespace copydesk::stages::clean
