#include "tools/tail/payload.h"

#include <gtest/gtest.h>

namespace copydesk::tools {
namespace {

using namespace std::string_literals;

TEST(IsPrintableText, AcceptsUtf8TextWithLineBreaksAndTabs) {
  EXPECT_TRUE(IsPrintableText("Caf\xC3\xA9 opens\tat nine\r\nsharp"));
  EXPECT_TRUE(IsPrintableText(""));
}

TEST(IsPrintableText, RejectsControlBytesAndInvalidUtf8) {
  EXPECT_FALSE(IsPrintableText("\x0a\x05hello"s));
  EXPECT_FALSE(IsPrintableText("nul\0inside"s));
  EXPECT_FALSE(IsPrintableText("caf\xE9"));
  EXPECT_FALSE(IsPrintableText("\x7F"));
}

TEST(Base64, EncodesWithPadding) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("\xFF\x00\x10"s), "/wAQ");
}

TEST(HexDump, ShowsOffsetsBytesAndAscii) {
  // 13 missing bytes of the row keep the ASCII column aligned: three spaces each.
  EXPECT_EQ(HexDump("AB\x01"s, 64), "00000000  41 42 01" + std::string(13 * 3, ' ') + "  |AB.|\n");
}

TEST(HexDump, SaysHowManyBytesItLeftOut) {
  std::string dump = HexDump(std::string(40, 'z'), 16);
  EXPECT_EQ(dump.find("00000010"), std::string::npos);
  EXPECT_NE(dump.find("... 24 more bytes\n"), std::string::npos);
}

TEST(PrintableOrRepaired, ReplacesInvalidBytes) {
  EXPECT_EQ(PrintableOrRepaired("k\xFFy"), "k\xEF\xBF\xBDy");
  EXPECT_EQ(PrintableOrRepaired("plain"), "plain");
}

}  // namespace
}  // namespace copydesk::tools
