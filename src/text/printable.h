// text/printable.h: makes text safe to print. Ill-formed UTF-8 becomes U+FFFD and, for a
// terminal, control characters are neutralised, with a map of byte offsets so the printers can
// move highlight spans onto the cleaned text. Decoding and classification are ICU's.
// May include model/ and ICU; never Xapian or CLI11.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tpm::text {

enum class Controls {
    keep,        // JSON: the serialiser escapes them
    neutralise,  // terminal: whitespace controls become ' ', the rest and bidi controls U+FFFD
};

// `in` with every byte that does not start a well-formed UTF-8 sequence (stray continuation
// bytes, truncated and overlong sequences, surrogates, values past U+10FFFF) replaced by one
// U+FFFD each. With Controls::neutralise, tab, LF, VT, FF, CR and the line and paragraph
// separators U+2028/U+2029 also become ' ' (they would break the layout), and every other
// control character (C0 such as ESC and BEL, DEL, and C1 U+0080..U+009F, which some terminals
// obey as CSI and the like) becomes U+FFFD, and so does every bidirectional control (U+061C,
// U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which would reorder or hide what follows it.
// That holds for all terminal text alike, errors, echoed queries and results: a note may hold
// them as much as a query. JSON (Controls::keep) carries them, escaped by nothing: a program
// reading it gets the text as it is. Everything else is copied unchanged.
// When `offsets` is given it receives in.size() + 1 entries: the output offset of each input
// byte (bytes inside a sequence map to where the sequence starts) and, last, of the end.
// Throws nothing but std::bad_alloc.
std::string printable(std::string_view in, Controls controls,
                      std::vector<std::size_t>* offsets = nullptr);

// `utf8` as it may be quoted in a one-line message: whole when it is at most `max_bytes` long,
// else its first code points within `max_bytes` and "… (N bytes)". A 1 MB query is not
// echoed whole.
std::string clipped(std::string_view utf8, std::size_t max_bytes);

// A code point and the bytes it takes.
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 0;
};

// The code point starting at byte `i` of `utf8` (i < utf8.size()). A byte that does not start a
// well-formed sequence reads as U+FFFD of length 1, as printable() replaces it.
CodePoint code_point_at(std::string_view utf8, std::size_t i);

}  // namespace tpm::text
