#include "ingest/notes_blocks.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/ascii.h"

namespace tpm::detail {
namespace {

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

// Longer words first, so "question" is not read as "q" followed by "uestion". The single
// letters S, T and R ("S: ...") are STAR parts only with a colon; "A:" stays an answer here and
// is read as the Action inside a story (story_part).
constexpr std::array<Keyword, 11> kKeywords = {{
    {"situation", Marker::situation},
    {"question", Marker::question},
    {"action", Marker::action},
    {"answer", Marker::answer},
    {"result", Marker::result},
    {"task", Marker::task},
    {"q", Marker::question},
    {"a", Marker::answer},
    {"s", Marker::situation},
    {"t", Marker::task},
    {"r", Marker::result},
}};

bool is_star(Marker m) { return star_index(m) >= 0; }

// Skips a list number written as text ("1. ", "2) "), as in "1. Situation: ...".
std::string_view skip_number(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && text::is_ascii_digit(s[i])) ++i;
    if (i == 0 || i > 2 || i + 1 >= s.size() || (s[i] != '.' && s[i] != ')')) return s;
    if (s[i + 1] != ' ' && s[i + 1] != '\t') return s;
    return skip_blanks(s.substr(i + 1));
}

// "Situation - text": the word, a blank, a dash and a blank; "Action-items" is not a label.
bool skip_spaced_dash(std::string_view after, std::string_view& rest) {
    if (after.empty() || (after.front() != ' ' && after.front() != '\t')) return false;
    std::string_view t = skip_blanks(after);
    for (std::string_view dash : {"-", "\xE2\x80\x93", "\xE2\x80\x94"}) {
        if (t.starts_with(dash) && t.size() > dash.size() &&
            (t[dash.size()] == ' ' || t[dash.size()] == '\t')) {
            rest = trim_space(t.substr(dash.size()));
            return true;
        }
    }
    return false;
}

// The marker of one line: `text` starts at the line, `bold_end` counts from the same place.
Marker marker_at(std::string_view text, std::size_t bold_end, std::string_view& rest) {
    const std::size_t blank_lead = text.size() - skip_blanks(text).size();
    const std::string_view unnumbered = skip_number(text.substr(blank_lead));
    for (const Keyword& k : kKeywords) {
        // Only a STAR label may follow a list number written as text.
        const std::string_view s = is_star(k.marker) ? unnumbered : text.substr(blank_lead);
        const std::size_t lead = text.size() - s.size();
        if (!starts_with_word(s, k.word)) continue;
        std::string_view after = s.substr(k.word.size());
        if (is_star(k.marker) && k.word.size() == 1) {
            if (after.empty() || after.front() != ':') continue;
            rest = trim_space(after.substr(1));
            return k.marker;
        }
        if (!is_star(k.marker)) {
            // "Q:", "Q1:", "Question 2:", "Answer:".
            after = skip_blanks(after);
            while (!after.empty() && text::is_ascii_digit(after.front())) after.remove_prefix(1);
            after = skip_blanks(after);
            if (after.empty() || after.front() != ':') continue;
            rest = trim_space(after.substr(1));
            return k.marker;
        }
        const std::string_view spaced = skip_blanks(after);
        if (!spaced.empty() && spaced.front() == ':') {
            rest = trim_space(spaced.substr(1));
            return k.marker;
        }
        if (spaced.empty() || spaced.front() == '\n') {
            // The word alone on its line, as a bold paragraph heading ("**Situation**").
            rest = trim_space(spaced);
            return k.marker;
        }
        if (skip_spaced_dash(after, rest)) return k.marker;
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

}  // namespace

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

int story_part(const Block& block, std::string_view& rest) {
    const Marker marker = marker_of(block, rest);
    if (marker != Marker::answer) return star_index(marker);
    // "A:" between "T:" and "R:" is the Action; "Answer:" stays an answer.
    const std::string_view s = skip_blanks(block.text);
    return s.size() >= 2 && (s[0] == 'a' || s[0] == 'A') && s[1] == ':' ? 2 : -1;
}

Marker star_heading(std::string_view heading) {
    heading = skip_number(trim_space(heading));
    if (heading.ends_with(':')) heading = trim_space(heading.substr(0, heading.size() - 1));
    for (const Keyword& k : kKeywords) {
        if (is_star(k.marker) && k.word.size() > 1 && heading.size() == k.word.size() &&
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

}  // namespace tpm::detail
