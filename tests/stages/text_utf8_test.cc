#include "stages/text/utf8.h"

#include <gtest/gtest.h>

namespace copydesk::text {
namespace {

TEST(Utf8Test, ValidTextIsValid) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x93\xB0"));
}

TEST(Utf8Test, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x80"));       // truncated
}

TEST(Utf8Test, RepairReplacesMaximalSubparts) {
  std::string out;
  // A truncated three-byte sequence is one replacement, not two.
  EXPECT_EQ(RepairUtf8("a\xE2\x80z", &out), 1u);
  EXPECT_EQ(out, "a\xEF\xBF\xBDz");
  // Two stray continuation bytes are two replacements.
  EXPECT_EQ(RepairUtf8("\x80\x80", &out), 2u);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("fine", &out), 0u);
  EXPECT_EQ(out, "fine");
}

TEST(Utf8Test, CollapseWhitespaceHandlesUnicodeSpaces) {
  EXPECT_EQ(CollapseWhitespace("  a \t b\xC2\xA0\xC2\xA0" "c\xE2\x80\x83" "d\n"), "a b c d");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \xE3\x80\x80 "), "");
}

TEST(Utf8Test, SplitLinesKeepsEmptyLinesAndHandlesCrLf) {
  auto lines = SplitLines("a\r\nb\n\nc\rd");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "a");
  EXPECT_EQ(lines[1], "b");
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[3], "c");
  EXPECT_EQ(lines[4], "d");
}

}  // namespace
}  // namespace copydesk::text
