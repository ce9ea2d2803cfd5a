#include "tools/feed/progress.h"

#include <gtest/gtest.h>

namespace copydesk::tools {
namespace {

TEST(HumanBytes, PicksTheLargestUnitBelow1024) {
  EXPECT_EQ(HumanBytes(0), "0 B");
  EXPECT_EQ(HumanBytes(1023), "1023 B");
  EXPECT_EQ(HumanBytes(1536), "1.5 KiB");
  EXPECT_EQ(HumanBytes(3ull * 1024 * 1024), "3.0 MiB");
  EXPECT_EQ(HumanBytes(5ull * 1024 * 1024 * 1024), "5.0 GiB");
}

TEST(FormatProgress, ShowsCountsVolumeAndRates) {
  ProgressCounts counts{200, 190, 3, 2048};
  EXPECT_EQ(FormatProgress(counts, 2.0), "200 sent, 190 delivered, 3 failed, 2.0 KiB, 100 rec/s, 1.0 KiB/s in 2.00 s");
}

TEST(FormatProgress, LeavesRatesOutWithoutElapsedTime) {
  EXPECT_EQ(FormatProgress({1, 0, 0, 10}, 0.0), "1 sent, 0 delivered, 0 failed, 10 B");
}

}  // namespace
}  // namespace copydesk::tools
