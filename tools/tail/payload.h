// Showing record bytes to a person: as text when they are printable UTF-8, otherwise as hex (text view)
// or base64 (JSON view), because a dead letter's value can be anything a producer sent.
#pragma once

#include <string>
#include <string_view>

namespace copydesk::tools {

// Valid UTF-8 without control characters other than tab and line breaks.
bool IsPrintableText(std::string_view bytes);

// Standard base64 with padding (RFC 4648 §4).
std::string Base64(std::string_view bytes);

// "00000000  de ad be ef ...  |....|" lines of 16 bytes; at most `max_bytes` bytes, then a line saying how
// many were left out.
std::string HexDump(std::string_view bytes, size_t max_bytes);

// Header values and keys are bytes too; this makes them safe to print as text (invalid UTF-8 becomes
// U+FFFD).
std::string PrintableOrRepaired(std::string_view bytes);

}  // namespace copydesk::tools
