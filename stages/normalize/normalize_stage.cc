#include "stages/normalize/normalize_stage.h"

#include <array>
#include <string>

#include "stages/text/utf8.h"

namespace copydesk::stages {
namespace {

constexpr std::array<ConfigKey, 1> kKeys = {{
    {"max_bytes", KeyType::kInt, "33554432",
     "Fail articles whose text is larger than this many bytes (they go to the dead-letter topic).", 1},
}};

class NormalizeStage final : public Stage {
 public:
  explicit NormalizeStage(int64_t max_bytes) : max_bytes_(max_bytes) {}

  std::string_view name() const override { return "normalize"; }

  StageResult Transform(Article& article) const override {
    const v1::RawArticle& raw = article.raw;
    if (raw.text().empty() && !raw.html().empty()) {
      return StageResult::Fail("html input needs the 'clean' stage in the chain");
    }
    if (static_cast<int64_t>(raw.text().size()) > max_bytes_) {
      return StageResult::Fail("text is " + std::to_string(raw.text().size()) + " bytes, above max_bytes " +
                               std::to_string(max_bytes_));
    }
    std::string text;
    size_t repaired = text::RepairUtf8(raw.text(), &text);
    if (repaired > 0) {
      article.out.mutable_cleaning()->set_invalid_utf8_repaired(static_cast<uint32_t>(repaired));
    }
    std::string title;
    {
      std::string repaired_title;
      text::RepairUtf8(raw.title(), &repaired_title);
      title = text::CollapseWhitespace(repaired_title);
    }
    bool title_from_text = title.empty();
    for (std::string_view line : text::SplitLines(text)) {
      std::string collapsed = text::CollapseWhitespace(line);
      if (collapsed.empty()) continue;
      if (title_from_text) {
        title = std::move(collapsed);
        title_from_text = false;
        continue;
      }
      article.out.add_paragraphs()->set_text(std::move(collapsed));
    }
    article.out.set_title(std::move(title));
    return StageResult::Continue();
  }

 private:
  int64_t max_bytes_;
};

}  // namespace

StageDescriptor NormalizeStageDescriptor() {
  return StageDescriptor{
      "normalize",
      "Repairs invalid UTF-8, takes the title, splits text into one paragraph per non-blank line.",
      kKeys,
      [](const StageOptions& options) -> StatusOr<std::unique_ptr<Stage>> {
        return std::unique_ptr<Stage>(new NormalizeStage(options.GetInt("max_bytes")));
      },
      /*in_default_chain=*/false,
      /*reads=*/{Facet::kDecoded}, /*writes=*/{Facet::kTitle, Facet::kBody},
  };
}

}  // namespace copydesk::stages
