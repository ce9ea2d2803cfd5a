// Prose marks: what tells a caption sentence from article prose, on the text alone.
//
// Contract
// - IsMonthName(w): "March", "Sept.", "dec" (ASCII case-insensitive, a trailing period allowed).
// - HasPictureDate(s): a full date as wire captions close with it, "on March 3, 2024", "13 July 2024",
//   "Sept. 12, 2019": a month name next to a day number and a four-digit year. Prose dates its events by
//   weekday ("on Tuesday"); a caption dates its picture.
// - HasReportingVerb(s): a verb of speech or report as a whole word ("said", "says", "told", "according
//   to", "added", "announced"...): article prose attributes, captions describe.
// - OpensWithPresentAction(s): a capitalised subject, a present-tense verb of action and a function word,
//   "Harbourside's Milo Trent (C) chases the ball ...", "Wren Addley is seen ...".
// - ShowsAPicture(s): a picture as the subject of "shows", "A video posted on Monday shows ...", "This
//   handout image shows ...": an indefinite or demonstrative opener, a picture noun, then the verb. "The
//   video shows" refers back to a video the story told of, so it is prose.
// - DescribesAPicture(s): that, OpensWithPresentAction, or a plural subject with a present verb ("Passengers wait on the quay") or
//   a participle ("Nurses showing visitors around ..."); past tenses and verbs of speech tell a story.
// - TellsThePast(s): a verb in the past among the first twenty words ("was", "had", "said", "-ed"): how a
//   story's lede reports, where a caption describes what the picture shows.
// - SpeaksOfTheFuture(s): a modal ("will", "could") or a forecast ("is expected to", "set to") among the
//   first twenty words: a standfirst announcing what is to come; a picture shows what is, or was.
// - Pure functions on short strings; time linear in the input (only the first twelve words are read by
//   the two tests of the subject and verb).
#pragma once

#include <string_view>

namespace copydesk::stages::captions {

bool IsMonthName(std::string_view w);
bool HasPictureDate(std::string_view s);
bool HasReportingVerb(std::string_view s);
bool OpensWithPresentAction(std::string_view s);
bool ShowsAPicture(std::string_view s);
bool DescribesAPicture(std::string_view s);
bool TellsThePast(std::string_view s);
bool SpeaksOfTheFuture(std::string_view s);

}  // namespace copydesk::stages::captions
