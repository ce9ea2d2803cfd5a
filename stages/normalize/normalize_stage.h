// normalize: the minimal first stage. Repairs invalid UTF-8, takes the title (RawArticle.title, else the
// first non-blank line of the text), and splits the text into paragraphs: one per non-blank line, white
// space collapsed. It knows nothing of boilerplate, mojibake or HTML: the `clean` stage does that work and
// replaces this one in a full chain. HTML-only input fails here with a reason rather than producing an
// empty body.
#pragma once

#include "stages/registry.h"

namespace copydesk::stages {

StageDescriptor NormalizeStageDescriptor();

}  // namespace copydesk::stages
