#include "stages/captions/credit_parser.h"

#include <array>

#include "stages/captions/prose_marks.h"
#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {
namespace {

constexpr std::array<std::string_view, 16> kParticles = {"de", "da", "del", "della", "der", "den", "van",
                                                          "von", "la", "le", "du", "dos", "di", "bin",
                                                          "al", "y"};

bool IsParticle(std::string_view word) {
  for (std::string_view p : kParticles) {
    if (word.size() == p.size() && FindFolded(word, p) == 0) return true;
  }
  return false;
}

// Drops separators that follow a label: ":", "...", "…", "-", "–", "—" and spaces.
std::string_view SkipSeparators(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == ':' || c == '.' || c == '-' || c == ',') {
      s.remove_prefix(1);
    } else if (c == 0xE2 && s.size() >= 3 && static_cast<unsigned char>(s[1]) == 0x80 &&
               (static_cast<unsigned char>(s[2]) == 0xA6 || static_cast<unsigned char>(s[2]) == 0x93 ||
                static_cast<unsigned char>(s[2]) == 0x94)) {
      s.remove_prefix(3);  // … – —
    } else {
      break;
    }
  }
  return s;
}

bool StartsWithSeparator(std::string_view s) {
  std::string_view rest = TrimSpaces(s);
  if (rest.empty()) return true;
  return SkipSeparators(rest).size() != rest.size() && rest[0] != ' ';
}

}  // namespace

LabelKind StripCreditLabels(std::string_view* s, const CreditLexicon& lexicon) {
  LabelKind kind = LabelKind::kNone;
  for (int guard = 0; guard < 6; ++guard) {
    std::string_view t = TrimSpaces(*s);
    if (size_t n = lexicon.MatchPrefix(t, WordKind::kPersonLabel)) {
      kind = LabelKind::kPerson;
      *s = SkipSeparators(t.substr(n));
      continue;
    }
    if (size_t n = lexicon.MatchPrefix(t, WordKind::kOrgLabel)) {
      if (kind != LabelKind::kPerson) kind = LabelKind::kOrg;
      *s = SkipSeparators(t.substr(n));
      continue;
    }
    if (size_t n = lexicon.MatchPrefix(t, WordKind::kLabel)) {
      std::string_view rest = t.substr(n);
      std::string_view after = TrimSpaces(rest);
      if (StartsWithSeparator(rest) || lexicon.MatchPrefix(after, WordKind::kPersonLabel) ||
          lexicon.MatchPrefix(after, WordKind::kOrgLabel)) {
        if (kind == LabelKind::kNone) kind = LabelKind::kNeutral;
        *s = SkipSeparators(rest);
        continue;
      }
    }
    *s = t;
    break;
  }
  return kind;
}

namespace {

// Removes qualifiers ("file", "Photo", "Pool") at either end of a part, keeping at least one word.
std::string_view StripQualifiers(std::string_view part, const CreditLexicon& lexicon) {
  for (int guard = 0; guard < 4; ++guard) {
    part = TrimSpaces(part);
    while (!part.empty() && (part.back() == ',' || part.back() == '.' || part.back() == ';')) {
      if (part.back() == '.' && part.size() >= 2 && IsAsciiUpper(part[part.size() - 2])) break;  // "T."
      size_t space = part.rfind(' ');
      if (part.back() == '.' && lexicon.IsWord(space == std::string_view::npos ? part : part.substr(space + 1),
                                               WordKind::kOrgWord)) {
        break;  // "Inc."
      }
      part.remove_suffix(1);
    }
    size_t n = lexicon.MatchSuffix(part, WordKind::kQualifier);
    if (n == 0 || n == part.size()) break;
    part = part.substr(0, part.size() - n);
  }
  part = TrimSpaces(part);
  while (!part.empty() && (part.back() == ',' || part.back() == '-')) part = TrimSpaces(part.substr(0, part.size() - 1));
  return part;
}

bool HasOrgWord(std::string_view s, const CreditLexicon& lexicon) {
  bool found = false;
  ForEachWord(s, [&](std::string_view word) {
    while (!word.empty() && (word.back() == ',' || word.back() == ')')) word.remove_suffix(1);
    found = lexicon.IsWord(word, WordKind::kOrgWord);
    return !found;
  });
  return found;
}

// Splits on '/', '|', ':', ';', " - ", " for " and ", " (except before "Inc."-like words, kept with the name).
std::vector<std::string_view> SplitParts(std::string_view s, const CreditLexicon& lexicon) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  auto emit = [&](size_t end) {
    std::string_view part = TrimSpaces(s.substr(start, end - start));
    if (!part.empty()) parts.push_back(part);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    size_t skip = 0;
    if (c == '/' || c == '|' || c == ':' || c == ';') {
      skip = 1;
    } else if (c == ',' && i + 1 < s.size() && s[i + 1] == ' ') {
      // Keep "Apple, Inc." and "Smith, Jr." whole.
      std::string_view next = s.substr(i + 2);
      size_t word_end = next.find(' ');
      std::string_view word = next.substr(0, word_end);
      if (!lexicon.IsWord(word, WordKind::kOrgWord) && FindFolded(word, "jr") != 0) skip = 2;
    } else if (c == ' ' && s.compare(i, 3, " - ") == 0) {
      skip = 3;
    } else if (c == ' ' && i + 5 <= s.size() && FindFolded(s.substr(i, 5), " for ") == 0) {
      skip = 5;
    }
    if (skip > 0) {
      emit(i);
      start = i + skip;
      i = start - 1;
    }
  }
  emit(s.size());
  return parts;
}

void AddNames(std::string_view part, std::vector<std::string>* out) {
  // "Jane Roe and John Doe", "Jane Roe & John Doe".
  size_t start = 0;
  for (size_t i = 0; i <= part.size(); ++i) {
    size_t skip = 0;
    if (i == part.size()) {
      skip = 0;
    } else if (part.compare(i, 5, " and ") == 0) {
      skip = 5;
    } else if (part.compare(i, 3, " & ") == 0) {
      skip = 3;
    } else {
      continue;
    }
    std::string_view name = TrimSpaces(part.substr(start, i - start));
    if (!name.empty()) out->emplace_back(name);
    if (i == part.size()) break;
    start = i + skip;
    i = start - 1;
  }
}

struct Reading {
  ParsedCredit credit;
  int Score() const {
    return (credit.distributor.empty() ? 0 : 4) + (credit.agency.empty() ? 0 : 2) +
           static_cast<int>(credit.photographers.size());
  }
};

Reading ParseOne(std::string_view s, const CreditLexicon& lexicon) {
  Reading reading;
  ParsedCredit& out = reading.credit;
  s = StripWrapping(s);
  // A credit the page cut short keeps its opening bracket alone: "(JANE ROE, AFP".
  if (!s.empty() && (s.front() == '(' || s.front() == '[') && s.find(s.front() == '(' ? ')' : ']') == std::string_view::npos) {
    s = TrimSpaces(s.substr(1));
  }
  LabelKind label = StripCreditLabels(&s, lexicon);
  s = StripTrailingDate(StripWrapping(s));
  if (s.empty() || lexicon.MatchPrefix(s, WordKind::kCreditPhrase) == s.size() ||
      lexicon.MatchPrefix(s, WordKind::kQualifier) == s.size()) {
    return reading;
  }
  // "X/Getty Images for Acme Council": the agency shot the picture for a client, who is neither
  // photographer nor agency. "Jane Roe for The Chronicle" keeps its paper: there no agency precedes.
  // Only the first " for " is looked at, which keeps the work linear.
  if (const size_t for_at = FindFolded(s, " for "); for_at != std::string_view::npos) {
    std::string_view before = s.substr(0, for_at);
    const size_t cut = before.find_last_of("/|");
    before = TrimSpaces(cut == std::string_view::npos ? before : before.substr(cut + 1));
    const std::string* canonical = nullptr;
    if (lexicon.Agency(before) != nullptr || lexicon.AgencySuffix(before, &canonical) > 0) {
      s = TrimSpaces(s.substr(0, for_at));
    }
  }
  // A handout comes from an organisation: the one name it carries is the owner, not a photographer.
  const bool handout = FindFolded(s, "handout") != std::string_view::npos;
  std::string via;
  size_t via_at = FindFolded(s, " via ");
  if (via_at != std::string_view::npos) {
    std::string_view right = StripQualifiers(s.substr(via_at + 5), lexicon);
    const std::string* canonical = lexicon.Agency(right);
    via = canonical ? *canonical : std::string(right);
    s = TrimSpaces(s.substr(0, via_at));
  }
  std::vector<std::string_view> unknown;
  std::vector<const std::string*> known;
  for (std::string_view raw_part : SplitParts(s, lexicon)) {
    std::string_view part = StripQualifiers(raw_part, lexicon);
    if (part.empty() || lexicon.MatchPrefix(part, WordKind::kQualifier) == part.size() ||
        lexicon.MatchPrefix(part, WordKind::kCreditPhrase) == part.size()) {
      continue;
    }
    if (const std::string* canonical = lexicon.Agency(part)) {
      known.push_back(canonical);
      continue;
    }
    const std::string* canonical = nullptr;
    size_t n = lexicon.AgencySuffix(part, &canonical);
    if (n > 0 && n < part.size()) {
      std::string_view prefix = StripQualifiers(part.substr(0, part.size() - n), lexicon);
      if (LooksLikeName(prefix)) {
        unknown.push_back(prefix);
        known.push_back(canonical);
        continue;
      }
    }
    unknown.push_back(part);
  }
  // "Courtesy of the Lune Valley Museum": a lower-case article is the sentence's, not the owner's name
  // ("The Selby Gazette" keeps its capital one).
  auto owner = [](std::string_view name) {
    return std::string(name.starts_with("the ") ? name.substr(4) : name);
  };
  if (!known.empty()) {
    out.agency = *known[0];
    if (known.size() > 1 && *known[1] != *known[0]) out.distributor = *known[1];
    for (std::string_view name : unknown) AddNames(name, &out.photographers);
  } else if (label == LabelKind::kPerson) {
    // "Photo by Omar Haddad, The Selby Gazette": after the names, a part that reads as an organisation
    // ("The ...", an organisation word) is the owner the photographer worked for.
    const bool owner_last = unknown.size() >= 2 && (HasOrgWord(unknown.back(), lexicon) ||
                                                    StartsWithFolded(unknown.back(), "the "));
    if (owner_last) {
      out.agency = owner(unknown.back());
      unknown.pop_back();
    }
    for (std::string_view name : unknown) AddNames(name, &out.photographers);
  } else if (unknown.size() >= 2) {
    out.agency = owner(unknown.back());
    for (size_t i = 0; i + 1 < unknown.size(); ++i) AddNames(unknown[i], &out.photographers);
  } else if (unknown.size() == 1) {
    std::string_view only = unknown[0];
    // After "Courtesy of" / "Source:" an owner follows, not a photographer.
    bool person = label != LabelKind::kOrg && !handout && LooksLikeName(only) && CountWords(only) >= 2 &&
                  !HasOrgWord(only, lexicon);
    if (person) {
      AddNames(only, &out.photographers);
    } else {
      out.agency = owner(only);
    }
  }
  if (!via.empty()) {
    if (out.agency.empty()) {
      out.agency = via;
    } else if (out.distributor.empty() && via != out.agency) {
      out.distributor = via;
    }
  }
  return reading;
}

}  // namespace

namespace {

// "April 2, 2023", "2019", "3.4.2019": digits and month names only, with a digit.
bool IsDate(std::string_view s) {
  bool digit = false;
  bool ok = true;
  size_t i = 0;
  while (ok && i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '/' || s[i] == '-')) ++i;
    size_t start = i;
    while (i < s.size() && !(s[i] == ' ' || s[i] == ',' || s[i] == '/' || s[i] == '-')) ++i;
    std::string_view w = s.substr(start, i - start);
    if (w.empty()) break;
    bool digits = true;
    for (char c : w) digits = digits && (IsAsciiDigit(c) || c == '.');
    if (digits) {
      digit = true;
    } else if (!IsMonthName(w)) {
      ok = false;
    }
  }
  return ok && digit;
}

}  // namespace

std::string_view StripTrailingDate(std::string_view s) {
  s = TrimSpaces(s);
  // The leftmost separator after which only a date follows: "X/Agency/April 2, 2023" -> "X/Agency". A date
  // is short, so only the last kDateBytes are looked at: time stays linear however long the credit.
  constexpr size_t kDateBytes = 40;
  for (size_t k = s.size() > kDateBytes ? s.size() - kDateBytes : 0; k < s.size(); ++k) {
    const char c = s[k];
    if (c != '/' && c != ',' && c != '|' && !(c == '-' && k > 0 && s[k - 1] == ' ')) continue;
    std::string_view head = TrimSpaces(s.substr(0, k));
    if (head.empty() || !IsDate(s.substr(k + 1))) continue;
    bool letter = false;
    for (char h : head) letter = letter || IsAsciiUpper(h) || IsAsciiLower(h);
    if (letter) return head;
  }
  return s;
}

std::string_view StripWrapping(std::string_view s) {
  for (int guard = 0; guard < 4; ++guard) {
    s = TrimSpaces(s);
    if (s.size() >= 2 && s.back() == '.' && (s[s.size() - 2] == ')' || s[s.size() - 2] == ']')) {
      s.remove_suffix(1);
    }
    if (s.size() >= 2 && ((s.front() == '(' && s.back() == ')') || (s.front() == '[' && s.back() == ']'))) {
      // Only when the brackets pair with each other, not "(a) b (c)".
      int depth = 0;
      bool wraps = true;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '(' || s[i] == '[') ++depth;
        if (s[i] == ')' || s[i] == ']') --depth;
        if (depth == 0 && i + 1 < s.size()) wraps = false;
      }
      if (wraps) {
        s = s.substr(1, s.size() - 2);
        continue;
      }
    }
    break;
  }
  return TrimSpaces(s);
}

bool LooksLikeName(std::string_view s) {
  s = TrimSpaces(s);
  if (s.empty()) return false;
  size_t words = 0;
  bool ok = true;
  ForEachWord(s, [&](std::string_view word) {
    ++words;
    if (words > 6) {
      ok = false;
      return false;
    }
    for (char c : word) {
      if (!(IsWordByte(c) || c == '.' || c == '-' || c == '\'' || c == ',')) {
        ok = false;
        return false;
      }
    }
    if (IsCapitalized(word) || IsParticle(word) || (word.size() > 3 && word.compare(0, 3, "al-") == 0)) {
      return true;
    }
    ok = false;
    return false;
  });
  return ok;
}

ParsedCredit ParseCredit(std::string_view raw, const CreditLexicon& lexicon) {
  std::string_view s = TrimSpaces(raw);
  // Doubled credits: several top-level bracket groups, or a group followed by loose words.
  std::vector<std::string_view> groups;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(' || c == '[') {
      if (depth == 0 && i > start) groups.push_back(s.substr(start, i - start));
      if (depth == 0) start = i;
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
      if (depth == 0) {
        groups.push_back(s.substr(start, i + 1 - start));
        start = i + 1;
      }
    }
  }
  if (start < s.size()) groups.push_back(s.substr(start));
  std::vector<std::string_view> useful;
  for (std::string_view g : groups) {
    g = TrimSpaces(g);
    if (!g.empty() && g != ".") useful.push_back(g);
  }
  if (useful.size() <= 1 || useful.size() > 4) return ParseOne(s, lexicon).credit;
  Reading best = ParseOne(useful[0], lexicon);
  for (size_t i = 1; i < useful.size(); ++i) {
    Reading r = ParseOne(useful[i], lexicon);
    if (r.Score() > best.Score()) best = std::move(r);
  }
  return best.credit;
}

}  // namespace copydesk::stages::captions
