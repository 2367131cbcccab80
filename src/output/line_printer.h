// output/line_printer.h: results one line each, for scripts, editors and fzf: `--files` prints
// each matching file once (rg -l), `--lines` prints "path:line: id  title" (grep -n, rg
// --vimgrep). Related results (not matches) are left out, as rg -l lists only matches. Control
// characters in titles and paths are neutralised, and a line never wraps.
#pragma once

#include <ostream>

#include "model/hit.h"

namespace tpm {

// Each file holding a match, once, in the order of its best hit.
void print_files(std::ostream& out, const SearchResults& results);

// One line a match: "path:line: id  title".
void print_lines(std::ostream& out, const SearchResults& results);

}  // namespace tpm
