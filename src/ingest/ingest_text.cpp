#include "ingest/ingest_text.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/ascii.h"

namespace tpm::detail {
namespace {

// A label is a short heading before ": ", like "Canary Releases" or "Study Netflix's culture
// and values". The limits keep sentences that merely contain a colon out: the corpus's longest
// label is "Recovery Time Objective (RTO) and Recovery Point Objective (RPO)", 9 words.
constexpr std::size_t kMaxLabelBytes = 80;
constexpr std::size_t kMaxLabelWords = 10;

// Zero-width and no-break spaces that editors leave around headings ("#### Situation\u200b"
// in the tech-interview-handbook): U+200B, U+2060, U+FEFF and U+00A0.
constexpr std::array<std::string_view, 4> kInvisibleSpaces = {"\xE2\x80\x8B", "\xE2\x81\xA0",
                                                              "\xEF\xBB\xBF", "\xC2\xA0"};

// The length of the invisible space `s` starts (or ends) with, or 0.
std::size_t invisible_space_prefix(std::string_view s) {
    for (std::string_view space : kInvisibleSpaces) {
        if (s.starts_with(space)) return space.size();
    }
    return 0;
}

std::size_t invisible_space_suffix(std::string_view s) {
    for (std::string_view space : kInvisibleSpaces) {
        if (s.ends_with(space)) return space.size();
    }
    return 0;
}

// `s` after the spaces it starts with: the bytes `is_space` takes and invisible spaces.
template <typename IsSpace>
std::string_view skip_front(std::string_view s, IsSpace is_space) {
    while (!s.empty()) {
        if (is_space(s.front())) {
            s.remove_prefix(1);
        } else if (const std::size_t n = invisible_space_prefix(s); n > 0) {
            s.remove_prefix(n);
        } else {
            break;
        }
    }
    return s;
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// An abbreviation in parentheses, as labels of the corpus expand them: one word of letters,
// digits and '/' with two capitals ("SLOs", "CI/CD") or letters and digits ("i18n"). A plural
// "(s)", a name "(Python)" or an aside "(Fall 2006)" belongs to a sentence, not a label.
bool is_abbreviation(std::string_view s) {
    std::size_t capitals = 0;
    std::size_t digits = 0;
    for (char c : s) {
        if (!text::is_ascii_alnum(c) && c != '/') return false;
        if (text::is_ascii_upper(c)) ++capitals;
        if (text::is_ascii_digit(c)) ++digits;
    }
    return capitals >= 2 || (digits > 0 && digits < s.size());
}

bool is_label(std::string_view label) {
    if (label.empty() || label.size() > kMaxLabelBytes) return false;
    const auto first = static_cast<unsigned char>(label.front());
    // A non-ASCII first letter may well be a capital; ICU is not available here to ask.
    if (first < 0x80 && !text::is_ascii_upper(label.front()) &&
        !text::is_ascii_digit(label.front())) {
        return false;
    }
    std::size_t words = 1;
    for (std::size_t i = 0; i < label.size(); ++i) {
        const char c = label[i];
        if (c == '.' || c == '?' || c == '!' || c == ',' || c == ';') return false;
        if (c == ' ') ++words;
        if (c == '(') {
            const std::size_t close = label.find(')', i);
            if (close == std::string_view::npos ||
                !is_abbreviation(label.substr(i + 1, close - i - 1))) {
                return false;
            }
            i = close;
        }
    }
    return words <= kMaxLabelWords;
}

// "**Label**: text", "**Label:** text", "**Label** - text": the bold span is the label.
std::optional<Labelled> split_bold_label(std::string_view text, std::size_t bold_end) {
    std::string_view bold = trim_space(text.substr(0, bold_end));
    std::string_view tail = text.substr(bold_end);
    bool separated = false;
    if (bold.ends_with(':')) {
        bold = trim_space(bold.substr(0, bold.size() - 1));
        separated = true;
    }
    separated = skip_separator(tail) || separated;
    tail = trim_space(tail);
    if (!separated || bold.empty() || bold.size() > kMaxLabelBytes || tail.empty()) {
        return std::nullopt;
    }
    return Labelled{bold, tail};
}

}  // namespace

std::string_view trim_space(std::string_view s) {
    return trim_space_end(skip_front(s, text::is_ascii_space));
}

std::string_view trim_space_end(std::string_view s) {
    while (!s.empty()) {
        if (text::is_ascii_space(s.back())) {
            s.remove_suffix(1);
        } else if (const std::size_t n = invisible_space_suffix(s); n > 0) {
            s.remove_suffix(n);
        } else {
            break;
        }
    }
    return s;
}

std::string_view skip_blanks(std::string_view s) {
    return skip_front(s, [](char c) { return c == ' ' || c == '\t'; });
}

bool skip_separator(std::string_view& s) {
    const std::string_view t = skip_blanks(s);
    for (std::string_view sep : {":", "-", "\xE2\x80\x93", "\xE2\x80\x94"}) {
        if (t.starts_with(sep)) {
            s = skip_blanks(t.substr(sep.size()));
            return true;
        }
    }
    return false;
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
        if (!is_continuation_byte(c)) ++n;
    }
    return n;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::size_t bullet_length(std::string_view line) {
    for (std::string_view b : {"- ", "* ", "+ ", "\xE2\x80\xA2 ", "\xE2\x80\x93 "}) {
        if (line.starts_with(b)) return b.size();
    }
    return 0;
}

char rule_char(std::string_view line, std::string_view chars) {
    if (line.size() < 3 || chars.find(line[0]) == std::string_view::npos) return 0;
    return line.find_first_not_of(line[0]) == std::string_view::npos ? line[0] : 0;
}

std::string first_sentence(std::string_view s, std::size_t max_bytes) {
    s = trim_space(s);
    std::size_t end = s.size();
    for (std::size_t i = 0; i + 1 < s.size() && i <= max_bytes; ++i) {
        const char c = s[i];
        if ((c == '.' || c == '?' || c == '!') && s[i + 1] == ' ') {
            end = i + 1;
            break;
        }
    }
    if (end <= max_bytes) return collapse_space(s.substr(0, end));
    // Cutting at a space keeps multi-byte UTF-8 sequences whole; text without spaces (CJK) is
    // cut at the last code point boundary.
    std::size_t cut = s.rfind(' ', max_bytes);
    if (cut == std::string_view::npos || cut == 0) {
        cut = max_bytes;
        while (cut > 0 && is_continuation_byte(s[cut])) --cut;
    }
    std::string title = collapse_space(s.substr(0, cut));
    while (!title.empty() && (title.back() == ',' || title.back() == ';' || title.back() == ':')) {
        title.pop_back();
    }
    return title + "...";
}

std::optional<Labelled> split_label(std::string_view text, std::size_t bold_end) {
    if (bold_end > 0 && bold_end < text.size()) {
        if (auto bold = split_bold_label(text, bold_end)) return bold;
    }
    // Only the first ": " within reach of a label's length can end one.
    const std::size_t colon = text.substr(0, kMaxLabelBytes + 2).find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view label = trim_space(text.substr(0, colon));
    const std::string_view rest = trim_space(text.substr(colon + 2));
    if (rest.empty() || !is_label(label)) return std::nullopt;
    return Labelled{label, rest};
}

}  // namespace tpm::detail
