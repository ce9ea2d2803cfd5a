// Speech patterns: finds attributions (content, cue, speaker mention) in one tokenised paragraph.
//
// Contract
// - Patterns, per sentence, around each cue of the reporting-verb lexicon:
//     "Q," said X          "Q," X said          "Q1," X said, "Q2."      (content before; split quotes joined)
//     X said: "Q"          X said (that) clause X told Y (that) clause   X said to Y, ...  (content after)
//     clause, X said.      clause, according to X.      According to X, clause.
//     ..., adding that ...  (a participle after a comma inherits the sentence's speaker)
//     "Q1," X said on "Show." "Q2."                  (a closing quotation after the adjuncts joins)
//     X, who said clause   (the antecedent speaks; after an attribution in the sentence, its speaker)
//     Name: "Q"            ... surprises Title Name: "Q"      "Q" ― Name   (a colon or a dash as the cue)
//     "Q," X verbed.       (any -ed verb after a quotation ending on , ? or ! when no cue is in the sentence)
//     Q: ... / NAME: ...    (transcript turns, whatever verbs they hold)
//     Asked (by X) whether ...    Smith's criticism of ...    X was quoted as saying ...
//     X believes/thinks/knows (that) clause  (a bare clause: a subject pronoun, or a noun phrase and an
//                          auxiliary or be/have within a few words)      Polls show X ...  (a document's object)
//     It was announced / it has been reported that clause      (no speaker)
//     clause, according to X, clause       (both halves are one content)
//   and a sentence that is only a quotation, which inherits the latest speaker (`inherit_speaker`; the
//   caller decides whether there is one near enough).
// - The subject may carry an apposition ("X, chair of Y,", "X, one of ...,", "X, speaking at ...,", "X
//   (D-Ore.), the panel's chair,") or a parenthetical between dashes ("X - who ... - said"); a participle
//   with its agent ("a letter seen by X") stays in the mention. A relative clause right after the reported
//   clause's subject ("said the driver, who was 43, had been") is inside the content; an adjunct ending
//   the sentence after ", X said" ("in a statement on Friday") is not. "responded to a request for
//   comment" reports nothing.
// - A sentence-final ", X said." takes the clause before it whole: an earlier cue in that clause other
//   than say/tell that opens no content of its own ("The ferry will add a crossing, the council said.")
//   is a verb of the content. "will add" / "to note" after a modal report nothing without a clause.
// - A cue with its own subject inside the clause a say/tell cue reports ("X said the referees had asked
//   for a rise") is content, unless it opens content of its own ("that", a colon, a quotation).
// - "Its chairwoman, Gwen Parry, said": after a description, the apposed name is the speaker mention;
//   "The board's director, Rhona Gale, said the plan ..." is a subject with its apposition, never content.
// - The speaker mention is a token range of the paragraph; the content is one or more byte ranges. A
//   venue or listener ("to Harbour Radio", "told the crowd") is reported apart and never taken as
//   the speaker.
// - Bounded work per cue (speaker scans stop after a few words) and at most `max_per_sentence`
//   attributions per sentence, so the output and the time are linear in the paragraph's size.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "copydesk/v1/enriched_article.pb.h"
#include "stages/attribution/lexicon.h"
#include "stages/attribution/paragraph_tokens.h"
#include "stages/attribution/quote_scanner.h"

namespace copydesk::stages::attribution {

struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
};

struct FoundAttribution {
  v1::Quote::Kind kind = v1::Quote::KIND_UNSPECIFIED;
  std::vector<ByteRange> content;    // in reading order; for DIRECT, the words inside the marks
  int32_t open_quote = -1;           // a quote span left open at the paragraph's end that the content ends in
  ByteRange cue;
  ByteRange speaker;                 // empty when inherit_speaker
  ByteRange listener;                // "reporters" in "told reporters", "CNN" in "told CNN"; may be empty
  bool inherit_speaker = false;
  // "X said:" ending the paragraph: the content is the quotation that opens the next paragraph.
  bool content_in_next_paragraph = false;
  Frame frame = Frame::kSay;
  // Which pattern found it ("cue_after_content", "name_colon_quote", ...): Quote.pattern, for audits.
  std::string_view pattern;
};

// The lexicon's word roles and cues come with the tokens (Token lookups made by Tokenize).
// `opens_article`: the paragraph is the story's first, where "CITY: ..." is a dateline, not a speaker.
std::vector<FoundAttribution> FindAttributions(std::string_view paragraph, const std::vector<QuoteSpan>& quotes,
                                               const ParagraphTokens& tokens, size_t max_per_sentence,
                                               bool opens_article);

}  // namespace copydesk::stages::attribution
