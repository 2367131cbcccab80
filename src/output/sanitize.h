// output/sanitize.h: internal to output/ (header-only, no source file). Makes document text safe
// to print: ill-formed UTF-8 becomes U+FFFD and, for the terminal, control characters are
// neutralised, while keeping a map of byte offsets so highlight spans stay on the same words.
// Standard library only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tpm::detail {

inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The code point starting at s[i] and its length in bytes; length 0 when s[i] does not start a
// well-formed UTF-8 sequence (overlong forms, surrogates and values past U+10FFFF included).
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 0;
};

inline CodePoint decode_utf8(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return {};
    }
    if (i + len > s.size()) return {};
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0u) != 0x80u) return {};
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, len};
}

enum class Controls {
    keep,        // JSON: the serialiser escapes them
    neutralise,  // terminal: whitespace controls become ' ', the rest U+FFFD
};

// The replacement for a well-formed code point on a terminal, or empty to keep it. Tab, line
// feed, carriage return, vertical tab, form feed and the Unicode line/paragraph separators
// would break the layout, so they become spaces; every other C0 control (ESC, BEL, ...), DEL
// and the C1 controls (U+0080..U+009F, which some terminals treat as CSI etc.) become U+FFFD.
inline std::string_view terminal_replacement(char32_t cp) {
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x2028 || cp == 0x2029) return " ";
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return kReplacement;
    return {};
}

// `in` with every ill-formed byte replaced by U+FFFD and, with Controls::neutralise, control
// characters replaced as terminal_replacement() says. When `offsets` is given it receives
// in.size() + 1 entries: the output offset of each input byte (bytes inside a sequence map to
// where the sequence starts) and of the end, for moving Spans.
inline std::string sanitize_utf8(std::string_view in, Controls controls,
                                 std::vector<std::size_t>* offsets = nullptr) {
    std::string out;
    out.reserve(in.size());
    if (offsets != nullptr) offsets->assign(in.size() + 1, 0);
    std::size_t i = 0;
    while (i < in.size()) {
        const CodePoint cp = decode_utf8(in, i);
        const std::size_t len = cp.length == 0 ? 1 : cp.length;
        if (offsets != nullptr) {
            for (std::size_t k = 0; k < len; ++k) (*offsets)[i + k] = out.size();
        }
        std::string_view replacement = cp.length == 0 ? kReplacement : std::string_view{};
        if (cp.length != 0 && controls == Controls::neutralise) {
            replacement = terminal_replacement(cp.value);
        }
        if (replacement.empty()) {
            out.append(in.substr(i, len));
        } else {
            out.append(replacement);
        }
        i += len;
    }
    if (offsets != nullptr) offsets->back() = out.size();
    return out;
}

}  // namespace tpm::detail
