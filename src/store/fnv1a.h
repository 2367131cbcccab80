// store/fnv1a.h: the 64-bit FNV-1a hash the index uses for names that must be short and
// stable: the key of a long path, a note file's id prefix, a file's content hash. Collisions
// among one user's files are not a practical concern; the hash is not a security measure.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace tpm::detail {

inline std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

// The last `digits` (1 to 16) lower-case hex digits of fnv1a(bytes).
inline std::string fnv1a_hex(std::string_view bytes, int digits = 16) {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(fnv1a(bytes)));
    return std::string(out + (16 - digits));
}

}  // namespace tpm::detail
