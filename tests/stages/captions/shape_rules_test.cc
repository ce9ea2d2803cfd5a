// One test per credit-less rule of kShapeRules: a paragraph it takes and a near miss it leaves. Every
// paragraph below is invented for these tests.
#include "stages/captions/shape_rules.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "caption_fixtures.h"

namespace copydesk::stages::captions {
namespace {

const CreditLexicon& Lexicon() { return captions_test::EmbeddedLexicon(); }

constexpr std::string_view kBody1 =
    "The county council voted on Tuesday to close the old swimming baths at the end of the year, after an "
    "inspection found cracks in the roof that would cost more to repair than the building is worth.";
constexpr std::string_view kBody2 =
    "Swimming clubs that train at the baths will move to the leisure centre in Marlow Cross, which has agreed "
    "to open its pool two hours earlier on weekdays for them.";

// The name of the rule that takes paragraph `at`, or "" when none does.
std::string_view RuleFor(const std::vector<std::string_view>& paragraphs, size_t at, bool shape_rules = true) {
  std::vector<Features> f;
  for (std::string_view p : paragraphs) f.push_back(Measure(p));
  const size_t rule = MatchShapeRule(f, at, Lexicon(), shape_rules);
  return rule == kShapeRules.size() ? std::string_view() : kShapeRules[rule].name;
}

TEST(ShapeRulesTest, CaptionLabel) {
  EXPECT_EQ(RuleFor({kBody1, "Image caption Divers train at the baths in 2019", kBody2}, 1), "caption_label");
  EXPECT_EQ(RuleFor({kBody1, "Caption: The roof of the old baths", kBody2}, 1, false), "caption_label");
  EXPECT_EQ(RuleFor({kBody1, "Above all, the council wants a decision this year.", kBody2}, 1), "");
}

TEST(ShapeRulesTest, CaptionMarker) {
  EXPECT_EQ(RuleFor({kBody1, "Club captain Orla Brisk (left) and coach Ben Tally at the pool.", kBody2}, 1),
            "caption_marker");
  // A quote makes it prose even with a marker word.
  EXPECT_EQ(RuleFor({kBody1, "\"We will miss it,\" said Orla Brisk (left), the club captain.", kBody2}, 1), "");
}

TEST(ShapeRulesTest, LabelColon) {
  EXPECT_EQ(RuleFor({kBody1, "Last lengths: Swimmers warm up before the final gala", kBody2}, 1), "label_colon");
  // A label in capitals is a section head, not a caption's lead-in.
  EXPECT_EQ(RuleFor({kBody1, "TIMETABLE: Swimmers warm up before the final gala", kBody2}, 1), "");
}

TEST(ShapeRulesTest, ShortLine) {
  EXPECT_EQ(RuleFor({kBody1, "The cracked roof of the old baths in Elm Street", kBody2}, 1), "short_line");
  EXPECT_EQ(RuleFor({kBody1, "The cracked roof of the old baths in Elm Street", kBody2}, 1, false), "");
  // A link to more pictures is page chrome.
  EXPECT_EQ(RuleFor({kBody1, "See more pictures of the old baths \xC2\xBB", kBody2}, 1), "");
}

TEST(ShapeRulesTest, PresentAction) {
  EXPECT_EQ(RuleFor({kBody1, "Club coach Ben Tally times a swimmer during the last training session.", kBody2}, 1),
            "present_action");
  // Without body prose on both sides it is not set apart as a caption.
  EXPECT_EQ(RuleFor({kBody1, "Club coach Ben Tally times a swimmer during the last training session.",
                     "Timetable"},
                    1),
            "");
}

TEST(ShapeRulesTest, UnderHeadline) {
  EXPECT_EQ(RuleFor({"Swimmers queue outside the old baths on the last open day.", kBody1, kBody2}, 0),
            "under_headline");
  // A verb of speech tells the story: the lede, not a picture.
  EXPECT_EQ(RuleFor({"Swimmers said the old baths had served the town well.", kBody1, kBody2}, 0), "");
}

TEST(ShapeRulesTest, UnderHeadlineBelowTheByline) {
  EXPECT_EQ(RuleFor({"By Orla Brisk", "Swimmers queue outside the old baths on the last open day.", kBody1}, 1),
            "under_headline");
  // Under a line of prose it is no longer directly under the headline.
  EXPECT_EQ(RuleFor({kBody2, "Swimmers queue outside the old baths on the last open day.", kBody1}, 1), "");
}

TEST(ShapeRulesTest, UnderHeadlineSceneInThePresentOverALedeInThePast) {
  constexpr std::string_view kScene =
      "Swimmers queue outside the old baths on the last open day. Here two brothers from Marlow Cross take "
      "their final dive from the high board.";
  EXPECT_EQ(RuleFor({kScene, kBody1, kBody2}, 0), "under_headline");
  // Over a lede in the present the two sentences may be the story's own opening.
  constexpr std::string_view kPresentLede =
      "The county council is closing the old swimming baths at the end of the year, because cracks in the roof "
      "would cost more to repair than the building is worth.";
  EXPECT_EQ(RuleFor({kScene, kPresentLede, kBody2}, 0), "");
  // One long sentence is a lede, whatever follows.
  EXPECT_EQ(RuleFor({"Swimmers from three towns queue outside the old baths on the last open day before the "
                     "doors close for good after a hundred years.",
                     kBody1, kBody2},
                    0),
            "");
}

TEST(ShapeRulesTest, BeforeDateline) {
  constexpr std::string_view kDateline =
      "MARLOW CROSS, England (AP) \xE2\x80\x94 The county council voted on Tuesday to close the town's old "
      "swimming baths.";
  EXPECT_EQ(RuleFor({"Last Days Of The Baths", "Swimmers queue outside the old baths on the last open day.",
                     kDateline, kBody2},
                    1),
            "before_dateline");
  // A deck above the dateline summarises the story; it shows no picture.
  EXPECT_EQ(RuleFor({"Last Days Of The Baths", "After a century, the town's baths face the end of the line.",
                     kDateline, kBody2},
                    1),
            "");
  EXPECT_EQ(RuleFor({"Swimmers queue outside the old baths on the last open day.", kBody1, kBody2}, 0),
            "under_headline");
}

TEST(ShapeRulesTest, NeverABulletedListItem) {
  EXPECT_EQ(RuleFor({kBody1, "-Club coach Ben Tally times a swimmer during the last training session.", kBody2}, 1),
            "");
}

TEST(ShapeRulesTest, NameOnly) {
  constexpr std::string_view kAbout =
      "Councillor Orla Brisk, who chairs the leisure committee, said the club would keep its Saturday slot "
      "at the new pool.";
  EXPECT_EQ(RuleFor({kBody1, "Orla Brisk", kAbout}, 1), "name_only");
  EXPECT_EQ(RuleFor({"Orla Brisk", kAbout, kBody2}, 0), "name_only");
  // A name the story never mentions is a byline without "By".
  EXPECT_EQ(RuleFor({"Ben Tally", kBody1, kBody2}, 0), "");
  // Under a line that is not prose (a pull quote without its full stop) it is the quote's speaker.
  EXPECT_EQ(RuleFor({kBody1, "We will keep swimming whatever the council decides", "Orla Brisk", kAbout}, 2), "");
  // Named in the story but with prose neither above nor below: a list of names.
  EXPECT_EQ(RuleFor({kAbout, "Orla Brisk", "Ben Tally"}, 1), "");
}

TEST(ShapeRulesTest, PresentActionNeverWithAVerbOfSpeech) {
  EXPECT_EQ(RuleFor({kBody1, "Councillor Orla Brisk holds a lead of ten points, according to the count.", kBody2}, 1),
            "");
}

TEST(ShapeRulesTest, PresentActionTakesAPictureThatShows) {
  EXPECT_EQ(RuleFor({kBody1, "A photo taken from the roof shows the cracks above the deep end.", kBody2}, 1),
            "present_action");
}

TEST(ShapeRulesTest, NeverBylinesTakenParagraphsOrColons) {
  EXPECT_EQ(RuleFor({kBody1, "By Orla Brisk and Ben Tally", kBody2}, 1), "");
  EXPECT_EQ(RuleFor({kBody1, "The pool will close on these dates:", kBody2}, 1), "");
}

}  // namespace
}  // namespace copydesk::stages::captions
