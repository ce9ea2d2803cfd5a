#include "stages/clean/boilerplate.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

#include "stages/text/ascii.h"
#include "stages/text/news_organizations.h"
#include "stages/text/table_lines.h"

namespace copydesk::stages::clean {
namespace {

constexpr size_t kHeadParagraphs = 5;
constexpr size_t kTailParagraphs = 8;

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Position of `word` in `text` as a whole word, or npos.
size_t FindWord(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool starts = at == 0 || !IsWordByte(text[at - 1]);
    size_t end = at + word.size();
    bool ends = end == text.size() || !IsWordByte(text[end]);
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

std::string TidyOrganisation(std::string_view org) {
  while (!org.empty() && (org.back() == '.' || org.back() == ',' || org.back() == ' ' || org.back() == ')')) {
    org.remove_suffix(1);
  }
  while (!org.empty() && (org.front() == ' ' || org.front() == '(')) org.remove_prefix(1);
  if (org.size() > 4 && (org.substr(0, 4) == "the " || org.substr(0, 4) == "The ")) org.remove_prefix(4);
  return std::string(org);
}

}  // namespace

BoilerplateClassifier::~BoilerplateClassifier() = default;

StatusOr<std::shared_ptr<const BoilerplateClassifier>> BoilerplateClassifier::Create(
    std::string_view lexicon, std::string_view organisations, size_t max_chars) {
  std::shared_ptr<BoilerplateClassifier> classifier(new BoilerplateClassifier());
  classifier->max_chars_ = max_chars;
  re2::RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  // The set's DFA over every rule, case-insensitive, outgrows RE2's default 8 MB: the cache then thrashes
  // (six times slower on real articles) and a match can even fail outright. 64 MB is allocated lazily and
  // shared by all threads.
  options.set_max_mem(64 << 20);
  classifier->set_ = std::make_unique<re2::RE2::Set>(options, re2::RE2::ANCHOR_BOTH);
  for (const text::TableLine& line : text::SplitTableLines(lexicon)) {
    auto where = [&](const std::string& what) {
      return Status::Error(StatusCode::kInternal, "clean",
                           "boilerplate.tsv line " + std::to_string(line.number) + ": " + what);
    };
    if (line.fields.size() != 3) return where("expected reason<TAB>zone<TAB>pattern");
    Rule rule;
    if (!v1::RemovedSpan::Reason_Parse(std::string(line.fields[0]), &rule.reason)) {
      return where("unknown reason " + std::string(line.fields[0]));
    }
    std::string_view zone = line.fields[1];
    if (zone.size() > 9 && zone.substr(zone.size() - 9) == "+org-only") {
      rule.needs_organisation = rule.organisation_only = true;
      zone.remove_suffix(9);
    } else if (zone.size() > 4 && zone.substr(zone.size() - 4) == "+org") {
      rule.needs_organisation = true;
      zone.remove_suffix(4);
    }
    if (zone == "any") {
      rule.zone = Zone::kAny;
    } else if (zone == "head") {
      rule.zone = Zone::kHead;
    } else if (zone == "tail") {
      rule.zone = Zone::kTail;
    } else if (zone == "edge") {
      rule.zone = Zone::kEdge;
    } else {
      return where("unknown zone " + std::string(zone));
    }
    std::string anchored = "^(?:" + std::string(line.fields[2]) + ")$";
    rule.pattern = std::make_unique<re2::RE2>(anchored, options);
    if (!rule.pattern->ok()) return where(rule.pattern->error());
    std::string error;
    if (classifier->set_->Add(line.fields[2], &error) < 0) return where(error);
    classifier->rules_.push_back(std::move(rule));
  }
  if (!classifier->set_->Compile()) {
    return Status::Error(StatusCode::kInternal, "clean", "boilerplate.tsv: cannot compile rules");
  }
  StatusOr<std::vector<text::NewsOrganization>> table = text::ParseNewsOrganizations(organisations);
  if (!table.ok()) return table.status();
  for (const text::NewsOrganization& entry : table.value()) {
    Organisation org;
    org.canonical = entry.name;
    for (const std::string& spelling : entry.spellings) org.spellings.push_back({spelling, text::AsciiLower(spelling)});
    classifier->organisations_.push_back(std::move(org));
  }
  return std::shared_ptr<const BoilerplateClassifier>(std::move(classifier));
}

bool BoilerplateClassifier::NamesOnlyAnOrganisation(std::string_view text) const {
  // Drop every spelling of every organisation and the lead-in words of a credit line; nothing with a
  // letter may remain.
  std::string rest = " " + text::AsciiLower(text) + " ";
  for (char& c : rest) {
    if (c == ',' || c == ';' || c == ':' || c == '-' || c == '.' || c == '(' || c == ')') c = ' ';
  }
  auto erase_word = [&rest](const std::string& word) {
    for (size_t at = rest.find(" " + word + " "); at != std::string::npos; at = rest.find(" " + word + " ")) {
      rest.erase(at + 1, word.size());
    }
  };
  for (const Organisation& org : organisations_) {
    for (const Spelling& spelling : org.spellings) erase_word(spelling.lower);
  }
  for (const char* word : {"the", "by", "from", "via", "source", "article", "with", "files", "reports",
                           "wire", "news", "service"}) {
    erase_word(word);
  }
  return std::none_of(rest.begin(), rest.end(), IsWordByte);
}

std::string BoilerplateClassifier::FindOrganisation(std::string_view text) const {
  std::string lower = text::AsciiLower(text);
  size_t best_at = std::string::npos;
  const Organisation* best = nullptr;
  for (const Organisation& org : organisations_) {
    for (const Spelling& spelling : org.spellings) {
      // Short spellings ("AP", "PA", "dpa") must match as written: "ap" in a sentence is not the agency.
      size_t at = spelling.as_written.size() <= 3 ? FindWord(text, spelling.as_written)
                                                  : FindWord(lower, spelling.lower);
      if (at != std::string::npos && at < best_at) {
        best_at = at;
        best = &org;
      }
    }
  }
  return best ? best->canonical : std::string();
}

Verdict BoilerplateClassifier::Classify(std::string_view paragraph, size_t index, size_t count) const {
  Verdict verdict;
  if (paragraph.size() > max_chars_) return verdict;
  std::vector<int> matches;
  if (!set_->Match(paragraph, &matches)) return verdict;
  std::sort(matches.begin(), matches.end());
  for (int m : matches) {
    const Rule& rule = rules_[static_cast<size_t>(m)];
    const bool head = index < kHeadParagraphs;
    const bool tail = index + kTailParagraphs >= count;
    if (rule.zone == Zone::kHead && !head) continue;
    if (rule.zone == Zone::kTail && !tail) continue;
    if (rule.zone == Zone::kEdge && !head && !tail) continue;
    if (rule.needs_organisation && FindOrganisation(paragraph).empty()) continue;
    if (rule.organisation_only && !NamesOnlyAnOrganisation(paragraph)) continue;
    verdict.remove = true;
    verdict.reason = rule.reason;
    if (rule.reason == v1::RemovedSpan::SYNDICATION_NOTE) {
      verdict.organisation = FindOrganisation(paragraph);
      int group = rule.pattern->NamedCapturingGroups().count("org") ? rule.pattern->NamedCapturingGroups().at("org") : 0;
      if (verdict.organisation.empty() && group > 0) {
        std::vector<re2::StringPiece> spans(static_cast<size_t>(group) + 1);
        if (rule.pattern->Match(paragraph, 0, paragraph.size(), re2::RE2::ANCHOR_BOTH, spans.data(),
                                static_cast<int>(spans.size()))) {
          std::string_view org(spans[static_cast<size_t>(group)].data(), spans[static_cast<size_t>(group)].size());
          // Only a name is a source: it must start with a capital ("the Associated Press", "KHN").
          std::string tidy = TidyOrganisation(org);
          if (!tidy.empty() && tidy[0] >= 'A' && tidy[0] <= 'Z') verdict.organisation = tidy;
        }
      }
    }
    return verdict;
  }
  return verdict;
}

}  // namespace copydesk::stages::clean
