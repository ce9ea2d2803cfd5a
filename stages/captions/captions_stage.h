// captions: moves photo caption blocks out of the body into EnrichedArticle.captions.
//
// Runs after cleaning and before attribution, so that nothing said in a caption is ever attributed as a
// quote of the article. Two sources of blocks:
// - caption candidates the cleaning stage found in HTML (scratch.caption_candidates), taken as they are,
//   their credit split off and parsed;
// - caption blocks detected in the body text (caption_detector.h): the paragraphs of each block are removed
//   from `paragraphs`, the rest keeps its order, and `Caption.position` is the index of the first body
//   paragraph that followed the block.
// Every credit is parsed into photographers / agency / distributor (credit_parser.h) with the agency table
// agencies.tsv and the vocabulary credit_words.tsv, both compiled into the binary and parsed once by the
// factory.
#pragma once

#include "stages/registry.h"

namespace copydesk::stages {

StageDescriptor CaptionsStageDescriptor();

}  // namespace copydesk::stages
