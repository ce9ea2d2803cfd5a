// The stage interface: one pure transform of the in-flight article.
//
// Contract
// - A stage reads what earlier stages wrote into `article.out` (and `article.scratch`) and adds its own
//   fields. It edits another stage's output only where the contract says so (cleaning removes lines;
//   captions move blocks out of the body).
// - No Kafka, no threads, no I/O, no global mutable state: `Transform` is const and is called concurrently
//   from several threads on different articles.
// - Outcome: Continue, or Fail(reason) — the article then goes to the dead-letter topic with the stage's
//   name and the reason. A stage never throws across this boundary; the chain turns a stray exception into
//   a failure all the same.
// - Bad input (binary, huge, deeply nested) must end in Fail or a correct result in time linear in the
//   input size.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "copydesk/v1/enriched_article.pb.h"
#include "copydesk/v1/raw_article.pb.h"
#include "stages/scratch.h"

namespace copydesk::stages {

// A part of the article that one stage writes and a later one reads. Each StageDescriptor lists the
// facets its stage reads and writes, and Chain::ValidateSpec refuses an order in which a stage reads a
// facet no earlier stage wrote (attribution before clean would find no paragraphs and silently yield no
// quotes), or rewrites one an earlier stage already read (captions after attribution would move
// paragraphs under the quotes' locations).
enum class Facet : uint8_t {
  kDecoded,            // article.raw: title, text or html as decoded from the record; there before any stage
  kTitle,              // out.title
  kBody,               // out.paragraphs: the body, one paragraph each
  kCaptionCandidates,  // scratch.caption_candidates: image blocks found by markup
  kCaptions,           // out.captions, taken out of the body
  kQuotes,             // out.quotes
  kSources,            // out.sources (keep last: kFacetCount counts up to it)
};
inline constexpr int kFacetCount = static_cast<int>(Facet::kSources) + 1;

// For error messages, in Facet order.
inline constexpr std::array<std::string_view, kFacetCount> kFacetNames = {
    "the decoded record", "the title", "body paragraphs", "caption candidates", "captions", "quotes", "sources"};
static_assert(!kFacetNames.back().empty(), "one name per Facet");

constexpr std::string_view FacetName(Facet facet) { return kFacetNames[static_cast<size_t>(facet)]; }

// A set of facets.
class Facets {
 public:
  constexpr Facets() = default;
  constexpr Facets(std::initializer_list<Facet> facets) {  // NOLINT: implicit, for descriptor tables
    for (Facet f : facets) bits_ |= Bit(f);
  }
  constexpr bool Has(Facet f) const { return (bits_ & Bit(f)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr Facets& operator|=(Facets other) {
    bits_ |= other.bits_;
    return *this;
  }

 private:
  static constexpr uint32_t Bit(Facet f) { return uint32_t{1} << static_cast<int>(f); }
  uint32_t bits_ = 0;
};

// What decoding a record provides before the first stage runs.
inline constexpr Facets kDecodedFacets = {Facet::kDecoded};

// The article as it travels the chain: the immutable input and the output under construction.
struct Article {
  const v1::RawArticle& raw;
  v1::EnrichedArticle& out;
  Scratch scratch;  // transient state one stage hands to a later one; never published
};

class StageResult {
 public:
  static StageResult Continue() { return StageResult(); }
  static StageResult Fail(std::string reason) {
    StageResult r;
    r.failed_ = true;
    r.reason_ = std::move(reason);
    return r;
  }
  bool failed() const { return failed_; }
  const std::string& reason() const { return reason_; }

 private:
  bool failed_ = false;
  std::string reason_;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // The registry name ("clean", "captions", ...); used in provenance, metrics and dead-letter headers.
  virtual std::string_view name() const = 0;
  virtual StageResult Transform(Article& article) const = 0;
};

}  // namespace copydesk::stages
