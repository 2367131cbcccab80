// The plain-text reader of the notes: headings are guessed from the shape of lines, paragraphs
// are separated by blank lines, and "- ", "* ", "• " and "1. " lines are list items.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/notes_blocks.h"
#include "text/ascii.h"

namespace tpm::detail {
namespace {

// A heading is a short line; longer ones are sentences that happen to stand alone.
constexpr std::size_t kMaxHeadingChars = 80;
// A file without a heading is titled by its first sentence, or this many bytes of it.
constexpr std::size_t kMaxTitleBytes = 80;

bool is_blank(std::string_view line) { return trim_space(line).empty(); }

bool is_short(std::string_view t) {
    return t.size() < kMaxHeadingChars * 4 && utf8_length(t) < kMaxHeadingChars;
}

// "===" or "---" (three or more) under a heading; returns its character, or 0.
char underline_char(std::string_view line) { return rule_char(trim_space(line), "=-"); }

// The length of a bullet (see bullet_length) or number ("1. ", "12) ") that opens `t`, or 0.
std::size_t item_marker_length(std::string_view t) {
    if (const std::size_t bullet = bullet_length(t); bullet > 0) return bullet;
    std::size_t n = 0;
    while (n < t.size() && n < 4 && text::is_ascii_digit(t[n])) ++n;
    if (n > 0 && n < 4 && n + 1 < t.size() && (t[n] == '.' || t[n] == ')') && t[n + 1] == ' ') {
        return n + 2;
    }
    return 0;
}

// The nesting of a numbered heading ("2. Design" is 1, "2.3 Caching" is 2), or 0 when `t` is
// not one.
int numbered_depth(std::string_view t) {
    std::size_t i = 0;
    int depth = 0;
    while (i < t.size() && text::is_ascii_digit(t[i])) {
        while (i < t.size() && text::is_ascii_digit(t[i])) ++i;
        ++depth;
        if (i < t.size() && t[i] == '.') ++i;
        if (i >= t.size() || !text::is_ascii_digit(t[i])) break;
    }
    if (depth == 0 || i >= t.size() || t[i] != ' ') return 0;
    return trim_space(t.substr(i)).empty() ? 0 : depth;
}

bool ends_sentence(std::string_view t) {
    const char last = t.back();
    return last == '.' || last == ',' || last == ';' || last == '!';
}

// A line that reads as text, not a title: a list item or a question/answer line.
bool reads_as_text(std::string_view t) {
    Block probe;
    probe.text = std::string(t);
    std::string_view rest;
    const Marker marker = marker_of(probe, rest);
    if (marker == Marker::question || marker == Marker::answer) return true;
    if (marker != Marker::none && !rest.empty()) return true;
    return item_marker_length(t) > 0 && numbered_depth(t) == 0;
}

// A heading needs no blank line under it ("Mentoring\nCoached a junior PM for six months."):
// a line of at most kMaxGluedHeadingWords words that is not a sentence, a list item or a
// numbered line, right above a longer line that ends a sentence. Two short lines without
// punctuation (an address, a list of names) stay text.
constexpr std::size_t kMaxGluedHeadingWords = 6;

bool heads_next_line(std::string_view t, std::string_view next) {
    if (next.empty() || ends_sentence(t) || t.ends_with('?') || numbered_depth(t) > 0 ||
        underline_char(next) != 0 || utf8_length(next) <= utf8_length(t)) {
        return false;
    }
    std::size_t words = 1;
    for (char c : t) words += c == ' ' ? 1 : 0;
    const char last = next.back();
    return words <= kMaxGluedHeadingWords && (last == '.' || last == '!' || last == '?');
}

std::string heading_text(std::string_view t) {
    if (t.ends_with(':')) t.remove_suffix(1);
    return collapse_space(t);
}

struct Lines {
    std::vector<std::string_view> text;
    std::vector<int> level;       // heading level, 0 for other lines
    std::vector<bool> underline;  // the === / --- under a heading
};

Lines split_into_lines(std::string_view body) {
    Lines lines;
    lines.text = split_lines(body);
    lines.level.assign(lines.text.size(), 0);
    lines.underline.assign(lines.text.size(), false);
    return lines;
}

std::size_t next_nonblank(const Lines& lines, std::size_t i) {
    while (i < lines.text.size() && is_blank(lines.text[i])) ++i;
    return i;
}

// Marks the heading lines. Every kind of heading stands after a blank line (or at the top). A
// plain short line is a heading before a blank line and more text, or right above a sentence
// (heads_next_line), and not when the next block is itself a heading (a run of short lines is
// a list), unless that is a STAR part.
// A heading on the first line is the title, level 1; below it, === underlines and plain lines
// are level 2, --- underlines level 3, and "1." level 2, "1.2" level 3.
void find_headings(Lines& lines) {
    const std::size_t n = lines.text.size();
    std::vector<bool> plain(n, false);
    const std::size_t first = next_nonblank(lines, 0);
    for (std::size_t i = first; i < n; ++i) {
        const std::string_view t = trim_space(lines.text[i]);
        if (t.empty() || lines.underline[i] || (i > 0 && !is_blank(lines.text[i - 1]))) continue;
        if (!is_short(t) || reads_as_text(t) || heading_text(t).empty()) continue;
        if (i + 1 < n) {
            if (const char u = underline_char(lines.text[i + 1]); u != 0) {
                lines.level[i] = i == first ? 1 : u == '=' ? 2 : 3;
                lines.underline[i + 1] = true;
                continue;
            }
        }
        if (i + 1 >= n) continue;
        if (!is_blank(lines.text[i + 1])) {
            if (heads_next_line(t, trim_space(lines.text[i + 1]))) {
                plain[i] = true;
                lines.level[i] = i == first ? 1 : 2;
            }
            continue;
        }
        const std::size_t next = next_nonblank(lines, i + 1);
        if (next >= n) continue;
        if (const int depth = numbered_depth(t); depth > 0) {
            if (!ends_sentence(t) && numbered_depth(trim_space(lines.text[next])) == 0) {
                lines.level[i] = i == first ? 1 : 1 + depth;
            }
        } else if (!ends_sentence(t)) {
            plain[i] = true;
            lines.level[i] = i == first ? 1 : 2;
        }
    }
    for (std::size_t i = first; i < n; ++i) {
        if (!plain[i] || i == first) continue;
        const std::size_t next = next_nonblank(lines, i + 1);
        if (next < n && lines.level[next] > 0 && star_heading(lines.text[next]) == Marker::none) {
            lines.level[i] = 0;
        }
    }
}

std::size_t indent_of(std::string_view line) {
    std::size_t indent = 0;
    for (char c : line) {
        if (c == ' ') {
            ++indent;
        } else if (c == '\t') {
            indent += 4;
        } else {
            break;
        }
    }
    return indent;
}

// A file with no heading is one block whose first line is its title: a short first line
// followed by more text becomes a heading of its own, else `title` is taken from it.
void title_headingless_file(Lines& lines, std::string& title) {
    const std::size_t n = lines.text.size();
    const std::size_t first = next_nonblank(lines, 0);
    bool any_heading = false;
    for (int level : lines.level) any_heading = any_heading || level > 0;
    if (any_heading || first >= n) return;
    const std::string_view t = trim_space(lines.text[first]);
    if (is_short(t) && !ends_sentence(t) && !reads_as_text(t) && !heading_text(t).empty() &&
        next_nonblank(lines, first + 1) < n) {
        lines.level[first] = 1;
    } else {
        title = first_sentence(t, kMaxTitleBytes);
    }
}

}  // namespace

std::vector<Block> text_blocks(std::string_view body, int first_line, std::string& title) {
    Lines lines = split_into_lines(body);
    find_headings(lines);
    title_headingless_file(lines, title);
    const std::size_t n = lines.text.size();

    std::vector<Block> blocks;
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t open = kNone;  // the paragraph or item that a next line continues
    std::size_t list_indent = 0;
    bool in_list = false;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view raw = lines.text[i];
        const std::string_view t = trim_space(raw);
        const int line = first_line + static_cast<int>(i);
        // A rule ("---", "===") separates paragraphs and carries no text.
        if (t.empty() || lines.underline[i] || underline_char(t) != 0) {
            open = kNone;
            continue;
        }
        if (lines.level[i] > 0) {
            blocks.push_back({BlockType::heading, lines.level[i], line, heading_text(t), 0, false});
            open = kNone;
            in_list = false;
            continue;
        }
        const std::size_t indent = indent_of(raw);
        if (const std::size_t bullet = item_marker_length(t); bullet > 0) {
            if (!in_list || indent < list_indent) list_indent = indent;
            in_list = true;
            const int depth = indent >= list_indent + 2 ? 2 : 1;
            blocks.push_back({BlockType::item, depth, line,
                              std::string(trim_space(t.substr(bullet))), 0, false});
            open = blocks.size() - 1;
            continue;
        }
        if (open == kNone) {
            if (in_list && indent > list_indent && !blocks.empty() &&
                blocks.back().type == BlockType::item) {
                // An indented paragraph after a blank line continues the list item above.
                open = blocks.size() - 1;
            } else {
                in_list = false;
                blocks.push_back({BlockType::paragraph, 0, line, std::string(t), 0, false});
                open = blocks.size() - 1;
                continue;
            }
        }
        blocks[open].text.push_back('\n');
        blocks[open].text.append(t);
    }
    return blocks;
}

}  // namespace tpm::detail
