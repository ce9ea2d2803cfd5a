// attribution: who said what, and who reported it. Runs last (after clean and captions) and fills
// EnrichedArticle.quotes (direct, mixed and reported speech with resolved speakers, in reading order) and
// EnrichedArticle.sources (news organisations credited for the reporting, canonical names, once each; it
// also canonicalises and de-duplicates sources an earlier stage wrote).
//
// Pipeline per paragraph: quote spans (quote_scanner.h) -> tokens and sentences (paragraph_tokens.h) ->
// speech patterns (speech_patterns.h) -> speakers (speakers.h), resolved against the article's entity
// table (entity_table.h: people and organisations with every mention, filled as paragraphs are read),
// and sources (news_sources.h). Tables are data files in this folder (reporting_verbs.tsv,
// speaker_words.tsv, abbreviations.txt, gender_words.tsv, organization_types.tsv) and the news
// organisations shared with clean (stages/text/news_organizations.tsv), parsed once by the factory. Config keys: max_quotes_per_sentence (bounds the
// output on pathological text), credit_listeners ("told CNN" credits CNN as a source). Linear in the
// article's size.
//
// A news organisation named as the speaker ("..., the Associated Press reported", "according to
// Reuters") becomes a source, not a quote, as the contract asks; corpora such as PolNeAR label those as
// attributions, which costs about 1% of their speech events.
#pragma once

#include "stages/registry.h"

namespace copydesk::stages {

StageDescriptor AttributionStageDescriptor();

}  // namespace copydesk::stages
