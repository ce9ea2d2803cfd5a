#include "stages/clean/clean_stage.h"

#include <gtest/gtest.h>

#include "clean_test_util.h"

namespace copydesk::stages::clean_test {
namespace {

TEST(CleanStageTest, TitleIsTheFirstLineWhenNoneIsGiven) {
  Outcome run = CleanText("", "\n  Harbour   ferry resumes service \nThe ferry sailed at dawn.\n\nPassengers cheered.");
  ASSERT_FALSE(run.result.failed());
  EXPECT_EQ(run.out.title(), "Harbour ferry resumes service");
  EXPECT_EQ(Body(run.out), "The ferry sailed at dawn.\nPassengers cheered.");
}

TEST(CleanStageTest, GivenTitleWinsAndIsCleanedToo) {
  Outcome run = CleanText("Caf&eacute;   reopens", "The caf\xC3\xA9 reopened.");
  EXPECT_EQ(run.out.title(), "Café reopens");
  EXPECT_EQ(Body(run.out), "The café reopened.");
}

TEST(CleanStageTest, SyndicationNoteIsRemovedListedAndCredited) {
  Outcome run = CleanText("Ferry back", "The ferry sailed at dawn.\n\nFor more reporting from the Associated "
                                        "Press, scroll down.\n\nPassengers cheered.");
  EXPECT_EQ(Body(run.out), "The ferry sailed at dawn.\nPassengers cheered.");
  ASSERT_EQ(run.out.cleaning().removed_size(), 1);
  EXPECT_EQ(run.out.cleaning().removed(0).text(), "For more reporting from the Associated Press, scroll down.");
  EXPECT_EQ(run.out.cleaning().removed(0).reason(), v1::RemovedSpan::SYNDICATION_NOTE);
  ASSERT_EQ(run.out.sources_size(), 1);
  EXPECT_EQ(run.out.sources(0).name(), "Associated Press");
  EXPECT_EQ(run.out.sources(0).cue(), "syndication note");
}

TEST(CleanStageTest, BoilerplateLinesGoToTheAuditTrailWithReasons) {
  Outcome run = CleanText("T", "Advertisement\nThe ferry sailed at dawn.\nShare this article\n"
                               "Passengers cheered.\nCopyright 2024 Example News. All rights reserved.");
  EXPECT_EQ(Body(run.out), "The ferry sailed at dawn.\nPassengers cheered.");
  ASSERT_EQ(run.out.cleaning().removed_size(), 3);
  EXPECT_EQ(run.out.cleaning().removed(0).reason(), v1::RemovedSpan::ADVERTISEMENT);
  EXPECT_EQ(run.out.cleaning().removed(1).reason(), v1::RemovedSpan::SHARE_PROMPT);
  EXPECT_EQ(run.out.cleaning().removed(2).reason(), v1::RemovedSpan::COPYRIGHT);
}

TEST(CleanStageTest, RepairsAreCounted) {
  Outcome run = CleanText("T", "bad \xFF byte, fish &amp; chips, cafÃ©\x01");
  EXPECT_EQ(Body(run.out), "bad \xEF\xBF\xBD byte, fish & chips, café");
  EXPECT_EQ(run.out.cleaning().invalid_utf8_repaired(), 1u);
  EXPECT_EQ(run.out.cleaning().entities_decoded(), 1u);
  EXPECT_EQ(run.out.cleaning().mojibake_repaired(), 1u);
  EXPECT_EQ(run.out.cleaning().control_chars_removed(), 1u);
}

TEST(CleanStageTest, KeepsTypographicQuotesAndDashes) {
  std::string line = "\xE2\x80\x9CWe sail,\xE2\x80\x9D she said \xE2\x80\x94 smiling.";
  EXPECT_EQ(Body(CleanText("T", line).out), line);
}

TEST(CleanStageTest, BadInputFailsWithAReason) {
  EXPECT_TRUE(CleanText("", "").result.failed());
  EXPECT_NE(CleanText("", "").result.reason().find("empty"), std::string::npos);
  EXPECT_TRUE(CleanText("", " \n \n").result.failed());
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); i += 3) binary[i] = 'a';
  Outcome run = CleanText("T", binary);
  ASSERT_TRUE(run.result.failed());
  EXPECT_NE(run.result.reason().find("binary"), std::string::npos);
}

TEST(CleanStageTest, TooLargeInputFails) {
  StatusOr<StageOptions> options =
      StageOptions::Validate("clean", CleanStageDescriptor().keys, {{"max_bytes", "100"}});
  ASSERT_TRUE(options.ok());
  auto stage = CleanStageDescriptor().factory(options.value());
  ASSERT_TRUE(stage.ok());
  v1::RawArticle raw;
  raw.set_text(std::string(101, 'a'));
  v1::EnrichedArticle out;
  Article article{raw, out, {}};
  StageResult result = stage.value()->Transform(article);
  ASSERT_TRUE(result.failed());
  EXPECT_NE(result.reason().find("max_bytes"), std::string::npos);
}

TEST(CleanStageTest, AMillionOneCharacterLinesAreHandled) {
  std::string text;
  text.reserve(2000000);
  for (int i = 0; i < 1000000; ++i) text += "x\n";
  Outcome run = CleanText("T", text);
  ASSERT_FALSE(run.result.failed());
  EXPECT_EQ(run.out.paragraphs_size(), 1000000);
}

TEST(CleanStageTest, HtmlInputGivesParagraphsAndCaptionCandidates) {
  Outcome run = CleanHtml(
      "<html><body><h1>Quay opens</h1><article><p>The new quay opened on Monday, after two years of work and "
      "many delays.</p><figure><figcaption>The quay at dusk.<cite>Jane Roe/Example</cite></figcaption>"
      "</figure><p>Boats moored there within the hour, their crews glad of the shelter, the harbour master "
      "said.</p><p>Advertisement</p></article></body></html>");
  ASSERT_FALSE(run.result.failed()) << run.result.reason();
  EXPECT_EQ(run.out.title(), "Quay opens");
  EXPECT_EQ(Body(run.out),
            "The new quay opened on Monday, after two years of work and many delays.\nBoats moored there within "
            "the hour, their crews glad of the shelter, the harbour master said.");
  ASSERT_EQ(run.scratch.caption_candidates.size(), 1u);
  EXPECT_EQ(run.scratch.caption_candidates[0].text, "The quay at dusk.");
  EXPECT_EQ(run.scratch.caption_candidates[0].credit, "Jane Roe/Example");
  EXPECT_EQ(run.scratch.caption_candidates[0].position, 1u);
  ASSERT_EQ(run.out.cleaning().removed_size(), 1);
  EXPECT_EQ(run.out.cleaning().removed(0).reason(), v1::RemovedSpan::ADVERTISEMENT);
}

TEST(CleanStageTest, TenThousandNestedTagsFailWithAReason) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div>";
  Outcome run = CleanHtml(html + "text");
  ASSERT_TRUE(run.result.failed());
  EXPECT_NE(run.result.reason().find("deep"), std::string::npos);
}

TEST(CleanStageTest, CaptionPositionCountsOnlyKeptParagraphs) {
  Outcome run = CleanHtml(
      "<article><p>Advertisement</p><p>The new quay opened on Monday, after two years of work and many "
      "delays.</p><p>Share this article</p><figure><figcaption>The quay at dusk.</figcaption></figure><p>Boats "
      "moored there within the hour, their crews glad of the shelter, the harbour master said.</p></article>");
  ASSERT_FALSE(run.result.failed()) << run.result.reason();
  ASSERT_EQ(run.out.paragraphs_size(), 2);
  ASSERT_EQ(run.scratch.caption_candidates.size(), 1u);
  EXPECT_EQ(run.scratch.caption_candidates[0].position, 1u);
}

TEST(CleanStageTest, ALinkHeavySentenceIsProseButALinkListIsNot) {
  // A public broadcaster's layout: links to related coverage between paragraphs, and a sentence whose
  // longer half is a link to the earlier story.
  Outcome run = CleanHtml(
      "<article><h1>Inquiry</h1><p>The harbour inquiry heard from six witnesses on Monday, among them two "
      "pilots, a tug master and the port's former safety officer.</p><ul><li><a href='/p'>Profile: the port "
      "authority</a></li><li><a href='/t'>Timeline of the inquiry</a></li></ul><p>The inquiry "
      "<a href='/s'>had been suspended in March but was reopened after new evidence</a> came to light.</p>"
      "<p>It resumes on Thursday.</p></article>");
  ASSERT_FALSE(run.result.failed()) << run.result.reason();
  EXPECT_EQ(Body(run.out),
            "The harbour inquiry heard from six witnesses on Monday, among them two pilots, a tug master and the "
            "port's former safety officer.\nThe inquiry had been suspended in March but was reopened after new "
            "evidence came to light.\nIt resumes on Thursday.");
  ASSERT_EQ(run.out.cleaning().removed_size(), 2);
  EXPECT_EQ(run.out.cleaning().removed(0).reason(), v1::RemovedSpan::RELATED_LINK);
}

TEST(CleanStageTest, HtmlWinsOverText) {
  v1::RawArticle raw;
  raw.set_text("text body");
  raw.set_html("<p>html body</p>");
  Outcome run = Clean(raw);
  EXPECT_EQ(Body(run.out), "html body");
}

TEST(CleanStageTest, ShareAndLevelKeysAreBoundedByTheKeyTable) {
  auto validate = [](const char* key, const char* value) {
    return StageOptions::Validate("clean", CleanStageDescriptor().keys, {{key, value}});
  };
  EXPECT_TRUE(validate("html_sibling_ratio", "0.15").ok());
  EXPECT_TRUE(validate("html_chunk_levels", "8").ok());
  for (auto [key, value] : {std::pair{"html_sibling_ratio", "1.5"}, std::pair{"html_link_list_share", "-0.1"},
                            std::pair{"max_link_density", "2"}, std::pair{"html_chunk_levels", "9"},
                            std::pair{"max_bytes", "0"}, std::pair{"html_prose_words", "-1"}}) {
    StatusOr<StageOptions> options = validate(key, value);
    ASSERT_FALSE(options.ok()) << key << "=" << value;
    EXPECT_NE(options.status().detail().find(key), std::string::npos) << options.status().detail();
  }
}

}  // namespace
}  // namespace copydesk::stages::clean_test
