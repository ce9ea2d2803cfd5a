// FNV-1a, 64 bits: the one definition of the hash's constants and step, for every place that hashes words or
// bytes (attribution's word lookups as it tokenizes, captions' word n-grams, the worker's fallback record
// keys). A step at a time, so that a scanner can hash a word while it reads it.
#pragma once

#include <cstdint>
#include <string_view>

namespace copydesk::text {

inline constexpr uint64_t kFnv1aBasis = 14695981039346656037ull;  // 0xcbf29ce484222325
inline constexpr uint64_t kFnv1aPrime = 1099511628211ull;        // 0x100000001b3

constexpr uint64_t Fnv1aStep(uint64_t hash, uint64_t value) { return (hash ^ value) * kFnv1aPrime; }

constexpr uint64_t Fnv1a(std::string_view bytes) {
  uint64_t hash = kFnv1aBasis;
  for (char c : bytes) hash = Fnv1aStep(hash, static_cast<unsigned char>(c));
  return hash;
}

}  // namespace copydesk::text
