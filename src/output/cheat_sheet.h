// output/cheat_sheet.h: a cheat sheet (model/cheat_sheet.h) as Markdown or as one
// self-contained HTML page for printing. Renders only: what the sheet holds was chosen by
// prep/cheat_sheet.h. Every text of the sheet came from the corpus or the user's notes, so it is
// escaped, never interpreted: a note cannot add a link, markup or structure to the page.
// May include model/ and text/.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "model/cheat_sheet.h"

namespace tpm {

enum class Paper { a4, letter };

// The sheet as CommonMark: "# Cheat sheet: TITLE", a line saying what was selected, then per
// question "## ID: QUESTION", its lines as a list ("- **Label:** first sentence"), and under
// "Your notes:" a list of the user's notes for it ("title — id (path:line)").
void print_cheat_sheet_markdown(std::ostream& out, const CheatSheet& sheet);

// The sheet as one HTML5 page with its CSS inline and nothing fetched from elsewhere: two
// columns of questions on screen and on paper, an @page rule for `paper` and each question
// kept whole on one page where it fits.
void print_cheat_sheet_html(std::ostream& out, const CheatSheet& sheet, Paper paper);

// `text` as CommonMark inline text that shows as written: control characters neutralised (line
// breaks become spaces), white space trimmed, every character with an inline meaning (\ ` * _
// [ ] < > # | ~ &) backslash-escaped, "://", "www." and "@" broken so no autolink forms, and a
// leading "-", "+", "=" or "1." / "1)" escaped so it starts no list or heading.
std::string markdown_text(std::string_view text);

// `text` as HTML character data or a quoted attribute value: control characters neutralised and
// & < > " ' as character references.
std::string html_text(std::string_view text);

}  // namespace tpm
