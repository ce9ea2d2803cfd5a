#include "stages/clean/html_extract.h"

#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <unordered_map>
#include <utility>

#include "stages/text/ascii.h"
#include "stages/text/table_lines.h"
#include "stages/text/sentence.h"
#include "stages/text/utf8.h"

namespace copydesk::stages::clean {
namespace {

constexpr size_t kMinScoredChars = 25;  // shorter blocks say nothing about where the article is
constexpr int kScoredAncestors = 3;     // a block's score goes to its parent, grandparent, ...
constexpr size_t kMinArticleChars = 500;
constexpr size_t kMaxNestingDepth = 4096;  // less than this after dropping chrome: retry without

// Joining the best container (readability's sibling rules, body chunks).
constexpr double kMinJoinScore = 10;               // a sibling scoring less is not article
constexpr size_t kProseSiblingChars = 80;          // readability: a sibling paragraph this long ...
constexpr double kProseSiblingLinkDensity = 0.25;  // ... with less of its text in links is prose
constexpr double kMaxChunkLinkDensity = 0.5;       // a "chunk" of the body that is mostly links is a link list

// The recall pass.
constexpr double kBaselineRatio = 2;    // the baseline replaces a selection it holds twice the text of
constexpr double kMinTextDensity = 20;  // characters per inline element in a paragraph of prose

// What is not body inside the body.
constexpr size_t kMaxHoverCardNodes = 200;    // a larger inline subtree is no hover card
constexpr double kHoverCardLinkShare = 0.8;   // of a hover card's text, at least this much is links
constexpr size_t kMinLinkListItems = 3;       // fewer items make a list in the story, not a link list
constexpr size_t kLinkListHeadingChars = 60;  // a longer block before a link list is prose, not its heading
constexpr size_t kMinGallerySlides = 3;       // fewer captioned pictures illustrate a story, not tell it
constexpr size_t kMinTeaserCards = 3;         // fewer linked thumbnails side by side are no grid of cards
constexpr size_t kMaxTeaserCardWords = 40;    // a card says a headline and a line; more is a story's item
constexpr size_t kMaxTeaserCardNodes = 100;   // nor has a card more markup than this

bool IsDroppedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MENU: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
    case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DD: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_UL: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_BR:
      return true;
    default:
      return false;
  }
}

std::string_view Attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? std::string_view(attr->value) : std::string_view();
}

bool IsHidden(const GumboNode* node) {
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden")) return true;
  if (Attribute(node, "aria-hidden") == "true") return true;
  std::string style(Attribute(node, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

bool HasNonSpace(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c != ' ' && c != '\n' && c != '\t' && c != '\r'; });
}

// Pushes an element's children so that popping visits them in document order.
void PushChildren(const GumboNode* node, std::vector<const GumboNode*>* stack) {
  const GumboVector& children = node->v.element.children;
  for (unsigned i = children.length; i > 0; --i) stack->push_back(static_cast<const GumboNode*>(children.data[i - 1]));
}

// The text of a subtree, script and style left out; iterative.
std::string SubtreeText(const GumboNode* root) {
  std::string out;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      out += node->v.text.text;
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) continue;
    if (IsBlockTag(tag)) out.push_back(' ');
    PushChildren(node, &stack);
  }
  return out;
}

struct Titles {
  std::string h1;
  std::string og;
  std::string title;
};

void FindTitles(const GumboNode* root, Titles* titles) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_H1 && titles->h1.empty()) {
      titles->h1 = SubtreeText(node);
      if (!HasNonSpace(titles->h1)) titles->h1.clear();
      continue;
    }
    if (tag == GUMBO_TAG_TITLE && titles->title.empty()) titles->title = SubtreeText(node);
    if (tag == GUMBO_TAG_META && titles->og.empty() && Attribute(node, "property") == "og:title") {
      titles->og = std::string(Attribute(node, "content"));
    }
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) continue;
    PushChildren(node, &stack);
  }
}

// Characters of text, a run of white space counting as one.
size_t CountChars(std::string_view s) {
  size_t n = 0;
  bool space = true;
  for (char c : s) {
    bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!is_space && (static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    if (is_space && !space) ++n;
    space = is_space;
  }
  return n;
}

// A hover card: an inline element inside running text that opens with a picture and holds links and
// nothing else (the portrait and latest headlines a site shows when the pointer rests on a person's
// name). CSS hides it until then, so no reader sees it in the sentence; the name's own link stays.
// Visits a small subtree in document order: visit(node, inside_link) for each text node and element,
// stopping when it returns false. False when the subtree has more than max_nodes nodes or the visit
// stopped; iterative, so depth costs no stack.
template <typename Visit>
bool VisitSmallSubtree(const GumboNode* root, size_t max_nodes, Visit&& visit) {
  struct Item {
    const GumboNode* node;
    bool in_link;
  };
  std::vector<Item> stack = {{root, false}};
  size_t visited = 0;
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    if (++visited > max_nodes) return false;
    const GumboNode* node = item.node;
    if (node->type != GUMBO_NODE_TEXT && node->type != GUMBO_NODE_ELEMENT) continue;
    if (!visit(node, item.in_link)) return false;
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const bool in_link = item.in_link || node->v.element.tag == GUMBO_TAG_A;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i) {  // popped in document order
      stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]), in_link});
    }
  }
  return true;
}

bool IsHoverCard(const GumboNode* root) {
  if (IsBlockTag(root->v.element.tag) || root->v.element.children.length == 0) return false;
  size_t images = 0;
  size_t links = 0;
  size_t chars = 0;
  size_t link_chars = 0;
  bool small = VisitSmallSubtree(root, kMaxHoverCardNodes, [&](const GumboNode* node, bool in_link) {
    if (node->type == GUMBO_NODE_TEXT) {
      // The card opens with its picture: text before it is the name the card belongs to.
      if (images == 0) return false;
      size_t n = CountChars(node->v.text.text);
      chars += n;
      if (in_link) link_chars += n;
      return true;
    }
    images += node->v.element.tag == GUMBO_TAG_IMG;
    links += node->v.element.tag == GUMBO_TAG_A;
    return true;
  });
  return small && images > 0 && links >= 2 && chars > 0 &&
         static_cast<double>(link_chars) >= kHoverCardLinkShare * static_cast<double>(chars);
}

bool HasArticleSibling(const GumboNode* node) {
  const GumboNode* parent = node->parent;
  if (!parent || parent->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector& siblings = parent->v.element.children;
  for (unsigned i = 0; i < siblings.length; ++i) {
    const auto* sibling = static_cast<const GumboNode*>(siblings.data[i]);
    if (sibling != node && sibling->type == GUMBO_NODE_ELEMENT && sibling->v.element.tag == GUMBO_TAG_ARTICLE) {
      return true;
    }
  }
  return false;
}

// Why a block may be left out of the first selection pass.
constexpr uint8_t kChrome = 1;         // inside an element whose class or id looks like page chrome
constexpr uint8_t kNestedArticle = 2;  // inside one of several <article>s inside another <article>

// A block found in the walk, before the article container is chosen.
struct RawBlock {
  std::string text;
  size_t link_chars = 0;
  const GumboNode* element = nullptr;  // innermost block-level element holding the text
  uint32_t order = 0;                  // pre-order number of that element
  bool heading1 = false;
  uint8_t flags = 0;    // kChrome, kNestedArticle: what the first selection pass leaves out
  bool link_list = false;  // an item of a list of links to other pages, or the heading just before one
  size_t chars = 0;     // CountChars(text)
  size_t tags = 0;      // inline elements inside the block: its text density is chars / (tags + 1)
};

struct RawFigure {
  HtmlFigure figure;
  uint32_t order = 0;
  uint8_t flags = 0;
};

struct Span {
  uint32_t enter = 0;
  uint32_t exit = 0;
};

// The first name in an element's class list: the template's own name ("story-chunk"), which modifier
// classes after it ("story-chunk wide", "story-chunk version-2") do not change.
std::string_view FirstClass(const GumboNode* node) {
  std::string_view cls = Attribute(node, "class");
  size_t start = cls.find_first_not_of(" \t\n\r\f");
  if (start == std::string_view::npos) return std::string_view();
  size_t end = cls.find_first_of(" \t\n\r\f", start);
  return cls.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// Children of one parent made by one template (tag and first class) that look like teaser cards.
struct CardGroup {
  GumboTag tag;
  std::string_view cls;
  size_t cards;  // those holding a linked picture and few words
};

class Walker {
 public:
  Walker(const re2::RE2& unlikely, const re2::RE2& likely, const HtmlExtractOptions& options)
      : unlikely_(unlikely), likely_(likely), options_(options) {}

  void Walk(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next;
      bool chrome;
      bool teaser;  // an <article> of a listing inside another <article>
    };
    std::vector<Frame> stack;
    Enter(root, &stack);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& children = top.node->v.element.children;
      if (top.next < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[top.next++]);
        if (child->type == GUMBO_NODE_ELEMENT) {
          Enter(child, &stack);
        } else if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
                   child->type == GUMBO_NODE_CDATA) {
          AddText(child->v.text.text, top.node);
        }
        continue;
      }
      Exit(top.node, top.chrome, top.teaser);
      stack.pop_back();
    }
    Flush();
  }

  std::vector<RawBlock> blocks;
  std::vector<RawFigure> figures;
  std::unordered_map<const GumboNode*, Span> spans;
  size_t dropped = 0;

 private:
  bool LooksLikeChrome(const GumboNode* node) const {
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) {
      return false;
    }
    std::string attrs = std::string(Attribute(node, "class")) + " " + std::string(Attribute(node, "id"));
    if (attrs.size() <= 1) return false;
    return re2::RE2::PartialMatch(attrs, unlikely_) && !re2::RE2::PartialMatch(attrs, likely_);
  }

  template <typename Stack>
  void Enter(const GumboNode* node, Stack* stack) {
    GumboTag tag = node->v.element.tag;
    if (IsDroppedTag(tag) || IsHidden(node) || (!current_.text.empty() && IsHoverCard(node)) || IsTeaserCard(node)) {
      ++dropped;
      return;
    }
    // Chrome by class name is only flagged: a page may wrap its whole article in a "sidebar" layout
    // class, and the scoring retries without the flag when the flagged walk finds no article.
    // A <form> is chrome too, except on pages (ASP.NET) that wrap the whole body in one.
    bool chrome = tag == GUMBO_TAG_FORM || LooksLikeChrome(node);
    if (tag == GUMBO_TAG_FIGURE || tag == GUMBO_TAG_FIGCAPTION) {
      Flush();
      AddFigure(node);
      ++dropped;
      return;
    }
    uint32_t order = next_order_++;
    spans[node] = Span{order, order};
    if (IsBlockTag(tag)) {
      Flush();
    } else {
      ++inline_tags_;
    }
    if (tag == GUMBO_TAG_A) {
      ++link_depth_;
      ++links_entered_;
    }
    if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) lists_.push_back({blocks.size(), 0, 0});
    if (tag == GUMBO_TAG_LI && !lists_.empty()) {
      ++lists_.back().items;
      item_links_.push_back(links_entered_);
    }
    if (tag == GUMBO_TAG_H1) ++h1_depth_;
    // An <article> inside another that has <article> siblings is one of a listing (teasers, comments);
    // a story that a site wraps in a second <article> of its own has none.
    bool teaser = tag == GUMBO_TAG_ARTICLE && article_depth_ > 0 && HasArticleSibling(node);
    if (tag == GUMBO_TAG_ARTICLE) ++article_depth_;
    if (teaser) ++teaser_depth_;
    if (chrome) ++chrome_depth_;
    stack->push_back({node, 0, chrome, teaser});
  }

  void Exit(const GumboNode* node, bool chrome, bool teaser) {
    GumboTag tag = node->v.element.tag;
    if (IsBlockTag(tag)) Flush();
    if (chrome) --chrome_depth_;
    if (tag == GUMBO_TAG_ARTICLE) --article_depth_;
    if (teaser) --teaser_depth_;
    if (tag == GUMBO_TAG_A) --link_depth_;
    if (tag == GUMBO_TAG_LI && !lists_.empty() && !item_links_.empty()) {
      lists_.back().linked_items += links_entered_ > item_links_.back();
      item_links_.pop_back();
    }
    if ((tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) && !lists_.empty()) {
      MarkLinkList(lists_.back());
      lists_.pop_back();
    }
    if (tag == GUMBO_TAG_H1) --h1_depth_;
    spans[node].exit = next_order_ - 1;
  }

  void AddText(std::string_view text, const GumboNode* parent) {
    if (current_.text.empty()) {
      // The innermost block-level ancestor holds the block.
      const GumboNode* element = parent;
      while (element && element->type == GUMBO_NODE_ELEMENT && !IsBlockTag(element->v.element.tag)) {
        element = element->parent;
      }
      if (!element || element->type != GUMBO_NODE_ELEMENT) element = parent;
      current_.element = element;
      current_.order = spans[element].enter;
      current_.heading1 = h1_depth_ > 0;
      current_.flags = Flags();
    }
    current_.text += text;
    if (link_depth_ > 0) current_.link_chars += text.size();
  }

  void Flush() {
    if (HasNonSpace(current_.text)) {
      current_.chars = CountChars(current_.text);
      current_.tags = inline_tags_;
      blocks.push_back(std::move(current_));
    }
    current_ = RawBlock();
    inline_tags_ = 0;
  }

  void AddFigure(const GumboNode* node) {
    RawFigure raw;
    raw.flags = Flags();
    raw.order = next_order_++;
    raw.figure.position = blocks.size();
    // The caption is the figcaption when there is one; a credit sits in <cite> or a *credit* class.
    const GumboNode* caption = node->v.element.tag == GUMBO_TAG_FIGCAPTION ? node : nullptr;
    std::vector<const GumboNode*> stack = {node};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_FIGCAPTION && !caption) caption = n;
      std::string_view cls = Attribute(n, "class");
      if (raw.figure.credit.empty() && (tag == GUMBO_TAG_CITE || cls.find("credit") != std::string_view::npos)) {
        raw.figure.credit = SubtreeText(n);
      }
      PushChildren(n, &stack);
    }
    raw.figure.text = SubtreeText(caption ? caption : node);
    if (!raw.figure.credit.empty()) {
      size_t at = raw.figure.text.rfind(raw.figure.credit);
      if (at != std::string::npos) raw.figure.text.erase(at, raw.figure.credit.size());
    }
    if (HasNonSpace(raw.figure.text) || HasNonSpace(raw.figure.credit)) figures.push_back(std::move(raw));
  }

  const re2::RE2& unlikely_;
  const re2::RE2& likely_;
  const HtmlExtractOptions& options_;
  RawBlock current_;
  int link_depth_ = 0;
  int h1_depth_ = 0;
  int chrome_depth_ = 0;
  int article_depth_ = 0;
  int teaser_depth_ = 0;
  struct List {
    size_t first_block;  // index of the first block inside the list
    size_t items;
    size_t linked_items;  // items holding a link
  };
  std::vector<List> lists_;
  std::vector<size_t> item_links_;  // links_entered_ when each open <li> began
  size_t links_entered_ = 0;
  std::unordered_map<const GumboNode*, std::vector<CardGroup>> cards_;  // by parent: its cards by template
  size_t inline_tags_ = 0;  // inline elements entered since the last block boundary
  uint32_t next_order_ = 0;

  // A teaser card of a grid: one of three or more siblings made by the same template (tag and first
  // class) that each show a linked picture (a thumbnail leading to another page) beside a few words.
  // Pictures in a story rarely link anywhere but to themselves; cards always do.
  bool IsTeaserCard(const GumboNode* node) {
    std::string_view cls = FirstClass(node);
    if (cls.empty() || !node->parent || node->parent->type != GUMBO_NODE_ELEMENT) return false;
    auto [it, fresh] = cards_.try_emplace(node->parent);
    if (fresh) it->second = CardGroups(node->parent);
    for (const CardGroup& group : it->second) {
      if (group.tag != node->v.element.tag || group.cls != cls) continue;
      return group.cards >= kMinTeaserCards && HasLinkedPicture(node);
    }
    return false;
  }

  // The children of `parent` grouped by template, each child looked at once.
  static std::vector<CardGroup> CardGroups(const GumboNode* parent) {
    std::vector<CardGroup> groups;
    const GumboVector& children = parent->v.element.children;
    size_t elements = 0;
    for (unsigned i = 0; i < children.length; ++i) {
      elements += static_cast<const GumboNode*>(children.data[i])->type == GUMBO_NODE_ELEMENT;
    }
    if (elements < kMinTeaserCards) return groups;  // most parents: no subtree to look into
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      std::string_view cls = FirstClass(child);
      if (cls.empty() || !HasLinkedPicture(child)) continue;
      auto group = std::find_if(groups.begin(), groups.end(), [&](const CardGroup& g) {
        return g.tag == child->v.element.tag && g.cls == cls;
      });
      if (group == groups.end()) {
        groups.push_back({child->v.element.tag, cls, 1});
      } else {
        ++group->cards;
      }
    }
    return groups;
  }

  // A link holding an <img>, inside a subtree of few nodes and few words.
  static bool HasLinkedPicture(const GumboNode* root) {
    size_t words = 0;
    bool linked_picture = false;
    bool small = VisitSmallSubtree(root, kMaxTeaserCardNodes, [&](const GumboNode* node, bool in_link) {
      if (node->type == GUMBO_NODE_TEXT) {
        words += text::CountWords(node->v.text.text);
        return words <= kMaxTeaserCardWords;
      }
      linked_picture |= node->v.element.tag == GUMBO_TAG_IMG && in_link;
      return true;
    });
    return small && linked_picture;
  }

  // A list of three or more items that each hold a link, a good part of its text link text: the
  // "more stories" list at the foot of a story, whose items are teasers even when only part of each is
  // linked. The short heading just before it ("More from the coast desk") goes with it.
  void MarkLinkList(const List& list) {
    if (list.items < kMinLinkListItems || list.linked_items < list.items || list.first_block >= blocks.size()) return;
    size_t chars = 0;
    size_t link_chars = 0;
    for (size_t i = list.first_block; i < blocks.size(); ++i) {
      chars += blocks[i].chars;
      link_chars += std::min(blocks[i].link_chars, blocks[i].chars);
    }
    if (static_cast<double>(link_chars) < options_.link_list_share * static_cast<double>(chars)) return;
    for (size_t i = list.first_block; i < blocks.size(); ++i) blocks[i].link_list = true;
    if (list.first_block == 0) return;
    RawBlock& before = blocks[list.first_block - 1];
    std::string_view heading = before.text;
    size_t last = heading.find_last_not_of(" \n\t\r");
    if (last == std::string_view::npos) return;
    heading = heading.substr(0, last + 1);
    if (before.chars <= kLinkListHeadingChars && !text::EndsWithSentencePunctuation(heading) && heading.back() != ':') {
      before.link_list = true;
    }
  }

  uint8_t Flags() const {
    return static_cast<uint8_t>((chrome_depth_ > 0 ? kChrome : 0) | (teaser_depth_ > 0 ? kNestedArticle : 0));
  }
};


struct Selection {
  const GumboNode* best = nullptr;  // nullptr: no container stood out; take every block
  std::vector<Span> included;       // pre-order ranges of the container and its kept siblings
  size_t chars = 0;                 // characters of prose in the selection
  uint8_t skip = kChrome | kNestedArticle;  // the block flags this selection left out
};

struct Score {
  double score = 0;
  size_t chars = 0;
  size_t link_chars = 0;
};

using Scores = std::unordered_map<const GumboNode*, Score>;

bool Contains(const Span& outer, const Span& inner) { return inner.enter >= outer.enter && inner.exit <= outer.exit; }

// A body split across several copies of one container (a CMS that cuts the article into chunks between
// ad slots, each chunk in its own grid row): every other element made by the best container's template
// that holds scored prose, mostly not links, is more of the same article wherever it stands. The
// template shows in the tag and the class list, or in its first class when modifiers differ
// ("story-chunk wide"); an element without a class says nothing of its template. A class that a page
// builder puts on every widget (most copies holding no prose) says nothing either: the chunks are taken
// only when at least half of the copies hold such prose.
bool AddChunksOf(const GumboNode* best, Walker& walker, const Scores& scores, double min_score,
                 Selection* selection) {
  if (FirstClass(best).empty()) return false;
  for (bool whole_list : {true, false}) {
    auto same_template = [&](const GumboNode* node) {
      if (node->v.element.tag != best->v.element.tag) return false;
      return whole_list ? Attribute(node, "class") == Attribute(best, "class") : FirstClass(node) == FirstClass(best);
    };
    size_t copies = 0;
    std::vector<Span> chunks;
    for (const auto& [node, span] : walker.spans) {
      if (node == best || !same_template(node)) continue;
      ++copies;
      auto it = scores.find(node);
      if (it == scores.end() || it->second.chars == 0) continue;
      const Score& s = it->second;
      if (s.score < min_score) continue;
      if (static_cast<double>(s.link_chars) > kMaxChunkLinkDensity * static_cast<double>(s.chars)) continue;
      chunks.push_back(span);
    }
    if (chunks.empty() || chunks.size() * 2 < copies) continue;
    for (const Span& span : chunks) {
      bool overlaps = false;
      for (const Span& included : selection->included) {
        overlaps |= Contains(included, span) || Contains(span, included);
      }
      if (!overlaps) selection->included.push_back(span);
    }
    return true;
  }
  return false;
}

// The template may be the best container's or that of a wrapper around it (the chunk's inner
// "content" div is often a class the page uses for every component).
void AddBodyChunks(Walker& walker, const Scores& scores, double min_score, int levels, Selection* selection) {
  const GumboNode* node = selection->best;
  for (int level = 0; level < levels && node && node->type == GUMBO_NODE_ELEMENT;
       ++level, node = node->parent) {
    if (AddChunksOf(node, walker, scores, min_score, selection)) return;
  }
}

// A <p>, or a <div> used as one (no block-level children: readability turns those into paragraphs).
bool IsParagraph(const GumboNode* node) {
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_P) return true;
  if (tag != GUMBO_TAG_DIV) return false;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    if (IsBlockTag(child->v.element.tag) && child->v.element.tag != GUMBO_TAG_BR) return false;
  }
  return true;
}

// A block that reads as a paragraph of prose wherever it stands: a paragraph element, enough words,
// little of it in links, and a text density (characters per inline element) that menus, tag clouds
// and link rows do not reach.
bool IsProseBlock(const RawBlock& block, size_t min_words) {
  const GumboNode* element = block.element;
  if (!element || element->type != GUMBO_NODE_ELEMENT) return false;
  GumboTag tag = element->v.element.tag;
  if (tag != GUMBO_TAG_BLOCKQUOTE && !IsParagraph(element)) return false;
  const double chars = static_cast<double>(block.chars);
  return text::CountWords(block.text) >= min_words &&
         static_cast<double>(block.link_chars) < kProseSiblingLinkDensity * chars &&
         chars / static_cast<double>(block.tags + 1) >= kMinTextDensity;
}

// Readability's other sibling rule: a sibling that is a paragraph of prose itself (long and mostly not
// links, or short, link-free and ending a sentence) belongs to the article even though it scores little
// as a container: templates that put the lead paragraph, or every paragraph, in its own wrapper.
void AddProseSiblings(const Walker& walker, const std::vector<Span>& siblings, uint8_t skip, size_t min_words,
                      Selection* selection) {
  if (siblings.empty()) return;
  std::vector<Score> text(siblings.size());
  std::vector<bool> sentence_end(siblings.size(), false);
  std::vector<size_t> words(siblings.size(), 0);
  for (const RawBlock& block : walker.blocks) {
    if (skip & block.flags) continue;
    auto it = std::upper_bound(siblings.begin(), siblings.end(), block.order,
                               [](uint32_t order, const Span& span) { return order < span.enter; });
    if (it == siblings.begin()) continue;
    --it;
    if (block.order > it->exit) continue;
    const auto k = static_cast<size_t>(it - siblings.begin());
    text[k].chars += block.chars;
    text[k].link_chars += block.link_chars;
    std::string_view t = block.text;
    size_t last = t.find_last_not_of(" \n\t\r");
    sentence_end[k] = last != std::string_view::npos && text::EndsWithSentencePunctuation(t.substr(0, last + 1));
    words[k] += text::CountWords(t);
  }
  for (size_t k = 0; k < siblings.size(); ++k) {
    const double chars = static_cast<double>(text[k].chars);
    const double links = static_cast<double>(text[k].link_chars);
    bool prose = text[k].chars >= kProseSiblingChars ? links < kProseSiblingLinkDensity * chars
                                                      : text[k].chars > 0 && links == 0 && sentence_end[k];
    if (prose && words[k] >= min_words) selection->included.push_back(siblings[k]);
  }
}

// Scores containers by the prose below them and picks the article: the best container and those of its
// siblings that score comparably (readability's sibling rule).
Selection SelectArticle(Walker& walker, uint8_t skip, const HtmlExtractOptions& options) {
  Selection selection;
  selection.skip = skip;
  Scores scores;
  for (const RawBlock& block : walker.blocks) {
    if (skip & block.flags) continue;
    size_t chars = block.chars;
    if (chars < kMinScoredChars) continue;
    double score = 1.0 + static_cast<double>(std::count(block.text.begin(), block.text.end(), ',')) +
                   std::min(static_cast<double>(chars) / 100.0, 3.0);
    const GumboNode* node = block.element ? block.element->parent : nullptr;
    for (int level = 1; level <= kScoredAncestors && node && node->type == GUMBO_NODE_ELEMENT;
         ++level, node = node->parent) {
      Score& s = scores[node];
      s.score += score / level;
      s.chars += chars;
      s.link_chars += block.link_chars;
    }
  }
  double best_score = 0;
  for (const auto& [node, s] : scores) {
    double density = s.chars ? static_cast<double>(s.link_chars) / static_cast<double>(s.chars) : 0;
    double final_score = s.score * (1.0 - std::min(density, 1.0));
    if (final_score > best_score) {
      best_score = final_score;
      selection.best = node;
    }
  }
  if (!selection.best) return selection;
  selection.included.push_back(walker.spans[selection.best]);
  // What a sibling must score to join the best container; a copy of its template needs no floor, the
  // template being evidence enough.
  const double threshold = std::max(kMinJoinScore, best_score * options.sibling_ratio);
  const GumboNode* parent = selection.best->parent;
  if (parent && parent->type == GUMBO_NODE_ELEMENT) {
    const GumboVector& siblings = parent->v.element.children;
    std::vector<Span> paragraphs;  // siblings that score too little but may be paragraphs themselves
    for (unsigned i = 0; i < siblings.length; ++i) {
      const auto* sibling = static_cast<const GumboNode*>(siblings.data[i]);
      if (sibling == selection.best || sibling->type != GUMBO_NODE_ELEMENT) continue;
      auto span = walker.spans.find(sibling);
      if (span == walker.spans.end()) continue;
      auto it = scores.find(sibling);
      if (it != scores.end() && it->second.score >= threshold) {
        selection.included.push_back(span->second);
      } else if (IsParagraph(sibling)) {
        paragraphs.push_back(span->second);
      }
    }
    AddProseSiblings(walker, paragraphs, skip, options.prose_words, &selection);
  }
  AddBodyChunks(walker, scores, best_score * options.sibling_ratio, options.chunk_template_levels, &selection);
  for (const RawBlock& block : walker.blocks) {
    if (skip & block.flags) continue;
    for (const Span& span : selection.included) {
      if (block.order >= span.enter && block.order <= span.exit) {
        selection.chars += block.chars;
        break;
      }
    }
  }
  return selection;
}

// Bump allocator for one gumbo parse. gumbo allocates every token, string buffer growth, node and
// vector separately (malloc and free were ~13% of HTML time, more than any single function of ours);
// nothing it allocates outlives the parse, so one arena freed as a whole replaces all of that and the
// tree walk of gumbo_destroy_output. The waste (buffers gumbo grows and "frees") stays within about twice
// the live size.
class GumboArena {
 public:
  GumboArena() = default;

  static void* Allocate(void* userdata, size_t size) { return static_cast<GumboArena*>(userdata)->Take(size); }
  static void Deallocate(void*, void*) {}

 private:
  // Below glibc's mmap threshold (128 KiB at first), so blocks come from the heap and are reused from
  // one article to the next instead of being faulted in fresh each time.
  static constexpr size_t kBlock = 64 << 10;
  static constexpr size_t kAlign = alignof(std::max_align_t);  // what malloc guarantees

  void* Take(size_t size) {
    size = (std::max<size_t>(size, 1) + kAlign - 1) & ~(kAlign - 1);
    if (size > left_) {
      size_t bytes = std::max(kBlock, size);
      // new[] rather than make_unique: gumbo writes what it asks for, so no need to zero the block.
      blocks_.emplace_back(new std::max_align_t[bytes / sizeof(std::max_align_t) + 1]);
      next_ = reinterpret_cast<char*>(blocks_.back().get());
      left_ = bytes;
    }
    void* out = next_;
    next_ += size;
    left_ -= size;
    return out;
  }

  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

// Case-insensitive: does `s` continue at `at` with the ASCII word `word` followed by a tag delimiter?
bool TagNameAt(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() >= s.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (text::FoldAscii(s[at + k]) != word[k]) return false;
  }
  char next = s[at + word.size()];
  return next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '\f';
}

// StripRawText, or with `drop_elements` the same scan removing the script and style elements whole.
std::string StripRawTextImpl(std::string_view html, size_t* stripped, bool drop_elements) {
  // Script and style bodies and comments are most of a real page's bytes (about 60% on the extraction
  // benchmark) and none of its text; removing them before parsing halves the parser's work. An
  // unterminated one runs to the end of the page, as the HTML tokenizer would have it.
  std::string out;
  out.reserve(html.size());
  size_t copied = 0;
  size_t at = html.find('<');
  while (at != std::string_view::npos) {
    if (html.compare(at, 4, "<!--") == 0) {
      size_t end = html.find("-->", at + 4);
      end = end == std::string_view::npos ? html.size() : end + 3;
      out.append(html.substr(copied, at - copied));
      ++*stripped;
      copied = end;
      at = html.find('<', end);
      continue;
    }
    std::string_view name = TagNameAt(html, at + 1, "script") ? "script" : TagNameAt(html, at + 1, "style") ? "style" : "";
    if (name.empty()) {
      at = html.find('<', at + 1);
      continue;
    }
    size_t open_end = html.find('>', at);
    if (open_end == std::string_view::npos) break;
    size_t close = open_end + 1;
    while (true) {
      close = html.find("</", close);
      if (close == std::string_view::npos || TagNameAt(html, close + 2, name)) break;
      close += 2;
    }
    if (close == std::string_view::npos) close = html.size();
    ++*stripped;
    if (drop_elements) {
      out.append(html.substr(copied, at - copied));
      size_t close_end = close == html.size() ? std::string_view::npos : html.find('>', close);
      copied = close_end == std::string_view::npos ? html.size() : close_end + 1;
      at = html.find('<', copied);
      continue;
    }
    out.append(html.substr(copied, open_end + 1 - copied));
    copied = close;
    at = close == html.size() ? std::string_view::npos : html.find('<', close + 1);
  }
  out.append(html.substr(std::min(copied, html.size())));
  return out;
}

// A gallery: the story is told in the captions of its pictures, three or more of them prose, which
// together hold more text than the blocks between them (a slide show's intro and "Next" links).
bool IsGallery(const HtmlArticle& article, size_t min_words) {
  size_t slides = 0;
  size_t caption_chars = 0;
  for (const HtmlFigure& figure : article.figures) {
    if (text::CountWords(figure.text) < min_words) continue;
    ++slides;
    caption_chars += CountChars(figure.text);
  }
  size_t body_chars = 0;
  for (const HtmlBlock& block : article.blocks) body_chars += CountChars(block.text);
  return slides >= kMinGallerySlides && caption_chars > body_chars;
}

// The captions become body blocks where their pictures stood; credits stay out of the body, as in any
// caption. The figures are then no caption candidates any more.
void TakeGalleryCaptionsAsBody(HtmlArticle* article) {
  std::vector<HtmlBlock> blocks;
  blocks.reserve(article->blocks.size() + article->figures.size());
  size_t next_figure = 0;
  for (size_t i = 0; i <= article->blocks.size(); ++i) {
    for (; next_figure < article->figures.size() && article->figures[next_figure].position <= i; ++next_figure) {
      HtmlFigure& figure = article->figures[next_figure];
      if (!HasNonSpace(figure.text)) continue;
      HtmlBlock caption;
      caption.text = std::move(figure.text);
      blocks.push_back(std::move(caption));
    }
    if (i < article->blocks.size()) blocks.push_back(std::move(article->blocks[i]));
  }
  article->blocks = std::move(blocks);
  article->figures.clear();
}

}  // namespace

size_t NestingDepth(std::string_view html) {
  // Elements that HTML closes on its own or that have no content do not nest.
  static constexpr std::string_view kFlat[] = {
      "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot", "colgroup",
      "rb", "rt", "rp", "br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "param",
      "source", "track", "wbr"};
  size_t depth = 0;
  size_t deepest = 0;
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    bool closing = at + 1 < html.size() && html[at + 1] == '/';
    size_t start = at + (closing ? 2 : 1);
    size_t end = start;
    while (end < html.size() && ((html[end] >= 'a' && html[end] <= 'z') || (html[end] >= 'A' && html[end] <= 'Z') ||
                                 (html[end] >= '0' && html[end] <= '9'))) {
      ++end;
    }
    if (end == start || end - start > 16) continue;
    std::string name = text::AsciiLower(html.substr(start, end - start));
    if (std::find(std::begin(kFlat), std::end(kFlat), name) != std::end(kFlat)) continue;
    if (closing) {
      depth -= depth > 0;
      continue;
    }
    size_t close = html.find('>', end);
    if (close != std::string_view::npos && close > end && html[close - 1] == '/') continue;  // <x/>
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

std::string StripRawText(std::string_view html, size_t* stripped) {
  // The elements themselves stay, empty, so the tree has the same shape.
  return StripRawTextImpl(html, stripped, /*drop_elements=*/false);
}

HtmlExtractor::~HtmlExtractor() = default;

StatusOr<std::shared_ptr<const HtmlExtractor>> HtmlExtractor::Create(std::string_view chrome_table,
                                                                     HtmlExtractOptions tunables) {
  std::shared_ptr<HtmlExtractor> extractor(new HtmlExtractor());
  extractor->options_ = tunables;
  re2::RE2::Options options;
  options.set_case_sensitive(false);
  for (const text::TableLine& line : text::SplitTableLines(chrome_table)) {
    if (line.fields.size() != 2) {
      return Status::Error(StatusCode::kInternal, "clean", "html_chrome.tsv: expected kind<TAB>pattern");
    }
    auto re = std::make_unique<re2::RE2>(std::string(line.fields[1]), options);
    if (!re->ok()) return Status::Error(StatusCode::kInternal, "clean", "html_chrome.tsv: " + re->error());
    if (line.fields[0] == "unlikely") {
      extractor->unlikely_ = std::move(re);
    } else if (line.fields[0] == "likely") {
      extractor->likely_ = std::move(re);
    } else {
      return Status::Error(StatusCode::kInternal, "clean",
                           "html_chrome.tsv: unknown kind " + std::string(line.fields[0]));
    }
  }
  if (!extractor->unlikely_ || !extractor->likely_) {
    return Status::Error(StatusCode::kInternal, "clean",
                         "html_chrome.tsv needs an 'unlikely' and a 'likely' pattern");
  }
  return std::shared_ptr<const HtmlExtractor>(std::move(extractor));
}

StatusOr<HtmlArticle> HtmlExtractor::Extract(std::string_view html) const {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not used: do not record them
  size_t stripped = 0;
  // The emptied script and style elements go too: each is two more tags for gumbo to tokenize and a
  // node the walk would only drop again (it counted them a second time in elements_dropped), and an
  // element with no content changes nothing of the text or of the block structure around it.
  std::string page = StripRawTextImpl(html, &stripped, /*drop_elements=*/true);
  GumboArena arena;
  options.allocator = &GumboArena::Allocate;
  options.deallocator = &GumboArena::Deallocate;
  options.userdata = &arena;
  // The HTML5 tree builder checks scopes by walking the stack of open elements, so its time grows with
  // the square of the nesting depth; no real page comes near this limit.
  if (size_t depth = NestingDepth(page); depth > kMaxNestingDepth) {
    return Status::Error(StatusCode::kRejected, "clean",
                         "html nests elements " + std::to_string(depth) + " deep, above the limit of " +
                             std::to_string(kMaxNestingDepth));
  }
  GumboOutput* output = gumbo_parse_with_options(&options, page.data(), page.size());
  if (!output) return Status::Error(StatusCode::kInternal, "clean", "the HTML parser gave no document");
  HtmlArticle article;
  Titles titles;
  FindTitles(output->root, &titles);
  article.title = text::CollapseWhitespace(!titles.h1.empty() ? titles.h1 : !titles.og.empty() ? titles.og : titles.title);

  Walker walker(*unlikely_, *likely_, options_);
  walker.spans.reserve(static_cast<size_t>(std::count(page.begin(), page.end(), '<')));
  walker.Walk(output->root);
  article.elements_dropped = walker.dropped + stripped;

  // Precision first: chrome and the <article>s of a listing inside another <article> (teaser cards of
  // a "more stories" block, comments) are left out. Readability's retry when too little is left: the
  // page may hold its story in such an <article>, or wrap it in classes that look like chrome.
  Selection selection = SelectArticle(walker, kChrome | kNestedArticle, options_);
  for (uint8_t skip : {uint8_t{kChrome}, uint8_t{0}}) {
    if (selection.chars >= kMinArticleChars) break;
    Selection relaxed = SelectArticle(walker, skip, options_);
    if (relaxed.chars > selection.chars) selection = std::move(relaxed);
  }
  // The recall pass, compared with a baseline as trafilatura compares its extraction with
  // readability's: when even the retries found little, and the page's prose paragraphs wherever they
  // stand hold much more, those paragraphs are the article (a story spread over a page with no
  // container to find it by).
  std::vector<bool> prose;
  if (selection.chars < kMinArticleChars) {
    prose.resize(walker.blocks.size());
    size_t baseline_chars = 0;
    for (size_t i = 0; i < walker.blocks.size(); ++i) {
      const RawBlock& block = walker.blocks[i];
      prose[i] = !(block.flags & kChrome) && !block.heading1 && IsProseBlock(block, options_.prose_words);
      if (prose[i]) baseline_chars += block.chars;
    }
    if (static_cast<double>(baseline_chars) <= kBaselineRatio * static_cast<double>(selection.chars) ||
        baseline_chars < kMinArticleChars) {
      prose.clear();
    }
  }
  const GumboNode* best = selection.best;
  const std::vector<Span>& included = selection.included;
  const uint8_t skip = prose.empty() ? selection.skip : uint8_t{kChrome};
  auto inside = [&](size_t index, uint32_t order) {
    if (!prose.empty()) return index < prose.size() && static_cast<bool>(prose[index]);
    if (!best) return true;
    for (const Span& span : included) {
      if (order >= span.enter && order <= span.exit) return true;
    }
    return false;
  };
  std::vector<size_t> new_index(walker.blocks.size() + 1, 0);
  for (size_t i = 0; i < walker.blocks.size(); ++i) {
    new_index[i] = article.blocks.size();
    RawBlock& block = walker.blocks[i];
    if (block.heading1 || block.link_list || (skip & block.flags) || !inside(i, block.order)) continue;
    size_t chars = block.chars;
    HtmlBlock out;
    out.link_density = chars ? std::min(1.0, static_cast<double>(block.link_chars) / static_cast<double>(chars)) : 0;
    out.text = std::move(block.text);
    article.blocks.push_back(std::move(out));
  }
  new_index[walker.blocks.size()] = article.blocks.size();
  for (RawFigure& raw : walker.figures) {
    if ((skip & raw.flags) || (prose.empty() && !inside(0, raw.order))) continue;
    raw.figure.position = new_index[std::min(raw.figure.position, walker.blocks.size())];
    article.figures.push_back(std::move(raw.figure));
  }
  if (IsGallery(article, options_.prose_words)) TakeGalleryCaptionsAsBody(&article);
  // No gumbo_destroy_output: the tree lives in `arena`, freed on return.
  return article;
}

}  // namespace copydesk::stages::clean
