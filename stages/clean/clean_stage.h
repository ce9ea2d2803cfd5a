// clean: the first stage of the chain (it replaces `normalize`). Turns crawler text or a raw HTML page into
// the article's title and clean body paragraphs, and records everything it removed and why.
//
// Contract
// - Text input: text_repair.h (UTF-8, character references, mojibake, invisibles, NFC), then
//   paragraphs.h (one paragraph per line unless hard-wrapped). Title = RawArticle.title, else the first
//   non-blank line.
// - HTML input (RawArticle.html wins over text): html_extract.h picks the article's blocks; each is
//   repaired as above. <figure>/<figcaption> go to article.scratch.caption_candidates, not to the body.
// - Boilerplate (boilerplate.h) is removed from the body into cleaning.removed with its reason; on HTML
//   input short link-dense blocks go too (RELATED_LINK). A syndication note's news organisation is added
//   to `sources` (cue "syndication note"); attribution canonicalises and deduplicates sources later.
// - Fails (dead-letter) on: no text and no html, input above max_bytes, input that is mostly control
//   bytes (binary), or nothing left after cleaning.
#pragma once

#include "stages/registry.h"

namespace copydesk::stages {

StageDescriptor CleanStageDescriptor();

}  // namespace copydesk::stages
