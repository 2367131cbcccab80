#include "output/styled_text.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "text/printable.h"
#include "text/width.h"

namespace tpm::detail {
namespace {

constexpr std::string_view kReset = "\x1b[0m";

// Colours follow ripgrep: paths magenta, line numbers green, matches bold red.
std::string_view sgr(Tone tone) {
    switch (tone) {
        case Tone::plain:
            return {};
        case Tone::bold:
            return "\x1b[1m";
        case Tone::label:
            return "\x1b[36m";
        case Tone::highlight:
            return "\x1b[1;31m";
        case Tone::path:
            return "\x1b[35m";
        case Tone::line_no:
            return "\x1b[32m";
        case Tone::dim:
            return "\x1b[2m";
    }
    return {};
}

constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();

struct Range {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// CJK punctuation that must not start a line (closing marks) or end one (opening marks), the
// core of the Japanese kinsoku rules; enough that a comma never starts a line.
bool closes(char32_t cp) {
    constexpr std::u32string_view kClosing =
        U"\u3001\u3002\uFF0C\uFF0E\uFF09\u300D\u300F"
        U"\u3011\u3009\u300B\uFF01\uFF1F\uFF1A\uFF1B\u30FC";
    return kClosing.find(cp) != std::u32string_view::npos;
}
bool opens(char32_t cp) {
    constexpr std::u32string_view kOpening = U"\uFF08\u300C\u300E\u3010\u3008\u300A";
    return kOpening.find(cp) != std::u32string_view::npos;
}

// The pieces a line may be broken between: space-separated words, and inside a word the
// single wide characters of CJK text, which is written without spaces and may break between
// any two ideographs (UAX #14 class ID). Latin words are never split. `text` is sanitised.
std::vector<Range> break_units(std::string_view text) {
    std::vector<Range> units;
    std::size_t i = 0;
    while ((i = text.find_first_not_of(' ', i)) != std::string_view::npos) {
        std::size_t unit_begin = i;
        bool prev_wide = false;
        char32_t prev = 0;
        while (i < text.size() && text[i] != ' ') {
            if (static_cast<unsigned char>(text[i]) < 0x80) {
                // ASCII is never wide: one byte, one column at most, no break inside.
                prev_wide = false;
                prev = static_cast<char32_t>(text[i]);
                ++i;
                continue;
            }
            const text::CodePoint cp = text::code_point_at(text, i);
            const bool wide = text::display_width(text.substr(i, cp.length)) == 2;
            if (wide && prev_wide && !closes(cp.value) && !opens(prev)) {
                units.push_back({unit_begin, i});
                unit_begin = i;
            }
            prev_wide = wide;
            prev = cp.value;
            i += cp.length;
        }
        units.push_back({unit_begin, i});
    }
    return units;
}

// Where a word wider than a whole line (a long path or URL) is cut, with the paragraph's
// indent kept on the next line: after the last '/', '-', '.', ':' and the like of the longest
// head of `unit` no wider than `limit` columns when one is in its second half, else at that
// head's end (at least one code point).
std::size_t fitting_end(std::string_view text, Range unit, std::size_t limit) {
    constexpr std::string_view kCutAfter = "/-_.:#?&=,;";
    std::size_t end = unit.begin;
    std::size_t width = 0;
    std::size_t cut = 0;  // after a character of kCutAfter in the head's second half
    while (end < unit.end) {
        const std::size_t length = text::code_point_at(text, end).length;
        const std::size_t w = text::display_width(text.substr(end, length));
        if (end > unit.begin && width + w > limit) break;
        width += w;
        end += length;
        if (length == 1 && kCutAfter.find(text[end - 1]) != std::string_view::npos &&
            2 * width >= limit && end < unit.end) {
            cut = end;
        }
    }
    return end < unit.end && cut > 0 ? cut : end;
}

// Greedy line filling over break_units(text): the first line may take `first` columns, the
// others `rest`. Spaces at a break are dropped; a unit wider than a line of its own is cut
// at the width (unless the line has no room at all). Widths are text::display_width, so wide
// characters count two columns.
std::vector<Range> wrap_lines(std::string_view text, std::size_t first, std::size_t rest) {
    std::vector<Range> lines;
    if (first == kUnlimited && rest == kUnlimited) {
        // Not wrapping (not a terminal): one line from the first unit to the last.
        const std::size_t begin = text.find_first_not_of(' ');
        if (begin != std::string_view::npos)
            lines.push_back({begin, text.find_last_not_of(' ') + 1});
        return lines;
    }
    auto unit_width = [text](Range unit) {
        return text::display_width(text.substr(unit.begin, unit.end - unit.begin));
    };
    Range line;
    bool open = false;  // `line` holds at least one unit
    std::size_t line_width = 0;
    for (Range unit : break_units(text)) {
        std::size_t width = unit_width(unit);
        const std::size_t gap = unit.begin - line.end;  // spaces, one column each
        if (open && line_width + gap + width <= (lines.empty() ? first : rest)) {
            line.end = unit.end;
            line_width += gap + width;
            continue;
        }
        if (open) lines.push_back(line);
        for (std::size_t limit = lines.empty() ? first : rest; limit > 0 && width > limit;
             limit = rest) {
            const std::size_t end = fitting_end(text, unit, limit);
            lines.push_back({unit.begin, end});
            unit.begin = end;
            width = unit_width(unit);
        }
        line = unit;
        line_width = width;
        open = true;
    }
    if (open) lines.push_back(line);
    return lines;
}

}  // namespace

void Styled::add_spans(std::string_view s, const std::vector<Span>& spans, Tone base, Tone marked) {
    std::vector<std::size_t> offsets;
    const std::string clean = text::printable(s, text::Controls::neutralise, &offsets);
    const std::size_t origin = text_.size();
    text_ += clean;
    tones_.resize(text_.size(), base);
    for (const Span& span : spans) {
        const std::size_t end = std::min(span.end, s.size());
        if (span.start >= end) continue;
        std::fill(tones_.begin() + static_cast<std::ptrdiff_t>(origin + offsets[span.start]),
                  tones_.begin() + static_cast<std::ptrdiff_t>(origin + offsets[end]), marked);
    }
}

void emit(std::ostream& out, const Styled& s, std::size_t begin, std::size_t end, bool color) {
    const std::string_view text = s.text();
    if (!color) {
        out << text.substr(begin, end - begin);
        return;
    }
    Tone current = Tone::plain;
    for (std::size_t i = begin; i < end; ++i) {
        if (s.tone(i) != current) {
            if (current != Tone::plain) out << kReset;
            current = s.tone(i);
            out << sgr(current);
        }
        out << text[i];
    }
    if (current != Tone::plain) out << kReset;
}

namespace {

// The lines write_wrapped() writes `body` in after `prefix`.
std::vector<Range> body_lines(const Styled& prefix, const Styled& body, std::size_t hang,
                              const TextStyle& style) {
    std::size_t first = kUnlimited;
    std::size_t rest = kUnlimited;
    if (style.width > 0) {
        const std::size_t prefix_width = text::display_width(prefix.text());
        first = style.width > prefix_width ? style.width - prefix_width : 0;
        rest = style.width > hang ? style.width - hang : 0;
    }
    return wrap_lines(body.text(), first, rest);
}

}  // namespace

std::size_t wrapped_line_count(const Styled& prefix, const Styled& body, std::size_t hang,
                               const TextStyle& style) {
    return std::max<std::size_t>(1, body_lines(prefix, body, hang, style).size());
}

void write_wrapped(std::ostream& out, const Styled& prefix, const Styled& body, std::size_t hang,
                   const TextStyle& style) {
    const std::vector<Range> lines = body_lines(prefix, body, hang, style);
    if (lines.empty()) {
        const std::size_t end = prefix.text().find_last_not_of(' ');
        emit(out, prefix, 0, end == std::string::npos ? 0 : end + 1, style.color);
        out << '\n';
        return;
    }
    emit(out, prefix, 0, prefix.text().size(), style.color);
    for (std::size_t n = 0; n < lines.size(); ++n) {
        if (n > 0) out << std::string(hang, ' ');
        emit(out, body, lines[n].begin, lines[n].end, style.color);
        out << '\n';
    }
}

void write_paragraph(std::ostream& out, std::size_t indent, const Styled& body,
                     const TextStyle& style) {
    write_wrapped(out, Styled(std::string(indent, ' '), Tone::plain), body, indent, style);
}

std::string two_decimals(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", x);
    return text;
}

}  // namespace tpm::detail
