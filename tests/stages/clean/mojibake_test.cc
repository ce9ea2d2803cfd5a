#include "stages/clean/mojibake.h"

#include <gtest/gtest.h>

namespace copydesk::embedded {
std::string_view clean_mojibake_classes();
std::string_view clean_mojibake_rules();
}  // namespace copydesk::embedded

namespace copydesk::stages::clean {
namespace {

const MojibakeRepairer& Repairer() {
  static const std::shared_ptr<const MojibakeRepairer> repairer =
      MojibakeRepairer::Create(embedded::clean_mojibake_classes(), embedded::clean_mojibake_rules()).value();
  return *repairer;
}

std::string Repair(const std::string& line) {
  std::string out;
  return Repairer().RepairLine(line, &out) > 0 ? out : line;
}

TEST(MojibakeTest, Windows1252ViewOfUtf8IsRepaired) {
  EXPECT_EQ(Repair("The cafÃ© was closed for the winter."), "The café was closed for the winter.");
  EXPECT_EQ(Repair("Ä°stanbul'da gÃ¼neÅŸli"), "İstanbul'da güneşli");
}

TEST(MojibakeTest, LostNoBreakSpaceAfterLeadByteIsRestored) {
  // "à" is C3 A0; the A0 often reaches us as a plain space.
  EXPECT_EQ(Repair("Le garÃ§on a dÃ» partir Ã l’heure."), "Le garçon a dû partir à l’heure.");
}

TEST(MojibakeTest, TwiceMangledTextIsRepairedTwice) {
  EXPECT_EQ(Repair("The cafÃƒÂ© was closed."), "The café was closed.");
}

TEST(MojibakeTest, OtherCodePagesAreRecognised) {
  EXPECT_EQ(Repair("РџСЂРёРІРµС‚, РєР°Рє РґРµР»Р°?"), "Привет, как дела?");            // Windows-1251
  EXPECT_EQ(Repair("Z√ºrich und K√∂ln"), "Zürich und Köln");                          // MacRoman
  EXPECT_EQ(Repair("ZaĹĽĂłĹ‚Ä‡ gÄ™Ĺ›lÄ… jaĹşĹ„"), "Zażółć gęślą jaźń");               // Windows-1250
  EXPECT_EQ(Repair("╤é╨╡╤ü╤é ╤ü╤é╤Ç╨╛╨║╨╕"), "тест строки");                          // CP437
}

TEST(MojibakeTest, MojibakeNextToCorrectTextIsRepairedInPlace) {
  // The correct ’ cannot be re-encoded with the broken part, so only the broken sequences change.
  EXPECT_EQ(Repair("l’Ã©tÃ© dernier"), "l’été dernier");
  EXPECT_EQ(Repair("It said â€œyesâ€\xC2\x9D — and lâ€™Ã©quipe too"), "It said “yes” — and l’équipe too");
}

TEST(MojibakeTest, SequencesThatLostAByteBecomeOneReplacementCharacter) {
  // Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90 and 0x9D: a decoder writes U+FFFD for them,
  // so "👍" (F0 9F 91 8D) arrives as "ðŸ‘" + U+FFFD. The character is gone; the rest of the line is not.
  EXPECT_EQ(Repair("Nice work \xC3\xB0\xC5\xB8\xE2\x80\x98\xEF\xBF\xBD see you at the pier"),
            "Nice work \xEF\xBF\xBD see you at the pier");
  // The same in Windows-1250, which lacks 0x81 (the second byte of "Á"), with a soft hyphen (0xAD) too.
  EXPECT_EQ(Repair("\xC4\x82\xEF\xBF\xBDlvaro reached Bogot\xC4\x82\xCB\x87 and Medell\xC4\x82\xC2\xADn"),
            "\xEF\xBF\xBDlvaro reached Bogotá and Medellín");
}

TEST(MojibakeTest, QuestionMarksWrittenForUnmappableBytesAreLostBytes) {
  // "’" mangled twice, the second time by a converter that wrote '?' for the C1 bytes it could not map.
  EXPECT_EQ(Repair("The harbour\xC3\x83\xC2\xA2\xC3\xA2?\xC2\xAC\xC3\xA2?\xC2\xA2s edge"),
            "The harbour\xEF\xBF\xBDs edge");
}

TEST(MojibakeTest, NoBreakSpaceInsideAThreeByteSequenceIsRestored) {
  // "⚠" is E2 9A A0; its A0 became a space beside the real one. ("âš" alone is no evidence: the
  // apostrophe's "â€™" is what makes the line look like mojibake.)
  EXPECT_EQ(Repair("\xC3\xA2\xC5\xA1  Ferry cancelled, todayâ€™s crossings too"),
            "⚠ Ferry cancelled, today’s crossings too");
}

TEST(MojibakeTest, CorrectTextWithReplacementCharactersIsUnchanged) {
  for (const char* line : {"Caf\xC3\xA9 \xEF\xBF\xBD menu? Tr\xC3\xA8s bien", "O\xC3\xB9 est-il? \xC3\x80 Paris.",
                           "\xEF\xBF\xBD\xEF\xBF\xBD lost bytes \xEF\xBF\xBD", "GR\xC3\x9C? Na ja.",
                           "Ã? Â? â?", "\xC3\xA2\xE2\x82\xAC sorry? \xC3\xA9t\xC3\xA9"}) {
    std::string out;
    EXPECT_EQ(Repairer().RepairLine(line, &out), 0u) << line << " -> " << out;
  }
}

TEST(MojibakeTest, C1ControlsAreReadAsWindows1252WhenTheyAreQuotes) {
  EXPECT_EQ(Repair("\xC2\x93Quoted\xC2\x94 text"), "“Quoted” text");
}

TEST(MojibakeTest, CorrectTextInManyScriptsIsUnchanged) {
  for (const char* line :
       {"Δοκιμή κειμένου με ¨ σημάδια", "ВІКІ — це українське слово", "Привет, как дела?", "CAFÉ® Zürich",
        "Bjørn bor på ØYA", "Größe: 3×£20 und 1999—∞", "x = √π / 2", "Ôôô que saudade", "A Ã O",
        "Ça coûte 10 € à Paris", "┌──┐ │ab│ └──┘", "naïve façade", "Él dijo: ¿Qué?", "C’est l’été…",
        "AT&T’s “new” plan — 50% off", "日本語のテキスト", "한국어 문장", "עברית", "العربية"}) {
    std::string out;
    EXPECT_EQ(Repairer().RepairLine(line, &out), 0u) << line << " -> " << out;
  }
}

TEST(MojibakeTest, LoneNextLineControlIsLeftAlone) {
  std::string out;
  EXPECT_EQ(Repairer().RepairLine("fin de phrase\xC2\x85 suite", &out), 0u);
}

TEST(MojibakeTest, OddnessIsZeroForPlainText) {
  EXPECT_EQ(Repairer().Oddness(U"plain words and café"), 0u);
  EXPECT_GT(Repairer().Oddness(U"cafÃ©"), 0u);
}

}  // namespace
}  // namespace copydesk::stages::clean
