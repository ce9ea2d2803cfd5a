// Credit finding: does a string read as a photo credit, and where does a credit sit in a paragraph?
//
// Contract
// - RateCredit(s): how strongly the whole of `s` reads as a credit.
//     kStrong     a label or a bracket group with a known agency ("Photo: Jane Roe", "(AP Photo/Jane Roe)",
//                 "Jane Roe/Reuters", "X via Getty Images", "AP Image")
//     kMedium     a name with a known agency or "file" ("Jane Roe, Reuters", "JANE ROE Associated Press"),
//                 a bracketed name in capitals and an owner ("(JANE ROE, Harbour Daily)"), or a phrase
//                 that is a whole credit ("Submitted photo")
//     kBareAgency a known agency alone ("Reuters"): a credit only next to a caption
//     kWeak       a short proper name or "Name/Org" with an unknown org ("Plotwise", "Jane Roe/Acme")
//   Sentences (lower-case words, quotes, more than 16 words) rate kNone.
// - FindTrailingCredit(p): the best-rated credit glued to the end of paragraph `p`, starting after a
//   sentence end, at a label, a bracket group or "©"; the caption is p[0, begin).
// - FindLeadingCredit(p): "STAFF PHOTO BY JANE ROE Caption text..." — a capitalised label and name
//   opening the paragraph; the caption is p[end, size).
// - Work is bounded: only the last kTailBytes of a paragraph are examined.
#pragma once

#include <cstddef>
#include <string_view>

#include "stages/captions/credit_lexicon.h"

namespace copydesk::stages::captions {

enum class CreditStrength { kNone = 0, kWeak = 1, kBareAgency = 2, kMedium = 3, kStrong = 4 };

inline constexpr size_t kTailBytes = 160;

CreditStrength RateCredit(std::string_view s, const CreditLexicon& lexicon);

struct CreditSpan {
  size_t begin = 0;
  size_t end = 0;
  CreditStrength strength = CreditStrength::kNone;
  bool found() const { return strength != CreditStrength::kNone; }
};

CreditSpan FindTrailingCredit(std::string_view paragraph, const CreditLexicon& lexicon);
CreditSpan FindLeadingCredit(std::string_view paragraph, const CreditLexicon& lexicon);

}  // namespace copydesk::stages::captions
