#include "stages/clean/clean_stage.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "stages/clean/boilerplate.h"
#include "stages/clean/html_extract.h"
#include "stages/clean/paragraphs.h"
#include "stages/clean/text_repair.h"
#include "stages/text/sentence.h"
#include "stages/text/utf8.h"

namespace copydesk::embedded {
std::string_view clean_boilerplate();
std::string_view news_organizations();
std::string_view clean_html_entities();
std::string_view clean_html_chrome();
std::string_view clean_mojibake_classes();
std::string_view clean_mojibake_rules();
}  // namespace copydesk::embedded

namespace copydesk::stages {
namespace {

using clean::BoilerplateClassifier;
using clean::HtmlExtractor;
using clean::RepairCounts;
using clean::TextRepairer;

constexpr std::array<ConfigKey, 11> kKeys = {{
    {"max_bytes", KeyType::kInt, "33554432",
     "Fail articles whose text or html is larger than this many bytes (they go to the dead-letter topic).", 1},
    {"max_boilerplate_chars", KeyType::kInt, "400",
     "Only paragraphs up to this many bytes can be removed as boilerplate; longer ones are always prose.", 0},
    {"remove_boilerplate", KeyType::kBool, "true", "Remove boilerplate paragraphs into cleaning.removed."},
    {"repair_mojibake", KeyType::kBool, "true", "Re-decode text that was UTF-8 read as a legacy code page."},
    {"decode_entities", KeyType::kBool, "true", "Decode HTML character references in text input."},
    {"max_link_density", KeyType::kDouble, "0.5",
     "HTML input: a block with a larger share of link text and at most max_boilerplate_chars bytes is "
     "removed as RELATED_LINK.", 0, 1},
    {"link_sentence_words", KeyType::kInt, "6",
     "HTML input: a link-heavy block that ends a sentence (. ! ?) with at least this many words is prose, "
     "not a RELATED_LINK (0: never).", 0},
    {"html_sibling_ratio", KeyType::kDouble, "0.2",
     "HTML input: a sibling of the best-scoring container, or another copy of its template (a body split "
     "into chunks), joins the article when it scores at least this share of the best score.", 0, 1},
    {"html_prose_words", KeyType::kInt, "16",
     "HTML input: a paragraph of prose (a sibling joining the article, a block of the recall pass, a gallery "
     "caption) has at least this many words.", 0},
    {"html_link_list_share", KeyType::kDouble, "0.3",
     "HTML input: a list of three or more items that each hold a link is a link list (dropped with its "
     "heading) when at least this share of its text is link text.", 0, 1},
    {"html_chunk_levels", KeyType::kInt, "2",
     "HTML input: a body split into copies of one template is looked for at the best container and this "
     "many levels of wrappers in all (0: never).", 0, 8},
}};

// Share of bytes that no text contains (NUL and C0 controls other than TAB, LF, CR, FF, ESC, SUB) above
// which the input is taken for binary.
constexpr double kMaxControlShare = 0.05;
constexpr size_t kMinControlBytes = 8;

constexpr size_t kBinarySample = 64 << 10;  // binary shows in its first bytes; no need to read 20 MB

bool LooksBinary(std::string_view input) {
  input = input.substr(0, kBinarySample);
  size_t controls = 0;
  for (char ch : input) {
    auto c = static_cast<unsigned char>(ch);
    controls += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A && c != 0x1B;
  }
  return controls >= kMinControlBytes &&
         static_cast<double>(controls) > kMaxControlShare * static_cast<double>(input.size());
}

// A link-heavy block that reads as a sentence ("The inquiry, reopened in May, [is expected to report]
// in the spring.") is prose with a link in it; a list of links ("Profile: the minister") does not end
// one. trafilatura tests link density on short elements only, for the same reason.
bool IsLinkedSentence(std::string_view paragraph, size_t min_words) {
  return min_words > 0 && text::EndsWithSentencePunctuation(paragraph) && text::CountWords(paragraph) >= min_words;
}

struct Settings {
  int64_t max_bytes;
  size_t max_boilerplate_chars;
  bool remove_boilerplate;
  double max_link_density;
  size_t link_sentence_words;
};

class CleanStage final : public Stage {
 public:
  CleanStage(Settings settings, TextRepairer repairer, std::shared_ptr<const BoilerplateClassifier> boilerplate,
             std::shared_ptr<const HtmlExtractor> html)
      : settings_(settings), repairer_(std::move(repairer)), boilerplate_(std::move(boilerplate)),
        html_(std::move(html)) {}

  std::string_view name() const override { return "clean"; }

  StageResult Transform(Article& article) const override {
    const v1::RawArticle& raw = article.raw;
    const bool is_html = !raw.html().empty();
    const std::string& input = is_html ? raw.html() : raw.text();
    if (input.empty()) return StageResult::Fail("empty article: neither text nor html is set");
    if (static_cast<int64_t>(input.size()) > settings_.max_bytes) {
      return StageResult::Fail(std::string(is_html ? "html" : "text") + " is " + std::to_string(input.size()) +
                               " bytes, above max_bytes " + std::to_string(settings_.max_bytes));
    }
    if (LooksBinary(input)) return StageResult::Fail("input looks binary: too many control bytes");

    RepairCounts counts;
    std::string title = text::CollapseWhitespace(repairer_.Repair(raw.title(), &counts));
    std::vector<std::string> paragraphs;
    std::vector<double> link_density;
    std::vector<uint32_t> block_of;  // HTML: the block each paragraph came from
    size_t markup_removed = 0;
    std::vector<CaptionCandidate> captions;
    if (is_html) {
      std::string repaired;
      std::string_view valid = input;
      if (!text::IsValidUtf8(input)) {
        counts.invalid_utf8 += text::RepairUtf8(input, &repaired);
        valid = repaired;
      }
      StatusOr<clean::HtmlArticle> page = html_->Extract(valid);
      if (!page.ok()) return StageResult::Fail(page.status().detail());
      markup_removed = page->elements_dropped;
      if (title.empty()) title = text::CollapseWhitespace(repairer_.Repair(page->title, &counts));
      for (const clean::HtmlBlock& block : page->blocks) {
        // Line breaks in HTML source are white space; <br> and block elements already split blocks.
        std::string p = clean::CollapseLine(repairer_.Repair(block.text, &counts));
        if (p.empty()) continue;
        paragraphs.push_back(std::move(p));
        link_density.push_back(block.link_density);
        block_of.push_back(static_cast<uint32_t>(&block - page->blocks.data()));
      }
      for (const clean::HtmlFigure& figure : page->figures) {
        CaptionCandidate candidate;
        candidate.text = text::CollapseWhitespace(repairer_.Repair(figure.text, &counts));
        candidate.credit = text::CollapseWhitespace(repairer_.Repair(figure.credit, &counts));
        candidate.position = static_cast<uint32_t>(figure.position);  // block index; remapped below
        captions.push_back(std::move(candidate));
      }
    } else {
      std::string text = repairer_.Repair(input, &counts);
      std::string_view body = text;
      if (title.empty()) {
        // The headline is the first non-blank line; the body starts after it. (Repair made every
        // line break a "\n".)
        size_t start = 0;
        while (start < text.size() && title.empty()) {
          size_t end = std::min(text.find('\n', start), text.size());
          title = text::CollapseWhitespace(std::string_view(text).substr(start, end - start));
          start = end + 1;
        }
        body = std::string_view(text).substr(std::min(start, text.size()));
      }
      paragraphs = clean::SegmentParagraphs(body);
      link_density.assign(paragraphs.size(), 0.0);
    }

    v1::EnrichedArticle& out = article.out;
    v1::CleaningReport* report = out.mutable_cleaning();
    std::set<std::string> sources;
    for (const v1::NewsSource& s : out.sources()) sources.insert(s.name());
    std::vector<uint32_t> kept_block;  // HTML: the block of each kept paragraph, in order
    for (size_t i = 0; i < paragraphs.size(); ++i) {
      clean::Verdict verdict;
      if (settings_.remove_boilerplate) {
        verdict = boilerplate_->Classify(paragraphs[i], i, paragraphs.size());
        if (!verdict.remove && link_density[i] > settings_.max_link_density &&
            paragraphs[i].size() <= settings_.max_boilerplate_chars &&
            !IsLinkedSentence(paragraphs[i], settings_.link_sentence_words)) {
          verdict.remove = true;
          verdict.reason = v1::RemovedSpan::RELATED_LINK;
        }
      }
      if (!verdict.remove) {
        out.add_paragraphs()->set_text(std::move(paragraphs[i]));
        if (is_html) kept_block.push_back(block_of[i]);
        continue;
      }
      if (verdict.reason == v1::RemovedSpan::REPORTING_CREDITS) {
        const auto next_kept = static_cast<uint32_t>(out.paragraphs_size());
        std::vector<uint32_t>& breaks = article.scratch.byline_breaks;
        if (breaks.empty() || breaks.back() != next_kept) breaks.push_back(next_kept);
      }
      v1::RemovedSpan* removed = report->add_removed();
      removed->set_text(paragraphs[i]);
      removed->set_reason(verdict.reason);
      if (!verdict.organisation.empty() && sources.insert(verdict.organisation).second) {
        v1::NewsSource* source = out.add_sources();
        source->set_name(verdict.organisation);
        source->set_cue("syndication note");
      }
    }
    // HTML: a figure stood before a block; its position is the first kept paragraph from that block or
    // a later one.
    if (is_html) {
      for (CaptionCandidate& c : captions) {
        if (c.text.empty() && c.credit.empty()) continue;
        c.position = static_cast<uint32_t>(
            std::lower_bound(kept_block.begin(), kept_block.end(), c.position) - kept_block.begin());
        article.scratch.caption_candidates.push_back(std::move(c));
      }
    }
    if (title.empty() && out.paragraphs_size() == 0) {
      return StageResult::Fail("no text left after cleaning");
    }
    out.set_title(std::move(title));
    report->set_invalid_utf8_repaired(static_cast<uint32_t>(counts.invalid_utf8));
    report->set_mojibake_repaired(static_cast<uint32_t>(counts.mojibake));
    report->set_entities_decoded(static_cast<uint32_t>(counts.entities));
    report->set_control_chars_removed(static_cast<uint32_t>(counts.control_chars));
    report->set_markup_removed(static_cast<uint32_t>(markup_removed));
    return StageResult::Continue();
  }

 private:
  Settings settings_;
  TextRepairer repairer_;
  std::shared_ptr<const BoilerplateClassifier> boilerplate_;
  std::shared_ptr<const HtmlExtractor> html_;
};

}  // namespace

StageDescriptor CleanStageDescriptor() {
  return StageDescriptor{
      "clean",
      "Repairs encoding (invalid UTF-8, mojibake, entities, invisibles, NFC), extracts the article from "
      "HTML, splits paragraphs and removes boilerplate with an audit trail.",
      kKeys,
      [](const StageOptions& options) -> StatusOr<std::unique_ptr<Stage>> {
        Settings settings;
        settings.max_bytes = options.GetInt("max_bytes");
        settings.max_boilerplate_chars = static_cast<size_t>(options.GetInt("max_boilerplate_chars"));
        settings.remove_boilerplate = options.GetBool("remove_boilerplate");
        settings.max_link_density = options.GetDouble("max_link_density");
        settings.link_sentence_words = static_cast<size_t>(options.GetInt("link_sentence_words"));

        StatusOr<clean::EntityDecoder> entities = clean::EntityDecoder::Parse(embedded::clean_html_entities());
        if (!entities.ok()) return entities.status();
        auto mojibake = clean::MojibakeRepairer::Create(embedded::clean_mojibake_classes(),
                                                        embedded::clean_mojibake_rules());
        if (!mojibake.ok()) return mojibake.status();
        auto boilerplate = BoilerplateClassifier::Create(embedded::clean_boilerplate(),
                                                         embedded::news_organizations(),
                                                         settings.max_boilerplate_chars);
        if (!boilerplate.ok()) return boilerplate.status();
        clean::HtmlExtractOptions html_options;
        html_options.sibling_ratio = options.GetDouble("html_sibling_ratio");
        html_options.link_list_share = options.GetDouble("html_link_list_share");
        html_options.prose_words = static_cast<size_t>(options.GetInt("html_prose_words"));
        html_options.chunk_template_levels = static_cast<int>(options.GetInt("html_chunk_levels"));
        auto html = HtmlExtractor::Create(embedded::clean_html_chrome(), html_options);
        if (!html.ok()) return html.status();
        clean::RepairOptions repair;
        repair.decode_entities = options.GetBool("decode_entities");
        repair.repair_mojibake = options.GetBool("repair_mojibake");
        TextRepairer repairer(std::move(entities.value()), std::move(mojibake.value()), repair);
        return std::unique_ptr<Stage>(new CleanStage(settings, std::move(repairer), std::move(boilerplate.value()),
                                                     std::move(html.value())));
      },
      /*in_default_chain=*/true, /*reads=*/{Facet::kDecoded},
      /*writes=*/{Facet::kTitle, Facet::kBody, Facet::kCaptionCandidates, Facet::kSources},
  };
}

}  // namespace copydesk::stages
