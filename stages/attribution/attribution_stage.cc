#include "stages/attribution/attribution_stage.h"

#include <array>
#include <string>
#include <vector>

#include "stages/attribution/entity_table.h"
#include "stages/attribution/entity_words.h"
#include "stages/attribution/lexicon.h"
#include "stages/attribution/news_sources.h"
#include "stages/attribution/paragraph_tokens.h"
#include "stages/attribution/quote_scanner.h"
#include "stages/attribution/speakers.h"
#include "stages/attribution/speech_patterns.h"

namespace copydesk::stages {
namespace {

using attribution::ByteRange;
using attribution::EntityWords;
using attribution::FoundAttribution;
using attribution::Lexicon;
using attribution::QuoteSpan;
using attribution::SpeakerFacts;

constexpr std::array<ConfigKey, 2> kKeys = {{
    {"max_quotes_per_sentence", KeyType::kInt, "8",
     "At most this many attributions are taken from one sentence (bounds the output on pathological text).", 1},
    {"credit_listeners", KeyType::kBool, "true",
     "Credit a news organisation spoken to (\"told CNN\", \"in an interview with Reuters\") as a source."},
}};

constexpr int kInheritParagraphs = 2;

struct Settings {
  size_t max_per_sentence = 8;
  bool credit_listeners = true;
};

// The words inside a quotation, trimmed of spaces and of the comma left before the closing mark.
std::string_view QuoteWords(std::string_view paragraph, const QuoteSpan& q) {
  std::string_view s = paragraph.substr(q.content_begin, q.content_end - q.content_begin);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return s;
}

// A short quotation in title case with no sentence punctuation is the title of a work, a slogan or a
// name ("Harbour Lights Festival"), not speech.
bool LooksLikeWorkTitle(std::string_view s) {
  size_t words = 0, capitalised = 0;
  bool at_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' || c == '!' || c == '?' || c == ',') return false;
    bool letter = c != ' ';
    if (letter && !at_word) {
      ++words;
      if (attribution::StartsUpper(s.substr(i))) ++capitalised;
    }
    at_word = letter;
  }
  return words > 0 && words <= 6 && capitalised * 3 >= words * 2;
}

// A short quotation in title case is still speech when news style's comma closes it inside the marks
// ("Absolutely," he said): the words run on into an attribution. `end` is where the quoted words end.
bool LooksLikeWorkTitleAt(std::string_view text, uint32_t begin, uint32_t end) {
  size_t i = end;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size() && text[i] == ',') return false;
  return LooksLikeWorkTitle(text.substr(begin, end - begin));
}

class AttributionStage final : public Stage {
 public:
  AttributionStage(Lexicon lexicon, EntityWords words, Settings settings)
      : lexicon_(std::move(lexicon)), words_(std::move(words)), settings_(settings) {}

  std::string_view name() const override { return "attribution"; }

  StageResult Transform(Article& article) const override {
    v1::EnrichedArticle& out = article.out;
    const int n = out.paragraphs_size();
    std::vector<std::vector<QuoteSpan>> quotes(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) quotes[static_cast<size_t>(i)] = attribution::FindQuoteSpans(out.paragraphs(i).text());
    // continued[i]: paragraph i's first quotation was taken as the continuation of the one before.
    std::vector<bool> continued(static_cast<size_t>(n), false);

    attribution::EntityTable entities(lexicon_, words_);
    attribution::NewsSources sources(lexicon_, out);
    // Quotes are written straight into the output (nothing reads out.quotes before the end): Clear()
    // keeps the repeated field's elements and their strings for reuse, where building a local vector and
    // moving it in allocated every Quote and string afresh.
    out.clear_quotes();
    google::protobuf::RepeatedPtrField<v1::Quote>* result = out.mutable_quotes();
    SpeakerFacts last_speaker;
    std::string last_cue;
    int last_paragraph = -2;
    attribution::ParagraphTokens tokens;  // reused for every paragraph

    // "CITY: ..." opening the story is its dateline, unless a second "NAME: ..." follows: a transcript's
    // turns come one after another, a dateline comes once.
    const bool transcript = n > 1 && attribution::CapitalsColonDatelineEnd(out.paragraphs(1).text()) > 0;
    for (int i = 0; i < n; ++i) {
      const std::string& text = out.paragraphs(i).text();
      const std::vector<QuoteSpan>& spans = quotes[static_cast<size_t>(i)];
      attribution::Tokenize(text, spans, lexicon_, &tokens);
      entities.NoteParagraph(text, tokens);
      const bool opens_article = i == 0 && !transcript;
      if (size_t end = opens_article ? attribution::CapitalsColonDatelineEnd(text) : 0; end > 0) {
        entities.NotePlace(std::string_view(text).substr(0, end - 1));
      }
      std::vector<FoundAttribution> found =
          attribution::FindAttributions(text, spans, tokens, settings_.max_per_sentence, opens_article);
      for (FoundAttribution& f : found) {
        if (continued[static_cast<size_t>(i)] && f.inherit_speaker && !spans.empty() &&
            f.content.front().begin < spans.front().end) {
          continue;  // already part of the previous paragraph's quotation
        }
        std::string cue(text.substr(f.cue.begin, f.cue.end - f.cue.begin));
        SpeakerFacts speaker;
        if (f.inherit_speaker) {
          // News style runs one speaker's quotations over consecutive paragraphs: a quotation standing
          // alone (or a participle with no subject) belongs to the latest speaker when that speaker spoke
          // in this paragraph or in the last kInheritParagraphs before it.
          bool near = last_paragraph >= i - kInheritParagraphs;
          if (!near || last_speaker.mention.empty()) continue;
          if (f.cue.empty()) {
            if (f.kind == v1::Quote::DIRECT && f.content.size() == 1 &&
                LooksLikeWorkTitleAt(text, f.content[0].begin, f.content[0].end))
              continue;
            if (last_paragraph == i && !result->empty()) {
              // A quotation sentence after an attribution in the same paragraph continues its content.
              v1::Quote& previous = *result->Mutable(result->size() - 1);
              std::string joined = previous.text();
              for (const ByteRange& r : f.content) {
                joined += ' ';
                joined.append(text, r.begin, r.end - r.begin);
              }
              if (f.open_quote >= 0) AppendContinuation(out, quotes, i, &continued, &joined);
              previous.set_text(std::move(joined));
              if (previous.location().paragraph() == static_cast<uint32_t>(i))
                previous.mutable_location()->set_end(f.content.back().end);
              continue;
            }
            cue = last_cue;
          }
          speaker = last_speaker;
        } else {
          std::string_view mention = std::string_view(text).substr(f.speaker.begin, f.speaker.end - f.speaker.begin);
          // "Smith's criticism of": the speaker is Smith.
          for (std::string_view suffix : {"'s", "\xE2\x80\x99s"}) {
            if (mention.size() > suffix.size() && mention.ends_with(suffix)) mention.remove_suffix(suffix.size());
          }
          // A mention that cannot speak ("The", "Sanders may now") is a misread of the sentence: the
          // content may still be a report, but its speaker is not named rather than named wrong.
          if (!attribution::MentionCanSpeak(mention, lexicon_)) mention = {};
          bool according = f.frame == attribution::Frame::kAccording;
          // A news organisation credited for the reporting is one of the article's sources, and the claim
          // it reports ("..., according to the AP") is still an attribution: the outlet is its speaker.
          const bool outlet = !entities.IsKnownSurname(mention) &&
                              sources.Add(mention, according ? std::string_view(cue) : mention,
                                          according ? mention : std::string_view(cue));
          speaker = attribution::DescribeMention(mention, lexicon_);
          speaker.at = f.speaker.begin;
          if (outlet) {
            speaker.name = std::string(lexicon_.NewsOrganization(mention));
            speaker.title.clear();
            speaker.organization.clear();
            speaker.kind = v1::Speaker::ORGANIZATION;
          } else if (entities.IsPlace(mention)) {
            // A place does not speak: the mention was cut from a longer speaker ("a nurse in Dover") or
            // the cue is a verb of the content. The content stays; the speaker is not named.
            speaker.name.clear();
            speaker.title.clear();
            speaker.organization.clear();
            speaker.kind = v1::Speaker::UNKNOWN;
          } else if (!mention.empty()) {
            entities.Resolve(&speaker);
          }
        }
        if (settings_.credit_listeners && !f.listener.empty()) {
          std::string_view listener = std::string_view(text).substr(f.listener.begin, f.listener.end - f.listener.begin);
          sources.Add(listener, cue, listener);
        }
        uint32_t location_paragraph = static_cast<uint32_t>(i);
        if (f.content.empty() && f.content_in_next_paragraph && i + 1 < n &&
            !quotes[static_cast<size_t>(i + 1)].empty() && attribution::OpensWithQuote(out.paragraphs(i + 1).text()) &&
            !continued[static_cast<size_t>(i + 1)]) {
          // "X said:" ends the paragraph; the quotation opens the next one.
          const QuoteSpan& q = quotes[static_cast<size_t>(i + 1)].front();
          std::string_view next_text = out.paragraphs(i + 1).text();
          std::string_view words = QuoteWords(next_text, q);
          uint32_t begin = static_cast<uint32_t>(words.data() - next_text.data());
          f.content.push_back(ByteRange{begin, begin + static_cast<uint32_t>(words.size())});
          f.kind = v1::Quote::DIRECT;
          continued[static_cast<size_t>(i + 1)] = true;
          location_paragraph = static_cast<uint32_t>(i + 1);
          if (!q.closed && quotes[static_cast<size_t>(i + 1)].size() == 1) f.open_quote = 0;
          std::string content(words);
          if (f.open_quote >= 0) AppendContinuation(out, quotes, i + 1, &continued, &content);
          if (content.empty()) continue;
          EmitQuote(std::move(content), f, cue, speaker, location_paragraph, result);
          last_speaker = speaker;
          last_cue = cue;
          last_paragraph = i + 1;
          continue;
        }
        if (f.content.empty()) continue;
        if (f.kind == v1::Quote::DIRECT && f.content.size() == 1 && f.open_quote < 0 &&
            LooksLikeWorkTitleAt(text, f.content[0].begin, f.content[0].end))
          continue;
        std::string content;
        for (const ByteRange& r : f.content) {
          if (!content.empty()) content += ' ';
          content.append(text, r.begin, r.end - r.begin);
        }
        if (f.open_quote >= 0) AppendContinuation(out, quotes, i, &continued, &content);
        if (content.empty()) continue;
        EmitQuote(std::move(content), f, cue, speaker, location_paragraph, result);
        last_speaker = speaker;
        last_cue = cue;
        last_paragraph = i;
      }
    }
    // A role named before its holder: resolved once the whole article is in the table.
    for (v1::Quote& q : *result) {
      v1::Speaker* sp = q.mutable_speaker();
      if (sp->kind() != v1::Speaker::PERSON || sp->title().empty() || sp->name() != sp->title()) continue;
      SpeakerFacts late;
      late.mention = sp->mention();
      late.name = sp->name();
      late.title = sp->title();
      late.kind = sp->kind();
      if (entities.ResolveLate(&late)) {
        sp->set_name(late.name);
        sp->set_title(late.title);
      }
    }
    sources.WriteTo(&out);
    return StageResult::Continue();
  }

 private:
  static void EmitQuote(std::string content, const FoundAttribution& f, const std::string& cue,
                        const SpeakerFacts& speaker, uint32_t paragraph,
                        google::protobuf::RepeatedPtrField<v1::Quote>* result) {
    v1::Quote& quote = *result->Add();
    quote.set_text(std::move(content));
    quote.set_kind(f.kind);
    quote.set_cue(cue);
    quote.set_pattern(std::string(f.pattern));
    v1::Speaker* s = quote.mutable_speaker();
    s->set_mention(speaker.mention);
    s->set_name(speaker.name);
    s->set_title(speaker.title);
    s->set_organization(speaker.organization);
    s->set_kind(speaker.kind);
    v1::Location* location = quote.mutable_location();
    location->set_paragraph(paragraph);
    location->set_begin(f.content.front().begin);
    location->set_end(f.content.back().end);
  }

  // A quotation left open at a paragraph's end continues when the next paragraph reopens with a mark;
  // it ends at the first closing mark, or at a paragraph that does not reopen.
  static void AppendContinuation(const v1::EnrichedArticle& out, const std::vector<std::vector<QuoteSpan>>& quotes,
                                 int i, std::vector<bool>* continued, std::string* content) {
    for (int j = i + 1; j < out.paragraphs_size(); ++j) {
      const std::string& next = out.paragraphs(j).text();
      const std::vector<QuoteSpan>& spans = quotes[static_cast<size_t>(j)];
      if (spans.empty() || !attribution::OpensWithQuote(next) || (*continued)[static_cast<size_t>(j)]) return;
      (*continued)[static_cast<size_t>(j)] = true;
      content->push_back(' ');
      content->append(QuoteWords(next, spans.front()));
      if (spans.front().closed || spans.size() > 1) return;
    }
  }

  Lexicon lexicon_;
  EntityWords words_;
  Settings settings_;
};

}  // namespace

StageDescriptor AttributionStageDescriptor() {
  return StageDescriptor{
      "attribution",
      "Finds direct, mixed and reported speech with resolved speakers (quotes) and the news organisations "
      "credited for the reporting (sources).",
      kKeys,
      [](const StageOptions& options) -> StatusOr<std::unique_ptr<Stage>> {
        Settings settings;
        settings.max_per_sentence = static_cast<size_t>(options.GetInt("max_quotes_per_sentence"));
        settings.credit_listeners = options.GetBool("credit_listeners");
        StatusOr<Lexicon> lexicon = Lexicon::Load();
        if (!lexicon.ok()) return lexicon.status();
        StatusOr<EntityWords> words = EntityWords::Load();
        if (!words.ok()) return words.status();
        return std::unique_ptr<Stage>(
            new AttributionStage(std::move(lexicon).value(), std::move(words).value(), settings));
      },
      /*in_default_chain=*/true, /*reads=*/{Facet::kBody}, /*writes=*/{Facet::kQuotes, Facet::kSources},
  };
}

}  // namespace copydesk::stages
