// Test helpers shared by the fixture and corpus tests of the captions stage: the fixture file reader,
// the clean -> captions chain, and the word multiset that proves no body text is lost.
//
// Contract
// - LoadFixtures(path): every fixture of tests/stages/captions/fixtures.txt (format described at the top of
//   that file), in file order; an unreadable file yields none.
// - Words(s): the ASCII letter-and-digit runs of `s`, lower-cased, as a multiset. Non-ASCII bytes split words
//   on both sides alike, so repairs that only change such bytes do not change the multiset.
// - OutputWords(out): title, body paragraphs, caption headlines, texts and credits, and every span the chain
//   reported removed: everything the article's words may have gone to.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "copydesk/v1/enriched_article.pb.h"
#include "stages/captions/credit_lexicon.h"

namespace copydesk::stages::captions_test {

struct ExpectedCaption {
  std::string headline;
  std::string text;
  std::string credit;
  std::vector<std::string> photographers;
  std::string agency;
  std::string distributor;
};

struct Fixture {
  std::string id;
  std::string note;
  std::string text;
  std::vector<ExpectedCaption> captions;
  std::vector<std::string> body;  // paragraphs that must stay in the body
  std::string known;              // non-empty: a known failure, with the reason
};

std::vector<Fixture> LoadFixtures(const std::string& path);

// The stage's own lexicon (agencies.tsv, credit_words.tsv), loaded once for every unit test.
const captions::CreditLexicon& EmbeddedLexicon();
// GoogleTest names a fixture by its id rather than dumping its bytes.
inline void PrintTo(const Fixture& f, std::ostream* os) { *os << f.id; }

using WordBag = std::map<std::string, int>;
WordBag Words(const std::string& s);
WordBag OutputWords(const v1::EnrichedArticle& out);
// Human-readable difference "+word -word" between two bags (empty when equal).
std::string BagDifference(const WordBag& expected, const WordBag& actual);

}  // namespace copydesk::stages::captions_test
