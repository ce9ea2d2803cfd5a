// The dev corpora under ../shared/corpus are third-party texts licensed for evaluation only: none of their
// text may be copied into the project. This test reads every dev corpus text (articles' title, text and
// html; every string of gold.jsonl and mojibake.jsonl), and fails when any run of kRun consecutive words
// of it stands in a file under stages/, worker/, tests/ or tools/. A short run ("said on Tuesday") is
// anyone's English; eight words in the same order are a copy.
//
// Words are lower-cased runs of letters and digits (any non-ASCII code point outside the Latin-1 and
// General Punctuation symbol blocks counts as a letter, so curly quotes and dashes separate words the way
// ASCII punctuation does). HTML tags are dropped from corpus pages before the words are taken, so that
// markup common to every page ("div class") does not count as text. Runs are kept as 64-bit hashes in
// one flat hash set: the corpora hold a few million runs and the check must stay within seconds.
//
// Skips when ../shared/corpus is absent (a checkout without the evaluation data).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk {
namespace {

namespace fs = std::filesystem;

constexpr size_t kRun = 8;

// Repo folders scanned, relative to the source root.
constexpr std::array<std::string_view, 4> kScannedFolders = {"stages", "worker", "tests", "tools"};

// Files allowed to hold corpus runs, relative to the source root. Keep this list short; each entry says
// why it may.
constexpr std::array<std::string_view, 1> kExcluded = {
    // Pattern table of standard notices (agency copyright lines and their no-republication notices,
    // cookie banners): the cleaning stage must match them word for word, and they are the publishers'
    // boilerplate, not article text.
    "stages/clean/boilerplate.tsv",
};

struct Word {
  std::string text;
  size_t line;  // 1-based line of the word's first byte
};

// Code point of the UTF-8 sequence at s[i] (advancing i past it), or U+FFFD for a bad byte.
uint32_t DecodeUtf8(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x3F >> (len - 1));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Symbols and punctuation outside ASCII that separate words: Latin-1 punctuation (no-break space, «, »,
// ©, ...), × and ÷, and the General Punctuation block (dashes, curly quotes, ellipsis).
bool IsSeparatorCodePoint(uint32_t cp) {
  return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         cp == 0xFFFD;
}

// Splits `text` into lower-cased words. With `code`, a backslash and the letter after it (a C++ or JSON
// escape such as \n) separate words, so a string literal's "\nword" yields "word".
void AppendWords(std::string_view text, bool code, std::vector<Word>& out) {
  std::string word;
  size_t line = 1;
  size_t word_line = 1;
  auto flush = [&] {
    if (!word.empty()) out.push_back({std::move(word), word_line});
    word.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) {
        if (word.empty()) word_line = line;
        word += static_cast<char>(std::tolower(c));
      } else {
        flush();
        if (c == '\n') ++line;
        if (code && c == '\\' && i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
          ++i;
        }
      }
      ++i;
      continue;
    }
    size_t start = i;
    uint32_t cp = DecodeUtf8(text, i);
    if (IsSeparatorCodePoint(cp)) {
      flush();
    } else {
      if (word.empty()) word_line = line;
      word.append(text.substr(start, i - start));
    }
  }
  flush();
}

// Drops everything between '<' and '>' (tags, comments), keeping a space so words on either side stay
// apart.
std::string StripTags(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
      out += ' ';
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag) {
      out += c;
    }
  }
  return out;
}

uint64_t HashWord(std::string_view word) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// Hash of words[begin, begin + kRun).
uint64_t HashRun(const std::vector<uint64_t>& word_hashes, size_t begin) {
  uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (size_t k = 0; k < kRun; ++k) h = (h ^ word_hashes[begin + k]) * 0xFF51AFD7ED558CCDULL + k;
  return h ^ (h >> 29);
}

// Open addressing, linear probing, power-of-two capacity; 0 marks an empty slot (a run hashing to 0 is
// stored as 1: one more collision in 2^64).
class RunSet {
 public:
  void Insert(uint64_t h) {
    if (h == 0) h = 1;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    if (Place(slots_, h)) ++size_;
  }
  bool Contains(uint64_t h) const {
    if (h == 0) h = 1;
    if (slots_.empty()) return false;
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }
  size_t size() const { return size_; }

 private:
  static bool Place(std::vector<uint64_t>& slots, uint64_t h) {
    for (size_t i = h & (slots.size() - 1);; i = (i + 1) & (slots.size() - 1)) {
      if (slots[i] == h) return false;
      if (slots[i] == 0) {
        slots[i] = h;
        return true;
      }
    }
  }
  void Grow() {
    std::vector<uint64_t> bigger(slots_.empty() ? (1u << 20) : slots_.size() * 2, 0);
    for (uint64_t h : slots_) {
      if (h != 0) Place(bigger, h);
    }
    slots_.swap(bigger);
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

std::vector<uint64_t> WordHashes(const std::vector<Word>& words) {
  std::vector<uint64_t> hashes;
  hashes.reserve(words.size());
  for (const Word& w : words) hashes.push_back(HashWord(w.text));
  return hashes;
}

void AddRuns(std::string_view text, RunSet& runs) {
  std::vector<Word> words;
  AppendWords(text, /*code=*/false, words);
  if (words.size() < kRun) return;
  std::vector<uint64_t> hashes = WordHashes(words);
  for (size_t i = 0; i + kRun <= hashes.size(); ++i) runs.Insert(HashRun(hashes, i));
}

// Every string value in a JSON value (object values, array elements), depth first.
void CollectStrings(const google::protobuf::Value& value, std::vector<std::string>& out) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kStringValue:
      out.push_back(value.string_value());
      break;
    case google::protobuf::Value::kListValue:
      for (const auto& v : value.list_value().values()) CollectStrings(v, out);
      break;
    case google::protobuf::Value::kStructValue:
      for (const auto& [key, v] : value.struct_value().fields()) CollectStrings(v, out);
      break;
    default:
      break;
  }
}

// Adds the runs of one JSON-lines corpus file. articles.jsonl: the title, text and html fields (ids, urls
// and publisher names are not prose); other files: every string.
void AddCorpusFile(const fs::path& path, RunSet& runs) {
  const bool articles = path.filename() == "articles.jsonl";
  std::ifstream in(path);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    google::protobuf::Struct record;
    auto status = google::protobuf::util::JsonStringToMessage(line, &record);
    ASSERT_TRUE(status.ok()) << path << ":" << number << ": " << status.message();
    const auto& fields = record.fields();
    if (articles) {
      for (const char* key : {"title", "text"}) {
        auto it = fields.find(key);
        if (it != fields.end()) AddRuns(it->second.string_value(), runs);
      }
      auto html = fields.find("html");
      if (html != fields.end()) AddRuns(StripTags(html->second.string_value()), runs);
      continue;
    }
    std::vector<std::string> strings;
    for (const auto& [key, value] : fields) {
      if (key != "id") CollectStrings(value, strings);
    }
    for (const std::string& s : strings) AddRuns(s, runs);
  }
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool IsExcluded(const std::string& relative) {
  return std::find(kExcluded.begin(), kExcluded.end(), relative) != kExcluded.end();
}

TEST(NoCorpusTextTest, NoEightWordRunOfTheDevCorporaStandsInTheRepo) {
  const fs::path root = fs::path(COPYDESK_SOURCE_DIR);
  const fs::path corpus = root / ".." / "shared" / "corpus";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no corpus at " << corpus;

  RunSet runs;
  size_t corpus_files = 0;
  for (const auto& set : fs::directory_iterator(corpus)) {
    const fs::path dev = set.path() / "dev";
    if (!fs::is_directory(dev)) continue;
    for (const char* name : {"articles.jsonl", "gold.jsonl", "mojibake.jsonl"}) {
      if (!fs::exists(dev / name)) continue;
      AddCorpusFile(dev / name, runs);
      ++corpus_files;
    }
  }
  ASSERT_GT(corpus_files, 0u) << "no dev corpus files under " << corpus;
  ASSERT_GT(runs.size(), 0u);

  size_t hits = 0;
  size_t scanned = 0;
  std::ostringstream report;
  for (std::string_view folder : kScannedFolders) {
    if (!fs::is_directory(root / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      const std::string relative = fs::relative(entry.path(), root).generic_string();
      if (IsExcluded(relative)) continue;
      ++scanned;
      std::vector<Word> words;
      AppendWords(ReadFile(entry.path()), /*code=*/true, words);
      if (words.size() < kRun) continue;
      std::vector<uint64_t> hashes = WordHashes(words);
      size_t reported_until = 0;  // report overlapping runs once, at the first
      for (size_t i = 0; i + kRun <= hashes.size(); ++i) {
        if (!runs.Contains(HashRun(hashes, i))) continue;
        if (i >= reported_until) {
          ++hits;
          report << relative << ":" << words[i].line << ": \"";
          for (size_t k = 0; k < kRun; ++k) report << (k ? " " : "") << words[i + k].text;
          report << "\"\n";
        }
        reported_until = i + kRun;
      }
    }
  }
  ASSERT_GT(scanned, 0u) << "no repo files found under " << root;
  EXPECT_EQ(hits, 0u) << "runs of " << kRun << " words copied from the dev corpora (replace them with "
                      << "invented text of the same shape):\n"
                      << report.str();
}

}  // namespace
}  // namespace copydesk
