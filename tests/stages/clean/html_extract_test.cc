#include "stages/clean/html_extract.h"

#include <gtest/gtest.h>

#include "stages/text/utf8.h"

namespace copydesk::embedded {
std::string_view clean_html_chrome();
}  // namespace copydesk::embedded

namespace copydesk::stages::clean {
namespace {

const HtmlExtractor& Extractor() {
  static const std::shared_ptr<const HtmlExtractor> extractor =
      HtmlExtractor::Create(embedded::clean_html_chrome()).value();
  return *extractor;
}

std::vector<std::string> Texts(const HtmlArticle& article) {
  std::vector<std::string> texts;
  for (const HtmlBlock& b : article.blocks) texts.push_back(b.text);
  return texts;
}

const char kPage[] = R"(<!doctype html><html><head><title>Harbour plan | Example News</title>
<meta property="og:title" content="Harbour plan approved"><script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="sidebar-widget"><p>Most popular stories of the week, chosen for you by our editors.</p></div>
<article><h1>Harbour plan approved</h1>
<div class="story-body">
<p>The council approved the harbour plan on Tuesday, after a long debate, a close vote and a recount.</p>
<figure><img src="a.jpg"><figcaption>Boats in the harbour at dawn. <span class="credit">Jane Roe/Example</span></figcaption></figure>
<p>Work on the new quay will start in the spring, the mayor said, and should end within two years.</p>
<!-- a comment that is not text -->
<p>Residents, who had asked for a second meeting, welcomed the decision, though some still worry about noise.</p>
<ul class="links"><li><a href="/a">Ferry fares to rise</a></li><li><a href="/b">New bridge opens</a></li></ul>
</div></article>
<footer><p>Copyright Example News, all rights reserved, and more footer text here.</p></footer>
</body></html>)";

TEST(HtmlExtractTest, FindsTheArticleAndDropsChrome) {
  HtmlArticle article = Extractor().Extract(kPage).value();
  EXPECT_EQ(article.title, "Harbour plan approved");
  std::vector<std::string> texts = Texts(article);
  ASSERT_GE(texts.size(), 3u);
  EXPECT_EQ(texts[0], "The council approved the harbour plan on Tuesday, after a long debate, a close vote and a recount.");
  EXPECT_EQ(texts[1], "Work on the new quay will start in the spring, the mayor said, and should end within two years.");
  for (const std::string& t : texts) {
    EXPECT_EQ(t.find("Home"), std::string::npos) << t;
    EXPECT_EQ(t.find("not text"), std::string::npos) << t;
    EXPECT_EQ(t.find("Most popular"), std::string::npos) << t;
    EXPECT_EQ(t.find("footer text"), std::string::npos) << t;
    EXPECT_EQ(t.find("Boats in the harbour"), std::string::npos) << t;
  }
  EXPECT_GT(article.elements_dropped, 0u);
}

TEST(HtmlExtractTest, FiguresBecomeCaptionCandidatesWithTheirPosition) {
  HtmlArticle article = Extractor().Extract(kPage).value();
  ASSERT_EQ(article.figures.size(), 1u);
  EXPECT_NE(article.figures[0].text.find("Boats in the harbour at dawn."), std::string::npos);
  EXPECT_EQ(article.figures[0].text.find("Jane Roe"), std::string::npos);
  EXPECT_EQ(article.figures[0].credit, "Jane Roe/Example");
  EXPECT_EQ(article.figures[0].position, 1u);
}

TEST(HtmlExtractTest, LinkListsCarryTheirLinkDensity) {
  HtmlArticle article = Extractor().Extract(kPage).value();
  bool found = false;
  for (const HtmlBlock& b : article.blocks) {
    if (b.text.find("Ferry fares") != std::string::npos) {
      found = true;
      EXPECT_GT(b.link_density, 0.9);
    }
  }
  EXPECT_TRUE(found);
}

TEST(HtmlExtractTest, TitleFallsBackToOgTitleThenTitle) {
  EXPECT_EQ(Extractor().Extract("<head><meta property=og:title content=\"From og\"><title>T</title></head><p>x</p>")
                .value().title, "From og");
  EXPECT_EQ(Extractor().Extract("<title>Only title</title><p>x</p>").value().title, "Only title");
}

TEST(HtmlExtractTest, DeepNestingWorksUpToTheLimitAndFailsBeyondIt) {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  deep += "<p>Deep text that is long enough to be scored as a paragraph of prose.";
  StatusOr<HtmlArticle> article = Extractor().Extract(deep);
  ASSERT_TRUE(article.ok());
  ASSERT_EQ(article->blocks.size(), 1u);
  EXPECT_EQ(article->blocks[0].text, "Deep text that is long enough to be scored as a paragraph of prose.");
  std::string deeper;
  for (int i = 0; i < 10000; ++i) deeper += "<span>";
  StatusOr<HtmlArticle> failed = Extractor().Extract(deeper);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().detail().find("deep"), std::string::npos);
}

TEST(HtmlExtractTest, NestingDepthIgnoresElementsHtmlClosesItself) {
  EXPECT_EQ(NestingDepth("<div><p>a<p>b<ul><li>c<li>d</ul><br><img src=x></div>"), 2u);
  EXPECT_EQ(NestingDepth("<div><div/><span></span></div>"), 2u);
}

TEST(HtmlExtractTest, UnterminatedMarkupStillGivesText) {
  StatusOr<HtmlArticle> article = Extractor().Extract("<p>open <b>bold <a href='x");
  ASSERT_TRUE(article.ok());
  ASSERT_EQ(article->blocks.size(), 1u);
  EXPECT_EQ(article->blocks[0].text, "open bold ");
}

TEST(HtmlExtractTest, StripRawTextEmptiesScriptsAndStylesAndDropsComments) {
  size_t stripped = 0;
  EXPECT_EQ(StripRawText("<p>a</p><SCRIPT type=x>if (a < b) { x = '</p>'; }</script ><!-- c --><style>p{}</style>"
                         "<scripts>kept</scripts>",
                         &stripped),
            "<p>a</p><SCRIPT type=x></script ><style></style><scripts>kept</scripts>");
  EXPECT_EQ(stripped, 3u);
  stripped = 0;
  EXPECT_EQ(StripRawText("<p>a<script>never closed", &stripped), "<p>a<script>");
  EXPECT_EQ(StripRawText("<!-- never closed", &stripped), "");
}

TEST(HtmlExtractTest, ArticleWrappedInAChromeLookingClassOrAFormIsStillFound) {
  std::string paragraph = "<p>The harbour council approved the plan on Tuesday, after a long debate, a close vote, "
                          "a recount and a second debate that ran well past midnight.</p>";
  std::string body;
  for (int i = 0; i < 6; ++i) body += paragraph;
  for (std::string wrapper : {"<div class='layout with-sidebar'>", "<form action=/x>"}) {
    HtmlArticle article = Extractor().Extract("<body>" + wrapper + "<div>" + body + "</div></div></body>").value();
    EXPECT_EQ(article.blocks.size(), 6u) << wrapper;
  }
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

bool HasBlockWith(const HtmlArticle& article, std::string_view needle) {
  for (const HtmlBlock& b : article.blocks) {
    if (b.text.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string Prose(std::string_view topic, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "<p>The " + std::string(topic) + " report, number " + std::to_string(i) +
           ", says the tide tables, the dredging plan and the ferry timetable all changed this year.</p>";
  }
  return out;
}

TEST(HtmlExtractTest, BodySplitIntoTemplateChunksBetweenAdRowsIsTakenWhole) {
  // A magazine layout: each chunk of the story sits in its own grid row, with an ad rail beside it.
  std::string page = "<body><h1>Tides</h1><div class='story-chunks'>";
  for (std::string_view topic : {"first", "second", "third"}) {
    page += "<div class='row'><div class='row-item story-text wide'>" + Prose(topic, 4) +
            "</div><div class='row-item rail'><div class='ad-slot'></div></div></div>";
  }
  page += "</div><div class='row-item promo'><p>Subscribe today.</p></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The first report, number 0"));
  EXPECT_TRUE(HasBlockWith(article, "The second report, number 3"));
  EXPECT_TRUE(HasBlockWith(article, "The third report, number 2"));
  EXPECT_FALSE(HasBlockWith(article, "Subscribe"));
}

TEST(HtmlExtractTest, ChunksMayDifferInModifierClasses) {
  // A newspaper template: the first chunk carries a "lead" modifier the others lack.
  std::string page = "<body><h1>Harbour</h1><article><div class='body-text lead'><div class='inner'>" +
                     Prose("opening", 2) + "</div></div><div class='inline-ad'></div><div class='body-text'>" +
                     "<div class='inner'>" + Prose("main", 6) + "</div></div></article>" +
                     "<div class='inner'><p>Cookie settings and privacy choices for this site.</p></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The opening report, number 1"));
  EXPECT_TRUE(HasBlockWith(article, "The main report, number 5"));
  EXPECT_FALSE(HasBlockWith(article, "Cookie settings"));
}

TEST(HtmlExtractTest, AClassOnEveryWidgetOfAPageBuilderJoinsNothing) {
  // A page builder wraps every widget, prose or not, in the same class: that names no template.
  std::string page = "<body><h1>Ferries</h1><div class='widget-box'>" + Prose("ferry", 6) + "</div>";
  for (int i = 0; i < 5; ++i) page += "<div class='widget-box'><img src='x.png'></div>";
  page += "<div class='widget-box'><p>Our founder writes about ferries, tides, harbours and the sea, "
          "and speaks at conferences every spring.</p></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The ferry report, number 5"));
  EXPECT_FALSE(HasBlockWith(article, "Our founder"));
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

TEST(HtmlExtractTest, ParagraphSiblingsOfTheBodyContainerAreProse) {
  // A broadcaster's layout: the lead paragraph and a late one stand in their own wrappers beside the
  // container that holds the rest; a byline and a link stand there too.
  std::string page =
      "<body><h1>Storm</h1><section class='story'><div class='byline'>By Ann Other, Weather Desk</div>"
      "<div class='para'>A storm that formed over the bay on Sunday night flooded two streets near the old "
      "market, the coast guard said.</div><div class='read-all'>" +
      Prose("storm", 6) +
      "</div><p>Forecasters expect calmer weather by Thursday, though gusts may still reach sixty "
      "kilometres an hour on the headland.</p><p><a href='/more'>More weather coverage from the coast</a></p>"
      "</section></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "A storm that formed over the bay"));
  EXPECT_TRUE(HasBlockWith(article, "Forecasters expect calmer weather"));
  EXPECT_TRUE(HasBlockWith(article, "The storm report, number 5"));
  EXPECT_FALSE(HasBlockWith(article, "By Ann Other"));
  EXPECT_FALSE(HasBlockWith(article, "More weather coverage"));
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

TEST(HtmlExtractTest, HoverCardsInsideASentenceAreDropped) {
  // A political site: a senator's name opens a card with a portrait and her latest headlines.
  std::string card =
      "<span class='person'><a href='/people/jo-marsh'>Jo Marsh</a><span class='person-card'><img src='jo.jpg'>"
      "<a href='/people/jo-marsh'>Jo Marsh</a><a href='/a'>Marsh backs the new ferry levy</a> "
      "<a href='/b'>Senate panel delays harbour vote</a></span></span>";
  std::string page = "<body><h1>Levy</h1><div class='story'><p>The levy was proposed by Sen. " + card +
                     " (D-Bay), who said the ferries had run at a loss for six years in a row.</p>" + Prose("levy", 5) +
                     "</div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  ASSERT_FALSE(article.blocks.empty());
  EXPECT_EQ(text::CollapseWhitespace(article.blocks[0].text),
            "The levy was proposed by Sen. Jo Marsh (D-Bay), who said the ferries had run at a loss for six years "
            "in a row.");
}

TEST(HtmlExtractTest, AnInlinePictureWithACreditLinkStaysInItsSentence) {
  // Not a hover card: one link beside the picture, and the words around it are prose.
  std::string page = "<body><h1>Dunes</h1><div class='story'><p>The dunes moved <span><img src='d.jpg'> "
                     "<a href='/photo'>pictured</a> here</span> by two metres last winter, the survey found.</p>" +
                     Prose("dune", 5) + "</div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  ASSERT_FALSE(article.blocks.empty());
  EXPECT_NE(article.blocks[0].text.find("pictured"), std::string::npos);
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

TEST(HtmlExtractTest, TeaserArticlesNestedInAListingAreNotTheStory) {
  // A blog theme: the post (long enough to stand as an article), then a "you may also like" <article>
  // holding one <article> per teaser, each with a paragraph of its own; together they outweigh the post.
  std::string page = "<body><div id='main'><article class='post'><h1>Dunes</h1><p>The dunes north of the harbour "
                     "moved two metres inland last winter, the survey found, and the path along them, which the "
                     "council rebuilt in the spring, is buried again under drifts of sand, wrack and broken "
                     "fencing from the old car park.</p><p>Volunteers will plant marram grass in March.</p><p>The survey, "
                     "paid for by the harbour trust, will be repeated every autumn for five years, so that the "
                     "council can see whether the new fences hold the sand where the old ones did not, and whether the "
                     "grass takes root before the first of the winter storms.</p></article>"
                     "<article class='post related'><h3>You may also like</h3>";
  for (int i = 0; i < 5; ++i) {
    page += "<article class='post teaser'><h2><a href='/t" + std::to_string(i) + "'>Teaser " + std::to_string(i) +
            "</a></h2><p>Another story, number " + std::to_string(i) +
            ", about the tides, the wind, the ferries, the beaches and the weather this week.</p></article>";
  }
  page += "</article></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The dunes north of the harbour"));
  EXPECT_TRUE(HasBlockWith(article, "Volunteers will plant"));
  EXPECT_FALSE(HasBlockWith(article, "Another story"));
}

TEST(HtmlExtractTest, AStoryInsideANestedArticleIsStillFound) {
  // A news site that wraps the whole page in an <article> and the story in another, with an editor's
  // note beside it long enough to pass for an article if the story were left out of the first pass.
  std::string page = "<body><article class='page'><header>Site</header><div class='note'>" + Prose("editor", 6) +
                     "</div><article class='story'><h1>Tides</h1>" + Prose("tide", 12) + "</article></article></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The tide report, number 0"));
  EXPECT_TRUE(HasBlockWith(article, "The tide report, number 11"));
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

TEST(HtmlExtractTest, ProseSpreadOverALegacyTableLayoutIsFoundByTheRecallPass) {
  // An old regional paper: every paragraph in a table of its own, several levels down, so that no
  // container holds more than one of them; a menu row and a tag row stand among them.
  std::string page = "<body><h1>Regatta</h1><table><tr><td><a href='/'>Home</a> | <a href='/n'>News</a> | "
                     "<a href='/s'>Sport</a></td></tr></table>";
  for (int i = 0; i < 5; ++i) {
    page += "<table><tr><td><table><tr><td><font><p>The regatta, held for the " + std::to_string(40 + i) +
            "th time this summer, drew crews from four harbours along the coast and a crowd of several "
            "thousand to the sea wall.</p></font></td></tr></table></td></tr></table>";
  }
  page += "<table><tr><td><p><a href='/t/a'>sailing</a> <a href='/t/b'>harbour</a> <a href='/t/c'>summer</a> "
          "<a href='/t/d'>crowds</a></p></td></tr></table></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "held for the 40th time"));
  EXPECT_TRUE(HasBlockWith(article, "held for the 44th time"));
  EXPECT_FALSE(HasBlockWith(article, "Sport"));
  EXPECT_FALSE(HasBlockWith(article, "sailing"));
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

TEST(HtmlExtractTest, AMoreStoriesListAtTheFootOfTheStoryGoesWithItsHeading) {
  // A technology magazine: after the last paragraph, a heading and a list whose items are teasers with
  // only their second half linked.
  std::string page = "<body><h1>Drones</h1><div class='body'>" + Prose("drone", 5) +
                     "<div class='heading-3'>More From the Lab</div><ul>"
                     "<li>Why gulls follow ferries, <a href='/g'>and what they want</a></li>"
                     "<li>The quiet return <a href='/o'>of the otters</a></li>"
                     "<li>Tide clocks, <a href='/t'>explained</a></li></ul></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The drone report, number 4"));
  EXPECT_FALSE(HasBlockWith(article, "More From the Lab"));
  EXPECT_FALSE(HasBlockWith(article, "gulls"));
  EXPECT_FALSE(HasBlockWith(article, "otters"));
}

TEST(HtmlExtractTest, AListInTheStoryWithALinkPerItemStays) {
  // A council report: each point cites its source with a short link; the points are the story.
  std::string page = "<body><h1>Budget</h1><div class='body'>" + Prose("budget", 4) +
                     "<p>The plan has three parts:</p><ul>"
                     "<li>A new ferry berth on the east quay, paid for by the port and the region over ten years "
                     "(<a href='/1'>plan</a>)</li>"
                     "<li>Dredging of the outer channel every second winter, starting next year, to keep it open "
                     "for the larger boats (<a href='/2'>survey</a>)</li>"
                     "<li>A levy of two euros on every car ticket, to be reviewed after three years of operation "
                     "(<a href='/3'>levy</a>)</li></ul></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The plan has three parts:"));
  EXPECT_TRUE(HasBlockWith(article, "A new ferry berth"));
  EXPECT_TRUE(HasBlockWith(article, "A levy of two euros"));
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

std::string Slide(int i) {
  return "<figure><img src='s" + std::to_string(i) + ".jpg'><figcaption>Slide " + std::to_string(i) +
         ": the lifeboat crew brings the trawler's skipper ashore at dawn, after six hours on the water in a "
         "force nine gale. <span class='credit'>Ann Other/Coast Photos</span></figcaption></figure>";
}

TEST(HtmlExtractTest, AGalleryTellsItsStoryInItsCaptions) {
  // A picture desk's slide show: a one-line intro, then the slides.
  std::string page = "<body><h1>Rescue</h1><div class='gallery'><p>The night of the rescue, in pictures.</p>";
  for (int i = 1; i <= 4; ++i) page += Slide(i);
  page += "</div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The night of the rescue"));
  EXPECT_TRUE(HasBlockWith(article, "Slide 1: the lifeboat crew"));
  EXPECT_TRUE(HasBlockWith(article, "Slide 4: the lifeboat crew"));
  EXPECT_FALSE(HasBlockWith(article, "Ann Other"));
  EXPECT_TRUE(article.figures.empty());
}

TEST(HtmlExtractTest, PicturesThatIllustrateAStoryStayCaptions) {
  std::string page = "<body><h1>Rescue</h1><div class='story'>" + Prose("rescue", 8);
  for (int i = 1; i <= 3; ++i) page += Slide(i);
  page += "</div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_FALSE(HasBlockWith(article, "Slide 1"));
  EXPECT_EQ(article.figures.size(), 3u);
}

}  // namespace
}  // namespace copydesk::stages::clean

namespace copydesk::stages::clean {
namespace {

std::string Card(int i, int extra_words) {
  std::string words;
  for (int k = 0; k < extra_words; ++k) words += " and more about the harbour";
  return "<div class='card'><a href='/c" + std::to_string(i) + "'><img src='c" + std::to_string(i) +
         ".jpg'></a><div class='card-title'><a href='/c" + std::to_string(i) + "'>Harbour story " +
         std::to_string(i) + "</a></div><div class='card-text'>A short line about the quay" + words + ".</div></div>";
}

TEST(HtmlExtractTest, AGridOfTeaserCardsInsideTheStoryIsDropped) {
  // A health site: after the story, inside its container, a grid of cards with linked thumbnails.
  std::string page = "<body><h1>Quay</h1><div class='main'>" + Prose("quay", 6) + "<div class='grid'>";
  for (int i = 0; i < 4; ++i) page += Card(i, 0);
  page += "</div></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "The quay report, number 5"));
  EXPECT_FALSE(HasBlockWith(article, "Harbour story"));
  EXPECT_FALSE(HasBlockWith(article, "A short line"));
}

TEST(HtmlExtractTest, AListicleWhoseItemsLinkTheirPicturesKeepsItsItems) {
  // Items with a linked picture but a paragraph of their own are the story, not teasers.
  std::string page = "<body><h1>Quays</h1><div class='main'>" + Prose("quay", 2) + "<div class='grid'>";
  for (int i = 0; i < 4; ++i) page += Card(i, 8);
  page += "</div></div></body>";
  HtmlArticle article = Extractor().Extract(page).value();
  EXPECT_TRUE(HasBlockWith(article, "Harbour story 3"));
  EXPECT_TRUE(HasBlockWith(article, "A short line about the quay and more"));
}

}  // namespace
}  // namespace copydesk::stages::clean
