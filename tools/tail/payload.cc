#include "tools/tail/payload.h"

#include <google/protobuf/stubs/strutil.h>

#include <cstdio>

#include "stages/text/utf8.h"

namespace copydesk::tools {

bool IsPrintableText(std::string_view bytes) {
  if (!text::IsValidUtf8(bytes)) return false;
  for (unsigned char c : bytes) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  // Protobuf (already linked for the contract) ships the encoder; no need for a hand-written one.
  std::string out;
  google::protobuf::Base64Escape(google::protobuf::StringPiece(bytes.data(), bytes.size()), &out);
  return out;
}

std::string HexDump(std::string_view bytes, size_t max_bytes) {
  std::string out;
  size_t shown = std::min(bytes.size(), max_bytes);
  char cell[24];
  for (size_t row = 0; row < shown; row += 16) {
    std::snprintf(cell, sizeof cell, "%08zx ", row);
    out += cell;
    std::string ascii;
    for (size_t i = row; i < row + 16; ++i) {
      if (i < shown) {
        unsigned char c = static_cast<unsigned char>(bytes[i]);
        std::snprintf(cell, sizeof cell, " %02x", c);
        out += cell;
        ascii.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '.');
      } else {
        out += "   ";
      }
    }
    out += "  |" + ascii + "|\n";
  }
  if (bytes.size() > shown) out += "... " + std::to_string(bytes.size() - shown) + " more bytes\n";
  return out;
}

std::string PrintableOrRepaired(std::string_view bytes) {
  std::string out;
  text::RepairUtf8(bytes, &out);
  return out;
}

}  // namespace copydesk::tools
