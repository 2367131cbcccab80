#include "output/cheat_sheet.h"

#include <cctype>
#include <string>

#include "text/printable.h"

namespace tpm {

namespace {

// `text` safe for a page: ill-formed UTF-8 and control characters neutralised (a line break
// becomes a space, so no text can start a line of its own), trimmed.
std::string one_printable_line(std::string_view text) {
    std::string s = text::printable(text, text::Controls::neutralise);
    const std::size_t first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "1." or "12)" at the start: an ordered list marker, which the dot or parenthesis makes.
std::size_t ordered_marker_end(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == 0 || i >= s.size() || (s[i] != '.' && s[i] != ')')) return 0;
    return i;
}

std::string plural(std::size_t n, std::string_view one) {
    return std::to_string(n) + " " + std::string(one) + (n == 1 ? "" : "s");
}

std::string location(const std::string& source, int line) {
    return line > 0 ? source + ":" + std::to_string(line) : source;
}

void markdown_question(std::ostream& out, const CheatSheetQuestion& q) {
    out << "## " << markdown_text(q.id) << ": " << markdown_text(q.title) << "\n\n";
    if (q.origin == Origin::notes) {
        out << "*Your question, " << markdown_text(location(q.source, q.line)) << "*\n\n";
    }
    for (const CheatSheetLine& line : q.lines) {
        out << "- ";
        if (!line.label.empty()) {
            out << "**" << markdown_text(line.label) << ":**" << (line.text.empty() ? "" : " ");
        }
        out << markdown_text(line.text) << "\n";
    }
    if (!q.lines.empty()) out << "\n";
    if (q.notes.empty()) return;
    out << "*Your notes:*\n\n";
    for (const CheatSheetNote& note : q.notes) {
        out << "- " << markdown_text(note.title) << " — " << markdown_text(note.id) << " ("
            << markdown_text(location(note.source, note.line)) << ")\n";
    }
    out << "\n";
}

}  // namespace

std::string markdown_text(std::string_view text) {
    const std::string s = one_printable_line(text);
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    // At the start of a list item or a line these would begin a list, a heading underline or a
    // nested list; elsewhere they are plain.
    std::size_t start = 0;
    if (!s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == '=')) {
        out += '\\';
    } else if (const std::size_t digits = ordered_marker_end(s); digits > 0) {
        out += s.substr(0, digits) + "\\";
        start = digits;
    }
    for (std::size_t i = start; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '<':
            case '>':
            case '#':
            case '|':
            case '~':
            case '&':
            case '@':
                out += '\\';
                break;
            case ':':
                if (s.compare(i + 1, 2, "//") == 0) out += '\\';
                break;
            case '.':
                // "www." starts an extended autolink; so does it after a space or '('.
                if (i >= 3 && s.compare(i - 3, 3, "www") == 0 &&
                    (i == 3 || !std::isalnum(static_cast<unsigned char>(s[i - 4])))) {
                    out += '\\';
                }
                break;
            default:
                break;
        }
        out += c;
    }
    return out;
}

void print_cheat_sheet_markdown(std::ostream& out, const CheatSheet& sheet) {
    out << "# Cheat sheet: " << markdown_text(sheet.title) << "\n\n";
    std::string meta = plural(sheet.questions.size(), "question");
    if (!sheet.selection.empty()) meta = one_printable_line(sheet.selection) + " · " + meta;
    out << markdown_text(meta) << "\n\n";
    for (const CheatSheetQuestion& q : sheet.questions) markdown_question(out, q);
}

}  // namespace tpm
