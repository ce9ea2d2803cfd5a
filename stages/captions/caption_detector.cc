#include "stages/captions/caption_detector.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "stages/captions/caption_evidence.h"
#include "stages/captions/credit_finder.h"
#include "stages/captions/credit_parser.h"
#include "stages/captions/paragraph_features.h"
#include "stages/captions/prose_marks.h"
#include "stages/captions/shape_rules.h"
#include "stages/captions/text_scan.h"
#include "stages/text/fnv1a.h"

namespace copydesk::stages::captions {
namespace {


// "Jane Roe, Associated Press", "Jane Roe | Reuters": a name, a comma or bar, and an organisation, with no
// photo word, slash or "via". Directly under the headline this is how wires sign a story; a photo credit
// there is written "Jane Roe/AP", "AP Photo/Jane Roe" or with a label.
bool IsSignatureShaped(std::string_view s, const CreditLexicon& lexicon) {
  if (s.size() > 100 || s.find('/') != std::string_view::npos || FindFolded(s, " via ") != std::string_view::npos ||
      lexicon.Contains(s, WordKind::kLabel) || lexicon.Contains(s, WordKind::kPersonLabel) ||
      lexicon.Contains(s, WordKind::kQualifier)) {
    return false;
  }
  size_t sep = s.find(" | ");
  size_t skip = 3;
  if (sep == std::string_view::npos) {
    sep = s.find(", ");
    skip = 2;
  }
  if (sep == std::string_view::npos) {
    sep = FindFolded(s, " for ");  // "Jane Roe for The Harbour Daily" under the headline
    skip = 5;
  }
  if (sep == std::string_view::npos) return false;
  std::string_view name = TrimSpaces(s.substr(0, sep));
  std::string_view org = TrimSpaces(s.substr(sep + skip));
  const size_t words = CountWords(name);
  return words >= 2 && words <= 4 && LooksLikeName(name) && !org.empty() && IsCapitalized(org) &&
         CountWords(org) <= 5;
}



// A credit that stands alone must show it is about a picture: a photo word, a photographer, a known agency,
// or "Courtesy (of) X" set as a line ("Courtesy Elmvale Rowing Club": what a page is lent is its
// pictures). A label and a colon introduce where the text came from: "Source: The Morning Ledger" and
// "Courtesy: Elmvale Rowing Club" alone credit the article, not a photo.
bool NamesAPhoto(std::string_view credit, const CreditLexicon& lexicon) {
  if (lexicon.Contains(credit, WordKind::kLabel) || lexicon.Contains(credit, WordKind::kPersonLabel)) return true;
  if (StartsWithFolded(StripWrapping(credit), "courtesy ")) return true;
  ParsedCredit parsed = ParseCredit(credit, lexicon);
  return !parsed.photographers.empty() || lexicon.Agency(parsed.agency) != nullptr;
}

// A marker, a picture date or a described picture: what a caption shows that a lede does not.
bool ShowsPictureEvidence(const Features& f, const CreditLexicon& lexicon) {
  return lexicon.Contains(f.text, WordKind::kCaptionMarker) || HasPictureDate(f.text) || DescribesAPicture(f.text);
}

// "Photos: ...", "Pictures by ...": a credit label in the plural credits more than the caption next to it.
bool CreditsSeveralPhotos(std::string_view credit) {
  static constexpr std::array<std::string_view, 3> kPlural = {"photos", "pictures", "images"};
  for (std::string_view label : kPlural) {
    if (StartsWithFolded(credit, label) && credit.size() > label.size() &&
        (credit[label.size()] == ':' || credit[label.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

bool IsNameSlashEmail(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || s.size() > 100) return false;
  std::string_view left = TrimSpaces(s.substr(0, slash));
  std::string_view right = TrimSpaces(s.substr(slash + 1));
  return CountWords(left) >= 2 && LooksLikeName(left) && right.find('@') != std::string_view::npos &&
         right.find(' ') == std::string_view::npos;
}

bool IsNameSlashName(std::string_view s) {
  s = StripTrailingDate(StripWrapping(s));  // "(Jane Roe/Acme/April 2, 2023)"
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || s.find('/', slash + 1) != std::string_view::npos) return false;
  std::string_view left = TrimSpaces(s.substr(0, slash));
  std::string_view right = TrimSpaces(s.substr(slash + 1));
  return CountWords(left) >= 2 && LooksLikeName(left) && LooksLikeName(right);
}

// The text ends with a sentence whose last word is not an initial or a short abbreviation.
bool EndsWithFullWord(std::string_view s) {
  if (s.empty() || s.back() != '.') return false;
  size_t space = s.rfind(' ');
  std::string_view word = space == std::string_view::npos ? s : s.substr(space + 1);
  return word.size() >= 4;  // "use." yes; "J." and "Mr." no
}

// 'Jane Roe: "..."' — one to four capitalised words, a colon, then a quotation mark.
bool IsNameColonQuote(std::string_view s) {
  size_t colon = s.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > 60) return false;
  std::string_view name = s.substr(0, colon);
  size_t words = CountWords(name);
  if (words > 4 || !LooksLikeName(name)) return false;
  std::string_view rest = s.substr(colon + 2);
  return !rest.empty() && (rest[0] == '"' || rest.compare(0, 3, "\xE2\x80\x9C") == 0);
}



// Shares a capitalised word of four letters or more, or a lower-case content word of five or more (a
// headline set in sentence case, "Rescue at the quarry"): a photo headline names what the caption shows.
// The caption may write it in another case ("Village Resurfaces" over "the village").
bool IsFunctionWord(std::string_view w) {
  static constexpr std::array<std::string_view, 16> kFunctionWords = {
      "about", "above", "after", "again", "along", "among", "before", "below", "their", "there",
      "these", "those", "under", "until", "where", "which"};
  for (std::string_view x : kFunctionWords) {
    if (w.size() == x.size() && FindFolded(w, x) == 0) return true;
  }
  return false;
}

size_t SharedTitleWords(std::string_view a, std::string_view b) {
  size_t shared = 0;
  std::string folded;
  ForEachWord(a, [&](std::string_view w) {
    while (!w.empty() && !IsWordByte(w.back())) w.remove_suffix(1);
    if (w.size() < 4 || (!IsCapitalized(w) && (w.size() < 5 || IsFunctionWord(w)))) return true;
    folded.assign(w.begin(), w.end());
    for (char& c : folded) c = FoldAscii(c);
    for (size_t at = FindFolded(b, folded); at != std::string_view::npos; at = FindFolded(b, folded, at + 1)) {
      const bool starts = at == 0 || !IsWordByte(b[at - 1]);
      const bool ends = at + w.size() == b.size() || !IsWordByte(b[at + w.size()]);
      if (starts && ends) {
        ++shared;
        break;
      }
    }
    return true;
  });
  return shared;
}

// "Kessel Valley Orchards": every word of four letters or more capitalised, as photo headlines are set.
bool IsHeadlineCased(std::string_view s) {
  size_t long_words = 0;
  bool all = true;
  ForEachWord(s, [&](std::string_view w) {
    while (!w.empty() && !IsWordByte(w.back())) w.remove_suffix(1);
    if (w.size() < 4) return true;
    ++long_words;
    all = all && IsCapitalized(w);
    return all;
  });
  return all && long_words >= 2;
}

bool IsTitleLike(const Features& f, const CreditLexicon& lexicon) {
  return !f.used && !FindTrailingCredit(f.text, lexicon).found() && f.text.size() <= 160 && !f.byline && f.words >= 2 && f.words <= 14 && !f.ends_sentence && !f.has_quote &&
         f.text.find(':') == std::string_view::npos && IsCapitalized(f.text) && f.text.back() != ',';
}

// A title line of at most this many words over a caption with a firm credit is its headline even when
// it shares no word with it: wires head a picture with a few words of their own.
constexpr size_t kMaxLooseHeadlineWords = 8;
// ... when the caption is a sentence of its own: over a bare name ("Jo Ames"), a title line is the
// story's headline or a gallery's chrome.
constexpr size_t kMinLooseHeadlineCaptionWords = 6;

// A title line over a caption is its photo headline when it names what the caption shows, or when it is
// set as a headline (the wire's three-line block: headline, caption, credit line).
bool IsPhotoHeadline(const Features& title, std::string_view caption, const CreditLexicon& lexicon) {
  return IsTitleLike(title, lexicon) &&
         (SharedTitleWords(title.text, caption) >= 1 || IsHeadlineCased(title.text));
}


// "HARTWELL, Vermont": a capitalised place opening a dateline.
bool IsDatelinePlace(std::string_view s) {
  size_t comma = s.find(',');
  if (comma == std::string_view::npos || comma < 3) return false;
  for (size_t i = 0; i < comma; ++i) {
    if (IsAsciiLower(s[i])) return false;
  }
  return true;
}



// Hashes of every run of kGramWords consecutive words (letters and digits only, lower-cased).
constexpr size_t kGramWords = 6;
void AddWordGrams(std::string_view s, std::vector<uint64_t>* out) {
  std::array<uint64_t, kGramWords> ring{};
  size_t count = 0;
  uint64_t h = 0;
  bool in_word = false;
  auto finish_word = [&]() {
    ring[count % kGramWords] = h;
    ++count;
    if (count >= kGramWords) {
      uint64_t g = text::kFnv1aBasis;
      for (size_t k = count - kGramWords; k < count; ++k) g = text::Fnv1aStep(g, ring[k % kGramWords]);
      out->push_back(g);
    }
    h = 0;
  };
  for (char c : s) {
    if (IsWordByte(c)) {
      h = text::Fnv1aStep(h, static_cast<unsigned char>(FoldAscii(c))) + 1;
      in_word = true;
    } else if (in_word && (c == ' ' || c == ',' || c == '.' || c == ';' || c == ':')) {
      finish_word();
      in_word = false;
    }
  }
  if (in_word) finish_word();
}

// True when `text` has a word gram in `sorted_grams`; `scratch` is reused between calls.
bool SharesWordGram(std::string_view text, const std::vector<uint64_t>& sorted_grams, std::vector<uint64_t>* scratch) {
  scratch->clear();
  AddWordGrams(text, scratch);
  for (uint64_t g : *scratch) {
    if (std::binary_search(sorted_grams.begin(), sorted_grams.end(), g)) return true;
  }
  return false;
}

}  // namespace

std::string_view StripCaptionLabel(std::string_view text, const CreditLexicon& lexicon) {
  size_t n = lexicon.MatchPrefix(text, WordKind::kCaptionLabel);
  if (n == 0 || n >= text.size()) return text;
  std::string_view rest = text.substr(n);
  // "Image caption A scooter ...", "Caption: ...", "Image caption, ...", "ABOVE: ..."; never "Above all, ...".
  std::string_view label = text.substr(0, n);
  if (rest[0] == ':') return TrimSpaces(rest.substr(1));
  // A comma after a two-word label ("Image caption, ..."); a lone "Top, ..." opens a sentence.
  if (rest[0] == ',' && label.find(' ') != std::string_view::npos) return TrimSpaces(rest.substr(1));
  if (rest[0] == ' ' && label.find(' ') != std::string_view::npos && IsCapitalized(TrimSpaces(rest))) {
    return TrimSpaces(rest);
  }
  return text;
}

std::vector<CaptionBlock> DetectCaptions(const std::vector<std::string_view>& paragraphs,
                                         const CreditLexicon& lexicon, const DetectorLimits& limits,
                                         const LayoutHints& hints) {
  std::vector<Features> f;
  f.reserve(paragraphs.size());
  for (std::string_view p : paragraphs) f.push_back(Measure(p));
  const size_t n = f.size();
  // The story's signature: the first lines under the headline, up to the first body sentence.
  for (size_t i = 0; i < n && i < 3 && !IsBodyLike(f[i]); ++i) {
    if (IsSignatureShaped(f[i].text, lexicon)) f[i].byline = true;
  }
  std::vector<CaptionBlock> blocks;
  std::array<size_t, 8> fired{};
  auto within_cap = [&](size_t rule) { return fired[rule] < limits.max_blocks_per_rule; };
  auto text_fits = [&](std::string_view text) { return CountWords(text) <= limits.max_caption_words; };

  // Credit-anchored blocks.
  for (size_t i = 0; i < n; ++i) {
    if (f[i].used) continue;
    std::string_view p = f[i].text;
    CreditSpan lead = p.size() > 20 ? FindLeadingCredit(p, lexicon) : CreditSpan{};
    CreditStrength whole =
        p.size() <= 160 && (!f[i].byline || IsNameSlashEmail(p)) && !lead.found() ? RateCredit(p, lexicon)
                                                                                  : CreditStrength::kNone;
    // "Jane Roe © Agency": a caption with its credit glued on, not a credit line.
    const size_t copyright = p.find("\xC2\xA9");
    if (copyright != std::string_view::npos && copyright > 0) whole = CreditStrength::kNone;
    // "Jane Roe/Acme": a slash between two proper names reads as a credit even with an unknown owner;
    // "Jane Roe/jroe@example.com" names the photographer and how to reach them.
    if (whole == CreditStrength::kWeak && IsNameSlashName(p)) whole = CreditStrength::kMedium;
    if (whole != CreditStrength::kStrong && IsNameSlashEmail(p)) whole = CreditStrength::kMedium;
    if (whole != CreditStrength::kNone && whole != CreditStrength::kWeak && within_cap(0)) {
      const bool firm = static_cast<int>(whole) >= static_cast<int>(CreditStrength::kMedium);
      const bool headline_above = i >= 2 && IsPhotoHeadline(f[i - 2], f[i - 1].text, lexicon);
      const bool byline_below =
          (i + 1 < n && (f[i + 1].byline || IsSignatureShaped(f[i + 1].text, lexicon))) ||
          std::binary_search(hints.byline_breaks.begin(), hints.byline_breaks.end(), static_cast<uint32_t>(i + 1));
      // "CITY, Dec. 3 — ..." right under the credit line: the story starts there, so the picture is the
      // header's and the paragraph above is its caption, as with a byline below.
      const bool dateline_below = i + 1 < n && StartsWithDateline(f[i + 1].text);
      int prev = i > 0 ? CaptionScore(f[i - 1], {.before_credit = true, .strict = i - 1 == 0,
                                                  .headline_above = headline_above, .above_byline = byline_below || dateline_below},
                                      lexicon)
                       : 0;
      // A credit line opening the body is followed by the lede, which must then be short to be a caption;
      // and when only bylines stand above the credit, a finished sentence below it must show a picture: one
      // that describes nothing is the story starting.
      bool opens_body = true;
      for (size_t k = 0; k < i && opens_body; ++k) opens_body = f[k].byline;
      int next = i + 1 < n ? CaptionScore(f[i + 1], {.strict = !firm || i == 0}, lexicon) : 0;
      if (opens_body && i > 0 && next > 0 && f[i + 1].ends_sentence && !ShowsPictureEvidence(f[i + 1], lexicon)) {
        next = 0;
      }
      const int needed = firm ? kEvidence.needed_firm : kEvidence.needed_weak;
      // Under the headline, the first paragraph above a credit line is taken for the lede; but when the
      // paragraph below the credit is a candidate too, the shorter of the two is the caption (a lede runs
      // longer than the caption of the picture beside it).
      if (i == 1 && prev < needed && next >= needed && f[0].words < f[2].words) {
        const int loose = CaptionScore(f[0], {.before_credit = true, .headline_above = headline_above}, lexicon);
        if (loose >= needed) prev = std::max(loose, next);
      }
      // A credit that names a photo or its photographer credits a picture; when neither neighbour passes,
      // a first paragraph above it that tells no story (no past tense, no report: "Volunteers carry a
      // board across the dunes at dawn.") is the lead picture's caption, not the lede.
      if (i == 1 && prev < needed && next < needed && firm && NamesAPhoto(p, lexicon) &&
          DescribesAPicture(f[0].text) && !HasReportingVerb(f[0].text)) {
        const int loose = CaptionScore(f[0], {.before_credit = true, .headline_above = headline_above}, lexicon);
        if (loose >= needed) prev = loose;
      }
      CaptionBlock block;
      block.first = block.last = i;
      block.credit = p;
      block.rule = "credit_line";
      if (std::max(prev, next) >= needed) {
        size_t j = next > prev ? i + 1 : i - 1;
        block.text = StripCaptionLabel(f[j].text, lexicon);
        if (!text_fits(block.text)) continue;
        block.first = std::min(i, j);
        block.last = std::max(i, j);
        f[j].used = true;
        // A title line over the caption is its headline when it names what the caption shows, or, in the
        // wire's three-line block (headline, caption, credit line), when it is set as a headline.
        if (j + 1 == i && j >= 1 && IsPhotoHeadline(f[j - 1], block.text, lexicon)) {
          block.headline = f[j - 1].text;
          block.first = j - 1;
          f[j - 1].used = true;
        }
      } else if (static_cast<int>(whole) < static_cast<int>(CreditStrength::kMedium) || !NamesAPhoto(p, lexicon)) {
        continue;  // a credit line alone must name a photo, a photographer or an agency; else it is a byline
      }
      f[i].used = true;
      ++fired[0];
      blocks.push_back(block);
      // "Photos: Jane Roe/PA" under a gallery credits every caption of it: the caption-shaped paragraphs
      // right above the bound caption are captions of their own, each with the credit (a reader of one
      // caption must see whose picture it is). Past the first, a sibling must also be short or describe a
      // picture, so that the walk stops at the body paragraph that introduces the gallery.
      if (block.headline.empty() && block.first + 1 == i && CreditsSeveralPhotos(p)) {
        size_t siblings = 0;
        for (size_t k = block.first; k >= 1 && siblings < limits.max_blocks_per_rule; --k, ++siblings) {
          const Features& above = f[k - 1];
          if (CaptionScore(above, {.before_credit = true, .strict = k - 1 == 0}, lexicon) < needed ||
              (k < block.first && IsBodyLike(above) && !DescribesAPicture(above.text))) {
            break;
          }
          CaptionBlock sibling;
          sibling.first = sibling.last = k - 1;
          sibling.text = StripCaptionLabel(above.text, lexicon);
          sibling.credit = p;
          sibling.credit_shared = true;
          sibling.rule = "credit_line";
          f[k - 1].used = true;
          blocks.push_back(sibling);
        }
      }
      continue;
    }
    if (lead.found() && within_cap(1)) {
      CaptionBlock block;
      block.first = block.last = i;
      block.credit = TrimSpaces(p.substr(lead.begin, lead.end - lead.begin));
      block.text = TrimSpaces(p.substr(lead.end));
      block.rule = "leading_credit";
      if (text_fits(block.text)) {
        f[i].used = true;
        ++fired[1];
        blocks.push_back(block);
        continue;
      }
    }
    if (f[i].byline || IsBulleted(p)) continue;
    CreditSpan tail = FindTrailingCredit(p, lexicon);
    if (!tail.found() || !within_cap(2)) continue;
    std::string_view caption = TrimSpaces(p.substr(0, tail.begin));
    const size_t caption_words = CountWords(caption);
    if (caption_words <= 5 && IsDatelinePlace(caption)) continue;  // "CITY, State (AFP)": a dateline
    if (caption_words > limits.max_caption_words) continue;
    // A weak credit (an unknown owner) glued on needs a short caption sentence before it, and must be a
    // short name ("... sentence. Plotwise") or a photographer over an owner ("... Jana Pilar/Lenn Herald");
    // never after an initial ("J. Smith").
    const std::string_view glued = TrimSpaces(p.substr(tail.begin, tail.end - tail.begin));
    if (static_cast<int>(tail.strength) < static_cast<int>(CreditStrength::kMedium) &&
        (caption_words > 40 || HasQuotationMark(caption) || !EndsWithFullWord(caption) ||
         (CountWords(glued) > 3 && !IsNameSlashName(glued)))) {
      continue;
    }
    CaptionBlock block;
    block.first = block.last = i;
    block.text = StripCaptionLabel(caption, lexicon);
    block.credit = TrimSpaces(p.substr(tail.begin, tail.end - tail.begin));
    block.rule = "glued_credit";
    f[i].used = true;
    // Over a caption signed by an agency or photographer, a short title line is the block's headline
    // whether or not it shares a word with the caption ("Smoke over the ridge" over a fire picture).
    const bool firm_credit = static_cast<int>(tail.strength) >= static_cast<int>(CreditStrength::kMedium);
    if (i >= 1 && (IsPhotoHeadline(f[i - 1], block.text, lexicon) ||
                   (firm_credit && caption_words >= kMinLooseHeadlineCaptionWords && IsTitleLike(f[i - 1], lexicon) &&
                    f[i - 1].words <= kMaxLooseHeadlineWords))) {
      block.headline = f[i - 1].text;
      block.first = i - 1;
      f[i - 1].used = true;
    } else if (i + 1 < n && IsTitleLike(f[i + 1], lexicon) && SharedTitleWords(f[i + 1].text, block.text) >= 1) {
      block.headline = f[i + 1].text;
      block.last = i + 1;
      f[i + 1].used = true;
    }
    ++fired[2];
    blocks.push_back(block);
  }

  // Credit-less blocks: labels and markers first, then shape and neighbours alone (shape_rules.h). A rule
  // that fires more often than its cap describes the article's own layout and takes nothing.
  std::vector<std::pair<CaptionBlock, size_t>> shaped;
  std::array<size_t, kShapeRules.size()> shaped_fired{};
  for (size_t i = 0; i < n; ++i) {
    const size_t rule = MatchShapeRule(f, i, lexicon, limits.shape_only_rules);
    if (rule == kShapeRules.size()) continue;
    CaptionBlock block;
    block.first = block.last = i;
    block.rule = kShapeRules[rule].name;
    block.text = StripCaptionLabel(f[i].text, lexicon);
    if (!text_fits(block.text)) continue;
    ++shaped_fired[rule];
    shaped.emplace_back(block, rule);
  }
  for (const auto& [block, rule] : shaped) {
    const size_t cap = kShapeRules[rule].layout_cap ? kShapeRuleCap : limits.max_blocks_per_rule;
    if (shaped_fired[rule] > cap) continue;
    f[block.first].used = true;
    blocks.push_back(block);
  }

  // A gallery's first caption: a run of credit-less captions takes the caption-shaped paragraph right
  // above it when the line above that is not prose (a heading, a list's announcement, another caption).
  // Galleries are set as consecutive captions; a paragraph introducing one is prose under prose.
  if (limits.shape_only_rules && !shaped.empty()) {
    std::vector<char> caption_at(n, 0);
    for (const auto& [block, rule] : shaped) caption_at[block.first] = f[block.first].used ? 1 : 0;
    size_t heads = 0;
    for (size_t i = 1; i + kShape.gallery_run < n && heads < kShapeRuleCap; ++i) {
      const Features& x = f[i];
      bool run = true;
      for (size_t k = 1; k <= kShape.gallery_run; ++k) run = run && caption_at[i + k];
      if (!run || x.used || x.byline || x.has_quote || (IsBodyLike(f[i - 1]) && !f[i - 1].used) ||
          x.words < kShape.action_min_words || x.words > kShape.action_max_words ||
          x.sentences > kShape.action_max_sentences || EndsWithColon(x.text) || HasReportingVerb(x.text)) {
        continue;
      }
      CaptionBlock block;
      block.first = block.last = i;
      block.text = x.text;
      block.rule = "gallery_head";
      f[i].used = true;
      ++heads;
      blocks.push_back(block);
    }
  }

  // Pull quotes: 'Jane Roe: "words from the article"' set apart and repeating words of the body. Layout,
  // not article text; the duplicate check only runs when such a paragraph exists.
  if (limits.shape_only_rules) {
    std::vector<size_t> pull_quotes;
    for (size_t i = 0; i < n; ++i) {
      if (!f[i].used && f[i].words >= 6 && f[i].words <= 50 && f[i].has_quote && IsNameColonQuote(f[i].text)) {
        pull_quotes.push_back(i);
      }
    }
    if (!pull_quotes.empty() && pull_quotes.size() <= limits.max_blocks_per_rule) {
      std::vector<uint64_t> quote_grams;
      std::vector<uint64_t> grams;
      for (size_t q : pull_quotes) {
        quote_grams.clear();
        AddWordGrams(f[q].text, &quote_grams);
        std::sort(quote_grams.begin(), quote_grams.end());
        bool repeated = false;
        for (size_t j = 0; j < n && !repeated; ++j) {
          repeated = j != q && !f[j].used && SharesWordGram(f[j].text, quote_grams, &grams);
        }
        if (!repeated) continue;
        CaptionBlock block;
        block.first = block.last = q;
        block.text = f[q].text;
        block.rule = "pull_quote";
        f[q].used = true;
        blocks.push_back(block);
      }
    }
  }

  // Gallery captions repeat their event description ("during the league final at Rowan Park in ..."):
  // a short paragraph sharing a run of six words with a caption already found is a caption too.
  if (!blocks.empty() && limits.shape_only_rules) {
    std::vector<uint64_t> caption_grams;
    for (const CaptionBlock& b : blocks) AddWordGrams(b.text, &caption_grams);
    std::sort(caption_grams.begin(), caption_grams.end());
    size_t sibling_count = 0;
    std::vector<uint64_t> grams;
    for (size_t i = 0; i < n && sibling_count < limits.max_blocks_per_rule; ++i) {
      if (f[i].used || f[i].words < 8 || f[i].words > 60 || f[i].has_quote || f[i].byline ||
          !OpensWithPresentAction(f[i].text)) {
        continue;
      }
      if (!SharesWordGram(f[i].text, caption_grams, &grams)) continue;
      CaptionBlock block;
      block.first = block.last = i;
      block.text = f[i].text;
      block.rule = "sibling_caption";
      f[i].used = true;
      ++sibling_count;
      blocks.push_back(block);
    }
  }
  std::sort(blocks.begin(), blocks.end(), [](const CaptionBlock& a, const CaptionBlock& b) { return a.first < b.first; });
  return blocks;
}

}  // namespace copydesk::stages::captions
