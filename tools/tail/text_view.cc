#include "tools/tail/text_view.h"

#include <google/protobuf/util/time_util.h>

namespace copydesk::tools {
namespace {

using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;

void AppendIdentity(std::string* out, const std::string& id, const std::string& source, const std::string& url,
                    const Timestamp* published, const std::string& language) {
  std::string line;
  auto add = [&line](std::string_view label, std::string_view value) {
    if (value.empty()) return;
    if (!line.empty()) line += " · ";
    line += label;
    line += ": ";
    line += value;
  };
  add("id", id);
  add("source", source);
  add("url", url);
  if (published != nullptr) add("published", TimeUtil::ToString(*published));
  add("language", language);
  if (!line.empty()) *out += line + "\n";
}

std::string CreditText(const v1::Credit& credit) {
  std::string text = credit.raw();
  std::string parsed;
  for (const std::string& photographer : credit.photographers()) {
    if (!parsed.empty()) parsed += ", ";
    parsed += photographer;
  }
  if (!credit.agency().empty()) parsed += (parsed.empty() ? "" : "; ") + std::string("agency ") + credit.agency();
  if (!credit.distributor().empty()) parsed += "; via " + credit.distributor();
  if (!parsed.empty()) text += (text.empty() ? "" : " → ") + parsed;
  return text;
}

void AppendCaption(std::string* out, const v1::Caption& caption) {
  *out += "[photo] ";
  if (!caption.headline().empty()) *out += caption.headline() + " — ";
  *out += caption.text();
  if (caption.has_credit()) *out += " (credit: " + CreditText(caption.credit()) + ")";
  *out += "\n\n";
}

std::string SpeakerText(const v1::Speaker& speaker) {
  std::string text = speaker.name().empty() ? speaker.mention() : speaker.name();
  if (text.empty()) text = "(unknown speaker)";
  std::string details;
  if (!speaker.title().empty()) details = speaker.title();
  if (!speaker.organization().empty()) details += (details.empty() ? "" : ", ") + speaker.organization();
  if (!details.empty()) text += " (" + details + ")";
  if (!speaker.name().empty() && !speaker.mention().empty() && speaker.mention() != speaker.name()) {
    text += " as \"" + speaker.mention() + "\"";
  }
  return text;
}

}  // namespace

std::string RenderEnrichedText(const v1::EnrichedArticle& article) {
  std::string out = "═══ " + (article.title().empty() ? std::string("(no title)") : article.title()) + "\n";
  AppendIdentity(&out, article.id(), article.source(), article.url(),
                 article.has_published_at() ? &article.published_at() : nullptr, article.language());
  out += "\n";
  // Captions stand before the paragraph they preceded in the input; those past the end close the body.
  int next_caption = 0;
  const int caption_count = article.captions_size();
  for (int p = 0; p < article.paragraphs_size(); ++p) {
    for (; next_caption < caption_count && article.captions(next_caption).position() <= static_cast<uint32_t>(p);
         ++next_caption) {
      AppendCaption(&out, article.captions(next_caption));
    }
    out += article.paragraphs(p).text() + "\n\n";
  }
  for (; next_caption < caption_count; ++next_caption) AppendCaption(&out, article.captions(next_caption));

  if (article.quotes_size() > 0) {
    out += "Quotes:\n";
    for (const v1::Quote& quote : article.quotes()) {
      out += "  - [" + v1::Quote::Kind_Name(quote.kind()) + "] \"" + quote.text() + "\" — " +
             SpeakerText(quote.speaker());
      if (!quote.cue().empty()) out += ", cue \"" + quote.cue() + "\"";
      out += "\n";
    }
  }
  if (article.sources_size() > 0) {
    out += "Sources:\n";
    for (const v1::NewsSource& source : article.sources()) {
      out += "  - " + source.name();
      if (!source.cue().empty()) out += " (" + source.cue() + ")";
      out += "\n";
    }
  }
  if (article.has_cleaning() && article.cleaning().removed_size() > 0) {
    out += "Removed:\n";
    for (const v1::RemovedSpan& removed : article.cleaning().removed()) {
      out += "  - " + v1::RemovedSpan::Reason_Name(removed.reason()) + ": " + removed.text() + "\n";
    }
  }
  if (article.warnings_size() > 0) {
    out += "Warnings:\n";
    for (const std::string& warning : article.warnings()) out += "  - " + warning + "\n";
  }
  return out;
}

std::string RenderRawText(const v1::RawArticle& article) {
  std::string out = "═══ " + (article.title().empty() ? std::string("(no title)") : article.title()) + "\n";
  AppendIdentity(&out, article.id(), article.source(), article.url(),
                 article.has_published_at() ? &article.published_at() : nullptr, article.language());
  out += "\n";
  if (!article.text().empty()) {
    out += article.text();
    if (article.text().back() != '\n') out += "\n";
  } else if (!article.html().empty()) {
    out += "(html, " + std::to_string(article.html().size()) + " bytes)\n";
  }
  return out;
}

}  // namespace copydesk::tools
