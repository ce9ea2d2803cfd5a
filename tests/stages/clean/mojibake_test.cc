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
