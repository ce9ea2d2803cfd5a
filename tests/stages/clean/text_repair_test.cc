#include "stages/clean/text_repair.h"

#include <gtest/gtest.h>

#include "stages/clean/html_entities.h"

namespace copydesk::embedded {
std::string_view clean_html_entities();
std::string_view clean_mojibake_classes();
std::string_view clean_mojibake_rules();
}  // namespace copydesk::embedded

namespace copydesk::stages::clean {
namespace {

const TextRepairer& Repairer() {
  static const TextRepairer repairer(
      EntityDecoder::Parse(embedded::clean_html_entities()).value(),
      MojibakeRepairer::Create(embedded::clean_mojibake_classes(), embedded::clean_mojibake_rules()).value(),
      RepairOptions{});
  return repairer;
}

TEST(EntityDecoderTest, DecodesNamedAndNumericReferences) {
  EntityDecoder decoder = EntityDecoder::Parse(embedded::clean_html_entities()).value();
  std::string out;
  EXPECT_EQ(decoder.Decode("Fish &amp; chips &#8212; caf&eacute; &#x2019;s", &out), 4u);
  EXPECT_EQ(out, "Fish & chips — café ’s");
}

TEST(EntityDecoderTest, LeavesUnknownAndUnterminatedReferences) {
  EntityDecoder decoder = EntityDecoder::Parse(embedded::clean_html_entities()).value();
  std::string out;
  EXPECT_EQ(decoder.Decode("R&D &nosuch; &amp no semicolon &#;", &out), 0u);
  EXPECT_EQ(out, "R&D &nosuch; &amp no semicolon &#;");
}

TEST(EntityDecoderTest, C1NumericReferencesAreWindows1252AndBadOnesReplaced) {
  EntityDecoder decoder = EntityDecoder::Parse(embedded::clean_html_entities()).value();
  std::string out;
  decoder.Decode("it&#146;s &#0; &#xD800; &#99999999;", &out);
  EXPECT_EQ(out, "it’s \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST(TextRepairTest, RemovesInvisiblesButKeepsJoinersAndSubstitute) {
  RepairCounts counts;
  std::string out = Repairer().Repair("in\xC2\xADvis\xE2\x80\x8Bible\x01 \xEF\xBB\xBF""a\xE2\x80\x8D""b \x1A", &counts);
  EXPECT_EQ(out, "invisible a\xE2\x80\x8D""b \x1A");
  EXPECT_EQ(counts.control_chars, 4u);
}

TEST(TextRepairTest, NormalisesToNfc) {
  RepairCounts counts;
  EXPECT_EQ(Repairer().Repair("cafe\xCC\x81", &counts), "caf\xC3\xA9");
}

TEST(TextRepairTest, KeepsLineBreaksAndUnifiesThem) {
  RepairCounts counts;
  EXPECT_EQ(Repairer().Repair("one\r\ntwo\rthree", &counts), "one\ntwo\nthree");
}

TEST(TextRepairTest, CountsEveryKindOfRepair) {
  RepairCounts counts;
  std::string out = Repairer().Repair("bad \xFF byte &amp; cafÃ©", &counts);
  EXPECT_EQ(out, "bad \xEF\xBF\xBD byte & café");
  EXPECT_EQ(counts.invalid_utf8, 1u);
  EXPECT_EQ(counts.entities, 1u);
  EXPECT_EQ(counts.mojibake, 1u);
}

TEST(TextRepairTest, KeepsTypographicPunctuation) {
  RepairCounts counts;
  std::string text = "“Quoted,” she said — it’s ‘fine’…";
  EXPECT_EQ(Repairer().Repair(text, &counts), text);
}

}  // namespace
}  // namespace copydesk::stages::clean
