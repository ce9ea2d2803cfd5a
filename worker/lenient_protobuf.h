// Reading a RawArticle whose string fields hold invalid UTF-8. proto3 requires strings to be UTF-8 and
// the C++ parser rejects the whole record otherwise, but a crawler's bytes are often broken: rather than
// dead-letter the article, parse it through a twin of RawArticle whose string fields are `bytes` (built
// at run time from RawArticle's own descriptor, so the two can never drift apart), then copy every field
// across with invalid sequences replaced by U+FFFD.
#pragma once

#include <cstddef>
#include <string_view>

#include "copydesk/v1/raw_article.pb.h"

namespace copydesk::worker {

// False when the bytes are not a RawArticle at all. *repairs counts the replaced sequences.
bool ParseRawArticleRepairingUtf8(std::string_view value, v1::RawArticle* article, size_t* repairs);

}  // namespace copydesk::worker
