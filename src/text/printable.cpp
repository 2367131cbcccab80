#include "text/printable.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace tpm::text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The replacement for a well-formed code point on a terminal, or empty to keep it. General
// category Cc is "control" here, and of the format characters (Cf) the bidirectional controls:
// an override or isolate (U+202A..U+202E, U+2066..U+2069) reorders the rest of the line, so a
// query or note could show the reader text in another order than it holds ("Trojan Source",
// CVE-2021-42574), and the marks (U+200E, U+200F, U+061C) are invisible. Other format
// characters such as ZWJ or soft hyphen are harmless to a terminal and carry meaning in text.
std::string_view terminal_replacement(UChar32 c) {
    if (u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL)) return kReplacement;
    switch (u_charType(c)) {
        case U_LINE_SEPARATOR:
        case U_PARAGRAPH_SEPARATOR:
            return " ";
        case U_CONTROL_CHAR:
            // Tab, LF, VT, FF and CR separate words; NEL (U+0085) is left to U+FFFD because
            // terminals disagree on what it does.
            return (c >= 0x09 && c <= 0x0D) ? std::string_view(" ") : kReplacement;
        default:
            return {};
    }
}

// The code point at s[i] via U8_NEXT, or a negative value when s[i] does not start a
// well-formed sequence. `length` is the bytes read, always 1 for an ill-formed start: U8_NEXT
// would skip the maximal ill-formed subpart, but resynchronising after one byte keeps the
// contract that each bad byte becomes its own U+FFFD (and one column in text::display_width).
UChar32 next(std::string_view s, std::size_t i, std::size_t& length) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    const auto len = static_cast<int64_t>(s.size());
    auto pos = static_cast<int64_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, pos, len, c);
    length = c < 0 ? 1 : static_cast<std::size_t>(pos) - i;
    return c;
}

}  // namespace

std::string printable(std::string_view in, Controls controls, std::vector<std::size_t>* offsets) {
    std::string out;
    out.reserve(in.size());
    if (offsets != nullptr) offsets->assign(in.size() + 1, 0);
    std::size_t i = 0;
    while (i < in.size()) {
        // Runs of printable ASCII, most of any text, are copied whole: they need neither
        // decoding nor a property look-up.
        std::size_t run = i;
        while (run < in.size() && in[run] >= 0x20 && in[run] < 0x7F) ++run;
        if (run > i) {
            if (offsets != nullptr) {
                for (std::size_t k = i; k < run; ++k) (*offsets)[k] = out.size() + (k - i);
            }
            out.append(in.substr(i, run - i));
            i = run;
            continue;
        }
        std::size_t len = 0;
        const UChar32 c = next(in, i, len);
        if (offsets != nullptr) {
            for (std::size_t k = 0; k < len; ++k) (*offsets)[i + k] = out.size();
        }
        std::string_view replacement = c < 0 ? kReplacement : std::string_view{};
        if (c >= 0 && controls == Controls::neutralise) replacement = terminal_replacement(c);
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

CodePoint code_point_at(std::string_view utf8, std::size_t i) {
    std::size_t len = 0;
    const UChar32 c = next(utf8, i, len);
    return {c < 0 ? char32_t{0xFFFD} : static_cast<char32_t>(c), len};
}

std::string clipped(std::string_view utf8, std::size_t max_bytes) {
    if (utf8.size() <= max_bytes) return std::string(utf8);
    std::size_t end = 0;
    while (end < utf8.size()) {
        const std::size_t next = end + code_point_at(utf8, end).length;
        if (next > max_bytes) break;
        end = next;
    }
    return std::string(utf8.substr(0, end)) + "\xE2\x80\xA6 (" + std::to_string(utf8.size()) +
           " bytes)";  // U+2026 ellipsis
}

}  // namespace tpm::text
