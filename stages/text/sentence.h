// What a run of text looks like as language: how many words it has and whether it ends a sentence.
// Byte-level and ASCII-only on purpose (every stage calls these per paragraph): a word is a run of
// bytes that are not ASCII white space, so non-ASCII letters stay inside their words.
#pragma once

#include <cstddef>
#include <string_view>

namespace copydesk::text {

// Runs of bytes that are not ASCII white space (space, tab, line breaks, form feed).
size_t CountWords(std::string_view s);

// True when the text ends a sentence: '.', '!', '?' or U+2026, possibly followed by closing quotes and
// brackets (ASCII ones, U+201D, U+2019). Trailing white space is not skipped.
bool EndsWithSentencePunctuation(std::string_view s);

}  // namespace copydesk::text
