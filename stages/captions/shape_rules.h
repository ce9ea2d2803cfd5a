// Credit-less caption rules: a caption found by a label, a marker or its shape and neighbours, as one table.
//
// Contract
// - kShapeRules lists the rules in the order they are tried; MatchShapeRule(f, i, ...) returns the index of
//   the first whose predicate holds for paragraph i (f: every paragraph's features, so a rule may read the
//   neighbours), or kShapeRules.size() when none does. A paragraph already taken, a byline, one of more than
//   kShape.max_words words or one ending in a colon is never a credit-less caption.
// - Rules with `shape_only` (no label, no marker: shape and neighbours alone) run only when `shape_rules`
//   is on. A `layout_cap` rule that fires more than kShapeRuleCap times in one article is taken to describe
//   the article's own layout (a list, a schedule) and the detector then removes nothing by it; the others
//   are capped at DetectorLimits::max_blocks_per_rule.
// - Every threshold is a named field of kShape with the reason for it; each rule has a unit test
//   (tests/stages/captions/shape_rules_test.cc). Pure functions; only the first words of a paragraph are
//   read by the tense tests.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "stages/captions/credit_lexicon.h"
#include "stages/captions/paragraph_features.h"

namespace copydesk::stages::captions {

// Shape-only rules may fire this many times in an article before they are taken to describe its layout.
constexpr size_t kShapeRuleCap = 4;

struct ShapeThresholds {
  // Longer than this, a paragraph without a credit is prose.
  size_t max_words = 60;
  // A marked caption ("(L-R)", "file photo") is one or two sentences; more is prose naming a picture.
  size_t marker_max_sentences = 2;
  // A short unpunctuated line between body paragraphs: long enough to be a description (not a name or a
  // subhead of two words), short enough not to be a paragraph that lost its full stop.
  size_t short_line_min_words = 4;
  size_t short_line_max_words = 20;
  // A present-tense picture description between body paragraphs ("Milo Trent (C) chases the ball ...").
  size_t action_min_words = 8;
  size_t action_max_words = 40;
  size_t action_max_sentences = 2;
  // Directly under the headline a credit-less caption is one short sentence, and the lede below runs longer.
  size_t under_headline_min_words = 5;
  size_t under_headline_max_words = 20;
  size_t lede_longer = 5;
  // ... or a scene in two or three present-tense sentences when the lede below tells of the past.
  size_t scene_max_words = 40;
  size_t scene_max_sentences = 3;
  // Before the dateline (the story's first paragraph), within the first paragraphs: one short sentence.
  size_t before_dateline_max_index = 2;
  size_t before_dateline_max_words = 25;
  // A head shot's label is a person's name: two to four capitalised words.
  size_t name_min_words = 2;
  size_t name_max_words = 4;
  // A run of this many credit-less captions is a gallery, whose first caption may lack their marks
  // (caption_detector.cc, gallery_head).
  size_t gallery_run = 2;
};
constexpr ShapeThresholds kShape;

struct ShapeRule {
  std::string_view name;  // CaptionBlock::rule
  bool shape_only;
  bool layout_cap;
  bool (*matches)(const std::vector<Features>& f, size_t i, const CreditLexicon& lexicon);
};

extern const std::array<ShapeRule, 8> kShapeRules;

size_t MatchShapeRule(const std::vector<Features>& f, size_t i, const CreditLexicon& lexicon, bool shape_rules);

}  // namespace copydesk::stages::captions
