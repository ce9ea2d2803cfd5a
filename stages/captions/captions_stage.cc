#include "stages/captions/captions_stage.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "stages/captions/caption_detector.h"
#include "stages/captions/credit_finder.h"
#include "stages/captions/credit_lexicon.h"
#include "stages/captions/credit_parser.h"
#include "stages/captions/text_scan.h"

namespace copydesk::stages {
namespace {

using captions::CaptionBlock;
using captions::CreditLexicon;

constexpr std::array<ConfigKey, 3> kKeys = {{
    {"max_blocks_per_rule", KeyType::kInt, "12",
     "Most caption blocks one detection rule may take out of one article's body.", 0},
    {"max_caption_words", KeyType::kInt, "80", "Longest caption text, in words, a block may have.", 1},
    {"shape_rules", KeyType::kBool, "true",
     "Also detect captions that carry no credit and no caption label, by their shape and neighbours."},
}};

void FillCredit(std::string_view raw, const CreditLexicon& lexicon, v1::Credit* credit) {
  credit->set_raw(std::string(raw));
  captions::ParsedCredit parsed = captions::ParseCredit(raw, lexicon);
  for (std::string& name : parsed.photographers) credit->add_photographers(std::move(name));
  credit->set_agency(std::move(parsed.agency));
  credit->set_distributor(std::move(parsed.distributor));
}

// Reports the bytes of paragraph `p` that none of the block's views covers, when they hold a word.
void ReportLeftover(std::string_view p, const CaptionBlock& b, v1::CleaningReport* report) {
  std::vector<char> covered(p.size(), 0);
  for (std::string_view part : {b.headline, b.text, b.credit}) {
    if (part.empty() || part.data() < p.data() || part.data() + part.size() > p.data() + p.size()) continue;
    const size_t at = static_cast<size_t>(part.data() - p.data());
    std::fill(covered.begin() + static_cast<std::ptrdiff_t>(at),
              covered.begin() + static_cast<std::ptrdiff_t>(at + part.size()), 1);
  }
  size_t i = 0;
  while (i < p.size()) {
    if (covered[i]) {
      ++i;
      continue;
    }
    size_t start = i;
    bool word = false;
    for (; i < p.size() && !covered[i]; ++i) word = word || captions::IsWordByte(p[i]);
    if (!word) continue;
    v1::RemovedSpan* span = report->add_removed();
    span->set_text(std::string(captions::TrimSpaces(p.substr(start, i - start))));
    span->set_reason(v1::RemovedSpan::PAGE_CHROME);
  }
}

class CaptionsStage final : public Stage {
 public:
  CaptionsStage(std::shared_ptr<const CreditLexicon> lexicon, captions::DetectorLimits limits)
      : lexicon_(std::move(lexicon)), limits_(limits) {}

  std::string_view name() const override { return "captions"; }

  StageResult Transform(Article& article) const override {
    v1::EnrichedArticle& out = article.out;
    const int count = out.paragraphs_size();
    std::vector<std::string_view> texts;
    texts.reserve(static_cast<size_t>(count));
    for (const v1::Paragraph& p : out.paragraphs()) texts.push_back(p.text());
    std::vector<CaptionBlock> blocks = captions::DetectCaptions(texts, *lexicon_, limits_, {article.scratch.byline_breaks});
    const std::vector<CaptionCandidate>& candidates = article.scratch.caption_candidates;
    if (blocks.empty() && candidates.empty()) return StageResult::Continue();

    // kept_before[i]: body paragraphs kept before input paragraph i, i.e. the output index of paragraph i.
    std::vector<char> removed(static_cast<size_t>(count), 0);
    for (const CaptionBlock& b : blocks) {
      for (size_t i = b.first; i <= b.last; ++i) removed[i] = 1;
    }
    std::vector<uint32_t> kept_before(static_cast<size_t>(count) + 1, 0);
    for (size_t i = 0; i < static_cast<size_t>(count); ++i) kept_before[i + 1] = kept_before[i] + (removed[i] ? 0 : 1);

    struct Pending {
      uint32_t position;
      size_t order;
      v1::Caption caption;
    };
    std::vector<Pending> pending;
    pending.reserve(blocks.size() + candidates.size());
    for (const CaptionBlock& b : blocks) {
      Pending p{kept_before[b.first], pending.size(), {}};
      p.caption.set_headline(std::string(b.headline));
      p.caption.set_text(std::string(b.text));
      if (!b.credit.empty()) FillCredit(b.credit, *lexicon_, p.caption.mutable_credit());
      p.caption.set_credit_shared(b.credit_shared);
      pending.push_back(std::move(p));
    }
    for (const CaptionCandidate& c : candidates) {
      uint32_t at = std::min<uint32_t>(c.position, static_cast<uint32_t>(count));
      Pending p{kept_before[at], pending.size(), {}};
      p.caption.set_headline(c.headline);
      std::string_view text = c.text;
      std::string_view credit = c.credit;
      if (credit.empty()) {
        captions::CreditSpan span = captions::FindTrailingCredit(text, *lexicon_);
        if (static_cast<int>(span.strength) >= static_cast<int>(captions::CreditStrength::kMedium)) {
          credit = captions::TrimSpaces(text.substr(span.begin, span.end - span.begin));
          text = captions::TrimSpaces(text.substr(0, span.begin));
        }
      }
      p.caption.set_text(std::string(text));
      if (!credit.empty()) FillCredit(credit, *lexicon_, p.caption.mutable_credit());
      pending.push_back(std::move(p));
    }
    // A block's paragraphs may hold more than its headline, text and credit: a caption label ("Image
    // caption", "Caption:") is layout, not caption. It is reported as removed, so that every word of the
    // body ends up somewhere a consumer can see.
    for (const CaptionBlock& b : blocks) {
      for (size_t i = b.first; i <= b.last; ++i) ReportLeftover(texts[i], b, out.mutable_cleaning());
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Pending& a, const Pending& b) { return a.position < b.position; });
    for (Pending& p : pending) {
      p.caption.set_position(p.position);
      *out.add_captions() = std::move(p.caption);
    }

    // Compact the body in place, keeping its order.
    auto* paragraphs = out.mutable_paragraphs();
    int write = 0;
    for (int read = 0; read < count; ++read) {
      if (removed[static_cast<size_t>(read)]) continue;
      if (write != read) paragraphs->SwapElements(write, read);
      ++write;
    }
    while (paragraphs->size() > write) paragraphs->RemoveLast();
    return StageResult::Continue();
  }

 private:
  std::shared_ptr<const CreditLexicon> lexicon_;
  captions::DetectorLimits limits_;
};

}  // namespace

StageDescriptor CaptionsStageDescriptor() {
  return StageDescriptor{
      "captions",
      "Moves photo caption blocks (headline, caption, credit) out of the body and parses every credit.",
      kKeys,
      [](const StageOptions& options) -> StatusOr<std::unique_ptr<Stage>> {
        captions::DetectorLimits limits;
        limits.max_blocks_per_rule = static_cast<size_t>(options.GetInt("max_blocks_per_rule"));
        limits.max_caption_words = static_cast<size_t>(options.GetInt("max_caption_words"));
        limits.shape_only_rules = options.GetBool("shape_rules");
        StatusOr<CreditLexicon> lexicon = CreditLexicon::FromEmbeddedData();
        if (!lexicon.ok()) return lexicon.status();
        return std::unique_ptr<Stage>(
            new CaptionsStage(std::make_shared<const CreditLexicon>(std::move(lexicon).value()), limits));
      },
      /*in_default_chain=*/true, /*reads=*/{Facet::kBody}, /*writes=*/{Facet::kBody, Facet::kCaptions},
  };
}

}  // namespace copydesk::stages
