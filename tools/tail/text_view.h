// The readable view of copydesk's records for a person at a terminal: the article as an editor would
// read it, with what the stages found laid out after it.
//
// EnrichedArticle: title, a line of identity (id, source, url, date, language), the body paragraphs with
// each caption shown where its photo stood ("[photo] headline — text (credit)"), then quotes with their
// speakers, sources, what cleaning removed, and warnings. Sections with nothing in them are left out.
// RawArticle: title, identity line, and the body as the crawler sent it.
#pragma once

#include <string>

#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"

namespace copydesk::tools {

std::string RenderEnrichedText(const v1::EnrichedArticle& article);
std::string RenderRawText(const v1::RawArticle& article);

}  // namespace copydesk::tools
