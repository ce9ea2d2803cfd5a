// Boilerplate classification: decides whether one body paragraph is not the article (a syndication
// note, an advertisement marker, a share or subscribe prompt, a related link, a copyright footer, a
// reporting-credits trailer, a gallery counter, cookie or comment chrome) and why.
//
// Contract
// - Rules are the phrase lexicon boilerplate.tsv (whole-paragraph RE2 patterns with a reason and a zone),
//   together with paragraph features: only paragraphs of at most max_chars bytes are candidates, zones
//   restrict rules to the head or tail of the body, and (HTML) link density marks link lists.
//   Conservative: a paragraph that no rule matches is kept.
// - A syndication note's news organisation is returned, canonicalised through stages/text/news_organizations.tsv
//   (else the span the rule marks, without a leading "the"), for EnrichedArticle.sources.
// - Immutable after Create; Classify is thread-safe and linear in the paragraph length.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "common/status.h"
#include "copydesk/v1/enriched_article.pb.h"


namespace copydesk::stages::clean {

struct Verdict {
  bool remove = false;
  v1::RemovedSpan::Reason reason = v1::RemovedSpan::REASON_UNSPECIFIED;
  std::string organisation;  // syndication notes only; may be empty
};

class BoilerplateClassifier {
 public:
  static StatusOr<std::shared_ptr<const BoilerplateClassifier>> Create(std::string_view lexicon,
                                                                       std::string_view organisations,
                                                                       size_t max_chars);
  ~BoilerplateClassifier();

  // `index` of `count` body paragraphs.
  Verdict Classify(std::string_view paragraph, size_t index, size_t count) const;

  // The canonical news organisation named in `text`, or "".
  std::string FindOrganisation(std::string_view text) const;

  // True when `text` is a credit line naming news organisations and nothing else ("- AFP", "With files
  // from Reuters"); a person's name beside it ("Jane Roe/AFP") makes it false.
  bool NamesOnlyAnOrganisation(std::string_view text) const;

 private:
  enum class Zone { kAny, kHead, kTail, kEdge };
  struct Rule {
    v1::RemovedSpan::Reason reason;
    Zone zone;
    bool needs_organisation = false;
    bool organisation_only = false;
    std::unique_ptr<re2::RE2> pattern;
  };
  struct Spelling {
    std::string as_written;
    std::string lower;
  };
  struct Organisation {
    std::string canonical;
    std::vector<Spelling> spellings;  // the canonical name included
  };
  BoilerplateClassifier() = default;

  std::vector<Rule> rules_;
  std::unique_ptr<re2::RE2::Set> set_;
  std::vector<Organisation> organisations_;
  size_t max_chars_ = 0;
};

}  // namespace copydesk::stages::clean
