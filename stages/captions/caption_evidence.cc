#include "stages/captions/caption_evidence.h"

#include <algorithm>

#include "stages/captions/caption_detector.h"
#include "stages/captions/credit_finder.h"
#include "stages/captions/prose_marks.h"

namespace copydesk::stages::captions {

int CaptionScore(const Features& f, const Side& side, const CreditLexicon& lexicon) {
  const CaptionEvidence& e = kEvidence;
  if (f.used || f.byline || f.words == 0 || f.words > e.max_words || EndsWithColon(f.text)) return 0;
  const CreditSpan own = FindTrailingCredit(f.text, lexicon);
  if (own.found() && (static_cast<int>(own.strength) >= static_cast<int>(CreditStrength::kMedium) ||
                      (!f.has_quote && f.words <= e.weak_own_credit_words))) {
    return 0;  // a credit of its own: another block
  }
  if (f.text.size() <= e.credit_bytes && RateCredit(f.text, lexicon) != CreditStrength::kNone &&
      RateCredit(f.text, lexicon) != CreditStrength::kWeak) {
    return 0;  // another credit
  }
  if (StartsWithDateline(f.text)) return 0;  // "CITY (AP) — ...": the story's first paragraph
  const bool marked = lexicon.Contains(f.text, WordKind::kCaptionMarker);
  const bool labelled = StripCaptionLabel(f.text, lexicon).size() != f.text.size();
  const bool action = OpensWithPresentAction(f.text);
  const bool long_prose =
      f.ends_sentence && !marked && !action &&
      (side.before_credit ? f.words >= e.long_before_min_words &&
                                (side.strict || f.has_quote || f.words >= e.long_before_words ||
                                 f.sentences >= e.long_before_sentences)
                          : f.words > (side.strict ? e.long_after_strict_words : e.long_after_words));
  int score = e.base;
  if (f.lower_words >= 2) score += e.sentence;
  if (f.words <= e.caption_words && (f.lower_words >= 2 || (f.words >= 2 && f.words <= 3))) {
    score += e.caption_length;
  }
  if (marked) score += e.marker;
  if (labelled) score += e.label;
  if (side.headline_above) score += e.headline_above;
  if (side.above_byline) score += e.above_byline;
  if (HasPictureDate(f.text)) score += e.picture_date;
  if (long_prose) score -= e.long_prose;
  if (!marked && HasReportingVerb(f.text)) score -= e.reporting_verb;
  if (f.has_quote) score -= e.quote;
  return std::max(score, 0);
}

}  // namespace copydesk::stages::captions
