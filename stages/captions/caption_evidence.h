// Caption evidence: how much a paragraph looks like the caption text of the credit line next to it.
//
// Contract
// - CaptionScore(f, side, lexicon) is a sum of the weights of kEvidence, one row per piece of evidence:
//   for (a sentence, of caption length, a caption marker or label, a picture date, a photo headline above
//   it, a credit line sitting right above the byline) and against (long prose, a verb of speech, quotation
//   marks). It is 0, whatever the rest, for what is never a caption beside a credit: a paragraph already
//   taken, a byline, one of more than kEvidence.max_words words or ending in a colon, another credit, one
//   carrying a credit of its own, and the dateline paragraph that opens the story.
// - `side` says where the paragraph stands: before or after the credit line, whether the position is
//   strict (before the credit: the paragraph opens the body; after it: the credit is only a bare agency or
//   opens the body), whether a photo headline stands above it, whether the byline follows the credit.
// - The detector binds a credit line to the higher-scoring neighbour (above on a tie) when the score
//   reaches kEvidence.needed_firm for a firm credit (a photographer, a known agency, a label) or
//   kEvidence.needed_weak for a weak one. Each row has a unit test (caption_evidence_test.cc).
// - Pure; reads only the paragraph and its features.
#pragma once

#include <cstddef>

#include "stages/captions/credit_lexicon.h"
#include "stages/captions/paragraph_features.h"

namespace copydesk::stages::captions {

struct CaptionEvidence {
  // Every paragraph beside a credit line starts here.
  int base = 1;
  // For: two or more lower-case words make a sentence rather than a title or a name.
  int sentence = 1;
  // For: at most caption_words words and a sentence (or a two- or three-word name): a caption's length.
  int caption_length = 1;
  size_t caption_words = 40;
  // For: a caption marker ("(L-R)", "file photo", "seen here") or label ("Image caption") names a picture.
  int marker = 2;
  int label = 2;
  // For: a full date ("on March 3, 2024"): captions date their picture, prose dates events by weekday.
  int picture_date = 2;
  // For: a title line set above it, the wire's three-line block (headline, caption, credit).
  int headline_above = 2;
  // For: the credit line stands right above the byline, signature or dateline, so the block is the lead picture's,
  // set in the header before the story starts: the paragraph above is its caption, not the lede, even
  // when it runs long as wire captions do. Enough to outweigh long prose and a quote, not long prose
  // with a verb of speech as well.
  int above_byline = 3;
  // Against: article prose, a finished sentence that runs long, unless a marker or a picture description
  // ("X walks past ...") says otherwise. Before the credit a caption is one short sentence or a fragment:
  // prose is long_before_min_words or more that open the body, carry a quote, run to long_before_words or
  // to long_before_sentences sentences. After a credit line a caption may run to long_after_words, but
  // only to long_after_strict_words after a bare agency name.
  int long_prose = 3;
  size_t long_before_min_words = 14;
  size_t long_before_words = 22;
  size_t long_before_sentences = 2;
  size_t long_after_words = 40;
  size_t long_after_strict_words = 24;
  // Against: a verb of speech ("said", "told", "according to"): prose attributes, captions describe.
  int reporting_verb = 2;
  // Against: quotation marks.
  int quote = 1;
  // Never: more words than this beside a credit is prose.
  size_t max_words = 60;
  // A weak trailing credit ("... shown on KTV.") disqualifies a paragraph only when the glued-credit rule
  // could take it: no quote and at most this many words.
  size_t weak_own_credit_words = 40;
  // Credit-shaped paragraphs up to this many bytes are another credit, not a caption.
  size_t credit_bytes = 160;
  // The score a neighbour needs to become the credit's caption.
  int needed_firm = 2;
  int needed_weak = 3;
};
constexpr CaptionEvidence kEvidence;

struct Side {
  bool before_credit = false;
  bool strict = false;
  bool headline_above = false;
  bool above_byline = false;
};

int CaptionScore(const Features& f, const Side& side, const CreditLexicon& lexicon);

}  // namespace copydesk::stages::captions
