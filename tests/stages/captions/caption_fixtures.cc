#include "caption_fixtures.h"

#include <fstream>
#include <sstream>

namespace copydesk::stages::captions_test {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(Trim(part));
  if (!s.empty() && s.back() == sep) parts.push_back("");
  return parts;
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

std::vector<Fixture> LoadFixtures(const std::string& path) {
  std::vector<Fixture> fixtures;
  std::ifstream in(path);
  std::string line;
  bool in_text = false;
  while (std::getline(in, line)) {
    if (StartsWith(line, "=== ")) {
      fixtures.push_back(Fixture{});
      fixtures.back().id = Trim(line.substr(4));
      in_text = true;
      continue;
    }
    if (fixtures.empty()) continue;  // the file's header comments
    Fixture& f = fixtures.back();
    if (in_text) {
      if (line == "---") {
        in_text = false;
        while (!f.text.empty() && f.text.back() == '\n') f.text.pop_back();
      } else if (f.text.empty() && StartsWith(line, "note: ")) {
        f.note = line.substr(6);
      } else {
        f.text += line + "\n";
      }
      continue;
    }
    if (StartsWith(line, "caption:")) {
      std::vector<std::string> parts = SplitOn(line.substr(8), '|');
      parts.resize(6);
      ExpectedCaption c{parts[0], parts[1], parts[2], {}, parts[4], parts[5]};
      if (!parts[3].empty()) c.photographers = SplitOn(parts[3], ';');
      f.captions.push_back(std::move(c));
    } else if (StartsWith(line, "body:")) {
      f.body.push_back(Trim(line.substr(5)));
    } else if (StartsWith(line, "known:")) {
      f.known = Trim(line.substr(6));
    }
  }
  return fixtures;
}

WordBag Words(const std::string& s) {
  WordBag bag;
  std::string word;
  for (char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (!word.empty()) {
      ++bag[word];
      word.clear();
    }
  }
  if (!word.empty()) ++bag[word];
  return bag;
}

WordBag OutputWords(const v1::EnrichedArticle& out) {
  std::string all = out.title() + "\n";
  for (const v1::Paragraph& p : out.paragraphs()) all += p.text() + "\n";
  // A gallery's shared credit was one line of the input, counted on the caption it stood under.
  for (const v1::Caption& c : out.captions()) {
    all += c.headline() + "\n" + c.text() + "\n" + (c.credit_shared() ? std::string() : c.credit().raw()) + "\n";
  }
  for (const v1::RemovedSpan& r : out.cleaning().removed()) all += r.text() + "\n";
  return Words(all);
}

std::string BagDifference(const WordBag& expected, const WordBag& actual) {
  std::string diff;
  for (const auto& [word, n] : expected) {
    auto it = actual.find(word);
    int have = it == actual.end() ? 0 : it->second;
    if (have < n) diff += " -" + word + "x" + std::to_string(n - have);
  }
  for (const auto& [word, n] : actual) {
    auto it = expected.find(word);
    int want = it == expected.end() ? 0 : it->second;
    if (want < n) diff += " +" + word + "x" + std::to_string(n - want);
  }
  return diff;
}

const captions::CreditLexicon& EmbeddedLexicon() {
  static const captions::CreditLexicon lexicon = captions::CreditLexicon::FromEmbeddedData().value();
  return lexicon;
}

}  // namespace copydesk::stages::captions_test
