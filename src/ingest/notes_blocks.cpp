#include "ingest/notes_blocks.h"
#include "text/ascii.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tpm::detail {
namespace {

constexpr std::size_t kMaxTitleBytes = 80;
// A label is a short heading before ": ", like "Caching" or "Why this company" (see qa_markdown).
constexpr std::size_t kMaxLabelBytes = 80;
constexpr std::size_t kMaxLabelWords = 10;

// Zero-width and no-break spaces that editors leave around headings ("#### Situation\u200b"
// in the tech-interview-handbook): U+200B, U+2060, U+FEFF and U+00A0.
constexpr std::array<std::string_view, 4> kInvisibleSpaces = {"\xE2\x80\x8B", "\xE2\x81\xA0",
                                                              "\xEF\xBB\xBF", "\xC2\xA0"};

// The length of the invisible space `s` starts with, or 0.
std::size_t invisible_prefix(std::string_view s) {
    for (std::string_view space : kInvisibleSpaces) {
        if (s.starts_with(space)) return space.size();
    }
    return 0;
}

std::size_t invisible_suffix(std::string_view s) {
    for (std::string_view space : kInvisibleSpaces) {
        if (s.ends_with(space)) return space.size();
    }
    return 0;
}

// True if `s` starts with `word` in any ASCII case.
bool starts_with_word(std::string_view s, std::string_view word) {
    if (s.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (text::ascii_lower(s[i]) != word[i]) return false;
    }
    return true;
}

struct Keyword {
    std::string_view word;
    Marker marker;
};

// Longer words first, so "question" is not read as "q" followed by "uestion".
constexpr std::array<Keyword, 8> kKeywords = {{
    {"situation", Marker::situation},
    {"question", Marker::question},
    {"action", Marker::action},
    {"answer", Marker::answer},
    {"result", Marker::result},
    {"task", Marker::task},
    {"q", Marker::question},
    {"a", Marker::answer},
}};

bool is_star(Marker m) { return star_index(m) >= 0; }

// Skips spaces and invisible spaces at the start of `s`.
std::string_view skip_space(std::string_view s) {
    while (!s.empty()) {
        if (s.front() == ' ' || s.front() == '\t') {
            s.remove_prefix(1);
        } else if (const std::size_t n = invisible_prefix(s); n > 0) {
            s.remove_prefix(n);
        } else {
            break;
        }
    }
    return s;
}

// Skips a separator between a bold label and its text: ':' or a dash ("**Situation** - ...").
// Returns false if `s` does not start with one.
bool skip_separator(std::string_view& s) {
    const std::string_view t = skip_space(s);
    for (std::string_view sep : {":", "-", "\xE2\x80\x93", "\xE2\x80\x94"}) {
        if (t.starts_with(sep)) {
            s = skip_space(t.substr(sep.size()));
            return true;
        }
    }
    return false;
}

// The marker of one line: `text` starts at the line, `bold_end` counts from the same place.
Marker marker_at(std::string_view text, std::size_t bold_end, std::string_view& rest) {
    const std::size_t lead = text.size() - skip_space(text).size();
    const std::string_view s = text.substr(lead);
    for (const Keyword& k : kKeywords) {
        if (!starts_with_word(s, k.word)) continue;
        std::string_view after = s.substr(k.word.size());
        if (!is_star(k.marker)) {
            // "Q:", "Q1:", "Question 2:", "Answer:".
            after = skip_space(after);
            while (!after.empty() && text::is_ascii_digit(after.front())) after.remove_prefix(1);
            after = skip_space(after);
            if (after.empty() || after.front() != ':') continue;
            rest = trim_space(after.substr(1));
            return k.marker;
        }
        const std::string_view spaced = skip_space(after);
        if (!spaced.empty() && spaced.front() == ':') {
            rest = trim_space(spaced.substr(1));
            return k.marker;
        }
        if (spaced.empty() || spaced.front() == '\n') {
            // The word alone on its line, as a bold paragraph heading ("**Situation**").
            rest = trim_space(spaced);
            return k.marker;
        }
        // "**Situation** - text": a bold word followed by a dash.
        const std::size_t word_end = lead + k.word.size();
        if (bold_end >= word_end &&
            trim_space(text.substr(word_end, bold_end - word_end)).empty()) {
            std::string_view tail = text.substr(bold_end);
            if (skip_separator(tail)) {
                rest = trim_space(tail);
                return k.marker;
            }
        }
    }
    return Marker::none;
}

bool is_label(std::string_view label) {
    if (label.empty() || label.size() > kMaxLabelBytes) return false;
    const auto first = static_cast<unsigned char>(label.front());
    // A non-ASCII first letter may well be a capital; ICU is not available here to ask.
    if (first < 0x80 && !(label.front() >= 'A' && label.front() <= 'Z') &&
        !text::is_ascii_digit(label.front())) {
        return false;
    }
    std::size_t words = 1;
    for (char c : label) {
        if (c == '.' || c == '?' || c == '!' || c == ',' || c == ';' || c == '(' || c == '/') {
            return false;
        }
        if (c == ' ') ++words;
    }
    return words <= kMaxLabelWords;
}

}  // namespace

bool split_label(std::string_view text, std::size_t bold_end, std::string& label,
                 std::string& rest) {
    if (bold_end > 0 && bold_end < text.size()) {
        std::string_view bold = trim_space(text.substr(0, bold_end));
        std::string_view tail = text.substr(bold_end);
        bool separated = false;
        if (bold.ends_with(':')) {
            bold = trim_space(bold.substr(0, bold.size() - 1));
            separated = true;
        }
        separated = skip_separator(tail) || separated;
        tail = trim_space(tail);
        if (separated && !bold.empty() && bold.size() <= kMaxLabelBytes && !tail.empty()) {
            label = collapse_space(bold);
            rest = collapse_space(tail);
            return true;
        }
    }
    const std::size_t colon = text.substr(0, kMaxLabelBytes + 2).find(": ");
    if (colon == std::string_view::npos) return false;
    const std::string_view head = trim_space(text.substr(0, colon));
    const std::string_view tail = trim_space(text.substr(colon + 2));
    if (tail.empty() || !is_label(head)) return false;
    label = collapse_space(head);
    rest = collapse_space(tail);
    return true;
}

Marker marker_of(const Block& block, std::string_view& rest) {
    return marker_at(block.text, block.bold_end, rest);
}

int star_index(Marker marker) {
    switch (marker) {
        case Marker::situation:
            return 0;
        case Marker::task:
            return 1;
        case Marker::action:
            return 2;
        case Marker::result:
            return 3;
        default:
            return -1;
    }
}

Marker star_heading(std::string_view heading) {
    heading = trim_space(heading);
    if (heading.ends_with(':')) heading = trim_space(heading.substr(0, heading.size() - 1));
    for (const Keyword& k : kKeywords) {
        if (is_star(k.marker) && heading.size() == k.word.size() &&
            starts_with_word(heading, k.word)) {
            return k.marker;
        }
    }
    return Marker::none;
}

std::vector<Block> split_at_markers(std::vector<Block> blocks) {
    std::vector<Block> out;
    out.reserve(blocks.size());
    for (Block& block : blocks) {
        if (block.type != BlockType::paragraph || block.keep_lines) {
            out.push_back(std::move(block));
            continue;
        }
        const std::string_view text = block.text;
        std::size_t piece_start = 0;
        int piece_line = block.line;
        int line = block.line;
        std::size_t pos = text.find('\n');
        const std::size_t first_out = out.size();
        while (pos != std::string_view::npos) {
            const std::size_t next = pos + 1;
            ++line;
            std::string_view rest;
            if (marker_at(text.substr(next), 0, rest) != Marker::none) {
                Block piece;
                piece.line = piece_line;
                piece.text = std::string(text.substr(piece_start, pos - piece_start));
                piece.bold_end = piece_start == 0 ? block.bold_end : 0;
                out.push_back(std::move(piece));
                piece_start = next;
                piece_line = line;
            }
            pos = text.find('\n', next);
        }
        if (piece_start == 0) {
            out.push_back(std::move(block));
        } else {
            Block piece;
            piece.line = piece_line;
            piece.text = std::string(text.substr(piece_start));
            out.push_back(std::move(piece));
        }
        // A bold span longer than the first piece ends inside it.
        if (out.size() > first_out + 1 && out[first_out].bold_end > out[first_out].text.size()) {
            out[first_out].bold_end = out[first_out].text.size();
        }
    }
    return out;
}

std::string_view trim_space(std::string_view s) {
    while (!s.empty()) {
        if (text::is_ascii_space(s.front())) {
            s.remove_prefix(1);
        } else if (const std::size_t n = invisible_prefix(s); n > 0) {
            s.remove_prefix(n);
        } else {
            break;
        }
    }
    while (!s.empty()) {
        if (text::is_ascii_space(s.back())) {
            s.remove_suffix(1);
        } else if (const std::size_t n = invisible_suffix(s); n > 0) {
            s.remove_suffix(n);
        } else {
            break;
        }
    }
    return s;
}

std::string collapse_space(std::string_view s) {
    s = trim_space(s);
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (text::is_ascii_space(c)) {
            space = true;
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::string join_nonempty(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out.append(sep);
        out.append(part);
    }
    return out;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

std::string short_title(std::string_view s) {
    s = trim_space(s);
    std::size_t end = s.size();
    for (std::size_t i = 0; i + 1 < s.size() && i <= kMaxTitleBytes; ++i) {
        const char c = s[i];
        if ((c == '.' || c == '?' || c == '!') && s[i + 1] == ' ') {
            end = i + 1;
            break;
        }
    }
    if (end <= kMaxTitleBytes) return collapse_space(s.substr(0, end));
    // Cutting at a space keeps multi-byte UTF-8 sequences whole; text without spaces (CJK) is
    // cut at the last code point boundary.
    std::size_t cut = s.rfind(' ', kMaxTitleBytes);
    if (cut == std::string_view::npos || cut == 0) {
        cut = kMaxTitleBytes;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    }
    std::string title = collapse_space(s.substr(0, cut));
    while (!title.empty() && (title.back() == ',' || title.back() == ';' || title.back() == ':')) {
        title.pop_back();
    }
    return title + "...";
}

}  // namespace tpm::detail
