// Hand-written rule matcher: the patterns are positional over a handful of tokens around a cue, which
// regular expressions over text (RE2) cannot express once quotations are single units and speaker
// mentions need lexicon roles.
#include "stages/attribution/speech_patterns.h"

#include <array>
#include <span>
#include <string>

namespace copydesk::stages::attribution {
namespace {

constexpr uint32_t kMaxSpeakerWords = 10;
constexpr uint32_t kMaxListenerWords = 6;
// "told <listener and setting> that": how far the "that" may stand from "told".
constexpr uint32_t kMaxToldThatWords = 13;
constexpr uint32_t kMaxAppositiveTokens = 30;
constexpr uint32_t kNone = UINT32_MAX;

struct CueHit {
  uint32_t k = 0;  // first token of the cue
  uint32_t n = 1;  // words in the cue
  const CueEntry* entry = nullptr;
};

// The token ranges an attribution's content is made of: one, or two around a split attribution ("Q1,"
// X said, "Q2."). Fixed storage: a vector here cost two allocations per attribution.
class Pieces {
 public:
  Pieces() = default;
  Pieces(uint32_t begin, uint32_t end) { Add(begin, end); }
  void Add(uint32_t begin, uint32_t end) {
    if (size_ < ranges_.size()) ranges_[size_++] = {begin, end};
  }
  bool empty() const { return size_ == 0; }
  const std::pair<uint32_t, uint32_t>& back() const { return ranges_[size_ - 1]; }
  const std::pair<uint32_t, uint32_t>* begin() const { return ranges_.data(); }
  const std::pair<uint32_t, uint32_t>* end() const { return ranges_.data() + size_; }

 private:
  std::array<std::pair<uint32_t, uint32_t>, 2> ranges_{};
  size_t size_ = 0;
};

// What the patterns decided for one cue, as token indices into the paragraph.
struct Analysis {
  CueHit cue;
  bool valid = false;
  bool postposed = false;      // content before the cue ("..., X said")
  bool inherit = false;        // participle: the speaker is the sentence's earlier speaker
  uint32_t speaker_a = kNone, speaker_b = kNone;
  uint32_t listener_a = kNone, listener_b = kNone;
  uint32_t anchor = 0;         // first token of the attribution's own words (speaker or cue)
  uint32_t region_end = 0;     // first token after the cue, speaker, listener and adjuncts
  uint32_t before_end = 0;     // postposed: one past the last content token before the attribution
  uint32_t after_begin = kNone;  // postposed: a second content piece after it (split quote, parenthetical)
  bool question = false;         // "Asked whether ...": the content is the question, up to the first comma
  bool noun = false;             // "Smith's criticism of ...": the content is the object, up to a comma
  bool relative = false;         // "X, who said ...": the speaker is the relative pronoun's antecedent
  bool directive = false;        // "urged voters to stay home": the content is an object and an infinitive
};

class SentenceMatcher {
 public:
  SentenceMatcher(std::string_view p, const std::vector<QuoteSpan>& quotes, const ParagraphTokens& tokens,
                  Sentence sentence)
      : p_(p), quotes_(quotes), t_(tokens.tokens), info_(tokens.info), first_(sentence.first),
        last_(sentence.last), cue_words_(tokens.cue_words.data() + sentence.first_cue,
                                         tokens.cue_words.data() + sentence.last_cue) {}

  void Run(size_t max_per_sentence, std::vector<FoundAttribution>* out) {
    if (EmitTranscriptTurn(out)) return;
    std::vector<CueHit> hits = FindCues();
    if (hits.empty()) {
      if (EmitPunctuationCue(out)) return;
      if (EmitVerbAfterQuote(out)) return;
      EmitQuoteOnlySentence(out);
      return;
    }
    std::vector<Analysis> analyses;
    analyses.reserve(hits.size());
    for (const CueHit& hit : hits) {
      Analysis a = Analyse(hit);
      if (a.valid) analyses.push_back(a);
    }
    DropVerbsInsideFinalAttribution(&analyses);
    DropCuesInsideReportedClause(&analyses);
    uint32_t content_start = first_;
    size_t emitted = 0;
    for (size_t i = 0; i < analyses.size() && emitted < max_per_sentence; ++i) {
      const Analysis& a = analyses[i];
      if (Names(a)) continue;
      FoundAttribution found;
      found.pattern = a.postposed ? "cue_after_content" : a.question ? "question_cue" : a.noun ? "speech_noun"
                                                                                            : "cue_before_content";
      found.frame = a.cue.entry->frame;
      found.cue = ByteRange{t_[a.cue.k].begin, t_[a.cue.k + a.cue.n - 1].end};
      if (a.speaker_a != kNone) found.speaker = ByteRange{t_[a.speaker_a].begin, t_[a.speaker_b - 1].end};
      if (a.listener_a != kNone) found.listener = ByteRange{t_[a.listener_a].begin, t_[a.listener_b - 1].end};
      found.inherit_speaker = a.inherit;
      // "..., said Jo Ames, 24, a nurse from Dover, who said ...": after an attribution in the same
      // sentence, "who" is its speaker, whom the appositives hide from the antecedent scan.
      if (a.relative && AnyEarlierSpeaker(analyses, i)) {
        found.speaker = ByteRange{};
        found.inherit_speaker = true;
      }
      if (a.inherit && !AnyEarlierSpeaker(analyses, i)) {
        // "Mayor Quill stepped in, noting that ...": the participle's speaker is the sentence's subject.
        auto [sa, sb] = SentenceSubject(a.anchor);
        if (sa != kNone) {
          found.speaker = ByteRange{t_[sa].begin, t_[sb - 1].end};
          found.inherit_speaker = false;
        }
      }
      Pieces pieces;
      if (a.postposed) {
        pieces.Add(content_start, a.before_end);
        if (a.after_begin != kNone) {
          uint32_t end = i + 1 < analyses.size() ? CutBefore(analyses[i + 1].anchor, a.after_begin) : last_;
          pieces.Add(a.after_begin, end);
          content_start = end;
        } else {
          content_start = a.region_end;
        }
      } else {
        uint32_t begin = SkipContentOpeners(a.region_end);
        uint32_t end = last_;
        size_t next = i + 1;
        // "X said Y's criticism of Z was unfair": a speech noun inside a reported clause is part of it
        // (and an attribution of its own, nested).
        if (a.cue.entry->frame == Frame::kSay || a.cue.entry->frame == Frame::kTell) {
          while (next < analyses.size() && analyses[next].noun) ++next;
        }
        if (next < analyses.size() && analyses[next].anchor > begin) end = CutBefore(analyses[next].anchor, begin);
        end = ClauseEnd(begin, end);
        if (OpensWithSubordinator(a.anchor)) end = SubordinateClauseEnd(begin, end);
        if (a.question || a.noun) {
          // Up to the comma that opens the main clause ("Asked about the plan, Smith said ...").
          for (uint32_t k = begin; k < end; ++k) {
            if (IsPunct(k, ',') && (a.noun || (IsWord(k + 1) && (Upper(k + 1) ||
                                                                 Role(k + 1) == WordRole::kPronounPerson ||
                                                                 Role(k + 1) == WordRole::kPronounGroup)))) {
              end = k;
              break;
            }
          }
        }
        pieces.Add(begin, end);
        content_start = end;
      }
      if (a.question && a.speaker_a == kNone) found.inherit_speaker = false;
      if (!FillContent(pieces, &found)) {
        if (found.speaker.empty()) continue;
        found.content_in_next_paragraph = !a.postposed && IsPunct(a.region_end, ':') && a.region_end + 1 == t_.size();
      }
      out->push_back(std::move(found));
      ++emitted;
    }
  }

 private:
  std::string_view Text(uint32_t k) const { return p_.substr(t_[k].begin, t_[k].end - t_[k].begin); }
  bool Upper(uint32_t k) const { return t_[k].upper; }
  bool IsWord(uint32_t k) const { return k < last_ && k >= first_ && t_[k].kind == TokenKind::kWord; }
  bool IsQuote(uint32_t k) const { return k < last_ && k >= first_ && t_[k].kind == TokenKind::kQuote; }
  bool IsPunct(uint32_t k, char c) const {
    return k < last_ && k >= first_ && t_[k].kind == TokenKind::kPunct && t_[k].punct == c;
  }
  bool IsEndPunct(uint32_t k) const { return IsPunct(k, '.') || IsPunct(k, '!') || IsPunct(k, '?') || IsPunct(k, ';'); }

  WordRole Role(uint32_t k) const { return IsWord(k) && info_[k] != nullptr ? info_[k]->role : WordRole::kNone; }
  // The one-word cue token k is, or nullptr.
  const CueEntry* CueAt(uint32_t k) const { return IsWord(k) && info_[k] != nullptr ? info_[k]->cue : nullptr; }
  // `w` is lower-case ASCII.
  bool LowerIs(uint32_t k, std::string_view w) const { return IsWord(k) && EqualsLowerAscii(Text(k), w); }

  // "a firm called Brightwater Ledger", "a tool called Pinefold": "called" after an indefinite
  // noun phrase names a thing; nobody speaks.
  bool Names(const Analysis& a) const {
    return a.cue.entry->lemma == "call" && LowerIs(a.cue.k, "called") && a.speaker_a != kNone &&
           (LowerIs(a.speaker_a, "a") || LowerIs(a.speaker_a, "an"));
  }

  // "The ferry will add a late crossing, the council said.": a sentence-final ", X said" makes the
  // whole clause before it the content, so an earlier cue inside that clause that opens no content of
  // its own (no "that", colon or quotation after it) is a verb of the content, not an attribution.
  void DropVerbsInsideFinalAttribution(std::vector<Analysis>* analyses) const {
    if (analyses->size() < 2) return;
    const Analysis& final = analyses->back();
    if (!final.postposed || final.speaker_a == kNone || final.after_begin != kNone || final.anchor <= first_ ||
        !IsPunct(final.anchor - 1, ',') || !(final.region_end >= last_ || IsEndPunct(final.region_end)))
      return;
    size_t kept = 0;
    for (size_t i = 0; i + 1 < analyses->size(); ++i) {
      const Analysis& a = (*analyses)[i];
      uint32_t c = a.region_end;
      bool opens = a.postposed || IsQuote(c) || IsPunct(c, ':') || LowerIs(c, "that") ||
                   a.cue.entry->frame == Frame::kAccording;
      // "said" and "told" keep their clause: "X said Y, the agency reported" nests two attributions.
      // (Cross-validated against dropping only add/note/show-like verbs: chosen on folds 0-3.)
      const std::string& lemma = a.cue.entry->lemma;
      bool drop = !opens && lemma != "say" && lemma != "tell";
      if (!drop) (*analyses)[kept++] = a;
    }
    (*analyses)[kept++] = analyses->back();
    analyses->resize(kept);
  }

  // "The chair said the referees had asked for a rise": a cue with its own subject inside the clause a
  // say/tell cue reports is part of that content, not a second attribution, unless it opens content of
  // its own ("X said Y told him that ...", "X said Y asked: "..."" stay nested attributions). Chosen by
  // 5-fold CV on the dev split over dropping every nested cue or only non-say ones.
  void DropCuesInsideReportedClause(std::vector<Analysis>* analyses) const {
    if (analyses->size() < 2) return;
    size_t kept = 0;
    uint32_t inside_begin = kNone, inside_end = kNone;
    bool inside_directive = false;
    for (size_t i = 0; i < analyses->size(); ++i) {
      const Analysis& a = (*analyses)[i];
      bool inside = inside_begin != kNone && a.anchor >= inside_begin && a.anchor < inside_end;
      bool nested = inside && !a.postposed && !a.inherit && !a.noun && a.speaker_a != kNone &&
                    a.cue.entry->frame != Frame::kAccording && !OpensContent(a);
      // "urged its members to reject the offer": the infinitive and the verbs joined to it are what was
      // urged, whatever subject the verb's own scan found.
      if (inside && inside_directive && !a.postposed && !OpensContent(a)) nested = true;
      if (nested) continue;
      (*analyses)[kept++] = a;
      inside_directive = a.directive;
      Frame f = a.cue.entry->frame;
      if (!a.postposed && !a.question && !a.noun && (f == Frame::kSay || f == Frame::kTell || f == Frame::kAccording)) {
        uint32_t begin = SkipContentOpeners(a.region_end);
        inside_begin = begin;
        inside_end = ClauseEnd(begin, last_);
      }
    }
    analyses->resize(kept);
  }

  bool OpensContent(const Analysis& a) const {
    uint32_t c = a.region_end;
    return IsQuote(c) || IsPunct(c, ':') || LowerIs(c, "that");
  }

  static bool AnyEarlierSpeaker(const std::vector<Analysis>& analyses, size_t i) {
    for (size_t j = 0; j < i; ++j) {
      if (analyses[j].speaker_a != kNone) return true;
    }
    return false;
  }

  // The words opening the sentence that read as its subject: a capitalised mention or a pronoun followed
  // by a verb, before `limit`. Leading conjunctions and adverbs are skipped.
  std::pair<uint32_t, uint32_t> SentenceSubject(uint32_t limit) const {
    uint32_t k = first_;
    // Conjunctions, auxiliaries and sentence adverbs before the subject ("Yet he stayed, saying ...").
    while (k < limit && IsWord(k) &&
           (Role(k) == WordRole::kClause || Role(k) == WordRole::kAux || LowerIs(k, "yet") ||
            LowerIs(k, "meanwhile") || LowerIs(k, "instead") || LowerIs(k, "however") || LowerIs(k, "now")))
      ++k;
    if (k >= limit || !IsWord(k)) return {kNone, kNone};
    WordRole role = Role(k);
    bool pronoun = role == WordRole::kPronounPerson || role == WordRole::kPronounGroup;
    if (!pronoun && !Upper(k) && role != WordRole::kDeterminer && role != WordRole::kTitle) return {kNone, kNone};
    uint32_t e = pronoun ? k + 1 : SpeakerForwardFrom(k);
    if (e == kNone) return {kNone, kNone};
    e = std::min(e, limit);  // the verb below may end the subject before the limit
    // "Manager Colm Devlin stayed on, saying", "Mr. Rask spoke on Friday, noting": the subject's verb
    // after a name ends it: an -ed form or a common irregular past. (Any lower-case word would cut
    // "Republican presidential front-runner Donald Trump" at its adjective.)
    static constexpr std::array<std::string_view, 22> kIrregularPasts = {
        "spoke", "went", "began", "came", "took", "shot", "sent", "made", "gave", "got", "ran",
        "met", "led", "left", "held", "stood", "wrote", "drew", "threw", "sought", "cut", "put"};
    // After a determiner ("The mayor cut the ribbon, then said") the noun before the verb is lower-case
    // too; an -ly adverb ("Kasich jokingly offered") stands before the verb.
    const bool determined = role == WordRole::kDeterminer;
    for (uint32_t j = k + 1; j < e; ++j) {
      if (Upper(j) || (!Upper(j - 1) && !(determined && j > k + 1))) continue;
      bool past = Text(j).ends_with("ed") || (Text(j).size() > 4 && Text(j).ends_with("ly"));
      for (std::string_view v : kIrregularPasts) past = past || LowerIs(j, v);
      if (past) {
        e = j;
        break;
      }
    }
    if (e >= limit || !IsWord(e)) return {kNone, kNone};
    return {k, e};
  }

  // [a, b) reads as a person's name: two to five capitalised words or titles, ending in a plain
  // capitalised word ("Dr Nadia Ferris", "Fergal Quinn").
  bool IsProperName(uint32_t a, uint32_t b) const {
    if (b < a + 2 || b > a + 5) return false;
    for (uint32_t k = a; k < b; ++k) {
      if (!IsWord(k) || (!Upper(k) && Role(k) != WordRole::kTitle)) return false;
    }
    return Upper(b - 1) && Role(b - 1) == WordRole::kNone;
  }

  // "Sen. Jo Ames (D-Ore.)": the "(" of a short parenthesis closing at `close` right after a word, or kNone.
  uint32_t ParenAfterWord(uint32_t close) const {
    if (!IsPunct(close, ')')) return kNone;
    uint32_t m = close;
    while (m > first_ && close - m < 8 && !IsPunct(m, '(')) --m;
    return IsPunct(m, '(') && m > first_ && IsWord(m - 1) ? m : kNone;
  }

  // The "(" of a parenthesis of 8 to 40 tokens closing right before token `l`, opened right after a
  // word, with no sentence end or quotation inside; else kNone.
  uint32_t LongParenBefore(uint32_t l) const {
    if (l < first_ + 4 || !IsPunct(l - 1, ')')) return kNone;
    uint32_t m = l - 1;
    while (m > first_ && l - m < 42 && !IsPunct(m, '(')) {
      if (IsQuote(m) || IsEndPunct(m)) return kNone;
      --m;
    }
    return IsPunct(m, '(') && l - m > 9 && m > first_ && IsWord(m - 1) ? m : kNone;
  }

  // The first dash of a parenthetical "- ... -" (or "-- ... --") closing right before token `l`, when a
  // word stands before it and the words inside are a plain phrase (no sentence end, no quotation, no
  // cue of its own after the opening word); else kNone.
  uint32_t DashParentheticalBefore(uint32_t l) const {
    if (l < first_ + 4 || !IsPunct(l - 1, '-')) return kNone;
    uint32_t close = l - 1;
    while (close > first_ && IsPunct(close - 1, '-')) --close;
    uint32_t m = close;
    while (m > first_ && close - m < 40 && (IsWord(m - 1) || IsPunct(m - 1, ','))) --m;
    if (m == close || m <= first_ + 1 || !IsPunct(m - 1, '-')) return kNone;
    uint32_t open = m - 1;
    while (open > first_ && IsPunct(open - 1, '-')) --open;
    if (open == first_ || !IsWord(open - 1) || !IsWord(m)) return kNone;
    return open;
  }

  // One past an adjunct opened at `k` by a preposition or a time conjunction ("in a statement posted on
  // its website", "while posing for photographs", "before leaving the hall") that runs to the sentence's
  // end with no clause of its own ("that", a colon, a quotation, a subject pronoun or a finite verb of
  // be/have/a modal); else kNone.
  uint32_t TrailingAdjunctEnd(uint32_t k) const {
    static constexpr std::array<std::string_view, 14> kOpeners = {
        "in", "on", "at", "during", "while", "before", "after", "when", "with", "following", "from", "outside",
        "through", "via"};
    if (!IsWord(k)) return kNone;
    bool opener = false;
    for (std::string_view w : kOpeners) opener = opener || LowerIs(k, w);
    if (!opener) return kNone;
    uint32_t e = k + 1;
    while (e < last_ && e < k + 24 && !IsEndPunct(e)) {
      // A subject or a verb form of a clause ("said on Monday it would strike") makes it content.
      WordRole role = IsWord(e) ? Role(e) : WordRole::kNone;
      if (IsQuote(e) || IsPunct(e, ':') || IsPunct(e, ';') || LowerIs(e, "that") || role == WordRole::kAux ||
          role == WordRole::kPronounPerson || role == WordRole::kPronounGroup || LowerIs(e, "is") ||
          LowerIs(e, "was") || LowerIs(e, "are") || LowerIs(e, "were"))
        return kNone;
      ++e;
    }
    return e >= last_ || IsEndPunct(e) ? e : kNone;
  }

  // The sentence up to the comma at `comma` is a subject and its apposition ("The board's director,
  // Rhona Gale, said the plan ..."; "Rhona Gale, the board's director, said ..."): a noun phrase of plain
  // words, a comma, a name or a determiner-led phrase. What follows the cue is then the content.
  bool IsApposedSubject(uint32_t comma) const {
    if (!IsPunct(comma, ',')) return false;
    uint32_t c = comma;
    while (c > first_ && IsWord(c - 1)) --c;
    if (c == comma || c <= first_ + 1 || !IsPunct(c - 1, ',')) return false;
    uint32_t open = c - 1;
    // "Sen. Jo Ames (D-Ore.), ...": a parenthesised party tag closing the subject is part of it.
    uint32_t subject_end = open;
    if (uint32_t m = ParenAfterWord(open - 1); m != kNone) subject_end = m;
    // ""Q," Jo Ames, the institute's forecaster, told radio": after an opening quotation the subject
    // starts past it.
    uint32_t subject_begin = first_;
    if (IsQuote(subject_begin)) {
      ++subject_begin;
      if (IsPunct(subject_begin, ',')) ++subject_begin;
    }
    for (uint32_t k = subject_begin; k < subject_end; ++k) {
      bool ampersand = k > subject_begin && !IsWord(k) && Text(k) == "&" && Upper(k - 1) && IsWord(k + 1) && Upper(k + 1);
      if ((!IsWord(k) && !ampersand) || CueAt(k) != nullptr) return false;
    }
    if (subject_end <= subject_begin || subject_end - subject_begin > 10) return false;
    bool described = Role(c) == WordRole::kDeterminer || IsPossessive(c);
    // "Sen. Jo Ames, R-Texas, said ...", "Jo Ames, 45, said ...": a party tag or an age.
    bool tag = comma - c == 1 && ((Text(c).find('-') != std::string_view::npos && Upper(c)) ||
                                  (Text(c)[0] >= '0' && Text(c)[0] <= '9'));
    if (comma - c <= 8 && (IsProperName(c, comma) || described || tag)) return true;
    // After a capitalised name, a bare role ("Jo Ames, chairwoman of the port board, said ...") or "one of"
    // ("Jo Ames, one of the few founders still on the board, said ...") is an apposition too. The subject
    // must end in a name, so a clause before a postposed "..., said X" is not read as one.
    bool named_subject = Upper(subject_end - 1) && Role(subject_end - 1) == WordRole::kNone;
    // A participle phrase ("Jo Ames, speaking at a rally, said ...") stands there the same way.
    // "Jo Ames, along with the reporter Ben Terris, say ...", "Jo Ames, like many of her colleagues, say":
    // a companion phrase stands there the same way.
    bool companion = (LowerIs(c, "along") && LowerIs(c + 1, "with")) || (LowerIs(c, "together") && LowerIs(c + 1, "with")) ||
                     (LowerIs(c, "as") && LowerIs(c + 1, "well") && LowerIs(c + 2, "as")) || LowerIs(c, "like");
    // "The mayor, who met the governor on Monday, told ...": a relative clause stands there the same way.
    bool role_led = Role(c) == WordRole::kTitle || (LowerIs(c, "one") && LowerIs(c + 1, "of")) || LowerIs(c, "who") ||
                    (!Upper(c) && Text(c).size() > 4 && Text(c).ends_with("ing")) || companion;
    // A relative clause needs no name before it: "The mayor, who ..., said" has its subject all the same.
    // "The union, which has 900 members, said ...": so does "which" after a short subject or one ending
    // in a capitalised name ("The plan was dropped, which angered many, said Jo Ames" has a clause before it, not a subject).
    const bool which_clause = LowerIs(c, "which") && (Upper(subject_end - 1) || subject_end - subject_begin <= 3);
    return ((named_subject || LowerIs(c, "who")) && role_led && comma - c <= 14) || (which_clause && comma - c <= 14);
  }

  // A clause without "that" starts at word k: a subject pronoun ("I think we should"; not the objects
  // "him", "her"), or a noun phrase (not a preposition or conjunction) followed within a few words by an
  // auxiliary or a form of "be" or "have" ("believes the vote will slip", "hope councillors will back it").
  bool OpensBareClause(uint32_t k) const {
    if (!IsWord(k)) return false;
    WordRole role = Role(k);
    if (role == WordRole::kPronounPerson || role == WordRole::kPronounGroup) {
      return !LowerIs(k, "him") && !LowerIs(k, "her") && IsWord(k + 1);
    }
    if (role == WordRole::kClause || role == WordRole::kAux || role == WordRole::kTime) return false;
    for (uint32_t j = k + 1; j < k + 8 && IsWord(j); ++j) {
      if (Role(j) == WordRole::kAux || LowerIs(j, "is") || LowerIs(j, "are") || LowerIs(j, "was") ||
          LowerIs(j, "were") || LowerIs(j, "will") || LowerIs(j, "would") || LowerIs(j, "can") ||
          LowerIs(j, "could") || LowerIs(j, "should") || LowerIs(j, "has") || LowerIs(j, "have"))
        return true;
    }
    return false;
  }

  // "has yet to respond to our request for comment", "replied to an email": answering (or not) a request says
  // nothing; what the source said, if anything, is reported apart.
  bool IsNonResponse(uint32_t k, const CueEntry* entry) const {
    if ((entry->lemma != "respond" && entry->lemma != "reply" && entry->lemma != "answer") || !LowerIs(k + 1, "to"))
      return false;
    for (uint32_t j = k + 2; j < k + 6 && IsWord(j); ++j) {
      std::string_view w = Text(j);
      for (std::string_view request : {"request", "message", "email", "e-mail", "call", "inquir", "quer"}) {
        if (w.size() >= request.size() && EqualsLowerAscii(w.substr(0, request.size()), request)) return true;
      }
    }
    return false;
  }

  // "It was announced on Friday that ...", "it has been reported that ...": an impersonal passive of a
  // say-like cue reports a clause whose speaker the sentence does not name. Returns the "it", or kNone.
  uint32_t ImpersonalPassiveSubject(uint32_t k) const {
    const CueEntry* entry = CueAt(k);
    if (entry == nullptr || (entry->frame != Frame::kSay && entry->frame != Frame::kTell) ||
        !Text(k).ends_with("ed") || k < first_ + 2)
      return kNone;
    uint32_t be = k - 1;
    if (LowerIs(be, "been") && be > first_ && (LowerIs(be - 1, "has") || LowerIs(be - 1, "had"))) --be;
    else if (!LowerIs(be, "was") && !LowerIs(be, "is")) return kNone;
    if (be == first_ || !LowerIs(be - 1, "it")) return kNone;
    uint32_t r = k + 1;
    while (IsWord(r) && r < k + 5 && !LowerIs(r, "that")) ++r;
    return LowerIs(r, "that") ? be - 1 : kNone;
  }

  // "Several polls show Ames within two points", "the study found a sharp rise": a document (a poll, a
  // survey, a report) showing or finding something reports it, object and all. Only directly after the
  // document word: "the tallies show a dip" stays a plain verb.
  bool EvidenceWithObject(uint32_t k, const CueEntry* entry) const {
    return (entry->lemma == "show" || entry->lemma == "find") && k > first_ && IsWord(k + 1) &&
           Role(k - 1) == WordRole::kDocument && Role(k + 1) != WordRole::kClause;
  }

  // "was quoted as saying", "is cited as saying": word k is the participle.
  bool IsQuotedAsSaying(uint32_t k) const {
    return k >= first_ + 2 && Text(k).ends_with("ing") && LowerIs(k - 1, "as") &&
           (LowerIs(k - 2, "quoted") || LowerIs(k - 2, "cited"));
  }

  bool IsPossessive(uint32_t k) const {
    if (!IsWord(k)) return false;
    std::string_view w = Text(k);
    return w.ends_with("'s") || w.ends_with("\xE2\x80\x99s") || LowerIs(k, "his") || LowerIs(k, "her") ||
           LowerIs(k, "their") || LowerIs(k, "its");
  }

  // The cue starting at word k, matching a two-word form against word k + 1, or nullptr; *n gets its words.
  const CueEntry* CueStartingAt(uint32_t k, int* n) const {
    const WordInfo* info = info_[k];
    if (info == nullptr) return nullptr;
    if (IsWord(k + 1)) {
      for (const CueEntry* phrase : info->phrase_cues) {
        if (EqualsLowerAscii(Text(k + 1), phrase->particle)) {
          *n = 2;
          return phrase;
        }
      }
    }
    *n = 1;
    return info->cue;
  }

  // "Smith's", "SMITH'S", "Smith’s".
  static bool EndsWithPossessive(std::string_view w) {
    return w.ends_with("'s") || w.ends_with("'S") || w.ends_with("\xE2\x80\x99s") || w.ends_with("\xE2\x80\x99S");
  }

  // Compares words in place (LowerIs) rather than through lower-cased copies: this runs on every cue
  // candidate of the article.
  std::vector<CueHit> FindCues() const {
    std::vector<CueHit> hits;
    uint32_t next = first_;  // a two-word cue takes its second word
    for (uint32_t k : cue_words_) {
      if (k < next) continue;
      next = k + 1;
      std::string_view text = Text(k);
      if (Upper(k) && !LowerIs(k, "according") && !(LowerIs(k, "asked") && k == first_)) continue;
      int n = 0;
      const CueEntry* entry = CueStartingAt(k, &n);
      if (entry == nullptr) continue;
      bool next_word = IsWord(k + 1);
      if (entry->frame == Frame::kAccording && next_word && !LowerIs(k + 1, "to")) continue;
      if (entry->frame == Frame::kNoun) {
        // "Smith's criticism of", "his remarks about": only with the speaker's possessive.
        if (k > first_ && IsPossessive(k - 1)) hits.push_back(CueHit{k, static_cast<uint32_t>(n), entry});
        next = k + static_cast<uint32_t>(n);
        continue;
      }
      auto prev_is = [&](std::string_view w) { return LowerIs(k - 1, w); };
      if (IsNonResponse(k, entry)) continue;
      // "told a joke", "tell the truth", "exit polls told a tale": the object is what was told, not who
      // heard it, and no report follows. ("told the story of how ..." is kept: it reports what was said.)
      if (entry->lemma == "tell") {
        uint32_t o = k + static_cast<uint32_t>(n);
        if (IsWord(o) && Role(o) == WordRole::kDeterminer) ++o;
        if (IsWord(o) && (LowerIs(o, "joke") || LowerIs(o, "jokes") ||
                          LowerIs(o, "tale") || LowerIs(o, "tales") || LowerIs(o, "lie") || LowerIs(o, "lies") ||
                          LowerIs(o, "truth") || LowerIs(o, "time")))
          continue;
      }
      // "continued to raise money", "continued attacking": with the infinitive or participle of a verb that
      // reports nothing, "continue" is an aspect of that verb, not a report. "\"...,\" she continued." and
      // "continued to insist that ..." still report.
      if (entry->lemma == "continue") {
        uint32_t o = k + static_cast<uint32_t>(n);
        if (LowerIs(o, "to")) ++o;
        if (IsWord(o) && (o > k + n || Text(o).ends_with("ing")) && CueAt(o) == nullptr) continue;
      }
      if (entry->frame != Frame::kAccording && k > first_) {
        // A determiner before the word makes it a noun ("the survey", "her objections"); a form of "be"
        // makes it passive ("was asked").
        WordRole prev = Role(k - 1);
        if (prev == WordRole::kDeterminer && !prev_is("that")) continue;
        // After a possessive the word is a noun too ("the warden's memo", "Okafor's objections").
        if (IsWord(k - 1) && EndsWithPossessive(Text(k - 1))) continue;
        // After a preposition, a participle before a plain noun is an adjective: "the number of reported
        // cases", "with announced cuts". A verb there would need a subject between.
        if (text.ends_with("ed") && (prev_is("of") || prev_is("with") || prev_is("for") || prev_is("in")) &&
            IsWord(k + 1) && !Upper(k + 1) && Role(k + 1) == WordRole::kNone && CueAt(k + 1) == nullptr)
          continue;
        bool progressive = text.ends_with("ing");
        if (ImpersonalPassiveSubject(k) != kNone) {
          hits.push_back(CueHit{k, static_cast<uint32_t>(n), entry});
          next = k + static_cast<uint32_t>(n);
          continue;
        }
        if (!progressive && (prev_is("was") || prev_is("were") || prev_is("been") || prev_is("be") || prev_is("is") ||
                             prev_is("are") || prev_is("being")) &&
            !AskedAQuestion(k, static_cast<uint32_t>(n), entry))
          continue;
        // "losses add up to 40 tonnes", "added another layer", "added 200 jobs", "scored twice and added a
        // third": an amount after "add" is what was added, not what was said.
        if (entry->lemma == "add" && IsWord(k + n) &&
            (LowerIs(k + n, "up") || LowerIs(k + n, "another") || (Text(k + n)[0] >= '0' && Text(k + n)[0] <= '9') ||
             ((LowerIs(k + n, "a") || LowerIs(k + n, "an")) && IsOrdinal(k + n + 1))))
          continue;
        // "by half a percentage point to 3 percent", "at one point to": the noun, not the verb.
        if (entry->lemma == "point to" && k > first_ && (IsNumberWord(k - 1) || prev_is("percentage") || prev_is("basis")))
          continue;
        // "will add a crossing", "to note a trend": after a modal or "to" the present of a verb that
        // also means an action reports nothing unless a clause or quotation follows.
        if ((entry->lemma == "add" || entry->lemma == "note") && !text.ends_with("ed") && !progressive &&
            (prev_is("will") || prev_is("would") || prev_is("could") || prev_is("can") || prev_is("may") ||
             prev_is("might") || prev_is("should") || prev_is("must") || prev_is("to") || prev_is("not")) &&
            !LowerIs(k + 1, "that") && !IsQuote(k + 1) && !IsPunct(k + 1, ':'))
          continue;
        // Mental states count only with a reported clause ("believes that ...", "thinks the plan will
        // fail"): PolNeAR labels them, but with a bare object they are mostly not attributions ("the
        // tallies show a dip").
        if (entry->frame == Frame::kBelief && (prev_is("to") || !(LowerIs(k + 1, "that") || OpensBareClause(k + 1))) &&
            !EvidenceWithObject(k, entry))
          continue;
      }
      // A participle opens a clause ("..., saying"); elsewhere an -ing form is a noun ("much planning").
      if (text.ends_with("ing") && k > first_ && IsWord(k - 1)) {
        WordRole role = Role(k - 1);
        // "with a third of tenants saying", "Varga talking about", "a notice saying": a noun before the
        // participle is its speaker.
        bool noun_before = Upper(k - 1) || prev_is("percent") || role == WordRole::kGroup ||
                           role == WordRole::kDocument || role == WordRole::kTitle || role == WordRole::kPronounGroup;
        bool be = prev_is("is") || prev_is("are") || prev_is("was") || prev_is("were") || prev_is("been") ||
                  prev_is("be");
        if (!prev_is("while") && !prev_is("when") && !prev_is("after") && !prev_is("before") && !prev_is("by") &&
            !prev_is("and") && !prev_is("but") && role != WordRole::kAux && !noun_before && !be &&
            !IsQuotedAsSaying(k))
          continue;
      }
      // A noun followed by its verb ("the notice read", "filings say"): the verb is the cue.
      if (n == 1 && next_word) {
        int n2 = 0;
        const CueEntry* following = CueStartingAt(k + 1, &n2);
        if (following != nullptr && following->frame == Frame::kSay && entry->frame != Frame::kAccording &&
            !LowerIs(k + 1, "that"))
          continue;
      }
      hits.push_back(CueHit{k, static_cast<uint32_t>(n), entry});
      next = k + static_cast<uint32_t>(n);
    }
    return hits;
  }

  // "a spokeswoman for the rail authority", "officials at the ministry": after a role or group word,
  // "for" and "at" name whom the speaker speaks for; the mention runs on through them, in either direction.
  bool SpeaksForPreposition(uint32_t role_word, uint32_t preposition) const {
    return (LowerIs(preposition, "for") || LowerIs(preposition, "at")) &&
           (Role(role_word) == WordRole::kTitle || Role(role_word) == WordRole::kGroup);
  }

  // Words of a speaker mention, scanning left from `k` (inclusive). Returns the first token, or kNone.
  uint32_t SpeakerBackFrom(uint32_t k) const {
    if (!IsWord(k)) return kNone;
    uint32_t a = k + 1;
    uint32_t words = 0;
    while (a > first_ && words < kMaxSpeakerWords) {
      // "Marlow & Finch said": an ampersand between capitalised words is inside a firm's name.
      if (!IsWord(a - 1)) {
        if (a - 1 > first_ && words > 0 && Upper(a) && Text(a - 1) == "&" && IsWord(a - 2) && Upper(a - 2)) {
          --a;
          continue;
        }
        break;
      }
      WordRole role = Role(a - 1);
      // "A spokeswoman for the rail authority", "officials at the ministry": after a role or group word
      // "for" and "at" stay inside the mention, as "of" does.
      // Between capitalised words "for" is part of a name ("the National Institute for Coastal Weather").
      // "Police in Lindby", "officials in the capital", "the government in Riyadh": after a group word or a
      // common organisation noun, "in" too; not after a name ("the European Union in the referendum").
      bool role_preposition = a - 1 > first_ &&
                              (SpeaksForPreposition(a - 2, a - 1) ||
                               (LowerIs(a - 1, "for") && Upper(a) && Upper(a - 2)) ||
                               (LowerIs(a - 1, "in") &&
                                (Role(a - 2) == WordRole::kGroup ||
                                 (Role(a - 2) == WordRole::kOrg && (!Upper(a - 2) || a - 2 == first_ || !IsWord(a - 3))))));
      // "a copy of the memo seen by the Courier", "a letter obtained by reporters": a participle and its
      // agent stay inside the mention.
      bool agent_by = LowerIs(a - 1, "by") && words > 0 && a - 1 > first_ + 1 && IsWord(a - 2) && !Upper(a - 2) &&
                      IsWord(a - 3) && (Text(a - 2).ends_with("ed") || Text(a - 2).ends_with("en"));
      // "one in four said": a share's preposition stays inside the mention.
      bool share = LowerIs(a - 1, "in") && a - 1 > first_ && IsNumberWord(a - 2) && IsNumberWord(a);
      // "The University and College Lecturers' Association": "and" inside an organisation's name.
      bool name_and = LowerIs(a - 1, "and") && a - 1 > first_ && words > 0 && Upper(a) && IsWord(a - 2) &&
                      Upper(a - 2) && Role(k) == WordRole::kOrg;
      if (role == WordRole::kClause && !LowerIs(a - 1, "of") && !role_preposition && !agent_by && !share && !name_and)
        break;
      // A relative "that" after a noun ends it too: "a clip that Judge Ames called distasteful".
      if (words > 0 && a - 1 > first_ && IsWord(a - 2) && LowerIs(a - 1, "that")) break;
      // A verb ends the mention: another cue ("he said officials told") or a past form ("released"),
      // unless it has its agent after it ("seen by") or follows its noun right before the cue ("those
      // surveyed say", "the officials involved said").
      std::string_view w = Text(a - 1);
      bool participle = w.ends_with("ed") && CueAt(a - 1) == nullptr && a - 1 > first_ && IsWord(a - 2) &&
                        ((LowerIs(a, "by") && a <= k) ||
                         (words == 0 && (LowerIs(a - 2, "those") || Role(a - 2) == WordRole::kGroup)));
      if (!StartsUpper(w) && !participle && (w.ends_with("ed") || CueAt(a - 1) != nullptr)) break;
      --a;
      ++words;
    }
    // Leading time words and prepositions are adjuncts, not speaker ("Last week Smith said").
    while (a <= k && (Role(a) == WordRole::kTime || Role(a) == WordRole::kAux)) ++a;
    return a <= k ? a : kNone;
  }

  // A preposition that may stand in a listener's setting ("at a hotel in the city").
  bool IsPreposition(uint32_t w) const {
    for (std::string_view p : {"at", "in", "on", "for", "with", "from", "during", "by", "of", "to"})
      if (LowerIs(w, p)) return true;
    return false;
  }

  // A determiner not governed by a preposition opens a second noun phrase: after a listener ("told the
  // inquiry the crane that fell ..."), that phrase is the reported clause's subject.
  bool OpensSecondPhrase(uint32_t x) const {
    return Role(x) == WordRole::kDeterminer && Role(x - 1) != WordRole::kClause;
  }

  // One past the last word of a speaker mention starting at `k`, or kNone.
  uint32_t SpeakerForwardFrom(uint32_t k) const {
    uint32_t b = k;
    bool joined = false;  // a connector inside a capitalised name has been crossed
    while (IsWord(b) && b - k < kMaxSpeakerWords) {
      WordRole role = Role(b);
      // A name is taken whole: "the Center for Civic Data", "the Department of Health and Social Care".
      // "for" (and "and" after a connector) joins only capitalised words, never a time ("for Monday").
      bool inside_name = b > k && Upper(b - 1) && IsWord(b + 1) && Upper(b + 1) && Role(b + 1) != WordRole::kTime &&
                         CueAt(b + 1) == nullptr && (LowerIs(b, "for") || (joined && LowerIs(b, "and")));
      // "a statement from the energy regulator", "a report by the audit office": a document's author;
      // "a spokesman for the mayor", "officials at the ministry": whom a role or group speaks for.
      bool author = b > k && IsWord(b + 1) &&
                    ((Role(b - 1) == WordRole::kDocument && (LowerIs(b, "from") || LowerIs(b, "by"))) ||
                     SpeaksForPreposition(b - 1, b));
      if (inside_name || LowerIs(b, "of")) joined = joined || b > k;
      if ((role == WordRole::kClause && !LowerIs(b, "of") && !inside_name && !author) || role == WordRole::kTime) break;
      if (b > k && !Upper(b) && CueAt(b) != nullptr) break;
      ++b;
    }
    while (b > k && (LowerIs(b - 1, "of") || LowerIs(b - 1, "from") || LowerIs(b - 1, "by"))) --b;
    return b > k ? b : kNone;
  }

  // "Hayek was asked whether ...", "Sanders was asked by a caller why ...", "Clinton was asked about the
  // border": a passive "asked" before the question (or its topic) reports the question, put by the agent
  // if one is named. Other passives report nothing of their subject's.
  bool AskedAQuestion(uint32_t k, uint32_t n, const CueEntry* entry) const {
    if (entry->lemma != "ask" || !Text(k).ends_with("ed")) return false;
    uint32_t c = k + n;
    if (LowerIs(c, "by")) {
      c = SpeakerForwardFrom(c + 1);
      if (c == kNone) return false;
    }
    for (std::string_view w : {"whether", "if", "about", "why", "what", "how", "when", "who"})
      if (LowerIs(c, w)) return true;
    return false;
  }

  // "urged voters to stay home", "told the council not to wait", "asked Ms. Gil to step down": after a
  // directive verb, a short object (a pronoun, a name, a determiner and its noun, or none) and an
  // infinitive. The
  // object is whom the order is for and belongs to the content with it; "said to Radio Kestrel" is not
  // an infinitive (a name, determiner or pronoun follows "to").
  bool ObjectThenInfinitive(uint32_t r) const {
    uint32_t e = r;
    while (IsWord(e) && e - r < kMaxListenerWords && !LowerIs(e, "to") && !LowerIs(e, "not") && !LowerIs(e, "never")) {
      WordRole role = Role(e);
      if (LowerIs(e, "that") || CueAt(e) != nullptr || role == WordRole::kTime ||
          (role == WordRole::kClause && !LowerIs(e, "of") && !LowerIs(e, "and")))
        return false;
      ++e;
    }
    // With no object the subject asks for itself: "Judicial Watch asked to question the minister".
    if (LowerIs(e, "not") || LowerIs(e, "never")) ++e;
    if (!LowerIs(e, "to") || !IsWord(e + 1)) return false;
    uint32_t verb = e + 1;
    WordRole role = Role(verb);
    char c = Text(verb)[0];
    return !Upper(verb) && !(c >= '0' && c <= '9') && role != WordRole::kDeterminer &&
           role != WordRole::kPronounPerson && role != WordRole::kPronounGroup && role != WordRole::kTime;
  }

  // Skips what may stand between a cue and its content: a listener ("told the crowd", "said to Radio Kestrel"), a
  // time ("said Sunday") or a setting ("in a written reply", "in an interview with Radio Kestrel"),
  // recording the listener.
  uint32_t SkipAfterCue(uint32_t r, Frame frame, Analysis* a) const {
    if (a->cue.entry != nullptr && a->cue.entry->directive && ObjectThenInfinitive(r)) {
      a->directive = true;
      return r;
    }
    // "told a crowded hall at a hotel in the city that he ...": after "told", a "that" within a dozen
    // plain words (no punctuation, pronoun or other cue between) ends the listener and its setting,
    // however long; the reported clause starts there.
    if (frame == Frame::kTell && IsWord(r) && !LowerIs(r, "that") &&
        (Role(r) != WordRole::kClause || LowerIs(r, "at") || LowerIs(r, "in") || LowerIs(r, "on") || LowerIs(r, "to"))) {
      for (uint32_t t = r + 1; t < r + kMaxToldThatWords && IsWord(t); ++t) {
        if (LowerIs(t, "that")) {
          a->listener_a = r;
          uint32_t e = r + 1;
          while (e < t && (Role(e) != WordRole::kClause || LowerIs(e, "of"))) ++e;
          a->listener_b = e;
          return t;
        }
        if (Role(t) == WordRole::kPronounPerson || Role(t) == WordRole::kPronounGroup || CueAt(t) != nullptr) break;
        // Of the clause words only prepositions belong to a setting ("at a hotel in the city"); "if",
        // "whether", "and", "is" open or join clauses of their own.
        if (Role(t) == WordRole::kClause && !IsPreposition(t)) break;
        // Past a second noun phrase the "that" is a relative pronoun inside the reported clause.
        if (OpensSecondPhrase(t)) break;
      }
    }
    // "said in an interview on Monday that", "said on Radio Kestrel's 'Morning Tide' on Sunday that": after a
    // verb of saying, a setting of prepositional phrases (a show's title in quotation marks among them)
    // that runs into "that" within a dozen tokens belongs to the cue; the reported clause starts there.
    // The "that" must open a clause ("that the port ...", "that Mr. Ames ..."): "a centre that works" and
    // "through that contest" hold a relative pronoun and a determiner. "to" mostly opens an infinitive.
    auto opens_clause = [&](uint32_t x) {
      return x < last_ && (IsQuote(x) || (IsWord(x) && (Upper(x) || OpensBareClause(x) ||
                                                        (Text(x)[0] >= '0' && Text(x)[0] <= '9'))));
    };
    if (frame == Frame::kSay && IsWord(r) && IsPreposition(r) && !LowerIs(r, "of") && !LowerIs(r, "by") &&
        !LowerIs(r, "to")) {
      for (uint32_t t = r + 1; t < r + kMaxToldThatWords && t < last_; ++t) {
        if (IsWord(t) && LowerIs(t, "that")) {
          if (!opens_clause(t + 1)) break;
          for (uint32_t x = r; x < t; ++x) {
            if (LowerIs(x, "with") && x + 1 < t) {  // "in an interview with Radio Kestrel": the listener
              a->listener_a = x + 1;
              a->listener_b = t;
              break;
            }
          }
          return t;
        }
        // A short title in quotation marks ("Meet the Press") and possessives stand in a setting; other
        // punctuation, pronouns, cues and clause words (but prepositions) end it.
        if (IsQuote(t) && t > r + 1 && (IsPossessive(t - 1) || IsPreposition(t - 1) || Upper(t - 1))) continue;
        if (!IsWord(t) || Role(t) == WordRole::kPronounPerson || Role(t) == WordRole::kPronounGroup ||
            CueAt(t) != nullptr || (Role(t) == WordRole::kClause && !IsPreposition(t)) || OpensSecondPhrase(t))
          break;
      }
    }
    for (int round = 0; round < 3; ++round) {
      if (!IsWord(r)) return r;
      WordRole role = Role(r);
      auto w_is = [&](std::string_view w) { return LowerIs(r, w); };
      // "said repeatedly that", "argued privately that": an -ly adverb before the clause's "that" is the
      // cue's ("proposed just that in 2013" has no clause).
      if (role == WordRole::kTime ||
          (LowerIs(r + 1, "that") && !Upper(r) && Text(r).size() > 4 && Text(r).ends_with("ly") &&
           IsWord(r + 2) && Role(r + 2) != WordRole::kClause)) {
        ++r;
        continue;
      }
      bool listener = (frame == Frame::kTell && round == 0 && !w_is("that") && role != WordRole::kClause) ||
                      w_is("to") || w_is("in") || w_is("on") || w_is("at") || w_is("during") || w_is("with") ||
                      w_is("of");
      if (!listener) return r;
      uint32_t start = w_is("to") ? r + 1 : r;
      uint32_t b = start;
      while (IsWord(b) && b - start < kMaxListenerWords && !LowerIs(b, "that") &&
             (b == start || Role(b) != WordRole::kClause || LowerIs(b, "with") || LowerIs(b, "of")))
        ++b;
      // The object of "told" is a short noun phrase, and the reported clause may follow it without
      // "that" ("told reporters the ship had sailed"): a plain noun or a pronoun alone, a name's
      // capitalised words, or a determiner and the words up to its first plural noun.
      // Before a "that", a second noun phrase makes the "that" a relative pronoun inside the clause.
      bool second_phrase = false;
      for (uint32_t x = start + 1; x < b && !second_phrase; ++x) second_phrase = OpensSecondPhrase(x);
      // Before a comma too, when the words after the object hold a verb of their own ("told reporters the
      // bridge would reopen, adding ..."): they are the clause, not part of who was told.
      bool clause_before_comma = false;
      if (IsPunct(b, ',')) {
        for (uint32_t x = start + 2; x < b && !clause_before_comma; ++x) {
          clause_before_comma = (Role(x) == WordRole::kAux && !Text(x).ends_with("ly")) || LowerIs(x, "is") ||
                                LowerIs(x, "was") || LowerIs(x, "are") || LowerIs(x, "were");
        }
      }
      if (frame == Frame::kTell && round == 0 && !w_is("to") && b > start + 1 && (!IsPunct(b, ',') || clause_before_comma) &&
          (!LowerIs(b, "that") || second_phrase) && !IsQuote(b) && !IsPunct(b, ':')) {
        uint32_t e = start;
        if (Upper(start)) {
          while (e < b && Upper(e)) ++e;
        } else if (Role(start) == WordRole::kDeterminer) {
          e = start + 1;
          // "told the inquiry the vessel had passed": a second determiner or a pronoun opens the clause.
          bool next_phrase = false;
          while (e < b && e - start < 4 && !(Text(e).size() > 3 && Text(e).ends_with("s") && !Text(e).ends_with("ss"))) {
            WordRole er = Role(e);
            if (er == WordRole::kDeterminer || er == WordRole::kPronounPerson || er == WordRole::kPronounGroup) {
              next_phrase = true;
              break;
            }
            ++e;
          }
          if (e < b && !next_phrase) ++e;
        } else {
          e = start + 1;
        }
        if (e < b && IsWord(e) && Role(e) != WordRole::kClause && Role(e) != WordRole::kTime) b = e;
      }
      // A setting is skipped only when the content plainly starts after it.
      bool ends_well = b >= last_ || IsPunct(b, ',') || IsPunct(b, ':') || IsQuote(b) ||
                       (LowerIs(b, "that") && opens_clause(b + 1)) || IsEndPunct(b) ||
                       (frame == Frame::kTell && !w_is("in") && !w_is("on") && !w_is("at"));
      if (!ends_well || b == start) return r;
      if (w_is("to") || frame == Frame::kTell || w_is("with")) {
        a->listener_a = start;
        a->listener_b = b;
      } else {
        // "in a chat with Radio Kestrel": the interviewer is the listener.
        for (uint32_t x = start; x < b; ++x) {
          if (LowerIs(x, "with") && x + 1 < b) {
            a->listener_a = x + 1;
            a->listener_b = b;
          }
        }
      }
      r = b;
    }
    return r;
  }

  Analysis Analyse(const CueHit& hit) const {
    Analysis a;
    a.cue = hit;
    uint32_t k = hit.k;
    uint32_t r = k + hit.n;
    Frame frame = hit.entry->frame;
    if (frame == Frame::kNoun) {
      a.speaker_a = k - 1;
      a.speaker_b = k;
      a.anchor = k - 1;
      a.region_end = r;
      a.noun = true;
      a.valid = true;
      return a;
    }
    if (frame == Frame::kAccording) {
      uint32_t e = SpeakerForwardFrom(r);
      if (e == kNone) return a;
      a.speaker_a = r;
      a.speaker_b = e;
      a.anchor = k;
      a.region_end = e;
      // "According to some on Twitter, ...": the content starts after the comma that closes the phrase.
      for (uint32_t c = e; c < last_ && c < e + 8; ++c) {
        if (IsPunct(c, ',')) {
          a.region_end = c + 1;
          break;
        }
        if (!IsWord(c)) break;
      }
      // Words before "according to" (beyond a leading conjunction) are its content.
      uint32_t before = k;
      while (before > first_ && (IsPunct(before - 1, ',') || IsPunct(before - 1, '(') || IsPunct(before - 1, '-')))
        --before;
      a.postposed = before > first_ + 1 || (before == first_ + 1 && Role(first_) != WordRole::kClause);
      a.before_end = before;
      // "Since last November, according to the monitors, troops have killed ...": set off by commas in
      // mid-sentence, the phrase splits one content; the words after it go on with the words before.
      if (a.postposed && IsPunct(before, ',') && a.region_end > e && IsPunct(a.region_end - 1, ',') &&
          IsWord(a.region_end) &&
          (Role(a.region_end) != WordRole::kClause || LowerIs(a.region_end, "is") || LowerIs(a.region_end, "are") ||
           LowerIs(a.region_end, "was") || LowerIs(a.region_end, "were")))
        a.after_begin = a.region_end;
      a.valid = true;
      return a;
    }
    // "Asked (by X) whether ...", "When asked about ...": the question, put by X if named.
    if (hit.entry->lemma == "ask" && Text(k).ends_with("ed") &&
        (k == first_ || LowerIs(k - 1, "when") || LowerIs(k - 1, "once") || LowerIs(k - 1, "if") ||
         LowerIs(k - 1, "after") || LowerIs(k - 1, "was") || LowerIs(k - 1, "were") || LowerIs(k - 1, "being"))) {
      uint32_t c = r;
      if (LowerIs(r, "by")) {
        uint32_t e = SpeakerForwardFrom(r + 1);
        if (e == kNone) return a;
        a.speaker_a = r + 1;
        a.speaker_b = e;
        c = e;
      }
      while (IsWord(c) && Role(c) == WordRole::kTime) ++c;
      if (LowerIs(c, "about")) ++c;
      a.anchor = k;
      a.region_end = c;
      a.question = true;
      a.valid = true;
      return a;
    }
    if (uint32_t it = ImpersonalPassiveSubject(k); it != kNone) {
      // No speaker: the content is the clause after "that" (adjuncts before it are the cue's).
      uint32_t c = r;
      while (IsWord(c) && !LowerIs(c, "that")) ++c;
      a.anchor = it;
      a.region_end = c;
      a.valid = true;
      return a;
    }
    // "X was quoted as saying ...": the passive frame belongs to the cue; X speaks.
    const bool quoted_as = IsQuotedAsSaying(k);
    // Skip auxiliaries and adverbs between speaker and cue ("had also said", "soon told").
    uint32_t l = k;
    if (quoted_as) {
      l = k - 2;
      while (l > first_ && (LowerIs(l - 1, "was") || LowerIs(l - 1, "were") || LowerIs(l - 1, "is") ||
                            LowerIs(l - 1, "been") || LowerIs(l - 1, "has") || LowerIs(l - 1, "had")))
        --l;
    }
    // "has since said", "had since told": after a perfect auxiliary "since" is an adverb, not a clause.
    auto perfect_since = [&](uint32_t w) {
      return LowerIs(w, "since") && w > first_ && (LowerIs(w - 1, "has") || LowerIs(w - 1, "have") || LowerIs(w - 1, "had"));
    };
    while (l > first_ && IsWord(l - 1) &&
           (Role(l - 1) == WordRole::kAux || Role(l - 1) == WordRole::kTime || perfect_since(l - 1) ||
            (Text(l - 1).size() > 4 && Text(l - 1).ends_with("ly") && !Upper(l - 1))))
      --l;
    // "Jo Ames, who said ...": the antecedent of a non-restrictive relative pronoun speaks. (Without the
    // comma the clause mostly picks out a group inside other content: "voters who say they will".)
    if (l > first_ + 2 && (LowerIs(l - 1, "who") || LowerIs(l - 1, "which")) && IsPunct(l - 2, ',')) {
      uint32_t end = l - 2;  // one past the antecedent
      uint32_t s = end > first_ && IsWord(end - 1) ? SpeakerBackFrom(end - 1) : kNone;
      if (s == kNone) return a;
      a.speaker_a = s;
      a.speaker_b = end;
      a.anchor = l - 1;
      a.relative = true;
      a.region_end = SkipAfterCue(r, frame, &a);
      a.valid = true;
      return a;
    }
    // A verb chain ending in "to" ("went on to say", "chose not to comment on") belongs to the cue.
    if (l > first_ + 1 && LowerIs(l - 1, "to")) {
      uint32_t m = l - 1;
      uint32_t steps = 0;
      while (m > first_ && steps < 3 && IsWord(m - 1) && !Upper(m - 1) &&
             (Role(m - 1) == WordRole::kNone || Role(m - 1) == WordRole::kAux || LowerIs(m - 1, "on"))) {
        --m;
        ++steps;
      }
      if (steps > 0) l = m;
      while (l > first_ && IsWord(l - 1) && Role(l - 1) == WordRole::kAux) --l;
    }
    // A parenthesis after the speaker's name ("Sen. Jo Ames (D-Ore.) said") is part of the mention.
    uint32_t paren_end = kNone;
    if (uint32_t m = l > first_ + 1 ? ParenAfterWord(l - 1) : kNone; m != kNone) {
      paren_end = l;
      l = m;
    }
    // "Jo Ames - who chairs the board - said": a parenthetical between dashes after the subject is
    // neither speaker nor content; the subject stands before it.
    if (paren_end == kNone) {
      if (uint32_t open = DashParentheticalBefore(l); open != kNone) l = open;
      // "Sen. Jo Ames (a Dover Democrat so young he is taken for an aide) says": a long parenthesis is a
      // description between the subject and its verb, like the dashes above.
      else if (uint32_t paren = LongParenBefore(l); paren != kNone) l = paren;
    }
    bool participle = Text(k).ends_with("ing") && !quoted_as;
    bool say_like = frame == Frame::kSay || frame == Frame::kTell;
    // "cut the ribbon, then said ...": a second verb of the sentence's subject, not "clause, said X".
    const bool then_after_comma = l > first_ + 1 && l < k && LowerIs(l, "then") && IsPunct(l - 1, ',');
    // "Q," said X  /  clause, said X.
    if (say_like && !participle && !then_after_comma && l > first_ && (IsPunct(l - 1, ',') || IsQuote(l - 1)) && IsWord(r) &&
        !IsApposedSubject(l - 1)) {
      uint32_t e = SpeakerForwardFrom(r);
      // After a quotation the speaker may run into adjuncts ("said a statement about the talks"); after a
      // plain clause it must end the sentence or open an appositive, or "X, the chair, said the plan ..."
      // would read "the plan" as the speaker.
      bool after_quote = IsQuote(l - 1) || (IsPunct(l - 1, ',') && IsQuote(l - 2));
      bool speaker_ends = e != kNone && (e >= last_ || IsEndPunct(e) || IsPunct(e, '(') || IsPunct(e, '-'));
      if (e != kNone && !speaker_ends && IsPunct(e, ',')) {
        // "..., said Ms. Gil, with games and hikes": a preposition after the comma opens an adjunct of the
        // content, so the name before it ends the speaker.
        auto adjunct_opener = [&](uint32_t w) {
          return LowerIs(w, "with") || LowerIs(w, "in") || LowerIs(w, "at") || LowerIs(w, "on") ||
                 LowerIs(w, "during") || LowerIs(w, "from") || LowerIs(w, "including");
        };
        speaker_ends = after_quote || (IsWord(e + 1) &&
                                       (Role(e + 1) != WordRole::kClause || LowerIs(e + 1, "who") ||
                                        (e > r && Upper(e - 1) && adjunct_opener(e + 1))) &&
                                       CueAt(e + 1) == nullptr);
      }
      if (e != kNone && after_quote && !speaker_ends)
        speaker_ends = IsPunct(e, ':') || Role(e) == WordRole::kClause || Role(e) == WordRole::kTime || IsQuote(e);
      // "Jo Ames, a founder of the board, said she ...": a pronoun with words after it opens the reported
      // clause; it is a speaker only alone ("..., said he.").
      if (speaker_ends && e > r + 1 &&
          (Role(r) == WordRole::kPronounPerson || Role(r) == WordRole::kPronounGroup))
        speaker_ends = false;
      if (speaker_ends) {
        a.speaker_a = r;
        a.speaker_b = e;
        a.postposed = true;
        a.anchor = l;
        a.before_end = IsQuote(l - 1) ? l : l - 1;
        a.region_end = e;
        uint32_t after = SkipAfterCue(e, frame, &a);
        a.region_end = after;
        AddSecondPiece(after, IsQuote(a.before_end - 1) || IsQuote(l - 1), /*speaker_after_cue=*/true, &a);
        a.valid = true;
        return a;
      }
    }
    // A second verb of the same subject ("... and said", "but added", "offered him a job, then said")
    // inherits the speaker.
    if (l > first_ && (LowerIs(l - 1, "and") || LowerIs(l - 1, "but") || then_after_comma)) {
      a.inherit = true;
      a.anchor = l - 1;
      a.region_end = SkipAfterCue(r, frame, &a);
      a.valid = true;
      // "she shrugged and said": the subject stands before the first verb.
      uint32_t verb = l - 2;
      if (!then_after_comma && l >= first_ + 3 && IsWord(verb) && !Upper(verb) && Role(verb) == WordRole::kNone) {
        uint32_t subject = SpeakerBackFrom(verb - 1);
        if (subject != kNone && (subject == first_ || !IsWord(subject - 1))) {
          a.inherit = false;
          a.speaker_a = subject;
          a.speaker_b = verb;
        }
      }
      return a;
    }
    uint32_t speaker_end = l;  // one past the speaker's last word
    uint32_t apposed_name = kNone;
    if (l > first_ && IsPunct(l - 1, ',')) {
      if (participle) {
        a.anchor = l - 1;
        a.region_end = SkipAfterCue(r, frame, &a);
        a.valid = true;
        // "Rohan Bhatia, the club's captain, backed the opener, saying ...": a named subject opening the
        // sentence says it; else the previous speaker goes on.
        const uint32_t e = SpeakerForwardFrom(first_);
        if (e != kNone && e < l - 1 && IsProperName(first_, e) && (IsPunct(e, ',') || (IsWord(e) && !Upper(e)))) {
          a.speaker_a = first_;
          a.speaker_b = e;
        } else {
          a.inherit = true;
        }
        return a;
      }
      // Appositive: "Smith, the party's chairman, said".
      uint32_t p = l - 1;
      uint32_t steps = 0;
      while (p > first_ && steps < kMaxAppositiveTokens && !IsPunct(p - 1, ',') && !IsQuote(p - 1)) {
        --p;
        ++steps;
      }
      // The segments set off by commas between a name and its cue, walked back from the cue: a relative
      // clause after an apposition ("Jo Ames, the member for Dover, who led the revolt, said"), a state
      // after a town ("Jo Ames, a driver from Ava, Mo., said"), an age ("Jo Ames, 45, a nurse, said"). The
      // name stands before them all.
      auto segment_start = [&](uint32_t comma) {  // first token of the segment that ends at `comma`
        uint32_t q = comma;
        uint32_t back = 0;
        while (q > first_ && back < kMaxAppositiveTokens && !IsPunct(q - 1, ',') && !IsQuote(q - 1)) {
          --q;
          ++back;
        }
        return q;
      };
      // "Mo.", "N.Y.", "Calif.": an abbreviated state [from, end) after a town and a comma (a name such as
      // "Mr. Ames" ends in no period).
      auto place_tag = [&](uint32_t from, uint32_t end) {
        return end > from && end - from <= 2 && from >= first_ + 2 && IsPunct(from - 1, ',') && IsWord(from - 2) &&
               Upper(from - 2) && IsWord(from) && Upper(from) && IsWord(end - 1) && Text(end - 1).size() <= 6 &&
               Text(end - 1).ends_with(".");
      };
      // A description, not the name: "In May, Mr. Ames, who ..., said" and "..., the Kessel Rowing Trust,
      // which owns it, said" name the speaker in that segment.
      auto description = [&](uint32_t q, uint32_t comma) {
        bool named = Role(q) == WordRole::kDeterminer && q + 1 < comma;
        for (uint32_t w = q + 1; named && w < comma; ++w) named = IsWord(w) && (Upper(w) || LowerIs(w, "of"));
        return !named && (Role(q) == WordRole::kDeterminer || IsPossessive(q) || (Role(q) == WordRole::kTitle && !Upper(q)));
      };
      uint32_t segment_end = l - 1;  // the comma closing the segment that starts at p
      for (int chained = 0; chained < 3 && p > first_ + 3 && IsPunct(p - 1, ','); ++chained) {
        const uint32_t comma = p - 1;
        const uint32_t q = segment_start(comma);
        if (q <= first_ + 1 || !IsPunct(q - 1, ',') || !IsWord(q - 2)) break;
        const bool relative = LowerIs(p, "who") || LowerIs(p, "which");
        const bool age = comma - q == 1 && IsWord(q) && Text(q)[0] >= '0' && Text(q)[0] <= '9';
        if (!age && !place_tag(p, segment_end) && !(relative && (description(q, comma) || place_tag(q, comma)))) break;
        p = q;
        segment_end = comma;
      }
      // "Sen. Jo Ames (D-Ore.), the panel's chair, said": the speaker's parenthesis stays with it.
      uint32_t before_comma = p > first_ + 1 ? p - 2 : first_;
      if (uint32_t m = p > first_ + 1 ? ParenAfterWord(before_comma) : kNone; m != kNone) {
        paren_end = p - 1;
        before_comma = m - 1;
      }
      if (p > first_ + 1 && IsPunct(p - 1, ',') && IsWord(before_comma)) {
        speaker_end = paren_end == p - 1 ? before_comma + 1 : p - 1;
        // "Its chairwoman, Gwen Parry, said": after a description the apposed name is the speaker.
        if (!Upper(p - 2) && IsProperName(p, l - 1)) apposed_name = p;
        // "Her challenger, city councillor Tomas Berg, said": the name may carry a role of its own.
        if (!Upper(p - 2) && apposed_name == kNone) {
          uint32_t name = l - 1;
          while (name > p && IsWord(name - 1) && Upper(name - 1)) --name;
          // A role: plain words ending in a title word ("city councillor", "the former judge"), not a
          // clause or a phrase ("who introduced a bill", "led by campaign manager", "including Mr. X").
          bool role_words = name > p && l - 1 - name >= 2 && name - p <= 4 && Role(name - 1) == WordRole::kTitle;
          for (uint32_t w = p; w < name && role_words; ++w) {
            role_words = IsWord(w) && !Upper(w) && CueAt(w) == nullptr && Role(w) != WordRole::kClause &&
                         !IsPreposition(w) && !Text(w).ends_with("ed") && !Text(w).ends_with("ing");
          }
          if (role_words && IsProperName(name, l - 1)) apposed_name = p;
        }
      } else {
        return a;
      }
    }
    if (speaker_end == 0 || speaker_end <= first_) return a;
    uint32_t s = SpeakerBackFrom(speaker_end - 1);
    if (s == kNone) {
      // "Q" said X with no comma was handled above; a participle after a quote inherits.
      if (participle || frame == Frame::kNounPhrase) {
        a.inherit = true;
        a.anchor = k;
        a.region_end = SkipAfterCue(r, frame, &a);
        a.valid = true;
      }
      return a;
    }
    a.speaker_a = s;
    a.speaker_b = paren_end != kNone ? paren_end : speaker_end;
    if (apposed_name != kNone) {
      a.speaker_a = apposed_name;
      a.speaker_b = l - 1;
    }
    a.anchor = s;
    uint32_t after = SkipAfterCue(r, frame, &a);
    a.region_end = after;
    // "..., as The Harbour Gazette reported on Tuesday.": the clause before "as" is what was reported.
    const bool as_before = s > first_ + 1 && LowerIs(s - 1, "as") && IsPunct(s - 2, ',');
    bool content_before =
        s > first_ && (IsPunct(s - 1, ',') || IsQuote(s - 1) || IsPunct(s - 1, '-') || as_before);
    bool nothing_after = after >= last_ || IsEndPunct(after) || IsPunct(after, ',') || IsPunct(after, '-');
    // "The plan will fail, the mayor said in a statement posted on Friday.", "..., Ames said before
    // leaving": after a clause, an adjunct running to the sentence's end is the attribution's, not content.
    if (say_like && content_before && !IsPunct(s - 1, '-') && !nothing_after) {
      uint32_t adjunct_end = TrailingAdjunctEnd(after);
      if (adjunct_end != kNone) {
        nothing_after = true;
        after = adjunct_end;
        a.region_end = after;
      }
    }
    // ""Q?" a narrator in the ad asks.": the scan stopped at a preposition inside the speaker; the
    // quotation opening the sentence is the content and every word up to the cue the speaker.
    if (say_like && !content_before && nothing_after && s > first_ && speaker_end == l) {
      uint32_t q = s - 1;
      while (q > first_ && IsWord(q) && s - q < kMaxSpeakerWords) --q;
      if (IsQuote(q) || (IsPunct(q, ',') && IsQuote(q - 1))) {
        s = q + 1;
        a.speaker_a = s;
        a.anchor = s;
        content_before = true;
      }
    }
    // After a quotation ("Q," he said at a town hall in March) anything but a new content opener is an
    // adjunct of the attribution.
    bool quote_before = content_before && (IsQuote(s - 1) || (IsPunct(s - 1, ',') && IsQuote(s - 2)));
    // A quotation after an adjunct is a title ("said on Radio Kestrel's "Morning Slate""), not content.
    // After "told", a quotation is the programme spoken to ("told "Harbour Hour"").
    bool opens_content = (after == r && IsQuote(after) && !(frame == Frame::kTell && quote_before)) ||
                         IsPunct(after, ':') || LowerIs(after, "that");
    if (say_like && content_before && (nothing_after || (quote_before && !opens_content))) {
      a.postposed = true;
      a.before_end = as_before ? s - 2 : IsQuote(s - 1) ? s : s - 1;
      AddSecondPiece(after, quote_before, /*speaker_after_cue=*/false, &a);
    }
    a.valid = true;
    return a;
  }

  // After "X said": ", "Q2."" (a split quote) or ", clause" (a parenthetical attribution) continues the
  // content; a following cue does not.
  void AddSecondPiece(uint32_t after, bool before_is_quote, bool speaker_after_cue, Analysis* a) const {
    // ""Q1," she said on "The Long Table." "Q2."": a quotation closing the sentence after the
    // attribution's adjuncts (a programme's title among them) goes on with the first one.
    if (!IsPunct(after, ',') && before_is_quote && after < last_ && IsQuote(last_ - 1) && last_ - 1 >= after &&
        !IsWord(last_ - 2) && quotes_[t_[last_ - 1].quote].content_begin < p_.size() &&
        StartsUpper(p_.substr(quotes_[t_[last_ - 1].quote].content_begin))) {
      a->after_begin = last_ - 1;
      return;
    }
    if (!IsPunct(after, ',')) return;
    uint32_t next = after + 1;
    if (IsQuote(next)) {
      a->after_begin = next;
      return;
    }
    // A parenthetical attribution splits a clause ("The deal, he said, was bad"); after a quotation, or
    // before a capitalised word, a number or a determiner, the words are the speaker's appositive instead
    // ("said Jane Doe, 66, a retired nurse").
    if (!IsWord(next)) return;
    bool appositive_possible = speaker_after_cue && (Upper(next) || Role(next) == WordRole::kDeterminer ||
                                                     (Text(next)[0] >= '0' && Text(next)[0] <= '9'));
    bool clause_word = Role(next) == WordRole::kClause && !LowerIs(next, "is") && !LowerIs(next, "was") &&
                       !LowerIs(next, "are") && !LowerIs(next, "were");
    if (!appositive_possible && !clause_word && !before_is_quote) {
      // ", adding that ..." is an attribution of its own; ", replacing the chair would ..." goes on.
      if (Text(next).ends_with("ing") && CueAt(next) != nullptr) return;
      a->after_begin = next;
    }
  }

  // Reported content stops where the sentence turns to the writer's own words: a non-restrictive clause
  // (", which", ", who"), a concession (", although", ", despite"), ", and" before a new predicate
  // (", and later left"), a dash before a turn, or a second, coordinate report (", 39 have said").
  uint32_t ClauseEnd(uint32_t begin, uint32_t end) const {
    // "46 percent said yes, compared with ...": a one-word answer is the whole content.
    if ((LowerIs(begin, "yes") || LowerIs(begin, "no")) && begin + 1 < end && IsPunct(begin + 1, ',')) return begin + 1;
    for (uint32_t k = begin + 1; k < end; ++k) {
      if (IsPunct(k, ';')) return k;
      if (SpacedDashAt(k) && OpensTurnAfterDash(k)) return k;
      if (((IsPunct(k, ',') && SpaceAfter(k)) || SpacedDashAt(k)) && OpensReportingClause(k, end)) return k;
      // "One in three said the party did not care and one in four said it was hostile": without a comma
      // too, once the content has words of its own before the conjunction (not "he and his wife told").
      if ((LowerIs(k, "and") || LowerIs(k, "while") || LowerIs(k, "whereas")) && k >= begin + 3 &&
          OpensReportingClause(k, end))
        return k;
      if (!IsPunct(k, ',') || !IsWord(k + 1)) continue;
      bool relative = LowerIs(k + 1, "which") || LowerIs(k + 1, "who") || LowerIs(k + 1, "whom") ||
                      LowerIs(k + 1, "whose");
      // "Police said the driver, who was 43, had been arrested": a relative clause after the reported
      // clause's subject, before its verb, is inside the clause; the content goes on after it.
      if (relative) {
        uint32_t close = SubjectRelativeEnd(begin, k, end);
        if (close != kNone) {
          k = close;
          continue;
        }
      }
      if (relative || LowerIs(k + 1, "while") || LowerIs(k + 1, "although") || LowerIs(k + 1, "though") ||
          LowerIs(k + 1, "despite"))
        return k;
      // ", but the plan stalled": a turn after a comma is the writer's own clause, whatever its subject;
      // ", but that ..." goes on with the reported one. (Chosen by 5-fold CV over "but" like "and".)
      if (LowerIs(k + 1, "but") && !LowerIs(k + 2, "that")) return k;
      if ((LowerIs(k + 1, "and") || LowerIs(k + 1, "but")) && IsWord(k + 2)) {
        WordRole role = Role(k + 2);
        bool new_subject = Upper(k + 2) || role == WordRole::kDeterminer || role == WordRole::kPronounPerson ||
                           role == WordRole::kPronounGroup || LowerIs(k + 2, "that") || LowerIs(k + 2, "it");
        if (!new_subject) return k;
      }
    }
    return end;
  }

  // "But when Ames asked the board to sell, it refused": the sentence opens with a subordinate clause
  // (after a conjunction at most) that holds the attribution at `anchor`.
  bool OpensWithSubordinator(uint32_t anchor) const {
    uint32_t w = first_;
    if (LowerIs(w, "but") || LowerIs(w, "and") || LowerIs(w, "yet") || LowerIs(w, "so")) ++w;
    if (w >= anchor) return false;
    for (std::string_view s : {"when", "after", "before", "because", "if", "since", "although", "though", "once",
                               "until", "unless", "while", "whenever"})
      if (LowerIs(w, s)) return true;
    return false;
  }

  // The comma that closes such a subordinate clause: the main clause's subject follows it (a pronoun,
  // a determiner or a capitalised word); a comma inside a list ("rents, taxes and fees") does not, nor
  // one before an apposition ("Ada Lund, the founder") or a place's region ("Dover, Del.").
  uint32_t SubordinateClauseEnd(uint32_t begin, uint32_t end) const {
    for (uint32_t k = begin + 1; k + 1 < end; ++k) {
      if (!IsPunct(k, ',') || !SpaceAfter(k) || !IsWord(k + 1)) continue;
      WordRole role = Role(k + 1);
      if (role == WordRole::kPronounPerson || role == WordRole::kPronounGroup || LowerIs(k + 1, "it")) return k;
      bool apposition = role == WordRole::kDeterminer && IsWord(k - 1) && Upper(k - 1);
      bool region = Upper(k + 1) && (k + 2 >= end || !IsWord(k + 2));
      if ((role == WordRole::kDeterminer || Upper(k + 1)) && !apposition && !region) return k;
    }
    return end;
  }

  // "second", "third", ... "tenth": a goal, a place or a term counted.
  bool IsOrdinal(uint32_t w) const {
    for (std::string_view o : {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
      if (LowerIs(w, o)) return true;
    return false;
  }

  // A figure or a number word: "40", "one", "six", "half".
  bool IsNumberWord(uint32_t w) const {
    if (!IsWord(w)) return false;
    char c = Text(w)[0];
    if (c >= '0' && c <= '9') return true;
    for (std::string_view n : {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half"})
      if (LowerIs(w, n)) return true;
    return false;
  }

  // Token k is followed by a space: a clause's comma, not the one grouping digits ("9,000").
  bool SpaceAfter(uint32_t k) const { return t_[k].end < p_.size() && p_[t_[k].end] == ' '; }

  // A dash set between spaces (" - ", " -- ", " \u2014 "), not the hyphen inside a word ("co-op").
  bool SpacedDashAt(uint32_t k) const {
    return IsPunct(k, '-') && t_[k].begin > 0 && p_[t_[k].begin - 1] == ' ';
  }

  // "... to the convention floor -- even as his rival closed in": a dash before a conjunction or an
  // article turns from the reported clause to the writer's comment on it.
  bool OpensTurnAfterDash(uint32_t k) const {
    static constexpr std::array<std::string_view, 13> kTurns = {
        "even", "as", "while", "when", "although", "though", "because", "but", "and", "just", "only", "a", "an"};
    uint32_t w = k + 1;
    while (IsPunct(w, '-')) ++w;
    // "those old - and previously unreported - postings": a second dash a few words on closes an aside
    // inside the clause, which goes on after it.
    for (uint32_t x = w + 1; x < last_ && x < w + 8 && (IsWord(x) || IsPunct(x, '-')); ++x) {
      if (SpacedDashAt(x)) return false;
    }
    for (std::string_view turn : kTurns) {
      if (LowerIs(w, turn)) return true;
    }
    return false;
  }

  // ", 39 have said they back the rival", ", recalled that ...", "-- they say it ...": after a comma or a
  // dash, a verb of speech within a short subject (or none: the same speaker goes on) starts a second,
  // coordinate attribution with a content of its own. A report nested in the content has no comma
  // before it ("said the mayor claimed ...") and stays inside.
  bool OpensReportingClause(uint32_t k, uint32_t end) const {
    uint32_t w = k + 1;
    while (IsPunct(w, '-')) ++w;
    for (uint32_t j = w; j < end && j < w + 5 && IsWord(j); ++j) {
      // "one in four", "six of 10 voters": a share names its speakers with a preposition.
      bool share = j > w && (LowerIs(j, "in") || LowerIs(j, "of")) && IsNumberWord(j - 1);
      if (Role(j) == WordRole::kClause && !share) return false;
      const CueEntry* cue = CueAt(j);
      // "..., had been promised work": a passive verb of speech reports nothing of its subject's.
      bool passive = j > w && (LowerIs(j - 1, "been") || LowerIs(j - 1, "was") || LowerIs(j - 1, "were") ||
                               LowerIs(j - 1, "is") || LowerIs(j - 1, "are") || LowerIs(j - 1, "being") ||
                               LowerIs(j - 1, "be"));
      if (cue != nullptr && !passive && (cue->frame == Frame::kSay || cue->frame == Frame::kTell) &&
          (IsWord(j + 1) || IsQuote(j + 1))) {
        return true;
      }
    }
    return false;
  }

  // The comma closing a relative clause opened at `comma` when the words from `begin` to it are a short
  // noun phrase (a name or a determiner and a few words, no verb) and a word follows the closing comma;
  // else kNone.
  uint32_t SubjectRelativeEnd(uint32_t begin, uint32_t comma, uint32_t end) const {
    if (comma - begin > 5 || !(Upper(begin) || Role(begin) == WordRole::kDeterminer)) return kNone;
    for (uint32_t j = begin; j < comma; ++j) {
      if (!IsWord(j) || Role(j) == WordRole::kAux || Role(j) == WordRole::kClause || CueAt(j) != nullptr)
        return kNone;
    }
    for (uint32_t j = comma + 2; j < end && j < comma + 20; ++j) {
      if (IsPunct(j, ',')) return IsWord(j + 1) && Role(j + 1) != WordRole::kClause ? j : kNone;
      if (!IsWord(j)) return kNone;
    }
    return kNone;
  }

  uint32_t SkipContentOpeners(uint32_t k) const {
    while (k < last_ && (IsPunct(k, ':') || IsPunct(k, ',') || IsPunct(k, '-') || LowerIs(k, "that"))) ++k;
    return k;
  }

  // The end of a content piece that stops before the next attribution at `anchor`: trailing commas and
  // conjunctions belong to neither.
  uint32_t CutBefore(uint32_t anchor, uint32_t begin) const {
    uint32_t e = anchor;
    while (e > begin && (t_[e - 1].kind == TokenKind::kPunct || LowerIs(e - 1, "and") || LowerIs(e - 1, "but")))
      --e;
    return e;
  }

  // Fills kind, content ranges and open_quote from token pieces. False when there is no content.
  bool FillContent(const Pieces& pieces, FoundAttribution* found) const {
    bool any_quote = false, any_word = false;
    Pieces trimmed;
    for (auto [b, e] : pieces) {
      while (b < e && t_[b].kind == TokenKind::kPunct) ++b;
      while (e > b && t_[e - 1].kind == TokenKind::kPunct) --e;
      if (b >= e) continue;
      for (uint32_t k = b; k < e; ++k) {
        if (t_[k].kind == TokenKind::kQuote) any_quote = true;
        if (t_[k].kind == TokenKind::kWord) any_word = true;
      }
      trimmed.Add(b, e);
    }
    if (trimmed.empty()) return false;
    uint32_t last_token = trimmed.back().second - 1;
    if (t_[last_token].kind == TokenKind::kQuote && !quotes_[t_[last_token].quote].closed)
      found->open_quote = t_[last_token].quote;
    if (any_quote && !any_word) {
      found->kind = v1::Quote::DIRECT;
      for (auto [b, e] : trimmed) {
        for (uint32_t k = b; k < e; ++k) {
          if (t_[k].kind != TokenKind::kQuote) continue;
          ByteRange inner = QuoteInner(quotes_[t_[k].quote]);
          if (!inner.empty()) found->content.push_back(inner);
        }
      }
      if (found->content.empty()) return false;
    } else {
      found->kind = any_quote ? v1::Quote::MIXED : v1::Quote::INDIRECT;
      for (auto [b, e] : trimmed) found->content.push_back(ByteRange{t_[b].begin, t_[e - 1].end});
    }
    return true;
  }

  // The words inside a quotation, without the comma or spaces news style leaves before the closing mark.
  ByteRange QuoteInner(const QuoteSpan& q) const {
    uint32_t b = q.content_begin, e = q.content_end;
    while (b < e && p_[b] == ' ') ++b;
    while (e > b && (p_[e - 1] == ' ' || p_[e - 1] == ',')) --e;
    return ByteRange{b, e};
  }

  // Transcripts: "Q: ...", "KATE JONES: ..." open a paragraph; the rest of the paragraph is the turn, whatever
  // verbs it holds ("ORTIZ: Well, Judge Brand believes ..." is Ortiz's turn, not Brand's belief).
  bool EmitTranscriptTurn(std::vector<FoundAttribution>* out) const {
    if (first_ != 0) return false;
    uint32_t c = 0;
    bool capitals = true, letter = false;
    while (c < last_ && c < 4 && IsWord(c)) {
      std::string_view w = Text(c);
      for (char ch : w) {
        capitals = capitals && !(ch >= 'a' && ch <= 'z');
        letter = letter || (ch >= 'A' && ch <= 'Z');
      }
      ++c;
    }
    // A speaker has a name: "6:15 a.m.", the time stamp of a live blog's entry, is not a turn.
    if (c == 0 || !capitals || !letter || !IsPunct(c, ':') || c + 1 >= t_.size() || IsQuote(c + 1)) return false;
    // "CORRECTION:", "UPDATE:", "EDITOR'S NOTE:": the publisher's labels, set like a speaker, speak for nobody.
    static constexpr std::array<std::string_view, 12> kEditorialLabels = {
        "correction", "clarification", "update", "updated", "editor", "note", "disclosure", "watch", "related",
        "video", "photos", "advertisement"};
    const std::string first = text::AsciiLower(Text(0));
    for (std::string_view label : kEditorialLabels) {
      if (first == label || (label == "editor" && first.starts_with("editor"))) return false;  // "EDITOR'S"
    }
    FoundAttribution found;
    found.pattern = "transcript_turn";
    found.cue = ByteRange{t_[c].begin, t_[c].end};
    found.speaker = ByteRange{t_[0].begin, t_[c - 1].end};
    found.kind = v1::Quote::INDIRECT;
    found.content.push_back(ByteRange{t_[c + 1].begin, t_.back().end});
    out->push_back(std::move(found));
    return true;
  }

  // Speaker tokens [speaker_begin, speaker_end), the colon, then a quotation to the sentence's end.
  bool EmitColonQuote(uint32_t colon, uint32_t speaker_begin, uint32_t speaker_end,
                      std::vector<FoundAttribution>* out) const {
    FoundAttribution found;
    found.pattern = "name_colon_quote";
    found.cue = ByteRange{t_[colon].begin, t_[colon].end};
    found.speaker = ByteRange{t_[speaker_begin].begin, t_[speaker_end - 1].end};
    Pieces pieces(colon + 1, last_);
    if (!FillContent(pieces, &found) || found.kind != v1::Quote::DIRECT) return false;
    out->push_back(std::move(found));
    return true;
  }

  // Name: "Q"  and  "Q" ― Name: a colon or a dash stands for the cue. The name is short and capitalised.
  bool EmitPunctuationCue(std::vector<FoundAttribution>* out) const {
    // Name: "Q"
    uint32_t k = first_;
    while (k < last_ && k - first_ < kMaxSpeakerWords && (IsWord(k) || IsPunct(k, '(') || IsPunct(k, ')'))) ++k;
    if (k > first_ && IsWord(first_) && Upper(first_) && IsPunct(k, ':') && IsQuote(k + 1)) {
      uint32_t speaker_end = k;
      for (uint32_t x = first_; x < k; ++x) {
        if (IsPunct(x, '(')) {
          speaker_end = x;
          break;
        }
        // "Derek hit back:", "Moss fumed:": plain words after the opening name are its verb, not part
        // of it (a title word or "of" goes on with it: "Harbour master Ove Lind:", "Friends of Kessby:").
        if (x > first_ && IsWord(x) && !Upper(x) && Upper(x - 1) && Role(first_) != WordRole::kDeterminer &&
            Role(x) != WordRole::kTitle && Role(x) != WordRole::kDeterminer && !LowerIs(x, "of") &&
            !LowerIs(x, "for") && !LowerIs(x, "and")) {
          bool plain_after = true;  // "Derek hit back:", not "Sales do not surprise Harbour Master Ines Ek:"
          for (uint32_t y = x; y < k && plain_after; ++y) plain_after = IsWord(y) && !Upper(y);
          if (plain_after) {
            speaker_end = x;
            break;
          }
        }
      }
      // A clause before the name is not part of it ("The delay does not surprise Harbour Master Ines
      // Kowalczyk:"): a run of two or more capitalised words after a plain word is the speaker.
      uint32_t speaker_begin = first_;
      uint32_t run = speaker_end;
      while (run > first_ && IsWord(run - 1) && (Upper(run - 1) || Role(run - 1) == WordRole::kTitle)) --run;
      if (run > first_ && speaker_end - run >= 2 && Role(run - 1) == WordRole::kNone) speaker_begin = run;
      if (speaker_end > first_ && EmitColonQuote(k, speaker_begin, speaker_end, out)) return true;
    }
    // "... does not surprise county pollster Ivo Marsh: "Q"": a name (capitalised words, titles among
    // them) just before a colon that opens the sentence's closing quotation.
    for (uint32_t c = first_ + 1; c + 1 < last_; ++c) {
      if (!IsPunct(c, ':') || !IsQuote(c + 1) || !IsWord(c - 1) || !Upper(c - 1)) continue;
      uint32_t s = c - 1;
      while (s > first_ && IsWord(s - 1) && (Upper(s - 1) || Role(s - 1) == WordRole::kTitle) &&
             c - s < kMaxSpeakerWords)
        --s;
      // After a preposition the name is spoken to or about ("a note for Varga:", "on her blog:"); a
      // day is a date line ("Tuesday:").
      if ((s > first_ && Role(s - 1) == WordRole::kClause) || Role(c - 1) == WordRole::kTime) break;
      if (EmitColonQuote(c, s, c, out)) return true;
      break;
    }
    // "Q" ― Name
    if (IsQuote(first_)) {
      uint32_t d = first_ + 1;
      while (d < last_ && t_[d].kind == TokenKind::kPunct && !IsPunct(d, '-')) ++d;
      if (IsPunct(d, '-') && IsWord(d + 1) && Upper(d + 1)) {
        uint32_t e = d + 1;
        while (IsWord(e) && e - d <= kMaxSpeakerWords) ++e;
        if (e >= last_ || IsPunct(e, ',') || IsEndPunct(e)) {
          FoundAttribution found;
          found.pattern = "quote_dash_name";
          found.cue = ByteRange{t_[d].begin, t_[d].end};
          found.speaker = ByteRange{t_[d + 1].begin, t_[e - 1].end};
          Pieces pieces(first_, d);
          if (FillContent(pieces, &found) && found.kind == v1::Quote::DIRECT) {
            out->push_back(std::move(found));
            return true;
          }
        }
      }
    }
    return false;
  }

  // ""Q," Fenwick snapped." / ""Q?" he barked.": a quotation that ends on a comma, ? or ! and is followed
  // by a short name or a pronoun and a past-tense verb is attributed by that verb even when the lexicon
  // lacks it; the comma inside the marks is news style's sign that an attribution follows.
  bool EmitVerbAfterQuote(std::vector<FoundAttribution>* out) const {
    if (!IsQuote(first_)) return false;
    const QuoteSpan& q = quotes_[t_[first_].quote];
    uint32_t e = q.content_end;
    while (e > q.content_begin && p_[e - 1] == ' ') --e;
    if (!q.closed || e == q.content_begin || (p_[e - 1] != ',' && p_[e - 1] != '?' && p_[e - 1] != '!')) return false;
    uint32_t k = first_ + 1;
    WordRole role = Role(k);
    uint32_t speaker_end = k;
    if (role == WordRole::kPronounPerson || role == WordRole::kPronounGroup) {
      speaker_end = k + 1;
    } else {
      while (IsWord(speaker_end) && Upper(speaker_end) && speaker_end - k < 4) ++speaker_end;
    }
    if (speaker_end == k || !IsWord(speaker_end)) return false;
    std::string_view verb = Text(speaker_end);
    if (Upper(speaker_end) || verb.size() < 5 || !verb.ends_with("ed") || Role(speaker_end) != WordRole::kNone)
      return false;
    // The verb closes the sentence or opens an adjunct: "Fenwick snapped in a late-night post."
    uint32_t after = speaker_end + 1;
    if (after < last_ && !IsEndPunct(after) && !IsPunct(after, ',') && Role(after) != WordRole::kClause &&
        Role(after) != WordRole::kTime)
      return false;
    FoundAttribution found;
    found.pattern = "quote_name_verb";
    found.cue = ByteRange{t_[speaker_end].begin, t_[speaker_end].end};
    found.speaker = ByteRange{t_[k].begin, t_[speaker_end - 1].end};
    Pieces pieces(first_, first_ + 1);
    if (!FillContent(pieces, &found)) return false;
    out->push_back(std::move(found));
    return true;
  }

  void EmitQuoteOnlySentence(std::vector<FoundAttribution>* out) const {
    bool any_quote = false;
    for (uint32_t k = first_; k < last_; ++k) {
      if (t_[k].kind == TokenKind::kWord) return;
      if (t_[k].kind == TokenKind::kQuote) any_quote = true;
    }
    if (!any_quote) return;
    FoundAttribution found;
    found.pattern = "quote_only_sentence";
    found.inherit_speaker = true;
    Pieces pieces(first_, last_);
    if (FillContent(pieces, &found)) out->push_back(std::move(found));
  }

  std::string_view p_;
  const std::vector<QuoteSpan>& quotes_;
  const std::vector<Token>& t_;
  const std::vector<const WordInfo*>& info_;
  uint32_t first_, last_;
  std::span<const uint32_t> cue_words_;  // this sentence's part of ParagraphTokens::cue_words
};

}  // namespace

std::vector<FoundAttribution> FindAttributions(std::string_view paragraph, const std::vector<QuoteSpan>& quotes,
                                               const ParagraphTokens& tokens, size_t max_per_sentence,
                                               bool opens_article) {
  std::vector<FoundAttribution> out;
  // The story starts after "CITY:": the first sentence's tokens begin past the colon.
  const size_t dateline_end = opens_article ? CapitalsColonDatelineEnd(paragraph) : 0;
  uint32_t dateline = 0;
  while (dateline_end > 0 && dateline < tokens.tokens.size() && tokens.tokens[dateline].begin < dateline_end) ++dateline;
  for (Sentence sentence : tokens.sentences) {
    if (sentence.first < dateline) sentence.first = dateline;
    SentenceMatcher(paragraph, quotes, tokens, sentence).Run(max_per_sentence, &out);
  }
  return out;
}

}  // namespace copydesk::stages::attribution
