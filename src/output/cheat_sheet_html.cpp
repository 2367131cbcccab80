// The HTML half of output/cheat_sheet.h: one page, its style sheet inline, for the screen and
// for paper.
#include <string>

#include "output/cheat_sheet.h"
#include "text/printable.h"

namespace tpm {

namespace {

// Screen: a centred page with the questions as cards in rows, two side by side where the window
// is wide enough, so they read left to right and down, as a page scrolls. Paper: two newspaper
// columns a page in 8.5pt type, with room on the left for a binder's holes; a question may go on
// in the next column (keeping each whole would leave half a page blank under long ones), but
// never between its heading and its first line, nor inside a line or its notes.
// Only system fonts: the page fetches nothing.
constexpr std::string_view kStyle = R"css(
:root { --ink: #1c2330; --muted: #5a6475; --rule: #d3d9e2; --accent: #0a5aa8; --wash: #f3f6fa; }
* { box-sizing: border-box; }
html { background: #e9edf2; }
body { margin: 24px auto; max-width: 1120px; padding: 28px 36px; background: #fff;
  color: var(--ink); font: 10.5pt/1.38 "Helvetica Neue", Helvetica, Arial, "Liberation Sans",
  "DejaVu Sans", sans-serif; box-shadow: 0 1px 4px rgba(0, 0, 0, .18); }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1em;
  border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-bottom: 12px; }
h1 { font-size: 17pt; margin: 0; letter-spacing: -.01em; }
h1 .kind { color: var(--muted); font-weight: 400; }
header .meta { color: var(--muted); font-size: 9pt; text-align: right; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr));
  gap: 0 30px; align-items: start; }
section.question { margin: 0 0 11px; padding-bottom: 9px; border-bottom: 1px dotted var(--rule); }
h2, li, .notes, .origin { break-inside: avoid; }
h2 { font-size: 10.5pt; line-height: 1.3; margin: 0 0 4px; break-after: avoid; }
h2 .id { display: inline-block; min-width: 2.6em; margin-right: .45em; padding: 0 .3em;
  border-radius: 3px; background: var(--accent); color: #fff; font-size: 8.5pt;
  text-align: center; vertical-align: 1px; }
.origin { color: var(--muted); font-size: 8.5pt; margin: -2px 0 3px; }
ul { margin: 0; padding-left: 1.05em; }
ul.lines li { margin: 1px 0; }
ul.lines li::marker { color: var(--accent); }
.label { font-weight: 700; }
.notes { margin-top: 5px; padding: 3px 6px; background: var(--wash);
  border-left: 3px solid var(--accent); font-size: 9pt; }
.notes .heading { font-weight: 700; color: var(--accent); }
.notes ul { list-style: none; padding: 0; }
.notes .where { color: var(--muted); }
footer { margin-top: 8px; color: var(--muted); font-size: 8pt; text-align: right; }
.empty { color: var(--muted); }
@media print {
  html { background: none; }
  body { margin: 0; max-width: none; padding: 0; box-shadow: none; font-size: 8.5pt; }
  main { display: block; column-count: 2; column-gap: 7mm; column-rule: 1px solid var(--rule); }
  h2 { font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@media screen and (max-width: 760px) { body { margin: 0; padding: 16px; } }
)css";

std::string plural(std::size_t n, std::string_view one) {
    return std::to_string(n) + " " + std::string(one) + (n == 1 ? "" : "s");
}

std::string location(const std::string& source, int line) {
    return line > 0 ? source + ":" + std::to_string(line) : source;
}

void html_lines(std::ostream& out, const CheatSheetQuestion& q) {
    if (q.lines.empty()) return;
    out << "<ul class=\"lines\">\n";
    for (const CheatSheetLine& line : q.lines) {
        out << "<li>";
        if (!line.label.empty()) {
            out << "<span class=\"label\">" << html_text(line.label) << ":</span> ";
        }
        out << html_text(line.text) << "</li>\n";
    }
    out << "</ul>\n";
}

void html_notes(std::ostream& out, const CheatSheetQuestion& q) {
    if (q.notes.empty()) return;
    out << "<div class=\"notes\"><span class=\"heading\">Your notes</span>\n<ul>\n";
    for (const CheatSheetNote& note : q.notes) {
        out << "<li>" << html_text(note.title) << " <span class=\"where\">" << html_text(note.id)
            << " · " << html_text(location(note.source, note.line)) << "</span></li>\n";
    }
    out << "</ul></div>\n";
}

void html_question(std::ostream& out, const CheatSheetQuestion& q) {
    out << "<section class=\"question\" data-id=\"" << html_text(q.id) << "\">\n"
        << "<h2><span class=\"id\">" << html_text(q.id) << "</span>" << html_text(q.title)
        << "</h2>\n";
    if (q.origin == Origin::notes) {
        out << "<p class=\"origin\">Your question · " << html_text(location(q.source, q.line))
            << "</p>\n";
    }
    html_lines(out, q);
    html_notes(out, q);
    out << "</section>\n";
}

}  // namespace

std::string html_text(std::string_view text) {
    const std::string s = text::printable(text, text::Controls::neutralise);
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (const char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
                break;
        }
    }
    return out;
}

void print_cheat_sheet_html(std::ostream& out, const CheatSheet& sheet, Paper paper) {
    const std::string title = html_text(sheet.title);
    const std::string count = plural(sheet.questions.size(), "question");
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>Cheat sheet: " << title << "</title>\n<style>\n"
        << "@page { size: " << (paper == Paper::letter ? "letter" : "A4")
        << "; margin: 12mm 12mm 14mm 14mm; }" << kStyle << "</style>\n</head>\n<body>\n"
        << "<header><h1><span class=\"kind\">Cheat sheet:</span> " << title << "</h1>\n"
        << "<div class=\"meta\">" << html_text(sheet.selection) << "<br>" << count
        << "</div></header>\n<main>\n";
    for (const CheatSheetQuestion& q : sheet.questions) html_question(out, q);
    if (sheet.questions.empty()) out << "<p class=\"empty\">No questions.</p>\n";
    out << "</main>\n<footer>tpmsearch export</footer>\n</body>\n</html>\n";
}

}  // namespace tpm
