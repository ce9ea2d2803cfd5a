#include "tools/tail/text_view.h"

#include <gtest/gtest.h>

namespace copydesk::tools {
namespace {

v1::EnrichedArticle LighthouseArticle() {
  v1::EnrichedArticle article;
  article.set_id("lh-1");
  article.set_source("Example Gazette");
  article.set_title("Lighthouse keeper retires after 30 years");
  article.add_paragraphs()->set_text("The keeper of the Gull Point lighthouse handed over the keys on Sunday.");
  article.add_paragraphs()->set_text("\"I will miss the storms,\" she said.");
  v1::Caption* caption = article.add_captions();
  caption->set_headline("Last watch");
  caption->set_text("The keeper climbs the tower stairs one last time.");
  caption->set_position(1);
  caption->mutable_credit()->set_raw("Mara Quist/AP Photo");
  caption->mutable_credit()->add_photographers("Mara Quist");
  caption->mutable_credit()->set_agency("AP");
  v1::Quote* quote = article.add_quotes();
  quote->set_text("I will miss the storms,");
  quote->set_kind(v1::Quote::DIRECT);
  quote->set_cue("said");
  quote->mutable_speaker()->set_mention("she");
  quote->mutable_speaker()->set_name("Ada Brennan");
  quote->mutable_speaker()->set_title("Lighthouse Keeper");
  v1::NewsSource* source = article.add_sources();
  source->set_name("Associated Press");
  source->set_cue("syndication note");
  v1::RemovedSpan* removed = article.mutable_cleaning()->add_removed();
  removed->set_text("Advertisement");
  removed->set_reason(v1::RemovedSpan::ADVERTISEMENT);
  article.add_warnings("captions: credit not parsed");
  return article;
}

TEST(RenderEnrichedText, ShowsTitleIdentityAndParagraphs) {
  std::string text = RenderEnrichedText(LighthouseArticle());
  EXPECT_EQ(text.rfind("═══ Lighthouse keeper retires after 30 years\nid: lh-1 · source: Example Gazette\n\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("The keeper of the Gull Point lighthouse handed over the keys on Sunday.\n\n"),
            std::string::npos);
}

TEST(RenderEnrichedText, PutsEachCaptionBeforeTheParagraphItPreceded) {
  std::string text = RenderEnrichedText(LighthouseArticle());
  size_t first = text.find("The keeper of the Gull Point");
  size_t caption = text.find("[photo] Last watch — The keeper climbs the tower stairs one last time. "
                             "(credit: Mara Quist/AP Photo → Mara Quist; agency AP)");
  size_t second = text.find("\"I will miss the storms,\" she said.");
  ASSERT_NE(caption, std::string::npos) << text;
  EXPECT_LT(first, caption);
  EXPECT_LT(caption, second);
}

TEST(RenderEnrichedText, PutsCaptionsPastTheEndAfterTheBody) {
  v1::EnrichedArticle article = LighthouseArticle();
  article.mutable_captions(0)->set_position(2);
  std::string text = RenderEnrichedText(article);
  EXPECT_LT(text.find("she said."), text.find("[photo]"));
}

TEST(RenderEnrichedText, ListsQuotesSourcesRemovalsAndWarnings) {
  std::string text = RenderEnrichedText(LighthouseArticle());
  EXPECT_NE(text.find("Quotes:\n  - [DIRECT] \"I will miss the storms,\" — Ada Brennan (Lighthouse Keeper) as \"she\", "
                      "cue \"said\"\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Sources:\n  - Associated Press (syndication note)\n"), std::string::npos);
  EXPECT_NE(text.find("Removed:\n  - ADVERTISEMENT: Advertisement\n"), std::string::npos);
  EXPECT_NE(text.find("Warnings:\n  - captions: credit not parsed\n"), std::string::npos);
}

TEST(RenderEnrichedText, LeavesEmptySectionsOut) {
  v1::EnrichedArticle article;
  article.set_title("Short note");
  article.add_paragraphs()->set_text("Only one paragraph.");
  std::string text = RenderEnrichedText(article);
  EXPECT_EQ(text, "═══ Short note\n\nOnly one paragraph.\n\n");
}

TEST(RenderEnrichedText, NamesTheSpeakerByMentionWhenUnresolved) {
  v1::EnrichedArticle article;
  v1::Quote* quote = article.add_quotes();
  quote->set_text("the road will open in June");
  quote->set_kind(v1::Quote::INDIRECT);
  quote->mutable_speaker()->set_mention("the council");
  EXPECT_NE(RenderEnrichedText(article).find("[INDIRECT] \"the road will open in June\" — the council\n"),
            std::string::npos);
}

TEST(RenderRawText, ShowsTheBodyAsSent) {
  v1::RawArticle article;
  article.set_id("raw-1");
  article.set_url("https://example.test/raw-1");
  article.set_title("Tram line extended");
  article.set_text("Advertisement\nThe tram now reaches the harbour.");
  EXPECT_EQ(RenderRawText(article),
            "═══ Tram line extended\nid: raw-1 · url: https://example.test/raw-1\n\n"
            "Advertisement\nThe tram now reaches the harbour.\n");
}

TEST(RenderRawText, SaysHowLargeTheHtmlIs) {
  v1::RawArticle article;
  article.set_html("<p>x</p>");
  EXPECT_NE(RenderRawText(article).find("(html, 8 bytes)"), std::string::npos);
}

}  // namespace
}  // namespace copydesk::tools
