#include "stages/captions/prose_marks.h"

#include <array>

#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {
namespace {

std::string_view StripPunctuation(std::string_view w) {
  while (!w.empty() && !IsWordByte(w.front())) w.remove_prefix(1);
  while (!w.empty() && !IsWordByte(w.back())) w.remove_suffix(1);
  return w;
}

bool IsDigits(std::string_view w, size_t min, size_t max) {
  if (w.size() < min || w.size() > max) return false;
  for (char c : w) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

bool EqualsFolded(std::string_view w, std::string_view folded) {
  return w.size() == folded.size() && FindFolded(w, folded) == 0;
}

}  // namespace

bool IsMonthName(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  while (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (std::string_view m : kMonths) {
    if (EqualsFolded(w, m)) return true;
  }
  return false;
}

bool HasPictureDate(std::string_view s) {
  // A window of three words: month day year, or day month year.
  std::array<std::string_view, 3> last{};
  bool found = false;
  ForEachWord(s, [&](std::string_view raw) {
    last[0] = last[1];
    last[1] = last[2];
    last[2] = StripPunctuation(raw);
    if (IsDigits(last[2], 4, 4)) {
      const bool month_day = IsMonthName(last[0]) && IsDigits(last[1], 1, 2);
      const bool day_month = IsDigits(last[0], 1, 2) && IsMonthName(last[1]);
      found = month_day || day_month;
    }
    return !found;
  });
  return found;
}

bool HasReportingVerb(std::string_view s) {
  static constexpr std::array<std::string_view, 16> kVerbs = {
      "said",   "says",    "say",       "told",  "tells",   "added",  "stated", "announced",
      "warned", "claimed", "explained", "asked", "replied", "argued", "insisted", "according"};
  bool found = false;
  ForEachWord(s, [&](std::string_view raw) {
    std::string_view w = StripPunctuation(raw);
    if (w.size() < 3 || w.size() > 9 || !IsAsciiLower(w[0])) return true;
    for (std::string_view v : kVerbs) {
      if (EqualsFolded(w, v)) {
        found = true;
        return false;
      }
    }
    return true;
  });
  return found;
}

}  // namespace copydesk::stages::captions
