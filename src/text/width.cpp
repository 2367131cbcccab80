#include "text/width.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace tpm::text {
namespace {

// Columns of one code point, after Markus Kuhn's wcwidth(), which terminals follow, with ICU's
// properties in place of its tables. Controls take none here (wcwidth says -1) because the
// printers never send them to the terminal as text.
std::size_t code_point_width(UChar32 c) {
    switch (u_charType(c)) {
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_CONTROL_CHAR:
            return 0;
        case U_FORMAT_CHAR:
            // SOFT HYPHEN is drawn as a hyphen by terminals.
            return c == 0x00AD ? 1 : 0;
        default:
            break;
    }
    // Medial vowels and final consonants of conjoining Hangul join the preceding leading
    // consonant into one wide syllable.
    const auto hangul = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (hangul == U_HST_VOWEL_JAMO || hangul == U_HST_TRAILING_JAMO) return 0;
    const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
    return 1;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto len = static_cast<int64_t>(utf8.size());
    std::size_t width = 0;
    int64_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            // ASCII fast path: printable characters take one column, controls none.
            width += (s[i] >= 0x20 && s[i] < 0x7F) ? 1 : 0;
            ++i;
            continue;
        }
        const int64_t start = i;
        UChar32 c = 0;
        U8_NEXT(s, i, len, c);
        // Each byte of an ill-formed sequence takes a column, as a terminal that draws a
        // replacement character for each bad byte shows it.
        width += c < 0 ? static_cast<std::size_t>(i - start) : code_point_width(c);
    }
    return width;
}

}  // namespace tpm::text
