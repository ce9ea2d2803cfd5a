// Credit parsing: one photo credit line, as written, into photographers, agency and distributor.
//
// Contract
// - Input: the credit alone ("Jane Roe/AFP via Getty Images", "(AP Photo/Jane Roe)"), not the
//   caption around it. Output fields follow EnrichedArticle's Credit: photographers as written, in order;
//   agency as the lexicon's canonical name when known, else as written; distributor only for
//   "X via Y" and "Name/Agency/Distributor". A trailing date ("/April 2, 2023") and an opening bracket the
//   page never closed ("(JANE ROE, AFP") are dropped.
// - Labels ("Photo by", "Credit:", "Courtesy of", "©"), qualifiers ("file", "Pool", "Handout") and wrapping
//   brackets are dropped. Doubled credits ("(Photo by X/AFP) (Photo by X/AFP via Getty Images)") yield the
//   most complete reading.
// - Agencies are recognised from the lexicon only as whole separator-delimited parts or whole trailing
//   words, never inside a word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stages/captions/credit_lexicon.h"

namespace copydesk::stages::captions {

struct ParsedCredit {
  std::vector<std::string> photographers;
  std::string agency;
  std::string distributor;
};

ParsedCredit ParseCredit(std::string_view raw, const CreditLexicon& lexicon);

// True when `s` reads as a person's name or a short proper name: 1 to 6 words, each capitalised, an
// initial, or a name particle ("de", "van", "al-"), made of letters, periods, hyphens and apostrophes.
bool LooksLikeName(std::string_view s);

enum class LabelKind { kNone, kNeutral, kPerson, kOrg };

// Strips the labels that open a credit ("Photo by", "Credit...", "Courtesy of", "©", "Photo:") from *s and
// returns the most telling kind seen (a photographer follows kPerson; an owner follows kOrg).
LabelKind StripCreditLabels(std::string_view* s, const CreditLexicon& lexicon);

// Drops a date closing a credit after a separator ("Jane Roe/Acme/April 2, 2023" -> "Jane Roe/Acme"): a date
// names neither photographer nor agency. Leaves `s` (trimmed) when no such date closes it.
std::string_view StripTrailingDate(std::string_view s);

// Removes wrapping brackets "( )" / "[ ]" and a period after them; trims spaces.
std::string_view StripWrapping(std::string_view s);

}  // namespace copydesk::stages::captions
