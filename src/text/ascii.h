// text/ascii.h: byte classes and case of ASCII, where a rule is defined on ASCII only (markdown
// syntax, file names, labels, the ASCII fast paths of fold() and the word rules). Locale-free,
// unlike <cctype>, and one copy for every parser. Text in general goes through text::fold().
#pragma once

#include <string>
#include <string_view>

namespace tpm::text {

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_alnum(char c) {
    return is_ascii_lower(c) || is_ascii_upper(c) || is_ascii_digit(c);
}
// Space, tab, line ends, vertical tab and form feed.
inline bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

inline char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` with its ASCII letters lower-cased; other bytes unchanged.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

}  // namespace tpm::text
