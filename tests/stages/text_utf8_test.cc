#include "stages/text/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

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

// The fast paths (eight ASCII bytes at a time, runs copied whole) must agree with the definitions byte for
// byte: compared here with one-sequence-at-a-time references on random mixtures of ASCII, valid multi-byte
// sequences, white space of every kind and broken bytes, at every alignment.
namespace {

// One sequence at a time, appending as it goes: the definition the fast path must match.
std::string ReferenceRepair(std::string_view in, size_t* repaired) {
  std::string out;
  *repaired = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (size_t i = 0; i < in.size();) {
    size_t len = copydesk::text::ValidSequenceLength(in, i);
    if (len > 0) {
      out.append(in.substr(i, len));
      i += len;
      continue;
    }
    size_t skip = 1;
    unsigned char c = p[i];
    size_t expected = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
    while (skip < expected && i + skip < in.size() && (p[i + skip] & 0xC0) == 0x80) {
      if (skip == 1 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) ||
                        (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))) {
        break;
      }
      ++skip;
    }
    out.append("\xEF\xBF\xBD");
    ++*repaired;
    i += skip;
  }
  return out;
}

std::string ReferenceCollapse(std::string_view s) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (copydesk::text::IsInlineSpaceAt(s, i, &len)) {
      pending = !out.empty();
      i += len;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(s[i++]);
  }
  return out;
}

std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {
      "a", "Harbour ", "0123456789abcdef", " ", "\t", "\n", "\r\n", "\xC2\xA0", "\xE2\x80\x89", "\xE3\x80\x80",
      "\xE2\x80\x99", "\xC3\xA9", "\xE1\x9A\x80", "\xF0\x9F\x93\xB0", "\xC2", "\xE2\x80", "\xFF", "\x80",
      "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE0\x80\xAF", "\xC2\x85"};
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 40);
  std::string text;
  for (int n = count(rng); n > 0; --n) text += kPieces[piece(rng)];
  return text;
}

}  // namespace

TEST(Utf8Test, FastPathsAgreeWithTheOneSequenceAtATimeDefinitions) {
  std::mt19937 rng(20261203);
  for (int round = 0; round < 20000; ++round) {
    std::string text = RandomText(rng);
    for (size_t shift = 0; shift < 8 && shift <= text.size(); ++shift) {
      std::string_view view = std::string_view(text).substr(shift);
      size_t expected_repairs = 0;
      std::string expected = ReferenceRepair(view, &expected_repairs);
      std::string repaired;
      ASSERT_EQ(copydesk::text::RepairUtf8(view, &repaired), expected_repairs) << round;
      ASSERT_EQ(repaired, expected) << round;
      ASSERT_EQ(copydesk::text::IsValidUtf8(view), expected_repairs == 0) << round;
      ASSERT_EQ(copydesk::text::CollapseWhitespace(repaired), ReferenceCollapse(repaired)) << round;
    }
  }
}

TEST(Utf8Test, LongAsciiRunsAroundABrokenByteAndASpaceAreHandledAtEveryOffset) {
  for (size_t at = 0; at < 24; ++at) {
    std::string text(24, 'x');
    text.insert(at, "\xFF");
    std::string repaired;
    EXPECT_EQ(copydesk::text::RepairUtf8(text, &repaired), 1u);
    EXPECT_EQ(repaired, std::string(at, 'x') + "\xEF\xBF\xBD" + std::string(24 - at, 'x'));
    EXPECT_FALSE(copydesk::text::IsValidUtf8(text));
    std::string spaced(24, 'y');
    spaced.insert(at, "\xC2\xA0\xE2\x80\x99");
    EXPECT_EQ(copydesk::text::CollapseWhitespace(spaced),
              at == 0 ? "\xE2\x80\x99" + std::string(24, 'y')
                      : std::string(at, 'y') + " \xE2\x80\x99" + std::string(24 - at, 'y'));
  }
}
