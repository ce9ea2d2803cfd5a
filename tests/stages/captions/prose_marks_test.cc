// What tells a caption from article prose on the text alone. Every sentence below is invented.
#include "stages/captions/prose_marks.h"

#include <gtest/gtest.h>

namespace copydesk::stages::captions {
namespace {

TEST(ProseMarksTest, MonthNamesWithAbbreviations) {
  EXPECT_TRUE(IsMonthName("March"));
  EXPECT_TRUE(IsMonthName("Sept."));
  EXPECT_TRUE(IsMonthName("dec"));
  EXPECT_FALSE(IsMonthName("Monday"));
  EXPECT_FALSE(IsMonthName("Marching"));
}

TEST(ProseMarksTest, PictureDateIsMonthDayYearOrDayMonthYear) {
  EXPECT_TRUE(HasPictureDate("Divers check the hull in Ostby on March 3, 2024."));
  EXPECT_TRUE(HasPictureDate("Riders climb the pass, 13 July 2024."));
  EXPECT_TRUE(HasPictureDate("The dam near Orrin, Ore., on Sept. 12, 2019. (AP Photo/Kim Lo, File)"));
  EXPECT_FALSE(HasPictureDate("The council met on Tuesday to discuss the budget."));
  EXPECT_FALSE(HasPictureDate("Prices rose in March and fell in 2024."));
  EXPECT_FALSE(HasPictureDate("She won 12 of 2024 votes."));
}

TEST(ProseMarksTest, ReportingVerbsAsWholeLowerCaseWords) {
  EXPECT_TRUE(HasReportingVerb("The mayor said the road would reopen."));
  EXPECT_TRUE(HasReportingVerb("according to the ministry, prices fell"));
  EXPECT_TRUE(HasReportingVerb("\"We are ready,\" she told reporters."));
  EXPECT_FALSE(HasReportingVerb("Divers check the hull in Ostby."));
  EXPECT_FALSE(HasReportingVerb("Saidi Amari walks to the podium."));  // a name, not the verb
  EXPECT_FALSE(HasReportingVerb("Boats sail past the harbour wall."));
}

TEST(ProseMarksTest, PictureDescriptionsAgainstStories) {
  EXPECT_TRUE(OpensWithPresentAction("Harbourside's Milo Trent (C) chases the ball during the final."));
  EXPECT_TRUE(DescribesAPicture("Passengers wait on the quay in Marlby."));
  EXPECT_TRUE(DescribesAPicture("Nurses showing visitors around the new wing."));
  EXPECT_FALSE(DescribesAPicture("Ferry crews had warned of the storm."));
  EXPECT_FALSE(DescribesAPicture("Residents gathered in the square on Friday."));
  EXPECT_FALSE(DescribesAPicture("She walks to the podium."));  // a pronoun subject is prose
  EXPECT_FALSE(OpensWithPresentAction("Wren Addley says the vote was fair."));
}

TEST(ProseMarksTest, APictureThatShows) {
  EXPECT_TRUE(ShowsAPicture("A video the group put out in March shows Vorn addressing fighters."));
  EXPECT_TRUE(ShowsAPicture("This handout picture taken on Sunday shows ash above the crater."));
  EXPECT_TRUE(ShowsAPicture("An image from a traffic camera shows the lorry on its side."));
  EXPECT_TRUE(DescribesAPicture("These photos show the bridge before and after the flood."));
  EXPECT_FALSE(ShowsAPicture("The video shows officers running up the stairs."));  // refers back: prose
  EXPECT_FALSE(ShowsAPicture("A spokesman for the firm shows no sign of backing down."));
  EXPECT_FALSE(ShowsAPicture("A video was released. It shows nothing new."));  // the sentence ended first
}

TEST(ProseMarksTest, TheSubjectTakesARelativeNamedAfterAPossessive) {
  EXPECT_TRUE(DescribesAPicture("Jon Marsh and his wife Ada wait at the gate of the fete in Ulby."));
  EXPECT_FALSE(DescribesAPicture("Jon Marsh and his wife decided to sell the farm."));
}

TEST(ProseMarksTest, StoriesTellOfThePast) {
  EXPECT_TRUE(TellsThePast("The council voted on Monday to close the baths."));
  EXPECT_TRUE(TellsThePast("Rescuers began searching the valley at dawn."));  // an irregular past
  EXPECT_FALSE(TellsThePast("Rescuers search the valley at dawn."));
  EXPECT_FALSE(TellsThePast("The ferry needs a new engine, the owners say."));  // "-ed" but no past
}

TEST(ProseMarksTest, StandfirstsSpeakOfTheFuture) {
  EXPECT_TRUE(SpeaksOfTheFuture("The new terminal will not open until 2027, and fares may rise"));
  EXPECT_TRUE(SpeaksOfTheFuture("The mayor's funeral is expected to take place on Friday"));
  EXPECT_TRUE(SpeaksOfTheFuture("Talks are set to resume in Geneva next week"));
  EXPECT_FALSE(SpeaksOfTheFuture("Rescuers search the valley at dawn"));
  EXPECT_FALSE(SpeaksOfTheFuture("Grell saw his hopes of a third title ended"));
  // A capitalised "May" is the month or a name.
  EXPECT_FALSE(SpeaksOfTheFuture("Crowds gather in the square on May Day"));
  EXPECT_FALSE(SpeaksOfTheFuture("Fans queue to get into the stadium"));
}

TEST(ProseMarksTest, AnIndefiniteSubjectActingInThePresent) {
  EXPECT_TRUE(OpensWithPresentAction("A council engineer inspects the damaged supports of the bridge."));
  EXPECT_TRUE(OpensWithPresentAction("A man walks past the closed shops in Ulby."));
  EXPECT_FALSE(OpensWithPresentAction("An alliance of councils from the north calculates the losses."));
  EXPECT_FALSE(OpensWithPresentAction("A poll conducted by the paper shows the race tightening."));
  EXPECT_FALSE(OpensWithPresentAction("A party aide said comments from the minister were consistent."));
  EXPECT_FALSE(OpensWithPresentAction("A new report shows the economy shrinking."));
}

TEST(ProseMarksTest, PrepositionsQuantifiersAndSpeakersAreNoSubject) {
  EXPECT_FALSE(OpensWithPresentAction("For ferry owners on the coast, the new tax comes at a bad time."));
  EXPECT_FALSE(OpensWithPresentAction("Some farmers in the valley said the rain came too late."));
  EXPECT_FALSE(OpensWithPresentAction("In Harbour politics, the post of mayor proves difficult."));
  EXPECT_FALSE(OpensWithPresentAction("HOST: You guys, back in March, when the debate began ..."));
  EXPECT_TRUE(OpensWithPresentAction("Farmer Ida Lund walks past her flooded field in Ostby."));
}

TEST(ProseMarksTest, APluralNounBeforeAPrepositionIsNoVerbWhenAFiniteVerbFollows) {
  EXPECT_FALSE(OpensWithPresentAction("Harbour leaders in the council have made the ferry a priority."));
  EXPECT_FALSE(OpensWithPresentAction("Ticket prices on the ferry range from 5 to 9 euros."));
  EXPECT_TRUE(OpensWithPresentAction("Harbour master Ida Voss waves at the first ferry of the season."));
  EXPECT_TRUE(OpensWithPresentAction("Wren Addley is seen at the harbour on Monday."));
}

TEST(ProseMarksTest, DecksAndLedesUnderTheHeadlineAreNoPicture) {
  EXPECT_FALSE(DescribesAPicture("The opening of the harbour debate could not have gone worse."));
  EXPECT_FALSE(DescribesAPicture("A judge in Marlby ruled on Monday that the ferry must stop."));
  EXPECT_FALSE(DescribesAPicture("Amid anger at the port, she's seen as part of the problem."));
  // A subordinate clause may tell of the past: the picture is still described.
  EXPECT_TRUE(DescribesAPicture("Passengers wait on the quay after the morning ferry was cancelled."));
}

}  // namespace
}  // namespace copydesk::stages::captions
