// ingest/ingest_text.h: the text rules every parser of ingest/ shares (the Q&A parser, the notes
// readers, front matter, the vocabulary pack), written once so the parsers cannot drift apart:
// what counts as space, lines, list bullets, "Label: text" labels and short titles.
// Internal to ingest/. May include model/ and text/; never Xapian, ICU headers or printing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tpm::detail {

// `s` without leading and trailing whitespace: ASCII whitespace and the invisible spaces
// editors leave around headings and labels (U+200B, U+2060, U+FEFF, U+00A0).
std::string_view trim_space(std::string_view s);

// `s` without trailing whitespace (as trim_space).
std::string_view trim_space_end(std::string_view s);

// `s` after any spaces, tabs and invisible spaces it starts with (not line ends).
std::string_view skip_blanks(std::string_view s);

// Skips the separator between a label and its text, ':' or a dash ("**Situation** - ..."),
// with the blanks around it. Returns false (leaving `s` as it was) if there is none.
bool skip_separator(std::string_view& s);

// Runs of ASCII whitespace (including '\n') collapsed to one space, ends trimmed (trim_space).
std::string collapse_space(std::string_view s);

// The non-empty `parts` joined with `sep`.
std::string join_nonempty(const std::vector<std::string>& parts, std::string_view sep);

// The length of `s` in code points.
std::size_t utf8_length(std::string_view s);

// The lines of `text` without their '\n'. A final line without one still counts; a final '\n'
// adds no empty line.
std::vector<std::string_view> split_lines(std::string_view text);

// The length of the bullet that opens a list item ("- ", "* ", "+ ", "• ", "– "), or 0.
std::size_t bullet_length(std::string_view line);

// The character of a rule made of three or more of one of `chars` and nothing else ("---",
// "***", "==="), or 0 when `line` is no such rule.
char rule_char(std::string_view line, std::string_view chars);

// The first sentence of `s` (trimmed, spaces collapsed), or when that is longer than
// `max_bytes`, its first words within `max_bytes` followed by "...".
std::string first_sentence(std::string_view s, std::size_t max_bytes);

// The two sides of a labelled text, as views into it (trimmed, inner spaces as written).
struct Labelled {
    std::string_view label;
    std::string_view text;
};

// Splits "Label: text" into label and text, the one rule of both the Q&A parser and the
// notes. The label is a short phrase before the first ": ", not a sentence that happens to
// contain a colon: at most 80 bytes and 10 words, starting with a capital or a digit (or a
// non-ASCII letter), without . ? ! , or ;, and with a parenthesis only around an abbreviation
// ("(SLOs)", "(CI/CD)", "(i18n)"; not "Maintainer(s)" or "(Fall 2006)").
// `bold_end`, the length of a bold span that opens `text` (markdown read by the notes), also
// makes "**Label**: text", "**Label:** text" and "**Label** - text" a label of up to 80 bytes.
// Returns nullopt when there is no label or no text after it.
std::optional<Labelled> split_label(std::string_view text, std::size_t bold_end = 0);

}  // namespace tpm::detail
