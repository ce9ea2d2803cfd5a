#include "worker/offset_tracker.h"

#include <gtest/gtest.h>

namespace copydesk::worker {
namespace {

TEST(OffsetTrackerTest, NothingCommittableBeforeTheFirstDone) {
  OffsetTracker tracker;
  EXPECT_FALSE(tracker.Committable().has_value());
  tracker.Track(10);
  EXPECT_FALSE(tracker.Committable().has_value());
  EXPECT_EQ(tracker.pending(), 1u);
}

TEST(OffsetTrackerTest, CommitsOnlyBelowTheFirstUndoneOffset) {
  OffsetTracker tracker;
  for (int64_t o = 10; o < 15; ++o) tracker.Track(o);
  EXPECT_TRUE(tracker.MarkDone(12));
  EXPECT_TRUE(tracker.MarkDone(11));
  EXPECT_FALSE(tracker.Committable().has_value()) << "10 is not done: nothing may be committed";
  EXPECT_TRUE(tracker.MarkDone(10));
  EXPECT_EQ(tracker.Committable(), 13);
  EXPECT_TRUE(tracker.MarkDone(14));
  EXPECT_EQ(tracker.Committable(), 13);
  EXPECT_TRUE(tracker.MarkDone(13));
  EXPECT_EQ(tracker.Committable(), 15);
  EXPECT_EQ(tracker.pending(), 0u);
}

TEST(OffsetTrackerTest, GapsInOffsetsAreFine) {
  OffsetTracker tracker;
  tracker.Track(3);
  tracker.Track(7);  // 4..6 compacted away or transaction markers
  EXPECT_TRUE(tracker.MarkDone(7));
  EXPECT_FALSE(tracker.Committable().has_value());
  EXPECT_TRUE(tracker.MarkDone(3));
  EXPECT_EQ(tracker.Committable(), 8);
}

TEST(OffsetTrackerTest, UnknownOrRepeatedDoneIsRejected) {
  OffsetTracker tracker;
  tracker.Track(1);
  EXPECT_FALSE(tracker.MarkDone(2));
  EXPECT_TRUE(tracker.MarkDone(1));
  EXPECT_FALSE(tracker.MarkDone(1));
  EXPECT_EQ(tracker.Committable(), 2);
}

}  // namespace
}  // namespace copydesk::worker
