#include "stages/captions/shape_rules.h"

#include "stages/captions/caption_detector.h"
#include "stages/captions/credit_parser.h"
#include "stages/captions/prose_marks.h"
#include "stages/captions/text_scan.h"

namespace copydesk::stages::captions {
namespace {

// "See the full gallery »": a link, not a caption.
bool EndsWithArrow(std::string_view s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
         static_cast<unsigned char>(s.back()) == 0xBB;
}

// "Sidelined: Tobias Grell watches the match": a short label, a colon, then a caption sentence (not a list,
// not a date, not a name), set between body paragraphs.
bool IsLabelColonCaption(const Features& f) {
  if (f.words < 4 || f.words > 20 || f.ends_sentence || f.has_quote || f.byline) return false;
  size_t colon = f.text.find(':');
  if (colon == std::string_view::npos || colon + 2 >= f.text.size() || f.text[colon + 1] != ' ') return false;
  if (CountWords(f.text.substr(0, colon)) > 6 || !IsCapitalized(f.text.substr(colon + 2))) return false;
  std::string_view label = f.text.substr(0, colon);
  std::string_view rest = f.text.substr(colon + 2);
  size_t lower = 0;
  size_t commas = 0;
  ForEachWord(rest, [&](std::string_view w) {
    if (IsAsciiLower(w[0]) && w.size() > 3) ++lower;
    return true;
  });
  for (char c : rest) {
    if (IsAsciiDigit(c)) return false;
    commas += c == ',' ? 1 : 0;
  }
  if (lower < 2 || commas > 1 || CountWords(rest) < 4) return false;
  bool label_has_lower = false;
  for (char c : label) label_has_lower = label_has_lower || IsAsciiLower(c);
  if (!label_has_lower) return false;
  return FindFolded(label, "said") == std::string_view::npos && FindFolded(label, "says") == std::string_view::npos;
}

bool BodyAbove(const std::vector<Features>& f, size_t i) { return i > 0 && IsBodyLike(f[i - 1]); }
bool BodyBelow(const std::vector<Features>& f, size_t i) { return i + 1 < f.size() && IsBodyLike(f[i + 1]); }

// "Image caption A scooter ...", "Caption: ...": the page says so.
bool CaptionLabel(const std::vector<Features>& f, size_t i, const CreditLexicon& lexicon) {
  return StripCaptionLabel(f[i].text, lexicon).size() != f[i].text.size();
}

// "(L-R)", ", left,", "artist's concept": words only captions use, in a short paragraph without a quote.
bool CaptionMarker(const std::vector<Features>& f, size_t i, const CreditLexicon& lexicon) {
  return !f[i].has_quote && f[i].sentences <= kShape.marker_max_sentences &&
         lexicon.Contains(f[i].text, WordKind::kCaptionMarker);
}

// "Sidelined: Tobias Grell watches the match" set between body paragraphs (or above the first).
bool LabelColon(const std::vector<Features>& f, size_t i, const CreditLexicon&) {
  return IsLabelColonCaption(f[i]) && (i == 0 || BodyAbove(f, i)) && BodyBelow(f, i);
}

// A short sentence-case line without a full stop between body paragraphs: a description, not prose (which
// ends its sentences) and not a subhead (which is short, or a link, or ends in a colon). Under the
// headline, one that speaks of the future is the standfirst ("The terminal will not open until 2027").
bool ShortLine(const std::vector<Features>& f, size_t i, const CreditLexicon&) {
  const Features& x = f[i];
  const std::string_view p = x.text;
  return !x.has_quote && !x.ends_sentence && x.words >= kShape.short_line_min_words &&
         x.words <= kShape.short_line_max_words && x.lower_words >= 2 && IsCapitalized(p) &&
         p.find(':') == std::string_view::npos && (IsWordByte(p.back()) || p.back() == ')') && !EndsWithArrow(p) &&
         (i == 0 ? !SpeaksOfTheFuture(p) : BodyAbove(f, i)) && BodyBelow(f, i);
}

// "Milo Trent (C) chases the ball during ...": a picture described in the present between body paragraphs;
// a verb of speech ("Ana Kovac leads the count, according to the clerk") makes it the story's prose.
bool PresentAction(const std::vector<Features>& f, size_t i, const CreditLexicon&) {
  const Features& x = f[i];
  return !x.has_quote && x.words >= kShape.action_min_words && x.words <= kShape.action_max_words &&
         x.sentences <= kShape.action_max_sentences && BodyAbove(f, i) &&
         (OpensWithPresentAction(x.text) || ShowsAPicture(x.text)) && !HasReportingVerb(x.text) &&
         BodyBelow(f, i);
}

// Directly under the headline (or the byline under it), a description of a picture above a longer lede
// (the BBC's and others' credit-less lead image): one short sentence, or, when the lede below tells of the
// past while it describes the present, two or three sentences as captions of a scene run (a lede of that
// length is one sentence).
bool UnderHeadline(const std::vector<Features>& f, size_t i, const CreditLexicon&) {
  const Features& x = f[i];
  for (size_t k = 0; k < i; ++k) {
    if (!f[k].byline) return false;
  }
  if (i + 1 >= f.size() || x.has_quote || x.words < kShape.under_headline_min_words || !IsBodyLike(f[i + 1]) ||
      f[i + 1].words < x.words + kShape.lede_longer || HasReportingVerb(x.text) || StartsWithDateline(x.text) ||
      !DescribesAPicture(x.text)) {
    return false;
  }
  if (x.words <= kShape.under_headline_max_words && x.sentences == 1) return true;
  return x.words <= kShape.scene_max_words && x.sentences >= 2 && x.sentences <= kShape.scene_max_sentences &&
         !TellsThePast(x.text) && TellsThePast(f[i + 1].text);
}

// One short sentence in the first paragraphs, right above the dateline that opens the story, describing a
// picture. Decks sit there too ("After the flood, the town bets on its old market."): on the
// attribution dev set the rule without the picture test took thirteen of them and no caption.
bool BeforeDateline(const std::vector<Features>& f, size_t i, const CreditLexicon& lexicon) {
  const Features& x = f[i];
  return i <= kShape.before_dateline_max_index && i + 1 < f.size() && x.ends_sentence &&
         x.words <= kShape.before_dateline_max_words && !x.has_quote && StartsWithDateline(f[i + 1].text) &&
         (DescribesAPicture(x.text) || lexicon.Contains(x.text, WordKind::kCaptionMarker));
}

// `name` stands in `s` as whole words, in the same case.
bool ContainsWords(std::string_view s, std::string_view name) {
  for (size_t at = s.find(name); at != std::string_view::npos; at = s.find(name, at + 1)) {
    const bool starts = at == 0 || !IsWordByte(s[at - 1]);
    const bool ends = at + name.size() == s.size() || !IsWordByte(s[at + name.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// "Coun Mira Dalby" alone on a line, above body prose, and the same name in the story's prose: the label
// of a head shot. A byline without "By" names someone the story never mentions; a pull quote's speaker
// hangs under the quote, not under prose.
bool NameOnly(const std::vector<Features>& f, size_t i, const CreditLexicon&) {
  const Features& x = f[i];
  if (x.words < kShape.name_min_words || x.words > kShape.name_max_words || x.lower_words > 0 || x.has_quote ||
      !IsWordByte(x.text.back()) || !LooksLikeName(x.text) || !BodyBelow(f, i)) {
    return false;
  }
  if (i > 0 && !f[i - 1].byline && !IsBodyLike(f[i - 1])) return false;
  for (char c : x.text) {
    if (IsAsciiDigit(c) || c == ',') return false;
  }
  for (size_t j = 0; j < f.size(); ++j) {
    if (j != i && IsBodyLike(f[j]) && ContainsWords(f[j].text, x.text)) return true;
  }
  return false;
}

}  // namespace

const std::array<ShapeRule, 8> kShapeRules = {{
    {"caption_label", false, false, CaptionLabel},
    {"caption_marker", false, false, CaptionMarker},
    {"label_colon", true, true, LabelColon},
    {"short_line", true, true, ShortLine},
    {"present_action", true, true, PresentAction},
    {"under_headline", true, true, UnderHeadline},
    {"before_dateline", true, true, BeforeDateline},
    {"name_only", true, true, NameOnly},
}};

size_t MatchShapeRule(const std::vector<Features>& f, size_t i, const CreditLexicon& lexicon, bool shape_rules) {
  const Features& x = f[i];
  if (x.used || x.words == 0 || x.words > kShape.max_words || x.byline || EndsWithColon(x.text) ||
      IsBulleted(x.text)) {
    return kShapeRules.size();
  }
  for (size_t r = 0; r < kShapeRules.size(); ++r) {
    if (kShapeRules[r].shape_only && !shape_rules) continue;
    if (kShapeRules[r].matches(f, i, lexicon)) return r;
  }
  return kShapeRules.size();
}

}  // namespace copydesk::stages::captions
