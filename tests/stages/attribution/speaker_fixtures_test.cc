// Runs the attribution stage on every invented article of speaker_fixtures.txt (its header gives the
// format) and checks each expected speaker: canonical name, mention at the quote, kind. Articles marked
// "~" are known failures: reported, and asserted to fail still, so the file can hold the shapes the stage
// does not read yet without breaking the build, and a fix that makes one pass is noticed.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "stages/attribution/attribution_stage.h"

namespace copydesk::stages {
namespace {

struct Expectation {
  std::string fragment, name, mention, kind;
};

struct Fixture {
  std::string id;
  std::vector<std::string> paragraphs;
  std::vector<Expectation> expected;
  std::vector<std::string> forbidden;
  std::string known_failure;
};

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

std::vector<Fixture> LoadFixtures() {
  std::ifstream in(std::string(COPYDESK_SOURCE_DIR) + "/tests/stages/attribution/speaker_fixtures.txt");
  std::vector<Fixture> fixtures;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("== ", 0) == 0) {
      fixtures.push_back(Fixture{Trim(line.substr(3)), {}, {}, {}, {}});
      continue;
    }
    if (fixtures.empty()) continue;
    Fixture& f = fixtures.back();
    if (line.rfind("@ ", 0) == 0) {
      size_t arrow = line.find(" => ");
      std::string rest = line.substr(arrow + 4);
      size_t bar1 = rest.find(" | "), bar2 = rest.find(" | ", bar1 + 3);
      f.expected.push_back(Expectation{Trim(line.substr(2, arrow - 2)), Trim(rest.substr(0, bar1)),
                                       Trim(rest.substr(bar1 + 3, bar2 - bar1 - 3)), Trim(rest.substr(bar2 + 3))});
    } else if (line.rfind("! ", 0) == 0) {
      f.forbidden.push_back(Trim(line.substr(2)));
    } else if (line.rfind("~ ", 0) == 0) {
      f.known_failure = Trim(line.substr(2));
    } else {
      f.paragraphs.push_back(line);
    }
  }
  return fixtures;
}

v1::EnrichedArticle RunStage(const Fixture& f) {
  StatusOr<StageOptions> options = StageOptions::Validate("attribution", AttributionStageDescriptor().keys, {});
  auto stage = AttributionStageDescriptor().factory(options.value());
  v1::EnrichedArticle out;
  for (const std::string& p : f.paragraphs) out.add_paragraphs()->set_text(p);
  v1::RawArticle raw;
  Article article{raw, out, {}};
  (void)stage.value()->Transform(article);
  return out;
}

// Empty when the expectation holds, else what went wrong. The mention is matched as contained in the
// stage's mention, case-insensitively: "Its secretary, Fergal Quinn" and "Fergal Quinn" both name him.
std::string Check(const v1::EnrichedArticle& out, const Expectation& e) {
  for (const v1::Quote& q : out.quotes()) {
    if (q.text().find(e.fragment) == std::string::npos) continue;
    const v1::Speaker& s = q.speaker();
    std::string kind = v1::Speaker::Kind_Name(s.kind());
    if (s.name() == e.name && Lower(s.mention()).find(Lower(e.mention)) != std::string::npos && kind == e.kind)
      return {};
    return "\"" + e.fragment + "\": got name=\"" + s.name() + "\" mention=\"" + s.mention() + "\" kind=" + kind +
           " cue=\"" + q.cue() + "\"; want name=\"" + e.name + "\" mention=\"" + e.mention + "\" kind=" + e.kind;
  }
  return "\"" + e.fragment + "\": no quote holds it";
}

TEST(SpeakerFixturesTest, EveryInventedArticleResolvesItsSpeakers) {
  std::vector<Fixture> fixtures = LoadFixtures();
  ASSERT_GE(fixtures.size(), 30u);
  size_t checks = 0, passed = 0, articles_passed = 0, known = 0;
  for (const Fixture& f : fixtures) {
    v1::EnrichedArticle out = RunStage(f);
    std::vector<std::string> failures;
    for (const Expectation& e : f.expected) {
      ++checks;
      std::string why = Check(out, e);
      if (why.empty()) {
        ++passed;
      } else {
        failures.push_back(why);
      }
    }
    for (const std::string& fragment : f.forbidden) {
      ++checks;
      bool found = false;
      for (const v1::Quote& q : out.quotes()) found = found || q.text().find(fragment) != std::string::npos;
      if (found) {
        failures.push_back("\"" + fragment + "\" must not be a quote");
      } else {
        ++passed;
      }
    }
    if (failures.empty()) ++articles_passed;
    if (!f.known_failure.empty()) {
      ++known;
      for (const std::string& why : failures) std::cout << "[known: " << f.known_failure << "] " << f.id << ": " << why << "\n";
      // Asserted to fail still, so that the day it passes the mark is noticed and removed.
      EXPECT_FALSE(failures.empty()) << f.id << " is marked known (" << f.known_failure << ") but now passes";
      continue;
    }
    for (const std::string& why : failures) ADD_FAILURE() << f.id << ": " << why;
  }
  std::cout << "speaker fixtures: " << fixtures.size() << " articles (" << known << " known failures), "
            << articles_passed << " pass in full; " << passed << "/" << checks << " checks pass\n";
}

}  // namespace
}  // namespace copydesk::stages
